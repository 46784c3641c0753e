/**
 * DOCX read back: the WordprocessingML parts unzipped (fflate) and counted, then the file opened
 * by a real word processor, LibreOffice, converted to PDF (read with pdftotext, which shows the
 * footnotes at the foot of the page) and to plain text. Without `soffice` the LibreOffice tests
 * are skipped with a message (CI installs it: .ci/run install_libreoffice).
 */
import { execFile, execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docxExporter, footnoteText, renderBriefDocx } from '../../../electron/exporters/docx';
import type { BriefLayout } from '../../../shared/brief/model';
import { briefTemplate } from '../../../shared/brief/template';
import { layoutBrief } from '../../../shared/brief/layout';
import { fixtureBriefLayout } from '../../fixtures/brief-layout';
import * as nb from '../brief/fixtures';
import { makeTempDir } from '../../helpers/temp-dir';

const run = promisify(execFile);

function which(cmd: string): string | null {
  try {
    return execFileSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

const SOFFICE = process.env.DOSSIER_SOFFICE ?? which('soffice');
const PDFTOTEXT = which('pdftotext');
if (!SOFFICE) console.warn('docx.test: LibreOffice (soffice) is not installed: skipping the LibreOffice read-back tests (apt-get install libreoffice-writer-nogui).');
if (!PDFTOTEXT) console.warn('docx.test: pdftotext is not installed: skipping the PDF read-back of the DOCX (apt-get install poppler-utils).');

const squash = (s: string): string => s.replace(/\s+/g, ' ').trim();

function parts(bytes: Uint8Array): Record<string, string> {
  return Object.fromEntries(Object.entries(unzipSync(bytes)).map(([k, v]) => [k, strFromU8(v)]));
}

/** Citations in reading order (the order Word numbers footnote references in). */
function citesInOrder(layout: BriefLayout): number[] {
  const out: number[] = [];
  const walk = (inlines: readonly { type: string; n?: number }[]): void => {
    for (const i of inlines) if (i.type === 'cite') out.push(i.n!);
  };
  for (const b of layout.blocks) {
    if (b.type === 'paragraph' || b.type === 'judgment') walk(b.inlines);
    else if (b.type === 'list') b.items.forEach(walk);
    else if (b.type === 'table') b.rows.forEach((r) => r.forEach(walk));
  }
  return out;
}

describe('DOCX export: the WordprocessingML parts', () => {
  it('has one real footnote per cited claim, and cites a claim again by a NOTEREF to its footnote', async () => {
    const layout = fixtureBriefLayout();
    const files = parts(await renderBriefDocx(layout));
    const footnotesXml = files['word/footnotes.xml']!;
    const documentXml = files['word/document.xml']!;
    expect(footnotesXml).toBeDefined();
    // Word's separator and continuation footnotes have ids -1 and 0; ours are 1..n.
    const ids = [...footnotesXml.matchAll(/<w:footnote\b[^>]*\bw:id="(-?\d+)"/g)].map((m) => Number(m[1]));
    expect(ids.filter((id) => id > 0)).toEqual([1, 2, 3]);
    const cites = citesInOrder(layout);
    expect(cites.length).toBeGreaterThan(layout.footnotes.length); // the fixture cites claims twice
    const refs = [...documentXml.matchAll(/<w:footnoteReference w:id="(\d+)"\/>/g)].map((m) => Number(m[1]));
    expect(refs).toEqual([1, 2, 3]);
    const noterefs = [...documentXml.matchAll(/w:instr="NOTEREF _RefDossierNote(\d+) \\f \\h"/g)].map((m) => Number(m[1]));
    expect(noterefs).toHaveLength(cites.length - layout.footnotes.length);
    // Each NOTEREF points at a bookmark that wraps the footnote's reference.
    for (const n of new Set(noterefs)) {
      expect(documentXml).toMatch(new RegExp(`<w:bookmarkStart w:name="_RefDossierNote${n}" w:id="(\\d+)"/><w:r>(?:(?!</w:r>).)*<w:footnoteReference w:id="${n}"/></w:r><w:bookmarkEnd w:id="\\1"/>`));
    }
    // The cached result of each NOTEREF is already a superscript (FootnoteReference style) number.
    expect(documentXml).toMatch(/<w:fldSimple w:instr="NOTEREF _RefDossierNote1 \\f \\h"><w:r><w:rPr><w:rStyle w:val="FootnoteReference"\/><\/w:rPr><w:t>1<\/w:t><\/w:r><\/w:fldSimple>/);
    // Footnote texts carry the quotes, XML-escaped.
    for (const f of layout.footnotes) expect(footnotesXml).toContain(f.quote.replace(/&/g, '&amp;'));
  });

  it('numbers Word footnotes as the layout does, for a brief made from the template with generated sections', async () => {
    // Word numbers footnotes in the order their references appear; the layout numbers claims in
    // order of first citation. For the numbers to agree the first references must come in 1..n.
    const layout = layoutBrief({
      brief: {
        id: 'b1',
        title: 'Terminal vote',
        doc: briefTemplate({
          title: 'Terminal vote',
          claims: [nb.claimMay, nb.claimVote, nb.claimRushed, nb.claimWinter],
          articles: nb.articles,
          bottomLine: 'The vote passed.',
          judgments: [{ text: 'The expansion will go ahead', likelihood: 'likely', confidence: 'moderate', claimIds: ['c-winter', 'c-vote'] }],
        }),
      },
      notebookName: 'nb',
      claims: nb.claims,
      articles: nb.articles,
      sources: nb.sources,
      now: new Date('2026-11-23T12:00:00Z'),
    });
    expect(layout.footnotes.length).toBeGreaterThanOrEqual(4);
    const documentXml = parts(await renderBriefDocx(layout))['word/document.xml']!;
    const refs = [...documentXml.matchAll(/<w:footnoteReference w:id="(\d+)"\/>/g)].map((m) => Number(m[1]));
    expect(refs).toEqual(layout.footnotes.map((f) => f.n));
    expect(refs).toEqual(refs.map((_r, i) => i + 1));
  });

  it('uses Heading 1-3 styles, list numbering, bold judgment terms and a table with a header row', async () => {
    const files = parts(await renderBriefDocx(fixtureBriefLayout()));
    const doc = files['word/document.xml']!;
    for (const h of ['Heading1', 'Heading2', 'Heading3']) expect(doc).toContain(`<w:pStyle w:val="${h}"/>`);
    expect(doc).toMatch(/<w:numPr>/);
    expect(files['word/numbering.xml']).toMatch(/w:val="bullet"/);
    expect(files['word/numbering.xml']).toMatch(/w:val="decimal"/);
    expect(doc).toMatch(/<w:tblHeader\/>/);
    expect(doc).toMatch(/<w:b\/>(?:(?!<\/w:r>).)*Very likely \(moderate confidence\): /s);
    expect(files['docProps/core.xml']).toContain('Klaipėda terminal: closure rumours &amp; shipping record');
  });

  it('turns a hard break into a Word line break', async () => {
    const layout = { ...fixtureBriefLayout(), blocks: [{ type: 'paragraph' as const, inlines: [{ type: 'text' as const, text: 'first line\nsecond line' }] }] };
    const doc = parts(await renderBriefDocx(layout))['word/document.xml']!;
    expect(doc).toMatch(/<w:t xml:space="preserve">first line<\/w:t><\/w:r><w:r><w:br\/><w:t xml:space="preserve">second line<\/w:t>/);
  });

  it('words a footnote like the other exports: quote, speaker, outlet, title, date, grade', () => {
    const f = fixtureBriefLayout().footnotes[1]!;
    expect(footnoteText(f)).toBe(
      '““We checked every manifest, and the cargo & the paperwork matched.”” — said by Rūta Žemaitytė, Baltic News Service, Klaipėda port authority confirms fuel shipments, 2026-11-10. Grade B3.',
    );
    expect(footnoteText({ ...f, reliability: null, credibility: null, speaker: null, outlet: null, publishedAt: null })).toBe(
      `“${f.quote}” — Klaipėda port authority confirms fuel shipments. Grade ––.`,
    );
  });
});

describe.skipIf(!SOFFICE)('DOCX export read by LibreOffice', () => {
  let dir = '';
  let cleanup: () => Promise<void> = async () => {};
  let profile = '';
  let text = '';
  let pdfText = '';
  const layout = fixtureBriefLayout();

  beforeAll(async () => {
    ({ dir, cleanup } = await makeTempDir('dossier-docx-'));
    // A private LibreOffice profile: parallel runs must not share (and lock) one.
    profile = join(tmpdir(), `lo-${randomUUID()}`);
    const docx = join(dir, 'brief.docx');
    await writeFile(docx, await docxExporter.render({ layout } as Parameters<typeof docxExporter.render>[0]));
    const convert = (filter: string): Promise<unknown> =>
      run(SOFFICE!, [`-env:UserInstallation=${pathToFileURL(profile).href}`, '--headless', '--norestore', '--convert-to', filter, '--outdir', dir, docx], {
        timeout: 120_000,
      });
    await convert('txt:Text');
    text = (await readFile(join(dir, 'brief.txt'), 'utf8')).replace(/^\uFEFF/, '');
    await convert('pdf');
    if (PDFTOTEXT) pdfText = (await run(PDFTOTEXT, ['-layout', join(dir, 'brief.pdf'), '-'], { timeout: 60_000 })).stdout;
  }, 240_000);

  afterAll(async () => {
    await cleanup();
    await rm(profile, { recursive: true, force: true });
  });

  it('opens the document: title, headings, judgments, lists and table cells in the text', () => {
    expect(text).toContain('Klaipėda terminal: closure rumours & shipping record');
    for (const h of ['Bottom line up front', 'Key judgments', 'Gaps', 'Source assessment']) expect(text).toMatch(new RegExp(`^${h}$`, 'm'));
    expect(text).toContain('Very likely (moderate confidence): The terminal operated normally');
    expect(text).toContain('Ask the Coast Guard & the customs office');
    expect(text).toMatch(/^\s*2\.\s+Ask the Coast Guard/m);
    expect(text).toContain('Social media (archived)');
  });

  it('shows every citation with the same number as the other formats, repeated citations included', () => {
    // First citations are footnote references; the repeats are NOTEREF fields LibreOffice computed.
    expect(text).toContain('inspection1 and');
    expect(text).toContain('3–9 November1.'); // claim 1 cited again
    expect(text).toContain('a real interruption3.'); // claim 3 cited again
    expect(text).toContain('Žemaitytė2'); // claim 2 cited again, in a list item
    expect(text).toContain('Tankers docked1'); // in a table cell
  });

  it.skipIf(!PDFTOTEXT)('prints every footnote at the foot of the page, with its quote and grade', () => {
    const flat = squash(pdfText);
    for (const f of layout.footnotes) {
      expect(flat).toContain(squash(f.quote));
      expect(flat).toContain(`Grade ${f.reliability ?? '–'}${f.credibility ?? '–'}`);
    }
    // Footnotes are numbered 1..3 at the start of their lines, each once.
    const marks = pdfText.split('\n').filter((l) => /^\s*[1-9]\s*$/.test(l) || /^\s*[1-9]\s+“/.test(l));
    expect(marks.map((l) => Number(l.trim()[0]))).toEqual([1, 2, 3]);
  });
});
