import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NotebookStore } from '../../../electron/store/notebook-store';
import { DossierError } from '../../../shared/api/result';
import { makeAnnotation, makeArticle, makeBrief, makeClaim, makeTag } from '../../helpers/store-fixtures';

let root: string;
const stores: NotebookStore[] = [];

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'dossier-corrupt-'));
});
afterEach(async () => {
  await Promise.all(stores.splice(0).map((s) => s.close()));
  await rm(root, { recursive: true, force: true });
});

/** A closed notebook with two articles, annotations, claims, tags and a brief. */
async function populated(): Promise<string> {
  const s = await NotebookStore.create(join(root, 'nb'));
  await s.addArticles([makeArticle('a1'), makeArticle('a2', 'Other text. '.repeat(10))]);
  await s.updateArticleMeta('a2', { title: 'Edited title' });
  await s.putAnnotation(makeAnnotation('a1', 'n1'));
  await s.putAnnotation(makeAnnotation('a2', 'n2'));
  await s.putClaim(makeClaim('a1', 'c1'));
  await s.putTag(makeTag('t1'));
  await s.putBrief(makeBrief('b1'));
  await s.close();
  return s.dir;
}

async function open(dir: string): Promise<NotebookStore> {
  const s = await NotebookStore.open(dir);
  stores.push(s);
  return s;
}

/** The problem reported for `file`, checking that the moved-aside copy holds exactly `original`. */
async function expectMovedAside(s: NotebookStore, file: string, original: Buffer | string): Promise<void> {
  const problem = s.problems().find((p) => p.file === file);
  expect(problem, `a problem for ${file}`).toBeDefined();
  expect(problem!.movedTo).toMatch(new RegExp(`^${file.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')}\\.unreadable-`));
  expect(problem!.message).toContain(basename(file));
  expect(await readFile(problem!.movedTo!)).toEqual(Buffer.from(original));
  expect(await readdir(dirname(file))).toContain(basename(problem!.movedTo!));
}

describe('unreadable files', () => {
  it('a shard with bad JSON is moved aside byte for byte, reported, and never overwritten', async () => {
    const dir = await populated();
    const file = join(dir, 'annotations', 'a1.json');
    const garbage = Buffer.from([0x7b, 0x22, 0x61, 0x6e, 0x00, 0xff, 0xfe]); // '{"an' then binary junk
    await writeFile(file, garbage);
    const s = await open(dir);
    expect(await s.listAnnotations('a1')).toEqual([]);
    await expectMovedAside(s, file, garbage);
    expect(s.problems()[0]!.message).toMatch(/not valid JSON/);

    // New writes go to a fresh file; the kept copy stays as it was.
    await s.putAnnotation(makeAnnotation('a1', 'fresh'));
    await expectMovedAside(s, file, garbage);
    expect((await s.listAnnotations('a1')).map((a) => a.id)).toEqual(['fresh']);
    // Other data is intact.
    expect((await s.listAnnotations('a2')).map((a) => a.id)).toEqual(['n2']);
  });

  it('files that parse but fail the schema are moved aside with the reason', async () => {
    const dir = await populated();
    const cases: [string, string, RegExp][] = [
      [join(dir, 'claims', 'a1.json'), JSON.stringify({ claims: [{ id: 'c1', articleId: 'a1' }] }), /does not match/],
      [join(dir, 'tags.json'), JSON.stringify({ tags: [{ ...makeTag('t'), color: 'blue' }] }), /color/],
      [join(dir, 'briefs', 'b1.json'), JSON.stringify({ ...makeBrief('other') }), /holds brief other/],
      [join(dir, 'annotations', 'a2.json'), JSON.stringify({ annotations: [makeAnnotation('a1', 'x')] }), /article a1, not a2/],
    ];
    for (const [file, text] of cases) await writeFile(file, text);
    const s = await open(dir);
    expect(await s.listClaims()).toEqual([]);
    expect(await s.listTags()).toEqual([]);
    expect(await s.listBriefs()).toEqual([]);
    expect(await s.listAnnotations('a2')).toEqual([]);
    expect((await s.listAnnotations('a1')).map((a) => a.id)).toEqual(['n1']);
    expect(s.problems()).toHaveLength(cases.length);
    for (const [file, text, reason] of cases) {
      await expectMovedAside(s, file, text);
      expect(s.problems().find((p) => p.file === file)!.message).toMatch(reason);
    }
  });

  it('an unreadable article body is moved aside and getArticle says so', async () => {
    const dir = await populated();
    const file = join(dir, 'articles', 'a1.json');
    await writeFile(file, '');
    const s = await open(dir);
    const err = await s.getArticle('a1').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DossierError);
    expect((err as DossierError).code).toBe('unreadable');
    expect((err as DossierError).message).toMatch(/articles[\\/]a1\.json could not be read: not valid JSON \(the file is empty\)/);
    await expectMovedAside(s, file, '');
    expect((await s.getArticle('a2')).text).toContain('Other text');
  });

  it('a corrupt catalogue is kept aside and rebuilt from the article files', async () => {
    const dir = await populated();
    const file = join(dir, 'catalog.json');
    const original = await readFile(file);
    const truncated = original.subarray(0, Math.floor(original.length / 2));
    await writeFile(file, truncated);
    const s = await open(dir);
    expect(s.listArticles().map((a) => a.id)).toEqual(['a1', 'a2']);
    // Rebuilt from bodies: the metadata edit lived in the catalogue only (documented: catalogue wins).
    expect(s.getArticleSummary('a2')?.title).toBe('Article a2');
    expect(s.findByContentHash(makeArticle('a1').contentHash)?.id).toBe('a1');
    await expectMovedAside(s, file, truncated);
    expect(s.problems()[0]!.message).toMatch(/rebuilt from 2 article file/);
    // The rebuilt catalogue is on disk: a second open has no problem.
    await s.close();
    const again = await open(dir);
    expect(again.problems()).toEqual([]);
    expect(again.listArticles()).toHaveLength(2);
    expect((await again.listAnnotations('a1')).map((a) => a.id)).toEqual(['n1']);
  });

  it('a catalogue with a path-like id is treated as unreadable', async () => {
    const dir = await populated();
    const file = join(dir, 'catalog.json');
    const cat = JSON.parse(await readFile(file, 'utf8')) as { articles: { id: string }[] };
    cat.articles[0]!.id = '../outside';
    await writeFile(file, JSON.stringify(cat));
    const s = await open(dir);
    expect(s.listArticles().map((a) => a.id)).toEqual(['a1', 'a2']);
    expect(s.problems()[0]!.message).toMatch(/not valid/);
  });

  it('a missing catalogue is rebuilt and reported; orphan bodies become articles', async () => {
    const dir = await populated();
    await rm(join(dir, 'catalog.json'));
    await writeFile(join(dir, 'articles', 'orphan.json'), JSON.stringify(makeArticle('orphan')));
    const s = await open(dir);
    expect(s.listArticles().map((a) => a.id).sort()).toEqual(['a1', 'a2', 'orphan']);
    expect(s.problems()).toEqual([expect.objectContaining({ movedTo: null, message: expect.stringMatching(/missing.*rebuilt from 3/) })]);
  });

  it('a corrupt notebook.json refuses the open with a clear error and is left untouched', async () => {
    const dir = await populated();
    const file = join(dir, 'notebook.json');
    for (const text of ['{"format": "dossier-notebook", "schemaVersion": 1,', '{"format":"something-else","schemaVersion":1}', '[]', '']) {
      await writeFile(file, text);
      const err = await NotebookStore.open(dir).catch((e: unknown) => e);
      expect(err, text).toBeInstanceOf(DossierError);
      expect((err as DossierError).code).toBe('unreadable');
      expect((err as DossierError).message).toContain(file);
      expect((err as DossierError).message).toMatch(/left untouched/);
      expect(await readFile(file, 'utf8')).toBe(text);
      const entries = await readdir(dir);
      expect(entries.filter((e) => e.startsWith('notebook.json'))).toEqual(['notebook.json']);
      expect(entries).not.toContain('.dossier.lock'); // the refused open released its lock
    }
  });

  it('leftover temp files from a killed writer are ignored and cleaned up', async () => {
    const dir = await populated();
    const stray = join(dir, 'annotations', '.a1.json.999999-abcdef.tmp');
    await writeFile(stray, '{"annotations": [');
    const s = await open(dir);
    expect((await s.listAnnotations('a1')).map((a) => a.id)).toEqual(['n1']);
    await s.close();
    expect(await readdir(join(dir, 'annotations'))).not.toContain(basename(stray));
    const again = await open(dir);
    expect(again.problems()).toEqual([]);
  });
});
