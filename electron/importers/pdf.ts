/**
 * PDF (.pdf): the text layer, read with pdf.js, rebuilt into lines and paragraphs from the
 * position of each piece of text. Nothing in the file is executed (no eval, no scripting, no
 * fonts loaded) and nothing is fetched: pdf.js gets the bytes, never a URL.
 *
 * How the text is rebuilt (see `pageText`):
 * - Reading order: pieces are grouped into lines by their baseline (top of the page first) and
 *   ordered left to right within a line. Multi-column layouts are therefore read across the
 *   columns; that is a known limit of position-based extraction.
 * - Paragraphs: a gap between lines larger than the document's usual line spacing (1.35 × the
 *   median, measured relative to the font size), a change of font size, and a page break.
 * - Lines inside a paragraph: a line that runs (nearly) to the right edge of the text column is a
 *   wrapped line and is joined to the next with a space, so a phrase broken across lines can still
 *   be searched and annotated; a shorter line ends with a line break (headers, addresses, lists).
 * - Hyphens: a line ending in letter + "-" is joined to the next line directly (no space). The
 *   hyphen is dropped only when the next line starts with a lower-case letter: "negoti-" + "ations"
 *   → "negotiations" (and, the price of the rule, "hard-" + "fought" → "hardfought"), while
 *   "Nausėda-" + "Kasčiūnas" → "Nausėda-Kasčiūnas" and "COVID-" + "19" keep theirs. A soft hyphen
 *   (U+00AD) at a line end is always removed.
 */
import { DossierError } from '../../shared/api/result';
import { formatBytes } from './decode';
import { guessLanguage } from './language';
import { titleFromFileName } from './plain-text';
import { extractTextMetadata, parseDate, truncateTitle } from './text-metadata';
import type { Importer, ImportInput, ParsedDocument } from './types';
import type * as PdfJsModule from 'pdfjs-dist/legacy/build/pdf.mjs';

/** Longer documents are books or archives, not articles; refusing them keeps an import responsive. */
export const MAX_PDF_PAGES = 2000;
/** PDFs carry images and fonts, so they may be larger than text files. */
export const MAX_PDF_BYTES = 200 * 1024 * 1024;
/** pdf.js runs in this process; a pathological file must not stall an import indefinitely. */
export const PDF_TIME_LIMIT_MS = 60_000;

/** The part of pdf.js's TextItem this module reads. */
export interface PdfTextPiece {
  str: string;
  /** [a, b, c, d, e, f]: e, f are the baseline origin; a..d scale and rotate. */
  transform: number[];
  width: number;
  height: number;
}

interface Line {
  y: number;
  x: number;
  right: number;
  size: number;
  text: string;
}

type PdfJs = typeof PdfJsModule;

let loading: Promise<PdfJs> | null = null;

/**
 * pdf.js is loaded on first use (it is large, and most imports are text). Its "worker" runs in
 * this thread: the worker module is imported here and handed over via `globalThis.pdfjsWorker`,
 * the hook pdf.js checks before it tries to import the worker file by a relative path (which
 * would break if this module were ever bundled).
 */
async function loadPdfJs(): Promise<PdfJs> {
  loading ??= (async () => {
    const workerModule = 'pdfjs-dist/legacy/build/pdf.worker.mjs';
    const worker = (await import(/* @vite-ignore */ workerModule)) as { WorkerMessageHandler: unknown };
    (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker ??= worker;
    return import('pdfjs-dist/legacy/build/pdf.mjs');
  })();
  try {
    return await loading;
  } catch (error) {
    loading = null;
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// Text layer → text

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function pieceSize(piece: PdfTextPiece): number {
  // The vertical scale of the text matrix is the font size on the page.
  const [, , c = 0, d = 0] = piece.transform;
  return Math.hypot(c, d) || piece.height || 1;
}

const isRotated = (piece: PdfTextPiece): boolean => {
  const [a = 0, b = 0] = piece.transform;
  return Math.abs(b) > Math.abs(a) * 0.1 || a < 0;
};

/** Groups a page's pieces into lines, top to bottom, each left to right. */
function buildLines(pieces: PdfTextPiece[]): Line[] {
  const items = pieces
    .filter((p) => p.str !== '')
    .map((p) => ({ piece: p, x: p.transform[4] ?? 0, y: p.transform[5] ?? 0, size: pieceSize(p) }));
  items.sort((p, q) => q.y - p.y || p.x - q.x);
  const groups: Array<typeof items> = [];
  for (const item of items) {
    const group = groups[groups.length - 1];
    // Same line when the baselines are within half a font size (superscripts, mixed sizes).
    if (group && Math.abs(group[0]!.y - item.y) <= Math.min(group[0]!.size, item.size) * 0.5) group.push(item);
    else groups.push([item]);
  }
  const lines: Line[] = [];
  for (const group of groups) {
    group.sort((p, q) => p.x - q.x);
    let text = '';
    let end: number | null = null;
    let size = 0;
    for (const { piece, x, size: s } of group) {
      // A visible gap between pieces is a space unless one side already has one.
      if (end !== null && x - end > s * 0.15 && !/\s$/.test(text) && !/^\s/.test(piece.str)) text += ' ';
      text += piece.str;
      end = Math.max(end ?? x, x + piece.width);
      if (piece.str.trim() !== '') size = Math.max(size, s);
    }
    text = text.replace(/[ \t\u00a0]+$/, '').replace(/^[ \t\u00a0]+/, '');
    if (text === '') continue;
    lines.push({ y: group[0]!.y, x: group[0]!.x, right: end ?? group[0]!.x, size: size || group[0]!.size, text });
  }
  return lines;
}

/** Gap between consecutive baselines, relative to the font size; collected over the whole document. */
function lineGapRatios(lines: Line[]): number[] {
  const ratios: number[] = [];
  for (let i = 1; i < lines.length; i++) {
    const prev = lines[i - 1]!;
    const line = lines[i]!;
    if (Math.abs(prev.size - line.size) > Math.min(prev.size, line.size) * 0.15) continue;
    const ratio = (prev.y - line.y) / Math.min(prev.size, line.size);
    if (ratio > 0.5 && ratio < 4) ratios.push(ratio);
  }
  return ratios;
}

const HYPHENATED_END = /\p{L}-$/u;
const STARTS_LOWER = /^\p{Ll}/u;

/** Joins one page's lines into paragraphs separated by blank lines. */
function linesToParagraphs(lines: Line[], typicalGap: number): string[] {
  const paragraphs: string[] = [];
  if (lines.length === 0) return paragraphs;
  const rightEdge = Math.max(...lines.map((l) => l.right));
  const leftEdge = Math.min(...lines.map((l) => l.x));
  let current = lines[0]!.text;
  for (let i = 1; i < lines.length; i++) {
    const prev = lines[i - 1]!;
    const line = lines[i]!;
    const sizeChanged = Math.abs(prev.size - line.size) > Math.min(prev.size, line.size) * 0.15;
    const gap = (prev.y - line.y) / Math.min(prev.size, line.size);
    if (sizeChanged || gap > typicalGap * 1.35 || gap < 0) {
      paragraphs.push(current);
      current = line.text;
      continue;
    }
    if (current.endsWith('\u00ad')) {
      current = current.slice(0, -1) + line.text;
    } else if (HYPHENATED_END.test(current)) {
      // A word broken at the hyphen: drop it before a lower-case continuation, keep it otherwise.
      current = (STARTS_LOWER.test(line.text) ? current.slice(0, -1) : current) + line.text;
    } else {
      // A wrapped line reaches the column's right edge; a short one was ended on purpose.
      const full = prev.right >= leftEdge + (rightEdge - leftEdge) * 0.85;
      current += full ? ' ' : '\n';
      current += line.text;
    }
  }
  paragraphs.push(current);
  return paragraphs;
}

/**
 * The text of a document's pages, given each page's text pieces: paragraphs separated by one blank
 * line, pages by a paragraph break. Rotated pieces (margin notes, watermarks) follow their page's
 * text as a paragraph of their own, so nothing is dropped.
 */
export function pagesToText(pages: PdfTextPiece[][]): string {
  const pageLines = pages.map((pieces) => ({
    lines: buildLines(pieces.filter((p) => !isRotated(p))),
    rotated: pieces.filter((p) => isRotated(p) && p.str.trim() !== '').map((p) => p.str.trim()),
  }));
  const typicalGap = median(pageLines.flatMap((p) => lineGapRatios(p.lines))) ?? 1.2;
  const paragraphs: string[] = [];
  for (const { lines, rotated } of pageLines) {
    paragraphs.push(...linesToParagraphs(lines, typicalGap));
    if (rotated.length > 0) paragraphs.push(rotated.join(' '));
  }
  return paragraphs.join('\n\n');
}

// ---------------------------------------------------------------------------------------------
// Metadata

/** "D:20260314093000+02'00'" → "2026-03-14T09:30:00+02:00"; a date alone when no time is given. */
export function parsePdfDate(value: string | null | undefined): string | null {
  if (!value) return null;
  // XMP dates are ISO 8601 already.
  if (/^\d{4}-/.test(value.trim())) return parseDate(value);
  const m = /^(?:D:)?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?\s*(Z|[+-]\d{2}'?\d{2}'?)?/.exec(value.trim());
  if (!m) return parseDate(value);
  const date = parseDate(`${m[1]}-${m[2] ?? '01'}-${m[3] ?? '01'}`);
  if (!date || m[4] === undefined) return date;
  const zone = m[7] ? (m[7] === 'Z' ? 'Z' : m[7].replace(/^([+-]\d{2})'?(\d{2})'?$/, '$1:$2')) : '';
  return `${date}T${m[4]}:${m[5] ?? '00'}:${m[6] ?? '00'}${zone}`;
}

/** Titles that producers fill in by themselves, which say nothing about the article. */
function usefulTitle(title: string | null | undefined): string | null {
  const t = title?.replace(/\s+/g, ' ').trim();
  if (!t) return null;
  if (/^(untitled|unknown|title|document\d*|microsoft word - .*|.*\.(docx?|odt|rtf|pdf|indd|txt|pages|qxp))$/i.test(t)) return null;
  return truncateTitle(t);
}

/** Account names that word processors write as the author. */
function usefulAuthor(author: string | null | undefined): string | null {
  const a = author?.replace(/\s+/g, ' ').trim();
  if (!a) return null;
  if (/^(admin|administrator|user|owner|unknown|author|default|windows user|microsoft office user|pc|guest)$/i.test(a)) return null;
  return a;
}

function stringField(record: unknown, key: string): string | null {
  if (!record || typeof record !== 'object') return null;
  const value = (record as Record<string, unknown>)[key];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

// ---------------------------------------------------------------------------------------------

function damaged(fileName: string, detail: string): DossierError {
  return new DossierError('unreadable', `${fileName}: the PDF is damaged and could not be read (${detail})`);
}

function indexOfAscii(bytes: Uint8Array, needle: string, from: number, to: number): number {
  const first = needle.charCodeAt(0);
  for (let i = Math.max(0, from); i <= Math.min(bytes.length, to) - needle.length; i++) {
    if (bytes[i] !== first) continue;
    let j = 1;
    while (j < needle.length && bytes[i + j] === needle.charCodeAt(j)) j++;
    if (j === needle.length) return i;
  }
  return -1;
}

/** A library's error message, shortened to its first line for a message an analyst reads. */
function errorText(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const line = message.split('\n')[0]!.replace(/\s+/g, ' ').trim().replace(/\.$/, '');
  return line.length > 200 ? `${line.slice(0, 199)}…` : line || 'unknown error';
}

export async function parsePdf({ fileName, bytes }: ImportInput): Promise<ParsedDocument> {
  if (bytes.length === 0) throw new DossierError('unreadable', `${fileName}: the file is empty`);
  if (bytes.length > MAX_PDF_BYTES) {
    throw new DossierError('unreadable', `${fileName}: the file is ${formatBytes(bytes.length)}; Dossier imports PDFs of up to ${formatBytes(MAX_PDF_BYTES)}`);
  }
  // pdf.js looks for the header in the first kilobyte, as other readers do.
  if (indexOfAscii(bytes, '%PDF-', 0, 1024) === -1) throw damaged(fileName, 'there is no PDF header: this is not a PDF file');
  // A file cut short (an interrupted download) loses its end-of-file marker; pdf.js would recover
  // whatever pages survive, and the analyst would get part of the article without knowing.
  if (indexOfAscii(bytes, '%%EOF', bytes.length - 16 * 1024, bytes.length) === -1) {
    throw damaged(fileName, 'the file ends early, without its end-of-file marker: it is probably truncated');
  }

  const pdfjs = await loadPdfJs();
  const started = Date.now();
  const task = pdfjs.getDocument({
    // A copy: pdf.js transfers (detaches) the buffer it is given, and the caller still needs its bytes.
    data: new Uint8Array(bytes),
    verbosity: 0,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    useWorkerFetch: false,
    enableXfa: false,
    stopAtErrors: false,
    disableAutoFetch: true,
    disableStream: true,
  });
  try {
    let doc;
    try {
      doc = await task.promise;
    } catch (error) {
      if ((error as { name?: string } | null)?.name === 'PasswordException') {
        throw new DossierError('unreadable', `${fileName}: the PDF is password-protected; remove the password (open it and save an unprotected copy), then import that`);
      }
      throw damaged(fileName, errorText(error));
    }
    if (doc.numPages === 0) throw damaged(fileName, 'it has no pages');
    if (doc.numPages > MAX_PDF_PAGES) {
      throw new DossierError(
        'unreadable',
        `${fileName}: the PDF has ${doc.numPages.toLocaleString('en')} pages; Dossier imports PDFs of up to ${MAX_PDF_PAGES.toLocaleString('en')} pages`,
      );
    }
    const pages: PdfTextPiece[][] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      try {
        const page = await doc.getPage(n);
        const content = await page.getTextContent();
        pages.push(content.items.filter((item): item is PdfTextPiece & (typeof content.items)[number] => 'str' in item));
        page.cleanup();
      } catch (error) {
        throw damaged(fileName, `page ${n}: ${errorText(error)}`);
      }
      if (Date.now() - started > PDF_TIME_LIMIT_MS) {
        throw new DossierError(
          'unreadable',
          `${fileName}: reading the PDF took longer than ${PDF_TIME_LIMIT_MS / 1000} s (stopped at page ${n} of ${doc.numPages}); split it and import the parts`,
        );
      }
    }
    const text = pagesToText(pages);
    if (!/[\p{L}\p{N}]/u.test(text)) {
      throw new DossierError('unreadable', `${fileName}: the PDF has no text layer (it may be a scan); run OCR on it first`);
    }

    const { info, metadata } = await doc.getMetadata().catch(() => ({ info: null, metadata: null }));
    const xmp = (key: string): string | null => {
      const value: unknown = metadata?.get(key);
      if (Array.isArray(value)) return value.filter((v) => typeof v === 'string').join(', ') || null;
      return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
    };
    const meta = extractTextMetadata(text);
    const language = stringField(info, 'Language');
    return {
      title: usefulTitle(xmp('dc:title')) ?? usefulTitle(stringField(info, 'Title')) ?? meta.title ?? titleFromFileName(fileName),
      outlet: meta.outlet,
      // A "By" line in the article names its author; the PDF's Author is whoever made the file.
      byline: meta.byline ?? usefulAuthor(xmp('dc:creator')) ?? usefulAuthor(stringField(info, 'Author')),
      // The creation date is when the PDF was made, which is only a stand-in for publication.
      publishedAt: meta.publishedAt ?? parsePdfDate(xmp('xmp:createdate')) ?? parsePdfDate(stringField(info, 'CreationDate')),
      url: meta.url,
      language: language && /^[a-z]{2}\b/i.test(language) ? language.slice(0, 2).toLowerCase() : guessLanguage(text),
      text,
      mediaType: 'application/pdf',
      noise: [],
    };
  } finally {
    await task.destroy().catch(() => undefined);
  }
}

export const pdfImporter = {
  id: 'pdf',
  label: 'PDF',
  extensions: ['.pdf'],
  mediaType: 'application/pdf',
  parse: parsePdf,
} satisfies Importer;
