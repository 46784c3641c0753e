/**
 * Word (.docx), read with mammoth. mammoth's HTML output is used, not its raw text: the raw text
 * loses what makes a document readable as text (list items become bare paragraphs, table cells
 * become one paragraph each, headings look like body text). The HTML is turned into text here:
 * paragraphs and headings separated by blank lines, list items as "- item" / "1. item" lines
 * (indented when nested), table rows as "cell | cell" lines, line breaks kept.
 *
 * Metadata comes from `docProps/core.xml` (title, creator, created date, language), read with a
 * small ZIP reader below (node:zlib inflates; mammoth's own ZIP library is not a dependency of
 * Dossier), then from the text's own header lines.
 *
 * Nothing is executed or fetched: images are skipped and mammoth's external file access is off.
 */
import { inflateRawSync } from 'node:zlib';
import { DossierError } from '../../shared/api/result';
import { formatBytes } from './decode';
import { guessLanguage } from './language';
import { titleFromFileName } from './plain-text';
import { extractTextMetadata, parseDate, truncateTitle } from './text-metadata';
import type { Importer, ImportInput, ParsedDocument } from './types';

export const MAX_DOCX_BYTES = 100 * 1024 * 1024;
/** document.xml of a long report is a few MB; more than this unpacked is a ZIP bomb, not an article. */
const MAX_PART_BYTES = 200 * 1024 * 1024;

// ---------------------------------------------------------------------------------------------
// ZIP: just enough to list the parts and read one (stored or deflated).

export interface ZipPart {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}

export class ZipFormatError extends Error {}

/**
 * The central directory of a ZIP file. Returns null for ZIP64 archives (a .docx never needs one
 * within Dossier's size limit, but a writer may produce one anyway): the caller then skips its
 * own checks and lets mammoth read the file.
 */
export function listZip(bytes: Uint8Array): ZipPart[] | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-central-directory record is in the last 64 KB + 22 bytes (it may carry a comment).
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end === -1) throw new ZipFormatError('the ZIP directory at the end of the file is missing; the file may be truncated');
  const count = view.getUint16(end + 10, true);
  const dirSize = view.getUint32(end + 12, true);
  const dirOffset = view.getUint32(end + 16, true);
  if (count === 0xffff || dirOffset === 0xffffffff || dirSize === 0xffffffff) return null;
  if (dirOffset + dirSize > end) throw new ZipFormatError('the ZIP directory points outside the file');
  const parts: ZipPart[] = [];
  let at = dirOffset;
  for (let n = 0; n < count; n++) {
    if (at + 46 > end || view.getUint32(at, true) !== 0x02014b50) throw new ZipFormatError(`ZIP directory entry ${n + 1} is damaged`);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    parts.push({
      name: new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength)),
      method: view.getUint16(at + 10, true),
      compressedSize: view.getUint32(at + 20, true),
      size: view.getUint32(at + 24, true),
      localHeaderOffset: view.getUint32(at + 42, true),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return parts;
}

export function readZipPart(bytes: Uint8Array, part: ZipPart): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = part.localHeaderOffset;
  if (at + 30 > bytes.length || view.getUint32(at, true) !== 0x04034b50) throw new ZipFormatError(`the entry ${part.name} is damaged`);
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  const data = bytes.subarray(start, start + part.compressedSize);
  if (data.length < part.compressedSize) throw new ZipFormatError(`the entry ${part.name} is cut short`);
  if (part.size > MAX_PART_BYTES) throw new ZipFormatError(`the entry ${part.name} unpacks to ${formatBytes(part.size)}`);
  if (part.method === 0) return data;
  if (part.method === 8) return new Uint8Array(inflateRawSync(data, { maxOutputLength: MAX_PART_BYTES }));
  throw new ZipFormatError(`the entry ${part.name} uses an unsupported compression method (${part.method})`);
}

// ---------------------------------------------------------------------------------------------
// docProps/core.xml

export interface CoreProperties {
  title: string | null;
  creator: string | null;
  created: string | null;
  modified: string | null;
  language: string | null;
}

function decodeXmlText(s: string): string {
  return s
    .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1')
    .replace(/&(#x[0-9a-f]+|#\d+|lt|gt|amp|quot|apos);/gi, (whole, name: string) => {
      const named: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
      if (name[0] !== '#') return named[name.toLowerCase()] ?? whole;
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    });
}

/** The Dublin Core fields of core.xml. A regular expression per element is enough for this flat, machine-written part. */
export function parseCoreProperties(xml: string): CoreProperties {
  const field = (element: string): string | null => {
    const m = new RegExp(`<(?:[\\w-]+:)?${element}(?:\\s[^>]*)?>([\\s\\S]*?)</(?:[\\w-]+:)?${element}>`, 'i').exec(xml);
    const value = m ? decodeXmlText(m[1]!).replace(/\s+/g, ' ').trim() : '';
    return value === '' ? null : value;
  };
  return { title: field('title'), creator: field('creator'), created: field('created'), modified: field('modified'), language: field('language') };
}

function usefulTitle(title: string | null): string | null {
  if (!title || /^(untitled|document\d*|title|.*\.(docx?|dotx?|odt|rtf))$/i.test(title)) return null;
  return truncateTitle(title);
}

function usefulAuthor(author: string | null): string | null {
  if (!author || /^(admin|administrator|user|owner|unknown|author|default|windows user|microsoft office user|pc|guest)$/i.test(author)) return null;
  return author;
}

// ---------------------------------------------------------------------------------------------
// mammoth HTML → text

/** The node shapes read from linkedom's DOM (kept structural so no DOM lib is needed in this layer). */
interface HtmlNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<HtmlNode>;
  getAttribute?(name: string): string | null;
}

const children = (node: HtmlNode): HtmlNode[] => Array.from(node.childNodes);
const tag = (node: HtmlNode): string => node.nodeName.toLowerCase();

/** Inline content: text, line breaks; nested lists are left to the caller. */
function inlineText(node: HtmlNode): string {
  let out = '';
  for (const child of children(node)) {
    if (child.nodeType === 3) out += child.textContent ?? '';
    else if (child.nodeType !== 1) continue;
    else if (tag(child) === 'br') out += '\n';
    else if (tag(child) === 'ul' || tag(child) === 'ol' || tag(child) === 'img') continue;
    // The "↑" links mammoth adds from a footnote back to its reference.
    else if (tag(child) === 'a' && /^#(?:footnote|endnote|comment)-ref-/.test(child.getAttribute?.('href') ?? '')) continue;
    else if (tag(child) === 'p') out += (out === '' || out.endsWith('\n') ? '' : '\n') + inlineText(child);
    else out += inlineText(child);
  }
  return out;
}

function listLines(list: HtmlNode, depth: number): string[] {
  const lines: string[] = [];
  let number = 1;
  for (const item of children(list)) {
    if (item.nodeType !== 1 || tag(item) !== 'li') continue;
    const marker = tag(list) === 'ol' ? `${number++}.` : '-';
    const indent = '  '.repeat(depth);
    const text = inlineText(item).trim().replace(/\n/g, `\n${indent}  `);
    if (text !== '') lines.push(`${indent}${marker} ${text}`);
    for (const child of children(item)) {
      if (child.nodeType === 1 && (tag(child) === 'ul' || tag(child) === 'ol')) lines.push(...listLines(child, depth + 1));
    }
  }
  return lines;
}

function tableLines(table: HtmlNode): string[] {
  const lines: string[] = [];
  const visit = (node: HtmlNode): void => {
    for (const child of children(node)) {
      if (child.nodeType !== 1) continue;
      if (tag(child) === 'tr') {
        const cells = children(child)
          .filter((c) => c.nodeType === 1 && (tag(c) === 'td' || tag(c) === 'th'))
          .map((c) => inlineText(c).trim().replace(/\s*\n\s*/g, ' '));
        if (cells.some((c) => c !== '')) lines.push(cells.join(' | '));
      } else if (tag(child) !== 'table') visit(child); // thead/tbody; a nested table stays inside its cell text
    }
  };
  visit(table);
  return lines;
}

export interface DocxText {
  text: string;
  headings: Array<{ level: number; text: string }>;
}

/** mammoth's HTML as the text Dossier stores. */
export function docxHtmlToText(body: HtmlNode): DocxText {
  const blocks: string[] = [];
  const headings: DocxText['headings'] = [];
  const visit = (node: HtmlNode): void => {
    for (const child of children(node)) {
      if (child.nodeType === 3) {
        const text = (child.textContent ?? '').trim();
        if (text) blocks.push(text);
        continue;
      }
      if (child.nodeType !== 1) continue;
      const name = tag(child);
      if (name === 'ul' || name === 'ol') {
        const lines = listLines(child, 0);
        if (lines.length > 0) blocks.push(lines.join('\n'));
      } else if (name === 'table') {
        const lines = tableLines(child);
        if (lines.length > 0) blocks.push(lines.join('\n'));
      } else if (/^(p|h[1-6]|pre|blockquote)$/.test(name) && !children(child).some((c) => c.nodeType === 1 && /^(p|ul|ol|table)$/.test(tag(c)))) {
        const text = inlineText(child).replace(/[ \t]+\n/g, '\n').trim();
        if (text === '') continue;
        blocks.push(text);
        if (/^h[1-6]$/.test(name)) headings.push({ level: Number(name[1]), text: text.replace(/\s+/g, ' ') });
      } else if (name !== 'img') {
        visit(child);
      }
    }
  };
  visit(body);
  return { text: blocks.join('\n\n'), headings };
}

// ---------------------------------------------------------------------------------------------

const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function containsUtf16(bytes: Uint8Array, word: string): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(Buffer.from(word, 'utf16le'));
}

function errorText(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // mammoth's XML errors span lines and carry a parser prefix; the first line says what broke.
  const line = message.split('\n')[0]!.replace(/^error:\s*/i, '').replace(/\s+/g, ' ').trim().replace(/\.$/, '');
  return line.length > 200 ? `${line.slice(0, 199)}…` : line || 'unknown error';
}

function damaged(fileName: string, detail: string): DossierError {
  return new DossierError('unreadable', `${fileName}: the Word file is damaged or not a .docx (${detail})`);
}

/** Refuses what is not a readable .docx, with the reason an analyst can act on. Returns the parts when the ZIP could be listed. */
function checkPackage(fileName: string, bytes: Uint8Array): ZipPart[] | null {
  if (bytes.length === 0) throw new DossierError('unreadable', `${fileName}: the file is empty`);
  if (bytes.length > MAX_DOCX_BYTES) {
    throw new DossierError('unreadable', `${fileName}: the file is ${formatBytes(bytes.length)}; Dossier imports Word files of up to ${formatBytes(MAX_DOCX_BYTES)}`);
  }
  if (OLE_SIGNATURE.every((b, i) => bytes[i] === b)) {
    // Word wraps a password-protected .docx in an OLE compound file; Word 97-2003 .doc files are one too.
    if (containsUtf16(bytes, 'EncryptedPackage') || containsUtf16(bytes, 'EncryptionInfo')) {
      throw new DossierError('unreadable', `${fileName}: the Word file is password-protected; open it in Word, remove the password and save it, then import it again`);
    }
    if (containsUtf16(bytes, 'WordDocument')) {
      throw new DossierError('unreadable', `${fileName}: this is an old Word 97-2003 document (.doc), not a .docx; open it in Word or LibreOffice and save it as .docx`);
    }
    throw damaged(fileName, 'it is an old Microsoft Office file, not a Word 2007+ package');
  }
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04)) {
    throw damaged(fileName, 'it is not a ZIP package, which every .docx is');
  }
  let parts: ZipPart[] | null;
  try {
    parts = listZip(bytes);
  } catch (error) {
    throw damaged(fileName, errorText(error));
  }
  if (!parts) return null;
  const document = parts.find((p) => p.name === 'word/document.xml');
  if (!document) {
    const mimetype = parts.find((p) => p.name === 'mimetype');
    const odt = mimetype && new TextDecoder().decode(readZipPart(bytes, mimetype)).includes('opendocument');
    throw damaged(fileName, odt ? 'it is an OpenDocument file; save it as .docx' : 'the package has no word/document.xml');
  }
  // Unpacked here first because mammoth's ZIP library reports a damaged entry only as "Bug: ...".
  try {
    const xml = readZipPart(bytes, document);
    if (xml.length !== document.size) throw new ZipFormatError('unpacks to the wrong size');
  } catch (error) {
    throw damaged(fileName, `word/document.xml cannot be unpacked: ${errorText(error)}`);
  }
  return parts;
}

function readCore(bytes: Uint8Array, parts: ZipPart[] | null): CoreProperties | null {
  const part = parts?.find((p) => p.name === 'docProps/core.xml');
  if (!part) return null;
  try {
    return parseCoreProperties(new TextDecoder().decode(readZipPart(bytes, part)));
  } catch {
    return null; // metadata is optional; the text is what matters
  }
}

interface Mammoth {
  convertToHtml(input: { buffer: Buffer }, options: Record<string, unknown>): Promise<{ value: string }>;
  images: { imgElement(f: () => Promise<{ src: string }>): unknown };
}

export async function parseDocx({ fileName, bytes }: ImportInput): Promise<ParsedDocument> {
  const parts = checkPackage(fileName, bytes);
  // Loaded on first use: most imports are text, and both libraries take time to load.
  const mammoth = ((await import('mammoth')) as unknown as { default: Mammoth }).default;
  const { parseHTML } = await import('linkedom');

  let html: string;
  try {
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
      {
        // Title and subtitle paragraphs are headings to a reader; mammoth's default map lacks them.
        styleMap: ["p[style-name='Title'] => h1:fresh", "p[style-name='Subtitle'] => h2:fresh"],
        convertImage: mammoth.images.imgElement(async () => ({ src: '' })),
        externalFileAccess: false,
      },
    );
    html = result.value;
  } catch (error) {
    throw damaged(fileName, errorText(error));
  }
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  const { text, headings } = docxHtmlToText(document.body as unknown as HtmlNode);
  if (!/[\p{L}\p{N}]/u.test(text)) throw new DossierError('unreadable', `${fileName}: the document has no text`);

  const core = readCore(bytes, parts);
  const meta = extractTextMetadata(text);
  const heading = headings.find((h) => h.level === 1) ?? headings[0];
  const language = core?.language?.toLowerCase().split(/[-_]/)[0];
  return {
    title: usefulTitle(core?.title ?? null) ?? (heading ? truncateTitle(heading.text) : null) ?? meta.title ?? titleFromFileName(fileName),
    outlet: meta.outlet,
    // A "By" line in the article names its author; core.xml names whoever created the file, often
    // the analyst who pasted the article into Word. So the text's own byline comes first.
    byline: meta.byline ?? usefulAuthor(core?.creator ?? null),
    // When the file was created is only a stand-in for when the article was published.
    publishedAt: meta.publishedAt ?? (core?.created ? parseDate(core.created) : null),
    url: meta.url,
    language: language && /^[a-z]{2}$/.test(language) ? language : guessLanguage(text),
    text,
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    noise: [],
  };
}

export const docxImporter = {
  id: 'docx',
  label: 'Word document',
  extensions: ['.docx'],
  mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  parse: parseDocx,
} satisfies Importer;
