/**
 * Incremental search updates (store.onChange → delta segment + tombstones, merges, cache writes)
 * must give the same results as a full rebuild of the same notebook, after every kind of change.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DossierEvent, ImportResult } from '../../../shared/api/contract';
import { dispatch } from '../../../shared/api/dispatch';
import type { Result } from '../../../shared/api/result';
import { parseQuery } from '../../../shared/search/query';
import { SearchView } from '../../../shared/search/search-index';
import { createNotebookHandlers, type NotebookHandlers } from '../../../electron/service/notebook-service';
import { articleNoteDocument, memosDocument } from '../../../electron/service/notes';
import { buildIndexFromStore, notebookSources, SearchService, type IndexState, type SearchSources } from '../../../electron/service/search-service';
import { NotebookStore } from '../../../electron/store/notebook-store';
import { makeTempDir } from '../../helpers/temp-dir';

const TEXTS = [
  `Port council backs terminal expansion\n\nThe city council of Klaipėda voted 71 to 48 to expand the liquefied gas terminal. President Gitanas Nausėda said the decision "secures the winter".`,
  `Opposition calls the vote rushed\n\nThe opposition in Klaipeda said the council had too little time to read the plan for the port. Ingrida Šimonytė asked for a delay.`,
  `Ferry timetable changes\n\nThe Smiltynė ferry will run every twenty minutes in summer, the port authority said. Dredging of the channel continues.`,
];

const QUERIES = [
  'council', 'klaipeda', 'nauseda', '"gas terminal"', 'port', 'dredg*', 'termnal ', 'winter kind:claim', 'tag:energy', 'tag:power',
  'kind:highlight', 'timetable', 'rewritten', 'kind:note', 'reminder', 'smiltyne', 'entity:"ingrida simonyte"', 'entity:premier',
];

const paragraph = (text: string) => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });

describe('incremental search updates', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let store: NotebookStore;
  let handlers: NotebookHandlers;
  let ids: string[];
  let sources: SearchSources;

  const call = async <T>(method: string, input: unknown): Promise<T> => {
    const r = (await dispatch(handlers, method, input)) as Result<T>;
    if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
    return r.value;
  };

  beforeEach(async () => {
    ({ dir, cleanup } = await makeTempDir());
    store = await NotebookStore.create(join(dir, 'nb'), { name: 'Test' });
    handlers = createNotebookHandlers(store);
    // Notes and memos as the notes feature stores them (electron/service/notes.ts).
    sources = notebookSources(store);
    const files = TEXTS.slice(0, 2).map((t, i) => ({ name: `a${i}.txt`, dataBase64: Buffer.from(t).toString('base64') }));
    ids = (await call<ImportResult[]>('articles.import', { files })).map((r) => r.articleId!);
  });
  afterEach(async () => {
    await store.close();
    await cleanup();
  });

  /** Results as comparable rows: what was found and its score (doc numbers differ between the two). */
  async function rows(view: SearchView, q: string, aliases?: (n: string) => readonly string[]): Promise<string[]> {
    const tags = new Map((await store.listTags()).map((t) => [t.id, t.name]));
    const out = view.search(parseQuery(q), { limit: 500, tagName: (id) => tags.get(id), entityAliases: aliases });
    return out.hits.map((h) => {
      const d = view.doc(h.doc);
      return `${d.kind}:${d.articleId}:${d.id}:${h.score.toFixed(6)}`;
    }).sort();
  }

  async function expectSameAsRebuild(live: SearchService, label: string, aliases?: (n: string) => readonly string[]): Promise<void> {
    const view = await live.ensureIndex();
    const full = await buildIndexFromStore(store, 'full', sources);
    for (const q of QUERIES) {
      expect(await rows(view, q, aliases), `${label}: ${q}`).toEqual(await rows(new SearchView([{ index: full, dead: null }]), q, aliases));
    }
  }

  for (const compactDocs of [2000, 1]) {
    it(`equals a full rebuild after each change (merge beyond ${compactDocs} delta docs)`, async () => {
      const states: IndexState[] = [];
      const live = new SearchService(store, { sources, compactDocs, worker: false, persistDelayMs: 60_000, onIndex: (s) => states.push(s) });
      await live.ensureIndex();
      await expectSameAsRebuild(live, 'initial');

      // Add an article.
      const [added] = await call<ImportResult[]>('articles.import', { files: [{ name: 'c.txt', dataBase64: Buffer.from(TEXTS[2]!).toString('base64') }] });
      expect((await live.query('smiltyne')).results.map((r) => r.articleId)).toEqual([added!.articleId]);
      await expectSameAsRebuild(live, 'article added');

      // Highlights (with a tag) and a claim.
      const tag = await call<{ id: string }>('tags.create', { name: 'Energy' });
      const h1 = await call<{ id: string }>('annotations.create', { articleId: ids[0], target: { quote: 'liquefied gas terminal' }, tags: [tag.id] });
      await call('annotations.create', { articleId: ids[1], target: { quote: 'too little time' }, tags: [tag.id] });
      await call('claims.create', { articleId: ids[0], target: { quote: 'secures the winter' }, speaker: 'Gitanas Nausėda', kind: 'quote' });
      expect((await live.query('tag:energy kind:highlight')).total).toBe(2);
      await expectSameAsRebuild(live, 'records added');

      // Edit an article's text: old words go, new ones come, highlights re-anchor.
      const old = (await store.getArticle(ids[1]!)).text;
      await call('articles.editText', { id: ids[1], text: `${old}\nThe plan was rewritten overnight.` });
      expect((await live.query('rewritten')).results.map((r) => r.articleId)).toEqual([ids[1]]);
      await expectSameAsRebuild(live, 'text edited');

      // Delete a highlight.
      await call('annotations.delete', { articleId: ids[0], id: h1.id });
      expect((await live.query('tag:energy kind:highlight')).total).toBe(1);
      await expectSameAsRebuild(live, 'highlight deleted');

      // Rename a tag: tag: filters follow at once.
      await call('tags.update', { id: tag.id, name: 'Power' });
      expect((await live.query('tag:energy')).total).toBe(0);
      expect((await live.query('tag:power')).total).toBeGreaterThan(0);
      await expectSameAsRebuild(live, 'tag renamed');

      // Save a note, then a memo.
      await articleNoteDocument(store, ids[0]!).update(() => ({ articleId: ids[0]!, doc: paragraph('Reminder: ask the port authority about dredging costs.'), updatedAt: '2026-03-20' }));
      const note = await live.query('reminder');
      expect(note.results.map((r) => [r.kind, r.articleId])).toEqual([['note', ids[0]]]);
      await expectSameAsRebuild(live, 'note saved');
      await memosDocument(store).update(() => ({ memos: [{ id: 'm1', title: 'Lagoon questions', doc: paragraph('Who pays for the dredging reminder?'), createdAt: '2026-03-20', updatedAt: '2026-03-20' }] }));
      expect((await live.query('lagoon')).results.map((r) => [r.kind, r.id, r.articleId])).toEqual([['memo', 'm1', null]]);
      await expectSameAsRebuild(live, 'memo saved');

      // Entities: searchable by name and alias, and entity: filters use confirmed aliases.
      await live.indexEntities([{ id: 'e1', name: 'Ingrida Šimonytė', aliases: ['Premier'], type: 'person' }]);
      expect((await live.query('premier')).results.map((r) => [r.kind, r.id])).toEqual([['entity', 'e1']]);
      expect((await live.query('entity:premier kind:article')).results.map((r) => r.articleId)).toEqual([ids[1]]);
      expect((await live.query('entity:"ingrida simonyte" kind:article')).results.map((r) => r.articleId)).toEqual([ids[1]]);

      expect(states).toContain('updated');
      if (compactDocs === 1) expect(states).toContain('compacted');
      await live.close();
    });
  }

  it('writes the merged index to the cache, and a new session loads it without rebuilding', async () => {
    const live = new SearchService(store, { sources, worker: false, persistDelayMs: 60_000 });
    await live.query('council');
    const brief = await call<{ id: string }>('briefs.create', { title: 'Harbour outlook' });
    await call('annotations.create', { articleId: ids[0], target: { quote: 'liquefied gas terminal' }, comment: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Compare tonnage' }] }] } });
    expect((await live.query('tonnage')).results.map((r) => r.kind)).toEqual(['highlight']);
    expect((await live.query('harbour outlook')).results.map((r) => [r.kind, r.id, r.articleId])).toEqual([['brief', brief.id, null]]);
    await live.persist();
    const states: IndexState[] = [];
    const next = new SearchService(store, { sources, worker: false, onIndex: (s) => states.push(s) });
    expect((await next.query('tonnage')).results.map((r) => r.kind)).toEqual(['highlight']);
    expect((await next.query('harbour')).total).toBe(1);
    expect(states).toEqual(['loaded']);
    await live.close();
    await next.close();
  });

  it('builds in a worker thread with progress events, and the result equals an in-thread build', async () => {
    const events: DossierEvent[] = [];
    const states: [IndexState, string][] = [];
    const inWorker = new SearchService(store, { sources, worker: true, emit: (e) => events.push(e), onIndex: (s, d) => states.push([s, d]) });
    const view = await inWorker.ensureIndex();
    expect(states[0]![0]).toBe('built');
    const progress = events.filter((e) => e.type === 'search.progress');
    expect(progress.map((e) => e.phase)).toEqual(expect.arrayContaining(['reading', 'indexing', 'writing', 'done']));
    expect(progress.at(-1)).toMatchObject({ phase: 'done' });
    const full = await buildIndexFromStore(store, 'full', sources);
    for (const q of QUERIES) expect(await rows(view, q)).toEqual(await rows(new SearchView([{ index: full, dead: null }]), q));
    // The cache holds the compressed form.
    const bytes = await readFile(inWorker.indexPath);
    expect(new DataView(bytes.buffer, bytes.byteOffset).getUint32(4, true)).toBe(2);
    await inWorker.close();
  });
});
