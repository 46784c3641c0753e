import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  contentSecurityPolicy,
  entryUrl,
  isAllowedRequest,
  isAppUrl,
  isPermissionAllowed,
  notebookArg,
  rendererSource,
  resolveAppAsset,
  type RendererSource,
} from './policy';

const prod: RendererSource = { kind: 'app' };
const dev = rendererSource('http://localhost:5173/', false);

describe('rendererSource', () => {
  it('uses the built files when packaged, even if a dev URL leaked into the environment', () => {
    expect(rendererSource('http://localhost:5173', true)).toEqual({ kind: 'app' });
    expect(rendererSource(undefined, false)).toEqual({ kind: 'app' });
    expect(entryUrl(prod)).toBe('app://dossier/index.html');
  });

  it('accepts a local dev server and refuses anything remote', () => {
    expect(dev).toEqual({ kind: 'dev', url: 'http://localhost:5173/', origin: 'http://localhost:5173' });
    expect(() => rendererSource('https://evil.example/', false)).toThrow(/local http:\/\/ dev server/);
    expect(() => rendererSource('http://192.168.1.5:5173/', false)).toThrow(/ELECTRON_RENDERER_URL/);
  });
});

describe('isAppUrl', () => {
  it('knows the app’s own page', () => {
    expect(isAppUrl(APP_ENTRY_URL, prod)).toBe(true);
    expect(isAppUrl('app://dossier/assets/index-abc.js#x', prod)).toBe(true);
  });

  it('refuses look-alikes, file:// and the web', () => {
    for (const url of [
      'app://evil/index.html',
      'app://dossier.evil/index.html',
      'file:///work/out/renderer/index.html',
      'https://dossier/index.html',
      'http://localhost:5173/',
      'about:blank',
      'not a url',
      '',
    ]) {
      expect(isAppUrl(url, prod), url).toBe(false);
    }
  });

  it('in development accepts exactly the dev server origin', () => {
    expect(isAppUrl('http://localhost:5173/index.html', dev)).toBe(true);
    expect(isAppUrl('http://localhost:5174/', dev)).toBe(false);
    expect(isAppUrl('http://127.0.0.1:5173/', dev)).toBe(false);
  });
});

describe('contentSecurityPolicy', () => {
  const directives = (csp: string) =>
    new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));

  it('is strict in production: no inline or remote script, no frames, no plugins', () => {
    const csp = directives(contentSecurityPolicy(prod));
    expect(csp.get('default-src')).toEqual(["'none'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('frame-src')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'none'"]);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    expect(csp.get('style-src')).toEqual(["'self'"]);
    expect(contentSecurityPolicy(prod)).not.toMatch(/unsafe|https?:|\*/);
  });

  it('in production carries every directive of renderer/index.html with the same sources', async () => {
    const html = await readFile(path.join(import.meta.dirname, '..', '..', 'renderer', 'index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta, 'renderer/index.html has a CSP meta tag').toBeTruthy();
    const header = directives(contentSecurityPolicy(prod));
    for (const [name, values] of directives(meta ?? '')) {
      expect(header.get(name), name).toEqual(values);
    }
  });

  it('in development allows the dev server and its websocket', () => {
    const csp = directives(contentSecurityPolicy(dev));
    expect(csp.get('script-src')).toContain('http://localhost:5173');
    expect(csp.get('connect-src')).toEqual(["'self'", 'http://localhost:5173', 'ws://localhost:5173']);
  });
});

describe('isAllowedRequest', () => {
  it('lets only the app’s own files and inline data through in production', () => {
    expect(isAllowedRequest('app://dossier/assets/a.js', prod)).toBe(true);
    expect(isAllowedRequest('data:image/png;base64,AAAA', prod)).toBe(true);
    expect(isAllowedRequest('devtools://devtools/bundled/inspector.html', prod)).toBe(true);
    for (const url of [
      'https://example.com/tracker.gif',
      'http://127.0.0.1:8080/api',
      'file:///etc/passwd',
      'app://other/x.js',
      'ws://localhost:5173/',
      'ftp://example.com/',
    ]) {
      expect(isAllowedRequest(url, prod), url).toBe(false);
    }
  });

  it('adds the dev server (http and ws, same host and port) in development', () => {
    expect(isAllowedRequest('http://localhost:5173/@vite/client', dev)).toBe(true);
    expect(isAllowedRequest('ws://localhost:5173/', dev)).toBe(true);
    expect(isAllowedRequest('ws://localhost:9999/', dev)).toBe(false);
    expect(isAllowedRequest('https://example.com/', dev)).toBe(false);
  });
});

describe('isPermissionAllowed', () => {
  it('grants only clipboard writing, and only to the app’s own page', () => {
    expect(isPermissionAllowed('clipboard-sanitized-write', 'app://dossier/index.html', prod)).toBe(true);
    expect(isPermissionAllowed('clipboard-sanitized-write', 'https://evil.example/', prod)).toBe(false);
    for (const permission of ['clipboard-read', 'media', 'geolocation', 'notifications', 'openExternal', 'hid']) {
      expect(isPermissionAllowed(permission, 'app://dossier/index.html', prod), permission).toBe(false);
    }
  });
});

describe('resolveAppAsset', () => {
  let root: string;
  let rendererDir: string;

  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'dossier-policy-'));
    rendererDir = path.join(root, 'renderer');
    await mkdir(path.join(rendererDir, 'assets'), { recursive: true });
    await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html>');
    await writeFile(path.join(root, 'secret.txt'), 'outside');
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('maps the root and asset paths into the renderer folder with the right MIME type', () => {
    expect(resolveAppAsset(rendererDir, 'app://dossier/')).toEqual({
      ok: true,
      file: path.join(rendererDir, 'index.html'),
      mimeType: 'text/html; charset=utf-8',
    });
    const js = resolveAppAsset(rendererDir, 'app://dossier/assets/index-abc.js?v=1');
    expect(js).toEqual({ ok: true, file: path.join(rendererDir, 'assets', 'index-abc.js'), mimeType: 'text/javascript; charset=utf-8' });
    const font = resolveAppAsset(rendererDir, 'app://dossier/assets/Inter%20Var.woff2');
    expect(font).toMatchObject({ ok: true, file: path.join(rendererDir, 'assets', 'Inter Var.woff2'), mimeType: 'font/woff2' });
  });

  it('never serves a file outside the renderer folder', () => {
    const inside = (file: string) => file.startsWith(rendererDir + path.sep);
    for (const url of [
      'app://dossier/../../secret.txt',
      'app://dossier/%2e%2e/secret.txt',
      'app://dossier/assets/%2E%2E/%2E%2E/secret.txt',
      'app://dossier/..%2fsecret.txt',
      'app://dossier/%2e%2e%2f%2e%2e%2fsecret.txt',
      'app://dossier/%2e%2e%5csecret.txt',
      'app://dossier//etc/passwd',
      'app://dossier/%2Fetc%2Fpasswd',
    ]) {
      const result = resolveAppAsset(rendererDir, url);
      // Either refused, or (the URL parser folds plain and %2e dot segments) a path still inside.
      if (result.ok) expect(inside(result.file), `${url} -> ${result.file}`).toBe(true);
      else expect([400, 403], url).toContain(result.status);
    }
    expect(resolveAppAsset(rendererDir, 'app://dossier/..%2f..%2fsecret.txt')).toMatchObject({ ok: false, status: 403 });
    expect(resolveAppAsset(rendererDir, 'app://dossier/%2e%2e%5csecret.txt')).toMatchObject({ ok: false, status: 400 });
    expect(resolveAppAsset(rendererDir, 'app://dossier/assets/%00.js')).toMatchObject({ ok: false, status: 400 });
  });

  it('refuses other hosts, other schemes and writes', () => {
    expect(resolveAppAsset(rendererDir, 'app://other/index.html')).toMatchObject({ ok: false, status: 404 });
    expect(resolveAppAsset(rendererDir, 'file:///etc/passwd')).toMatchObject({ ok: false, status: 404 });
    expect(resolveAppAsset(rendererDir, 'app://dossier/index.html', 'POST')).toMatchObject({ ok: false, status: 405 });
    expect(resolveAppAsset(rendererDir, 'app://dossier/%E0%A4%A')).toMatchObject({ ok: false, status: 400 });
  });
});

describe('notebookArg', () => {
  it('reads --notebook PATH and --notebook=PATH relative to the working directory', () => {
    expect(notebookArg(['/opt/Dossier/dossier', '--notebook', 'cases/alpha'], '/home/ana')).toBe(
      path.resolve('/home/ana', 'cases/alpha'),
    );
    expect(notebookArg(['electron', '.', '--notebook=/data/nb'], '/x')).toBe(path.resolve('/data/nb'));
  });

  it('is null when absent or empty', () => {
    expect(notebookArg(['electron', '.'], '/x')).toBeNull();
    expect(notebookArg(['electron', '--notebook'], '/x')).toBeNull();
    expect(notebookArg(['electron', '--notebook', '--inspect'], '/x')).toBeNull();
    expect(notebookArg(['electron', '--notebook='], '/x')).toBeNull();
  });
});
