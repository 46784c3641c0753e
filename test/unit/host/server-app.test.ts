/**
 * The browser host in front of the real DossierApp: a first launch opens the sample notebook,
 * and contract calls (and their errors) travel through HTTP as Results.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../../shared/api/result';
import { startHost, type RunningHost } from '../../../electron/host/server';
import { apiCall } from './http';

const ROOT = resolve(import.meta.dirname, '..', '..', '..');
let dataDir: string;
let host: RunningHost;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'dossier-host-app-'));
  host = await startHost({
    port: 0,
    dataDir,
    rendererDir: join(dataDir, 'no-renderer'),
    resourcesDir: join(ROOT, 'resources'),
    version: '1.2.3',
  });
});

afterAll(async () => {
  await host?.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function call(method: string, input: unknown): Promise<Result<unknown>> {
  const res = await apiCall(host.port, host.token, { method, input });
  expect(res.status).toBe(200);
  return JSON.parse(res.body) as Result<unknown>;
}

describe('browser host with the real app', () => {
  it('app.info says browser host and the sample notebook is open on first launch', async () => {
    const result = await call('app.info', {});
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const value = result.value as { version: string; host: string; notebook: { path: string; articleCount: number } | null };
    expect(value.version).toBe('1.2.3');
    expect(value.host).toBe('browser');
    expect(value.notebook).not.toBeNull();
    expect(value.notebook!.path.startsWith(dataDir)).toBe(true);
    expect(value.notebook!.articleCount).toBeGreaterThanOrEqual(6);
  });

  it('an unknown method comes back as a Result error naming it', async () => {
    expect(await call('articles.explode', {})).toEqual({
      ok: false,
      error: { code: 'unknown-method', message: 'There is no method called "articles.explode".' },
    });
  });

  it('bad input comes back as invalid-input, and a shell method as unsupported', async () => {
    const bad = await call('articles.get', { id: 42 });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    const shell = await call('shell.chooseImportFiles', {});
    expect(shell).toMatchObject({ ok: false, error: { code: 'unsupported' } });
  });

  it('imports a file handed over by content and lists it', async () => {
    const text = 'Port of Klaipėda\n\nŽemaitytė said the terminal vote was close.';
    const imported = await call('articles.import', { files: [{ name: 'klaipeda.txt', dataBase64: Buffer.from(text).toString('base64') }] });
    expect(imported).toMatchObject({ ok: true, value: [{ file: 'klaipeda.txt', status: 'imported' }] });
    const id = (imported as { value: Array<{ articleId: string }> }).value[0]!.articleId;
    const article = await call('articles.get', { id });
    expect(article).toMatchObject({ ok: true, value: { text: expect.stringContaining('Žemaitytė') } });
  });
});
