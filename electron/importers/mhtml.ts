/**
 * MHTML web archives (.mhtml, .mht): what Chrome and Edge write for "Save page as… Webpage, single
 * file" (and Internet Explorer and Word before them). The file is a MIME multipart message: the
 * page is its first text/html part, encoded quoted-printable or base64, followed by the page's
 * images and style sheets, which are ignored. The page then goes through the HTML importer.
 */
import { DossierError } from '../../shared/api/result';
import { MAX_IMPORT_BYTES, formatBytes } from './decode';
import { toParsedDocument, parseHtmlMarkup } from './html';
import { charsetParameter, decodeHtmlBytes } from './html-decode';
import type { Importer, ImportInput, ParsedDocument } from './types';

export interface MimeHeaders {
  /** Lower-cased header name → unfolded value (the first occurrence). */
  get(name: string): string | undefined;
}

interface MimePart {
  headers: MimeHeaders;
  /** The raw body, one character per byte (Latin-1), still transfer-encoded. */
  body: string;
}

/** One character per byte (Latin-1), so the MIME structure is read on the raw bytes whatever the parts hold. */
function bytesToBinary(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

function binaryToBytes(binary: string): Uint8Array {
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i) & 0xff;
  return out;
}

/** Splits "headers CRLF CRLF body"; header lines folded onto the next (starting with space/tab) are joined. */
function splitHeaders(block: string): { headers: MimeHeaders; body: string } {
  const m = /\r?\n\r?\n/.exec(block);
  const headText = m ? block.slice(0, m.index) : block;
  const body = m ? block.slice(m.index + m[0].length) : '';
  const map = new Map<string, string>();
  for (const line of headText.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!map.has(name)) map.set(name, line.slice(colon + 1).trim());
  }
  return { headers: { get: (name) => map.get(name.toLowerCase()) }, body };
}

function parameter(value: string, name: string): string | null {
  const m = new RegExp(`(?:^|;)\\s*${name}\\s*=\\s*("([^"]*)"|[^;\\s]+)`, 'i').exec(value);
  if (!m) return null;
  return m[2] ?? m[1]!;
}

export function decodeQuotedPrintable(binary: string): Uint8Array {
  // Soft line breaks ("=" at the end of a line) join lines; "=XX" is one byte.
  const joined = binary.replace(/=[ \t]*\r?\n/g, '');
  const out = new Uint8Array(joined.length);
  let n = 0;
  for (let i = 0; i < joined.length; i++) {
    const c = joined.charCodeAt(i);
    if (c === 0x3d && /^[0-9A-Fa-f]{2}$/.test(joined.slice(i + 1, i + 3))) {
      out[n++] = Number.parseInt(joined.slice(i + 1, i + 3), 16);
      i += 2;
    } else {
      out[n++] = c & 0xff;
    }
  }
  return out.subarray(0, n);
}

function decodeBase64(binary: string): Uint8Array {
  return new Uint8Array(Buffer.from(binary.replace(/[^A-Za-z0-9+/=_-]/g, ''), 'base64'));
}

function transferDecode(part: MimePart): Uint8Array {
  const encoding = (part.headers.get('content-transfer-encoding') ?? '7bit').trim().toLowerCase();
  if (encoding === 'quoted-printable') return decodeQuotedPrintable(part.body);
  if (encoding === 'base64') return decodeBase64(part.body);
  return binaryToBytes(part.body); // 7bit, 8bit, binary
}

function mediaType(headers: MimeHeaders): string {
  return (headers.get('content-type') ?? 'text/plain').split(';')[0]!.trim().toLowerCase();
}

export interface MhtmlPage {
  /** The page's bytes, transfer-decoded but not yet character-decoded. */
  bytes: Uint8Array;
  /** The part's declared charset, if any. */
  charset: string | null;
  /** Content-Location of the page, else the archive's Snapshot-Content-Location. */
  location: string | null;
}

/** Finds the page in an MHTML archive. Throws DossierError('unreadable') naming the file and what is wrong. */
export function extractMhtmlPage(fileName: string, bytes: Uint8Array): MhtmlPage {
  if (bytes.length > MAX_IMPORT_BYTES) {
    throw new DossierError('unsupported', `${fileName}: the file is ${formatBytes(bytes.length)}; Dossier imports files up to ${formatBytes(MAX_IMPORT_BYTES)}`);
  }
  if (bytes.length === 0) throw new DossierError('unreadable', `${fileName}: the file is empty`);
  const binary = bytesToBinary(bytes);
  const top = splitHeaders(binary.replace(/^\ufeff|^\u00ef\u00bb\u00bf/, ''));
  const contentType = top.headers.get('content-type');
  if (!contentType || (!top.headers.get('mime-version') && !/^multipart\//i.test(contentType))) {
    throw new DossierError('unreadable', `${fileName}: this is not an MHTML web archive (no MIME headers at the start)`);
  }
  const snapshot = top.headers.get('snapshot-content-location') ?? top.headers.get('content-location') ?? null;

  // A single-part archive: the message itself is the page.
  if (!/^multipart\//i.test(contentType)) {
    if (mediaType(top.headers) !== 'text/html') {
      throw new DossierError('unreadable', `${fileName}: the web archive holds ${mediaType(top.headers)}, not an HTML page`);
    }
    return { bytes: transferDecode(top), charset: charsetParameter(contentType), location: snapshot };
  }

  const boundary = parameter(contentType, 'boundary');
  if (!boundary) throw new DossierError('unreadable', `${fileName}: the web archive names no MIME boundary, so its parts cannot be found`);
  const delimiter = `--${boundary}`;
  const parts: MimePart[] = [];
  let at = binary.indexOf(delimiter);
  while (at !== -1) {
    const afterDelimiter = at + delimiter.length;
    if (binary.startsWith('--', afterDelimiter)) break; // the closing delimiter
    const start = binary.indexOf('\n', afterDelimiter);
    if (start === -1) break;
    const next = binary.indexOf(`\n${delimiter}`, start);
    // The line break before a delimiter belongs to the delimiter, not the part.
    const end = next === -1 ? binary.length : binary[next - 1] === '\r' ? next - 1 : next;
    parts.push(splitHeaders(binary.slice(start + 1, end)));
    at = next === -1 ? -1 : next + 1;
  }
  if (parts.length === 0) throw new DossierError('unreadable', `${fileName}: the web archive has no parts (boundary "${boundary}" never appears)`);

  // The root part: the one the "start" parameter names, else the first HTML part.
  const start = parameter(contentType, 'start');
  const root =
    (start ? parts.find((p) => p.headers.get('content-id') === start) : undefined) ??
    parts.find((p) => mediaType(p.headers) === 'text/html' || mediaType(p.headers) === 'application/xhtml+xml');
  if (!root) {
    const kinds = [...new Set(parts.map((p) => mediaType(p.headers)))].join(', ');
    throw new DossierError('unreadable', `${fileName}: the web archive holds no HTML page (its parts are ${kinds})`);
  }
  return {
    bytes: transferDecode(root),
    charset: charsetParameter(root.headers.get('content-type') ?? ''),
    location: root.headers.get('content-location') ?? snapshot,
  };
}

export const mhtmlImporter = {
  id: 'mhtml',
  label: 'Web archive (MHTML)',
  extensions: ['.mhtml', '.mht'],
  mediaType: 'multipart/related',
  parse({ fileName, bytes }: ImportInput): ParsedDocument {
    const page = extractMhtmlPage(fileName, bytes);
    const { html } = decodeHtmlBytes(fileName, page.bytes, page.charset);
    const location = page.location && /^https?:\/\//i.test(page.location) ? page.location : null;
    return { ...toParsedDocument(parseHtmlMarkup(fileName, html, { url: location })), mediaType: 'multipart/related' };
  },
} satisfies Importer;
