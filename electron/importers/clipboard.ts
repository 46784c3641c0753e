/**
 * Pasted clipboard content → a ParsedDocument, for `articles.paste`. A browser copy offers HTML (a
 * fragment of the page, sometimes wrapped in Windows' CF_HTML header with `<!--StartFragment-->`
 * markers and a SourceURL) and plain text. The HTML is converted with the same rules as an HTML
 * page, but without Readability: the analyst chose exactly what to copy, so nothing is second-guessed.
 * When the HTML yields no text (an image, an empty selection) the plain text is used instead.
 */
import { DossierError } from '../../shared/api/result';
import { MAX_IMPORT_BYTES, formatBytes, normaliseLineEndings } from './decode';
import { prepareMarkup } from './html';
import { parseDocument } from './html-dom';
import { absoluteUrl } from './html-metadata';
import { htmlToText } from './html-text';
import { guessLanguage } from './language';
import { extractTextMetadata, truncateTitle } from './text-metadata';
import type { ParsedDocument } from './types';

export interface ClipboardContent {
  html?: string;
  text?: string;
  title?: string;
}

/** Pasted titles are cut here (at a word) so the first paragraph of a paste does not become a headline. */
export const MAX_PASTE_TITLE = 120;

const PASTE_NAME = 'Pasted content';

function firstLineTitle(text: string): string {
  const line = text.split('\n').find((l) => l.trim() !== '')?.trim().replace(/\s+/g, ' ') ?? '';
  if (line.length <= MAX_PASTE_TITLE) return line;
  const cut = line.slice(0, MAX_PASTE_TITLE - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > MAX_PASTE_TITLE / 2 ? cut.slice(0, space) : cut}…`;
}

/** Windows' CF_HTML: "Version:0.9\r\nStartHTML:...\r\nSourceURL:...\r\n<html>...<!--StartFragment-->...". */
function unwrapClipboardHtml(raw: string): { html: string; sourceUrl: string | null } {
  let html = raw;
  let sourceUrl: string | null = null;
  const header = /^Version:\s*\d[\s\S]*?(?=<)/.exec(html);
  if (header) {
    sourceUrl = /^SourceURL:\s*(\S+)/m.exec(header[0])?.[1] ?? null;
    html = html.slice(header[0].length);
  }
  const start = html.indexOf('<!--StartFragment-->');
  const end = html.indexOf('<!--EndFragment-->');
  if (start !== -1 && end > start) html = html.slice(start + '<!--StartFragment-->'.length, end);
  return { html, sourceUrl };
}

function htmlFragmentToText(raw: string): { text: string; sourceUrl: string | null } {
  const { html, sourceUrl } = unwrapClipboardHtml(raw);
  const { markup } = prepareMarkup(PASTE_NAME, html);
  // parseDocument gives a bare fragment the <html>/<body> frame it lacks.
  const document = parseDocument(markup);
  const root = document.body ?? document.documentElement;
  return { text: root ? htmlToText(root).trim() : '', sourceUrl };
}

/**
 * Throws DossierError('invalid-input') when there is nothing to import, and ('unsupported') when the
 * content is larger than any file Dossier would import.
 */
export function parseClipboard(content: ClipboardContent): ParsedDocument {
  const size = Math.max(content.html?.length ?? 0, content.text?.length ?? 0);
  if (size > MAX_IMPORT_BYTES) {
    throw new DossierError('unsupported', `${PASTE_NAME}: the clipboard holds ${formatBytes(size)} of text; Dossier imports up to ${formatBytes(MAX_IMPORT_BYTES)}`);
  }
  let text = '';
  let mediaType = 'text/plain';
  let sourceUrl: string | null = null;
  if (content.html && content.html.trim() !== '') {
    const fromHtml = htmlFragmentToText(content.html);
    text = fromHtml.text;
    sourceUrl = fromHtml.sourceUrl;
    if (text !== '') mediaType = 'text/html';
  }
  if (text === '' && content.text) {
    // Plain text is kept as pasted (line endings aside), like a .txt file.
    text = normaliseLineEndings(content.text).replace(/^\ufeff/, '');
  }
  if (text.trim() === '') throw new DossierError('invalid-input', 'The clipboard holds no text to import');

  // Byline, date and URL lines in a pasted header are worth having; the title rule is the paste's own.
  const meta = extractTextMetadata(text);
  const title = content.title?.trim().replace(/\s+/g, ' ');
  return {
    title: title ? truncateTitle(title) : firstLineTitle(text),
    outlet: meta.outlet,
    byline: meta.byline,
    publishedAt: meta.publishedAt,
    url: absoluteUrl(sourceUrl, null) ?? meta.url,
    language: guessLanguage(text),
    text,
    mediaType,
    noise: [],
  };
}
