/**
 * What an import needs to know about the notebook it imports into, kept in memory and cached in
 * `cache/import-index.json`:
 * - line counts: for each normalised short line (`lineKeys`), how many articles contain it, counted
 *   over the articles that are NOT near-duplicates (a syndicated copy must not make its story's
 *   paragraphs look like boilerplate). This is `detectNoise`'s `recurringLines`.
 * - an inverted index, line → articles containing it (near-duplicates included), so that when a
 *   line newly crosses (or falls below) the boilerplate threshold only the articles holding it are
 *   re-detected. Chosen over recomputing per batch, which would read every article body.
 * - MinHash signatures of every article in a `NearDuplicateIndex`.
 *
 * The cache is derived data and never trusted blindly: it records the notebook's id and a
 * fingerprint of the catalogue (every article's id, content hash and whether it is a near-duplicate,
 * in order). When the file is missing, unreadable, of another version, or its fingerprint does not
 * match the catalogue, the index is rebuilt from the article files. On disk each line is stored
 * once and each article lists its lines by number, so the file grows with the distinct lines.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import {
  BOILERPLATE_MIN_ARTICLES,
  BOILERPLATE_MIN_SHARE,
  lineKeys,
  NEAR_DUPLICATE_THRESHOLD,
  NearDuplicateIndex,
  shingleSignature,
  signatureFromString,
  signatureToString,
  type NoiseContext,
} from '../../shared/cleaning';
import type { ArticleSummary } from '../../shared/model/schemas';
import { writeFileDurably } from '../store/durable-file';
import type { NotebookStore } from '../store/notebook-store';

export const IMPORT_INDEX_FILE = 'import-index.json';
const FORMAT = 'dossier-import-index';
/** Raise when the shape or the meaning of the cached data changes (e.g. new shingle options). */
export const IMPORT_INDEX_VERSION = 2;

const CacheFile = z.object({
  format: z.literal(FORMAT),
  version: z.literal(IMPORT_INDEX_VERSION),
  notebookId: z.string(),
  fingerprint: z.string(),
  lines: z.array(z.string()),
  articles: z.array(
    z.object({
      id: z.string(),
      counted: z.boolean(),
      signature: z.string(),
      lines: z.array(z.number().int().nonnegative()),
    }),
  ),
});
type CacheFile = z.infer<typeof CacheFile>;

/** Why the index was (re)built, for tests and diagnostics. */
export type IndexOrigin = 'cache' | 'rebuilt-missing' | 'rebuilt-stale' | 'rebuilt-unreadable' | 'empty';

/** Same rule as detectNoise's: a line is boilerplate-eligible with this many articles out of `total`. */
export function isBoilerplateCount(count: number, total: number): boolean {
  return count >= BOILERPLATE_MIN_ARTICLES && !(total > 0 && count < BOILERPLATE_MIN_SHARE * total);
}

/** The catalogue facts the index depends on, hashed. */
export function catalogueFingerprint(articles: readonly ArticleSummary[]): string {
  const hash = createHash('sha256');
  for (const a of articles) hash.update(`${a.id}:${a.contentHash}:${a.nearDuplicateOf === null ? 0 : 1}\n`);
  return `${articles.length}:${hash.digest('hex')}`;
}

interface Entry {
  id: string;
  counted: boolean;
  signature: Uint32Array;
  lines: number[];
}

export class ImportIndex {
  private readonly entries = new Map<string, Entry>();
  private readonly keyOrd = new Map<string, number>();
  private readonly keys: string[] = [];
  /** Article ids per line ordinal (all articles, near-duplicates included). */
  private readonly postings: Set<string>[] = [];
  /** Counted articles per line key: detectNoise's `recurringLines`. */
  private readonly counts = new Map<string, number>();
  /** Line ordinals with a count of at least BOILERPLATE_MIN_ARTICLES: the only ones whose status can flip. */
  private readonly frequent = new Set<number>();
  private counted = 0;
  private readonly signatures = new NearDuplicateIndex();
  /** Fingerprint of the catalogue this index describes. */
  fingerprint = '';
  origin: IndexOrigin = 'empty';

  get articleCount(): number {
    return this.entries.size;
  }

  get countedArticles(): number {
    return this.counted;
  }

  has(id: string): boolean {
    return this.entries.has(id);
  }

  /** The noise context for one article of this notebook. */
  context(outlet: string | null, language: string | null): NoiseContext {
    return { recurringLines: this.counts, articleCount: this.counted, outlet, language };
  }

  countOf(key: string): number {
    return this.counts.get(key) ?? 0;
  }

  /** The earlier article this signature nearly duplicates, if any. */
  findNearDuplicate(signature: Uint32Array): { id: string; similarity: number } | null {
    return this.signatures.findBest(signature, NEAR_DUPLICATE_THRESHOLD);
  }

  /** Adds an article; returns its line ordinals. */
  add(id: string, text: string, signature: Uint32Array, counted: boolean, keys: readonly string[] = lineKeys(text)): number[] {
    if (this.entries.has(id)) this.remove(id);
    const lines = keys.map((key) => {
      let ord = this.keyOrd.get(key);
      if (ord === undefined) {
        ord = this.keys.length;
        this.keys.push(key);
        this.keyOrd.set(key, ord);
        this.postings.push(new Set());
      }
      this.postings[ord]!.add(id);
      if (counted) this.bump(ord, 1);
      return ord;
    });
    this.entries.set(id, { id, counted, signature, lines });
    if (counted) this.counted += 1;
    this.signatures.add(id, signature);
    return lines;
  }

  /** Forgets an article (one whose save failed). */
  remove(id: string): void {
    const entry = this.entries.get(id);
    if (!entry) return;
    for (const ord of entry.lines) {
      this.postings[ord]!.delete(id);
      if (entry.counted) this.bump(ord, -1);
    }
    if (entry.counted) this.counted -= 1;
    this.entries.delete(id);
    this.signatures.remove(id);
  }

  private bump(ord: number, delta: number): void {
    const key = this.keys[ord]!;
    const n = (this.counts.get(key) ?? 0) + delta;
    if (n > 0) this.counts.set(key, n);
    else this.counts.delete(key);
    if (n >= BOILERPLATE_MIN_ARTICLES) this.frequent.add(ord);
    else this.frequent.delete(ord);
  }

  /** Line ordinals of an article. */
  linesOf(id: string): readonly number[] {
    return this.entries.get(id)?.lines ?? [];
  }

  keyOf(ord: number): string {
    return this.keys[ord]!;
  }

  /** Whether a line (by ordinal) is boilerplate-eligible now. */
  eligible(ord: number): boolean {
    return isBoilerplateCount(this.counts.get(this.keys[ord]!) ?? 0, this.counted);
  }

  /** The ordinals of an article's lines that are eligible now, as a sorted string (cheap to compare). */
  eligibleSet(id: string): string {
    return this.linesOf(id)
      .filter((ord) => this.eligible(ord))
      .sort((a, b) => a - b)
      .join(',');
  }

  /** A snapshot of what is needed to tell, after a batch, which lines changed status. */
  snapshot(): IndexSnapshot {
    return { counted: this.counted, frequent: new Set(this.frequent), counts: new Map([...this.frequent].map((o) => [o, this.counts.get(this.keys[o]!) ?? 0])) };
  }

  /**
   * Articles (other than `except`) holding a line whose boilerplate status differs from the
   * snapshot's. Only lines at or above the minimum count, then or now, can differ.
   */
  articlesWithChangedLines(before: IndexSnapshot, except: ReadonlySet<string>): Set<string> {
    const out = new Set<string>();
    const check = new Set([...before.frequent, ...this.frequent]);
    for (const ord of check) {
      const was = isBoilerplateCount(before.counts.get(ord) ?? 0, before.counted);
      if (was === this.eligible(ord)) continue;
      for (const id of this.postings[ord]!) if (!except.has(id)) out.add(id);
    }
    return out;
  }

  // ------------------------------------------------------------------ loading and saving

  static path(store: NotebookStore): string {
    return join(store.cacheDir(), IMPORT_INDEX_FILE);
  }

  /** Loads the cached index if it matches the catalogue, or rebuilds it from the article files. */
  static async load(store: NotebookStore): Promise<ImportIndex> {
    const articles = store.listArticles();
    const fingerprint = catalogueFingerprint(articles);
    let origin: IndexOrigin;
    let raw: string | null = null;
    try {
      raw = await readFile(ImportIndex.path(store), 'utf8');
    } catch {
      raw = null;
    }
    if (raw === null) {
      origin = articles.length === 0 ? 'empty' : 'rebuilt-missing';
    } else {
      let parsed: CacheFile | null = null;
      try {
        const result = CacheFile.safeParse(JSON.parse(raw));
        if (result.success) parsed = result.data;
      } catch {
        parsed = null;
      }
      if (!parsed) {
        origin = 'rebuilt-unreadable';
      } else if (parsed.notebookId !== store.meta().id || parsed.fingerprint !== fingerprint) {
        origin = 'rebuilt-stale';
      } else {
        const index = ImportIndex.fromCache(parsed);
        if (index) {
          index.fingerprint = fingerprint;
          index.origin = 'cache';
          return index;
        }
        origin = 'rebuilt-unreadable';
      }
    }
    const index = await ImportIndex.rebuild(store);
    index.fingerprint = fingerprint;
    index.origin = origin;
    return index;
  }

  private static fromCache(file: CacheFile): ImportIndex | null {
    const index = new ImportIndex();
    try {
      for (const a of file.articles) {
        const keys = a.lines.map((n) => {
          const key = file.lines[n];
          if (key === undefined) throw new RangeError(`line ${n} is not in the cache`);
          return key;
        });
        const signature = signatureFromString(a.signature);
        index.add(a.id, '', signature, a.counted, keys);
      }
    } catch {
      return null;
    }
    return index;
  }

  /** Reads every article body in catalogue order (so the earliest article wins near-duplicate ties). */
  static async rebuild(store: NotebookStore): Promise<ImportIndex> {
    const index = new ImportIndex();
    const articles = store.listArticles();
    const CHUNK = 32;
    for (let i = 0; i < articles.length; i += CHUNK) {
      const chunk = articles.slice(i, i + CHUNK);
      const texts = await Promise.all(
        chunk.map((a) =>
          store.getArticle(a.id).then(
            (full) => full.text,
            // A missing or unreadable body is reported by the store; the index goes on without it.
            () => null,
          ),
        ),
      );
      chunk.forEach((a, k) => {
        const text = texts[k];
        if (text === null || text === undefined) return;
        index.add(a.id, text, shingleSignature(text), a.nearDuplicateOf === null);
      });
    }
    return index;
  }

  /** Writes the cache (atomically: a crash leaves the old file or the new one). */
  async save(store: NotebookStore): Promise<void> {
    const used = new Map<number, number>();
    const lines: string[] = [];
    const articles: CacheFile['articles'] = [];
    for (const e of this.entries.values()) {
      articles.push({
        id: e.id,
        counted: e.counted,
        signature: signatureToString(e.signature),
        lines: e.lines.map((ord) => {
          let n = used.get(ord);
          if (n === undefined) {
            n = lines.length;
            lines.push(this.keys[ord]!);
            used.set(ord, n);
          }
          return n;
        }),
      });
    }
    const file: CacheFile = { format: FORMAT, version: IMPORT_INDEX_VERSION, notebookId: store.meta().id, fingerprint: this.fingerprint, lines, articles };
    await writeFileDurably(ImportIndex.path(store), JSON.stringify(file));
  }
}

export interface IndexSnapshot {
  counted: number;
  frequent: Set<number>;
  counts: Map<number, number>;
}
