/** Human output: compact aligned columns and short article descriptions. */
import type { AnchorReport } from '../../shared/api/contract';
import type { Annotation, Article, ArticleSummary, Claim } from '../../shared/model/schemas';

/** Pads every column but the last to its widest cell; lines never end in spaces. */
export function alignColumns(rows: string[][], gap = '  '): string[] {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, [...cell].length);
    });
  }
  return rows.map((row) =>
    row
      .map((cell, i) => (i === row.length - 1 ? cell : cell + ' '.repeat((widths[i] ?? 0) - [...cell].length)))
      .join(gap)
      .trimEnd(),
  );
}

export function shorten(text: string, max: number): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length <= max ? oneLine : `${oneLine.slice(0, max - 1)}…`;
}

const dash = (value: string | null | undefined): string => (value && value.trim() !== '' ? value : '-');

export function articleRows(items: ArticleSummary[]): string[] {
  const rows = items.map((a) => [a.id, dash(a.publishedAt?.slice(0, 10)), shorten(dash(a.outlet), 28), shorten(a.title, 90)]);
  return alignColumns([['ID', 'DATE', 'OUTLET', 'TITLE'], ...rows]);
}

export function describeArticle(article: Article & { annotations: Annotation[]; claims: Claim[] }): string {
  const lines: string[] = [article.title, ''];
  const fields: Array<[string, string | null]> = [
    ['Id', article.id],
    ['Outlet', article.outlet],
    ['Byline', article.byline],
    ['Published', article.publishedAt],
    ['URL', article.url],
    ['Language', article.language],
    ['File', `${article.source.fileName} (${article.source.mediaType})`],
    ['Imported', article.importedAt],
    ['Length', `${article.text.length} characters`],
  ];
  if (article.noise.length > 0) fields.push(['Noise', `${article.noise.length} marked range(s)`]);
  if (article.nearDuplicateOf) fields.push(['Near duplicate of', article.nearDuplicateOf]);
  lines.push(...alignColumns(fields.map(([k, v]) => [`${k}:`, dash(v)]), ' '));
  lines.push('', article.text.trimEnd(), '');
  lines.push(`Highlights: ${article.annotations.length}`);
  for (const a of article.annotations) {
    lines.push(`  ${a.id}  [${a.target.start}-${a.target.end}] "${shorten(a.target.exact, 70)}"${a.anchor.status === 'anchored' ? '' : ` (${a.anchor.status})`}`);
  }
  lines.push(`Claims: ${article.claims.length}`);
  for (const c of article.claims) {
    lines.push(`  ${c.id}  ${c.kind}, ${c.status}: ${shorten(c.statement || c.target.exact, 70)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** One row per highlight and claim after an edit: its new anchor, and the candidate of those needing review. */
export function describeAnchors(anchors: AnchorReport[]): string {
  if (anchors.length === 0) return 'No highlights or claims to re-anchor.\n';
  const rows = anchors.map((a) => {
    const note = a.needsReview
      ? `needs review${a.candidate ? ` (best candidate [${a.candidate.start}-${a.candidate.end}] "${shorten(a.candidate.exact, 40)}", ${a.candidate.score.toFixed(2)})` : ' (no candidate found)'}`
      : '';
    return [a.kind, a.id, a.status, a.score.toFixed(2), `"${shorten(a.quote, 50)}"${note ? `  ${note}` : ''}`];
  });
  const count = (s: AnchorReport['status']): number => anchors.filter((a) => a.status === s).length;
  return `${alignColumns(rows).join('\n')}\n${count('anchored')} anchored, ${count('fuzzy')} fuzzy, ${count('orphaned')} need review\n`;
}
