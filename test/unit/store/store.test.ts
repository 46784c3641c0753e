import { mkdtemp, readdir, readFile, rm, stat, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DurableJSONFile, UnreadableFileError, writeFileDurably } from '../../../electron/store/durable-file';
import { NotebookStore } from '../../../electron/store/notebook-store';
import { DossierError } from '../../../shared/api/result';
import { makeAnnotation, makeArticle, makeBrief, makeClaim, makeSource, makeTag } from '../../helpers/store-fixtures';

let root: string;
const stores: NotebookStore[] = [];

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'dossier-store-'));
});
afterEach(async () => {
  await Promise.all(stores.splice(0).map((s) => s.close()));
  await rm(root, { recursive: true, force: true });
});

async function create(name = 'nb'): Promise<NotebookStore> {
  const s = await NotebookStore.create(join(root, name), { name: 'Test notebook' });
  stores.push(s);
  return s;
}
async function reopen(s: NotebookStore): Promise<NotebookStore> {
  await s.close();
  const r = await NotebookStore.open(s.dir);
  stores.push(r);
  return r;
}
async function rejection(p: Promise<unknown>): Promise<DossierError> {
  const err = await p.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DossierError);
  return err as DossierError;
}

describe('writeFileDurably and DurableJSONFile', () => {
  it('writes the exact bytes and leaves no temp file behind', async () => {
    const path = join(root, 'a.json');
    await writeFileDurably(path, 'one');
    await writeFileDurably(path, new Uint8Array([116, 119, 111]));
    expect(await readFile(path, 'utf8')).toBe('two');
    expect(await readdir(root)).toEqual(['a.json']);
  });

  it('is a lowdb adapter that validates on read', async () => {
    const path = join(root, 'doc.json');
    const schema = z.object({ items: z.array(z.number()) });
    const db = new Low(new DurableJSONFile(path, schema), { items: [] as number[] });
    await db.read();
    expect(db.data).toEqual({ items: [] });
    db.data.items.push(1, 2);
    await db.write();
    const again = new Low(new DurableJSONFile(path, schema), { items: [] as number[] });
    await again.read();
    expect(again.data.items).toEqual([1, 2]);

    await writeFile(path, '{"items": ["x"]}');
    await expect(again.read()).rejects.toBeInstanceOf(UnreadableFileError);
    await writeFile(path, '{"items": [');
    await expect(again.read()).rejects.toThrow(/doc\.json: not valid JSON/);
  });
});

describe('NotebookStore basics', () => {
  it('creates a notebook with the documented layout and meta', async () => {
    const s = await create();
    expect(s.meta()).toMatchObject({ format: 'dossier-notebook', schemaVersion: 1, name: 'Test notebook' });
    const entries = (await readdir(s.dir)).sort();
    expect(entries).toEqual(['.dossier.lock', 'annotations', 'articles', 'briefs', 'catalog.json', 'claims', 'notebook.json']);
    expect(JSON.parse(await readFile(join(s.dir, 'notebook.json'), 'utf8'))).toEqual(s.meta());
    expect(await NotebookStore.isNotebook(s.dir)).toBe(true);
    expect(await NotebookStore.isNotebook(root)).toBe(false);
  });

  it('refuses to create in a folder that is not empty, and to open a folder that is not a notebook', async () => {
    const dir = join(root, 'busy');
    await mkdir(dir);
    await writeFile(join(dir, 'notes.txt'), 'mine');
    const e1 = await rejection(NotebookStore.create(dir));
    expect(e1.code).toBe('conflict');
    expect(e1.message).toContain(dir);
    expect(await readdir(dir)).toEqual(['notes.txt']); // no lock left behind
    const e2 = await rejection(NotebookStore.open(dir));
    expect(e2.code).toBe('not-found');
    expect(e2.message).toBe(`${dir} is not a Dossier notebook (no notebook.json)`);

    const s = await create('nb2');
    await s.close();
    expect((await rejection(NotebookStore.create(s.dir))).code).toBe('conflict');
  });

  it('round-trips every kind of record through close and reopen', async () => {
    let s = await create();
    const a1 = makeArticle('a1');
    const a2 = makeArticle('a2', 'Second text, longer. '.repeat(20));
    await s.addArticles([a1, a2]);
    await s.putAnnotation(makeAnnotation('a1', 'n1'));
    await s.putAnnotation(makeAnnotation('a1', 'n2'));
    await s.putAnnotation(makeAnnotation('a2', 'n3'));
    await s.putClaim(makeClaim('a1', 'c1'));
    await s.putClaim(makeClaim('a2', 'c2'));
    await s.putTag(makeTag('t1', 'economy'));
    await s.putSource(makeSource('s1'));
    await s.putBrief(makeBrief('b1', 'Weekly'));

    s = await reopen(s);
    expect(s.listArticles().map((a) => a.id)).toEqual(['a1', 'a2']);
    expect(s.listArticles()[0]).not.toHaveProperty('text');
    expect(await s.getArticle('a2')).toEqual(a2);
    expect(s.findByContentHash(a2.contentHash)?.id).toBe('a2');
    expect(s.getArticleSummary('a1')?.title).toBe('Article a1');
    expect((await s.listAnnotations('a1')).map((a) => a.id)).toEqual(['n1', 'n2']);
    expect(await s.listAnnotations('a2')).toEqual([makeAnnotation('a2', 'n3', { createdAt: expect.any(String), updatedAt: expect.any(String) })]);
    expect((await s.listClaims()).map((c) => c.id)).toEqual(['c1', 'c2']);
    expect((await s.listClaims('a2')).map((c) => c.id)).toEqual(['c2']);
    expect(await s.listTags()).toEqual([makeTag('t1', 'economy')]);
    expect(await s.listSources()).toEqual([makeSource('s1')]);
    expect((await s.getBrief('b1')).title).toBe('Weekly');
    expect((await s.listBriefs()).map((b) => b.id)).toEqual(['b1']);
    expect(s.problems()).toEqual([]);
  });

  it('replaces by id, deletes, and reports whether something was deleted', async () => {
    let s = await create();
    await s.addArticles([makeArticle('a1')]);
    await s.putAnnotation(makeAnnotation('a1', 'n1'));
    await s.putAnnotation(makeAnnotation('a1', 'n1', { tags: ['t9'] }));
    expect(await s.listAnnotations('a1')).toHaveLength(1);
    expect((await s.listAnnotations('a1'))[0]!.tags).toEqual(['t9']);
    await s.putTag(makeTag('t1'));
    await s.putClaim(makeClaim('a1', 'c1'));
    await s.putBrief(makeBrief('b1'));
    expect(await s.deleteAnnotation('a1', 'n1')).toBe(true);
    expect(await s.deleteAnnotation('a1', 'n1')).toBe(false);
    expect(await s.deleteClaim('a1', 'c1')).toBe(true);
    expect(await s.deleteTag('t1')).toBe(true);
    expect(await s.deleteTag('t1')).toBe(false);
    expect(await s.deleteBrief('b1')).toBe(true);
    expect(await s.deleteBrief('b1')).toBe(false);
    s = await reopen(s);
    expect(await s.listAnnotations('a1')).toEqual([]);
    expect(await s.listClaims()).toEqual([]);
    expect(await s.listTags()).toEqual([]);
    expect(await s.listBriefs()).toEqual([]);
    expect((await rejection(s.getBrief('b1'))).code).toBe('not-found');
  });

  it('updates article metadata in the catalogue only, and the catalogue wins', async () => {
    let s = await create();
    const a = makeArticle('a1');
    await s.addArticles([a]);
    const bodyBefore = await readFile(join(s.dir, 'articles', 'a1.json'), 'utf8');
    const updated = await s.updateArticleMeta('a1', { title: 'Corrected', outlet: null });
    expect(updated).toMatchObject({ id: 'a1', title: 'Corrected', outlet: null });
    s = await reopen(s);
    expect(s.getArticleSummary('a1')?.title).toBe('Corrected');
    expect(await s.getArticle('a1')).toEqual({ ...a, title: 'Corrected', outlet: null });
    expect(await readFile(join(s.dir, 'articles', 'a1.json'), 'utf8')).toBe(bodyBefore);
    expect((await rejection(s.updateArticleMeta('nope', { title: 'x' }))).code).toBe('not-found');
    expect((await rejection(s.updateArticleMeta('a1', { text: 'x' } as never))).code).toBe('invalid-input');
  });

  it('refuses duplicate article ids and records for unknown articles', async () => {
    const s = await create();
    await s.addArticles([makeArticle('a1')]);
    expect((await rejection(s.addArticles([makeArticle('a1')]))).code).toBe('conflict');
    expect((await rejection(s.addArticles([makeArticle('b'), makeArticle('b')]))).code).toBe('conflict');
    expect((await rejection(s.putAnnotation(makeAnnotation('ghost', 'n1')))).code).toBe('not-found');
    expect((await rejection(s.getArticle('ghost'))).code).toBe('not-found');
    expect(s.listArticles().map((a) => a.id)).toEqual(['a1']);
  });

  it('rejects ids that could escape the notebook folder', async () => {
    const s = await create();
    for (const bad of ['../evil', '..', 'a/b', 'a\\b', 'a.json', '', 'x'.repeat(101), 'é']) {
      const e = await rejection(s.addArticles([makeArticle(bad)]));
      expect(e.code, bad).toBe('invalid-input');
      expect((await rejection(s.listAnnotations(bad))).code).toBe('invalid-input');
      expect((await rejection(s.getArticle(bad))).code).toBe('invalid-input');
    }
    expect((await rejection(s.putBrief(makeBrief('../../b')))).code).toBe('invalid-input');
    expect((await rejection(s.putAnnotation({ ...makeAnnotation('a1', 'n'), articleId: '../x' }))).code).toBe('invalid-input');
    expect(await readdir(root)).toEqual(['nb']);
  });

  it('rejects records that fail their schema, naming the field', async () => {
    const s = await create();
    await s.addArticles([makeArticle('a1')]);
    const e = await rejection(s.putTag({ ...makeTag('t'), color: 'red' }));
    expect(e.code).toBe('invalid-input');
    expect(e.message).toMatch(/color/);
  });

  it('loads shard files lazily: opening reads only notebook.json and catalog.json', async () => {
    let s = await create();
    await s.addArticles([makeArticle('a1'), makeArticle('a2')]);
    await s.putAnnotation(makeAnnotation('a1', 'n1'));
    await s.putAnnotation(makeAnnotation('a2', 'n2'));
    await s.close();
    // Corrupt a shard: if open read it, it would be reported (and moved) now.
    await writeFile(join(s.dir, 'annotations', 'a2.json'), 'garbage');
    s = await NotebookStore.open(s.dir);
    stores.push(s);
    expect(s.problems()).toEqual([]);
    expect(await readFile(join(s.dir, 'annotations', 'a2.json'), 'utf8')).toBe('garbage');
    expect((await s.listAnnotations('a1')).map((a) => a.id)).toEqual(['n1']);
    expect(s.problems()).toEqual([]);
    expect(await s.listAnnotations('a2')).toEqual([]);
    expect(s.problems()).toHaveLength(1);
  });

  it('serialises concurrent puts to one file so none is lost', async () => {
    let s = await create();
    await s.addArticles([makeArticle('a1')]);
    const ids = Array.from({ length: 60 }, (_, i) => `n${i}`);
    await Promise.all([
      ...ids.map((id) => s.putAnnotation(makeAnnotation('a1', id))),
      ...ids.slice(0, 20).map((id) => s.putTag(makeTag(`t${id}`))),
      ...ids.slice(0, 20).map((id) => s.putClaim(makeClaim('a1', `c${id}`))),
    ]);
    // Deletes and puts interleaved on the same shard.
    await Promise.all([s.deleteAnnotation('a1', 'n0'), s.putAnnotation(makeAnnotation('a1', 'late')), s.deleteAnnotation('a1', 'n1')]);
    s = await reopen(s);
    const got = (await s.listAnnotations('a1')).map((a) => a.id).sort();
    expect(got).toEqual([...ids.slice(2), 'late'].sort());
    expect(await s.listTags()).toHaveLength(20);
    expect(await s.listClaims('a1')).toHaveLength(20);
    // No temp files left anywhere.
    for (const d of ['', 'annotations', 'claims']) {
      expect((await readdir(join(s.dir, d))).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    }
  });

  it('concurrent imports of the same id: exactly one wins', async () => {
    const s = await create();
    const results = await Promise.allSettled([s.addArticles([makeArticle('x')]), s.addArticles([makeArticle('x')])]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(s.listArticles()).toHaveLength(1);
  });

  it('saving one annotation writes a small file, whatever the size of the corpus', async () => {
    const s = await create();
    const big = 'Long body text. '.repeat(20_000); // ~320 KB
    await s.addArticles(Array.from({ length: 5 }, (_, i) => makeArticle(`a${i}`, big)));
    const catalogBefore = await stat(join(s.dir, 'catalog.json'));
    await s.putAnnotation(makeAnnotation('a3', 'n1'));
    const shard = await stat(join(s.dir, 'annotations', 'a3.json'));
    expect(shard.size).toBeLessThan(2_000);
    expect((await stat(join(s.dir, 'catalog.json'))).mtimeMs).toBe(catalogBefore.mtimeMs);
  });

  it('close waits for pending writes, is idempotent, and later calls fail clearly', async () => {
    const s = await create();
    await s.addArticles([makeArticle('a1')]);
    const puts = Array.from({ length: 10 }, (_, i) => s.putAnnotation(makeAnnotation('a1', `n${i}`)));
    const c1 = s.close();
    const c2 = s.close();
    await Promise.all([...puts, c1, c2]);
    expect(await readdir(s.dir)).not.toContain('.dossier.lock');
    const e = await rejection(s.listAnnotations('a1'));
    expect(e.code).toBe('no-notebook');
    const r = await NotebookStore.open(s.dir);
    stores.push(r);
    expect(await r.listAnnotations('a1')).toHaveLength(10);
  });

  it('replaceArticle rewrites the body and keeps the article in place', async () => {
    let s = await create();
    await s.addArticles([makeArticle('a1'), makeArticle('a2')]);
    const edited = makeArticle('a1', 'A corrected text.');
    await s.replaceArticle(edited);
    s = await reopen(s);
    expect(s.listArticles().map((a) => a.id)).toEqual(['a1', 'a2']);
    expect((await s.getArticle('a1')).text).toBe('A corrected text.');
    expect(s.findByContentHash(edited.contentHash)?.id).toBe('a1');
  });

  it('cacheDir is created on demand inside the notebook', async () => {
    const s = await create();
    const dir = s.cacheDir();
    expect(dir).toBe(join(s.dir, 'cache'));
    expect((await stat(dir)).isDirectory()).toBe(true);
  });
});
