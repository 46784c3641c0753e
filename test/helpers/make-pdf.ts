/**
 * A minimal PDF writer for importer fixtures, so every PDF test input is generated from readable
 * source and can be regenerated (`npx tsx test/helpers/make-pdf.ts` is not needed: tests call it).
 *
 * What it writes: PDF 1.4 with a classic xref table, one Type1 standard font (Helvetica, and
 * Helvetica-Bold) per page set, text placed with absolute `Tm` positions, optional Flate-compressed
 * content streams, an Info dictionary, an optional XMP metadata stream and catalog /Lang, optional
 * image-only pages (a "scan"), and optional RC4 40-bit Standard-security encryption (PDF 1.4,
 * V1/R2), which is what `qpdf --encrypt U O 40` produces.
 *
 * Diacritics: the fonts use WinAnsiEncoding plus a /Differences array. Characters outside WinAnsi
 * (ė, ū, č, ą, ę, į, ų, ...) are given free byte codes and named by their standard Adobe glyph name
 * (`edotaccent`, `umacron`, ...), which is how a real producer subsets a simple font; a PDF reader
 * maps the glyph names back to Unicode.
 */
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';

export interface PdfTextRun {
  text: string;
  /** Baseline position in points from the bottom-left corner. */
  x: number;
  y: number;
  size?: number;
  bold?: boolean;
}

export interface PdfPageSpec {
  runs: PdfTextRun[];
  /** Paint a grey image over the page, as a scanner does (a page with no text layer). */
  image?: boolean;
}

export interface PdfInfo {
  Title?: string;
  Author?: string;
  Subject?: string;
  Creator?: string;
  Producer?: string;
  /** Written as a PDF date, e.g. `D:20260314093000+02'00'`; pass it already formatted. */
  CreationDate?: string;
  ModDate?: string;
}

export interface MakePdfOptions {
  pages: PdfPageSpec[];
  info?: PdfInfo;
  /** XMP packet fields, written as a /Metadata stream on the catalog. */
  xmp?: { title?: string; creator?: string; createDate?: string };
  /** Catalog /Lang, e.g. `en-GB`. */
  lang?: string;
  compress?: boolean;
  encrypt?: { userPassword: string; ownerPassword: string };
  width?: number;
  height?: number;
}

// ---------------------------------------------------------------------------------------------
// Encoding: WinAnsi plus /Differences for the rest.

/** WinAnsiEncoding's 0x80-0x9F block; 0xA0-0xFF is Latin-1. */
const WIN_ANSI_HIGH: Record<number, number> = {
  0x80: 0x20ac, 0x82: 0x201a, 0x83: 0x0192, 0x84: 0x201e, 0x85: 0x2026, 0x86: 0x2020, 0x87: 0x2021,
  0x88: 0x02c6, 0x89: 0x2030, 0x8a: 0x0160, 0x8b: 0x2039, 0x8c: 0x0152, 0x8e: 0x017d, 0x91: 0x2018,
  0x92: 0x2019, 0x93: 0x201c, 0x94: 0x201d, 0x95: 0x2022, 0x96: 0x2013, 0x97: 0x2014, 0x98: 0x02dc,
  0x99: 0x2122, 0x9a: 0x0161, 0x9b: 0x203a, 0x9c: 0x0153, 0x9e: 0x017e, 0x9f: 0x0178,
};

/** Adobe glyph names for the Baltic, Polish and Czech letters WinAnsi lacks. */
const GLYPH_NAMES: Record<string, string> = {
  ą: 'aogonek', Ą: 'Aogonek', č: 'ccaron', Č: 'Ccaron', ę: 'eogonek', Ę: 'Eogonek', ė: 'edotaccent',
  Ė: 'Edotaccent', į: 'iogonek', Į: 'Iogonek', ų: 'uogonek', Ų: 'Uogonek', ū: 'umacron', Ū: 'Umacron',
  ā: 'amacron', Ā: 'Amacron', ē: 'emacron', Ē: 'Emacron', ī: 'imacron', Ī: 'Imacron', ģ: 'gcommaaccent',
  ķ: 'kcommaaccent', ļ: 'lcommaaccent', ņ: 'ncommaaccent', ł: 'lslash', Ł: 'Lslash', ń: 'nacute',
  ś: 'sacute', Ś: 'Sacute', ź: 'zacute', ż: 'zdotaccent', Ż: 'Zdotaccent', ć: 'cacute', ř: 'rcaron',
  Ř: 'Rcaron', ě: 'ecaron', ů: 'uring', ď: 'dcaron', ť: 'tcaron', ň: 'ncaron',
};

function winAnsiCode(ch: string): number | undefined {
  const cp = ch.codePointAt(0)!;
  if (cp >= 0x20 && cp < 0x7f) return cp;
  if (cp >= 0xa0 && cp <= 0xff) return cp;
  for (const [code, u] of Object.entries(WIN_ANSI_HIGH)) if (u === cp) return Number(code);
  return undefined;
}

interface FontEncoding {
  encode(text: string): Uint8Array;
  differences: string;
}

function buildEncoding(allText: string): FontEncoding {
  const used = new Set<number>();
  const extra: string[] = [];
  for (const ch of new Set(allText)) {
    const code = winAnsiCode(ch);
    if (code !== undefined) used.add(code);
    else if (GLYPH_NAMES[ch]) extra.push(ch);
    else throw new Error(`make-pdf: no glyph for ${JSON.stringify(ch)} (U+${ch.codePointAt(0)!.toString(16)})`);
  }
  // Give each extra letter a high code this document does not otherwise use.
  const assigned = new Map<string, number>();
  let next = 0x80;
  for (const ch of extra.sort()) {
    while (used.has(next) || next === 0xa0 || next === 0xad) next++;
    if (next > 0xff) throw new Error('make-pdf: too many distinct characters for one simple font');
    assigned.set(ch, next);
    used.add(next);
  }
  const differences = [...assigned].map(([ch, code]) => `${code} /${GLYPH_NAMES[ch]}`).join(' ');
  return {
    differences,
    encode(text) {
      return Uint8Array.from([...text].map((ch) => assigned.get(ch) ?? winAnsiCode(ch)!));
    },
  };
}

// ---------------------------------------------------------------------------------------------
// RC4 40-bit Standard security handler (Algorithms 2, 3 and 4 of ISO 32000-1, revision 2).

const PASSWORD_PAD = Uint8Array.from([
  0x28, 0xbf, 0x4e, 0x5e, 0x4e, 0x75, 0x8a, 0x41, 0x64, 0x00, 0x4e, 0x56, 0xff, 0xfa, 0x01, 0x08,
  0x2e, 0x2e, 0x00, 0xb6, 0xd0, 0x68, 0x3e, 0x80, 0x2f, 0x0c, 0xa9, 0xfe, 0x64, 0x53, 0x69, 0x7a,
]);

export function rc4(key: Uint8Array, data: Uint8Array): Uint8Array {
  const s = Uint8Array.from({ length: 256 }, (_, i) => i);
  for (let i = 0, j = 0; i < 256; i++) {
    j = (j + s[i]! + key[i % key.length]!) & 255;
    [s[i], s[j]] = [s[j]!, s[i]!];
  }
  const out = new Uint8Array(data.length);
  for (let n = 0, i = 0, j = 0; n < data.length; n++) {
    i = (i + 1) & 255;
    j = (j + s[i]!) & 255;
    [s[i], s[j]] = [s[j]!, s[i]!];
    out[n] = data[n]! ^ s[(s[i]! + s[j]!) & 255]!;
  }
  return out;
}

const md5 = (...parts: Uint8Array[]): Uint8Array => {
  const hash = createHash('md5');
  for (const part of parts) hash.update(part);
  return new Uint8Array(hash.digest());
};

function padPassword(password: string): Uint8Array {
  const bytes = Buffer.from(password, 'latin1').subarray(0, 32);
  const out = new Uint8Array(32);
  out.set(bytes);
  out.set(PASSWORD_PAD.subarray(0, 32 - bytes.length), bytes.length);
  return out;
}

interface Security {
  O: Uint8Array;
  U: Uint8Array;
  P: number;
  objectKey(num: number): Uint8Array;
}

function standardSecurity(userPassword: string, ownerPassword: string, fileId: Uint8Array): Security {
  const P = -4; // every permission granted
  const O = rc4(md5(padPassword(ownerPassword || userPassword)).subarray(0, 5), padPassword(userPassword));
  const p = new Uint8Array(4);
  new DataView(p.buffer).setInt32(0, P, true);
  const key = md5(padPassword(userPassword), O, p, fileId).subarray(0, 5);
  const U = rc4(key, PASSWORD_PAD);
  return {
    O,
    U,
    P,
    objectKey(num) {
      const salt = Uint8Array.from([num & 255, (num >> 8) & 255, (num >> 16) & 255, 0, 0]);
      return md5(key, salt).subarray(0, 10);
    },
  };
}

// ---------------------------------------------------------------------------------------------

const hex = (bytes: Uint8Array): string => `<${Buffer.from(bytes).toString('hex')}>`;

/** A PDF text string: PDFDocEncoding-compatible ASCII as is, anything else as UTF-16BE with a BOM. */
function textStringBytes(s: string): Uint8Array {
  if (/^[\x20-\x7e]*$/.test(s)) return new Uint8Array(Buffer.from(s, 'latin1'));
  const le = Buffer.from(`\ufeff${s}`, 'utf16le');
  return new Uint8Array(le.swap16());
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function xmpPacket(xmp: NonNullable<MakePdfOptions['xmp']>): string {
  const fields: string[] = [];
  if (xmp.title) fields.push(`<dc:title><rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(xmp.title)}</rdf:li></rdf:Alt></dc:title>`);
  if (xmp.creator) fields.push(`<dc:creator><rdf:Seq><rdf:li>${escapeXml(xmp.creator)}</rdf:li></rdf:Seq></dc:creator>`);
  if (xmp.createDate) fields.push(`<xmp:CreateDate>${escapeXml(xmp.createDate)}</xmp:CreateDate>`);
  return [
    '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/">',
    ...fields,
    '</rdf:Description></rdf:RDF></x:xmpmeta>',
    '<?xpacket end="w"?>',
  ].join('\n');
}

/** Builds the PDF. Object numbers are assigned in order; the file is deterministic for equal input. */
export function makePdf(options: MakePdfOptions): Uint8Array {
  const width = options.width ?? 595; // A4
  const height = options.height ?? 842;
  const compress = options.compress ?? true;
  const encoding = buildEncoding(options.pages.flatMap((p) => p.runs.map((r) => r.text)).join(''));
  const fileId = md5(new TextEncoder().encode(JSON.stringify(options))).subarray(0, 16);
  const security = options.encrypt ? standardSecurity(options.encrypt.userPassword, options.encrypt.ownerPassword, fileId) : null;

  // Objects are reserved first so references can point forward.
  const bodies: Array<(num: number) => Uint8Array> = [];
  const reserve = (): number => bodies.push(() => new Uint8Array());
  const set = (num: number, body: (num: number) => Uint8Array): void => {
    bodies[num - 1] = body;
  };
  const crypt = (num: number, data: Uint8Array): Uint8Array => (security ? rc4(security.objectKey(num), data) : data);
  const dict = (s: string): ((num: number) => Uint8Array) => () => new Uint8Array(Buffer.from(s, 'latin1'));
  const stream = (extra: string, data: Uint8Array, allowCompress = true): ((num: number) => Uint8Array) => (num) => {
    const packed = compress && allowCompress ? new Uint8Array(deflateSync(data)) : data;
    const body = crypt(num, packed);
    const filter = compress && allowCompress ? ' /Filter /FlateDecode' : '';
    return Buffer.concat([
      Buffer.from(`<< /Length ${body.length}${filter}${extra} >>\nstream\n`, 'latin1'),
      body,
      Buffer.from('\nendstream', 'latin1'),
    ]);
  };

  const catalog = reserve();
  const pagesRoot = reserve();
  const fontRegular = reserve();
  const fontBold = reserve();
  const fontDict = (base: string): string =>
    `<< /Type /Font /Subtype /Type1 /BaseFont /${base} /Encoding << /Type /Encoding /BaseEncoding /WinAnsiEncoding` +
    (encoding.differences ? ` /Differences [${encoding.differences}]` : '') +
    ' >> >>';
  set(fontRegular, dict(fontDict('Helvetica')));
  set(fontBold, dict(fontDict('Helvetica-Bold')));

  let image: number | null = null;
  if (options.pages.some((p) => p.image)) {
    image = reserve();
    // A 64×64 grey gradient stands in for a scanned page.
    const pixels = Uint8Array.from({ length: 64 * 64 }, (_, i) => 160 + ((i * 7) % 80));
    set(image, stream(' /Type /XObject /Subtype /Image /Width 64 /Height 64 /ColorSpace /DeviceGray /BitsPerComponent 8', pixels));
  }

  const pageNums: number[] = [];
  for (const page of options.pages) {
    const pageNum = reserve();
    const contentNum = reserve();
    pageNums.push(pageNum);
    const ops: Buffer[] = [];
    if (page.image) ops.push(Buffer.from(`q ${width - 40} 0 0 ${height - 40} 20 20 cm /Im1 Do Q\n`, 'latin1'));
    if (page.runs.length > 0) {
      ops.push(Buffer.from('BT\n', 'latin1'));
      for (const run of page.runs) {
        const size = run.size ?? 11;
        ops.push(Buffer.from(`/${run.bold ? 'F2' : 'F1'} ${size} Tf 1 0 0 1 ${run.x} ${run.y} Tm `, 'latin1'));
        ops.push(Buffer.from(hex(encoding.encode(run.text)), 'latin1'), Buffer.from(' Tj\n', 'latin1'));
      }
      ops.push(Buffer.from('ET\n', 'latin1'));
    }
    set(contentNum, stream('', new Uint8Array(Buffer.concat(ops))));
    const xobject = page.image && image ? ` /XObject << /Im1 ${image} 0 R >>` : '';
    set(
      pageNum,
      dict(
        `<< /Type /Page /Parent ${pagesRoot} 0 R /MediaBox [0 0 ${width} ${height}] /Contents ${contentNum} 0 R ` +
          `/Resources << /Font << /F1 ${fontRegular} 0 R /F2 ${fontBold} 0 R >>${xobject} >> >>`,
      ),
    );
  }
  set(pagesRoot, dict(`<< /Type /Pages /Kids [${pageNums.map((n) => `${n} 0 R`).join(' ')}] /Count ${pageNums.length} >>`));

  let metadata: number | null = null;
  if (options.xmp) {
    metadata = reserve();
    set(metadata, stream(' /Type /Metadata /Subtype /XML', new Uint8Array(Buffer.from(xmpPacket(options.xmp), 'utf8')), false));
  }
  set(catalog, (num) => {
    const langBytes = options.lang ? ` /Lang ${hex(crypt(num, textStringBytes(options.lang)))}` : '';
    return new Uint8Array(
      Buffer.from(
        `<< /Type /Catalog /Pages ${pagesRoot} 0 R${metadata ? ` /Metadata ${metadata} 0 R` : ''}${langBytes} >>`,
        'latin1',
      ),
    );
  });

  let info: number | null = null;
  if (options.info) {
    info = reserve();
    const entries = Object.entries(options.info).filter(([, v]) => v !== undefined) as Array<[string, string]>;
    set(info, (num) => {
      const parts = entries.map(([k, v]) => `/${k} ${hex(crypt(num, textStringBytes(v)))}`);
      return new Uint8Array(Buffer.from(`<< ${parts.join(' ')} >>`, 'latin1'));
    });
  }

  let encryptNum: number | null = null;
  if (security) {
    encryptNum = reserve();
    set(encryptNum, dict(`<< /Filter /Standard /V 1 /R 2 /Length 40 /O ${hex(security.O)} /U ${hex(security.U)} /P ${security.P} >>`));
  }

  // Header with a binary comment line, as producers write, so tools treat the file as binary.
  const chunks: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let offset = chunks[0]!.length;
  const offsets: number[] = [];
  bodies.forEach((body, i) => {
    const num = i + 1;
    offsets.push(offset);
    const bytes = Buffer.concat([Buffer.from(`${num} 0 obj\n`, 'latin1'), body(num), Buffer.from('\nendobj\n', 'latin1')]);
    chunks.push(bytes);
    offset += bytes.length;
  });
  const xref = [`xref\n0 ${bodies.length + 1}\n`, '0000000000 65535 f \n', ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`)].join('');
  const trailer =
    `trailer\n<< /Size ${bodies.length + 1} /Root ${catalog} 0 R${info ? ` /Info ${info} 0 R` : ''}` +
    `${encryptNum ? ` /Encrypt ${encryptNum} 0 R` : ''} /ID [${hex(fileId)} ${hex(fileId)}] >>\nstartxref\n${offset}\n%%EOF\n`;
  chunks.push(Buffer.from(xref + trailer, 'latin1'));
  return new Uint8Array(Buffer.concat(chunks));
}

// ---------------------------------------------------------------------------------------------
// Layout: blocks of lines flowed down the page, the way a word processor's PDF export places them.

export interface PdfBlock {
  /** The block's lines, already broken (so a test controls line-end hyphens). */
  lines: string[];
  size?: number;
  bold?: boolean;
}

/** Breaks a paragraph into lines of at most `width` characters at spaces. */
export function wrapText(text: string, width = 80): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * Places each page's blocks top-down from a 72 pt margin: lines 1.25 × the font size apart, and one
 * extra line of space between blocks (a paragraph gap).
 */
export function layoutPages(pages: PdfBlock[][], options: { height?: number; margin?: number } = {}): PdfPageSpec[] {
  const height = options.height ?? 842;
  const margin = options.margin ?? 72;
  return pages.map((blocks) => {
    const runs: PdfTextRun[] = [];
    let y = height - margin;
    blocks.forEach((block, b) => {
      const size = block.size ?? 11;
      if (b > 0) y -= size * 0.9; // the paragraph gap
      for (const line of block.lines) {
        runs.push({ text: line, x: margin, y: Math.round(y * 100) / 100, size, bold: block.bold });
        y -= size * 1.25;
      }
    });
    return { runs };
  });
}
