/**
 * Durable, atomic file writes and a lowdb adapter built on them.
 *
 * Why not lowdb's own JSONFile: its writer (steno) renames a temp file with a fixed name and never
 * calls fsync, so a power loss can leave an empty or zero-filled file, and two writers share one temp
 * name. Here every write is: a temp file with a unique name (pid + random) in the same folder, write,
 * fsync, rename over the target, fsync the folder (so the rename itself survives a power loss).
 */
import { randomBytes } from 'node:crypto';
import { open, readFile, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Adapter } from 'lowdb';
import type { z } from 'zod';

/** Temp files start with a dot and end in `.tmp`, so shard listings (`<id>.json`) never see them. */
export const TEMP_FILE_PATTERN = /^\..+\.\d+-[0-9a-f]+\.tmp$/;

function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
}

function errorCode(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : undefined;
}

/**
 * fsync a directory so that a rename, create or unlink inside it is on disk. Windows cannot open a
 * directory for fsync (EPERM/EISDIR), and some file systems answer EINVAL: for this step only those
 * are ignored, since there is nothing more the process can do.
 */
export async function fsyncDir(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch (err) {
    const code = errorCode(err);
    if (code !== 'EPERM' && code !== 'EISDIR' && code !== 'EINVAL') throw err;
  } finally {
    await handle?.close();
  }
}

/** Windows refuses a rename over a file that an indexer or antivirus holds open for a moment: retry briefly. */
async function renameWithRetry(from: string, to: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await rename(from, to);
      return;
    } catch (err) {
      const code = errorCode(err);
      const transient = process.platform === 'win32' && (code === 'EPERM' || code === 'EACCES' || code === 'EBUSY');
      if (!transient || attempt >= 10) throw err;
      await new Promise((r) => setTimeout(r, 10 * (attempt + 1)));
    }
  }
}

/**
 * Write `data` to `path` atomically and durably: after this resolves the file holds exactly `data`,
 * even after a crash or power loss; before it resolves a crash leaves either the old or the new file,
 * never a mix (plus, at worst, a stray hidden `.tmp` file).
 */
export async function writeFileDurably(path: string, data: string | Uint8Array): Promise<void> {
  const tmp = tempPathFor(path);
  // 'wx': never follow or reuse an existing file under the temp name.
  const handle = await open(tmp, 'wx');
  try {
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await renameWithRetry(tmp, path);
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    throw err;
  }
  await fsyncDir(dirname(path));
}

/**
 * Write many files atomically and durably, sharing the folder fsyncs: each is written to its own
 * temp file and fsynced (`concurrency` at a time), then all are renamed into place, then each folder
 * is fsynced once. After this resolves every file is on disk; a crash before leaves each target
 * either old or new. On failure the temp files not yet renamed are removed.
 */
export async function writeFilesDurably(files: ReadonlyArray<{ path: string; data: string | Uint8Array }>, concurrency = 8): Promise<void> {
  const temps: Array<{ tmp: string; path: string }> = [];
  let next = 0;
  let failed: unknown = null;
  const worker = async (): Promise<void> => {
    while (next < files.length && failed === null) {
      const { path, data } = files[next++]!;
      const tmp = tempPathFor(path);
      temps.push({ tmp, path });
      try {
        const handle = await open(tmp, 'wx');
        try {
          await handle.writeFile(data);
          await handle.sync();
        } finally {
          await handle.close();
        }
      } catch (err) {
        failed ??= err;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, files.length) }, worker));
  let renamed = 0;
  try {
    if (failed !== null) throw failed;
    for (const { tmp, path } of temps) {
      await renameWithRetry(tmp, path);
      renamed++;
    }
  } catch (err) {
    await Promise.all(temps.slice(renamed).map(({ tmp }) => unlink(tmp).catch(() => undefined)));
    throw err;
  }
  for (const dir of new Set(temps.map((t) => dirname(t.path)))) await fsyncDir(dir);
}

/** Remove a file durably; resolves false when it was not there. */
export async function unlinkDurably(path: string): Promise<boolean> {
  try {
    await unlink(path);
  } catch (err) {
    if (errorCode(err) === 'ENOENT') return false;
    throw err;
  }
  await fsyncDir(dirname(path));
  return true;
}

/** A file that exists but cannot be used: bad JSON or a record that fails its schema. */
export class UnreadableFileError extends Error {
  readonly path: string;
  constructor(path: string, reason: string) {
    super(`${path}: ${reason}`);
    this.name = 'UnreadableFileError';
    this.path = path;
  }
  /** The reason without the path, for messages that name the file themselves. */
  get reason(): string {
    return this.message.slice(this.path.length + 2);
  }
}

/** First few zod issues as one line: "annotations.3.target.start: expected number, received string". */
export function describeZodError(error: z.ZodError): string {
  const issues = error.issues.slice(0, 3).map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`);
  const more = error.issues.length > 3 ? ` (and ${error.issues.length - 3} more)` : '';
  return issues.join('; ') + more;
}

/**
 * Parse `text` as JSON and validate it. Throws UnreadableFileError naming `path` on either failure.
 */
export function parseJsonFile<T>(path: string, text: string, schema: z.ZodType<T>): T {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    const detail = text.length === 0 ? 'the file is empty' : (err as Error).message;
    throw new UnreadableFileError(path, `not valid JSON (${detail})`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new UnreadableFileError(path, `does not match the expected format (${describeZodError(parsed.error)})`);
  return parsed.data;
}

/**
 * A lowdb adapter: reads validate with a zod schema (null when the file does not exist; throws
 * UnreadableFileError when it is bad JSON or fails the schema), writes are durable (writeFileDurably).
 */
export class DurableJSONFile<T> implements Adapter<T> {
  readonly path: string;
  readonly schema: z.ZodType<T>;
  private readonly indent: number | undefined;

  constructor(path: string, schema: z.ZodType<T>, opts: { indent?: number } = {}) {
    this.path = path;
    this.schema = schema;
    this.indent = opts.indent ?? 2;
  }

  async read(): Promise<T | null> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (err) {
      if (errorCode(err) === 'ENOENT') return null;
      throw err;
    }
    return parseJsonFile(this.path, text, this.schema);
  }

  async write(data: T): Promise<void> {
    await writeFileDurably(this.path, JSON.stringify(data, null, this.indent) + '\n');
  }
}
