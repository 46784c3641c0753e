/**
 * Sources derived from the notebook: every outlet that published an article, and every originator
 * an article attributes its information to ("reported by the state news agency X", "according to
 * the Ministry of Defence"). They are kept in sources.json next to the analyst's grades; a sync only
 * ever adds sources, so grades, notes and aliases survive. Names are matched case- and
 * diacritic-folded, through each source's aliases, and without generic tails, so "Zaria News
 * Agency", "zaria news agency" and "Zaria" are one source.
 *
 * Finding originators means reading article bodies, so what was found is cached per article
 * (keyed by its content hash) in `cache/originators.json`: a sync after one import reads one body.
 * It is derived data, so it lives in the cache folder: a missing or unreadable file is recomputed,
 * and writing it never tells the search index or the entity service that the notebook changed.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Origin } from '../../shared/api/methods/claims';
import { DossierError } from '../../shared/api/result';
import { findOriginators, originKey } from '../../shared/analysis';
import type { ArticleSummary, Source } from '../../shared/model/schemas';
import { join } from 'node:path';
import { DurableJSONFile } from '../store/durable-file';
import type { NotebookStore } from '../store/notebook-store';

/** Case, diacritics, punctuation and a leading "the" do not tell two source names apart. */
export function foldSourceName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .replace(/^the /, '');
}

/** An article's origins: where its information comes from, as far as the text says. */
export interface ArticleOrigins {
  outlet: Source | null;
  originators: Source[];
  /** Its originators if it names any, else its outlet, else the article itself (one origin of its own). */
  origins: Origin[];
}

const OriginatorCache = z.object({
  /** Bumped when the originator finder changes, so old findings are recomputed. */
  version: z.number().int(),
  articles: z.record(z.string(), z.object({ hash: z.string(), names: z.array(z.string()) })),
});
type OriginatorCache = z.infer<typeof OriginatorCache>;
const CACHE_VERSION = 1;
const ORIGINATOR_CACHE_FILE = 'originators.json';

/** How many article bodies are read at once when originators are found for the first time. */
const READ_CONCURRENCY = 8;

export class SourceRegistry {
  private readonly cacheFile: DurableJSONFile<OriginatorCache>;
  /** Syncs and edits run one at a time, so two concurrent syncs never add the same source twice. */
  private tail: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: NotebookStore,
    private readonly findNames: (text: string) => string[] = defaultFindNames,
  ) {
    this.cacheFile = new DurableJSONFile(join(store.cacheDir(), ORIGINATOR_CACHE_FILE), OriginatorCache, { indent: 0 });
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.tail.then(task, task);
    this.tail = run.catch(() => undefined);
    return run;
  }

  /** Adds a source for every outlet and originator not yet known; returns every source. */
  sync(): Promise<Source[]> {
    return this.serial(async () => (await this.syncUnlocked()).sources);
  }

  /** Every article's origins after a sync. */
  async originsByArticle(): Promise<Map<string, ArticleOrigins>> {
    const { sources, originatorNames } = await this.serial(() => this.syncUnlocked());
    const index = indexSources(sources);
    const out = new Map<string, ArticleOrigins>();
    for (const summary of this.store.listArticles()) {
      out.set(summary.id, originsOf(summary, originatorNames.get(summary.id) ?? [], index));
    }
    return out;
  }

  async originsOfArticle(articleId: string): Promise<ArticleOrigins> {
    const summary = this.store.getArticleSummary(articleId);
    if (!summary) throw new DossierError('not-found', `No article with id ${articleId}.`);
    const all = await this.originsByArticle();
    return all.get(articleId)!;
  }

  create(name: string, kind: Source['kind'] = 'outlet'): Promise<Source> {
    return this.serial(async () => {
      const sources = await this.store.listSources();
      const existing = indexSources(sources).find(name);
      if (existing) return existing;
      if (foldSourceName(name) === '') throw new DossierError('invalid-input', `"${name}" is not a source name: it has no letters or digits.`);
      const source = newSource(name.trim(), kind);
      await this.store.putSource(source);
      return source;
    });
  }

  update(id: string, patch: Partial<Pick<Source, 'name' | 'reliability' | 'stateAffiliated' | 'notes' | 'aliases'>>): Promise<Source> {
    return this.serial(async () => {
      const sources = await this.store.listSources();
      const current = sources.find((s) => s.id === id);
      if (!current) throw new DossierError('not-found', `No source with id ${id}.`);
      const next: Source = { ...current, ...patch };
      if (patch.aliases) next.aliases = dedupeNames(patch.aliases.filter((a) => foldSourceName(a) !== foldSourceName(next.name)));
      // A rename or an alias must not make two sources answer to one name: derivation would pick either.
      const others = indexSources(sources.filter((s) => s.id !== id));
      for (const name of [next.name, ...next.aliases]) {
        const clash = others.named(name);
        if (clash) {
          throw new DossierError('conflict', `"${name}" already names the source "${clash.name}"; add it as an alias there or rename that source first.`);
        }
      }
      if (patch.name !== undefined && foldSourceName(patch.name) !== foldSourceName(current.name)) {
        // Keep the old name as an alias so the outlet or originator it was derived from still finds it.
        next.aliases = dedupeNames([...next.aliases, current.name]);
      }
      await this.store.putSource(next);
      return next;
    });
  }

  /**
   * One source found under two names ("ZNA" and "Zaria"): `from` becomes aliases of `into` and is
   * removed. `into` keeps its grade; notes are joined; state affiliation is kept if either had it.
   */
  merge(fromId: string, intoId: string): Promise<Source> {
    return this.serial(async () => {
      if (fromId === intoId) throw new DossierError('invalid-input', 'A source cannot be merged into itself.');
      const sources = await this.store.listSources();
      const from = sources.find((s) => s.id === fromId);
      const into = sources.find((s) => s.id === intoId);
      if (!from) throw new DossierError('not-found', `No source with id ${fromId}.`);
      if (!into) throw new DossierError('not-found', `No source with id ${intoId}.`);
      const next: Source = {
        ...into,
        reliability: into.reliability ?? from.reliability,
        stateAffiliated: into.stateAffiliated || from.stateAffiliated,
        notes: [into.notes, from.notes].filter((n) => n.trim() !== '').join('\n\n'),
        aliases: dedupeNames([...into.aliases, from.name, ...from.aliases].filter((a) => foldSourceName(a) !== foldSourceName(into.name))),
      };
      // The merged record lands before the old one goes: a crash in between leaves a duplicate, never a loss.
      await this.store.putSource(next);
      await this.store.deleteSource(fromId);
      return next;
    });
  }

  private async syncUnlocked(): Promise<{ sources: Source[]; originatorNames: Map<string, string[]> }> {
    const articles = this.store.listArticles();
    const originatorNames = await this.originatorNames(articles);
    const sources = await this.store.listSources();
    const index = indexSources(sources);
    const added: Source[] = [];
    const ensure = (name: string, kind: Source['kind']): void => {
      if (foldSourceName(name) === '' || index.find(name)) return;
      const source = newSource(name.trim(), kind);
      index.add(source.name, source);
      added.push(source);
    };
    for (const a of articles) if (a.outlet) ensure(a.outlet, 'outlet');
    for (const a of articles) for (const name of originatorNames.get(a.id) ?? []) ensure(name, 'originator');
    await this.store.putSources(added);
    return { sources: [...sources, ...added], originatorNames };
  }

  /** Originator names per article, from the cache or by reading the bodies not seen before. */
  private async originatorNames(articles: readonly ArticleSummary[]): Promise<Map<string, string[]>> {
    const cache = await this.readCache();
    const fresh = cache.version === CACHE_VERSION ? cache.articles : {};
    const out = new Map<string, string[]>();
    const missing: ArticleSummary[] = [];
    for (const a of articles) {
      const hit = fresh[a.id];
      if (hit && hit.hash === a.contentHash) out.set(a.id, hit.names);
      else missing.push(a);
    }
    const stale = cache.version !== CACHE_VERSION || Object.keys(fresh).some((id) => !this.store.getArticleSummary(id));
    if (missing.length === 0 && !stale) return out;
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < missing.length) {
        const a = missing[next++]!;
        const article = await this.store.getArticle(a.id);
        out.set(a.id, dedupeNames(this.findNames(article.text)));
      }
    };
    await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, missing.length) }, worker));
    const merged: OriginatorCache['articles'] = {};
    for (const a of articles) {
      const names = out.get(a.id);
      if (names) merged[a.id] = { hash: a.contentHash, names };
    }
    // Runs inside serial(): one writer. A failed write only costs re-reading those bodies next time.
    await this.cacheFile.write({ version: CACHE_VERSION, articles: merged }).catch(() => undefined);
    return out;
  }

  private async readCache(): Promise<OriginatorCache> {
    try {
      return (await this.cacheFile.read()) ?? { version: CACHE_VERSION, articles: {} };
    } catch {
      // Unreadable derived data is recomputed, never trusted (and never reported as a notebook problem).
      return { version: CACHE_VERSION, articles: {} };
    }
  }
}

function defaultFindNames(text: string): string[] {
  return findOriginators(text).map((o) => o.name);
}

function newSource(name: string, kind: Source['kind']): Source {
  return { id: randomUUID(), name, reliability: null, stateAffiliated: false, notes: '', kind, aliases: [] };
}

function dedupeNames(names: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const name of names) {
    const key = foldSourceName(name);
    if (key === '' || seen.has(key)) continue;
    seen.add(key);
    out.push(name.trim());
  }
  return out;
}

/**
 * Sources by name: the folded name (or alias) first, then the name without a generic tail
 * ("Zaria News Agency" finds "Zaria"), as the independence count compares origins.
 */
export class SourceIndex {
  private readonly exact = new Map<string, Source>();
  private readonly loose = new Map<string, Source>();

  constructor(sources: readonly Source[] = []) {
    for (const s of sources) for (const name of [s.name, ...s.aliases]) this.add(name, s);
  }

  /** The first source to claim a name keeps it. */
  add(name: string, source: Source): void {
    const key = foldSourceName(name);
    if (key === '') return;
    if (!this.exact.has(key)) this.exact.set(key, source);
    const loose = originKey(name);
    if (loose !== '' && !this.loose.has(loose)) this.loose.set(loose, source);
  }

  /** The source this exact name (folded) belongs to. */
  named(name: string): Source | undefined {
    return this.exact.get(foldSourceName(name));
  }

  /** The source a name denotes: exactly, else without its generic tail. */
  find(name: string): Source | undefined {
    return this.named(name) ?? this.loose.get(originKey(name));
  }
}

export function indexSources(sources: readonly Source[]): SourceIndex {
  return new SourceIndex(sources);
}

export function originsOf(summary: ArticleSummary, originatorNames: readonly string[], index: SourceIndex): ArticleOrigins {
  const outlet = summary.outlet ? (index.find(summary.outlet) ?? null) : null;
  const originators: Source[] = [];
  for (const name of originatorNames) {
    const s = index.find(name);
    if (s && !originators.some((o) => o.id === s.id)) originators.push(s);
  }
  const origins: Origin[] =
    originators.length > 0
      ? originators.map((s) => ({ key: `source:${s.id}`, sourceId: s.id, name: s.name }))
      : outlet
        ? [{ key: `source:${outlet.id}`, sourceId: outlet.id, name: outlet.name }]
        : [{ key: `article:${summary.id}`, sourceId: null, name: summary.title }];
  return { outlet, originators, origins };
}
