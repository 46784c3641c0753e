/** Search: the `search.*` methods of the API contract. */
import { z } from 'zod';
import { Id } from '../../model/schemas';
import { method } from '../method';

export const SearchKind = z.enum(['article', 'highlight', 'claim', 'note', 'memo', 'brief', 'entity']);
export type SearchKind = z.infer<typeof SearchKind>;

/**
 * One search hit; `highlights` are offsets in `snippet`, `target` offsets in Article.text (null: matched
 * the title or metadata only, or not about a place in an article). `articleId` is null for memos, briefs
 * and entities; `id` is the record's id (null for an article or its note).
 */
export const SearchResult = z.object({
  kind: SearchKind,
  articleId: Id.nullable(),
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
    'Search articles, highlights, claims, notes, memos, briefs and entities: words (all required, ranked), "phrases", prefix*, one-typo fuzzy, and filters outlet: kind: tag: status: entity: from: to:.',
    z.object({ query: z.string().max(2000), limit: z.number().int().positive().max(500).optional() }).strict(),
    SearchResponse,
  ),
};
