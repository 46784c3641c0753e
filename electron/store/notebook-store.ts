/**
 * The notebook store: a notebook is a folder the analyst owns, laid out so that one edit writes a
 * few kilobytes whatever the size of the corpus.
 *
 * ```
 * notebook.json                 NotebookMeta (format, schemaVersion, id, name, createdAt)
 * catalog.json                  { articles: ArticleSummary[] }  every article's metadata, import order
 * articles/<id>.json            Article (full record with text): written at import, rewritten only
 *                               by replaceArticle (a corrected text), never by an annotation
 * annotations/<articleId>.json  { annotations: Annotation[] }
 * claims/<articleId>.json       { claims: Claim[] }
 * tags.json                     { tags: Tag[] }
 * sources.json                  { sources: Source[] }
 * briefs/<id>.json              Brief
 * .dossier.lock                 {pid, hostname, createdAt} of the one process that may write
 * .backups/<time>-v<from>/      copies made before each migration
 * cache/                        derived data (search index...), safe to delete
 * ```
 *
 * Rules:
 * - Every write is atomic and durable (durable-file.ts); writes to one file are serialised by a
 *   per-file queue, so concurrent puts never lose each other. A put resolves once it is on disk.
 * - Opening reads notebook.json and catalog.json only; shard files load on first use and stay cached.
 * - Every file is validated with its zod schema when loaded. A file that is not valid JSON or fails
 *   the schema is renamed to `<name>.unreadable-<timestamp>` (kept, never overwritten), reported by
 *   problems(), and the notebook goes on without it. An unreadable catalog is rebuilt from the
 *   article files. An unreadable notebook.json refuses the open and is left untouched.
 * - Metadata: the catalogue wins. updateArticleMeta changes catalog.json only (bodies are written
 *   once); getArticle overlays the catalogue's metadata on the body file. A catalogue rebuild
 *   therefore falls back to the metadata as imported.
 * - addArticles writes bodies, then the catalogue. A crash in between leaves orphan bodies that
 *   nothing lists (harmless; a re-import writes them again); a catalogue rebuild includes them.
 * - Article and brief ids become file names, so they must match ARTICLE_ID_PATTERN.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { Low } from 'lowdb';
import { z } from 'zod';
import { DossierError } from '../../shared/api/result';
import {
  Annotation,
  Article,
  ArticleSummary,
  Brief,
  Claim,
  NotebookMeta,
  Source,
  Tag,
  type StoreProblem,
} from '../../shared/model/schemas';
import {
  describeZodError,
  DurableJSONFile,
  fsyncDir,
  parseJsonFile,
  TEMP_FILE_PATTERN,
  UnreadableFileError,
  unlinkDurably,
  writeFileDurably,
  writeFilesDurably,
} from './durable-file';
import { acquireLock, releaseLock } from './lock';
import { migrateNotebook, type Migration } from './migrate';
import { migrations as registeredMigrations } from './migrations/index';

export type { Migration, MigrationContext } from './migrate';

/** The on-disk format this build writes. Raise it together with a new migration. */
export const CURRENT_SCHEMA_VERSION = 1;
export const NOTEBOOK_FILE = 'notebook.json';
export const CATALOG_FILE = 'catalog.json';
export const TAGS_FILE = 'tags.json';
export const SOURCES_FILE = 'sources.json';
export const ARTICLES_DIR = 'articles';
export const ANNOTATIONS_DIR = 'annotations';
export const CLAIMS_DIR = 'claims';
export const BRIEFS_DIR = 'briefs';
export const CACHE_DIR = 'cache';

/** Ids that become file names: no separators, dots or other characters a file system treats specially. */
export const ARTICLE_ID_PATTERN = /^[A-Za-z0-9_-]{1,100}$/;
const ID_FILE_PATTERN = /^([A-Za-z0-9_-]{1,100})\.json$/;

export function isValidFileId(id: unknown): id is string {
  return typeof id === 'string' && ARTICLE_ID_PATTERN.test(id);
}

const CatalogFile = z.object({ articles: z.array(ArticleSummary) });
const AnnotationShard = z.object({ annotations: z.array(Annotation) });
const ClaimShard = z.object({ claims: z.array(Claim) });
const TagsFile = z.object({ tags: z.array(Tag) });
const SourcesFile = z.object({ sources: z.array(Source) });
type CatalogFile = z.infer<typeof CatalogFile>;
type AnnotationShard = z.infer<typeof AnnotationShard>;
type ClaimShard = z.infer<typeof ClaimShard>;

const MetaPatch = ArticleSummary.pick({
  title: true,
  outlet: true,
  byline: true,
  publishedAt: true,
  url: true,
  language: true,
  noise: true,
  nearDuplicateOf: true,
  nearDuplicateSimilarity: true,
  noiseDismissed: true,
})
  .partial()
  .strict();
export type ArticleMetaPatch = z.infer<typeof MetaPatch>;

/** Test hook: replace the registered migrations. */
export interface OpenOptions {
  migrations?: Migration[];
}

/** Files that may sit in a folder chosen for a new notebook. */
const IGNORABLE_IN_NEW_FOLDER = new Set(['.DS_Store', 'Thumbs.db', 'desktop.ini', '.dossier.lock']);

function errorCode(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : undefined;
}

function ioError(action: string, path: string, err: unknown): DossierError {
  if (err instanceof DossierError) return err;
  return new DossierError('io', `Cannot ${action} ${path}: ${(err as Error).message}`);
}

function timestampForFileName(): string {
  return new Date().toISOString().replace(/[:.]/g, '-');
}

/** Run `fn` over `items` with at most `limit` at a time. */
async function eachLimited<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++]!;
      await fn(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** Serialises tasks per key (a file path); tasks on different keys run concurrently. */
class WriteQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const prev = this.tails.get(key) ?? Promise.resolve();
    const result = prev.then(task, task);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  async drain(): Promise<void> {
    while (this.tails.size > 0) await Promise.all([...this.tails.values()]);
  }
}

function toSummary(article: Article): ArticleSummary {
  const { text: _text, ...summary } = article;
  return summary;
}

function validate<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new DossierError('invalid-input', `Invalid ${what}: ${describeZodError(parsed.error)}`);
  return parsed.data;
}

function checkFileId(id: unknown, what: string): string {
  if (!isValidFileId(id)) {
    throw new DossierError(
      'invalid-input',
      `Invalid ${what} ${JSON.stringify(id)}: ids are 1-100 letters, digits, '-' or '_'`,
    );
  }
  return id;
}

/** Insert or replace by id, returning a new array (the cached one is never mutated in place). */
function upsert<T extends { id: string }>(list: readonly T[], item: T): T[] {
  const i = list.findIndex((x) => x.id === item.id);
  if (i < 0) return [...list, item];
  const copy = list.slice();
  copy[i] = item;
  return copy;
}

function upsertAll<T extends { id: string }>(list: readonly T[], items: readonly T[]): T[] {
  const byId = new Map(items.map((item) => [item.id, item]));
  const replaced = list.map((x) => byId.get(x.id) ?? x);
  const present = new Set(list.map((x) => x.id));
  return [...replaced, ...items.filter((item) => !present.has(item.id))];
}

function uniqueIds(items: readonly { id: string }[]): string | null {
  const seen = new Set<string>();
  for (const x of items) {
    if (seen.has(x.id)) return `the id ${x.id} appears twice`;
    seen.add(x.id);
  }
  return null;
}

async function readMeta(dir: string): Promise<NotebookMeta> {
  const path = join(dir, NOTEBOOK_FILE);
  const untouched = 'The notebook was not opened and the file was left untouched.';
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if (errorCode(err) === 'ENOENT') throw new DossierError('not-found', `${dir} is not a Dossier notebook (no notebook.json)`);
    throw ioError('read', path, err);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    const detail = text.length === 0 ? 'the file is empty' : (err as Error).message;
    throw new DossierError('unreadable', `${path} is not valid JSON (${detail}). ${untouched}`);
  }
  // A newer format may also change the shape of notebook.json: look at the version before the schema.
  if (typeof raw === 'object' && raw !== null && (raw as { format?: unknown }).format !== 'dossier-notebook') {
    throw new DossierError('unreadable', `${path} is not a Dossier notebook file (its "format" is not "dossier-notebook"). ${untouched}`);
  }
  const parsed = NotebookMeta.safeParse(raw);
  if (!parsed.success) {
    const version = (raw as { schemaVersion?: unknown } | null)?.schemaVersion;
    if (typeof version === 'number') return { ...(raw as NotebookMeta) }; // checked against the known version next
    throw new DossierError('unreadable', `${path} does not match the notebook format (${describeZodError(parsed.error)}). ${untouched}`);
  }
  return parsed.data;
}

type Doc<T> = Low<T>;

/**
 * What changed in the notebook, after it is on disk: `file` is the notebook-relative path written
 * (catalog.json, articles/<id>.json, annotations/<id>.json, notes/<id>.json...) and `articleIds` the
 * articles concerned when known. Derived data (the search index, entities) follows these.
 */
export interface StoreChange {
  file: string;
  articleIds?: string[];
}

/** A small JSON document owned by a feature outside this file (notes, entity decisions...). */
export interface StoreDocument<T> {
  /** The document, or its defaults when the file does not exist (or was unreadable and set aside). */
  read(): Promise<T>;
  /** `fn` returns the new data, or null for no change; resolves once it is durably on disk. */
  update(fn: (data: T) => T | null): Promise<void>;
}

/** Notebook-relative paths of feature documents: one or two plain segments, ending in .json. */
const DOCUMENT_PATH = /^(?:[a-z][a-z0-9-]{0,40}\/)?[A-Za-z0-9_-]{1,100}\.json$/;
const RESERVED_DOCUMENTS = new Set([NOTEBOOK_FILE, CATALOG_FILE]);
const RESERVED_FOLDERS = new Set([ARTICLES_DIR, ANNOTATIONS_DIR, CLAIMS_DIR, BRIEFS_DIR, CACHE_DIR]);

export class NotebookStore {
  readonly dir: string;
  private metaValue: NotebookMeta;
  private readonly problemList: StoreProblem[] = [];
  private readonly queue = new WriteQueue();
  private catalog!: Doc<CatalogFile>;
  private byId = new Map<string, ArticleSummary>();
  private byHash = new Map<string, ArticleSummary>();
  /** Loaded documents by relative path (shards, tags, sources); a promise so concurrent first uses load once. */
  private readonly docs = new Map<string, Promise<Doc<unknown>>>();
  private briefs: Promise<Map<string, Brief>> | null = null;
  /** Files found unreadable but that could not be moved aside: never written, so never overwritten. */
  private readonly blocked = new Set<string>();
  private closing: Promise<void> | null = null;
  private readonly changeListeners = new Set<(change: StoreChange) => void>();
  /** Folders of feature documents, so stray temp files there are cleaned like the others. */
  private readonly documentFolders = new Set<string>();
  private readonly featureDocuments = new Set<string>();
  private background: Promise<void> = Promise.resolve();

  private constructor(dir: string, meta: NotebookMeta) {
    this.dir = dir;
    this.metaValue = meta;
  }

  // ---------------------------------------------------------------- opening and closing

  static async isNotebook(dir: string): Promise<boolean> {
    try {
      return (await stat(join(resolve(dir), NOTEBOOK_FILE))).isFile();
    } catch {
      return false;
    }
  }

  /** Create a notebook in `dir` (new or empty) and open it (the lock is held until close). */
  static async create(dir: string, opts: { name?: string } = {}): Promise<NotebookStore> {
    const abs = resolve(dir);
    try {
      await mkdir(abs, { recursive: true });
    } catch (err) {
      throw ioError('create the folder', abs, err);
    }
    const checkEmpty = async (): Promise<void> => {
      let entries: string[];
      try {
        entries = await readdir(abs);
      } catch (err) {
        throw ioError('read the folder', abs, err);
      }
      if (entries.includes(NOTEBOOK_FILE)) throw new DossierError('conflict', `${abs} is already a Dossier notebook`);
      const others = entries.filter((e) => !IGNORABLE_IN_NEW_FOLDER.has(e));
      if (others.length > 0) {
        throw new DossierError('conflict', `${abs} is not empty (it holds ${others.slice(0, 3).join(', ')}${others.length > 3 ? ', ...' : ''}): a new notebook needs a new or empty folder`);
      }
    };
    await checkEmpty();
    await acquireLock(abs);
    try {
      await checkEmpty(); // another process may have created one while we took the lock
      const meta: NotebookMeta = {
        format: 'dossier-notebook',
        schemaVersion: CURRENT_SCHEMA_VERSION,
        id: randomUUID(),
        name: opts.name?.trim() || basename(abs) || 'Notebook',
        createdAt: new Date().toISOString(),
      };
      const store = new NotebookStore(abs, meta);
      await store.ensureFolders();
      // catalog.json first: a folder with notebook.json always has a catalogue (a missing one is rebuilt anyway).
      await new DurableJSONFile(join(abs, CATALOG_FILE), CatalogFile).write({ articles: [] });
      await store.writeMeta(meta);
      store.catalog = new Low(new DurableJSONFile(join(abs, CATALOG_FILE), CatalogFile), { articles: [] });
      return store;
    } catch (err) {
      await releaseLock(abs);
      throw ioError('create a notebook in', abs, err);
    }
  }

  /** Open the notebook at `dir`: lock, check the version, migrate, load the catalogue. */
  static async open(dir: string, opts: OpenOptions = {}): Promise<NotebookStore> {
    const abs = resolve(dir);
    if (!(await NotebookStore.isNotebook(abs))) {
      throw new DossierError('not-found', `${abs} is not a Dossier notebook (no notebook.json)`);
    }
    await acquireLock(abs);
    try {
      let meta = await readMeta(abs);
      const store = new NotebookStore(abs, meta);
      const outcome = await migrateNotebook(abs, meta, opts.migrations ?? registeredMigrations, CURRENT_SCHEMA_VERSION, (m) =>
        store.writeMeta(m),
      );
      meta = outcome.meta;
      // A notebook at a version this build knows must now match the schema exactly.
      meta = NotebookStore.checkMeta(abs, meta);
      store.metaValue = meta;
      await store.ensureFolders();
      await store.loadCatalog();
      store.background = store.removeStrayTempFiles();
      return store;
    } catch (err) {
      await releaseLock(abs);
      throw ioError('open the notebook', abs, err);
    }
  }

  private static checkMeta(dir: string, meta: unknown): NotebookMeta {
    const parsed = NotebookMeta.safeParse(meta);
    if (!parsed.success) {
      throw new DossierError(
        'unreadable',
        `${join(dir, NOTEBOOK_FILE)} does not match the notebook format (${describeZodError(parsed.error)}). The notebook was not opened and the file was left untouched.`,
      );
    }
    return parsed.data;
  }

  meta(): NotebookMeta {
    return { ...this.metaValue };
  }

  /** Files that could not be read (so far: shard files are checked when first used). */
  problems(): StoreProblem[] {
    return this.problemList.map((p) => ({ ...p }));
  }

  /** Wait for pending writes and release the lock. Idempotent. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      try {
        await this.queue.drain();
        await this.background.catch(() => undefined);
      } finally {
        await releaseLock(this.dir);
      }
    })();
    return this.closing;
  }

  cacheDir(): string {
    const path = join(this.dir, CACHE_DIR);
    mkdirSync(path, { recursive: true });
    return path;
  }

  // ---------------------------------------------------------------- articles

  listArticles(): readonly ArticleSummary[] {
    return this.catalog.data.articles;
  }

  getArticleSummary(id: string): ArticleSummary | undefined {
    return this.byId.get(id);
  }

  findByContentHash(hash: string): ArticleSummary | undefined {
    return this.byHash.get(hash);
  }

  async getArticle(id: string): Promise<Article> {
    this.checkOpen();
    checkFileId(id, 'article id');
    const summary = this.byId.get(id);
    if (!summary) throw new DossierError('not-found', `No article ${id} in notebook ${this.dir}`);
    const path = join(this.dir, ARTICLES_DIR, `${id}.json`);
    let body: Article;
    try {
      body = parseJsonFile(path, await readFile(path, 'utf8'), Article);
    } catch (err) {
      if (errorCode(err) === 'ENOENT') throw new DossierError('not-found', `The text of article ${id} is missing: ${path} does not exist`);
      if (err instanceof UnreadableFileError) {
        const problem = await this.setAside(path, err.reason);
        throw new DossierError('unreadable', problem.message);
      }
      throw ioError('read', path, err);
    }
    // The catalogue wins for metadata (see the top of this file).
    return { ...body, ...summary, text: body.text };
  }

  /** Write each body durably, then the catalogue once. Ids must be new. */
  async addArticles(articles: Article[]): Promise<void> {
    this.checkOpen();
    const valid = articles.map((a, i) => validate(Article, a, `article #${i + 1}`));
    for (const a of valid) checkFileId(a.id, 'article id');
    const dup = uniqueIds(valid);
    if (dup) throw new DossierError('conflict', `Cannot import: ${dup} in one import`);
    if (valid.length === 0) return;
    await this.queue.run(CATALOG_FILE, async () => {
      for (const a of valid) {
        if (this.byId.has(a.id)) throw new DossierError('conflict', `Article ${a.id} already exists in notebook ${this.dir}`);
      }
      // One folder fsync for all the bodies, not one per file: imports write dozens at a time.
      const bodies = valid.map((a) => ({ path: join(this.dir, ARTICLES_DIR, `${a.id}.json`), data: JSON.stringify(a, null, 2) + '\n' }));
      try {
        await writeFilesDurably(bodies);
      } catch (err) {
        throw ioError('write the article files in', join(this.dir, ARTICLES_DIR), err);
      }
      await this.writeCatalog([...this.catalog.data.articles, ...valid.map(toSummary)]);
    });
    this.notify({ file: CATALOG_FILE, articleIds: valid.map((a) => a.id) });
  }

  /** Replace an existing article's record, text included (a corrected text); keeps its place in the list. */
  async replaceArticle(article: Article): Promise<ArticleSummary> {
    this.checkOpen();
    const a = validate(Article, article, 'article');
    checkFileId(a.id, 'article id');
    const summary = await this.queue.run(CATALOG_FILE, async () => {
      if (!this.byId.has(a.id)) throw new DossierError('not-found', `No article ${a.id} in notebook ${this.dir}`);
      await this.writeBody(a);
      const summary = toSummary(a);
      await this.writeCatalog(this.catalog.data.articles.map((s) => (s.id === a.id ? summary : s)));
      return summary;
    });
    this.notify({ file: join(ARTICLES_DIR, `${a.id}.json`), articleIds: [a.id] });
    return summary;
  }

  async updateArticleMeta(id: string, patch: ArticleMetaPatch): Promise<ArticleSummary> {
    this.checkOpen();
    checkFileId(id, 'article id');
    const p = validate(MetaPatch, patch, 'metadata patch');
    const updated = await this.queue.run(CATALOG_FILE, async () => {
      const old = this.byId.get(id);
      if (!old) throw new DossierError('not-found', `No article ${id} in notebook ${this.dir}`);
      const updated = validate(ArticleSummary, { ...old, ...p }, `metadata of article ${id}`);
      await this.writeCatalog(this.catalog.data.articles.map((s) => (s.id === id ? updated : s)));
      return updated;
    });
    this.notify({ file: CATALOG_FILE, articleIds: [id] });
    return updated;
  }

  /**
   * Patch many articles' metadata with one catalogue write. Each `patch` runs inside the catalogue's
   * queue against the article's CURRENT summary, so a computed change (re-detected noise) never
   * overwrites an edit that landed meanwhile (a range the analyst unmarked). A patch returning null
   * changes nothing; unknown ids are skipped. Returns the summaries that changed.
   */
  async updateArticlesMeta(
    changes: ReadonlyArray<{ id: string; patch: (current: ArticleSummary) => ArticleMetaPatch | null }>,
  ): Promise<ArticleSummary[]> {
    this.checkOpen();
    for (const c of changes) checkFileId(c.id, 'article id');
    if (changes.length === 0) return [];
    const changed = await this.queue.run(CATALOG_FILE, async () => {
      const updated = new Map<string, ArticleSummary>();
      for (const { id, patch } of changes) {
        const old = updated.get(id) ?? this.byId.get(id);
        if (!old) continue;
        const p = patch(old);
        if (p === null) continue;
        const valid = validate(MetaPatch, p, `metadata patch of article ${id}`);
        updated.set(id, validate(ArticleSummary, { ...old, ...valid }, `metadata of article ${id}`));
      }
      if (updated.size === 0) return [];
      await this.writeCatalog(this.catalog.data.articles.map((s) => updated.get(s.id) ?? s));
      return [...updated.values()];
    });
    if (changed.length > 0) this.notify({ file: CATALOG_FILE, articleIds: changed.map((s) => s.id) });
    return changed;
  }

  // ---------------------------------------------------------------- annotations and claims

  async listAnnotations(articleId: string): Promise<Annotation[]> {
    this.checkOpen();
    checkFileId(articleId, 'article id');
    const doc = await this.loadDoc<AnnotationShard>(this.shardPath(ANNOTATIONS_DIR, articleId), AnnotationShard, () => ({ annotations: [] }));
    return doc.data.annotations.slice();
  }

  async putAnnotation(a: Annotation): Promise<void> {
    this.checkOpen();
    const ann = validate(Annotation, a, 'annotation');
    this.checkArticleExists(ann.articleId);
    await this.mutate<AnnotationShard>(this.shardPath(ANNOTATIONS_DIR, ann.articleId), AnnotationShard, () => ({ annotations: [] }), (d) => ({
      annotations: upsert(d.annotations, ann),
    }));
  }

  /**
   * Inserts or replaces several highlights of one article in a single durable write of its shard:
   * re-anchoring after an edit touches every highlight at once.
   */
  async putAnnotations(articleId: string, list: readonly Annotation[]): Promise<void> {
    this.checkOpen();
    checkFileId(articleId, 'article id');
    this.checkArticleExists(articleId);
    const valid = list.map((a) => validate(Annotation, a, 'annotation'));
    const stray = valid.find((a) => a.articleId !== articleId);
    if (stray) throw new DossierError('invalid-input', `Highlight ${stray.id} belongs to article ${stray.articleId}, not ${articleId}.`);
    if (valid.length === 0) return;
    await this.mutate<AnnotationShard>(this.shardPath(ANNOTATIONS_DIR, articleId), AnnotationShard, () => ({ annotations: [] }), (d) => ({
      annotations: upsertAll(d.annotations, valid),
    }));
  }

  async deleteAnnotation(articleId: string, id: string): Promise<boolean> {
    this.checkOpen();
    checkFileId(articleId, 'article id');
    let found = false;
    await this.mutate<AnnotationShard>(this.shardPath(ANNOTATIONS_DIR, articleId), AnnotationShard, () => ({ annotations: [] }), (d) => {
      found = d.annotations.some((x) => x.id === id);
      return found ? { annotations: d.annotations.filter((x) => x.id !== id) } : null;
    });
    return found;
  }

  /** Claims of one article, or of every article (all shards, in catalogue order) when omitted. */
  async listClaims(articleId?: string): Promise<Claim[]> {
    this.checkOpen();
    if (articleId !== undefined) {
      checkFileId(articleId, 'article id');
      const doc = await this.loadDoc<ClaimShard>(this.shardPath(CLAIMS_DIR, articleId), ClaimShard, () => ({ claims: [] }));
      return doc.data.claims.slice();
    }
    const ids = new Set(await this.listIdFiles(CLAIMS_DIR));
    for (const key of this.docs.keys()) {
      const m = /^claims[\\/]([A-Za-z0-9_-]+)\.json$/.exec(key);
      if (m) ids.add(m[1]!);
    }
    const order = new Map(this.catalog.data.articles.map((s, i) => [s.id, i]));
    const sorted = [...ids].sort((a, b) => (order.get(a) ?? Infinity) - (order.get(b) ?? Infinity) || (a < b ? -1 : a > b ? 1 : 0));
    const shards = new Map<string, Claim[]>();
    await eachLimited(sorted, 16, async (id) => {
      const doc = await this.loadDoc<ClaimShard>(this.shardPath(CLAIMS_DIR, id), ClaimShard, () => ({ claims: [] }));
      shards.set(id, doc.data.claims);
    });
    return sorted.flatMap((id) => shards.get(id) ?? []);
  }

  async putClaim(c: Claim): Promise<void> {
    this.checkOpen();
    const claim = validate(Claim, c, 'claim');
    this.checkArticleExists(claim.articleId);
    await this.mutate<ClaimShard>(this.shardPath(CLAIMS_DIR, claim.articleId), ClaimShard, () => ({ claims: [] }), (d) => ({
      claims: upsert(d.claims, claim),
    }));
  }

  /** Inserts or replaces several claims of one article in a single durable write of its shard. */
  async putClaims(articleId: string, list: readonly Claim[]): Promise<void> {
    this.checkOpen();
    checkFileId(articleId, 'article id');
    this.checkArticleExists(articleId);
    const valid = list.map((c) => validate(Claim, c, 'claim'));
    const stray = valid.find((c) => c.articleId !== articleId);
    if (stray) throw new DossierError('invalid-input', `Claim ${stray.id} belongs to article ${stray.articleId}, not ${articleId}.`);
    if (valid.length === 0) return;
    await this.mutate<ClaimShard>(this.shardPath(CLAIMS_DIR, articleId), ClaimShard, () => ({ claims: [] }), (d) => ({
      claims: upsertAll(d.claims, valid),
    }));
  }

  async deleteClaim(articleId: string, id: string): Promise<boolean> {
    this.checkOpen();
    checkFileId(articleId, 'article id');
    let found = false;
    await this.mutate<ClaimShard>(this.shardPath(CLAIMS_DIR, articleId), ClaimShard, () => ({ claims: [] }), (d) => {
      found = d.claims.some((x) => x.id === id);
      return found ? { claims: d.claims.filter((x) => x.id !== id) } : null;
    });
    return found;
  }

  // ---------------------------------------------------------------- tags, sources, briefs

  async listTags(): Promise<Tag[]> {
    this.checkOpen();
    return (await this.loadDoc(TAGS_FILE, TagsFile, () => ({ tags: [] }))).data.tags.slice();
  }

  async putTag(t: Tag): Promise<void> {
    this.checkOpen();
    const tag = validate(Tag, t, 'tag');
    await this.mutate(TAGS_FILE, TagsFile, () => ({ tags: [] }), (d) => ({ tags: upsert(d.tags, tag) }));
  }

  async deleteTag(id: string): Promise<boolean> {
    this.checkOpen();
    let found = false;
    await this.mutate(TAGS_FILE, TagsFile, () => ({ tags: [] }), (d) => {
      found = d.tags.some((x) => x.id === id);
      return found ? { tags: d.tags.filter((x) => x.id !== id) } : null;
    });
    return found;
  }

  async listSources(): Promise<Source[]> {
    this.checkOpen();
    return (await this.loadDoc(SOURCES_FILE, SourcesFile, () => ({ sources: [] }))).data.sources.slice();
  }

  async putSource(s: Source): Promise<void> {
    this.checkOpen();
    const source = validate(Source, s, 'source');
    await this.mutate(SOURCES_FILE, SourcesFile, () => ({ sources: [] }), (d) => ({ sources: upsert(d.sources, source) }));
  }

  /** Inserts or replaces several sources in one durable write (a first sync finds dozens at once). */
  async putSources(list: readonly Source[]): Promise<void> {
    this.checkOpen();
    const valid = list.map((s) => validate(Source, s, 'source'));
    if (valid.length === 0) return;
    await this.mutate(SOURCES_FILE, SourcesFile, () => ({ sources: [] }), (d) => ({ sources: upsertAll(d.sources, valid) }));
  }

  async deleteSource(id: string): Promise<boolean> {
    this.checkOpen();
    let found = false;
    await this.mutate(SOURCES_FILE, SourcesFile, () => ({ sources: [] }), (d) => {
      found = d.sources.some((x) => x.id === id);
      return found ? { sources: d.sources.filter((x) => x.id !== id) } : null;
    });
    return found;
  }

  async listBriefs(): Promise<Brief[]> {
    this.checkOpen();
    return [...(await this.loadBriefs()).values()].sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
  }

  async getBrief(id: string): Promise<Brief> {
    this.checkOpen();
    checkFileId(id, 'brief id');
    const brief = (await this.loadBriefs()).get(id);
    if (!brief) throw new DossierError('not-found', `No brief ${id} in notebook ${this.dir}`);
    return brief;
  }

  async putBrief(b: Brief): Promise<void> {
    this.checkOpen();
    const brief = validate(Brief, b, 'brief');
    checkFileId(brief.id, 'brief id');
    const rel = join(BRIEFS_DIR, `${brief.id}.json`);
    await this.queue.run(rel, async () => {
      const map = await this.loadBriefs();
      this.checkWritable(rel);
      try {
        await new DurableJSONFile(join(this.dir, rel), Brief).write(brief);
      } catch (err) {
        throw ioError('write', join(this.dir, rel), err);
      }
      map.set(brief.id, brief);
    });
    this.notify({ file: `${BRIEFS_DIR}/${brief.id}.json` });
  }

  async deleteBrief(id: string): Promise<boolean> {
    this.checkOpen();
    checkFileId(id, 'brief id');
    const rel = join(BRIEFS_DIR, `${id}.json`);
    return this.queue.run(rel, async () => {
      const map = await this.loadBriefs();
      if (!map.has(id)) return false;
      try {
        await unlinkDurably(join(this.dir, rel));
      } catch (err) {
        throw ioError('delete', join(this.dir, rel), err);
      }
      map.delete(id);
      return true;
    }).then((deleted) => {
      if (deleted) this.notify({ file: `${BRIEFS_DIR}/${id}.json` });
      return deleted;
    });
  }

  // ---------------------------------------------------------------- feature documents and changes

  /**
   * A small JSON document kept in the notebook by a feature that has no method here (per-article
   * notes, memos, entity decisions, brief history...), with the same rules as every other file:
   * validated on load, set aside when unreadable, written atomically and durably through a per-file
   * queue. `rel` is `name.json` or `folder/name.json` (lowercase folder, file-id name).
   */
  document<T>(rel: string, schema: z.ZodType<T>, defaults: () => T): StoreDocument<T> {
    const normal = rel.replace(/\\/g, '/');
    const folder = normal.includes('/') ? normal.slice(0, normal.indexOf('/')) : '';
    if (!DOCUMENT_PATH.test(normal) || RESERVED_DOCUMENTS.has(normal) || RESERVED_FOLDERS.has(folder) || normal === TAGS_FILE || normal === SOURCES_FILE) {
      throw new DossierError('invalid-input', `"${rel}" cannot name a notebook document (reserved or not a plain name.json path)`);
    }
    const path = folder ? join(folder, normal.slice(folder.length + 1)) : normal;
    if (folder) this.documentFolders.add(folder);
    this.featureDocuments.add(path);
    return {
      read: async () => {
        this.checkOpen();
        return (await this.loadDoc(path, schema, defaults)).data;
      },
      update: async (fn) => {
        this.checkOpen();
        if (folder) await this.ensureFolder(folder);
        let changed = false;
        await this.mutate(path, schema, defaults, (data) => {
          const next = fn(data);
          changed = next !== null;
          return next;
        });
        if (changed) this.notify({ file: normal });
      },
    };
  }

  /** Be told of every change once it is on disk. Returns the unsubscribe function. */
  onChange(listener: (change: StoreChange) => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  private notify(change: StoreChange): void {
    for (const listener of this.changeListeners) {
      try {
        listener(change);
      } catch {
        // A listener's failure (derived data) must never fail the write that already landed.
      }
    }
  }

  private async ensureFolder(folder: string): Promise<void> {
    try {
      await mkdir(join(this.dir, folder));
      await fsyncDir(this.dir);
    } catch (err) {
      if (errorCode(err) !== 'EEXIST') throw ioError('create the folder', join(this.dir, folder), err);
    }
  }

  // ---------------------------------------------------------------- internals

  private checkOpen(): void {
    if (this.closing) throw new DossierError('no-notebook', `Notebook ${this.dir} is closed`);
  }

  private checkArticleExists(articleId: string): void {
    checkFileId(articleId, 'article id');
    if (!this.byId.has(articleId)) throw new DossierError('not-found', `No article ${articleId} in notebook ${this.dir}`);
  }

  private checkWritable(rel: string): void {
    if (this.blocked.has(rel)) {
      throw new DossierError(
        'unreadable',
        `${join(this.dir, rel)} could not be read and could not be moved aside, so it is not overwritten. Move or repair it, then reopen the notebook.`,
      );
    }
  }

  private shardPath(folder: string, articleId: string): string {
    return join(folder, `${articleId}.json`);
  }

  private async ensureFolders(): Promise<void> {
    let created = false;
    for (const sub of [ARTICLES_DIR, ANNOTATIONS_DIR, CLAIMS_DIR, BRIEFS_DIR]) {
      try {
        await mkdir(join(this.dir, sub));
        created = true;
      } catch (err) {
        if (errorCode(err) !== 'EEXIST') throw ioError('create the folder', join(this.dir, sub), err);
      }
    }
    if (created) await fsyncDir(this.dir);
  }

  private async writeMeta(meta: NotebookMeta): Promise<void> {
    await writeFileDurably(join(this.dir, NOTEBOOK_FILE), JSON.stringify(meta, null, 2) + '\n');
  }

  private async writeBody(a: Article): Promise<void> {
    const path = join(this.dir, ARTICLES_DIR, `${a.id}.json`);
    try {
      await new DurableJSONFile(path, Article).write(a);
    } catch (err) {
      throw ioError('write', path, err);
    }
  }

  /** Must run inside the catalogue's queue. */
  private async writeCatalog(articles: ArticleSummary[]): Promise<void> {
    this.checkWritable(CATALOG_FILE);
    const prev = this.catalog.data;
    this.catalog.data = { articles };
    try {
      await this.catalog.write();
    } catch (err) {
      this.catalog.data = prev;
      throw ioError('write', join(this.dir, CATALOG_FILE), err);
    }
    this.indexCatalog();
  }

  private indexCatalog(): void {
    this.byId = new Map();
    this.byHash = new Map();
    for (const s of this.catalog.data.articles) {
      this.byId.set(s.id, s);
      if (!this.byHash.has(s.contentHash)) this.byHash.set(s.contentHash, s);
    }
  }

  private async loadCatalog(): Promise<void> {
    const path = join(this.dir, CATALOG_FILE);
    this.catalog = new Low(new DurableJSONFile(path, CatalogFile), { articles: [] });
    let data: CatalogFile | null;
    try {
      data = await this.catalog.adapter.read();
      const bad = data && (uniqueIds(data.articles) ?? data.articles.find((s) => !isValidFileId(s.id))?.id);
      if (data && bad) throw new UnreadableFileError(path, bad.startsWith('the id') ? bad : `the article id ${JSON.stringify(bad)} is not valid`);
    } catch (err) {
      if (!(err instanceof UnreadableFileError)) throw ioError('read', path, err);
      const movedTo = await this.moveAside(path);
      const articles = await this.rebuildCatalog();
      this.problemList.push({
        file: path,
        message: `${CATALOG_FILE} could not be read: ${err.reason}. ${movedTo ? `It was kept as ${basename(movedTo)}; ` : ''}the article list was rebuilt from ${articles} article file(s) in ${ARTICLES_DIR}/.`,
        movedTo,
      });
      return;
    }
    if (data) {
      this.catalog.data = data;
      this.indexCatalog();
      return;
    }
    // No catalogue at all (deleted by hand, or a crash right after create): rebuild from the bodies.
    const count = await this.rebuildCatalog();
    if (count > 0) {
      this.problemList.push({
        file: path,
        message: `${CATALOG_FILE} was missing; the article list was rebuilt from ${count} article file(s) in ${ARTICLES_DIR}/.`,
        movedTo: null,
      });
    }
  }

  /**
   * Rebuild catalog.json from articles/*.json (each holds a full Article). Order: importedAt, then the
   * file's modification time (bodies of one import are written in order), then id. Returns the count.
   */
  private async rebuildCatalog(): Promise<number> {
    const ids = await this.listIdFiles(ARTICLES_DIR);
    const found: { summary: ArticleSummary; mtime: number }[] = [];
    await eachLimited(ids, 16, async (id) => {
      const path = join(this.dir, ARTICLES_DIR, `${id}.json`);
      try {
        const [text, st] = await Promise.all([readFile(path, 'utf8'), stat(path)]);
        const article = parseJsonFile(path, text, Article);
        if (article.id !== id) throw new UnreadableFileError(path, `it holds article ${article.id}, not ${id}`);
        found.push({ summary: toSummary(article), mtime: st.mtimeMs });
      } catch (err) {
        if (err instanceof UnreadableFileError) await this.setAside(path, err.reason);
        else throw ioError('read', path, err);
      }
    });
    found.sort(
      (a, b) =>
        a.summary.importedAt.localeCompare(b.summary.importedAt) || a.mtime - b.mtime || a.summary.id.localeCompare(b.summary.id),
    );
    this.catalog.data = { articles: found.map((f) => f.summary) };
    try {
      await this.catalog.write();
    } catch (err) {
      throw ioError('write', join(this.dir, CATALOG_FILE), err);
    }
    this.indexCatalog();
    return found.length;
  }

  /** Ids of the `<id>.json` files in a folder (temp files and set-aside files do not match). */
  private async listIdFiles(folder: string): Promise<string[]> {
    try {
      const names = await readdir(join(this.dir, folder));
      return names.flatMap((n) => {
        const m = ID_FILE_PATTERN.exec(n);
        return m ? [m[1]!] : [];
      });
    } catch (err) {
      if (errorCode(err) === 'ENOENT') return [];
      throw ioError('read the folder', join(this.dir, folder), err);
    }
  }

  /**
   * Rename an unreadable file to `<name>.unreadable-<timestamp>` in the same folder, never replacing
   * anything. Returns the new path, or null when the rename failed (the file is then blocked from writes).
   */
  private async moveAside(path: string): Promise<string | null> {
    const base = `${path}.unreadable-${timestampForFileName()}`;
    for (let n = 0; n < 100; n++) {
      const target = n === 0 ? base : `${base}-${n}`;
      try {
        await stat(target);
        continue; // taken
      } catch {
        // free
      }
      try {
        await rename(path, target);
        await fsyncDir(dirname(path));
        return target;
      } catch {
        break;
      }
    }
    this.blocked.add(relative(this.dir, path));
    return null;
  }

  /** Move an unreadable file aside and record the problem. */
  private async setAside(path: string, reason: string): Promise<StoreProblem> {
    const movedTo = await this.moveAside(path);
    const rel = relative(this.dir, path);
    const problem: StoreProblem = {
      file: path,
      message: movedTo
        ? `${rel} could not be read: ${reason}. It was kept as ${basename(movedTo)} and the notebook goes on without it.`
        : `${rel} could not be read: ${reason}. It could not be moved aside either, so it is left as it is and not written to.`,
      movedTo,
    };
    this.problemList.push(problem);
    return problem;
  }

  /** Load (once) and cache a small JSON document; an unreadable one is set aside and replaced by defaults. */
  private loadDoc<T>(rel: string, schema: z.ZodType<T>, defaults: () => T): Promise<Doc<T>> {
    let p = this.docs.get(rel) as Promise<Doc<T>> | undefined;
    if (!p) {
      p = (async () => {
        const path = join(this.dir, rel);
        const doc = new Low<T>(new DurableJSONFile(path, schema), defaults());
        try {
          const data = await doc.adapter.read();
          const problem = data === null ? null : this.extraCheck(rel, data);
          if (problem) throw new UnreadableFileError(path, problem);
          if (data !== null) doc.data = data;
        } catch (err) {
          if (!(err instanceof UnreadableFileError)) throw ioError('read', path, err);
          await this.setAside(path, err.reason);
        }
        return doc;
      })();
      this.docs.set(rel, p as Promise<Doc<unknown>>);
      // A failed read (I/O error) is not cached, so the next use tries again.
      p.catch(() => this.docs.delete(rel));
    }
    return p;
  }

  /**
   * Change a document through the per-file queue: `fn` returns the new data (or null for no change),
   * which is written durably before the promise resolves.
   */
  private mutate<T>(rel: string, schema: z.ZodType<T>, defaults: () => T, fn: (data: T) => T | null): Promise<void> {
    return this.queue.run(rel, async () => {
      const doc = await this.loadDoc(rel, schema, defaults);
      const next = fn(doc.data);
      if (next === null) return;
      this.checkWritable(rel);
      const prev = doc.data;
      doc.data = next;
      try {
        await doc.write();
      } catch (err) {
        doc.data = prev;
        throw ioError('write', join(this.dir, rel), err);
      }
      const shard = /^(?:annotations|claims)[\\/]([A-Za-z0-9_-]+)\.json$/.exec(rel);
      // Feature documents notify from document().update, with their path as the caller wrote it.
      if (!this.featureDocuments.has(rel)) {
        this.notify(shard ? { file: rel.replace(/\\/g, '/'), articleIds: [shard[1]!] } : { file: rel.replace(/\\/g, '/') });
      }
    });
  }

  /** Extra checks beyond the schema: records in a shard belong to that shard's article; ids are unique. */
  private extraCheck(rel: string, data: unknown): string | null {
    // Feature documents have their own shapes; their schema is their whole check.
    if (this.featureDocuments.has(rel)) return null;
    const m = /^(annotations|claims)[\\/]([A-Za-z0-9_-]+)\.json$/.exec(rel);
    if (!m) return uniqueIds(Object.values(data as Record<string, { id: string }[]>)[0] ?? []);
    const [, kind, articleId] = m;
    const list = (data as Record<string, { id: string; articleId: string }[]>)[kind!] ?? [];
    const stray = list.find((x) => x.articleId !== articleId);
    if (stray) return `it holds ${kind} of article ${stray.articleId}, not ${articleId}`;
    return uniqueIds(list);
  }

  private loadBriefs(): Promise<Map<string, Brief>> {
    this.briefs ??= (async () => {
      const map = new Map<string, Brief>();
      for (const id of await this.listIdFiles(BRIEFS_DIR)) {
        const path = join(this.dir, BRIEFS_DIR, `${id}.json`);
        try {
          const brief = parseJsonFile(path, await readFile(path, 'utf8'), Brief);
          if (brief.id !== id) throw new UnreadableFileError(path, `it holds brief ${brief.id}, not ${id}`);
          map.set(id, brief);
        } catch (err) {
          if (err instanceof UnreadableFileError) await this.setAside(path, err.reason);
          else if (errorCode(err) !== 'ENOENT') throw ioError('read', path, err);
        }
      }
      return map;
    })();
    const p = this.briefs;
    p.catch(() => {
      if (this.briefs === p) this.briefs = null;
    });
    return p;
  }

  /**
   * Temp files left by a writer that was killed mid-write. We hold the lock, so no other process is
   * writing; our own in-flight temp files carry our pid and are left alone. Runs in the background.
   */
  private async removeStrayTempFiles(): Promise<void> {
    const own = `.${process.pid}-`;
    for (const folder of ['', ARTICLES_DIR, ANNOTATIONS_DIR, CLAIMS_DIR, BRIEFS_DIR, ...this.documentFolders]) {
      let names: string[];
      try {
        names = await readdir(join(this.dir, folder));
      } catch {
        continue;
      }
      for (const n of names) {
        if (TEMP_FILE_PATTERN.test(n) && !n.includes(own)) await unlink(join(this.dir, folder, n)).catch(() => undefined);
      }
    }
  }
}
