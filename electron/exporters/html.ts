/**
 * Self-contained printable HTML: one file with inline CSS, no scripts, no remote references, every
 * text escaped. Citations are superscript links to a numbered footnotes section (quote, outlet,
 * title, date, grades). The PDF exporter prints exactly this page (`renderBriefHtml`).
 */
import { formatDate, formatGrade } from '../../shared/brief/layout';
import type { BriefBlock, BriefFootnote, BriefInline, BriefLayout } from '../../shared/brief/model';
import type { Exporter } from './types';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Only http(s) links survive: a `javascript:` or file URL in an article's metadata is shown as text. */
function safeUrl(url: string | null): string | null {
  return url && /^https?:\/\/[^\s<>"']+$/i.test(url) ? url : null;
}

const CSS = `
:root { color-scheme: light; }
body { font: 11pt/1.5 Georgia, "Times New Roman", serif; color: #111; max-width: 46em; margin: 2em auto; padding: 0 1.5em; }
h1 { font-size: 1.8em; margin: 0 0 .2em; }
h2 { font-size: 1.3em; margin: 1.4em 0 .4em; border-bottom: 1px solid #bbb; padding-bottom: .1em; }
h3 { font-size: 1.1em; margin: 1.1em 0 .3em; }
p.meta { color: #555; font-size: .9em; margin: 0 0 1.5em; }
sup.cite a { text-decoration: none; color: #1a4d8f; font-size: .8em; padding: 0 .1em; }
.judgment { border-left: 4px solid #1a4d8f; background: #f3f6fb; padding: .4em .8em; margin: .6em 0; }
.judgment .terms { font-weight: bold; }
.judgment .confidence { font-style: italic; font-weight: normal; color: #333; }
table { border-collapse: collapse; width: 100%; margin: .5em 0 1em; font-size: .9em; }
caption { text-align: left; font-style: italic; color: #444; padding-bottom: .3em; }
th, td { border: 1px solid #bbb; padding: .25em .45em; vertical-align: top; text-align: left; }
th { background: #eee; }
section.footnotes { margin-top: 2.5em; border-top: 1px solid #888; font-size: .9em; }
section.footnotes li { margin: .3em 0; }
.quote { font-style: italic; }
.grade { font-family: "DejaVu Sans Mono", Menlo, monospace; }
.missing { color: #a00; }
@page { size: A4; margin: 2cm 1.8cm; }
@media print {
  body { margin: 0; max-width: none; padding: 0; font-size: 10.5pt; }
  a { color: inherit; }
  h1, h2, h3 { break-after: avoid; }
  tr, .judgment, section.footnotes li { break-inside: avoid; }
  thead { display: table-header-group; }
}
`;

/** refs: how many times each footnote has been referenced so far (a unique id per reference). */
function inlineHtml(inlines: readonly BriefInline[], refs: Map<number, number>): string {
  let out = '';
  for (const i of inlines) {
    if (i.type === 'cite') {
      out += `<sup class="cite"><a href="#fn${i.n}" id="ref${i.n}-${(refs.get(i.n) ?? 0) + 1}">${i.n}</a></sup>`;
      refs.set(i.n, (refs.get(i.n) ?? 0) + 1);
      continue;
    }
    let s = escapeHtml(i.text).replace(/\n/g, '<br>');
    if (i.text === '[missing claim]') s = `<span class="missing">${s}</span>`;
    if (i.italic) s = `<em>${s}</em>`;
    if (i.bold) s = `<strong>${s}</strong>`;
    out += s;
  }
  return out;
}

function blockHtml(b: BriefBlock, refs: Map<number, number>): string {
  switch (b.type) {
    case 'heading':
      return `<h${b.level}>${escapeHtml(b.text)}</h${b.level}>`;
    case 'paragraph':
      return `<p>${inlineHtml(b.inlines, refs)}</p>`;
    case 'list': {
      const tag = b.ordered ? 'ol' : 'ul';
      return `<${tag}>${b.items.map((item) => `<li>${inlineHtml(item, refs)}</li>`).join('')}</${tag}>`;
    }
    case 'judgment': {
      const terms = [
        b.likelihood ? `<span class="terms">${escapeHtml(b.likelihood[0]!.toUpperCase() + b.likelihood.slice(1))}</span>` : '',
        b.confidence ? `<span class="confidence">(${escapeHtml(b.confidence)} confidence)</span>` : '',
      ].filter(Boolean);
      return `<div class="judgment"><p>${terms.length > 0 ? `${terms.join(' ')}: ` : ''}${inlineHtml(b.inlines, refs)}</p></div>`;
    }
    case 'table':
      return [
        '<table>',
        b.caption ? `<caption>${escapeHtml(b.caption)}</caption>` : '',
        `<thead><tr>${b.header.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('')}</tr></thead>`,
        `<tbody>${b.rows.map((r) => `<tr>${r.map((c) => `<td>${inlineHtml(c, refs)}</td>`).join('')}</tr>`).join('')}</tbody>`,
        '</table>',
      ].join('');
  }
}

function footnoteHtml(f: BriefFootnote, refs: Map<number, number>): string {
  const url = safeUrl(f.url);
  const title = url ? `<a href="${escapeHtml(url)}">${escapeHtml(f.title)}</a>` : `<cite>${escapeHtml(f.title)}</cite>`;
  const where = [f.speaker ? `said by ${escapeHtml(f.speaker)}` : null, f.outlet ? escapeHtml(f.outlet) : null, title, formatDate(f.publishedAt) ? escapeHtml(formatDate(f.publishedAt)) : null].filter(Boolean);
  const backs = Array.from({ length: refs.get(f.n) ?? 0 }, (_v, k) => ` <a href="#ref${f.n}-${k + 1}" aria-label="Back to reference ${f.n}">↩</a>`).join('');
  return `<li id="fn${f.n}" value="${f.n}" data-claim-id="${escapeHtml(f.claimId)}"><q class="quote">${escapeHtml(f.quote)}</q> — ${where.join(', ')}. Grade <span class="grade">${escapeHtml(formatGrade(f.reliability, f.credibility))}</span>.${backs}</li>`;
}

export function renderBriefHtml(layout: BriefLayout): string {
  const refs = new Map<number, number>();
  const first = layout.blocks[0];
  const body: string[] = [];
  if (!(first?.type === 'heading' && first.level === 1)) body.push(`<h1>${escapeHtml(layout.title)}</h1>`);
  for (const [k, b] of layout.blocks.entries()) {
    body.push(blockHtml(b, refs));
    if (k === 0 && b.type === 'heading' && b.level === 1) body.push(metaLine(layout));
  }
  if (body.length > 0 && !body.some((x) => x.startsWith('<p class="meta">'))) body.splice(1, 0, metaLine(layout));
  if (layout.footnotes.length > 0) {
    body.push(`<section class="footnotes" aria-label="Sources"><h2>Sources</h2><ol>${layout.footnotes.map((f) => footnoteHtml(f, refs)).join('\n')}</ol></section>`);
  }
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    // No network and no scripts: the page must open the same way offline, in a mail client or a viewer.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="generator" content="Dossier">`,
    `<title>${escapeHtml(layout.title)}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
    body.join('\n'),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function metaLine(layout: BriefLayout): string {
  return `<p class="meta">Notebook “${escapeHtml(layout.notebookName)}” · exported ${escapeHtml(formatDate(layout.generatedAt))} · ${layout.footnotes.length} cited claim(s)</p>`;
}

export const htmlExporter: Exporter = {
  format: 'html',
  label: 'Web page (.html)',
  extension: 'html',
  mediaType: 'text/html; charset=utf-8',
  binary: false,
  render: async ({ layout }) => renderBriefHtml(layout),
};
