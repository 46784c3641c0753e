/**
 * The main process wiring, run under Node with a stand-in for the `electron` module (the real
 * binary cannot run on the build machines): start-up on the sample notebook, the window's
 * webPreferences, session hardening, the one IPC channel with its sender check, events reaching
 * the window, the menu, and quit waiting for the notebook to close.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Result } from '../../shared/api/result';

const fake = vi.hoisted(() => {
  // Built inside vi.hoisted (which runs before imports) so the mock factory can use it.
  type Listener = (...args: unknown[]) => unknown;
  class Emitter {
    private readonly listeners = new Map<string, Listener[]>();
    on(name: string, fn: Listener) {
      this.listeners.set(name, [...(this.listeners.get(name) ?? []), fn]);
      return this;
    }
    once(name: string, fn: Listener) {
      return this.on(name, fn);
    }
    off(name: string, fn: Listener) {
      this.listeners.set(name, (this.listeners.get(name) ?? []).filter((l) => l !== fn));
      return this;
    }
    emit(name: string, ...args: unknown[]) {
      for (const fn of this.listeners.get(name) ?? []) fn(...args);
      return true;
    }
  }
  const paths: Record<string, string> = {};
  const calls = {
    quit: 0,
    exit: [] as number[],
    errorBoxes: [] as Array<[string, string]>,
    schemes: [] as unknown[],
    menus: [] as unknown[],
    ipcHandlers: new Map<string, Listener>(),
    protocolHandlers: new Map<string, Listener>(),
    session: {} as Record<string, Listener>,
    windows: [] as FakeWindow[],
  };
  const app = Object.assign(new Emitter(), {
    isPackaged: false,
    name: 'Dossier',
    setPath: (name: string, value: string) => {
      paths[name] = value;
    },
    getPath: (name: string) => paths[name] ?? `/nonexistent/${name}`,
    getAppPath: () => process.cwd(),
    getVersion: () => '0.1.0-test',
    enableSandbox: () => {},
    requestSingleInstanceLock: () => true,
    isReady: () => true,
    whenReady: () => Promise.resolve(),
    quit: () => {
      calls.quit += 1;
      const event = { defaultPrevented: false, preventDefault: () => (event.defaultPrevented = true) };
      app.emit('before-quit', event);
    },
    exit: (code: number) => calls.exit.push(code),
  });
  let nextId = 1;
  class FakeWebContents extends Emitter {
    readonly id = nextId++;
    readonly sent: Array<[string, unknown]> = [];
    url = '';
    send(channel: string, payload: unknown) {
      this.sent.push([channel, payload]);
    }
    reload() {}
  }
  class FakeWindow extends Emitter {
    static getAllWindows = () => calls.windows;
    static getFocusedWindow = () => calls.windows[0] ?? null;
    readonly webContents = new FakeWebContents();
    constructor(readonly options: Record<string, unknown>) {
      super();
      calls.windows.push(this);
    }
    loadURL(url: string) {
      this.webContents.url = url;
      return Promise.resolve();
    }
    isDestroyed = () => false;
    isVisible = () => true;
    isMinimized = () => false;
    show() {}
    focus() {}
    restore() {}
  }
  const record = (name: string) => (fn: Listener) => {
    calls.session[name] = fn;
  };
  const electron = {
    app,
    BrowserWindow: FakeWindow,
    protocol: { registerSchemesAsPrivileged: (schemes: unknown[]) => calls.schemes.push(...schemes) },
    session: {
      defaultSession: {
        webRequest: { onBeforeRequest: record('onBeforeRequest'), onHeadersReceived: record('onHeadersReceived') },
        setPermissionRequestHandler: record('permissionRequest'),
        setPermissionCheckHandler: record('permissionCheck'),
        setDevicePermissionHandler: record('devicePermission'),
        setDisplayMediaRequestHandler: record('displayMedia'),
        protocol: { handle: (scheme: string, fn: Listener) => calls.protocolHandlers.set(scheme, fn) },
      },
    },
    ipcMain: {
      handle: (channel: string, fn: Listener) => calls.ipcHandlers.set(channel, fn),
      removeHandler: (channel: string) => calls.ipcHandlers.delete(channel),
    },
    Menu: {
      buildFromTemplate: (template: unknown) => template,
      setApplicationMenu: (menu: unknown) => calls.menus.push(menu),
    },
    dialog: {
      showErrorBox: (title: string, content: string) => calls.errorBoxes.push([title, content]),
      showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
      showMessageBox: async () => ({ response: 0 }),
    },
  };
  return { electron, calls };
});

vi.mock('electron', () => ({ ...fake.electron, default: fake.electron }));

const { calls } = fake;
let userData: string;
const signalListeners = { SIGINT: process.listeners('SIGINT'), SIGTERM: process.listeners('SIGTERM') };

type CallHandler = (event: unknown, method: unknown, input: unknown) => Promise<Result<unknown>>;

function trustedEvent() {
  const win = calls.windows[0]!;
  return { sender: win.webContents, senderFrame: { url: win.webContents.url, parent: null } };
}

async function callAs(event: unknown, method: string, input: unknown = {}): Promise<Result<unknown>> {
  const handler = calls.ipcHandlers.get('dossier:call') as CallHandler | undefined;
  if (!handler) throw new Error('dossier:call is not registered');
  return handler(event, method, input);
}

beforeAll(async () => {
  userData = await mkdtemp(path.join(os.tmpdir(), 'dossier-shell-'));
  process.env.DOSSIER_USER_DATA = userData;
  delete process.env.ELECTRON_RENDERER_URL;
  await import('./index');
  await vi.waitFor(() => expect(calls.windows).toHaveLength(1), { timeout: 20_000, interval: 50 });
}, 30_000);

afterAll(async () => {
  // index.ts turns SIGINT/SIGTERM into app.quit(); give the test worker its own handlers back.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    for (const listener of process.listeners(signal)) {
      if (!signalListeners[signal].includes(listener)) process.off(signal, listener);
    }
  }
  delete process.env.DOSSIER_USER_DATA;
  await rm(userData, { recursive: true, force: true });
});

describe('Electron main process (with a stand-in electron module)', () => {
  it('sets the data dir, registers app:// as a privileged scheme without bypassCSP, and starts without errors', () => {
    expect(fake.electron.app.getPath('userData')).toBe(path.resolve(userData));
    expect(calls.schemes).toEqual([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) },
    ]);
    expect(JSON.stringify(calls.schemes)).not.toContain('bypassCSP');
    expect(calls.errorBoxes).toEqual([]);
    expect(calls.exit).toEqual([]);
  });

  it('opens one sandboxed, isolated window on app://dossier with the CommonJS preload', () => {
    const win = calls.windows[0]!;
    expect(win.webContents.url).toBe('app://dossier/index.html');
    const prefs = win.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      disableBlinkFeatures: 'Auxclick',
    });
    expect(String(prefs.preload)).toMatch(/[\\/]preload[\\/]index\.cjs$/);
  });

  it('hardens the session: remote requests cancelled, CSP header set, permissions refused', () => {
    const s = calls.session;
    const decide = (url: string) => {
      let verdict: unknown;
      s.onBeforeRequest!({ url }, (v: unknown) => (verdict = v));
      return verdict;
    };
    expect(decide('https://tracker.example/p.gif')).toEqual({ cancel: true });
    expect(decide('app://dossier/assets/a.js')).toEqual({ cancel: false });

    let headers: Record<string, string[]> = {};
    s.onHeadersReceived!(
      { responseHeaders: { 'content-security-policy': ['default-src *'], Server: ['x'] } },
      (v: { responseHeaders: Record<string, string[]> }) => (headers = v.responseHeaders),
    );
    expect(headers['content-security-policy']).toBeUndefined();
    expect(headers['Content-Security-Policy']?.[0]).toMatch(/^default-src 'none'; script-src 'self';/);
    expect(headers.Server).toEqual(['x']);

    let granted: boolean | undefined;
    s.permissionRequest!({ getURL: () => 'app://dossier/index.html' }, 'media', (g: boolean) => (granted = g), {
      requestingUrl: 'app://dossier/index.html',
    });
    expect(granted).toBe(false);
    expect(s.permissionCheck!(null, 'geolocation', 'app://dossier')).toBe(false);
    expect(s.devicePermission!({})).toBe(false);
  });

  it('serves app:// only inside the renderer folder', async () => {
    const handle = calls.protocolHandlers.get('app') as (r: Request) => Promise<Response>;
    const outside = await handle(new Request('app://dossier/..%2f..%2fpackage.json'));
    expect(outside.status).toBe(403);
    const other = await handle(new Request('app://elsewhere/index.html'));
    expect(other.status).toBe(404);
    expect(other.headers.get('Content-Security-Policy')).toMatch(/default-src 'none'/);
  });

  it('answers trusted IPC calls on the sample notebook', async () => {
    const info = await callAs(trustedEvent(), 'app.info');
    expect(info).toMatchObject({ ok: true, value: { host: 'electron', version: '0.1.0-test' } });
    const list = await callAs(trustedEvent(), 'articles.list', {});
    expect(list.ok).toBe(true);
    if (list.ok) expect((list.value as { total: number }).total).toBeGreaterThanOrEqual(6);
  });

  it('refuses IPC from a foreign page, a subframe or an unknown web contents', async () => {
    const win = calls.windows[0]!;
    const foreign = { sender: win.webContents, senderFrame: { url: 'https://evil.example/', parent: null } };
    const subframe = { sender: win.webContents, senderFrame: { url: 'app://dossier/index.html', parent: {} } };
    const stranger = { sender: { id: 9999 }, senderFrame: { url: 'app://dossier/index.html', parent: null } };
    for (const event of [foreign, subframe, stranger]) {
      expect(await callAs(event, 'notebook.recent')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(await callAs(trustedEvent(), 'no.such.method')).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
  });

  it('pushes events to the window and rebuilds the menu with the recent notebook', async () => {
    const win = calls.windows[0]!;
    const before = win.webContents.sent.length;
    const menusBefore = calls.menus.length;
    const result = await callAs(trustedEvent(), 'articles.import', {
      files: [{ name: 'shell-test.txt', dataBase64: Buffer.from('Shell test headline\n\nBody text of the shell test.\n').toString('base64') }],
    });
    expect(result).toMatchObject({ ok: true, value: [{ status: 'imported' }] });
    const events = win.webContents.sent.slice(before);
    expect(events.every(([channel]) => channel === 'dossier:event')).toBe(true);
    expect(events.map(([, e]) => (e as { type: string }).type)).toContain('articles.changed');

    const recent = await callAs(trustedEvent(), 'notebook.recent');
    const recentPath = recent.ok ? (recent.value as Array<{ path: string }>)[0]?.path : undefined;
    expect(recentPath).toBeTruthy();
    // The menu was built at start-up and after the sample notebook opened.
    expect(calls.menus.length).toBeGreaterThanOrEqual(menusBefore);
    const menu = calls.menus.at(-1) as Array<{ label?: string; submenu?: Array<{ label?: string; submenu?: Array<{ label?: string }> }> }>;
    const openRecent = menu[0]?.submenu?.find((i) => i.label === 'Open Recent');
    expect(openRecent?.submenu?.some((i) => i.label?.endsWith(` — ${recentPath}`))).toBe(true);
  });

  it('on quit, waits for the notebook to close, then quits for real', async () => {
    const event = { defaultPrevented: false, preventDefault: () => (event.defaultPrevented = true) };
    const quitsBefore = calls.quit;
    fake.electron.app.emit('before-quit', event);
    expect(event.defaultPrevented).toBe(true);
    await vi.waitFor(() => expect(calls.quit).toBe(quitsBefore + 1), { timeout: 10_000 });
    // After closing, IPC calls that need a notebook say so instead of touching a closed store.
    expect(await callAs(trustedEvent(), 'articles.list', {})).toMatchObject({ ok: false, error: { code: 'no-notebook' } });
  });
});
