import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DossierError } from '../../../shared/api/result';
import { listZip, parseCoreProperties, parseDocx, readZipPart } from '../../../electron/importers/docx';
import { parseFile } from '../../../electron/importers/registry';
import { crc32, docxParts, makeDocx, writeZip } from '../../helpers/make-docx';
import { DOCX_FIXTURES } from '../../fixtures/import/docx/generate';

const DIR = join(import.meta.dirname, '..', '..', 'fixtures', 'import', 'docx');
const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(join(DIR, name)));

async function failure(fileName: string, bytes: Uint8Array): Promise<DossierError> {
  try {
    await parseFile({ fileName, bytes });
  } catch (error) {
    expect(error).toBeInstanceOf(DossierError);
    expect((error as DossierError).code).toBe('unreadable');
    return error as DossierError;
  }
  throw new Error(`${fileName} was imported`);
}

describe('ZIP writer and reader (test helper and importer)', () => {
  it('computes CRC-32 as ZIP does', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array())).toBe(0);
    const sample = new TextEncoder().encode('Kasčiūnas, Nausėda, Žemaitytė');
    const nodeCrc = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;
    if (nodeCrc) expect(crc32(sample)).toBe(nodeCrc(sample));
  });

  it('round-trips stored and deflated entries with UTF-8 names', () => {
    const long = 'Klaipėda '.repeat(500);
    const zip = writeZip([
      { name: 'a.txt', data: 'plain', store: true },
      { name: 'dir/žemė.xml', data: long },
    ]);
    const parts = listZip(zip)!;
    expect(parts.map((p) => [p.name, p.method])).toEqual([['a.txt', 0], ['dir/žemė.xml', 8]]);
    expect(parts[1]!.compressedSize).toBeLessThan(parts[1]!.size);
    expect(new TextDecoder().decode(readZipPart(zip, parts[0]!))).toBe('plain');
    expect(new TextDecoder().decode(readZipPart(zip, parts[1]!))).toBe(long);
  });
});

describe('DOCX fixtures', () => {
  it.each(Object.keys(DOCX_FIXTURES))('%s is exactly what generate.ts builds', (name) => {
    expect(Buffer.from(fixture(name)).equals(Buffer.from(DOCX_FIXTURES[name]!()))).toBe(true);
  });
});

describe('DOCX importer', () => {
  it('keeps paragraphs, headings, lists, tables, line breaks and diacritics, in order', async () => {
    const doc = await parseFile({ fileName: 'second-berth-briefing.docx', bytes: fixture('second-berth-briefing.docx') });
    expect(doc.text).toBe(
      [
        'Second Berth: what the Klaipėda vote decided',
        'By Aistė Nausėdienė | Vakarų Ekspresas Weekly',
        'Date: 13 March 2026',
        'The Seimas voted 71 to 48 for the second LNG berth, with 9 abstentions. Energy Minister Dovilė Žemaitytė called it "a vote about who decides our energy future".',
        'What the bill covers',
        '- A jetty and a floating storage unit\n  - dredging of the approach channel\n- A link to the existing pipeline',
        'Who said what',
        '1. Tomas Jankūnas: the lagoon assessment is out of date.\n2. Giedrius Stankūnas: the southern quay is already reserved.',
        'Estimate | Amount | Source\nFeasibility study, 2024 | €280 million | ministry\nExplanatory note, 2026 | €310 million | bill',
        'Harbour pilot Jurgis Kasčiūnas:\n"We will need a wider turning basin."',
      ].join('\n\n'),
    );
    expect(doc.mediaType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(doc.noise).toEqual([]);
  });

  it('reads core.xml and the text’s own header lines', async () => {
    const doc = await parseFile({ fileName: 'second-berth-briefing.docx', bytes: fixture('second-berth-briefing.docx') });
    expect(doc).toMatchObject({
      title: 'Second Berth briefing', // dc:title
      byline: 'Aistė Nausėdienė',
      outlet: 'Vakarų Ekspresas Weekly',
      publishedAt: '2026-03-13', // the "Date:" line, not dcterms:created's timestamp
      url: null,
      language: 'en', // dc:language en-GB
    });
  });

  it('without core.xml: title from the Title style, byline and date from the text', async () => {
    const doc = await parseDocx({
      fileName: 'note.docx',
      bytes: makeDocx({
        omitCore: true,
        blocks: [
          { text: 'Port pilots', style: 'Heading2' },
          { text: 'Pilots want a wider turning basin', style: 'Title' },
          { text: 'By Jurgis Kasčiūnas' },
          { text: 'Harbour pilots asked the port authority on Thursday for a wider turning basin before the second berth opens in Klaipėda.' },
        ],
      }),
    });
    expect(doc).toMatchObject({ title: 'Pilots want a wider turning basin', byline: 'Jurgis Kasčiūnas', publishedAt: null });
  });

  it('falls back to dc:creator and dcterms:created, ignoring placeholder values', async () => {
    const blocks = [{ text: 'The port authority opened the tender for the jetty on Friday.' }];
    const withCore = await parseDocx({ fileName: 'n.docx', bytes: makeDocx({ blocks, core: { creator: 'Eglė Rimkutė', created: '2026-03-11T10:00:00Z' } }) });
    expect(withCore).toMatchObject({ byline: 'Eglė Rimkutė', publishedAt: '2026-03-11T10:00:00Z', title: 'The port authority opened the tender for the jetty on Friday.' });
    const placeholders = await parseDocx({ fileName: 'n.docx', bytes: makeDocx({ blocks, core: { creator: 'Administrator', title: 'Document1' } }) });
    expect(placeholders.byline).toBeNull();
    expect(placeholders.title).toBe('The port authority opened the tender for the jetty on Friday.');
  });

  it('parses core.xml with entities and CDATA', () => {
    const core = parseCoreProperties(
      '<cp:coreProperties xmlns:dc="x"><dc:title>Port &amp; lagoon &#8211; &#x17D;emaitytė</dc:title><dc:creator><![CDATA[A & B]]></dc:creator>' +
        '<dcterms:created xsi:type="dcterms:W3CDTF">2026-03-11T10:00:00Z</dcterms:created><dc:language>lt-LT</dc:language></cp:coreProperties>',
    );
    expect(core).toEqual({ title: 'Port & lagoon – Žemaitytė', creator: 'A & B', created: '2026-03-11T10:00:00Z', modified: null, language: 'lt-LT' });
  });
});

describe('DOCX importer: files it cannot import, each with its own message', () => {
  it('a password-protected .docx', async () => {
    expect((await failure('locked.docx', fixture('password.docx'))).message).toMatch(/^locked\.docx: the Word file is password-protected; /);
  });

  it('an old .doc renamed .docx', async () => {
    expect((await failure('old.docx', fixture('old-word-renamed.docx'))).message).toBe(
      'old.docx: this is an old Word 97-2003 document (.doc), not a .docx; open it in Word or LibreOffice and save it as .docx',
    );
  });

  it('a truncated .docx', async () => {
    expect((await failure('cut.docx', fixture('truncated.docx'))).message).toBe(
      'cut.docx: the Word file is damaged or not a .docx (the ZIP directory at the end of the file is missing; the file may be truncated)',
    );
  });

  it('a .docx whose document.xml is broken', async () => {
    expect((await failure('broken.docx', fixture('broken-xml.docx'))).message).toMatch(/^broken\.docx: the Word file is damaged or not a \.docx \(.*xml.*\)$/i);
  });

  it('a document without text', async () => {
    expect((await failure('draft.docx', fixture('empty-document.docx'))).message).toBe('draft.docx: the document has no text');
  });

  it('a file that is not a ZIP, an empty file, a ZIP that is not a Word document, an OpenDocument file', async () => {
    expect((await failure('notes.docx', new Uint8Array(Buffer.from('Klaipėda notes\n')))).message).toBe(
      'notes.docx: the Word file is damaged or not a .docx (it is not a ZIP package, which every .docx is)',
    );
    expect((await failure('e.docx', new Uint8Array())).message).toBe('e.docx: the file is empty');
    const archive = writeZip([{ name: 'photos/quay.txt', data: 'not a document' }]);
    expect((await failure('a.docx', archive)).message).toBe('a.docx: the Word file is damaged or not a .docx (the package has no word/document.xml)');
    const odt = writeZip([{ name: 'mimetype', data: 'application/vnd.oasis.opendocument.text', store: true }, { name: 'content.xml', data: '<office:document-content/>' }]);
    expect((await failure('b.docx', odt)).message).toBe('b.docx: the Word file is damaged or not a .docx (it is an OpenDocument file; save it as .docx)');
  });

  it('a ZIP entry that is damaged inside an otherwise valid package', async () => {
    const parts = docxParts({ blocks: [{ text: 'Klaipėda' }] });
    const zip = writeZip(parts);
    const entry = listZip(zip)!.find((p) => p.name === 'word/document.xml')!;
    // Overwrite the deflated bytes of document.xml with noise.
    const start = entry.localHeaderOffset + 30 + 'word/document.xml'.length;
    zip.fill(0xff, start, start + entry.compressedSize);
    expect((await failure('mangled.docx', zip)).message).toMatch(/^mangled\.docx: the Word file is damaged or not a \.docx \(word\/document\.xml cannot be unpacked: .+\)$/);
  });
});
