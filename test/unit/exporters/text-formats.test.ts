/**
 * The Markdown, HTML, JSON, CSV, CSL-JSON and JSON-LD exporters, each read back by a real reader of
 * its format: linkedom for HTML, ajv (JSON Schema 2020-12) for JSON, an RFC 4180 parser for CSV.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { briefExportJsonSchema, BriefExportSchema } from '../../../shared/brief/schema';
import { cslExporter, bylineAuthors, dateParts } from '../../../electron/exporters/csl';
import { CSV_COLUMNS, csvExporter } from '../../../electron/exporters/csv';
import { htmlExporter } from '../../../electron/exporters/html';
import { jsonExporter } from '../../../electron/exporters/json';
import { jsonldExporter } from '../../../electron/exporters/jsonld';
import { mdExporter } from '../../../electron/exporters/md';
import { exporterFor, exportFormats, exporters } from '../../../electron/exporters/registry';
import { claims, TEXT_A, TEXT_B, TEXT_C } from '../brief/fixtures';
import { exportInput } from './input';

const SCHEMA_FILE = join(import.meta.dirname, '..', '..', '..', 'resources', 'schema', 'dossier-brief.schema.json');
const asText = async (p: Promise<Uint8Array | string>) => {
  const v = await p;
  if (typeof v !== 'string') throw new Error('expected text');
  return v;
};

/** RFC 4180: fields separated by commas, records by CRLF, quoted fields may hold both; "" is a quote. */
function parseCsv(input: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < input.length) {
    const c = input[i]!;
    if (quoted) {
      if (c === '"' && input[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (c === '"') {
        quoted = false;
        i++;
        continue;
      }
      field += c;
      i++;
      continue;
    }
    if (c === '"') {
      if (field !== '') throw new Error(`stray quote in an unquoted field at ${i}`);
      quoted = true;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && input[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else if (c === '\n' || c === '\r') throw new Error(`bare line break outside quotes at ${i}`);
    else field += c;
    i++;
  }
  if (quoted) throw new Error('unterminated quoted field');
  if (field !== '' || row.length > 0) throw new Error('last record lacks its CRLF');
  return rows;
}

describe('registry', () => {
  it('has one exporter per format, each findable, unknown formats refused', () => {
    expect(new Set(exportFormats).size).toBe(exporters.length);
    for (const f of ['md', 'html', 'json', 'csv', 'jsonld', 'csl']) expect(exporterFor(f).format).toBe(f);
    expect(() => exporterFor('xml')).toThrow(/No exporter for format "xml"; available: md, html/);
  });
});

describe('Markdown', () => {
  it('writes footnotes [^n] with quote, outlet, title, date and grades, escaping Markdown syntax', async () => {
    const md = await asText(mdExporter.render(exportInput()));
    expect(md.startsWith('# Terminal & \\<the\\> "winter"\n')).toBe(true);
    expect(md).toContain('**The expansion passed** but its timing is *contested*.[^1][^2]');
    expect(md).toContain('> **Likely** · *moderate confidence*: Work is likely to start; 50% \\| pipes \\* \\_under\\_ \\[x\\].[^1][^3]');
    expect(md).toContain('Again the vote[^1] and a gone claim \\[missing claim\\]');
    expect(md).toContain('[^1]: “voted 71 to 48” — Baltic Lédger, [Council backs terminal expansion](<https://ledger.example/2026/03/14/terminal>), 2026-03-14. Grade B2');
    expect(md).toContain('[^3]: “will be finished by May” — State TV, *Terminal by May*. Grade E5');
    // Every reference has its definition and the other way round.
    const refs = new Set([...md.matchAll(/\[\^(\d+)\](?!:)/g)].map((m) => m[1]));
    const defs = new Set([...md.matchAll(/^\[\^(\d+)\]:/gm)].map((m) => m[1]));
    expect([...refs].sort()).toEqual([...defs].sort());
    expect(defs.size).toBe(3);
    // The annex is a GFM table: header, separator, one row per footnote.
    expect(md).toMatch(/\| # \| Quote \| Outlet \| Title \| Date \| Grade \|\n\| --- \| --- \| --- \| --- \| --- \| --- \|\n\| \[\^1\] \| voted 71 to 48 \|/);
  });
});

describe('HTML', () => {
  it('is self-contained: charset, inline CSS with print rules, no script, no remote reference', async () => {
    const html = await asText(htmlExporter.render(exportInput()));
    const { document } = parseHTML(html);
    expect(document.querySelector('meta[charset]')?.getAttribute('charset')).toBe('utf-8');
    expect(document.querySelectorAll('script')).toHaveLength(0);
    expect(document.querySelector('style')?.textContent).toContain('@media print');
    for (const el of document.querySelectorAll('[src], link[href]')) throw new Error(`remote reference: ${el.outerHTML}`);
    expect(html).not.toMatch(/<link\b|@import|url\(/);
  });

  it('escapes text and links each citation to a footnote holding the exact quote', async () => {
    const { document } = parseHTML(await asText(htmlExporter.render(exportInput())));
    expect(document.querySelector('h1')?.textContent).toBe('Terminal & <the> "winter"');
    expect(document.querySelector('title')?.textContent).toBe('Terminal & <the> "winter"');
    const refs = [...document.querySelectorAll('sup.cite a')].map((a) => a.getAttribute('href'));
    expect(refs.slice(0, 5)).toEqual(['#fn1', '#fn2', '#fn1', '#fn3', '#fn1']);
    const notes = [...document.querySelectorAll('section.footnotes li')];
    expect(notes.map((li) => li.getAttribute('id'))).toEqual(['fn1', 'fn2', 'fn3']);
    expect(notes.map((li) => li.querySelector('q')?.textContent)).toEqual(['voted 71 to 48', 'called the vote rushed', 'will be finished by May']);
    expect(notes[0]!.textContent).toContain('Baltic Lédger, Council backs terminal expansion, 2026-03-14. Grade B2');
    expect(notes[0]!.querySelector('a[href^="https://ledger.example"]')).not.toBeNull();
    // Footnote 1 is cited four times (twice in text, judgment, annex): four back links, all unique ids.
    expect(notes[0]!.querySelectorAll('a[href^="#ref1-"]')).toHaveLength(4);
    const ids = [...document.querySelectorAll('[id]')].map((e) => e.getAttribute('id'));
    expect(new Set(ids).size).toBe(ids.length);
    expect(document.querySelector('.missing')?.textContent).toBe('[missing claim]');
    expect(document.querySelector('.judgment')?.textContent).toMatch(/^Likely \(moderate confidence\): Work is likely/);
    expect(document.querySelector('table caption')?.textContent).toMatch(/Every cited claim/);
  });

  it('does not link a javascript: URL', async () => {
    const input = exportInput();
    input.layout.footnotes[0] = { ...input.layout.footnotes[0]!, url: 'javascript:alert(1)' };
    const html = await asText(htmlExporter.render(input));
    expect(html).not.toContain('javascript:');
  });
});

describe('JSON', () => {
  it('validates against the published JSON Schema (ajv, draft 2020-12) and the zod schema', async () => {
    const published = JSON.parse(await readFile(SCHEMA_FILE, 'utf8')) as Record<string, unknown>;
    // The published file is the one generated from the zod schema (regenerate it when this fails).
    expect(published).toEqual(JSON.parse(JSON.stringify(briefExportJsonSchema())));
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    const validate = ajv.compile(published);
    const out = JSON.parse(await asText(jsonExporter.render(exportInput()))) as Record<string, unknown>;
    const ok = validate(out);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    expect(BriefExportSchema.parse(out)).toBeTruthy();
    // And the schema is not vacuous: a footnote without its quote is refused.
    const broken = structuredClone(out) as { layout: { footnotes: Array<Record<string, unknown>> } };
    delete broken.layout.footnotes[0]!.quote;
    expect(validate(broken)).toBe(false);
  });

  it('carries the brief, its layout, the cited claims, sources and selectors that point at the quoted words', async () => {
    const out = BriefExportSchema.parse(JSON.parse(await asText(jsonExporter.render(exportInput()))));
    expect(out.brief?.id).toBe('b1');
    expect(out.claims.map((c) => c.id)).toEqual(['c-vote', 'c-rushed', 'c-may']);
    expect(out.layout.footnotes.map((f) => f.quote)).toEqual(['voted 71 to 48', 'called the vote rushed', 'will be finished by May']);
    expect(out.sources).toHaveLength(2);
    const texts: Record<string, string> = { a1: TEXT_A, a2: TEXT_B, a3: TEXT_C };
    for (const s of out.selectors) expect(texts[s.articleId]!.slice(s.selector.start, s.selector.end)).toBe(s.selector.exact);
    expect(out.selectors[0]!.source).toBe('https://ledger.example/2026/03/14/terminal');
    expect(out.selectors[1]!.source).toBe('urn:dossier:article:a2');
  });
});

describe('CSV', () => {
  it('is RFC 4180 with a BOM, the documented columns, and one row per cited claim', async () => {
    const csv = await asText(csvExporter.render(exportInput()));
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const rows = parseCsv(csv.slice(1));
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(4);
    const byId = new Map(rows.slice(1).map((r) => [r[0], Object.fromEntries(CSV_COLUMNS.map((c, i) => [c, r[i]]))]));
    expect(byId.get('c-vote')).toMatchObject({ article: 'Council backs terminal expansion', outlet: 'Baltic Lédger', date: '2026-03-14', quote: 'voted 71 to 48', credibility: '2', reliability: 'B', tags: 'Votes', kind: 'number' });
    // Quotes, commas and the contradiction link survive the round trip.
    expect(byId.get('c-rushed')).toMatchObject({ statement: 'The opposition, says "the vote was rushed", & more', links: 'contradicts:c-vote', reliability: '' });
    expect(byId.get('c-may')).toMatchObject({ reliability: 'E', credibility: '5', date: '' });
  });

  it('neutralises cells a spreadsheet would run as formulas', async () => {
    const input = exportInput();
    input.layout.claims[0] = { ...input.layout.claims[0]!, statement: '=HYPERLINK("http://x")\nsecond line' };
    const rows = parseCsv((await asText(csvExporter.render(input))).slice(1));
    expect(rows[1]![5]).toBe(`'=HYPERLINK("http://x")\nsecond line`);
  });
});

describe('CSL-JSON', () => {
  it('lists each cited article once, in citation order, as article-newspaper items', async () => {
    const items = JSON.parse(await asText(cslExporter.render(exportInput()))) as Array<Record<string, unknown>>;
    expect(items.map((i) => i.id)).toEqual(['a1', 'a2', 'a3']);
    expect(items[0]).toEqual({
      id: 'a1',
      type: 'article-newspaper',
      title: 'Council backs terminal expansion',
      'container-title': 'Baltic Lédger',
      author: [
        { family: 'Petrauskienė', given: 'Rasa' },
        { family: 'Jonaitis', given: 'Jonas' },
      ],
      issued: { 'date-parts': [[2026, 3, 14]] },
      accessed: items[0]!.accessed,
      URL: 'https://ledger.example/2026/03/14/terminal',
      language: 'en',
    });
    expect(items[1]).toMatchObject({ author: [{ literal: 'Reuters' }], issued: { 'date-parts': [[2026, 3, 13]] } });
    expect(items[2]).not.toHaveProperty('issued');
    expect(items[2]).not.toHaveProperty('author');
  });

  it('parses bylines and partial dates', () => {
    expect(bylineAuthors('By AFP staff')).toEqual([{ literal: 'AFP staff' }]);
    expect(bylineAuthors('Ana María García Márquez')).toEqual([{ family: 'Márquez', given: 'Ana María García' }]);
    expect(bylineAuthors(null)).toEqual([]);
    expect(dateParts('2026-03')).toEqual({ 'date-parts': [[2026, 3]] });
    expect(dateParts('March')).toBeUndefined();
  });
});

describe('JSON-LD', () => {
  it('writes every highlight and claim as W3C Web Annotations with selectors on the article text', async () => {
    const doc = JSON.parse(await asText(jsonldExporter.render(exportInput()))) as {
      '@context': string;
      type: string;
      total: number;
      first: { items: Array<{ type: string; motivation: string; target: { selector: [{ exact: string }, { start: number; end: number }] } }> };
    };
    expect(doc['@context']).toBe('http://www.w3.org/ns/anno.jsonld');
    expect(doc.type).toBe('AnnotationCollection');
    expect(doc.total).toBe(1 + claims.length);
    const texts = [TEXT_A, TEXT_B, TEXT_C];
    for (const item of doc.first.items.filter((i) => i.motivation === 'assessing')) {
      const [quote, pos] = item.target.selector;
      expect(texts.some((t) => t.slice(pos.start, pos.end) === quote.exact)).toBe(true);
    }
  });
});

describe('one brief, every text format', () => {
  it('carries the same citations with the same quotes in Markdown, HTML, JSON, CSV and CSL', async () => {
    const input = exportInput();
    const md = await asText(mdExporter.render(input));
    const { document } = parseHTML(await asText(htmlExporter.render(input)));
    const json = BriefExportSchema.parse(JSON.parse(await asText(jsonExporter.render(input))));
    const csv = parseCsv((await asText(csvExporter.render(input))).slice(1));
    const csl = JSON.parse(await asText(cslExporter.render(input))) as Array<{ id: string }>;

    const mdNotes = [...md.matchAll(/^\[\^(\d+)\]: “([^”]*)”/gm)].map((m) => [Number(m[1]), m[2]]);
    const htmlNotes = [...document.querySelectorAll('section.footnotes li')].map((li) => [Number(li.getAttribute('id')!.slice(2)), li.querySelector('q')!.textContent]);
    const jsonNotes = json.layout.footnotes.map((f) => [f.n, f.quote]);
    expect(mdNotes).toEqual(jsonNotes);
    expect(htmlNotes).toEqual(jsonNotes);
    expect(csv.slice(1).map((r) => r[4])).toEqual(jsonNotes.map(([, q]) => q));
    expect(csl.map((i) => i.id)).toEqual([...new Set(json.layout.footnotes.map((f) => f.articleId))]);
    // In-text references too: the same sequence of numbers in Markdown and HTML.
    const mdRefs = [...md.split(/^\[\^1\]:/m)[0]!.matchAll(/\[\^(\d+)\]/g)].map((m) => Number(m[1]));
    const htmlRefs = [...document.querySelectorAll('sup.cite a')].map((a) => Number(a.textContent));
    expect(mdRefs).toEqual(htmlRefs);
  });
});
