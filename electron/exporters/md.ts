/**
 * Markdown (CommonMark with GFM tables and footnotes): citations as `[^n]`, each footnote giving
 * the exact quote, the outlet, the article's title and date, and the Admiralty grades.
 */
import { formatDate, formatGrade } from '../../shared/brief/layout';
import type { BriefBlock, BriefFootnote, BriefInline, BriefLayout } from '../../shared/brief/model';
import type { Exporter } from './types';

/** Backslash-escapes the characters Markdown would read as syntax. */
export function escapeMarkdown(text: string, atLineStart = true): string {
  // Parentheses, braces and "!" are literal unless they follow "]", which is itself escaped.
  const inline = text.replace(/([\\`*_[\]<>|~])/g, '\\$1');
  // "#", "-", "+", "=" and "1." are syntax only at the start of a line (not in a table cell).
  return atLineStart ? inline.replace(/^(\s*)(#|[-=+]|\d+\.)(\s|$)/gm, '$1\\$2$3') : inline;
}

function inlineMd(inlines: readonly BriefInline[], inTable = false): string {
  let out = '';
  for (const i of inlines) {
    if (i.type === 'cite') {
      out += `[^${i.n}]`;
      continue;
    }
    let s = escapeMarkdown(i.text, !inTable);
    // Line breaks: a hard break in a paragraph, a space in a table cell (cells are one line).
    s = inTable ? s.replace(/\n/g, ' ') : s.replace(/\n/g, '\\\n');
    const lead = s.match(/^\s*/)![0];
    const trail = s.match(/\s*$/)![0];
    const core = s.trim();
    if (core && (i.bold || i.italic)) {
      const mark = i.bold && i.italic ? '***' : i.bold ? '**' : '*';
      s = `${lead}${mark}${core}${mark}${trail}`;
    }
    out += s;
  }
  return out;
}

function blockMd(b: BriefBlock): string {
  switch (b.type) {
    case 'heading':
      return `${'#'.repeat(b.level)} ${escapeMarkdown(b.text)}`;
    case 'paragraph':
      return inlineMd(b.inlines);
    case 'list':
      return b.items.map((item, k) => `${b.ordered ? `${k + 1}.` : '-'} ${inlineMd(item).replace(/\n/g, '\n   ')}`).join('\n');
    case 'judgment': {
      const tags = [b.likelihood ? `**${b.likelihood[0]!.toUpperCase()}${b.likelihood.slice(1)}**` : null, b.confidence ? `*${b.confidence} confidence*` : null].filter(Boolean);
      return `> ${tags.length > 0 ? `${tags.join(' · ')}: ` : ''}${inlineMd(b.inlines).replace(/\n/g, '\n> ')}`;
    }
    case 'table': {
      const row = (cells: string[]): string => `| ${cells.join(' | ')} |`;
      const lines = [row(b.header.map((h) => escapeMarkdown(h, false))), row(b.header.map(() => '---')), ...b.rows.map((r) => row(r.map((c) => inlineMd(c, true) || ' ')))];
      return `${b.caption ? `*${escapeMarkdown(b.caption)}*\n\n` : ''}${lines.join('\n')}`;
    }
  }
}

/** The footnote text: quote, outlet, title, date and grades, on one line. */
export function footnoteLine(f: BriefFootnote): string {
  const quote = escapeMarkdown(`“${f.quote.replace(/\s+/g, ' ').trim()}”`);
  const title = f.url ? `[${escapeMarkdown(f.title)}](<${f.url.replace(/[<>\s]/g, encodeURIComponent)}>)` : `*${escapeMarkdown(f.title)}*`;
  const where = [f.speaker ? `said by ${escapeMarkdown(f.speaker)}` : null, f.outlet ? escapeMarkdown(f.outlet) : null, title, formatDate(f.publishedAt) || null];
  return `${quote} — ${where.filter((w) => w !== null).join(', ')}. Grade ${formatGrade(f.reliability, f.credibility)} (source reliability, information credibility).`;
}

export function renderBriefMarkdown(layout: BriefLayout): string {
  const parts: string[] = [];
  const first = layout.blocks[0];
  // The template starts with the title as a heading; add one only when the document has none.
  if (!(first?.type === 'heading' && first.level === 1)) parts.push(`# ${escapeMarkdown(layout.title)}`);
  for (const b of layout.blocks) parts.push(blockMd(b));
  if (layout.footnotes.length > 0) parts.push(layout.footnotes.map((f) => `[^${f.n}]: ${footnoteLine(f)}`).join('\n'));
  parts.push(`---\n*${escapeMarkdown(`Exported from the Dossier notebook "${layout.notebookName}" on ${formatDate(layout.generatedAt)}.`)}*`);
  return `${parts.filter((p) => p !== '').join('\n\n')}\n`;
}

export const mdExporter: Exporter = {
  format: 'md',
  label: 'Markdown (.md)',
  extension: 'md',
  mediaType: 'text/markdown; charset=utf-8',
  binary: false,
  render: async ({ layout }) => renderBriefMarkdown(layout),
};
