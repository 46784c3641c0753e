import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportResult, SearchResponse } from '../../../shared/api/contract';
import { dispatch } from '../../../shared/api/dispatch';
import type { Result } from '../../../shared/api/result';
import { createNotebookHandlers, type NotebookHandlers } from '../../../electron/service/notebook-service';
import { SearchService, type IndexState } from '../../../electron/service/search-service';
import { NotebookStore } from '../../../electron/store/notebook-store';
import { makeTempDir } from '../../helpers/temp-dir';

const ARTICLE_A = `Port council backs terminal expansion
By Rasa Petrauskienė, Baltic Ledger
Published: 2026-03-14

The city council of Klaipėda voted 71 to 48 on Tuesday to expand the liquefied gas terminal.

President Gitanas Nausėda said the decision "secures the winter".`;

const ARTICLE_B = `# Opposition calls the vote rushed

The opposition in Klaipeda said the council had too little time to read the plan for the port.`;

describe('search service', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let store: NotebookStore;
  let handlers: NotebookHandlers;
  let ids: string[];

  const call = async <T>(method: string, input: unknown): Promise<T> => {
    const r = (await dispatch(handlers, method, input)) as Result<T>;
    if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
    return r.value;
  };
  const search = (query: string, limit?: number) => call<SearchResponse>('search.query', limit ? { query, limit } : { query });

  beforeEach(async () => {
    ({ dir, cleanup } = await makeTempDir());
    store = await NotebookStore.create(join(dir, 'nb'), { name: 'Test' });
    handlers = createNotebookHandlers(store);
    const files = [
      { name: 'a.txt', dataBase64: Buffer.from(ARTICLE_A).toString('base64') },
      { name: 'b.md', dataBase64: Buffer.from(ARTICLE_B).toString('base64') },
    ];
    const results = await call<ImportResult[]>('articles.import', { files });
    ids = results.map((r) => r.articleId!);
  });
  afterEach(async () => {
    await store.close();
    await cleanup();
  });

  it('finds a name typed without its diacritics, with a snippet and a jump target', async () => {
    const out = await search('Nauseda ');
    expect(out.total).toBe(1);
    const hit = out.results[0]!;
    expect(hit).toMatchObject({ kind: 'article', articleId: ids[0], id: null, title: 'Port council backs terminal expansion' });
    expect(hit.highlights.map((h) => hit.snippet.slice(h.start, h.end))).toEqual(['Nausėda']);
    const text = (await store.getArticle(ids[0]!)).text;
    expect(text.slice(hit.target!.start, hit.target!.end)).toBe('Nausėda');
  });

  it('finds both spellings of Klaipėda and ranks, filters and phrases through the API', async () => {
    expect((await search('klaipėda ')).results.map((r) => r.articleId).sort()).toEqual([...ids].sort());
    expect((await search('"gas terminal"')).results.map((r) => r.articleId)).toEqual([ids[0]]);
    expect((await search('council from:2026-03-01')).results.map((r) => r.articleId)).toEqual([ids[0]]);
    expect((await search('from:someday council')).warnings[0]).toMatch(/not a date/);
  });

  it('indexes highlights (with comments) and claims, and sees new ones in the same session', async () => {
    expect((await search('winter kind:claim')).total).toBe(0);
    const tag = await call<{ id: string }>('tags.create', { name: 'Energy' });
    const claim = await call<{ id: string }>('claims.create', { articleId: ids[0], target: { quote: 'secures the winter' }, speaker: 'Gitanas Nausėda', kind: 'quote' });
    await call('annotations.create', {
      articleId: ids[1], target: { quote: 'too little time' }, tags: [tag.id],
      comment: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Check the timetable' }] }] },
    });
    const claims = await search('winter kind:quote');
    expect(claims.results).toHaveLength(1);
    expect(claims.results[0]).toMatchObject({ kind: 'claim', id: claim.id, articleId: ids[0] });
    const text = (await store.getArticle(ids[0]!)).text;
    expect(text.slice(claims.results[0]!.target!.start, claims.results[0]!.target!.end)).toBe('secures the winter');
    const comment = await search('timetable');
    expect(comment.results.map((r) => r.kind)).toEqual(['highlight']);
    expect((await search('tag:energy')).results.map((r) => r.kind).sort()).toEqual(['article', 'highlight']);
  });

  it('writes the index to the cache, loads it next time, and rebuilds a stale or corrupt one', async () => {
    await search('council');
    const path = join(store.cacheDir(), 'search-index.bin');
    expect((await readFile(path)).length).toBeGreaterThan(100);

    const states: IndexState[] = [];
    const again = new SearchService(store, { onIndex: (s) => states.push(s) });
    expect((await again.query('council')).total).toBe(2);
    expect(states).toEqual(['loaded']);

    // Damaged bytes: rebuilt, never trusted, and the results are still right.
    const bytes = await readFile(path);
    await writeFile(path, bytes.subarray(0, bytes.length - 10));
    const afterCorruption = new SearchService(store, { onIndex: (s) => states.push(s) });
    expect((await afterCorruption.query('council')).total).toBe(2);
    expect(states.at(-1)).toBe('rebuilt-corrupt');
    await writeFile(path, 'not an index at all');
    expect((await new SearchService(store, { onIndex: (s) => states.push(s) }).query('council')).total).toBe(2);
    expect(states.at(-1)).toBe('rebuilt-corrupt');

    // A change made behind the cache's back (another process, or while closed): the cache is stale.
    await store.updateArticleMeta(ids[1]!, { title: 'Opposition says vote was hasty' });
    const stale = new SearchService(store, { onIndex: (s) => states.push(s) });
    expect((await stale.query('hasty')).results.map((r) => r.articleId)).toEqual([ids[1]]);
    expect(states.at(-1)).toBe('rebuilt-stale');

    // A live service notices the change too, and an unchanged notebook is not rebuilt.
    await store.updateArticleMeta(ids[0]!, { outlet: 'LRT' });
    expect((await stale.query('outlet:lrt')).total).toBe(1);
    // Followed incrementally (store.onChange), not rebuilt.
    expect(states.at(-1)).toBe('updated');
    const count = states.length;
    await stale.query('council');
    expect(states.length).toBe(count);
  });
});
