/**
 * CSV of the brief's cited claims (every claim of the notebook for a generated brief), RFC 4180:
 * CRLF line ends, fields quoted when they hold a comma, quote or line break, quotes doubled; a
 * UTF-8 byte order mark so Excel reads accents correctly. Cells that a spreadsheet would run as a
 * formula (starting with = + - @) are prefixed with an apostrophe (CSV injection).
 */
import { sourceForOutlet, formatDate } from '../../shared/brief/layout';
import type { ExportInput, Exporter } from './types';

export const CSV_COLUMNS = ['id', 'article', 'outlet', 'date', 'quote', 'statement', 'speaker', 'kind', 'status', 'credibility', 'reliability', 'tags', 'links'] as const;

export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function renderClaimsCsv(input: ExportInput): string {
  const articles = new Map(input.articles.map((a) => [a.id, a]));
  const tagNames = new Map(input.tags.map((t) => [t.id, t.name]));
  const rows: string[][] = [[...CSV_COLUMNS]];
  for (const c of input.layout.claims) {
    const article = articles.get(c.articleId);
    const outlet = article?.outlet ?? null;
    rows.push([
      c.id,
      article?.title ?? c.articleId,
      outlet ?? '',
      formatDate(article?.publishedAt ?? null),
      c.target.exact,
      c.statement,
      c.speaker ?? '',
      c.kind,
      c.status,
      c.credibility === null ? '' : String(c.credibility),
      sourceForOutlet(input.sources, outlet)?.reliability ?? '',
      c.tags.map((id) => tagNames.get(id) ?? id).join('; '),
      c.links.map((l) => `${l.relation}:${l.claimId}`).join('; '),
    ]);
  }
  return `\uFEFF${rows.map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`;
}

export const csvExporter: Exporter = {
  format: 'csv',
  label: 'Claims as CSV (.csv)',
  extension: 'csv',
  mediaType: 'text/csv; charset=utf-8',
  binary: false,
  render: async (input) => renderClaimsCsv(input),
};
