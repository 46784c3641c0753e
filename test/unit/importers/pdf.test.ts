import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DossierError } from '../../../shared/api/result';
import { MAX_PDF_PAGES, pagesToText, parsePdf, parsePdfDate, type PdfTextPiece } from '../../../electron/importers/pdf';
import { parseFile } from '../../../electron/importers/registry';
import { layoutPages, makePdf, type PdfTextRun } from '../../helpers/make-pdf';
import { ARTICLE_TITLE, PDF_FIXTURES } from '../../fixtures/import/pdf/generate';

const DIR = join(import.meta.dirname, '..', '..', 'fixtures', 'import', 'pdf');
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

const ARTICLE_TEXT = [
  ARTICLE_TITLE,
  'By Rūta Kasčiūnienė | Pajūrio Kurjeris\nPublished: 12 March 2026\nURL: https://kurjeris.example/2026/03/12/second-berth-vote',
  'KLAIPĖDA - The Seimas approved the second berth for the liquefied natural gas terminal by 71 votes to 48, with 9 abstentions, after a debate that ran past midnight on Wednesday.',
  'Energy Minister Dovilė Žemaitytė told lawmakers that the project would cost about €310 million, including the jetty, the dredging of the approach channel and a pipeline link.',
  'Opposition MP Tomas Jankūnas said the negotiations with the port had been rushed, and that the Nausėda-Kasčiūnas amendment on the Curonian Lagoon was voted down.',
  // Page 2 starts a new paragraph.
  'Harbour pilot Jurgis Nausėda, who has guided tankers into Klaipėda for twenty years, said the new jetty would need a wider turning basin.',
  'Construction is expected to begin in 2027, once the port authority completes the tender for the jetty.',
].join('\n\n');

describe('PDF fixtures', () => {
  it.each(Object.keys(PDF_FIXTURES))('%s is exactly what generate.ts builds', (name) => {
    expect(Buffer.from(fixture(name)).equals(Buffer.from(PDF_FIXTURES[name]!()))).toBe(true);
  });
});

describe('PDF importer: text', () => {
  it('rebuilds a two-page article: reading order, paragraphs, reflowed lines, diacritics, page break', async () => {
    const doc = await parseFile({ fileName: 'terminal-vote.pdf', bytes: fixture('terminal-vote.pdf') });
    expect(doc.text).toBe(ARTICLE_TEXT);
    expect(doc.mediaType).toBe('application/pdf');
    expect(doc.noise).toEqual([]);
  });

  it('reads the metadata: Info title, the text’s byline, outlet, date and URL, and catalog /Lang', async () => {
    const doc = await parseFile({ fileName: 'terminal-vote.pdf', bytes: fixture('terminal-vote.pdf') });
    expect(doc).toMatchObject({
      title: ARTICLE_TITLE,
      byline: 'Rūta Kasčiūnienė',
      outlet: 'Pajūrio Kurjeris',
      // The text's "Published:" line beats the Info CreationDate (2026-03-12T08:15).
      publishedAt: '2026-03-12',
      url: 'https://kurjeris.example/2026/03/12/second-berth-vote',
      language: 'en',
    });
  });

  it('does not detach or change the caller’s bytes', async () => {
    const bytes = fixture('terminal-vote.pdf');
    const copy = Buffer.from(bytes);
    await parsePdf({ fileName: 'a.pdf', bytes });
    expect(bytes.byteLength).toBe(copy.length);
    expect(Buffer.from(bytes).equals(copy)).toBe(true);
  });

  it('orders pieces by position, not by their order in the content stream, and spaces separate words', async () => {
    // The bottom line is written first, word by word from right to left; the top line follows,
    // with "Klai" + "pėda" set as two abutting pieces (a kerning split).
    const runs: PdfTextRun[] = [
      { text: 'berth.', x: 200, y: 680 },
      { text: 'second', x: 150, y: 680 },
      { text: 'backs', x: 100, y: 680 },
      { text: 'the', x: 72, y: 680 },
      { text: 'Klai', x: 72, y: 700 },
      { text: 'pėda', x: 90.34, y: 700 },
      { text: 'council', x: 130, y: 700 },
    ];
    const doc = await parsePdf({ fileName: 'order.pdf', bytes: makePdf({ pages: [{ runs }] }) });
    expect(doc.text).toBe('Klaipėda council\nthe backs second berth.');
  });

  it('keeps text set on a slant or sideways (a margin note) as a paragraph after its page', () => {
    const piece = (str: string, transform: number[], width = 50): PdfTextPiece => ({ str, transform, width, height: 10 });
    const text = pagesToText([
      [piece('Body line one.', [10, 0, 0, 10, 72, 700]), piece('DRAFT - not for publication', [0, 10, -10, 0, 20, 400]), piece('Body line two.', [10, 0, 0, 10, 72, 688])],
    ]);
    expect(text).toBe('Body line one. Body line two.\n\nDRAFT - not for publication');
  });

  it('de-hyphenates only before a lower-case continuation, and always removes a soft hyphen at a line end', () => {
    const line = (str: string, y: number, width = 300): PdfTextPiece => ({ str, transform: [10, 0, 0, 10, 72, y], width, height: 10 });
    const text = pagesToText([
      [
        line('The ministry published the negoti-', 700),
        line('ations timetable for the COVID-', 688),
        line('19 era contracts and the Klaipėda-', 676),
        line('Vilnius pipeline, then the re\u00ad', 664),
        line('gasification figures.', 652, 100),
      ],
    ]);
    expect(text).toBe('The ministry published the negotiations timetable for the COVID-19 era contracts and the Klaipėda-Vilnius pipeline, then the regasification figures.');
  });

  it('ends short lines with a line break and joins full-width lines with a space', () => {
    const line = (str: string, y: number, width: number): PdfTextPiece => ({ str, transform: [10, 0, 0, 10, 72, y], width, height: 10 });
    const text = pagesToText([
      [line('Port of Klaipėda', 700, 80), line('Press office', 688, 60), line('A long line that fills the whole column of the page to', 664, 400), line('its right edge.', 652, 70)],
    ]);
    expect(text).toBe('Port of Klaipėda\nPress office\n\nA long line that fills the whole column of the page to its right edge.');
  });

  it('starts a paragraph where the font size changes even without extra space', () => {
    const line = (str: string, y: number, size: number): PdfTextPiece => ({ str, transform: [size, 0, 0, size, 72, y], width: 300, height: size });
    expect(pagesToText([[line('Seimas vote', 700, 16), line('The vote was close.', 684, 10), line('Very close.', 672, 10)]])).toBe(
      'Seimas vote\n\nThe vote was close. Very close.',
    );
  });
});

describe('PDF importer: metadata fallbacks', () => {
  const body = layoutPages([[{ lines: ['Harbour pilots warn about the turning basin'] }, { lines: ['Pilots in Klaipėda asked for a wider basin before the second berth opens.'] }]]);

  it('without an Info dictionary the title comes from the first line and the file name is never needed', async () => {
    const doc = await parsePdf({ fileName: 'x.pdf', bytes: makePdf({ pages: body }) });
    expect(doc).toMatchObject({ title: 'Harbour pilots warn about the turning basin', byline: null, publishedAt: null, outlet: null, url: null });
  });

  it('prefers the XMP title, uses Author and CreationDate when the text has none', async () => {
    const doc = await parsePdf({
      fileName: 'x.pdf',
      bytes: makePdf({
        pages: body,
        info: { Title: 'Info title', Author: 'Eglė Rimkutė', CreationDate: "D:20260311154500+02'00'" },
        xmp: { title: 'Pilots ask for a wider turning basin' },
      }),
    });
    expect(doc).toMatchObject({ title: 'Pilots ask for a wider turning basin', byline: 'Eglė Rimkutė', publishedAt: '2026-03-11T15:45:00+02:00' });
  });

  it('ignores titles and authors that producers fill in by themselves', async () => {
    const doc = await parsePdf({
      fileName: 'x.pdf',
      bytes: makePdf({ pages: body, info: { Title: 'Microsoft Word - pilots_final2.docx', Author: 'Administrator' } }),
    });
    expect(doc.title).toBe('Harbour pilots warn about the turning basin');
    expect(doc.byline).toBeNull();
  });

  it('parses PDF dates', () => {
    expect(parsePdfDate("D:20260314093000+02'00'")).toBe('2026-03-14T09:30:00+02:00');
    expect(parsePdfDate('D:20260314093000Z')).toBe('2026-03-14T09:30:00Z');
    expect(parsePdfDate('D:20260314')).toBe('2026-03-14');
    expect(parsePdfDate('D:2026')).toBe('2026-01-01');
    expect(parsePdfDate('2026-03-14T09:30:00+02:00')).toBe('2026-03-14T09:30:00+02:00');
    expect(parsePdfDate('D:20261399')).toBeNull();
    expect(parsePdfDate('')).toBeNull();
  });
});

describe('PDF importer: files it cannot import, each with its own message', () => {
  it('a scan without a text layer', async () => {
    expect((await failure('scan.pdf', fixture('scanned.pdf'))).message).toBe('scan.pdf: the PDF has no text layer (it may be a scan); run OCR on it first');
  });

  it('a password-protected PDF', async () => {
    expect((await failure('locked.pdf', fixture('password.pdf'))).message).toMatch(/^locked\.pdf: the PDF is password-protected; /);
  });

  it('but a PDF with only an owner password (restrictions, no open password) is read, decrypted', async () => {
    const doc = await parseFile({ fileName: 'restricted.pdf', bytes: fixture('owner-password-only.pdf') });
    expect(doc.text).toBe(ARTICLE_TEXT);
  });

  it('a truncated PDF', async () => {
    expect((await failure('cut.pdf', fixture('truncated.pdf'))).message).toBe(
      'cut.pdf: the PDF is damaged and could not be read (the file ends early, without its end-of-file marker: it is probably truncated)',
    );
  });

  it('a PDF whose structure is garbage', async () => {
    expect((await failure('bad.pdf', fixture('garbled.pdf'))).message).toMatch(/^bad\.pdf: the PDF is damaged and could not be read \(.+\)$/);
  });

  it('a text or HTML file renamed .pdf, and an empty file', async () => {
    const text = new Uint8Array(Buffer.from('<html><body>Klaipėda</body></html>\n'));
    expect((await failure('page.pdf', text)).message).toBe('page.pdf: the PDF is damaged and could not be read (there is no PDF header: this is not a PDF file)');
    expect((await failure('empty.pdf', new Uint8Array())).message).toBe('empty.pdf: the file is empty');
  });

  it(`more than ${MAX_PDF_PAGES} pages`, async () => {
    const pages = Array.from({ length: MAX_PDF_PAGES + 1 }, (_, i) => ({ runs: [{ text: `Page ${i + 1}`, x: 72, y: 700 }] }));
    expect((await failure('archive.pdf', makePdf({ pages, compress: false }))).message).toBe(
      'archive.pdf: the PDF has 2,001 pages; Dossier imports PDFs of up to 2,000 pages',
    );
  });
});
