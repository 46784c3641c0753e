/** Search: the `search.*` methods of the API contract. */
import { z } from 'zod';
import { Id } from '../../model/schemas';
import { method } from '../method';

/** One search hit; `highlights` are offsets in `snippet`, `target` offsets in Article.text (null: matched the title or metadata only). */
export const SearchResult = z.object({
  kind: z.enum(['article', 'highlight', 'claim']),
  articleId: Id,
  id: Id.nullable(),
  title: z.string(),
  outlet: z.string().nullable(),
  score: z.number(),
  snippet: z.string(),
  highlights: z.array(z.object({ start: z.number().int().nonnegative(), end: z.number().int().nonnegative() })),
  target: z.object({ start: z.number().int().nonnegative(), end: z.number().int().nonnegative() }).nullable(),
});
export type SearchResult = z.infer<typeof SearchResult>;
export const SearchResponse = z.object({
  total: z.number().int().nonnegative(),
  results: z.array(SearchResult),
  /** Parts of the query that were ignored (a bad date...). */
  warnings: z.array(z.string()),
});
export type SearchResponse = z.infer<typeof SearchResponse>;


export const searchMethods = {
  'search.query': method(
    'notebook',
    'Search articles, highlights and claims: words (all required, ranked), "phrases", prefix*, one-typo fuzzy, and filters outlet: kind: tag: status: from: to:.',
    z.object({ query: z.string().max(2000), limit: z.number().int().positive().max(500).optional() }).strict(),
    SearchResponse,
  ),
};
