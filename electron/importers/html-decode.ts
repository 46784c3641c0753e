/**
 * Bytes → markup for HTML and MHTML. The order follows what a browser does, with one deliberate
 * difference: a byte order mark wins; then bytes that are valid UTF-8 are read as UTF-8 even when the
 * page declares a legacy charset (valid multi-byte UTF-8 almost never arises by chance in a legacy
 * file, while pages re-saved as UTF-8 often keep a stale `<meta charset>`); otherwise the charset the
 * transport (an MHTML part header) or the page itself (`<meta charset>`, `http-equiv`) declares; and
 * with no usable declaration, decode.ts's legacy-encoding scorer. decode.ts also refuses empty,
 * oversized and binary files with its usual messages.
 */
import { decodeText } from './decode';
import { encodingFromLabel } from './encoding-detect';

/** How far into the file a `<meta charset>` is looked for (the HTML standard says 1024 bytes; saved pages often push it further down). */
const PRESCAN_BYTES = 8192;

/**
 * WHATWG labels → the canonical names Node's TextDecoder knows. Only the families an analyst is
 * likely to meet are listed by alias; any other label TextDecoder accepts is used as given.
 */
const LABEL_ALIASES: Record<string, string> = {
  'utf8': 'utf-8', 'unicode-1-1-utf-8': 'utf-8', 'x-unicode20utf8': 'utf-8',
  // A meta tag cannot really announce UTF-16 (the tag itself would not be ASCII); browsers read UTF-8.
  'utf-16': 'utf-8', 'utf-16le': 'utf-8', 'utf-16be': 'utf-8', 'unicode': 'utf-8',
  'latin1': 'windows-1252', 'iso-8859-1': 'windows-1252', 'iso8859-1': 'windows-1252', 'iso_8859-1': 'windows-1252',
  'l1': 'windows-1252', 'cp1252': 'windows-1252', 'x-cp1252': 'windows-1252', 'us-ascii': 'windows-1252',
  'ascii': 'windows-1252', 'cp819': 'windows-1252', 'ibm819': 'windows-1252',
  'cp1257': 'windows-1257', 'x-cp1257': 'windows-1257',
  'cp1251': 'windows-1251', 'x-cp1251': 'windows-1251',
  'cp1250': 'windows-1250', 'x-cp1250': 'windows-1250',
  'iso8859-13': 'iso-8859-13', 'iso_8859-13': 'iso-8859-13', 'latin7': 'iso-8859-13',
  'iso8859-2': 'iso-8859-2', 'iso_8859-2': 'iso-8859-2', 'latin2': 'iso-8859-2', 'l2': 'iso-8859-2',
  'iso8859-4': 'iso-8859-4', 'latin4': 'iso-8859-4',
  'iso8859-15': 'iso-8859-15', 'latin9': 'iso-8859-15',
};

/** The canonical encoding name for a charset label, or null when Node cannot decode it. */
export function normaliseCharset(label: string): string | null {
  const key = label.trim().replace(/^["']|["']$/g, '').toLowerCase();
  if (key === '') return null;
  const name = LABEL_ALIASES[key] ?? key;
  try {
    new TextDecoder(name);
    return name;
  } catch {
    return null;
  }
}

/** The `charset` parameter of a Content-Type value (`text/html; charset="windows-1257"`). */
export function charsetParameter(contentType: string): string | null {
  const m = /(?:^|;)\s*charset\s*=\s*("[^"]*"|'[^']*'|[^\s;"']+)/i.exec(contentType);
  return m ? m[1]!.replace(/^["']|["']$/g, '') : null;
}

/**
 * The charset a page declares in its first few KB: `<meta charset=...>` or
 * `<meta http-equiv="Content-Type" content="...; charset=...">`. Read as Latin-1, which maps every
 * byte to one character, so the ASCII markup is found whatever the real encoding.
 */
export function sniffDeclaredCharset(bytes: Uint8Array): string | null {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, PRESCAN_BYTES)).replace(/<!--[\s\S]*?-->/g, '');
  const metaRe = /<meta\b[^>]*>/gi;
  let m: RegExpExecArray | null;
  while ((m = metaRe.exec(head))) {
    const tag = m[0];
    const direct = /\bcharset\s*=\s*["']?\s*([\w.:-]+)/i.exec(tag);
    if (direct && !/\bcontent\s*=/i.test(tag)) return direct[1]!;
    if (/\bhttp-equiv\s*=\s*["']?\s*content-type/i.test(tag)) {
      const content = /\bcontent\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/i.exec(tag);
      const charset = content ? charsetParameter(content[1]!.replace(/^["']|["']$/g, '')) : null;
      if (charset) return charset;
    }
    if (direct) return direct[1]!;
  }
  return null;
}

export interface DecodedHtml {
  html: string;
  /** The encoding the markup was read in. */
  encoding: string;
  /** Where the encoding came from. */
  source: 'bom' | 'utf-8' | 'transport' | 'meta' | 'guess';
}

/**
 * Decodes an HTML file. `transportCharset` is a charset declared outside the markup (an MHTML
 * part's Content-Type), which outranks the page's own `<meta>`.
 * Throws DossierError('unreadable' | 'unsupported') naming the file, as decodeText does.
 */
export function decodeHtmlBytes(fileName: string, bytes: Uint8Array, transportCharset?: string | null): DecodedHtml {
  const fromTransport = transportCharset ? normaliseCharset(transportCharset) : null;
  const sniffed = fromTransport ? null : sniffDeclaredCharset(bytes);
  const declared = fromTransport ?? (sniffed ? normaliseCharset(sniffed) : null);
  // decodeText does the size, empty and binary checks, honours a BOM, tries strict UTF-8 (which
  // outranks a wrong declaration), and otherwise prefers the declared charset to its own guess.
  const decoded = decodeText(fileName, bytes, { declaredEncoding: declared });
  if (decoded.bom) return { html: decoded.text, encoding: decoded.encoding, source: 'bom' };
  if (decoded.encoding === 'utf-8') return { html: decoded.text, encoding: 'utf-8', source: 'utf-8' };
  const followedDeclaration = declared !== null && encodingFromLabel(declared) === decoded.encoding;
  return {
    html: decoded.text,
    encoding: decoded.encoding,
    source: followedDeclaration ? (fromTransport ? 'transport' : 'meta') : 'guess',
  };
}
