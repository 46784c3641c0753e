/**
 * The real desktop app, driven through Playwright's Electron support: first launch on the sample
 * notebook, the window's security switches as Electron reports them, popups and navigation
 * refused, no Node in the page, an import through the preload bridge, and a clean quit that
 * releases the notebook for the next launch. Skipped where no Electron binary is installed (the
 * build machines); the same flows run in Chromium through the browser host in test/e2e.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { findElectronBinary, REPO_ROOT } from '../helpers/electron-binary';

const bin = findElectronBinary();
test.skip(
  !bin,
  'Electron binary not present on this machine (it cannot be downloaded here); the same flows are covered in Chromium through the browser host',
);

// One app per file, used by the tests in order: launching Electron costs seconds.
test.describe.configure({ mode: 'serial' });

/**
 * What the preload exposes. The test project does not see renderer/src/env.d.ts, and a global
 * declaration here could clash with it, so page callbacks cast `window` to this.
 */
interface Bridge {
  call(method: unknown, input?: unknown): Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }>;
  onEvent(listener: (event: unknown) => void): () => void;
  host: string;
}
type WithBridge = { dossier?: Bridge };

const IMPORTED_TEXT = [
  'Harbour authority confirms night-time closures',
  '',
  'GDAŃSK — The harbour authority said on Monday that the northern channel will close at night for two weeks.',
  'A spokeswoman, Zofia Kręcka, said the closures were "routine maintenance".',
  '',
].join('\n');

let userData: string;
let app: ElectronApplication;
let page: Page;
let mainLog = '';

async function launch(): Promise<void> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
  // Never the dev server, never "run as node": the built app as a user gets it.
  delete env.ELECTRON_RENDERER_URL;
  delete env.ELECTRON_RUN_AS_NODE;
  env.DOSSIER_USER_DATA = userData;
  const args = [REPO_ROOT];
  // Chromium refuses to start as root without this (containers, CI); the page sandbox (webPreferences) is unaffected.
  if (process.platform === 'linux' && process.getuid?.() === 0) args.push('--no-sandbox');
  app = await electron.launch({ executablePath: bin ?? undefined, args, env, cwd: REPO_ROOT });
  app.process().stderr?.on('data', (chunk: Buffer) => {
    mainLog += chunk.toString();
  });
  page = await app.firstWindow();
}

function articles(p: Page) {
  return p.getByRole('listbox', { name: 'Articles' }).getByRole('option');
}

test.beforeAll(async () => {
  if (!existsSync(path.join(REPO_ROOT, 'out', 'main', 'index.js'))) {
    throw new Error('out/main/index.js is missing: run "npm run build" before the Electron tests.');
  }
  userData = await mkdtemp(path.join(os.tmpdir(), 'dossier-electron-'));
  await launch();
});

test.afterAll(async () => {
  await app?.close().catch(() => {});
  if (userData) await rm(userData, { recursive: true, force: true });
});

test.afterEach(async () => {
  const testInfo = test.info();
  if (testInfo.status !== testInfo.expectedStatus && mainLog) await testInfo.attach('main-process-stderr', { body: mainLog });
});

test('first launch opens the window on the sample notebook, served from app://', async () => {
  await expect(page.getByRole('listbox', { name: 'Articles' })).toBeVisible();
  await expect.poll(() => articles(page).count()).toBeGreaterThanOrEqual(6);
  expect(page.url()).toMatch(/^app:\/\/dossier\//);
  const info = await page.evaluate(() => (window as unknown as WithBridge).dossier!.call('app.info', {}));
  expect(info).toMatchObject({ ok: true, value: { host: 'electron' } });
});

test('the window is sandboxed and isolated, without Node or webviews', async () => {
  // getLastWebPreferences is internal (not in electron.d.ts) but is what Electron's own tests read:
  // the preferences the renderer was actually created with.
  const prefs = await app.evaluate(({ BrowserWindow }) => {
    const contents = BrowserWindow.getAllWindows()[0]?.webContents as unknown as
      | { getLastWebPreferences?: () => Record<string, unknown> | null }
      | undefined;
    if (!contents?.getLastWebPreferences) throw new Error('webContents.getLastWebPreferences() is not available');
    return contents.getLastWebPreferences();
  });
  expect(prefs).toMatchObject({
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
  });
  const globals = await page.evaluate(() => ({
    require: typeof (globalThis as { require?: unknown }).require,
    process: typeof (globalThis as { process?: unknown }).process,
    bridge: Object.keys((window as unknown as WithBridge).dossier ?? {}).sort(),
    host: (window as unknown as WithBridge).dossier?.host,
  }));
  expect(globals).toEqual({ require: 'undefined', process: 'undefined', bridge: ['call', 'host', 'onEvent'], host: 'electron' });
});

test('window.open is denied and navigation away from the app is blocked', async () => {
  const opened = await page.evaluate(() => [window.open('https://example.com/') === null, window.open('app://dossier/index.html') === null]);
  expect(opened).toEqual([true, true]);
  expect(app.windows()).toHaveLength(1);

  await page.evaluate(() => {
    window.location.href = 'https://example.com/';
  });
  await page.waitForTimeout(500);
  expect(page.url()).toMatch(/^app:\/\/dossier\//);
  await expect(page.getByRole('listbox', { name: 'Articles' })).toBeVisible();
});

test('the bridge refuses bad method names and the contract refuses unknown methods', async () => {
  const outcome = await page.evaluate(async () => {
    const bridge = (window as unknown as WithBridge).dossier!;
    const nonString = await bridge.call(42, {}).then(
      () => 'resolved',
      (error: Error) => error.message,
    );
    const unknown = await bridge.call('fs.readFile', { path: '/etc/passwd' });
    const invalid = await bridge.call('articles.get', { id: 5 });
    return { nonString, unknown, invalid };
  });
  expect(outcome.nonString).toMatch(/method name must be a non-empty string/);
  expect(outcome.unknown).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
  expect(outcome.invalid).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
});

test('a file imported through window.dossier.call appears in the Articles list', async () => {
  const before = await articles(page).count();
  const result = await page.evaluate(async (text) => {
    const bytes = new TextEncoder().encode(text);
    let binary = '';
    for (const byte of bytes) binary += String.fromCharCode(byte);
    return (window as unknown as WithBridge).dossier!.call('articles.import', { files: [{ name: 'harbour-closures.txt', dataBase64: btoa(binary) }] });
  }, IMPORTED_TEXT);
  expect(result).toMatchObject({ ok: true, value: [{ file: 'harbour-closures.txt', status: 'imported' }] });
  const title = (result.value as Array<{ title: string }>)[0]!.title;
  await expect(page.getByRole('listbox', { name: 'Articles' }).getByRole('option', { name: title })).toBeVisible();
  await expect.poll(() => articles(page).count()).toBe(before + 1);
});

test('quitting releases the notebook: the next launch reopens it with the import', async () => {
  await app.close();
  await launch();
  await expect(page.getByRole('listbox', { name: 'Articles' })).toBeVisible();
  const list = await page.evaluate(() => (window as unknown as WithBridge).dossier!.call('articles.list', {}));
  expect(list.ok).toBe(true);
  const items = (list.value as { items: Array<{ source: { fileName: string } }> }).items;
  expect(items.some((a) => a.source.fileName === 'harbour-closures.txt')).toBe(true);
});
