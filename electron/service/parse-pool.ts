/**
 * A small pool of parse workers (worker_threads, parse-worker.ts) for the formats whose parsing
 * dominates an import: a saved web page costs 15-20 ms of DOM building and Readability, about six
 * times what the rest of the pipeline spends on it. With the parsing on other threads, a batch
 * uses both cores of a small machine instead of one.
 *
 * Where the workers cannot start, files are parsed on the calling thread as before, so callers
 * never need to care:
 * - the built app runs `parse-worker.js`, an entry of its own next to the main bundle;
 * - from source (tsx, the tests) `parse-worker.ts` is bundled once with esbuild (see worker-entry.ts);
 * - with neither (or DOSSIER_PARSE_WORKERS=0) there is no pool and `sharedParsePool()` is null.
 *
 * A worker that dies while parsing (a hostile file exhausting its heap, say) costs that one file an
 * error result; the next file gets a fresh worker. Workers hold the process open only while they
 * have work, and are stopped after a while without any.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { DossierError } from '../../shared/api/result';
import { findImporter, parseFile, type ParsedDocument } from '../importers/registry';
import type { ParseReply, ParseRequest } from './parse-protocol';
import { locateWorker, workerEntryFile, type WorkerSpec } from './worker-entry';

/** Importers slow enough to be worth a worker (a DOM, a PDF or a zip per file); text and Markdown parse in well under a millisecond. */
const WORKER_IMPORTERS = new Set(['html', 'mhtml', 'pdf', 'docx']);
/** Below this many such files in a batch, starting workers costs more than it saves. */
export const MIN_FILES_FOR_WORKERS = 8;
/** Workers are stopped after this long without work (their heaps hold a few tens of MB each). */
const IDLE_MS = 30_000;
/** Workers per pool at most, by default. */
const MAX_WORKERS = 4;

/** Whether a file goes to a worker when a pool is in use. */
export function parsesInWorker(fileName: string): boolean {
  const importer = findImporter(fileName);
  return importer !== undefined && WORKER_IMPORTERS.has(importer.id);
}


interface Job {
  id: number;
  fileName: string;
  bytes: Uint8Array;
  resolve: (doc: ParsedDocument) => void;
  reject: (error: unknown) => void;
}

interface Slot {
  /** Null while the entry file is being prepared. */
  worker: Worker | null;
  ready: boolean;
  job: Job | null;
}

export class ParsePool {
  private readonly slots = new Set<Slot>();
  private readonly queue: Job[] = [];
  private nextId = 1;
  private entry: Promise<URL> | null = null;
  /** Set once a worker has come up; until then a startup failure means workers cannot run here. */
  private everReady = false;
  private failed = false;
  /** Workers that died before coming up, in a row: after a few, workers are given up on. */
  private startupFailures = 0;
  private idleTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly spec: WorkerSpec,
    readonly size: number,
  ) {}

  /** Whether work still goes to workers (false once they proved unable to start here). */
  get usable(): boolean {
    return !this.failed;
  }

  /** Parses one file in a worker (or on this thread, if workers cannot start). Rejects as parseFile does. */
  parse(fileName: string, bytes: Uint8Array): Promise<ParsedDocument> {
    if (this.failed) return parseFile({ fileName, bytes });
    return new Promise<ParsedDocument>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, fileName, bytes, resolve, reject });
      this.pump();
    });
  }

  /** Stops the workers; files queued for them are parsed on this thread. */
  async close(): Promise<void> {
    this.clearIdle();
    const slots = [...this.slots];
    this.slots.clear();
    for (const slot of slots) slot.job?.reject(new DossierError('cancelled', `${slot.job.fileName}: the parser was stopped before it read the file`));
    await Promise.all(slots.map((s) => s.worker?.terminate()));
    this.drainInThread();
  }

  private pump(): void {
    this.clearIdle();
    if (this.failed) return this.drainInThread();
    for (const slot of this.slots) {
      if (this.queue.length === 0) break;
      if (slot.ready && !slot.job) this.dispatch(slot, this.queue.shift()!);
    }
    // Start workers while there is work waiting for one.
    let starting = 0;
    for (const slot of this.slots) if (!slot.ready) starting++;
    for (let waiting = this.queue.length - starting; waiting > 0 && this.slots.size < this.size; waiting--) this.spawn();
    let busy = false;
    for (const slot of this.slots) busy ||= slot.job !== null;
    if (this.queue.length === 0 && !busy) this.armIdle();
  }

  private dispatch(slot: Slot, job: Job): void {
    const worker = slot.worker!;
    slot.job = job;
    worker.ref();
    const { id, fileName, bytes } = job;
    const request: ParseRequest = { id, fileName, bytes };
    // Hand the bytes over rather than copy them when they own their whole buffer (a file just read).
    const whole = bytes.buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
    worker.postMessage(request, whole ? [bytes.buffer as ArrayBuffer] : []);
  }

  private spawn(): void {
    const slot: Slot = { worker: null, ready: false, job: null };
    this.slots.add(slot);
    this.entry ??= workerEntryFile(this.spec, 'parse-worker');
    this.entry.then(
      (url) => {
        if (!this.slots.has(slot)) return; // stopped meanwhile
        try {
          this.attach(slot, new Worker(url));
        } catch {
          this.slots.delete(slot);
          this.fail();
        }
      },
      () => {
        this.slots.delete(slot);
        this.fail();
      },
    );
  }

  private attach(slot: Slot, worker: Worker): void {
    slot.worker = worker;
    worker.on('message', (reply: ParseReply) => {
      if (reply.type === 'ready') {
        slot.ready = true;
        this.everReady = true;
        this.startupFailures = 0;
      } else {
        const job = slot.job;
        slot.job = null;
        if (job && job.id === reply.id) {
          if (reply.ok) job.resolve(reply.doc);
          else job.reject(reply.error.code ? new DossierError(reply.error.code, reply.error.message) : new Error(reply.error.message));
        }
      }
      // An idle worker must not keep the process alive (a CLI import ends when its work does).
      if (!slot.job) worker.unref();
      this.pump();
    });
    let lastError: unknown = null;
    worker.on('error', (error) => {
      lastError = error;
    });
    worker.on('exit', () => {
      if (!this.slots.delete(slot)) return; // stopped on purpose
      const job = slot.job;
      if (job) {
        const why = lastError instanceof Error ? lastError.message : 'it stopped unexpectedly';
        job.reject(new DossierError('unreadable', `${job.fileName}: the parser failed on this file (${why})`));
      }
      // Died before it could take work: workers cannot run here; parse on this thread from now on.
      if (!slot.ready && (!this.everReady || ++this.startupFailures >= 3)) this.fail();
      else this.pump();
    });
  }

  private fail(): void {
    this.failed = true;
    this.drainInThread();
  }

  private drainInThread(): void {
    for (const job of this.queue.splice(0, this.queue.length)) parseFile({ fileName: job.fileName, bytes: job.bytes }).then(job.resolve, job.reject);
  }

  private armIdle(): void {
    if (this.slots.size === 0) return;
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      const slots = [...this.slots];
      this.slots.clear();
      for (const s of slots) void s.worker?.terminate();
    }, IDLE_MS);
    this.idleTimer.unref();
  }

  private clearIdle(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }
}

let shared: ParsePool | null | undefined;

/**
 * The process's parse pool, or null where workers are unavailable (no worker file, one core, or
 * DOSSIER_PARSE_WORKERS=0). DOSSIER_PARSE_WORKERS=N sets the number of workers.
 */
export function sharedParsePool(): ParsePool | null {
  if (shared !== undefined) return shared && shared.usable ? shared : null;
  const setting = process.env.DOSSIER_PARSE_WORKERS;
  // By default one worker per core (at most 4); one core gains nothing from them.
  const size = setting ? Number(setting) : Math.min(MAX_WORKERS, availableParallelism());
  const wanted = Number.isInteger(size) && size >= (setting ? 1 : 2);
  const spec = wanted ? locateWorker('parse-worker', import.meta.url) : null;
  shared = spec ? new ParsePool(spec, size) : null;
  return shared;
}
