/**
 * One writer process per notebook: `<dir>/.dossier.lock`, created with O_EXCL ('wx'), holding
 * {pid, hostname, createdAt}.
 *
 * A lock is stale (and taken over) when it was written on this host by a process that no longer
 * exists (`process.kill(pid, 0)` fails with ESRCH), or when it names this very process but this
 * process does not hold it (a pid reused after a restart, common in containers). A lock from another
 * host is never taken over: we cannot see its processes, so the message tells the user what to do.
 */
import { randomBytes } from 'node:crypto';
import { readFile, rename, stat, unlink, open, link } from 'node:fs/promises';
import { unlinkSync, readFileSync } from 'node:fs';
import { hostname as osHostname } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { DossierError } from '../../shared/api/result';
import { fsyncDir } from './durable-file';

export const LOCK_FILE = '.dossier.lock';

const LockInfo = z.object({ pid: z.number().int(), hostname: z.string(), createdAt: z.string() });
export type LockInfo = z.infer<typeof LockInfo>;

/** An unparseable lock file older than this is a crash between create and write, not a live writer. */
const HALF_WRITTEN_LOCK_GRACE_MS = 5_000;

/** Locks this process holds, by lock path, so that exit can release them and a re-open is refused. */
const held = new Map<string, LockInfo>();
let exitHandlerInstalled = false;

function installExitHandler(): void {
  if (exitHandlerInstalled) return;
  exitHandlerInstalled = true;
  // Best effort: 'exit' runs on normal exit and process.exit(); a killed process leaves a stale lock,
  // which the next open takes over.
  process.on('exit', () => {
    for (const [path, info] of held) {
      try {
        if (sameLock(JSON.parse(readFileSync(path, 'utf8')), info)) unlinkSync(path);
      } catch {
        // nothing more to do while exiting
      }
    }
  });
}

function sameLock(a: unknown, b: LockInfo): boolean {
  const p = LockInfo.safeParse(a);
  return p.success && p.data.pid === b.pid && p.data.hostname === b.hostname && p.data.createdAt === b.createdAt;
}

function errorCode(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : undefined;
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to another user.
    return errorCode(err) !== 'ESRCH';
  }
}

type Existing = { kind: 'valid'; info: LockInfo; text: string } | { kind: 'garbled'; text: string; ageMs: number } | { kind: 'gone' };

async function readExisting(path: string): Promise<Existing> {
  try {
    const [text, st] = await Promise.all([readFile(path, 'utf8'), stat(path)]);
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      raw = undefined;
    }
    const parsed = LockInfo.safeParse(raw);
    if (parsed.success) return { kind: 'valid', info: parsed.data, text };
    return { kind: 'garbled', text, ageMs: Date.now() - st.mtimeMs };
  } catch (err) {
    if (errorCode(err) === 'ENOENT') return { kind: 'gone' };
    throw err;
  }
}

/**
 * Move a stale lock out of the way. Renaming (not unlinking) makes the take-over safe against a second
 * process doing the same at the same moment: only one rename succeeds, and the winner checks that what
 * it moved is the lock it judged stale (if a fresh lock slipped in between, it is put back).
 */
async function removeStale(path: string, staleText: string): Promise<void> {
  const aside = `${path}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    await rename(path, aside);
  } catch (err) {
    if (errorCode(err) === 'ENOENT') return; // someone else removed it: just retry
    throw err;
  }
  const moved = await readFile(aside, 'utf8').catch(() => staleText);
  if (moved !== staleText) {
    // We moved a live lock taken a moment ago: restore it unless yet another lock exists already.
    await link(aside, path).catch(() => undefined);
  }
  await unlink(aside).catch(() => undefined);
}

function describe(info: LockInfo): string {
  return `process ${info.pid} on ${info.hostname} since ${info.createdAt}`;
}

/** Take the lock of notebook `dir`, or throw DossierError('locked') naming the holder. */
export async function acquireLock(dir: string): Promise<LockInfo> {
  const path = join(dir, LOCK_FILE);
  if (held.has(path)) {
    throw new DossierError('locked', `Notebook ${dir} is already open in this process (${describe(held.get(path)!)}).`);
  }
  const host = osHostname();
  for (let attempt = 0; attempt < 5; attempt++) {
    const info: LockInfo = { pid: process.pid, hostname: host, createdAt: new Date().toISOString() };
    try {
      const handle = await open(path, 'wx');
      try {
        await handle.writeFile(JSON.stringify(info));
        await handle.sync();
      } finally {
        await handle.close();
      }
      await fsyncDir(dir);
      held.set(path, info);
      installExitHandler();
      return info;
    } catch (err) {
      if (errorCode(err) !== 'EEXIST') {
        throw new DossierError('io', `Cannot create the lock file ${path}: ${(err as Error).message}`);
      }
    }
    const existing = await readExisting(path);
    if (existing.kind === 'gone') continue;
    if (existing.kind === 'garbled') {
      if (existing.ageMs < HALF_WRITTEN_LOCK_GRACE_MS) {
        throw new DossierError('locked', `Notebook ${dir} is being opened by another process (lock file ${path} is being written). Try again in a moment.`);
      }
      await removeStale(path, existing.text);
      continue;
    }
    const other = existing.info;
    const stale =
      other.hostname === host && (other.pid === process.pid ? !held.has(path) : !processIsAlive(other.pid));
    if (!stale) {
      // Same host and the pid is alive: almost surely a running Dossier, but a reused pid is possible.
      const where =
        other.hostname === host
          ? ` If no Dossier is running, delete ${path}.`
          : ` If that computer is no longer using it, delete ${path}.`;
      throw new DossierError(
        'locked',
        `Notebook ${dir} is open in another Dossier process (${describe(other)}). Close it there first.${where}`,
      );
    }
    await removeStale(path, existing.text);
  }
  throw new DossierError('locked', `Notebook ${dir}: could not take the lock ${path}; other processes keep taking it.`);
}

/** Release a lock taken by acquireLock; leaves the file alone if it is no longer ours. */
export async function releaseLock(dir: string): Promise<void> {
  const path = join(dir, LOCK_FILE);
  const info = held.get(path);
  if (!info) return;
  held.delete(path);
  try {
    const text = await readFile(path, 'utf8');
    if (sameLock(JSON.parse(text), info)) {
      await unlink(path);
      await fsyncDir(dir);
    }
  } catch {
    // Already gone or unreadable: nothing of ours to remove.
  }
}

/** The lock's current content, or null (for messages and tests). */
export async function readLock(dir: string): Promise<LockInfo | null> {
  const e = await readExisting(join(dir, LOCK_FILE));
  return e.kind === 'valid' ? e.info : null;
}
