/**
 * Search over one open notebook: the index lives in `cache/search-index.bin`, is loaded at first
 * use, and is trusted only when its format version and fingerprint match the notebook now. A stale,
 * corrupt or missing cache is rebuilt from the store (and rewritten), never used.
 *
 * The fingerprint covers the catalogue (ids, content hashes and the metadata that is indexed), the
 * highlight and claim shard files (name, size, mtime) and tags.json, so a change made while Dossier
 * was closed (or by the CLI) is noticed. Within a session, a cheap check (catalogue identity and the
 * folders' mtimes, which every durable write changes by its rename) decides when to look again.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { richTextToPlain } from '../../shared/text/rich-text';
import type { SearchResponse } from '../../shared/api/contract';
import type { Annotation, Claim } from '../../shared/model/schemas';
import { parseQuery } from '../../shared/search/query';
import { SearchIndex, SearchIndexBuilder, type SearchDocInput } from '../../shared/search/search-index';
import { makeSnippet } from '../../shared/search/snippet';
import { writeFileDurably } from '../store/durable-file';
import { ANNOTATIONS_DIR, CLAIMS_DIR, TAGS_FILE, type NotebookStore } from '../store/notebook-store';

export const SEARCH_INDEX_FILE = 'search-index.bin';

export type IndexState = 'loaded' | 'built' | 'rebuilt-stale' | 'rebuilt-corrupt' | 'current';

export interface SearchServiceOptions {
  /** Told why the index was (re)built or loaded; for logs and tests. */
  onIndex?: (state: IndexState, detail: string) => void;
}

export class SearchService {
  private index: SearchIndex | null = null;
  private quickKey: string | null = null;
  private loading: Promise<SearchIndex> | null = null;

  constructor(
    private readonly store: NotebookStore,
    private readonly options: SearchServiceOptions = {},
  ) {}

  get indexPath(): string {
    return join(this.store.cacheDir(), SEARCH_INDEX_FILE);
  }

  /** The index, loaded from the cache or (re)built; rebuilt when the notebook changed since. */
  async ensureIndex(): Promise<SearchIndex> {
    if (this.loading) return this.loading;
    const quick = await this.quickKeyNow();
    if (this.index && quick === this.quickKey) return this.index;
    this.loading = (async () => {
      try {
        const fingerprint = await this.fingerprint();
        if (this.index?.fingerprint === fingerprint) {
          this.quickKey = quick;
          this.options.onIndex?.('current', 'unchanged');
          return this.index;
        }
        this.index = this.index ? await this.rebuild(fingerprint, 'rebuilt-stale', 'the notebook changed') : await this.loadOrBuild(fingerprint);
        this.quickKey = quick;
        return this.index;
      } finally {
        this.loading = null;
      }
    })();
    return this.loading;
  }

  /** Forget the in-memory index so the next query checks the notebook again. */
  invalidate(): void {
    this.quickKey = null;
  }

  async query(query: string, limit = 20): Promise<SearchResponse> {
    const index = await this.ensureIndex();
    const outcome = index.search(parseQuery(query), { limit });
    const results = await Promise.all(
      outcome.hits.map(async (hit) => {
        const doc = index.docs[hit.doc]!;
        let body = doc.body;
        if (body === null) body = (await this.store.getArticle(doc.articleId)).text;
        const snip = makeSnippet(body, outcome.matchedTerms, outcome.phrases);
        // Highlights and claims jump to their own place; an article to its best match.
        const target = doc.target ?? snip.target;
        let { snippet, highlights } = snip;
        if (doc.kind === 'article' && snip.target === null) {
          const titled = makeSnippet(doc.title, outcome.matchedTerms, outcome.phrases);
          if (titled.target) ({ snippet, highlights } = titled);
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

  private async loadOrBuild(fingerprint: string): Promise<SearchIndex> {
    let bytes: Uint8Array;
    try {
      bytes = await readFile(this.indexPath);
    } catch {
      return this.rebuild(fingerprint, 'built', 'no index in the cache');
    }
    let cached: SearchIndex;
    try {
      cached = SearchIndex.deserialize(bytes);
    } catch (error) {
      return this.rebuild(fingerprint, 'rebuilt-corrupt', `${this.indexPath}: ${(error as Error).message}`);
    }
    if (cached.fingerprint !== fingerprint) return this.rebuild(fingerprint, 'rebuilt-stale', 'the notebook changed since the index was written');
    this.options.onIndex?.('loaded', this.indexPath);
    return cached;
  }

  private async rebuild(fingerprint: string, state: IndexState, why: string): Promise<SearchIndex> {
    const index = await buildIndexFromStore(this.store, fingerprint);
    try {
      await writeFileDurably(this.indexPath, index.serialize());
    } catch (error) {
      // The cache is an optimisation: a read-only notebook still searches, it just rebuilds next time.
      why += `; the index could not be written to ${this.indexPath} (${(error as Error).message})`;
    }
    this.options.onIndex?.(state, why);
    return index;
  }

  private async quickKeyNow(): Promise<string> {
    const stamps = await Promise.all(
      [ANNOTATIONS_DIR, CLAIMS_DIR, TAGS_FILE].map(async (name) => {
        try {
          const s = await stat(join(this.store.dir, name));
          return `${s.mtimeMs}:${s.size}`;
        } catch {
          return '-';
        }
      }),
    );
    return `${catalogueIdentity(this.store)}|${stamps.join('|')}`;
  }

  private async fingerprint(): Promise<string> {
    const h = createHash('sha256');
    h.update(`v1\n`);
    for (const a of this.store.listArticles()) {
      h.update(JSON.stringify([a.id, a.contentHash, a.title, a.outlet, a.byline, a.publishedAt]));
      h.update('\n');
    }
    for (const folder of [ANNOTATIONS_DIR, CLAIMS_DIR]) {
      let names: string[] = [];
      try {
        names = (await readdir(join(this.store.dir, folder))).filter((n) => n.endsWith('.json')).sort();
      } catch {
        // No folder yet: no records.
      }
      for (const name of names) {
        const s = await stat(join(this.store.dir, folder, name)).catch(() => null);
        h.update(`${folder}/${name}:${s ? `${s.size}:${s.mtimeMs}` : '-'}\n`);
      }
    }
    const tags = await stat(join(this.store.dir, TAGS_FILE)).catch(() => null);
    h.update(`tags:${tags ? `${tags.size}:${tags.mtimeMs}` : '-'}\n`);
    return h.digest('hex');
  }
}

/** Identity of the catalogue array: the store replaces it on every change. */
const catalogueIds = new WeakMap<object, number>();
let nextCatalogueId = 1;
function catalogueIdentity(store: NotebookStore): number {
  const list = store.listArticles();
  let id = catalogueIds.get(list);
  if (id === undefined) catalogueIds.set(list, (id = nextCatalogueId++));
  return id;
}


/** The docs of one article: the article itself, then its highlights and claims. */
export function docsForArticle(
  article: { id: string; title: string; outlet: string | null; byline: string | null; publishedAt: string | null; text: string },
  annotations: readonly Annotation[],
  claims: readonly Claim[],
  tagNames: ReadonlyMap<string, string>,
): SearchDocInput[] {
  const names = (ids: readonly string[]): string[] => ids.map((id) => tagNames.get(id)).filter((n): n is string => n !== undefined);
  const base = { articleId: article.id, title: article.title, outlet: article.outlet, publishedAt: article.publishedAt };
  const allTags = [...new Set([...annotations.flatMap((a) => a.tags), ...claims.flatMap((c) => c.tags)])];
  const docs: SearchDocInput[] = [
    {
      ...base, kind: 'article', id: null, tags: names(allTags), status: null, claimKind: null, target: null,
      header: [article.title, article.outlet ?? '', article.byline ?? ''], body: article.text, keepBody: false,
    },
  ];
  for (const a of annotations) {
    const comment = richTextToPlain(a.comment);
    docs.push({
      ...base, kind: 'highlight', id: a.id, tags: names(a.tags), status: null, claimKind: null,
      target: { start: a.target.start, end: a.target.end }, header: [], body: comment ? `${a.target.exact}\n${comment}` : a.target.exact, keepBody: true,
    });
  }
  for (const c of claims) {
    docs.push({
      ...base, kind: 'claim', id: c.id, tags: names(c.tags), status: c.status, claimKind: c.kind,
      target: { start: c.target.start, end: c.target.end }, header: [c.speaker ?? ''],
      body: [c.statement, c.target.exact !== c.statement ? c.target.exact : '', c.note].filter(Boolean).join('\n'), keepBody: true,
    });
  }
  return docs;
}

export async function buildIndexFromStore(store: NotebookStore, fingerprint: string): Promise<SearchIndex> {
  const tagNames = new Map((await store.listTags()).map((t) => [t.id, t.name]));
  const builder = new SearchIndexBuilder();
  // Read a few articles at a time but add them in catalogue order, so doc numbers are stable.
  const summaries = store.listArticles().slice();
  const CHUNK = 32;
  for (let i = 0; i < summaries.length; i += CHUNK) {
    const chunk = await Promise.all(
      summaries.slice(i, i + CHUNK).map(async (s) => {
        const [article, annotations, claims] = await Promise.all([store.getArticle(s.id), store.listAnnotations(s.id), store.listClaims(s.id)]);
        return docsForArticle(article, annotations, claims, tagNames);
      }),
    );
    for (const docs of chunk) for (const d of docs) builder.add(d);
  }
  return builder.finish(fingerprint);
}
