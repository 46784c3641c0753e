/**
 * Bytes → text for every text-based importer. Decides the encoding (BOM, UTF-8, a legacy single-byte
 * fallback), refuses binary and empty files with messages that name the file, and normalises line
 * endings to LF. Nothing else about the text is changed: offsets into it are what annotations store.
 */
import { DossierError } from '../../shared/api/result';

/** Larger files are refused before decoding: nobody reads a 50 MB article, and it would stall the store. */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | LegacyEncoding;

/**
 * Single-byte encodings tried when the bytes are not valid UTF-8. Only windows-1252 for now; the
 * import issue adds windows-1257/1251, ISO-8859-13/-2/-1 and a scorer in `chooseLegacyEncoding`.
 */
export type LegacyEncoding = 'windows-1252';

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
  /** Whether a byte order mark was present (and removed). */
  bom: boolean;
}

export function formatBytes(size: number): string {
  if (size >= 1024 * 1024) return `${(size / (1024 * 1024)).toFixed(1)} MB`;
  if (size >= 1024) return `${(size / 1024).toFixed(1)} KB`;
  return `${size} bytes`;
}

/** Well-known binary signatures, so a renamed PDF or Word file gets a helpful message. */
const SIGNATURES: Array<{ bytes: number[]; name: string }> = [
  { bytes: [0x25, 0x50, 0x44, 0x46, 0x2d], name: 'a PDF file' }, // %PDF-
  { bytes: [0x50, 0x4b, 0x03, 0x04], name: 'a ZIP archive (or a Word/OpenDocument file)' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], name: 'an old Microsoft Office file' },
  { bytes: [0x89, 0x50, 0x4e, 0x47], name: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], name: 'a JPEG image' },
  { bytes: [0x47, 0x49, 0x46, 0x38], name: 'a GIF image' },
  { bytes: [0x1f, 0x8b], name: 'a gzip archive' },
  { bytes: [0x7f, 0x45, 0x4c, 0x46], name: 'a program (ELF)' },
];

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  if (bytes.length < prefix.length) return false;
  return prefix.every((b, i) => bytes[i] === b);
}

function binaryError(fileName: string, what = 'a binary file'): DossierError {
  return new DossierError('unreadable', `${fileName}: this looks like ${what}, not text`);
}

/** C0 control characters other than the whitespace ones text legitimately holds (tab, LF, VT, FF, CR), plus DEL. */
function isStrayControl(code: number): boolean {
  return (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0b && code !== 0x0c && code !== 0x0d) || code === 0x7f;
}

/** More than 1% stray control characters (and at least a handful) means binary, whatever the encoding. */
function tooManyControls(count: number, total: number): boolean {
  return count >= 4 && count / Math.max(total, 1) > 0.01;
}

function countControlBytes(bytes: Uint8Array): number {
  let n = 0;
  for (const b of bytes) if (isStrayControl(b)) n++;
  return n;
}

function countControlChars(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (isStrayControl(text.charCodeAt(i))) n++;
  return n;
}

/**
 * UTF-16 without a BOM: mostly-Latin text then has a zero in every other byte. Checked on a prefix,
 * before the NUL test would call it binary.
 */
function sniffBomlessUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 8) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero / pairs > 0.6 && evenZero / pairs < 0.05) return 'utf-16le';
  if (evenZero / pairs > 0.6 && oddZero / pairs < 0.05) return 'utf-16be';
  return null;
}

/**
 * windows-1252's 0x80-0x9F (€, dashes, curly quotes...). Node's TextDecoder('windows-1252') decodes
 * these as C1 control characters (it treats the label as ISO-8859-1), so the table is our own.
 * 0x81, 0x8D, 0x8F, 0x90 and 0x9D are unassigned and stay as their code points, as in the WHATWG
 * Encoding Standard.
 */
const WINDOWS_1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

function decodeWindows1252(bytes: Uint8Array): string {
  const parts: string[] = [];
  let chunk = '';
  for (const b of bytes) {
    chunk += b >= 0x80 && b <= 0x9f ? WINDOWS_1252_HIGH[b - 0x80]! : String.fromCharCode(b);
    if (chunk.length >= 8192) {
      parts.push(chunk);
      chunk = '';
    }
  }
  parts.push(chunk);
  return parts.join('');
}

/** Decoders for the legacy encodings, by name; the import issue adds more rows. */
const LEGACY_DECODERS: Record<LegacyEncoding, (bytes: Uint8Array) => string> = {
  'windows-1252': decodeWindows1252,
};

/** Which legacy encoding the bytes are most likely in. One candidate today; a scorer slots in here. */
export function chooseLegacyEncoding(_bytes: Uint8Array): LegacyEncoding {
  return 'windows-1252';
}

function decodeStrict(fileName: string, bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be'): string {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    throw new DossierError('unreadable', `${fileName}: the file says it is ${encoding.toUpperCase()} but is not valid ${encoding.toUpperCase()}`);
  }
}

/** LF only: CRLF (Windows) and lone CR (old Mac) become LF. */
export function normaliseLineEndings(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

export function decodeText(fileName: string, bytes: Uint8Array): DecodedText {
  if (bytes.length > MAX_IMPORT_BYTES) {
    throw new DossierError(
      'unsupported',
      `${fileName}: the file is ${formatBytes(bytes.length)}; Dossier imports files up to ${formatBytes(MAX_IMPORT_BYTES)}`,
    );
  }
  if (bytes.length === 0) throw new DossierError('unreadable', `${fileName}: the file is empty`);

  let text: string;
  let encoding: TextEncodingName;
  let bom = false;
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
    bom = true;
    encoding = 'utf-8';
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      throw new DossierError('unreadable', `${fileName}: the file starts with a UTF-8 marker but is not valid UTF-8`);
    }
  } else if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
    bom = true;
    encoding = bytes[0] === 0xff ? 'utf-16le' : 'utf-16be';
    text = decodeStrict(fileName, bytes, encoding);
  } else {
    const utf16 = sniffBomlessUtf16(bytes);
    if (utf16) {
      encoding = utf16;
      text = decodeStrict(fileName, bytes, utf16);
    } else {
      const signature = SIGNATURES.find((s) => startsWith(bytes, s.bytes));
      if (signature) throw binaryError(fileName, signature.name);
      if (bytes.includes(0)) throw binaryError(fileName);
      try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
        encoding = 'utf-8';
      } catch {
        // Not UTF-8: either binary, or text in a legacy single-byte encoding.
        if (tooManyControls(countControlBytes(bytes), bytes.length)) throw binaryError(fileName);
        encoding = chooseLegacyEncoding(bytes);
        text = LEGACY_DECODERS[encoding](bytes);
      }
    }
  }

  if (tooManyControls(countControlChars(text), text.length)) throw binaryError(fileName);
  text = normaliseLineEndings(text);
  if (text.trim() === '') throw new DossierError('unreadable', `${fileName}: the file is empty`);
  return { text, encoding, bom };
}
