/**
 * QDPX read back: the zip unpacked with fflate, project.qde parsed with linkedom's XML DOMParser,
 * and every selection's start/end checked against its source text file counted in code points
 * (REFI-QDA's unit), where the selected text must equal the highlight's or claim's quote.
 */
import { strFromU8, unzipSync } from 'fflate';
import { DOMParser } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { qdaGuid, qdpxExporter, renderQdpx, toQdaText, type QdpxInput } from '../../../electron/exporters/qdpx';
import type { ExportInput } from '../../../electron/exporters/types';
import type { Annotation } from '../../../shared/model/schemas';
import { fixtureAnnotations, fixtureArticles, fixtureBriefLayout, fixtureClaims, fixtureSources, fixtureTags } from '../../fixtures/brief-layout';

const NOTEBOOK = 'nb-baltic';

function input(extra: Partial<QdpxInput> = {}): QdpxInput {
  return {
    projectName: 'Baltic energy — November',
    notebookId: NOTEBOOK,
    exportedAt: '2026-11-23T12:00:00.000Z',
    articles: fixtureArticles(),
    annotations: fixtureAnnotations(),
    tags: fixtureTags(),
    claims: fixtureClaims(),
    ...extra,
  };
}

/** linkedom leaves entities in attribute values as written; decode the ones XML defines. */
function attr(el: Element, name: string): string {
  const raw = el.getAttribute(name);
  if (raw === null) throw new Error(`<${el.tagName}> has no ${name} attribute`);
  return raw.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_m, e: string) => {
    const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
    if (e.startsWith('#x') || e.startsWith('#X')) return String.fromCodePoint(parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(parseInt(e.slice(1), 10));
    return named[e.toLowerCase()]!;
  });
}

/** linkedom's XML parser is lenient, so check the markup is balanced and every & starts an entity. */
function assertWellFormed(xml: string): void {
  const stack: string[] = [];
  const body = xml.replace(/^<\?xml[^>]*\?>/, '');
  const tag = /<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>/g;
  for (const m of body.matchAll(tag)) {
    const [, close, name, , selfClose] = m;
    if (close) expect(stack.pop(), `closing </${name}>`).toBe(name);
    else if (!selfClose) stack.push(name!);
  }
  expect(stack).toEqual([]);
  // Outside well-formed tags no "<" may remain (a "<" in an attribute value breaks the tag pattern).
  expect(body.replace(tag, '')).not.toContain('<');
  expect(xml).not.toMatch(/&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);)/i);
}

function read(bytes: Uint8Array): { files: Record<string, string>; doc: Document; xml: string } {
  const files = Object.fromEntries(Object.entries(unzipSync(bytes)).map(([k, v]) => [k, strFromU8(v)]));
  const xml = files['project.qde'];
  if (xml === undefined) throw new Error('project.qde missing from the zip');
  return { files, xml, doc: new DOMParser().parseFromString(xml, 'text/xml') as unknown as Document };
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('toQdaText', () => {
  it('counts code points and writes LF line endings', () => {
    const t = toQdaText('a😀b\r\nc\rd');
    expect(t.text).toBe('a😀b\nc\nd');
    expect(t.offset(0)).toBe(0);
    expect(t.offset(1)).toBe(1); // before the emoji
    expect(t.offset(3)).toBe(2); // after the emoji (two UTF-16 units, one character)
    expect(t.offset(4)).toBe(3); // the CR of CRLF: where the line break starts
    expect(t.offset(6)).toBe(4); // "c"
    expect(t.offset(8)).toBe(6); // "d" after a lone CR
    expect(t.offset(9)).toBe(Array.from(t.text).length);
    expect(() => t.offset(10)).toThrow(/outside the text/);
  });
});

describe('QDPX export', () => {
  it('writes a REFI-QDA project whose selections fall on the quoted words, counted in code points', () => {
    const { bytes, stats } = renderQdpx(input());
    const { files, doc, xml } = read(bytes);
    assertWellFormed(xml);
    const root = doc.documentElement;
    expect(root.tagName).toBe('Project');
    expect(root.getAttribute('xmlns')).toBe('urn:QDA-XML:project:1.0');
    expect(attr(root, 'name')).toBe('Baltic energy — November');
    // ProjectType is a sequence: Users, CodeBook, Sources, Notes, Description in that order.
    expect([...root.children].map((c) => c.tagName)).toEqual(['Users', 'CodeBook', 'Sources', 'Notes', 'Description']);

    const userGuid = attr(doc.querySelector('User')!, 'guid');
    expect(userGuid).toMatch(GUID);
    expect(attr(root, 'creatingUserGUID')).toBe(userGuid);

    // Every GUID is a UUID and unique.
    const guids = [...doc.querySelectorAll('[guid]')].map((e) => attr(e, 'guid'));
    for (const g of guids) expect(g).toMatch(GUID);
    expect(new Set(guids).size).toBe(guids.length);

    const sources = [...doc.querySelectorAll('TextSource')];
    expect(sources).toHaveLength(3);
    const articles = new Map(fixtureArticles().map((a) => [qdaGuid(NOTEBOOK, 'article', a.id), a]));
    const expected = new Map<string, string>();
    for (const a of fixtureAnnotations()) expected.set(qdaGuid(NOTEBOOK, 'annotation', a.id), a.target.exact);
    for (const c of fixtureClaims()) expected.set(qdaGuid(NOTEBOOK, 'claim', c.id), c.target.exact);

    let checked = 0;
    for (const source of sources) {
      const guid = attr(source, 'guid');
      expect(attr(source, 'plainTextPath')).toBe(`internal://${guid}.txt`);
      const text = files[`sources/${guid}.txt`];
      expect(text, `sources/${guid}.txt in the zip`).toBeDefined();
      expect(text).not.toContain('\r');
      expect(text).toBe(articles.get(guid)!.text.replace(/\r\n?/g, '\n'));
      expect(attr(source, 'name')).toBe(articles.get(guid)!.title);
      const chars = Array.from(text!);
      for (const sel of source.querySelectorAll('PlainTextSelection')) {
        const start = Number(attr(sel, 'startPosition'));
        const end = Number(attr(sel, 'endPosition'));
        const quote = expected.get(attr(sel, 'guid'));
        expect(quote, 'every selection is a fixture highlight or claim').toBeDefined();
        expect(chars.slice(start, end).join('')).toBe(quote!.replace(/\r\n?/g, '\n'));
        checked++;
      }
    }
    expect(checked).toBe(fixtureAnnotations().length + fixtureClaims().length);
    expect(stats).toMatchObject({ sources: 3, selections: 7, skipped: [], outside: 0 });

    // The highlight after the 🚢 emoji: its code-point start is one less than its UTF-16 start.
    const week = fixtureAnnotations().find((a) => a.id === 'ann-week')!;
    const weekSel = [...doc.querySelectorAll('PlainTextSelection')].find((s) => attr(s, 'guid') === qdaGuid(NOTEBOOK, 'annotation', 'ann-week'))!;
    expect(Number(attr(weekSel, 'startPosition'))).toBe(week.target.start - 1);
    // The claim in the CRLF article: three line breaks before it, each one character shorter.
    const ais = fixtureClaims().find((c) => c.id === 'clm-ais')!;
    const aisSel = [...doc.querySelectorAll('PlainTextSelection')].find((s) => attr(s, 'guid') === qdaGuid(NOTEBOOK, 'claim', 'clm-ais'))!;
    expect(Number(attr(aisSel, 'startPosition'))).toBe(ais.target.start - 2);
  });

  it('turns tags into a nested code book with colours, and codes highlights and claims with them', () => {
    const { doc } = read(renderQdpx(input()).bytes);
    const codes = [...doc.querySelectorAll('Code')];
    const byName = new Map(codes.map((c) => [attr(c, 'name'), c]));
    const energy = byName.get('Energy')!;
    const ports = byName.get('Ports & shipping')!;
    expect(attr(ports, 'color')).toBe('#0055aa');
    expect(attr(ports, 'isCodable')).toBe('true');
    expect(ports.parentElement).toBe(energy);
    expect(byName.get('Disinformation')!.parentElement!.tagName).toBe('Codes');
    // Claims are coded by kind under one non-codable parent.
    expect(attr(byName.get('Dossier claims')!, 'isCodable')).toBe('false');
    expect(byName.get('claim: quote')!.parentElement).toBe(byName.get('Dossier claims'));

    const codeGuids = new Set(codes.map((c) => attr(c, 'guid')));
    for (const ref of doc.querySelectorAll('CodeRef')) expect(codeGuids.has(attr(ref, 'targetGUID'))).toBe(true);

    const selection = (kind: string, id: string): Element =>
      [...doc.querySelectorAll('PlainTextSelection')].find((s) => attr(s, 'guid') === qdaGuid(NOTEBOOK, kind, id))!;
    const codedWith = (sel: Element): string[] =>
      [...sel.querySelectorAll('Coding > CodeRef')].map((r) => attr(codes.find((c) => attr(c, 'guid') === attr(r, 'targetGUID'))!, 'name'));
    expect(codedWith(selection('annotation', 'ann-kl'))).toEqual(['Ports & shipping']);
    expect(codedWith(selection('claim', 'clm-docked')).sort()).toEqual(['Ports & shipping', 'claim: fact']);
    expect(codedWith(selection('annotation', 'ann-rumours'))).toEqual([]);
  });

  it('writes comments and claim statements as notes linked from their selections', () => {
    const { doc } = read(renderQdpx(input()).bytes);
    const notes = new Map([...doc.querySelectorAll('Notes > Note')].map((n) => [attr(n, 'guid'), n.querySelector('PlainTextContent')!.textContent]));
    const sel = [...doc.querySelectorAll('PlainTextSelection')].find((s) => attr(s, 'guid') === qdaGuid(NOTEBOOK, 'annotation', 'ann-week'))!;
    const refs = [...sel.querySelectorAll('NoteRef')].map((r) => attr(r, 'targetGUID'));
    expect(refs).toHaveLength(1);
    // The Tiptap comment's plain text, with its curly quotes and bold run.
    expect(notes.get(refs[0]!)).toBe('Contradicted by AIS “data” — check');
    for (const ref of doc.querySelectorAll('NoteRef')) expect(notes.has(attr(ref, 'targetGUID'))).toBe(true);
    const claimNote = notes.get(qdaGuid(NOTEBOOK, 'claim-note', 'clm-manifest'))!;
    expect(claimNote).toContain('speaker: Rūta Žemaitytė');
    expect(claimNote).toContain('Statement: The port director says manifests and cargo matched.');
    // A highlight without a comment has no note.
    const plain = [...doc.querySelectorAll('PlainTextSelection')].find((s) => attr(s, 'guid') === qdaGuid(NOTEBOOK, 'annotation', 'ann-rumours'))!;
    expect(plain.querySelectorAll('NoteRef')).toHaveLength(0);
  });

  it('leaves out orphaned highlights and moved quotes, and says so in the project description', () => {
    const [first, ...rest] = fixtureAnnotations() as [Annotation, ...Annotation[]];
    const orphan: Annotation = { ...first, id: 'ann-orphan', anchor: { status: 'orphaned', score: 0.2 } };
    const moved: Annotation = { ...first, id: 'ann-moved', target: { ...first.target, start: first.target.start + 3, end: first.target.end + 3 } };
    const elsewhere: Annotation = { ...first, id: 'ann-elsewhere', articleId: 'art-not-exported' };
    const { bytes, stats } = renderQdpx(input({ annotations: [first, ...rest, orphan, moved, elsewhere] }));
    expect(stats.skipped.map((s) => s.id).sort()).toEqual(['ann-moved', 'ann-orphan']);
    expect(stats.outside).toBe(1);
    const { doc } = read(bytes);
    const guids = new Set([...doc.querySelectorAll('PlainTextSelection')].map((s) => attr(s, 'guid')));
    expect(guids.has(qdaGuid(NOTEBOOK, 'annotation', 'ann-orphan'))).toBe(false);
    expect(guids.has(qdaGuid(NOTEBOOK, 'annotation', 'ann-moved'))).toBe(false);
    const description = doc.querySelector('Project > Description')!.textContent!;
    expect(description).toContain('ann-orphan: the highlight is orphaned');
    expect(description).toContain('ann-moved: the text at');
    expect(description).toContain('1 highlight(s) or claim(s) on articles outside this export');
  });

  it('gives the same GUIDs and XML on every export of the same notebook', () => {
    const a = read(renderQdpx(input()).bytes).xml;
    const b = read(renderQdpx(input()).bytes).xml;
    expect(a).toBe(b);
    expect(read(renderQdpx(input({ notebookId: 'other' })).bytes).xml).not.toBe(a);
  });

  it('renders through the exporter interface from an ExportInput', async () => {
    const layout = fixtureBriefLayout();
    const exportInput: ExportInput = {
      layout,
      brief: null,
      notebook: { id: NOTEBOOK, name: 'Baltic <energy> & co', createdAt: '2026-11-01T00:00:00Z' },
      articles: fixtureArticles().map(({ text: _t, ...summary }) => summary),
      citedArticles: fixtureArticles(),
      annotations: fixtureAnnotations(),
      tags: fixtureTags(),
      claims: fixtureClaims(),
      sources: fixtureSources(),
      exportedAt: layout.generatedAt,
    };
    const out = await qdpxExporter.render(exportInput);
    expect(out).toBeInstanceOf(Uint8Array);
    const { doc, xml } = read(out as Uint8Array);
    assertWellFormed(xml);
    expect(attr(doc.documentElement, 'name')).toBe('Baltic <energy> & co');
    expect(doc.querySelectorAll('PlainTextSelection')).toHaveLength(7);
    expect(qdpxExporter).toMatchObject({ format: 'qdpx', extension: 'qdpx', binary: true });
  });
});
