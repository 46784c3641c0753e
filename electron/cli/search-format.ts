/** Human output of `dossier search`: one block per hit, matches marked with [brackets]. */
import type { SearchResponse } from '../../shared/api/contract';
import { shorten } from './format';

/** The snippet with each highlighted range wrapped in [ ]. */
export function markSnippet(snippet: string, highlights: readonly { start: number; end: number }[]): string {
  let out = '';
  let at = 0;
  for (const h of [...highlights].sort((a, b) => a.start - b.start)) {
    if (h.start < at) continue;
    out += `${snippet.slice(at, h.start)}[${snippet.slice(h.start, h.end)}]`;
    at = h.end;
  }
  return out + snippet.slice(at);
}

export function formatSearchResults(query: string, response: SearchResponse): string {
  const lines: string[] = [];
  for (const w of response.warnings) lines.push(`note: ${w}`);
  if (response.results.length === 0) {
    lines.push(`No matches for ${JSON.stringify(query)}.`);
    return `${lines.join('\n')}\n`;
  }
  for (const r of response.results) {
    const where = r.target ? ` @${r.target.start}-${r.target.end}` : '';
    // Memos, briefs and entities belong to no article: their own id names them.
    const id = r.articleId === null ? (r.id ?? '') : r.id ? `${r.articleId}/${r.id}` : r.articleId;
    lines.push(`${r.kind.padEnd(9)} ${id}${where}  ${shorten(r.title, 80)}${r.outlet ? ` (${r.outlet})` : ''}`);
    lines.push(`          ${markSnippet(r.snippet, r.highlights)}`);
  }
  const shown = response.results.length;
  lines.push(shown < response.total ? `${shown} of ${response.total} matches (more with --limit)` : `${response.total} match${response.total === 1 ? '' : 'es'}`);
  return `${lines.join('\n')}\n`;
}
