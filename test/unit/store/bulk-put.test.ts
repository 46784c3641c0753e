import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NotebookStore } from '../../../electron/store/notebook-store';
import { makeAnnotation, makeArticle } from '../../helpers/store-fixtures';
import { makeTempDir } from '../../helpers/temp-dir';

describe('putAnnotations', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let store: NotebookStore;

  beforeEach(async () => {
    ({ dir, cleanup } = await makeTempDir());
    store = await NotebookStore.create(join(dir, 'nb'));
    await store.addArticles([makeArticle('a1'), makeArticle('a2')]);
  });
  afterEach(async () => {
    await store.close();
    await cleanup();
  });

  it('replaces existing highlights and adds new ones in one shard, keeping the order of the rest', async () => {
    await store.putAnnotation(makeAnnotation('a1', 'h1'));
    await store.putAnnotation(makeAnnotation('a1', 'h2'));
    const moved = { ...makeAnnotation('a1', 'h1'), anchor: { status: 'fuzzy' as const, score: 0.9 } };
    await store.putAnnotations('a1', [moved, makeAnnotation('a1', 'h3')]);
    const listed = await store.listAnnotations('a1');
    expect(listed.map((a) => a.id)).toEqual(['h1', 'h2', 'h3']);
    expect(listed[0]?.anchor).toEqual({ status: 'fuzzy', score: 0.9 });
    // What is on disk after reopening is what was acknowledged.
    await store.close();
    store = await NotebookStore.open(join(dir, 'nb'));
    expect((await store.listAnnotations('a1')).map((a) => a.id)).toEqual(['h1', 'h2', 'h3']);
  });

  it('refuses a highlight of another article and writes nothing', async () => {
    await store.putAnnotation(makeAnnotation('a1', 'h1'));
    const shard = join(dir, 'nb', 'annotations', 'a1.json');
    const before = await readFile(shard, 'utf8');
    await expect(store.putAnnotations('a1', [makeAnnotation('a1', 'h2'), makeAnnotation('a2', 'h9')])).rejects.toMatchObject({
      code: 'invalid-input',
    });
    expect(await readFile(shard, 'utf8')).toBe(before);
  });
});
