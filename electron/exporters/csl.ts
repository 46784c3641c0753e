/**
 * CSL-JSON of the cited articles (for Zotero, Pandoc citeproc, reference managers): an array of
 * `article-newspaper` items in order of first citation, with title, container-title (the
 * outlet), author from the byline, issued date-parts, URL, accessed (import date) and language.
 */
import type { ArticleSummary } from '../../shared/model/schemas';
import type { Exporter } from './types';

export interface CslName {
  family?: string;
  given?: string;
  literal?: string;
}

export interface CslItem {
  id: string;
  type: 'article-newspaper';
  title: string;
  'container-title'?: string;
  author?: CslName[];
  issued?: { 'date-parts': number[][] };
  accessed?: { 'date-parts': number[][] };
  URL?: string;
  language?: string;
}

/** "By Jane Doe and John Smith" -> two names; agencies and one-word names stay literal. */
export function bylineAuthors(byline: string | null): CslName[] {
  if (!byline) return [];
  const cleaned = byline.replace(/^\s*by\s+/i, '').replace(/\s*[|,]\s*(staff|reporter|correspondent).*$/i, '').trim();
  if (!cleaned) return [];
  return cleaned
    .split(/\s*(?:,|;|\band\b|&|\bund\b|\bet\b|\by\b)\s*/i)
    .map((n) => n.trim())
    .filter((n) => n !== '')
    .map((name) => {
      const words = name.split(/\s+/);
      // An organisation ("Reuters", "AFP staff") or a name we cannot split is kept whole.
      if (words.length < 2 || words.length > 4 || words.some((w) => /^[A-Z]{2,}$/.test(w))) return { literal: name };
      return { family: words[words.length - 1]!, given: words.slice(0, -1).join(' ') };
    });
}

/** [[y, m, d]] from an ISO date (as much of it as is there). */
export function dateParts(iso: string | null): { 'date-parts': number[][] } | undefined {
  const m = iso ? /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(iso) : null;
  if (!m) return undefined;
  return { 'date-parts': [[m[1], m[2], m[3]].filter((x): x is string => x !== undefined).map(Number)] };
}

export function cslItem(a: ArticleSummary): CslItem {
  const item: CslItem = { id: a.id, type: 'article-newspaper', title: a.title };
  if (a.outlet) item['container-title'] = a.outlet;
  const authors = bylineAuthors(a.byline);
  if (authors.length > 0) item.author = authors;
  const issued = dateParts(a.publishedAt);
  if (issued) item.issued = issued;
  const accessed = dateParts(a.importedAt);
  if (accessed) item.accessed = accessed;
  if (a.url) item.URL = a.url;
  if (a.language) item.language = a.language;
  return item;
}

export const cslExporter: Exporter = {
  format: 'csl',
  label: 'CSL-JSON citations (.json)',
  extension: 'csl.json',
  mediaType: 'application/vnd.citationstyles.csl+json',
  binary: false,
  render: async ({ layout, articles }) => {
    const byId = new Map(articles.map((a) => [a.id, a]));
    const ids = [...new Set(layout.footnotes.map((f) => f.articleId))];
    const items = ids.map((id) => byId.get(id)).filter((a): a is ArticleSummary => a !== undefined).map(cslItem);
    return `${JSON.stringify(items, null, 2)}\n`;
  },
};
