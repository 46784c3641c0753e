import { cp, mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DossierEvent, NotebookInfo } from '../../../shared/api/contract';
import { DossierApp } from '../../../electron/app/dossier-app';
import { makeTempDir } from '../../helpers/temp-dir';

const resourcesDir = resolve('resources');

describe('DossierApp', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  const apps: DossierApp[] = [];
  const newApp = (events: DossierEvent[] = []) => {
    const app = new DossierApp({ host: 'browser', dataDir: join(dir, 'data'), resourcesDir, version: 'test', emit: (e) => events.push(e) });
    apps.push(app);
    return app;
  };

  beforeEach(async () => {
    ({ dir, cleanup } = await makeTempDir());
  });
  afterEach(async () => {
    for (const app of apps.splice(0)) await app.close();
    await cleanup();
  });

  it('opens the sample notebook on first launch, with at least six articles, and reopens it next time', async () => {
    const events: DossierEvent[] = [];
    const app = newApp(events);
    const info = await app.start();
    expect(info?.articleCount).toBeGreaterThanOrEqual(6);
    expect(info?.problems).toEqual([]);
    expect(events.some((e) => e.type === 'notebook.changed')).toBe(true);
    await app.close();

    const again = newApp();
    const reopened = await again.start();
    expect(reopened?.path).toBe(info?.path);
    expect(reopened?.articleCount).toBe(info?.articleCount);
  });

  it('answers notebook methods with a clear error when no notebook is open', async () => {
    const app = newApp();
    const result = await app.call('articles.list', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'no-notebook' } });
    expect(await app.call('no.such.method', {})).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
    expect(await app.call('shell.chooseImportFiles', {})).toMatchObject({ ok: false, error: { code: 'unsupported' } });
  });

  it('creates, switches and remembers notebooks; a failed open keeps the current one', async () => {
    const app = newApp();
    const created = await app.call('notebook.create', { path: join(dir, 'one'), name: 'One' });
    expect(created).toMatchObject({ ok: true, value: { meta: { name: 'One' }, articleCount: 0 } });
    await mkdir(join(dir, 'not-a-notebook'));
    await writeFile(join(dir, 'not-a-notebook', 'x.txt'), 'x');
    const failed = await app.call('notebook.open', { path: join(dir, 'not-a-notebook') });
    expect(failed.ok).toBe(false);
    const info = await app.call('notebook.info', {});
    expect(info).toMatchObject({ ok: true, value: { meta: { name: 'One' } } });
    const missing = await app.call('notebook.open', { path: join(dir, 'gone') });
    expect(missing).toMatchObject({ ok: false, error: { code: 'not-found' } });

    await app.call('notebook.create', { path: join(dir, 'two'), name: 'Two' });
    const recent = await app.call('notebook.recent', {});
    expect(recent.ok && (recent.value as Array<{ name: string }>).map((r) => r.name)).toEqual(['Two', 'One']);
  });

  it('refuses to create a notebook in a folder that already holds files', async () => {
    const app = newApp();
    await cp(join(resourcesDir, 'sample'), join(dir, 'busy'), { recursive: true });
    const result = await app.call('notebook.create', { path: join(dir, 'busy') });
    expect(result).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const none = (await app.call('app.info', {})) as { ok: true; value: { notebook: NotebookInfo | null } };
    expect(none.value.notebook).toBeNull();
  });
});
