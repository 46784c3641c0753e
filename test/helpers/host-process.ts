/**
 * The `dossier` Playwright fixture: one real browser host process per test (the built
 * out/main/host.js, as `npm run serve` runs it), on a free port, with a fresh data folder.
 * The test gets the URL to open and a typed API client over the same HTTP API the page uses.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test as base, expect } from '@playwright/test';
import { createClient } from '../../shared/api/client';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/api/contract';
import type { Result } from '../../shared/api/result';

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const HOST_JS = join(ROOT, 'out', 'main', 'host.js');
const URL_LINE = /^Dossier is serving (http:\/\/127\.0\.0\.1:(\d+))\/#token=(\S+)$/;
const START_TIMEOUT_MS = 20_000;
const STOP_TIMEOUT_MS = 8_000;

export interface DossierHost {
  /** Open this in the page: `http://127.0.0.1:<port>/#token=<token>`. */
  url: string;
  /** `http://127.0.0.1:<port>` */
  origin: string;
  port: number;
  token: string;
  dataDir: string;
  /** Calls a contract method over HTTP; resolves to its value, rejects with a DossierError. */
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  /** The raw Result, for tests about errors. */
  callResult(method: string, input: unknown): Promise<Result<unknown>>;
  /** What the host has written to stderr so far. */
  stderr(): string;
}

export interface SpawnedHost extends DossierHost {
  process: ChildProcess;
  /** SIGTERM, then SIGKILL after a grace period; resolves to how it ended. */
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null; forced: boolean }>;
}

export interface SpawnOptions {
  dataDir: string;
  notebook?: string;
  token?: string;
  extraArgs?: string[];
}

export async function spawnHost(opts: SpawnOptions): Promise<SpawnedHost> {
  const token = opts.token ?? randomBytes(24).toString('base64url');
  // `--token=` form: a base64url token may start with '-', which parseArgs would take for an option.
  const args = [HOST_JS, '--port', '0', '--data-dir', opts.dataDir, `--token=${token}`];
  if (opts.notebook !== undefined) args.push('--notebook', opts.notebook);
  args.push(...(opts.extraArgs ?? []));
  const env = { ...process.env };
  delete env.DOSSIER_TOKEN;
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });

  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    stderr += chunk;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => {
    child.once('exit', (code, signal) => done({ code, signal }));
  });

  const origin = await new Promise<string>((resolveUrl, reject) => {
    let stdout = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`The host did not print its URL within ${START_TIMEOUT_MS / 1000} s.\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, START_TIMEOUT_MS);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      stdout += chunk;
      const line = stdout.split('\n').find((l) => URL_LINE.test(l.trim()));
      const match = line ? URL_LINE.exec(line.trim()) : null;
      if (match?.[1] && match[3] === token) {
        clearTimeout(timer);
        resolveUrl(match[1]);
      }
    });
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`The host exited (${code ?? signal}) before serving.\nstderr: ${stderr}`));
    });
  });

  const callResult = async (method: string, input: unknown): Promise<Result<unknown>> => {
    const response = await fetch(`${origin}/api/call`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Dossier-Token': token },
      body: JSON.stringify({ method, input }),
    });
    const text = await response.text();
    try {
      return JSON.parse(text) as Result<unknown>;
    } catch {
      throw new Error(`POST /api/call ${method} answered ${response.status} with non-JSON: ${text.slice(0, 200)}`);
    }
  };
  const client = createClient((method, input) => callResult(method, input));

  const stop = async (): Promise<{ code: number | null; signal: NodeJS.Signals | null; forced: boolean }> => {
    if (child.exitCode !== null || child.signalCode !== null) return { ...(await exited), forced: false };
    child.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const outcome = await Promise.race([
      exited.then((e) => ({ ...e, forced: false })),
      new Promise<null>((done) => {
        timer = setTimeout(() => done(null), STOP_TIMEOUT_MS);
      }),
    ]);
    clearTimeout(timer);
    if (outcome) return outcome;
    child.kill('SIGKILL');
    return { ...(await exited), forced: true };
  };

  return {
    url: `${origin}/#token=${token}`,
    origin,
    port: Number(new URL(origin).port),
    token,
    dataDir: opts.dataDir,
    call: (method, input) => client.call(method, input),
    callResult,
    stderr: () => stderr,
    process: child,
    stop,
  };
}

export const test = base.extend<{ dossierNotebook: string | undefined; dossier: DossierHost }>({
  /** `test.use({ dossierNotebook: dir })` opens that notebook instead of the sample. */
  dossierNotebook: [undefined, { option: true }],
  dossier: async ({ dossierNotebook }, use, testInfo) => {
    const dataDir = await mkdtemp(join(tmpdir(), 'dossier-e2e-'));
    let ended: Awaited<ReturnType<SpawnedHost['stop']>> | undefined;
    let stderr = '';
    try {
      const host = await spawnHost({ dataDir, notebook: dossierNotebook });
      try {
        await use(host);
      } finally {
        ended = await host.stop();
        stderr = host.stderr();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true, maxRetries: 3 });
    }
    if (stderr.trim() !== '') await testInfo.attach('host-stderr', { body: stderr, contentType: 'text/plain' });
    // Graceful shutdown is part of the product (it releases the notebook lock): hold it to that.
    if (ended.forced || ended.code !== 0) {
      throw new Error(`The host did not shut down cleanly on SIGTERM: ${JSON.stringify(ended)}\n${stderr}`);
    }
  },
});

export { expect };
