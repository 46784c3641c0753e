/**
 * Bytes → text for every text-based importer. Decides the encoding (BOM, UTF-16 by its zero bytes,
 * UTF-8, else the most plausible legacy single-byte encoding: see encoding-detect.ts), refuses
 * binary, empty, oversized and undecipherable files with messages that name the file, and
 * normalises line endings to LF. Nothing else about the text is changed: offsets into it are what
 * annotations store.
 */
import { DossierError } from '../../shared/api/result';
import {
  decodeLegacy,
  detectLegacyEncoding,
  LEGACY_ENCODING_LABELS,
  LEGACY_ENCODINGS,
  isPlausibleAs,
  type LegacyEncoding,
} from './encoding-detect';

export { LEGACY_ENCODINGS, LEGACY_ENCODING_LABELS, type LegacyEncoding } from './encoding-detect';

/** Larger files are refused before decoding: nobody reads a 50 MB article, and it would stall the store. */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

/**
 * What a text was decoded as. Detection yields the named ones; a file that declares another charset
 * Node can decode (KOI8-R, windows-1253...) keeps that charset's WHATWG name.
 */
export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | LegacyEncoding | (string & {});

/** A human name for an encoding, e.g. `Windows-1257 (Baltic)`, for source information and messages. */
export function encodingLabel(encoding: TextEncodingName): string {
  if (encoding === 'utf-8') return 'UTF-8';
  if (encoding === 'utf-16le') return 'UTF-16 LE';
  if (encoding === 'utf-16be') return 'UTF-16 BE';
  return (LEGACY_ENCODING_LABELS as Record<string, string>)[encoding] ?? encoding.toUpperCase();
}

/** Everything `decodeText` tries, for the message when none fits. */
const TRIED = ['UTF-8', 'UTF-16', 'Windows-1252/ISO-8859-1', ...LEGACY_ENCODINGS.slice(1).map((e) => e.replace(/^windows/, 'Windows').replace(/^iso/, 'ISO'))];

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
  for (let i = 0; i < bytes.length; i++) if (isStrayControl(bytes[i]!)) n++;
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

export interface DecodeOptions {
  /**
   * The charset the file declares (an HTML `<meta charset>`, a MIME part's header). A BOM and valid
   * UTF-8 still win over it (pages often declare Latin-1 and are UTF-8). A declared encoding that
   * detection knows is used when it reads as plausible text, else detection decides (and falls
   * back to the declaration rather than refusing). One detection does not know (KOI8-R,
   * windows-1253...) is trusted. An unknown label is ignored.
   */
  declaredEncoding?: string | null;
}

function isDetectable(encoding: string): encoding is LegacyEncoding {
  return (LEGACY_ENCODINGS as readonly string[]).includes(encoding);
}

/** A declared single-byte or other non-UTF charset by its WHATWG name; null for UTF-8/16 or unknown labels. */
function declaredLegacyEncoding(label: string | null | undefined): string | null {
  if (!label) return null;
  let name: string;
  try {
    name = new TextDecoder(label.trim().toLowerCase()).encoding;
  } catch {
    return null;
  }
  // UTF-8 and UTF-16 are recognised from the bytes themselves; 'replacement' decodes nothing.
  return name === 'utf-8' || name === 'utf-16le' || name === 'utf-16be' || name === 'replacement' ? null : name;
}

export function decodeText(fileName: string, bytes: Uint8Array, options: DecodeOptions = {}): DecodedText {
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
    const utf16 = bytes[0] === 0xff ? 'utf-16le' : 'utf-16be';
    encoding = utf16;
    text = decodeStrict(fileName, bytes, utf16);
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
        const declared = declaredLegacyEncoding(options.declaredEncoding);
        if (declared && !isDetectable(declared)) {
          encoding = declared;
          text = new TextDecoder(declared).decode(bytes);
        } else {
          const known = declared !== null && isDetectable(declared) ? declared : null;
          const chosen = known && isPlausibleAs(bytes, known) ? known : (detectLegacyEncoding(bytes).encoding ?? known);
          if (!chosen) {
            throw new DossierError(
              'unreadable',
              `${fileName}: the text encoding could not be recognised (tried ${TRIED.join(', ')}); save it as UTF-8 and import it again`,
            );
          }
          encoding = chosen;
          text = decodeLegacy(bytes, chosen);
        }
      }
    }
  }

  if (tooManyControls(countControlChars(text), text.length)) throw binaryError(fileName);
  text = normaliseLineEndings(text);
  if (text.trim() === '') throw new DossierError('unreadable', `${fileName}: the file holds only blank lines and spaces, no text`);
  return { text, encoding, bom };
}
