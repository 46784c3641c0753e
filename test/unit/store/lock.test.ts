import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LOCK_FILE, readLock } from '../../../electron/store/lock';
import { NotebookStore } from '../../../electron/store/notebook-store';
import { DossierError } from '../../../shared/api/result';
import { bundleForNode, type Bundle } from '../../helpers/store-bundle';

let bundle: Bundle;
let root: string;
let dir: string;
const children: ChildProcessWithoutNullStreams[] = [];

beforeAll(async () => {
  bundle = await bundleForNode(resolve(__dirname, '../../helpers/store-child.ts'));
});
afterAll(async () => {
  await bundle.cleanup();
});
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'dossier-lock-'));
  const s = await NotebookStore.create(join(root, 'nb'));
  dir = s.dir;
  await s.close();
});
afterEach(async () => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
  await rm(root, { recursive: true, force: true });
});

function run(mode: string): ChildProcessWithoutNullStreams {
  const child = spawn(process.execPath, [...bundle.args, mode, dir]);
  children.push(child);
  return child;
}

function firstLine(child: ChildProcessWithoutNullStreams): Promise<Record<string, unknown>> {
  return new Promise((res, rej) => {
    let out = '';
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const nl = out.indexOf('\n');
      if (nl >= 0) res(JSON.parse(out.slice(0, nl)) as Record<string, unknown>);
    });
    child.on('exit', (code) => rej(new Error(`child exited (${code}) before answering: ${err}`)));
  });
}

function exited(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  return child.exitCode !== null ? Promise.resolve(child.exitCode) : new Promise((r) => child.on('exit', (code) => r(code)));
}

/** A pid that belonged to a process that has exited. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(r.stdout.toString());
}

describe('one writer per notebook', () => {
  it('refuses a second open from another process, naming its pid, host and time', async () => {
    const holder = run('hold');
    const ready = await firstLine(holder);
    expect(ready).toMatchObject({ ready: true });

    const err = await NotebookStore.open(dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DossierError);
    expect((err as DossierError).code).toBe('locked');
    const msg = (err as DossierError).message;
    expect(msg).toContain(dir);
    expect(msg).toContain(`process ${String(ready.pid)} on ${hostname()} since 20`);
    expect(await readLock(dir)).toMatchObject({ pid: ready.pid, hostname: hostname() });

    holder.stdin.end(); // the holder closes: its lock goes, and we can open
    expect(await exited(holder)).toBe(0);
    expect(await readdir(dir)).not.toContain(LOCK_FILE);
    const s = await NotebookStore.open(dir);
    await s.close();
  });

  it('another process is refused while this one holds the notebook', async () => {
    const s = await NotebookStore.open(dir);
    try {
      const answer = await firstLine(run('probe'));
      expect(answer).toMatchObject({ ok: false, code: 'locked' });
      expect(String(answer.message)).toContain(`process ${process.pid} on ${hostname()}`);
      // The same process opening twice is refused too.
      const again = await NotebookStore.open(dir).catch((e: unknown) => e);
      expect((again as DossierError).code).toBe('locked');
      expect((again as DossierError).message).toMatch(/already open in this process/);
    } finally {
      await s.close();
    }
    expect(await firstLine(run('probe'))).toEqual({ ok: true });
  });

  it('takes over a stale lock left by a dead process on this host', async () => {
    const pid = deadPid();
    await writeFile(join(dir, LOCK_FILE), JSON.stringify({ pid, hostname: hostname(), createdAt: '2024-01-01T00:00:00.000Z' }));
    const s = await NotebookStore.open(dir);
    expect(await readLock(dir)).toMatchObject({ pid: process.pid, hostname: hostname() });
    await s.close();
    expect(await readdir(dir)).not.toContain(LOCK_FILE);
  });

  it('takes over a stale lock whose holder was killed with SIGKILL', async () => {
    const holder = run('hold');
    await firstLine(holder);
    holder.kill('SIGKILL');
    await exited(holder);
    expect(await readLock(dir)).toMatchObject({ pid: holder.pid });
    const s = await NotebookStore.open(dir);
    await s.close();
  });

  it('never takes over a lock from another host', async () => {
    await writeFile(join(dir, LOCK_FILE), JSON.stringify({ pid: 1, hostname: 'other-laptop', createdAt: '2024-01-01T00:00:00.000Z' }));
    const err = (await NotebookStore.open(dir).catch((e: unknown) => e)) as DossierError;
    expect(err.code).toBe('locked');
    expect(err.message).toContain('process 1 on other-laptop since 2024-01-01T00:00:00.000Z');
    expect(err.message).toContain(join(dir, LOCK_FILE)); // tells the user which file to delete
    expect(JSON.parse(await readFile(join(dir, LOCK_FILE), 'utf8'))).toMatchObject({ hostname: 'other-laptop' });
  });

  it('a half-written lock file is respected while fresh and taken over once old', async () => {
    const lock = join(dir, LOCK_FILE);
    await writeFile(lock, '');
    expect(((await NotebookStore.open(dir).catch((e: unknown) => e)) as DossierError).code).toBe('locked');
    const old = new Date(Date.now() - 60_000);
    await utimes(lock, old, old);
    const s = await NotebookStore.open(dir);
    await s.close();
  });

  it('a process that exits without closing releases its lock on exit', async () => {
    const child = run('exit');
    expect(await exited(child)).toBe(0);
    expect(await readdir(dir)).not.toContain(LOCK_FILE);
  });
});
