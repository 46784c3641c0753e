/**
 * Search over one open notebook. The index lives in `cache/search-index.bin`, is loaded at first
 * use, and is trusted only when its format version and fingerprint match the notebook now. A stale,
 * corrupt or missing cache is rebuilt from the store (in a worker thread, search-worker.ts, with
 * `search.progress` events) and rewritten, never used.
 *
 * Incremental updates follow `store.onChange`: each change names a unit (one article with its
 * highlights, claims and note; one brief; the memos; the entities), whose docs are re-read and put
 * in a small delta segment, while the base segment's docs of that unit are tombstoned. A SearchView
 * searches both with statistics over live docs only, so results equal a full rebuild's. When the
 * delta grows large it is merged into the base (mergeSegments: a linear postings merge, no
 * re-tokenising), and a few seconds after the last change the merged index is written back to the
 * cache with the notebook's fingerprint at that moment (only if no change arrived meanwhile).
 *
 * The fingerprint covers the catalogue (ids, content hashes and the indexed metadata) and the
 * name, size and mtime of every record file (highlight and claim shards, notes, briefs, memos,
 * tags), so a change made while Dossier was closed (or by the CLI) is noticed.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { DossierEvent, SearchResponse, SearchResult } from '../../shared/api/contract';
import { DossierError } from '../../shared/api/result';
import type { Annotation, Brief, Claim } from '../../shared/model/schemas';
import { terms } from '../../shared/search/fold';
import { parseQuery } from '../../shared/search/query';
import {
  mergeSegments,
  SearchIndex,
  SearchIndexBuilder,
  SearchView,
  type SearchDoc,
  type SearchDocInput,
  type SearchSegment,
} from '../../shared/search/search-index';
import { makeSnippet } from '../../shared/search/snippet';
import { richTextToPlain } from '../../shared/text/rich-text';
import { writeFileDurably } from '../store/durable-file';
import { ANNOTATIONS_DIR, BRIEFS_DIR, CLAIMS_DIR, TAGS_FILE, type NotebookStore } from '../store/notebook-store';
import { listMemos, NOTES_FOLDER, readArticleNote } from './notes';
import type { SearchWorkerReply, SearchWorkerRequest } from './search-worker';
import { locateWorker, workerEntryFile, type WorkerSpec } from './worker-entry';

export const SEARCH_INDEX_FILE = 'search-index.bin';
const NOTES_DIR = NOTES_FOLDER;
const MEMOS_FILE = 'memos.json';

export type IndexState = 'loaded' | 'built' | 'rebuilt-stale' | 'rebuilt-corrupt' | 'current' | 'updated' | 'compacted' | 'written';

/** Text sources owned by other features (notes, memos); wired in by whoever composes the service. */
export interface SearchSources {
  /** The plain text of an article's note, or null when it has none. */
  articleNote?: (articleId: string) => Promise<string | null>;
  /** Every memo, as plain text. */
  memos?: () => Promise<{ id: string; title: string; text: string }[]>;
}

/** Notes and memos as the notes feature stores them (electron/service/notes.ts), as plain text. */
export function notebookSources(store: NotebookStore): SearchSources {
  return {
    articleNote: async (articleId) => {
      const note = await readArticleNote(store, articleId);
      return note.doc ? richTextToPlain(note.doc) : null;
    },
    memos: async () => (await listMemos(store)).map((m) => ({ id: m.id, title: m.title, text: richTextToPlain(m.doc) })),
  };
}

/** An entity as search sees it: found by name or alias (kind 'entity'), and used by `entity:` filters. */
export interface SearchEntity {
  id: string;
  name: string;
  /** Confirmed aliases only. */
  aliases: string[];
  type?: string | null;
}

export interface SearchServiceOptions {
  /** Told why the index was (re)built or loaded; for logs and tests. */
  onIndex?: (state: IndexState, detail: string) => void;
  /** Notes and memos; default: notebookSources(store). */
  /** Where `search.progress` events go during a full build. */
  emit?: (event: DossierEvent) => void;
  sources?: SearchSources;
  /** Build in a worker thread when one can start (default true; DOSSIER_SEARCH_WORKER=0 turns it off). */
  worker?: boolean;
  /**
   * Write the updated index to the cache this long after the last change. Default: 3 s, or 1 ms per
   * indexed doc when longer (merging and writing 100,000 articles' postings takes seconds on this
   * thread, so large notebooks write less often; close() writes what is pending).
   */
  persistDelayMs?: number;
  /** Merge the delta into the base beyond this many delta docs (default 2,000). */
  compactDocs?: number;
}

/** Units of re-indexing: `a:<articleId>`, `b:<briefId>`, `memos`, `entities`. */
type Unit = string;

function unitOf(doc: SearchDoc): Unit {
  switch (doc.kind) {
    case 'brief':
      return `b:${doc.id}`;
    case 'memo':
      return 'memos';
    case 'entity':
      return 'entities';
    default:
      return `a:${doc.articleId}`;
  }
}

/** The unit a store change concerns (null: nothing search indexes), or 'tags'. */
function unitsOfChange(file: string, articleIds: readonly string[] | undefined): Unit[] | 'tags' | 'all' | null {
  if (file === TAGS_FILE) return 'tags';
  if (file === MEMOS_FILE) return ['memos'];
  const m = /^(articles|annotations|claims|notes|briefs)\/([A-Za-z0-9_-]+)\.json$/.exec(file);
  if (m) return m[1] === 'briefs' ? [`b:${m[2]}`] : [`a:${m[2]}`];
  if (file === 'catalog.json') return articleIds ? articleIds.map((id) => `a:${id}`) : 'all';
  return null;
}

export class SearchService {
  private base: SearchIndex | null = null;
  private dead: Uint8Array = new Uint8Array(0);
  private baseUnits: Map<Unit, number[]> | null = null;
  private readonly overrides = new Map<Unit, SearchDocInput[]>();
  private view: SearchView | null = null;
  private loading: Promise<void> | null = null;
  private readonly pending = new Set<Unit>();
  private resyncAll = false;
  private processing: Promise<void> | null = null;
  private changeSeq = 0;
  private persistedSeq = 0;
  private persistTimer: NodeJS.Timeout | null = null;
  private persisting: Promise<void> | null = null;
  private tagNames = new Map<string, string>();
  private entities: SearchEntity[] = [];
  private aliasOf: ((foldedName: string) => readonly string[]) | null = null;
  private readonly unsubscribe: () => void;
  private closed = false;
  private readonly sources: SearchSources;

  constructor(
    private readonly store: NotebookStore,
    private readonly options: SearchServiceOptions = {},
  ) {
    this.sources = options.sources ?? notebookSources(store);
    this.unsubscribe = store.onChange(({ file, articleIds }) => this.noteChange(file, articleIds));
  }

  get indexPath(): string {
    return join(this.store.cacheDir(), SEARCH_INDEX_FILE);
  }

  /** Stop following the notebook and write pending changes to the cache. */
  async close(): Promise<void> {
    this.unsubscribe();
    if (this.persistTimer) clearTimeout(this.persistTimer);
    this.persistTimer = null;
    if (!this.closed && this.base && this.changeSeq !== this.persistedSeq) await this.persist().catch(() => undefined);
    await this.persisting;
    this.closed = true;
  }

  /**
   * Entities for search (kind 'entity' docs) and for `entity:` filters' aliases. The entity service
   * calls this at open and after each change; until then `entity:NAME` matches the name itself.
   */
  async indexEntities(list: readonly SearchEntity[]): Promise<void> {
    this.entities = list.map((e) => ({ ...e, aliases: [...e.aliases] }));
    const byName = new Map<string, string[]>();
    for (const e of this.entities) {
      const spellings = [e.name, ...e.aliases].map((s) => terms(s).join(' '));
      for (const s of spellings) byName.set(s, [...new Set([...(byName.get(s) ?? []), ...spellings])]);
    }
    this.aliasOf = (name) => byName.get(name) ?? [];
    this.queue(['entities']);
    await this.settled();
  }

  /** The current index as one view (loaded or built first, with every change so far applied). */
  async ensureIndex(): Promise<SearchView> {
    if (!this.base) {
      this.loading ??= this.load().finally(() => {
        this.loading = null;
      });
      await this.loading;
    }
    await this.settled();
    return this.currentView();
  }

  /** Waits until every change noticed so far is in the index. */
  async settled(): Promise<void> {
    while (this.processing) await this.processing;
  }

  async query(query: string, limit = 20): Promise<SearchResponse> {
    const view = await this.ensureIndex();
    const outcome = view.search(parseQuery(query), {
      limit,
      tagName: (id) => this.tagNames.get(id),
      entityAliases: this.aliasOf ?? undefined,
    });
    const results = await Promise.all(
      outcome.hits.map(async (hit): Promise<SearchResult> => {
        const doc = view.doc(hit.doc);
        let body = doc.body;
        if (body === null && doc.articleId) body = (await this.store.getArticle(doc.articleId).catch(() => null))?.text ?? '';
        const snip = makeSnippet(body ?? '', outcome.matchedTerms, outcome.phrases);
        // Highlights and claims jump to their own place; an article to its best match; the others nowhere.
        const target = doc.target ?? (doc.kind === 'article' ? snip.target : null);
        let { snippet, highlights } = snip;
        if (snip.target === null) {
          const titled = makeSnippet(doc.title, outcome.matchedTerms, outcome.phrases);
          if (titled.target || !snippet) ({ snippet, highlights } = titled);
        }
        return {
          kind: doc.kind,
          articleId: doc.articleId,
          id: doc.id,
          title: doc.title,
          outlet: doc.outlet,
          score: Math.round(hit.score * 1000) / 1000,
          snippet,
          highlights,
          target,
        };
      }),
    );
    return { total: outcome.total, results, warnings: outcome.warnings };
  }

  private currentView(): SearchView {
    if (!this.view) {
      const segments: SearchSegment[] = [{ index: this.base!, dead: this.dead }];
      if (this.overrides.size > 0) {
        const b = new SearchIndexBuilder();
        for (const unit of [...this.overrides.keys()].sort()) for (const d of this.overrides.get(unit)!) b.add(d);
        segments.push({ index: b.finish('delta'), dead: null });
      }
      this.view = new SearchView(segments);
    }
    return this.view;
  }

  // ------------------------------------------------------------------ following changes

  private noteChange(file: string, articleIds: readonly string[] | undefined): void {
    const units = unitsOfChange(file.replace(/\\/g, '/'), articleIds);
    if (units === null) return;
    if (units === 'all') this.resyncAll = true;
    this.queue(units === 'all' ? [] : units === 'tags' ? ['tags'] : units);
  }

  private queue(units: readonly Unit[]): void {
    this.changeSeq++;
    for (const u of units) this.pending.add(u);
    // Before the index exists there is nothing to update: loading reads the notebook as it is then.
    if (this.base && !this.processing) this.processing = this.process();
  }

  private async process(): Promise<void> {
    try {
      while (this.pending.size > 0 || this.resyncAll) {
        if (this.resyncAll) {
          this.resyncAll = false;
          for (const u of this.unitsOfBase().keys()) if (u.startsWith('a:')) this.pending.add(u);
          for (const a of this.store.listArticles()) this.pending.add(`a:${a.id}`);
        }
        const units = [...this.pending];
        this.pending.clear();
        if (units.includes('tags')) this.tagNames = await this.readTagNames();
        const docs = await Promise.all(units.filter((u) => u !== 'tags').map(async (u) => [u, await this.docsOfUnit(u)] as const));
        for (const [unit, list] of docs) {
          for (const d of this.unitsOfBase().get(unit) ?? []) this.dead[d] = 1;
          this.overrides.set(unit, list);
        }
        this.view = null;
        this.options.onIndex?.('updated', units.join(' '));
        let deltaDocs = 0;
        for (const list of this.overrides.values()) deltaDocs += list.length;
        if (deltaDocs > (this.options.compactDocs ?? 2000)) this.compact();
      }
    } finally {
      this.processing = null;
    }
    this.schedulePersist();
  }

  /** Merges the delta into the base (in memory). */
  private compact(fingerprint = 'compacted'): void {
    const merged = mergeSegments(this.currentView().segments, fingerprint);
    this.setBase(merged);
    this.options.onIndex?.('compacted', `${merged.docs.length} docs`);
  }

  private setBase(index: SearchIndex): void {
    this.base = index;
    this.dead = new Uint8Array(index.docs.length);
    this.baseUnits = null;
    this.overrides.clear();
    this.view = null;
  }

  private unitsOfBase(): Map<Unit, number[]> {
    if (!this.baseUnits) {
      const map = new Map<Unit, number[]>();
      this.base?.docs.forEach((d, i) => {
        const u = unitOf(d);
        let list = map.get(u);
        if (!list) map.set(u, (list = []));
        list.push(i);
      });
      this.baseUnits = map;
    }
    return this.baseUnits;
  }

  private schedulePersist(): void {
    if (this.closed || this.changeSeq === this.persistedSeq) return;
    if (this.persistTimer) clearTimeout(this.persistTimer);
    this.persistTimer = setTimeout(() => {
      this.persistTimer = null;
      void this.persist().catch(() => undefined);
    }, this.options.persistDelayMs ?? Math.max(3000, this.base?.docs.length ?? 0));
    // The cache is an optimisation: it must never keep a CLI process alive.
    this.persistTimer.unref();
  }

  /** Writes the index to the cache, merged, with the fingerprint of the notebook as it is now. */
  async persist(): Promise<void> {
    if (this.persisting) return this.persisting;
    this.persisting = (async () => {
      await this.settled();
      const seq = this.changeSeq;
      const fingerprint = await computeFingerprint(this.store);
      await this.settled();
      // A change landed while the files were looked at: the fingerprint may not match; try later.
      if (seq !== this.changeSeq) return this.schedulePersist();
      const merged = mergeSegments(this.currentView().segments, fingerprint);
      this.setBase(merged);
      await writeFileDurably(this.indexPath, merged.serialize());
      this.persistedSeq = seq;
      this.options.onIndex?.('written', this.indexPath);
    })().finally(() => {
      this.persisting = null;
    });
    return this.persisting;
  }

  private async readTagNames(): Promise<Map<string, string>> {
    return new Map((await this.store.listTags()).map((t) => [t.id, t.name]));
  }

  /** The docs a unit has now (none when it was deleted). */
  private async docsOfUnit(unit: Unit): Promise<SearchDocInput[]> {
    if (unit.startsWith('a:')) {
      const id = unit.slice(2);
      if (!this.store.getArticleSummary(id)) return [];
      try {
        return await readArticleDocs(this.store, id, this.sources);
      } catch (error) {
        if (error instanceof DossierError && error.code === 'not-found') return [];
        throw error;
      }
    }
    if (unit.startsWith('b:')) {
      const brief = await this.store.getBrief(unit.slice(2)).catch(() => null);
      return brief ? [briefDoc(brief)] : [];
    }
    if (unit === 'memos') return memoDocs(this.sources);
    if (unit === 'entities') return entityDocs(this.entities);
    return [];
  }

  // ------------------------------------------------------------------ loading and full builds

  private async load(): Promise<void> {
    this.tagNames = await this.readTagNames();
    // Changes from here on are applied after the load, whatever it finds.
    this.pending.clear();
    const seq = this.changeSeq;
    const fingerprint = await computeFingerprint(this.store);
    let state: 'built' | 'rebuilt-corrupt' | 'rebuilt-stale' = 'built';
    let why = 'no index in the cache';
    let bytes: Uint8Array | null = null;
    try {
      bytes = await readFile(this.indexPath);
    } catch {
      // No cache yet.
    }
    if (bytes) {
      try {
        const cached = SearchIndex.deserialize(bytes);
        if (cached.fingerprint === fingerprint) {
          this.setBase(cached);
          this.persistedSeq = seq;
          this.options.onIndex?.('loaded', this.indexPath);
          return this.afterLoad();
        }
        state = 'rebuilt-stale';
        why = 'the notebook changed since the index was written';
      } catch (error) {
        state = 'rebuilt-corrupt';
        why = `${this.indexPath}: ${(error as Error).message}`;
      }
    }
    let index: SearchIndex;
    try {
      index = await this.buildFull(fingerprint, true);
    } catch (error) {
      // A worker that died mid-build (out of memory...) costs time, not the index: build here instead.
      if (!(error instanceof WorkerFailure)) throw error;
      index = await this.buildFull(fingerprint, false);
    }
    this.setBase(index);
    try {
      this.emitProgress('writing', 0, 1);
      await writeFileDurably(this.indexPath, index.serialize());
      this.persistedSeq = seq;
    } catch (error) {
      // The cache is an optimisation: a read-only notebook still searches, it just rebuilds next time.
      why += `; the index could not be written to ${this.indexPath} (${(error as Error).message})`;
    }
    this.emitProgress('done', 1, 1);
    this.options.onIndex?.(state, why);
    return this.afterLoad();
  }

  private afterLoad(): void {
    if (this.entities.length > 0) this.pending.add('entities');
    if (this.pending.size > 0 || this.resyncAll) this.processing ??= this.process();
  }

  private emitProgress(phase: 'reading' | 'indexing' | 'writing' | 'done', done: number, total: number): void {
    this.options.emit?.({ type: 'search.progress', phase, done, total });
  }

  /** Every doc of the notebook, from the store, in catalogue order; then briefs, memos, entities. */
  private async buildFull(fingerprint: string, useWorker: boolean): Promise<SearchIndex> {
    const sink = await this.openSink(useWorker);
    const summaries = this.store.listArticles().slice();
    const total = summaries.length;
    const noted = await notedArticles(this.store);
    this.emitProgress('reading', 0, total);
    const CHUNK = 32;
    let lastEmit = 0;
    for (let i = 0; i < summaries.length; i += CHUNK) {
      const chunk = await Promise.all(summaries.slice(i, i + CHUNK).map((s) => readArticleDocs(this.store, s.id, this.sources, noted)));
      await sink.add(chunk.flat());
      const done = Math.min(total, i + CHUNK);
      if (Date.now() - lastEmit > 100 || done === total) {
        lastEmit = Date.now();
        this.emitProgress('indexing', done, total);
      }
    }
    const extra: SearchDocInput[] = [];
    for (const b of await this.store.listBriefs()) extra.push(briefDoc(b));
    extra.push(...(await memoDocs(this.sources)), ...entityDocs(this.entities));
    if (extra.length) await sink.add(extra);
    return sink.finish(fingerprint);
  }

  /** A worker when one can start, else this thread (yielding between batches). */
  private async openSink(useWorker: boolean): Promise<DocSink> {
    const wanted = useWorker && (this.options.worker ?? process.env.DOSSIER_SEARCH_WORKER !== '0');
    if (wanted) {
      const spec = locateWorker('search-worker', import.meta.url);
      if (spec) {
        try {
          return await WorkerSink.start(spec);
        } catch {
          // Workers cannot run here: build on this thread.
        }
      }
    }
    return new InThreadSink();
  }
}

// ------------------------------------------------------------------ docs of each unit

/** The docs of one article: the article itself, then its highlights, claims and note. Tags are kept as ids. */
export function docsForArticle(
  article: { id: string; title: string; outlet: string | null; byline: string | null; publishedAt: string | null; text: string },
  annotations: readonly Annotation[],
  claims: readonly Claim[],
  note: string | null = null,
): SearchDocInput[] {
  const base = { articleId: article.id, title: article.title, outlet: article.outlet, publishedAt: article.publishedAt };
  const allTags = [...new Set([...annotations.flatMap((a) => a.tags), ...claims.flatMap((c) => c.tags)])];
  const docs: SearchDocInput[] = [
    {
      ...base, kind: 'article', id: null, tags: allTags, status: null, claimKind: null, target: null,
      header: [article.title, article.outlet ?? '', article.byline ?? ''], body: article.text, keepBody: false,
    },
  ];
  for (const a of annotations) {
    const comment = richTextToPlain(a.comment);
    docs.push({
      ...base, kind: 'highlight', id: a.id, tags: a.tags, status: null, claimKind: null,
      target: { start: a.target.start, end: a.target.end }, header: [], body: comment ? `${a.target.exact}\n${comment}` : a.target.exact, keepBody: true,
    });
  }
  for (const c of claims) {
    docs.push({
      ...base, kind: 'claim', id: c.id, tags: c.tags, status: c.status, claimKind: c.kind,
      target: { start: c.target.start, end: c.target.end }, header: [c.speaker ?? ''],
      body: [c.statement, c.target.exact !== c.statement ? c.target.exact : '', c.note].filter(Boolean).join('\n'), keepBody: true,
    });
  }
  if (note && note.trim()) {
    docs.push({ ...base, kind: 'note', id: null, tags: [], status: null, claimKind: null, target: null, header: [], body: note, keepBody: true });
  }
  return docs;
}

/**
 * `noted`: ids of articles with a note file (listed once for a full build, so 10,000 articles do
 * not cost 10,000 failed opens); undefined: ask the source.
 */
async function readArticleDocs(store: NotebookStore, id: string, sources: SearchSources | undefined, noted?: ReadonlySet<string>): Promise<SearchDocInput[]> {
  const askNote = sources?.articleNote && (!noted || noted.has(id));
  const [article, annotations, claims, note] = await Promise.all([
    store.getArticle(id),
    store.listAnnotations(id),
    store.listClaims(id),
    askNote ? sources.articleNote!(id).catch(() => null) : Promise.resolve(null),
  ]);
  return docsForArticle(article, annotations, claims, note);
}

function briefDoc(brief: Brief): SearchDocInput {
  return {
    kind: 'brief', articleId: null, id: brief.id, title: brief.title || 'Untitled brief', outlet: null, publishedAt: null, tags: [],
    status: null, claimKind: null, target: null, header: [brief.title], body: richTextToPlain(brief.doc), keepBody: true,
  };
}

async function notedArticles(store: NotebookStore): Promise<Set<string>> {
  try {
    return new Set((await readdir(join(store.dir, NOTES_DIR))).filter((n) => n.endsWith('.json')).map((n) => n.slice(0, -5)));
  } catch {
    return new Set();
  }
}

async function memoDocs(sources: SearchSources | undefined): Promise<SearchDocInput[]> {
  if (!sources?.memos) return [];
  const memos = await sources.memos().catch(() => []);
  return memos.map((m) => ({
    kind: 'memo', articleId: null, id: m.id, title: m.title || 'Memo', outlet: null, publishedAt: null, tags: [],
    status: null, claimKind: null, target: null, header: [m.title], body: m.text, keepBody: true,
  }));
}

function entityDocs(entities: readonly SearchEntity[]): SearchDocInput[] {
  return entities.map((e) => ({
    kind: 'entity', articleId: null, id: e.id, title: e.name, outlet: null, publishedAt: null, tags: [],
    status: null, claimKind: e.type ?? null, target: null, header: [e.name], body: e.aliases.join('\n'), keepBody: true,
  }));
}

/** A full build from the store on this thread (tests, benchmarks, the CLI's fallback). */
export async function buildIndexFromStore(store: NotebookStore, fingerprint: string, sources: SearchSources = notebookSources(store)): Promise<SearchIndex> {
  const builder = new SearchIndexBuilder();
  // Read a few articles at a time but add them in catalogue order, so doc numbers are stable.
  const summaries = store.listArticles().slice();
  const noted = await notedArticles(store);
  const CHUNK = 32;
  for (let i = 0; i < summaries.length; i += CHUNK) {
    const chunk = await Promise.all(summaries.slice(i, i + CHUNK).map((s) => readArticleDocs(store, s.id, sources, noted)));
    for (const docs of chunk) for (const d of docs) builder.add(d);
  }
  for (const b of await store.listBriefs()) builder.add(briefDoc(b));
  for (const m of await memoDocs(sources)) builder.add(m);
  return builder.finish(fingerprint);
}

// ------------------------------------------------------------------ fingerprint

/**
 * What the index depends on: the catalogue's indexed fields, and name, size and mtime of every
 * record file (every durable write renames a new file into place, so its mtime changes).
 */
export async function computeFingerprint(store: NotebookStore): Promise<string> {
  const h = createHash('sha256');
  h.update(`v2\n`);
  for (const a of store.listArticles()) {
    h.update(JSON.stringify([a.id, a.contentHash, a.title, a.outlet, a.byline, a.publishedAt]));
    h.update('\n');
  }
  for (const folder of [ANNOTATIONS_DIR, CLAIMS_DIR, NOTES_DIR, BRIEFS_DIR]) {
    let names: string[] = [];
    try {
      names = (await readdir(join(store.dir, folder))).filter((n) => n.endsWith('.json')).sort();
    } catch {
      // No folder yet: no records.
    }
    const stamps = await Promise.all(names.map((name) => stat(join(store.dir, folder, name)).catch(() => null)));
    names.forEach((name, i) => {
      const s = stamps[i];
      h.update(`${folder}/${name}:${s ? `${s.size}:${s.mtimeMs}` : '-'}\n`);
    });
  }
  for (const file of [TAGS_FILE, MEMOS_FILE]) {
    const s = await stat(join(store.dir, file)).catch(() => null);
    h.update(`${file}:${s ? `${s.size}:${s.mtimeMs}` : '-'}\n`);
  }
  return h.digest('hex');
}

// ------------------------------------------------------------------ where full builds run

class WorkerFailure extends Error {}

interface DocSink {
  add(docs: SearchDocInput[]): Promise<void>;
  finish(fingerprint: string): Promise<SearchIndex>;
}

class InThreadSink implements DocSink {
  private readonly builder = new SearchIndexBuilder();
  async add(docs: SearchDocInput[]): Promise<void> {
    for (const d of docs) this.builder.add(d);
    // Let other work (API calls, events) run between batches.
    await new Promise((r) => setImmediate(r));
  }
  async finish(fingerprint: string): Promise<SearchIndex> {
    return this.builder.finish(fingerprint);
  }
}

/** At most this many batches travel to the worker unacknowledged, so the corpus never queues in messages. */
const IN_FLIGHT = 4;

class WorkerSink implements DocSink {
  private batch = 0;
  private acked = 0;
  private waiters: (() => void)[] = [];
  private failure: Error | null = null;
  private built: ((bytes: Uint8Array) => void) | null = null;

  private constructor(private readonly worker: Worker) {}

  static async start(spec: WorkerSpec): Promise<WorkerSink> {
    const worker = new Worker(await workerEntryFile(spec, 'search-worker'));
    const sink = new WorkerSink(worker);
    // Named listeners, removed one by one: Worker keeps internal listeners that removeAllListeners would drop.
    worker.on('message', sink.onMessage);
    worker.on('error', sink.onError);
    worker.on('exit', sink.onExit);
    try {
      await sink.waitFor(() => sink.ready);
    } catch (error) {
      await sink.stop();
      throw error;
    }
    return sink;
  }

  private ready = false;
  private readonly onError = (e: Error): void => this.fail(e);
  private readonly onExit = (code: number): void => this.fail(new Error(`the search worker stopped (exit code ${code})`));

  private async stop(): Promise<void> {
    this.worker.off('message', this.onMessage);
    this.worker.off('error', this.onError);
    this.worker.off('exit', this.onExit);
    await this.worker.terminate();
  }

  private readonly onMessage = (m: SearchWorkerReply): void => {
    if (m.type === 'ready') this.ready = true;
    else if (m.type === 'added') this.acked = m.batch;
    else if (m.type === 'built') this.built?.(m.bytes);
    else if (m.type === 'failed') this.fail(new Error(m.message));
    this.wake();
  };

  private fail(error: Error): void {
    this.failure ??= new WorkerFailure(error.message);
    this.wake();
  }

  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }

  async waitFor(ready: () => boolean): Promise<void> {
    while (!ready()) {
      if (this.failure) throw this.failure;
      await new Promise<void>((r) => this.waiters.push(r));
    }
    if (this.failure) throw this.failure;
  }

  async add(docs: SearchDocInput[]): Promise<void> {
    await this.waitFor(() => this.batch - this.acked < IN_FLIGHT);
    this.worker.postMessage({ type: 'add', batch: ++this.batch, docs } satisfies SearchWorkerRequest);
  }

  async finish(fingerprint: string): Promise<SearchIndex> {
    try {
      let bytes: Uint8Array | null = null;
      this.built = (b) => (bytes = b);
          this.worker.postMessage({ type: 'finish', fingerprint } satisfies SearchWorkerRequest);
      await this.waitFor(() => bytes !== null);
      return SearchIndex.deserialize(bytes!);
    } finally {
      await this.stop();
    }
  }
}

