import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DossierError } from '../../../shared/api/result';
import { NoiseRange } from '../../../shared/model/schemas';
import { findImporter, importers, parseFile, supportedExtensions } from '../../../electron/importers/registry';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'import');
const SAMPLES = join(import.meta.dirname, '..', '..', '..', 'resources', 'sample');
const read = (dir: string, name: string): Uint8Array => new Uint8Array(readFileSync(join(dir, name)));

async function parseError(fileName: string, bytes: Uint8Array): Promise<DossierError> {
  try {
    await parseFile({ fileName, bytes });
  } catch (error) {
    expect(error).toBeInstanceOf(DossierError);
    return error as DossierError;
  }
  throw new Error(`${fileName} parsed without error`);
}

describe('importer registry', () => {
  it('chooses importers by extension, case-insensitively, also from a path', () => {
    expect(findImporter('a.txt')?.id).toBe('plain-text');
    expect(findImporter('/tmp/Notes/REPORT.TXT')?.id).toBe('plain-text');
    expect(findImporter('C:\\Users\\x\\story.Markdown')?.id).toBe('markdown');
    expect(findImporter('story.md')?.id).toBe('markdown');
    expect(findImporter('Scan.PDF')?.id).toBe('pdf');
    expect(findImporter('report.docx')?.id).toBe('docx');
    expect(findImporter('story.doc')).toBeUndefined();
    expect(findImporter('.md')).toBeUndefined();
    expect(supportedExtensions).toEqual(expect.arrayContaining(['.txt', '.md', '.markdown']));
  });

  it('every importer has the shape the next formats will follow', () => {
    for (const importer of importers) {
      expect(importer.id).toMatch(/^[a-z-]+$/);
      expect(importer.label.length).toBeGreaterThan(0);
      expect(importer.mediaType).toMatch(/^[a-z]+\/[a-z.+-]+$/);
      for (const ext of importer.extensions) expect(ext).toMatch(/^\.[a-z0-9]+$/);
    }
    const all = importers.flatMap((i) => i.extensions);
    expect(new Set(all).size).toBe(all.length);
  });

  it('refuses unsupported formats naming the file and listing what is supported', async () => {
    const error = await parseError('scan.tiff', new Uint8Array([1, 2, 3]));
    expect(error.code).toBe('unsupported');
    expect(error.message).toBe(`scan.tiff: Dossier cannot import .tiff files yet (supported: ${supportedExtensions.join(', ')})`);
    expect(supportedExtensions).toEqual(expect.arrayContaining(['.txt', '.text', '.md', '.markdown', '.mdown', '.mkd', '.pdf', '.docx']));
    expect((await parseError('README', new Uint8Array([65]))).message).toMatch(/^README: the file has no extension/);
  });

  it('passes decoding errors through with their codes', async () => {
    expect((await parseError('report.txt', read(FIXTURES, 'binary.txt'))).message).toBe('report.txt: this looks like a binary file, not text');
    expect((await parseError('x.md', read(FIXTURES, 'empty.txt'))).message).toBe('x.md: the file is empty');
  });

  it('parses a plain-text article with its metadata and diacritics intact', async () => {
    const doc = await parseFile({ fileName: 'council-vote.txt', bytes: read(FIXTURES, 'council-vote.txt') });
    expect(doc).toMatchObject({
      title: 'Klaipėda councillors split over quay rezoning',
      byline: 'Aušra Kasčiūnienė',
      outlet: 'Pajūrio Kurjeris',
      publishedAt: '2026-01-22',
      url: 'https://kurjeris.example/2026/01/22/quay-rezoning',
      mediaType: 'text/plain',
      noise: [],
    });
    // Plain text is stored exactly as decoded, metadata lines included.
    expect(doc.text).toBe(readFileSync(join(FIXTURES, 'council-vote.txt'), 'utf8'));
    expect(doc.text).toContain('Councillor Žydrūnas Nausėdaitis said');
  });

  it('gives UTF-16 and BOM+CRLF files the same text as their UTF-8 original', async () => {
    const texts = await Promise.all(
      ['bom-crlf-utf8.txt', 'utf16le-bom.txt', 'utf16be-bom.txt'].map(
        async (name) => (await parseFile({ fileName: name, bytes: read(FIXTURES, name) })).text,
      ),
    );
    expect(new Set(texts).size).toBe(1);
    expect(texts[0]).toBe('Kasčiūnas and Nausėda visited Klaipėda.\nSecond line – with an en dash and €.\n');
  });
});

describe('sample articles (resources/sample)', () => {
  const files = readdirSync(SAMPLES).filter((name) => name !== 'README.md').sort();

  it('there are at least 6, as .txt and .md, each listed in the README', () => {
    expect(files.length).toBeGreaterThanOrEqual(6);
    expect(files.some((f) => f.endsWith('.txt'))).toBe(true);
    expect(files.some((f) => f.endsWith('.md'))).toBe(true);
    const readme = readFileSync(join(SAMPLES, 'README.md'), 'utf8');
    for (const file of files) expect(readme).toContain(`\`${file}\``);
  });

  it.each(files)('%s imports with outlet, byline, date, URL and 250-700 words', async (file) => {
    const doc = await parseFile({ fileName: file, bytes: read(SAMPLES, file) });
    expect(doc.title.length).toBeGreaterThan(10);
    expect(doc.outlet).not.toBeNull();
    expect(doc.byline).not.toBeNull();
    expect(doc.publishedAt).toMatch(/^2026-03-1[1-3]/);
    expect(doc.url).toMatch(/^https:\/\/[a-z.-]+\.example\//);
    expect(doc.language).not.toBeNull();
    expect(doc.text).not.toMatch(/\r/);
    const words = doc.text.split(/\s+/).filter(Boolean).length;
    expect(words).toBeGreaterThanOrEqual(250);
    expect(words).toBeLessThanOrEqual(700);
    expect(() => NoiseRange.array().parse(doc.noise)).not.toThrow();
  });

  it('no two samples are the same text (each must import, none as a duplicate)', async () => {
    const texts = await Promise.all(files.map(async (file) => (await parseFile({ fileName: file, bytes: read(SAMPLES, file) })).text));
    expect(new Set(texts).size).toBe(texts.length);
  });

  it('together they carry the problems the README promises', async () => {
    const all = Object.fromEntries(
      await Promise.all(files.map(async (f) => [f, (await parseFile({ fileName: f, bytes: read(SAMPLES, f) })).text] as const)),
    );
    const joined = Object.values(all).join('\n');
    // Ads and navigation inside a page, and a repeated promo line.
    expect(joined).toContain('ADVERTISEMENT');
    expect(joined).toMatch(/Subscribe for €1/);
    expect(joined).toMatch(/Related news: /);
    expect(joined).toMatch(/Share on /);
    const promo = 'Get the Harbour Times app: news from the port, first.';
    expect(joined.split(promo).length - 1).toBeGreaterThanOrEqual(3);
    // A name spelled several ways; a state agency cited as the origin; numbers that disagree.
    for (const spelling of ['Dovilė Žemaitytė', 'Dovile Zemaityte', 'Dovilė Žemaitė']) expect(joined).toContain(spelling);
    expect(joined).toMatch(/according to the state news agency Zaria/);
    for (const figure of ['71 votes to 48', '72–47', '310 million euros', '€280 million']) expect(joined).toContain(figure);
    expect(Object.values(all).filter((t) => t.includes('Lithuania')).length).toBeGreaterThan(1);
  });

  it('the Lithuanian sample is recognised as Lithuanian, the others as English', async () => {
    for (const file of files) {
      const doc = await parseFile({ fileName: file, bytes: read(SAMPLES, file) });
      expect(doc.language, file).toBe(file.endsWith('-lt.txt') ? 'lt' : 'en');
    }
  });
});
