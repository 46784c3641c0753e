/**
 * The import pipeline behind `articles.import`, `articles.importPaths` and `articles.paste`: parse
 * each file with its importer, recognise exact duplicates by content hash (within the notebook and
 * within the batch), link near-duplicates (MinHash, see shared/cleaning/similarity.ts), flag noise
 * with the notebook's context (shared/cleaning/noise.ts), and store new articles in small batches.
 *
 * - A bad file yields an `error` result and never stops the others; an article is stored whole or
 *   not at all (the store writes bodies, then the catalogue).
 * - Batches run one at a time per notebook (the index below is shared state); a batch can be
 *   cancelled by its id: files not yet started are reported `cancelled`, what is stored stays.
 * - The pipeline yields to the event loop between files, so a cancel (or the UI's list) is served
 *   during a long import.
 * - After a batch, lines that crossed the boilerplate threshold (either way) are re-detected in
 *   the articles holding them, older ones included: one catalogue write for all of them. The
 *   analyst's manual ranges and dismissals are kept (noise-ranges.ts). Detection that runs again
 *   recomputes ranges from the text, so ranges an importer supplied are kept only until then.
 */
import { createHash, randomUUID } from 'node:crypto';
import { open, readdir, stat, type FileHandle } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import type { DossierEvent, ImportResult } from '../../shared/api/contract';
import { DossierError } from '../../shared/api/result';
import { detectNoise, lineKeys, shingleSignature } from '../../shared/cleaning';
import type { Article, NoiseRange } from '../../shared/model/schemas';
import { formatBytes, MAX_IMPORT_BYTES } from '../importers/decode';
import { parseFile, supportedExtensions, type ParsedDocument } from '../importers/registry';
import type { NotebookStore } from '../store/notebook-store';
import { ImportIndex, catalogueFingerprint, type IndexSnapshot } from './import-index';
import { combineNoise, overlaps, sameNoise } from './noise-ranges';
import { MIN_FILES_FOR_WORKERS, parsesInWorker, sharedParsePool, type ParsePool } from './parse-pool';

/** Articles are written in batches so that a large import does not rewrite the catalogue per file. */
const STORE_BATCH = 50;
/**
 * Each batch rewrites the whole catalogue, so in a large notebook batches grow with it (a tenth of
 * its articles, up to this many): the catalogue is then rewritten a bounded number of times per
 * article imported, however large the notebook.
 */
const MAX_STORE_BATCH = 500;
/** Bodies re-read at once when older articles are re-detected. */
const REDETECT_CHUNK = 32;

/** A file to import: its bytes, parsed by the importer its name selects. */
export interface FileImportInput {
  /** The name shown in results: the path as given, or the uploaded file's name. */
  label: string;
  load: () => Promise<Uint8Array>;
}

/** Content already parsed (pasted text): `sourceName` becomes the article's source file name. */
export interface ParsedImportInput {
  label: string;
  sourceName: string;
  parse: () => Promise<ParsedDocument> | ParsedDocument;
}

export type ImportInput = FileImportInput | ParsedImportInput;

export interface ImportOptions {
  /** Carried by progress events; names the batch for `cancel`. */
  batchId?: string | null;
}

export function contentHashOf(text: string): string {
  return `sha256:${createHash('sha256').update(text, 'utf8').digest('hex')}`;
}

function result(file: string, status: ImportResult['status'], fields: Partial<Omit<ImportResult, 'file' | 'status'>> = {}): ImportResult {
  return { file, status, articleId: null, title: null, error: null, nearDuplicateOf: null, similarity: null, ...fields };
}

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** A file read and parsed (or the reason it could not be), ready for the in-order part of the pipeline. */
type Prepared = { ok: true; parsed: ParsedDocument; sourceName: string } | { ok: false; error: unknown };

async function prepare(input: ImportInput, pool: ParsePool | null): Promise<Prepared> {
  try {
    if ('load' in input) {
      const fileName = basename(input.label);
      const bytes = await input.load();
      const parsed = pool && parsesInWorker(fileName) ? await pool.parse(fileName, bytes) : await parseFile({ fileName, bytes });
      return { ok: true, parsed, sourceName: fileName };
    }
    return { ok: true, parsed: await input.parse(), sourceName: input.sourceName };
  } catch (error) {
    return { ok: false, error };
  }
}

/** The parse pool, for a batch with enough slow-to-parse files to be worth it. */
function poolFor(inputs: readonly ImportInput[]): ParsePool | null {
  let heavy = 0;
  for (const input of inputs) if ('load' in input && parsesInWorker(basename(input.label))) heavy++;
  return heavy >= MIN_FILES_FOR_WORKERS ? sharedParsePool() : null;
}

/** Importer ranges first; detected ranges fill in where they do not overlap one. */
function withImporterNoise(fromImporter: readonly NoiseRange[], detected: readonly NoiseRange[]): NoiseRange[] {
  if (fromImporter.length === 0) return [...detected];
  const kept = detected.filter((d) => !fromImporter.some((r) => overlaps(r, d)));
  return [...fromImporter, ...kept].sort((a, b) => a.start - b.start || a.end - b.end);
}

/**
 * One notebook's import pipeline: the notebook-wide index (loaded lazily, cached), the queue that
 * runs batches one at a time, and the running batches that can be cancelled.
 */
export class ImportPipeline {
  private index: ImportIndex | null = null;
  private tail: Promise<unknown> = Promise.resolve();
  private readonly running = new Map<string, { cancelled: boolean }>();

  constructor(
    private readonly store: NotebookStore,
    private readonly emit: (event: DossierEvent) => void = () => {},
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Flags a running (or queued) batch; false when no batch of that id is running. */
  cancel(batchId: string): boolean {
    const batch = this.running.get(batchId);
    if (!batch) return false;
    batch.cancelled = true;
    return true;
  }

  /** The index as it stands, loading or rebuilding it when it no longer matches the catalogue. */
  async currentIndex(): Promise<ImportIndex> {
    const fingerprint = catalogueFingerprint(this.store.listArticles());
    if (!this.index || this.index.fingerprint !== fingerprint) this.index = await ImportIndex.load(this.store);
    return this.index;
  }

  /** Imports a batch; batches run one after another. */
  run(inputs: ImportInput[], options: ImportOptions = {}): Promise<ImportResult[]> {
    const batchId = options.batchId ?? null;
    const control = { cancelled: false };
    if (batchId !== null) {
      if (this.running.has(batchId)) {
        return Promise.reject(new DossierError('conflict', `An import with batch id ${batchId} is already running.`));
      }
      // Registered before waiting in the queue, so a queued batch can be cancelled too.
      this.running.set(batchId, control);
    }
    const job = this.tail.then(() => this.runBatch(inputs, batchId, control));
    this.tail = job.catch(() => undefined);
    return job.finally(() => {
      if (batchId !== null && this.running.get(batchId) === control) this.running.delete(batchId);
    });
  }

  private async runBatch(inputs: ImportInput[], batchId: string | null, control: { cancelled: boolean }): Promise<ImportResult[]> {
    const index = await this.currentIndex();
    const before = index.snapshot();
    const results: ImportResult[] = [];
    const pending: Array<{ article: Article; resultIndex: number }> = [];
    const hashesInBatch = new Map<string, { id: string; title: string }>();
    /** New articles stored, with the boilerplate-eligible lines their detection saw. */
    const added = new Map<string, string>();
    const progress = (done: number, r: ImportResult): void =>
      this.emit({ type: 'import.progress', batchId, done, total: inputs.length, file: r.file, status: r.status });
    const catalogueSize = this.store.listArticles().length;
    const storeBatch = (): number => Math.min(MAX_STORE_BATCH, Math.max(STORE_BATCH, Math.ceil((catalogueSize + added.size) / 10)));

    /**
     * Files are read and parsed a few ahead of the one being stored: with a parse pool, workers
     * parse the next pages while this thread hashes, checks duplicates, detects noise and writes.
     * Everything that depends on earlier files (duplicates, the index, noise context) still runs
     * here in file order. A cancel stops new files from being started.
     */
    const pool = poolFor(inputs);
    const lookahead = pool ? pool.size * 2 : 1;
    const ahead = new Map<number, Promise<Prepared>>();
    let started = 0;
    const startAhead = (upTo: number): void => {
      for (; started < inputs.length && started <= upTo && !control.cancelled; started++) ahead.set(started, prepare(inputs[started]!, pool));
    };

    /**
     * Stores what is pending. One write is in flight while the next files are parsed (the disk's
     * fsyncs overlap the parsing); a second flush waits for the first, so memory stays bounded.
     */
    let writing: Promise<void> = Promise.resolve();
    const flush = async (): Promise<void> => {
      await writing;
      if (pending.length === 0) return;
      const batch = pending.splice(0, pending.length);
      writing = this.store.addArticles(batch.map((p) => p.article)).catch((error: unknown) => {
        // The store writes bodies before the catalogue, so a failed batch leaves nothing half-listed.
        const message = error instanceof Error ? error.message : String(error);
        for (const { article, resultIndex } of batch) {
          hashesInBatch.delete(article.contentHash);
          index.remove(article.id);
          added.delete(article.id);
          const file = results[resultIndex]?.file ?? article.source.fileName;
          results[resultIndex] = result(file, 'error', { error: `could not be saved: ${message}` });
          // The file was reported imported when parsed: correct the per-file status.
          progress(resultIndex + 1, results[resultIndex]!);
        }
      });
    };

    for (const [i, input] of inputs.entries()) {
      if (control.cancelled) {
        const r = result(input.label, 'cancelled');
        results.push(r);
        progress(i + 1, r);
        continue;
      }
      startAhead(i + lookahead);
      // Lets a cancel call, or any other request, in between two files.
      await yieldToEventLoop();
      let r: ImportResult;
      try {
        const ready = await (ahead.get(i) ?? prepare(input, pool));
        ahead.delete(i);
        if (!ready.ok) throw ready.error;
        const { parsed, sourceName } = ready;
        const contentHash = contentHashOf(parsed.text);
        const existing = this.store.findByContentHash(contentHash) ?? hashesInBatch.get(contentHash);
        if (existing) {
          r = result(input.label, 'duplicate', { articleId: existing.id, title: existing.title });
        } else {
          const id = randomUUID();
          const signature = shingleSignature(parsed.text);
          // Found among the notebook and this batch's earlier files: the link goes to the earlier article.
          const near = index.findNearDuplicate(signature);
          let noise: NoiseRange[];
          index.add(id, parsed.text, signature, near === null, lineKeys(parsed.text));
          try {
            noise = withImporterNoise(parsed.noise, detectNoise(parsed.text, index.context(parsed.outlet, parsed.language)));
          } catch (error) {
            index.remove(id);
            throw error;
          }
          const article: Article = {
            id,
            title: parsed.title.trim() || basename(input.label, extname(input.label)),
            outlet: parsed.outlet,
            byline: parsed.byline,
            publishedAt: parsed.publishedAt,
            url: parsed.url,
            language: parsed.language,
            text: parsed.text,
            contentHash,
            noise,
            nearDuplicateOf: near?.id ?? null,
            nearDuplicateSimilarity: near ? roundSimilarity(near.similarity) : null,
            noiseDismissed: [],
            importedAt: this.now().toISOString(),
            source: { fileName: sourceName, mediaType: parsed.mediaType },
            length: parsed.text.length,
          };
          hashesInBatch.set(contentHash, { id, title: article.title });
          added.set(id, index.eligibleSet(id));
          pending.push({ article, resultIndex: i });
          r = result(input.label, 'imported', {
            articleId: id,
            title: article.title,
            nearDuplicateOf: article.nearDuplicateOf,
            similarity: article.nearDuplicateSimilarity,
          });
        }
      } catch (error) {
        r = result(input.label, 'error', { error: describeImportError(input.label, error) });
      }
      results.push(r);
      progress(i + 1, r);
      if (pending.length >= storeBatch()) await flush();
    }
    await flush();
    await writing;

    let redetected = 0;
    if (added.size > 0) {
      redetected = await this.redetect(index, before, added).catch(() => 0);
    }
    index.fingerprint = catalogueFingerprint(this.store.listArticles());
    // The cache only saves work: if it cannot be written, the next load sees a stale one and rebuilds.
    await index.save(this.store).catch(() => undefined);
    if (added.size > 0 || redetected > 0) this.emit({ type: 'articles.changed' });
    return results;
  }

  /**
   * Re-runs detection on the articles whose boilerplate context changed during the batch: older
   * articles holding a line whose status flipped, and new ones detected before later files of the
   * batch raised (or the growing total lowered) a line's count. Returns how many changed.
   */
  private async redetect(index: ImportIndex, before: IndexSnapshot, added: ReadonlyMap<string, string>): Promise<number> {
    const ids = index.articlesWithChangedLines(before, new Set(added.keys()));
    for (const [id, seen] of added) if (index.eligibleSet(id) !== seen) ids.add(id);
    if (ids.size === 0) return 0;
    const changes: Array<{ id: string; patch: (current: { noise: NoiseRange[]; noiseDismissed: { start: number; end: number }[] }) => { noise: NoiseRange[] } | null }> = [];
    const list = [...ids];
    for (let i = 0; i < list.length; i += REDETECT_CHUNK) {
      const chunk = list.slice(i, i + REDETECT_CHUNK);
      const articles = await Promise.all(chunk.map((id) => this.store.getArticle(id).catch(() => null)));
      for (const article of articles) {
        if (!article) continue;
        const detected = detectNoise(article.text, index.context(article.outlet, article.language));
        changes.push({
          id: article.id,
          // Applied to the article as it is when the catalogue is written, so an edit made meanwhile stays.
          patch: (current) => {
            const noise = combineNoise(detected, current.noise, current.noiseDismissed);
            return sameNoise(noise, current.noise) ? null : { noise };
          },
        });
      }
    }
    return (await this.store.updateArticlesMeta(changes)).length;
  }
}

/** Two decimals: the estimate's standard error is about 0.04, more digits would be noise. */
function roundSimilarity(similarity: number): number {
  return Math.round(similarity * 100) / 100;
}

/**
 * Imports one batch into `store` with a pipeline of its own (the sample notebook, scripts). The
 * service keeps one pipeline per open notebook instead, so batches queue and can be cancelled.
 */
export async function importFiles(
  store: NotebookStore,
  inputs: ImportInput[],
  emit: (event: DossierEvent) => void,
  now: () => Date = () => new Date(),
): Promise<ImportResult[]> {
  return new ImportPipeline(store, emit, now).run(inputs);
}

function describeImportError(label: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // Importer messages already name the file; keep a single mention of it.
  return message.includes(basename(label)) ? message : `${basename(label)}: ${message}`;
}

/** Turns paths (files or folders, folders walked recursively) into import inputs. */
export async function inputsFromPaths(paths: string[]): Promise<Array<FileImportInput | { label: string; error: string }>> {
  const out: Array<FileImportInput | { label: string; error: string }> = [];
  for (const path of paths) {
    let info;
    try {
      info = await stat(path);
    } catch (error) {
      out.push({ label: path, error: `${path}: ${describeFsError(error)}` });
      continue;
    }
    if (info.isDirectory()) {
      const files = await listImportableFiles(path);
      if (files.length === 0) {
        out.push({ label: path, error: `${path}: the folder holds no files Dossier can import (${supportedExtensions.join(', ')})` });
      }
      for (const file of files) out.push(pathInput(file));
    } else {
      out.push(pathInput(path, info.size));
    }
  }
  return out;
}

function pathInput(path: string, knownSize?: number): FileImportInput {
  return {
    label: path,
    load: async () => {
      // One open for the size check and the read (a stat by path and a readFile cost two lookups).
      let handle: FileHandle;
      try {
        handle = await open(path, 'r');
      } catch (error) {
        throw new DossierError('io', `${path}: ${describeFsError(error)}`);
      }
      try {
        // Checked before reading, so a huge file is refused without loading it into memory.
        const size = knownSize ?? (await handle.stat()).size;
        if (size > MAX_IMPORT_BYTES) {
          throw new DossierError(
            'unsupported',
            `${basename(path)}: the file is ${formatBytes(size)}; Dossier imports files up to ${formatBytes(MAX_IMPORT_BYTES)}`,
          );
        }
        const data = await handle.readFile();
        // A view, not a copy: the buffer is this file's alone, so a parse worker can take it over.
        return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
      } catch (error) {
        if (error instanceof DossierError) throw error;
        throw new DossierError('io', `${path}: ${describeFsError(error)}`);
      } finally {
        await handle.close().catch(() => undefined);
      }
    },
  };
}

async function listImportableFiles(dir: string): Promise<string[]> {
  const found: string[] = [];
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await listImportableFiles(full)));
    else if (entry.isFile() && supportedExtensions.includes(extname(entry.name).toLowerCase())) found.push(full);
  }
  return found;
}

export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a folder, not a file';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
