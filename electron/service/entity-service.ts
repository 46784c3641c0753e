/**
 * Entities over one open notebook, kept up to date incrementally.
 *
 * - Per article, the extraction (entity mentions and dated events) is cached in
 *   `cache/entities/<articleId>.json`, keyed by the extractor version and the article's content hash,
 *   publication date (relative dates resolve against it) and noise ranges (skipped). A cache file
 *   whose key differs, or that cannot be read or validated, is recomputed and rewritten, never trusted.
 * - `store.onChange` marks the service stale; the next sync compares every article's key with the one
 *   it holds and re-extracts only the articles whose key changed (an import, a text edit), so one
 *   import never redoes the notebook. The alias index (EntityIndex/AliasIndex) takes only the new names.
 * - The analyst's decisions (confirm / reject a proposal, split a spelling off) live in the notebook's
 *   `entities.json` and apply to entities, proposals, discrepancies and search's `entity:` filter.
 * The first sync is lazy (the first entity call); after that, changes are followed in the background.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { DossierEvent } from '../../shared/api/contract';
import { TimelineEvent as TimelineEventSchema } from '../../shared/api/methods/entities';
import { DossierError } from '../../shared/api/result';
import {
  type AliasDecision,
  type AliasProposal,
  type Discrepancy,
  type Mention,
  type MergeGroup,
  type TimelineEvent,
  EntityIndex,
  entityId,
  extractEntities,
  extractEvents,
  findDiscrepancies,
  foldName,
  proposalId,
  sentenceAt,
  splitSentences,
  type Sentence,
} from '../../shared/analysis';
import { type ArticleSummary, type Claim, type Entity, EntityKind, IsoDate } from '../../shared/model/schemas';
import type { NotebookStore, StoreDocument } from '../store/notebook-store';

/** Bump when extraction or event rules change: every cache file is then recomputed. */
export const ENTITY_EXTRACTOR_VERSION = 1;
export const ENTITY_CACHE_FOLDER = 'entities';
export const ENTITY_DECISIONS_FILE = 'entities.json';

const NAME_KINDS: readonly Entity['kind'][] = ['person', 'organization', 'place', 'other'];

/** What a cached mention holds (checked by hand in readCache, for speed; the schema documents it). */
export const CachedMention = z.object({
  kind: EntityKind,
  text: z.string(),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  normalized: z.string(),
  value: z.number().optional(),
  unit: z.string().nullable().optional(),
});
const CacheFile = z.object({
  version: z.literal(ENTITY_EXTRACTOR_VERSION),
  articleId: z.string(),
  key: z.string(),
  mentions: z.array(CachedMention),
  events: z.array(TimelineEventSchema),
});
type CacheFile = z.infer<typeof CacheFile>;

const StoredDecision = z.object({
  proposalId: z.string(),
  decision: z.enum(['confirm', 'reject']),
  kind: EntityKind,
  /** The proposal's spellings when decided: a confirmation merges exactly these. */
  names: z.array(z.string()),
  decidedAt: IsoDate,
});
const Decisions = z.object({
  decisions: z.array(StoredDecision).default([]),
  /** A log of spellings split off an entity (the split itself is applied to `decisions`). */
  splits: z.array(z.object({ kind: EntityKind, name: z.string(), from: z.array(z.string()), decidedAt: IsoDate })).default([]),
});
export type EntityDecisions = z.infer<typeof Decisions>;

export type Extractor = (text: string, opts: { skip: readonly { start: number; end: number }[] }) => Mention[];

/** What search needs from us (SearchService.indexEntities); an interface so tests can pass a fake. */
export interface EntitySearchSink {
  indexEntities(list: readonly { id: string; name: string; aliases: string[]; type?: string | null }[]): Promise<void>;
}

export interface EntityServiceOptions {
  emit?: (event: DossierEvent) => void;
  now?: () => Date;
  search?: EntitySearchSink;
  /** The extractor (tests count calls); default extractEntities. */
  extract?: Extractor;
  /** Progress events start once a sync has taken this long (default 1 s). */
  progressAfterMs?: number;
  /** Follow changes in the background this long after the last one (default 250 ms). */
  followDelayMs?: number;
}

interface ArticleAnalysis {
  key: string;
  mentions: Mention[];
  events: TimelineEvent[];
}

interface Derived {
  seq: number;
  merges: MergeGroup[];
  entities: Entity[];
  /** Any group id (kind + spelling) → the id of the entity it is part of after merges. */
  redirect: Map<string, string>;
  byId: Map<string, Entity>;
}

export interface ExtractionStats {
  /** Articles extracted from text since the service started (cache misses). */
  extracted: number;
  /** Articles taken from a valid cache file. */
  cached: number;
}

export class EntityService {
  private readonly index = new EntityIndex();
  private readonly known = new Map<string, ArticleAnalysis>();
  private readonly decisionsDoc: StoreDocument<EntityDecisions>;
  private readonly extract: Extractor;
  private readonly unsubscribe: () => void;
  /** Bumped on every store change: derived results computed at an older value are stale. */
  private changeSeq = 0;
  /** Bumped on changes discrepancies depend on (articles, claims, decisions); not on highlights or notes. */
  private discrepancySeq = 0;
  /** The changeSeq the index reflects. */
  private syncedSeq = -1;
  private syncing: Promise<void> | null = null;
  private started = false;
  private closed = false;
  private followTimer: ReturnType<typeof setTimeout> | null = null;
  private derived: Derived | null = null;
  private discrepancyCache: { seq: number; list: Discrepancy[] } | null = null;
  readonly stats: ExtractionStats = { extracted: 0, cached: 0 };
  /** Articles that could not be analysed, by id: why (left out of entities until they change). */
  readonly problems = new Map<string, string>();

  constructor(
    private readonly store: NotebookStore,
    private readonly options: EntityServiceOptions = {},
  ) {
    this.extract = options.extract ?? ((text, opts) => extractEntities(text, { skip: opts.skip }));
    this.decisionsDoc = store.document(ENTITY_DECISIONS_FILE, Decisions, (): EntityDecisions => ({ decisions: [], splits: [] }));
    this.unsubscribe = store.onChange((change) => {
      // Our own cache files are written outside the store and never notify.
      this.changeSeq++;
      if (change.file === ENTITY_DECISIONS_FILE) this.derived = null;
      if (/^(?:catalog\.json|entities\.json|articles\/|claims\/)/.test(change.file.replace(/\\/g, '/'))) this.discrepancySeq++;
      if (this.started && !this.closed) this.scheduleFollow();
    });
  }

  close(): void {
    this.closed = true;
    this.unsubscribe();
    if (this.followTimer) clearTimeout(this.followTimer);
    this.followTimer = null;
  }

  /** Brings the index up to date with the notebook (extracting only changed articles). */
  async sync(): Promise<void> {
    this.started = true;
    while (this.syncedSeq !== this.changeSeq) {
      if (!this.syncing) {
        const target = this.changeSeq;
        this.syncing = this.syncOnce()
          .then((changed) => {
            this.syncedSeq = target;
            if (changed) {
              this.derived = null;
              this.options.emit?.({ type: 'entities.changed' });
            }
          })
          .finally(() => {
            this.syncing = null;
          });
      }
      await this.syncing;
    }
  }

  /** Entities with confirmed merges applied, most mentioned first. */
  async entities(): Promise<Derived> {
    await this.sync();
    if (this.derived && this.derived.seq === this.syncedSeq) return this.derived;
    const decisions = await this.decisionsDoc.read();
    const merges = mergesOf(decisions);
    const entities = this.index.entities(merges);
    const redirect = new Map<string, string>();
    const byId = new Map<string, Entity>();
    for (const e of entities) {
      byId.set(e.id, e);
      for (const form of [e.name, ...e.aliases]) redirect.set(entityId(e.kind, form), e.id);
    }
    this.derived = { seq: this.syncedSeq, merges, entities, redirect, byId };
    this.pushToSearch(entities);
    return this.derived;
  }

  /** The entity with this id (an id of a spelling merged into another entity finds the merged one). */
  async entity(id: string): Promise<Entity> {
    const d = await this.entities();
    const e = d.byId.get(d.redirect.get(id) ?? id);
    if (!e) throw new DossierError('not-found', `No entity with id ${id} in this notebook.`);
    return e;
  }

  /** Alias proposals under the analyst's decisions; `confirmed` when every spelling is already one entity. */
  async proposals(): Promise<AliasProposal[]> {
    const d = await this.entities();
    const decisions = await this.decisionsDoc.read();
    const list = this.index.proposals(decisions.decisions.map((x): AliasDecision => ({ proposalId: x.proposalId, decision: x.decision, names: x.names })));
    return list.map((p) => {
      const merged = new Set(p.names.map((n) => d.redirect.get(entityId(p.kind, n)) ?? n));
      return { ...p, status: merged.size === 1 ? 'confirmed' : 'pending' };
    });
  }

  /** Mentions of these spellings (before merges), keyed `kind|name`, for proposal examples: one pass over the index. */
  async mentionsOf(names: readonly { kind: Entity['kind']; name: string }[]): Promise<Map<string, Entity['mentions']>> {
    await this.sync();
    const out = new Map<string, Entity['mentions']>(names.map((n) => [`${n.kind}|${n.name}`, []]));
    for (const [articleId, a] of this.known) {
      for (const m of a.mentions) {
        const list = out.get(`${m.kind}|${m.normalized.replace(/\s+/g, ' ').trim()}`);
        if (list) list.push({ articleId, start: m.start, end: m.end, text: m.text });
      }
    }
    return out;
  }

  async decide(id: string, decision: 'confirm' | 'reject'): Promise<{ proposal: AliasProposal; entityId: string | null }> {
    const proposal = (await this.proposals()).find((p) => p.id === id);
    if (!proposal) throw new DossierError('not-found', `No alias proposal ${id} (the notebook changed, or it was rejected already); reload the proposals.`);
    const decidedAt = (this.options.now?.() ?? new Date()).toISOString();
    await this.decisionsDoc.update((data) => ({
      ...data,
      decisions: [...data.decisions.filter((x) => x.proposalId !== id), { proposalId: id, decision, kind: proposal.kind, names: [...proposal.names], decidedAt }],
    }));
    this.derived = null;
    const d = await this.entities();
    const first = proposal.names[0]!;
    this.options.emit?.({ type: 'entities.changed' });
    return { proposal, entityId: decision === 'confirm' ? (d.redirect.get(entityId(proposal.kind, first)) ?? null) : null };
  }

  /** Withdraws the decision on a proposal (undo of decide). Returns whether there was one. */
  async undecide(id: string): Promise<boolean> {
    let removed = false;
    await this.decisionsDoc.update((data) => {
      const decisions = data.decisions.filter((x) => x.proposalId !== id);
      removed = decisions.length !== data.decisions.length;
      return removed ? { ...data, decisions } : null;
    });
    if (removed) {
      this.derived = null;
      this.options.emit?.({ type: 'entities.changed' });
    }
    return removed;
  }

  /**
   * Split `name` off the entity `id`: the confirmations that merged it lose it, and a rejection
   * keeps it apart from each other spelling so it is not proposed with them again.
   */
  async split(id: string, name: string): Promise<Entity> {
    const e = await this.entity(id);
    const forms = [e.name, ...e.aliases];
    const folded = foldName(name);
    const form = forms.find((f) => f === name) ?? forms.find((f) => foldName(f) === folded);
    if (!form) throw new DossierError('not-found', `"${name}" is not a spelling of ${e.name} (its spellings: ${forms.join(', ')}).`);
    if (forms.length < 2) throw new DossierError('invalid-input', `${e.name} has no other spelling to split "${name}" from.`);
    const others = forms.filter((f) => f !== form);
    const decidedAt = (this.options.now?.() ?? new Date()).toISOString();
    await this.decisionsDoc.update((data) => {
      const rejects = others.map((o) => ({ proposalId: proposalId(e.kind, [form, o]), decision: 'reject' as const, kind: e.kind, names: [form, o], decidedAt }));
      const rejectIds = new Set(rejects.map((r) => r.proposalId));
      return {
        decisions: [
          ...data.decisions
            .filter((x) => !rejectIds.has(x.proposalId))
            .map((x) => (x.kind === e.kind && x.decision === 'confirm' ? { ...x, names: x.names.filter((n) => n !== form) } : x)),
          ...rejects,
        ],
        splits: [...data.splits, { kind: e.kind, name: form, from: others, decidedAt }],
      };
    });
    this.derived = null;
    this.options.emit?.({ type: 'entities.changed' });
    // The remaining entity keeps the id of its biggest spelling; the split one is found by its own.
    return this.entity(form === e.name ? entityId(e.kind, others[0]!) : id);
  }

  /** Discrepancies over the whole notebook: spellings (proposed or confirmed), numbers, dates, contradicting claims. */
  async discrepancies(): Promise<{ list: Discrepancy[]; texts: (articleId: string) => Promise<string> }> {
    const d = await this.entities();
    const texts = textLoader(this.store);
    if (this.discrepancyCache && this.discrepancyCache.seq === this.discrepancySeq) return { list: this.discrepancyCache.list, texts };
    const seq = this.discrepancySeq;
    const proposals = await this.proposals();
    const spellings = [
      ...proposals.map((p) => ({ kind: p.kind, names: p.names })),
      ...d.entities.filter((e) => e.aliases.length > 0).map((e) => ({ kind: e.kind, names: [e.name, ...e.aliases] })),
    ];
    const articles = [];
    for (const s of this.store.listArticles()) {
      const a = this.known.get(s.id);
      if (!a) continue;
      articles.push({ id: s.id, text: await texts(s.id), publishedAt: s.publishedAt, mentions: a.mentions, skip: s.noise });
    }
    const claims: Claim[] = await this.store.listClaims();
    const list = findDiscrepancies({ articles, spellings, claims });
    this.discrepancyCache = { seq, list };
    return { list, texts };
  }

  /** Every dated event, in date order (then publication date, article, position). */
  async timeline(): Promise<(TimelineEvent & { articleId: string })[]> {
    await this.sync();
    const out: (TimelineEvent & { articleId: string })[] = [];
    for (const s of this.store.listArticles()) {
      const a = this.known.get(s.id);
      if (a) for (const e of a.events) out.push({ ...e, articleId: s.id });
    }
    const pub = new Map(this.store.listArticles().map((s) => [s.id, s.publishedAt ?? '']));
    return out.sort((x, y) => cmp(x.date, y.date) || cmp(pub.get(x.articleId)!, pub.get(y.articleId)!) || cmp(x.articleId, y.articleId) || x.start - y.start);
  }

  // ------------------------------------------------------------------------------------------

  private scheduleFollow(): void {
    if (this.followTimer) clearTimeout(this.followTimer);
    this.followTimer = setTimeout(() => {
      this.followTimer = null;
      if (this.closed) return;
      // Keeps search's entity names current; a failure here resurfaces at the next explicit call.
      this.entities().catch(() => undefined);
    }, this.options.followDelayMs ?? 250);
    this.followTimer.unref?.();
  }

  /** One pass: drop deleted articles, (re)analyse changed ones. Returns whether anything changed. */
  private async syncOnce(): Promise<boolean> {
    const summaries = this.store.listArticles();
    const live = new Set<string>();
    const todo: ArticleSummary[] = [];
    for (const s of summaries) {
      live.add(s.id);
      if (this.known.get(s.id)?.key !== analysisKey(s)) todo.push(s);
    }
    let changed = false;
    for (const id of [...this.known.keys()]) {
      if (live.has(id)) continue;
      this.known.delete(id);
      this.index.removeArticle(id);
      changed = true;
    }
    if (todo.length === 0) return changed;
    const folder = join(this.store.cacheDir(), ENTITY_CACHE_FOLDER);
    await mkdir(folder, { recursive: true });
    const started = Date.now();
    const after = this.options.progressAfterMs ?? 1000;
    let reported = false;
    let done = 0;
    const BATCH = 16;
    for (let i = 0; i < todo.length; i += BATCH) {
      const batch = todo.slice(i, i + BATCH);
      const results = await Promise.allSettled(batch.map((s) => this.analyse(folder, s)));
      results.forEach((r, j) => {
        const s = batch[j]!;
        if (r.status === 'rejected') {
          // One unreadable article must not hide every entity: it is left out (and retried at the next change).
          this.problems.set(s.id, `${s.title} (${s.id}): ${r.reason instanceof Error ? r.reason.message : String(r.reason)}`);
          if (this.known.delete(s.id)) this.index.removeArticle(s.id);
          return;
        }
        this.problems.delete(s.id);
        this.known.set(s.id, r.value);
        this.index.addArticle(s.id, r.value.mentions);
      });
      done += batch.length;
      if (Date.now() - started >= after && done < todo.length) {
        reported = true;
        this.options.emit?.({ type: 'analysis.progress', phase: 'entities', done, total: todo.length });
      }
    }
    if (reported) this.options.emit?.({ type: 'analysis.progress', phase: 'done', done: todo.length, total: todo.length });
    return true;
  }

  private async analyse(folder: string, s: ArticleSummary): Promise<ArticleAnalysis> {
    const key = analysisKey(s);
    const file = join(folder, `${s.id}.json`);
    const cached = await readCache(file, s.id, key);
    if (cached) {
      this.stats.cached++;
      return { key, mentions: cached.mentions as Mention[], events: cached.events };
    }
    const article = await this.store.getArticle(s.id);
    // The key is rebuilt from the article read now: the text may have changed since the summary.
    const fresh = analysisKey(article);
    const skip = article.noise.map((n) => ({ start: n.start, end: n.end }));
    const mentions = this.extract(article.text, { skip });
    const events = extractEvents(article.text, article.publishedAt, { skip });
    this.stats.extracted++;
    const data: CacheFile = { version: ENTITY_EXTRACTOR_VERSION, articleId: s.id, key: fresh, mentions, events };
    await writeCache(file, data).catch(() => undefined); // a cache that cannot be written is recomputed next time
    return { key: fresh, mentions, events };
  }

  private pushToSearch(entities: readonly Entity[]): void {
    const sink = this.options.search;
    if (!sink) return;
    const names = entities.filter((e) => NAME_KINDS.includes(e.kind)).map((e) => ({ id: e.id, name: e.name, aliases: [...e.aliases], type: e.kind }));
    sink.indexEntities(names).catch(() => undefined);
  }
}

/** The confirmed merges: each confirmation's spellings (a split has already removed its name). */
export function mergesOf(decisions: EntityDecisions): MergeGroup[] {
  return decisions.decisions.filter((d) => d.decision === 'confirm' && d.names.length > 1).map((d) => ({ kind: d.kind, names: d.names }));
}

/** What an article's analysis depends on: its text, publication date and noise ranges. */
export function analysisKey(s: Pick<ArticleSummary, 'contentHash' | 'publishedAt' | 'noise'>): string {
  const noise = s.noise.map((n) => `${n.start}-${n.end}`).join(',');
  return createHash('sha1').update(`${ENTITY_EXTRACTOR_VERSION}\u0000${s.contentHash}\u0000${s.publishedAt ?? ''}\u0000${noise}`).digest('hex');
}

async function readCache(file: string, articleId: string, key: string): Promise<CacheFile | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return null;
  }
  try {
    const data = JSON.parse(text) as unknown;
    // The header first: a stale file is not worth validating.
    if (!isRecord(data) || data.version !== ENTITY_EXTRACTOR_VERSION || data.articleId !== articleId || data.key !== key) return null;
    // A hand-written shape check: zod over every mention made a warm start of a large notebook 3x slower.
    if (!Array.isArray(data.mentions) || !data.mentions.every(validMention) || !Array.isArray(data.events)) return null;
    const events = CacheFile.shape.events.safeParse(data.events);
    return events.success ? { version: ENTITY_EXTRACTOR_VERSION, articleId, key, mentions: data.mentions as CacheFile['mentions'], events: events.data } : null;
  } catch {
    return null; // truncated or corrupt: recomputed and overwritten
  }
}

const KINDS: ReadonlySet<unknown> = new Set(EntityKind.options);

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function validMention(m: unknown): boolean {
  if (!isRecord(m)) return false;
  const { kind, text, start, end, normalized } = m;
  return (
    KINDS.has(kind) &&
    typeof text === 'string' &&
    typeof normalized === 'string' &&
    Number.isInteger(start) &&
    Number.isInteger(end) &&
    (start as number) >= 0 &&
    (end as number) >= (start as number) &&
    (m.value === undefined || typeof m.value === 'number') &&
    (m.unit === undefined || m.unit === null || typeof m.unit === 'string')
  );
}

async function writeCache(file: string, data: CacheFile): Promise<void> {
  // Temp + rename: a reader never sees half a file. No fsync: a lost cache file is just recomputed.
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, JSON.stringify(data));
  await rename(temp, file);
}

/** Article texts read once per request. */
export function textLoader(store: NotebookStore): (articleId: string) => Promise<string> {
  const texts = new Map<string, Promise<string>>();
  return (id) => {
    let t = texts.get(id);
    if (!t) texts.set(id, (t = store.getArticle(id).then((a) => a.text)));
    return t;
  };
}

/** Sentences of article texts, split once per request; `around` gives the sentence holding a range. */
export function sentenceFinder(texts: (articleId: string) => Promise<string>): (articleId: string, start: number, end: number) => Promise<Sentence> {
  const split = new Map<string, Sentence[]>();
  return async (articleId, start, end) => {
    const text = await texts(articleId);
    let list = split.get(articleId);
    if (!list) split.set(articleId, (list = splitSentences(text)));
    const i = sentenceAt(list, start);
    const s = i >= 0 ? list[i]! : null;
    if (s && s.end >= end) return s;
    // A range across sentences (or in white space): the lines around it.
    const from = Math.max(0, text.lastIndexOf('\n', start) + 1);
    const nl = text.indexOf('\n', end);
    const to = nl < 0 ? text.length : nl;
    return { start: from, end: to, text: text.slice(from, to) };
  };
}

/** A sentence shortened around [start, end) (article offsets) to about `max` characters. */
export function shortContext(s: Sentence, start: number, end: number, max = 240): string {
  const text = s.text.replace(/\s+/g, ' ');
  if (s.text.length <= max) return text.trim();
  const a = Math.max(0, start - s.start - Math.floor((max - (end - start)) / 2));
  const b = Math.min(s.text.length, a + max);
  return `${a > 0 ? '…' : ''}${s.text.slice(a, b).replace(/\s+/g, ' ').trim()}${b < s.text.length ? '…' : ''}`;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
