import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { NotebookStore, type StoreChange } from '../../../electron/store/notebook-store';
import { makeAnnotation, makeArticle } from '../../helpers/store-fixtures';
import { makeTempDir } from '../../helpers/temp-dir';

const Notes = z.object({ text: z.string(), revision: z.number().int() });

describe('feature documents and change notifications', () => {
  let cleanup: (() => Promise<void>) | null = null;
  afterEach(async () => {
    await cleanup?.();
    cleanup = null;
  });

  async function fresh(): Promise<{ dir: string; store: NotebookStore }> {
    const temp = await makeTempDir();
    cleanup = temp.cleanup;
    return { dir: temp.dir, store: await NotebookStore.create(temp.dir, { name: 'Docs' }) };
  }

  it('writes a feature document durably in its own folder and reads it back after reopening', async () => {
    const { dir, store } = await fresh();
    const doc = store.document('notes/a1.json', Notes, () => ({ text: '', revision: 0 }));
    expect(await doc.read()).toEqual({ text: '', revision: 0 });
    // Two fields whose first is a string with repeated letters: not mistaken for a list of records.
    await doc.update((d) => ({ text: 'Vote count differs', revision: d.revision + 1 }));
    expect(JSON.parse(await readFile(join(dir, 'notes', 'a1.json'), 'utf8'))).toEqual({ text: 'Vote count differs', revision: 1 });
    await store.close();
    const again = await NotebookStore.open(dir);
    expect(await again.document('notes/a1.json', Notes, () => ({ text: '', revision: 0 })).read()).toEqual({
      text: 'Vote count differs',
      revision: 1,
    });
    await again.close();
  });

  it('sets an unreadable feature document aside instead of overwriting it', async () => {
    const { dir, store } = await fresh();
    await store.close();
    await writeFile(join(dir, 'memos.json'), '{"text": 42', 'utf8');
    const again = await NotebookStore.open(dir);
    const doc = again.document('memos.json', Notes, () => ({ text: '', revision: 0 }));
    expect(await doc.read()).toEqual({ text: '', revision: 0 });
    expect(again.problems().some((p) => p.file.endsWith('memos.json'))).toBe(true);
    expect((await readdir(dir)).some((n) => n.startsWith('memos.json.unreadable-'))).toBe(true);
    await again.close();
  });

  it('refuses paths that would reach the store’s own files or leave the notebook', async () => {
    const { store } = await fresh();
    for (const bad of ['catalog.json', 'notebook.json', 'tags.json', 'articles/x.json', 'annotations/x.json', '../x.json', 'a/b/c.json', 'notes/x.txt']) {
      expect(() => store.document(bad, Notes, () => ({ text: '', revision: 0 })), bad).toThrow(/cannot name a notebook document/);
    }
    await store.close();
  });

  it('tells listeners what changed once it is on disk, and stops when unsubscribed', async () => {
    const { store } = await fresh();
    const changes: StoreChange[] = [];
    const stop = store.onChange((c) => changes.push(c));
    await store.addArticles([makeArticle('a1')]);
    await store.putAnnotation(makeAnnotation('a1', 'h1'));
    await store.updateArticleMeta('a1', { title: 'Renamed' });
    await store.document('notes/a1.json', Notes, () => ({ text: '', revision: 0 })).update(() => ({ text: 'x', revision: 1 }));
    await store.document('notes/a1.json', Notes, () => ({ text: '', revision: 0 })).update(() => null);
    expect(changes).toEqual([
      { file: 'catalog.json', articleIds: ['a1'] },
      { file: 'annotations/a1.json', articleIds: ['a1'] },
      { file: 'catalog.json', articleIds: ['a1'] },
      { file: 'notes/a1.json' },
    ]);
    stop();
    await store.putAnnotation(makeAnnotation('a1', 'h2'));
    expect(changes).toHaveLength(4);
    await store.close();
  });
});

describe('sources in bulk', () => {
  it('saves many sources in one write and deletes one', async () => {
    const temp = await makeTempDir();
    try {
      const store = await NotebookStore.create(temp.dir);
      const base = { reliability: null, stateAffiliated: false, notes: '', kind: 'outlet' as const, aliases: [] };
      await store.putSources([
        { id: 's1', name: 'Baltic Ledger', ...base },
        { id: 's2', name: 'Zaria', ...base, kind: 'originator' as const },
      ]);
      await store.putSources([{ id: 's1', name: 'The Baltic Ledger', ...base, reliability: 'B' as const }]);
      expect((await store.listSources()).map((s) => [s.id, s.name, s.reliability])).toEqual([
        ['s1', 'The Baltic Ledger', 'B'],
        ['s2', 'Zaria', null],
      ]);
      expect(await store.deleteSource('s2')).toBe(true);
      expect(await store.deleteSource('s2')).toBe(false);
      await store.close();
      const again = await NotebookStore.open(temp.dir);
      expect((await again.listSources()).map((s) => s.id)).toEqual(['s1']);
      await again.close();
    } finally {
      await temp.cleanup();
    }
  });
});
