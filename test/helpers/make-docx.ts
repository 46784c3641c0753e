/**
 * Builds Word files for importer fixtures from readable source, so each test input can be
 * regenerated: a minimal ZIP writer (local headers, central directory, CRC-32; entries deflated
 * with Node's zlib), the WordprocessingML parts a .docx needs, and a minimal OLE compound-file
 * writer for the two non-ZIP Word files an analyst meets: an encrypted .docx (Office wraps the
 * encrypted package in a compound file) and an old Word 97-2003 .doc.
 */
import { deflateRawSync } from 'node:zlib';

// ---------------------------------------------------------------------------------------------
// CRC-32 (IEEE 802.3, as ZIP uses), table-driven.

const CRC_TABLE = Uint32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const b of bytes) crc = CRC_TABLE[(crc ^ b) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

// ---------------------------------------------------------------------------------------------
// ZIP writer

export interface ZipEntry {
  name: string;
  data: Uint8Array | string;
  /** Store instead of deflate (ZIP method 0). */
  store?: boolean;
}

/** A fixed timestamp (2026-03-14 09:30) keeps generated files byte-for-byte reproducible. */
const DOS_TIME = (9 << 11) | (30 << 5);
const DOS_DATE = ((2026 - 1980) << 9) | (3 << 5) | 14;

export function writeZip(entries: ZipEntry[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const data = typeof entry.data === 'string' ? new Uint8Array(Buffer.from(entry.data, 'utf8')) : entry.data;
    const method = entry.store ? 0 : 8;
    const packed = method === 8 ? deflateRawSync(data) : Buffer.from(data);
    const crc = crc32(data);
    // Bit 11: names are UTF-8.
    const flags = /^[\x20-\x7e]*$/.test(entry.name) ? 0 : 0x0800;

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed: 2.0 (deflate)
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, name, packed);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // version made by
    central.writeUInt16LE(20, 6); // version needed
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(DOS_TIME, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    // extra length, comment length, disk number, internal attributes: 0
    central.writeUInt32LE(0, 38); // external attributes
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += local.length + name.length + packed.length;
  }
  const centralDirectory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralDirectory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, centralDirectory, end]));
}

// ---------------------------------------------------------------------------------------------
// WordprocessingML

export interface DocxRun {
  text: string;
  bold?: boolean;
  italic?: boolean;
}

export type DocxBlock =
  /** A paragraph; `style` is a style id such as `Title`, `Heading1`, `Heading2`, `Quote`. "\n" in the text is a line break, "\t" a tab. */
  | { kind?: 'p'; text: string | DocxRun[]; style?: string }
  | { kind: 'list'; ordered?: boolean; items: Array<string | { text: string; level: number }> }
  | { kind: 'table'; rows: string[][] };

export interface DocxCore {
  title?: string;
  creator?: string;
  lastModifiedBy?: string;
  /** W3CDTF, e.g. `2026-03-14T09:30:00Z`. */
  created?: string;
  modified?: string;
  language?: string;
}

export interface MakeDocxOptions {
  blocks: DocxBlock[];
  core?: DocxCore;
  /** Leave `docProps/core.xml` out, as some generators do. */
  omitCore?: boolean;
}

const W_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function runXml(run: DocxRun): string {
  const props = `${run.bold ? '<w:b/>' : ''}${run.italic ? '<w:i/>' : ''}`;
  const content = run.text
    .split(/(\n|\t)/)
    .map((part) => (part === '\n' ? '<w:br/>' : part === '\t' ? '<w:tab/>' : part === '' ? '' : `<w:t xml:space="preserve">${escapeXml(part)}</w:t>`))
    .join('');
  return `<w:r>${props ? `<w:rPr>${props}</w:rPr>` : ''}${content}</w:r>`;
}

function paragraphXml(text: string | DocxRun[], props = ''): string {
  const runs = typeof text === 'string' ? [{ text }] : text;
  return `<w:p>${props ? `<w:pPr>${props}</w:pPr>` : ''}${runs.map(runXml).join('')}</w:p>`;
}

function blockXml(block: DocxBlock): string {
  if (block.kind === 'list') {
    const numId = block.ordered ? 2 : 1;
    return block.items
      .map((item) => {
        const { text, level } = typeof item === 'string' ? { text: item, level: 0 } : item;
        return paragraphXml(text, `<w:pStyle w:val="ListParagraph"/><w:numPr><w:ilvl w:val="${level}"/><w:numId w:val="${numId}"/></w:numPr>`);
      })
      .join('');
  }
  if (block.kind === 'table') {
    const rows = block.rows.map((row) => `<w:tr>${row.map((cell) => `<w:tc><w:tcPr><w:tcW w:w="0" w:type="auto"/></w:tcPr>${paragraphXml(cell)}</w:tc>`).join('')}</w:tr>`);
    return `<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr>${rows.join('')}</w:tbl>`;
  }
  return paragraphXml(block.text, block.style ? `<w:pStyle w:val="${block.style}"/>` : '');
}

const STYLES_XML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="${W_NS}">
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Subtitle"><w:name w:val="Subtitle"/><w:basedOn w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Quote"><w:name w:val="Quote"/><w:basedOn w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="ListParagraph"><w:name w:val="List Paragraph"/><w:basedOn w:val="Normal"/></w:style>
</w:styles>`;

function numberingLevels(format: 'bullet' | 'decimal'): string {
  return [0, 1, 2]
    .map((level) => `<w:lvl w:ilvl="${level}"><w:start w:val="1"/><w:numFmt w:val="${format}"/><w:lvlText w:val="${format === 'bullet' ? '•' : `%${level + 1}.`}"/></w:lvl>`)
    .join('');
}

const NUMBERING_XML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="${W_NS}">
<w:abstractNum w:abstractNumId="0">${numberingLevels('bullet')}</w:abstractNum>
<w:abstractNum w:abstractNumId="1">${numberingLevels('decimal')}</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
</w:numbering>`;

function coreXml(core: DocxCore): string {
  const field = (tag: string, value: string | undefined, attrs = ''): string => (value === undefined ? '' : `<${tag}${attrs}>${escapeXml(value)}</${tag}>`);
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">${[
    field('dc:title', core.title),
    field('dc:creator', core.creator),
    field('cp:lastModifiedBy', core.lastModifiedBy),
    field('dc:language', core.language),
    field('dcterms:created', core.created, ' xsi:type="dcterms:W3CDTF"'),
    field('dcterms:modified', core.modified, ' xsi:type="dcterms:W3CDTF"'),
  ].join('')}</cp:coreProperties>`;
}

/** The parts of a .docx, before zipping (tests may drop or damage one). */
export function docxParts(options: MakeDocxOptions): ZipEntry[] {
  const body = options.blocks.map(blockXml).join('');
  const withCore = !options.omitCore;
  return [
    {
      name: '[Content_Types].xml',
      data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>
${withCore ? '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' : ''}
</Types>`,
    },
    {
      name: '_rels/.rels',
      data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
${withCore ? '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' : ''}
</Relationships>`,
    },
    {
      name: 'word/_rels/document.xml.rels',
      data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>
</Relationships>`,
    },
    {
      name: 'word/document.xml',
      data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="${W_NS}"><w:body>${body}<w:sectPr/></w:body></w:document>`,
    },
    { name: 'word/styles.xml', data: STYLES_XML },
    { name: 'word/numbering.xml', data: NUMBERING_XML },
    ...(withCore ? [{ name: 'docProps/core.xml', data: coreXml(options.core ?? {}) }] : []),
  ];
}

export function makeDocx(options: MakeDocxOptions): Uint8Array {
  return writeZip(docxParts(options));
}

// ---------------------------------------------------------------------------------------------
// OLE compound file (CFB version 3, 512-byte sectors). Streams are padded to the 4,096-byte
// mini-stream cutoff so that every stream lives in regular sectors and no mini FAT is needed.

const ENDOFCHAIN = 0xfffffffe;
const FREESECT = 0xffffffff;
const FATSECT = 0xfffffffd;
const NOSTREAM = 0xffffffff;

export function makeCompoundFile(streams: Array<{ name: string; data: Uint8Array }>): Uint8Array {
  // Directory order: shorter names first, then case-insensitively; a right-leaning chain of
  // siblings in that order is a valid (if unbalanced) search tree.
  const sorted = [...streams]
    .map((s) => ({ name: s.name, data: s.data.length >= 4096 ? s.data : Uint8Array.from({ length: 4096 }, (_, i) => s.data[i] ?? 0) }))
    .sort((a, b) => a.name.length - b.name.length || a.name.toUpperCase().localeCompare(b.name.toUpperCase()));
  const entryCount = sorted.length + 1;
  const dirSectors = Math.ceil(entryCount / 4);
  const fat: number[] = [FATSECT];
  for (let i = 0; i < dirSectors; i++) fat.push(i === dirSectors - 1 ? ENDOFCHAIN : fat.length + 1);
  const starts: number[] = [];
  for (const stream of sorted) {
    const count = Math.ceil(stream.data.length / 512);
    starts.push(fat.length);
    for (let i = 0; i < count; i++) fat.push(i === count - 1 ? ENDOFCHAIN : fat.length + 1);
  }
  if (fat.length > 128) throw new Error('makeCompoundFile: streams too large for one FAT sector');
  while (fat.length < 128) fat.push(FREESECT);

  const header = Buffer.alloc(512);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header, 0);
  header.writeUInt16LE(0x003e, 24);
  header.writeUInt16LE(0x0003, 26);
  header.writeUInt16LE(0xfffe, 28);
  header.writeUInt16LE(9, 30);
  header.writeUInt16LE(6, 32);
  header.writeUInt32LE(1, 44); // FAT sectors
  header.writeUInt32LE(1, 48); // first directory sector
  header.writeUInt32LE(4096, 56);
  header.writeUInt32LE(ENDOFCHAIN, 60);
  header.writeUInt32LE(ENDOFCHAIN, 68);
  header.writeUInt32LE(0, 76); // DIFAT[0]: the FAT is sector 0
  for (let i = 1; i < 109; i++) header.writeUInt32LE(FREESECT, 76 + i * 4);

  const fatSector = Buffer.alloc(512);
  fat.forEach((v, i) => fatSector.writeUInt32LE(v >>> 0, i * 4));

  const dir = Buffer.alloc(dirSectors * 512);
  const entry = (index: number, name: string, type: number, right: number, child: number, start: number, size: number): void => {
    const at = index * 128;
    const encoded = Buffer.from(`${name}\0`, 'utf16le');
    encoded.copy(dir, at);
    dir.writeUInt16LE(encoded.length, at + 64);
    dir.writeUInt8(type, at + 66);
    dir.writeUInt8(1, at + 67); // black
    dir.writeUInt32LE(NOSTREAM, at + 68);
    dir.writeUInt32LE(right, at + 72);
    dir.writeUInt32LE(child, at + 76);
    dir.writeUInt32LE(start >>> 0, at + 116);
    dir.writeUInt32LE(size, at + 120);
  };
  entry(0, 'Root Entry', 5, NOSTREAM, sorted.length > 0 ? 1 : NOSTREAM, ENDOFCHAIN, 0);
  sorted.forEach((s, i) => entry(i + 1, s.name, 2, i + 2 <= sorted.length ? i + 2 : NOSTREAM, NOSTREAM, starts[i]!, s.data.length));
  for (let i = entryCount; i < dirSectors * 4; i++) {
    dir.writeUInt32LE(NOSTREAM, i * 128 + 68);
    dir.writeUInt32LE(NOSTREAM, i * 128 + 72);
    dir.writeUInt32LE(NOSTREAM, i * 128 + 76);
  }
  const data = sorted.map((s) => {
    const padded = Buffer.alloc(Math.ceil(s.data.length / 512) * 512);
    Buffer.from(s.data).copy(padded);
    return padded;
  });
  return new Uint8Array(Buffer.concat([header, fatSector, dir, ...data]));
}

/**
 * What Word writes for a password-protected .docx: a compound file holding `EncryptionInfo`
 * (agile encryption, version 4.4, an XML descriptor) and `EncryptedPackage` (the size of the
 * original package, then the ciphertext; random-looking bytes stand in for it here).
 */
export function makeEncryptedDocx(): Uint8Array {
  const descriptor = Buffer.from(
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<encryption xmlns="http://schemas.microsoft.com/office/2006/encryption" ' +
      'xmlns:p="http://schemas.microsoft.com/office/2006/keyEncryptor/password"><keyData saltSize="16" blockSize="16" keyBits="256" ' +
      'hashSize="64" cipherAlgorithm="AES" cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512" saltValue="AAAAAAAAAAAAAAAAAAAAAA=="/>' +
      '</encryption>',
    'utf8',
  );
  const info = Buffer.concat([Buffer.from([4, 0, 4, 0, 0x40, 0, 0, 0]), descriptor]);
  const pkg = Buffer.alloc(8 + 4096);
  pkg.writeUInt32LE(4096, 0);
  for (let i = 8, x = 0x2545f491; i < pkg.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    pkg[i] = x & 0xff;
  }
  return makeCompoundFile([
    { name: 'EncryptionInfo', data: new Uint8Array(info) },
    { name: 'EncryptedPackage', data: new Uint8Array(pkg) },
  ]);
}

/** An old Word 97-2003 .doc: a compound file whose `WordDocument` stream starts with the FIB magic 0xA5EC. */
export function makeOldWordDocument(): Uint8Array {
  const word = Buffer.alloc(4096);
  word.writeUInt16LE(0xa5ec, 0);
  word.writeUInt16LE(0x00c1, 2); // nFib of Word 97
  Buffer.from('Klaipėda terminal vote', 'utf16le').copy(word, 0x800);
  return makeCompoundFile([
    { name: 'WordDocument', data: new Uint8Array(word) },
    { name: '1Table', data: new Uint8Array(512) },
  ]);
}
