/**
 * `dossier annotate / claim / edit / export` in-process, against a real notebook on disk.
 */
import { copyFile, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WebAnnotationCollection } from '../../../shared/export/web-annotation';
import { dossier, expectOneErrorLine } from '../../helpers/cli';
import { makeTempDir } from '../../helpers/temp-dir';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'import');

const TITLE = 'Klaipėda councillors split over quay rezoning';
const VOTE = 'voted 16 to 13 on Thursday';
const RESIDENTS = 'Residents of Smiltynė asked for a public meeting';

let tmp: { dir: string; cleanup: () => Promise<void> };
let nb: string;
let file: string;
let articleId: string;
let original: string;

beforeEach(async () => {
  tmp = await makeTempDir('dossier-cli-annotate-');
  nb = join(tmp.dir, 'NB');
  file = join(tmp.dir, 'a.txt');
  await copyFile(join(FIXTURES, 'council-vote.txt'), file);
  expect((await dossier('init', nb)).code).toBe(0);
  const imported = JSON.parse((await dossier('import', nb, file, '--json')).out) as Array<{ articleId: string }>;
  articleId = imported[0]!.articleId;
  original = (JSON.parse((await dossier('show', nb, articleId, '--json')).out) as { text: string }).text;
});
afterEach(() => tmp.cleanup());

describe('dossier annotate', () => {
  it('highlights the quote with tags by name (created once) and a comment as a Tiptap doc', async () => {
    const run = await dossier('annotate', nb, articleId, '--quote', VOTE, '--tag', 'Port', '--tag', 'Council', '--comment', 'Close vote', '--json');
    expect(run).toMatchObject({ code: 0, err: '' });
    const annotation = JSON.parse(run.out) as { id: string; target: { exact: string; start: number; end: number }; tags: string[]; comment: unknown };
    expect(annotation.target.exact).toBe(VOTE);
    expect(original.slice(annotation.target.start, annotation.target.end)).toBe(VOTE);
    expect(annotation.comment).toEqual({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Close vote' }] }] });
    const tags = JSON.parse((await dossier('call', nb, 'tags.list')).out) as Array<{ id: string; name: string }>;
    expect(tags.map((t) => t.name).sort()).toEqual(['Council', 'Port']);
    expect(annotation.tags.sort()).toEqual(tags.map((t) => t.id).sort());

    // A second highlight with an existing tag name reuses the tag.
    const human = await dossier('annotate', nb, articleId, '--quote', RESIDENTS, '--tag', 'port');
    expect(human.code).toBe(0);
    expect(human.out).toMatch(/^Highlighted \[\d+-\d+\] "Residents of Smiltynė asked for a public meeting" as [\w-]+\n$/);
    expect((JSON.parse((await dossier('call', nb, 'tags.list')).out) as unknown[]).length).toBe(2);
    const shown = JSON.parse((await dossier('show', nb, articleId, '--json')).out) as { annotations: unknown[] };
    expect(shown.annotations).toHaveLength(2);
  });

  it('a quote that does not occur is one stderr line naming the quote and the article (exit 1)', async () => {
    const run = await dossier('annotate', nb, articleId, '--quote', 'voted unanimously');
    expect(run.code).toBe(1);
    expect(run.out).toBe('');
    expectOneErrorLine(run, new RegExp(`^dossier annotate: the quote "voted unanimously" does not occur in "${TITLE}"$`));
  });

  it('--quote is required', async () => {
    const run = await dossier('annotate', nb, articleId);
    expect(run.code).toBe(2);
    expectOneErrorLine(run, /^dossier annotate: --quote is required/);
  });
});

describe('dossier claim', () => {
  it('makes a claim with statement, speaker and kind', async () => {
    const run = await dossier('claim', nb, articleId, '--quote', VOTE, '--statement', 'The council backed rezoning', '--speaker', 'City council', '--kind', 'number', '--json');
    expect(run).toMatchObject({ code: 0, err: '' });
    expect(JSON.parse(run.out)).toMatchObject({ articleId, statement: 'The council backed rezoning', speaker: 'City council', kind: 'number', target: { exact: VOTE } });
    const bad = await dossier('claim', nb, articleId, '--quote', VOTE, '--kind', 'rumour');
    expect(bad.code).toBe(2);
    expectOneErrorLine(bad, /^dossier claim: --kind must be one of fact, quote, number/);
    const missing = await dossier('claim', nb, articleId, '--quote', 'not in the text');
    expectOneErrorLine(missing, /^dossier claim: the quote "not in the text" does not occur in/);
  });
});

describe('dossier edit', () => {
  it('replaces the text and reports each anchor; a removed passage needs review (exit 0, said on stderr)', async () => {
    const h1 = JSON.parse((await dossier('annotate', nb, articleId, '--quote', VOTE, '--json')).out) as { id: string };
    const h2 = JSON.parse((await dossier('annotate', nb, articleId, '--quote', RESIDENTS, '--json')).out) as { id: string };
    const c1 = JSON.parse((await dossier('claim', nb, articleId, '--quote', VOTE, '--json')).out) as { id: string };
    const edited = join(tmp.dir, 'edited.txt');
    const newText = original.replace("Klaipėda's city council", "After a long debate, Klaipėda's city council").replace(/Residents of Smiltynė[^\n]*\n?/, '');
    expect(newText).not.toBe(original);
    // Windows-1257 bytes would be a real user's file; UTF-8 with BOM checks decodeText is used.
    await writeFile(edited, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(newText, 'utf8')]));

    const json = await dossier('edit', nb, articleId, '--text-file', edited, '--json');
    expect(json.code).toBe(0);
    const out = JSON.parse(json.out) as { article: { length: number }; anchors: Array<{ id: string; kind: string; status: string; needsReview: boolean }> };
    expect(out.article.length).toBe(newText.length);
    const byId = new Map(out.anchors.map((a) => [a.id, a]));
    expect(byId.get(h1.id)).toMatchObject({ kind: 'annotation', status: 'anchored' });
    expect(byId.get(c1.id)).toMatchObject({ kind: 'claim', status: 'anchored' });
    expect(byId.get(h2.id)).toMatchObject({ kind: 'annotation', status: 'orphaned', needsReview: true });
    const shown = JSON.parse((await dossier('show', nb, articleId, '--json')).out) as { text: string };
    expect(shown.text).toBe(newText);

    // Human mode, same text again: the table on stdout, the review note on stderr, exit 0.
    const human = await dossier('edit', nb, articleId, '--text-file', edited);
    expect(human.code).toBe(0);
    expect(human.out).toContain(`Replaced the text of "${TITLE}"`);
    expect(human.out).toMatch(new RegExp(`annotation\\s+${h2.id}\\s+orphaned.*needs review`));
    expect(human.out).toContain('2 anchored, 0 fuzzy, 1 need review');
    expectOneErrorLine(human, /^dossier edit: 1 of 3 highlight\(s\)\/claim\(s\) could not be re-anchored and need review/);
  });

  it('a missing text file is named in one stderr line and nothing changes', async () => {
    const missing = join(tmp.dir, 'nope.txt');
    const run = await dossier('edit', nb, articleId, '--text-file', missing);
    expect(run.code).toBe(1);
    expectOneErrorLine(run, new RegExp(`^dossier edit: .*nope\\.txt`));
    const empty = join(tmp.dir, 'empty.txt');
    await writeFile(empty, '');
    const unread = await dossier('edit', nb, articleId, '--text-file', empty);
    expect(unread.code).toBe(1);
    expect(unread.err).toBe(`dossier edit: ${empty}: the file is empty\n`);
    const blank = join(tmp.dir, 'blank.txt');
    await writeFile(blank, '  \n\n ');
    const refused = await dossier('edit', nb, articleId, '--text-file', blank);
    expect(refused.code).toBe(1);
    expect(refused.err).toBe(`dossier edit: ${blank}: the file holds only blank lines and spaces, no text\n`);
    const shown = JSON.parse((await dossier('show', nb, articleId, '--json')).out) as { text: string };
    expect(shown.text).toBe(original);
  });
});

describe('dossier export', () => {
  it('writes the highlights and claims as W3C Web Annotations (jsonld)', async () => {
    await dossier('annotate', nb, articleId, '--quote', VOTE, '--tag', 'Port', '--comment', 'Close');
    await dossier('claim', nb, articleId, '--quote', RESIDENTS);
    const out = join(tmp.dir, 'export.jsonld');
    const run = await dossier('export', nb, '--format', 'jsonld', '--out', out);
    expect(run).toMatchObject({ code: 0, err: '' });
    expect(run.out).toBe(`Exported 2 annotation(s) to ${out}\n`);
    const doc = JSON.parse(await readFile(out, 'utf8')) as WebAnnotationCollection;
    expect(doc['@context']).toBe('http://www.w3.org/ns/anno.jsonld');
    expect(doc.first.items.map((i) => i.motivation)).toEqual(['highlighting', 'assessing']);
    expect(doc.first.items[0]!.body?.map((b) => b.value)).toEqual(['Close', 'Port']);
    expect(doc.first.items[0]!.target.source).toBe('https://kurjeris.example/2026/01/22/quay-rezoning');
    for (const item of doc.first.items) {
      const [quote, pos] = item.target.selector;
      expect(original.slice(pos.start, pos.end)).toBe(quote.exact);
    }
    expect((await readdir(tmp.dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('unknown formats and a missing --out are usage errors', async () => {
    const out = join(tmp.dir, 'x');
    const bad = await dossier('export', nb, '--format', 'xml', '--out', out);
    expect(bad.code).toBe(2);
    expectOneErrorLine(bad, /^dossier export: --format must be one of md, html/);
    const noOut = await dossier('export', nb, '--format', 'jsonld');
    expectOneErrorLine(noOut, /^dossier export: --out is required/);
  });
});
