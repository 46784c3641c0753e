/**
 * The browser host's HTTP protocol and defences, against a fake app so every rule is tested on
 * its own (the real app through HTTP is in server-app.test.ts).
 */
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DossierEvent } from '../../../shared/api/contract';
import type { Result } from '../../../shared/api/result';
import type { DossierAppOptions } from '../../../electron/app/dossier-app';
import { CONTENT_SECURITY_POLICY } from '../../../electron/host/security';
import { startHost, type HostApp, type HostOptions, type RunningHost } from '../../../electron/host/server';
import { apiCall, rawRequest } from './http';

// The protocol does not need the notebook stack behind the app: keep these tests independent of it.
vi.mock('../../../electron/app/dossier-app', () => ({
  DossierApp: class {
    constructor() {
      throw new Error('the protocol tests must pass createApp');
    }
  },
}));

class FakeApp implements HostApp {
  calls: Array<{ method: unknown; input: unknown }> = [];
  started: { notebook?: string } | undefined;
  closed = 0;
  constructor(readonly options: DossierAppOptions) {}
  async start(opts?: { notebook?: string }): Promise<null> {
    this.started = opts;
    return null;
  }
  async call(method: unknown, input: unknown): Promise<Result<unknown>> {
    this.calls.push({ method, input });
    if (method === 'app.info') return { ok: true, value: { version: this.options.version, host: this.options.host, notebook: null } };
    if (method === 'test.slow') {
      await new Promise((r) => setTimeout(r, 300));
      return { ok: true, value: 'slow done' };
    }
    return { ok: false, error: { code: 'unknown-method', message: `There is no method called ${JSON.stringify(method)}.` } };
  }
  async close(): Promise<void> {
    this.closed += 1;
  }
}

let root: string;
let rendererDir: string;
const hosts: RunningHost[] = [];

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'dossier-host-'));
  rendererDir = join(root, 'renderer');
  await mkdir(join(rendererDir, 'assets'), { recursive: true });
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Dossier</title><script type="module" src="/assets/app.js"></script>');
  await writeFile(join(rendererDir, 'assets', 'app.js'), 'console.log("app");');
  await writeFile(join(rendererDir, 'assets', 'app.css'), 'body{}');
  await writeFile(join(rendererDir, 'Klaipėda notes.txt'), 'unicode name');
  await writeFile(join(rendererDir, '.env'), 'SECRET=dotfile');
  await mkdir(join(rendererDir, '.git'));
  await writeFile(join(rendererDir, '.git', 'config'), 'SECRET=dotdir');
  await writeFile(join(root, 'outside.txt'), 'SECRET=outside');
  await symlink(join(root, 'outside.txt'), join(rendererDir, 'assets', 'link.txt'));
});

afterEach(async () => {
  await Promise.all(hosts.splice(0).map((h) => h.close()));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function start(overrides: Partial<HostOptions> = {}): Promise<{ host: RunningHost; app: () => FakeApp }> {
  let app: FakeApp | undefined;
  const host = await startHost({
    port: 0,
    dataDir: join(root, 'data'),
    rendererDir,
    resourcesDir: join(root, 'resources'),
    version: '9.9.9-test',
    token: 'test-token-0123456789abcdef',
    createApp: (opts) => (app = new FakeApp(opts)),
    ...overrides,
  });
  hosts.push(host);
  return { host, app: () => app! };
}

describe('browser host: startup', () => {
  it('listens on 127.0.0.1 with the token in the URL fragment, and starts the app as a browser host', async () => {
    const { host, app } = await start({ notebook: join(root, 'nb') });
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/#token=test-token-0123456789abcdef`);
    expect(host.port).toBeGreaterThan(0);
    expect(app().options.host).toBe('browser');
    expect(app().started).toEqual({ notebook: join(root, 'nb') });
  });

  it('makes up a random 43-character base64url token when none is given', async () => {
    const { host: a } = await start({ token: undefined });
    const { host: b } = await start({ token: undefined });
    expect(a.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a.token).not.toBe(b.token);
  });

  it('says clearly when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as { port: number }).port;
    try {
      await expect(start({ port })).rejects.toThrow(`Port ${port} on 127.0.0.1 is already in use`);
    } finally {
      blocker.close();
    }
  });

  it('close() stops listening, closes the app once, and is idempotent', async () => {
    const { host, app } = await start();
    await Promise.all([host.close(), host.close()]);
    expect(app().closed).toBe(1);
    await expect(rawRequest({ port: host.port, path: '/' })).rejects.toThrow(/ECONNREFUSED/);
  });

  it('close() lets a call in flight finish before closing the app', async () => {
    const { host, app } = await start();
    const pending = apiCall(host.port, host.token, { method: 'test.slow', input: {} });
    await new Promise((r) => setTimeout(r, 50));
    await host.close();
    const res = await pending;
    expect(JSON.parse(res.body)).toEqual({ ok: true, value: 'slow done' });
    expect(app().closed).toBe(1);
  });
});

describe('browser host: Host header (DNS rebinding)', () => {
  it.each(['evil.example', 'evil.example:PORT', '127.0.0.1', '127.0.0.1:1', 'localhost.evil.example:PORT', '[::1]:PORT'])(
    'refuses Host %s with 403 "Forbidden host"',
    async (hostHeader) => {
      const { host } = await start();
      for (const path of ['/', '/api/call']) {
        const res = await rawRequest({
          port: host.port,
          path,
          method: path === '/' ? 'GET' : 'POST',
          headers: { Host: hostHeader.replace('PORT', String(host.port)), 'X-Dossier-Token': host.token },
          body: path === '/' ? undefined : JSON.stringify({ method: 'app.info', input: {} }),
        });
        expect(res.status).toBe(403);
        expect(res.body).toBe('Forbidden host');
      }
    },
  );

  it('accepts 127.0.0.1:<port> and localhost:<port>', async () => {
    const { host } = await start();
    for (const name of ['127.0.0.1', 'localhost']) {
      const res = await rawRequest({ port: host.port, path: '/', headers: { Host: `${name}:${host.port}` } });
      expect(res.status).toBe(200);
    }
  });
});

describe('browser host: token', () => {
  it('refuses /api/call without a token, with a wrong one, and with a prefix of the right one', async () => {
    const { host, app } = await start();
    for (const token of [null, '', 'wrong-token', host.token.slice(0, -1), `${host.token}x`]) {
      const res = await apiCall(host.port, token, { method: 'app.info', input: {} });
      expect(res.status).toBe(401);
      const body = JSON.parse(res.body) as Result<unknown>;
      expect(body.ok).toBe(false);
      if (!body.ok) expect(body.error.code).toBe('forbidden');
    }
    expect(app().calls).toEqual([]);
  });

  it('answers the Result of the call with the right token', async () => {
    const { host } = await start();
    const res = await apiCall(host.port, host.token, { method: 'app.info', input: {} });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(res.body)).toEqual({ ok: true, value: { version: '9.9.9-test', host: 'browser', notebook: null } });
  });

  it('refuses the event stream without the token', async () => {
    const { host } = await start();
    const res = await rawRequest({ port: host.port, path: '/api/events?token=nope' });
    expect(res.status).toBe(401);
  });
});

describe('browser host: Origin', () => {
  it('refuses API calls from a foreign origin even with the right token', async () => {
    const { host, app } = await start();
    for (const origin of ['http://evil.example', `http://127.0.0.1:${host.port + 1}`, `https://127.0.0.1:${host.port}`, 'null']) {
      const res = await apiCall(host.port, host.token, { method: 'app.info', input: {} }, { Origin: origin });
      expect(res.status).toBe(403);
    }
    expect(app().calls).toEqual([]);
  });

  it('accepts its own origins', async () => {
    const { host } = await start();
    for (const origin of [`http://127.0.0.1:${host.port}`, `http://localhost:${host.port}`]) {
      const res = await apiCall(host.port, host.token, { method: 'app.info', input: {} }, { Origin: origin });
      expect(res.status).toBe(200);
    }
  });
});

describe('browser host: /api/call requests', () => {
  it('passes an unknown method through to a Result error with status 200', async () => {
    const { host } = await start();
    const res = await apiCall(host.port, host.token, { method: 'nope.nothing', input: {} });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
  });

  it('answers 400 invalid-input for a body that is not JSON or has no method', async () => {
    const { host } = await start();
    for (const body of ['{not json', '[]', '{"input":{}}', '"app.info"']) {
      const res = await rawRequest({ port: host.port, path: '/api/call', method: 'POST', headers: { 'X-Dossier-Token': host.token }, body });
      expect(res.status).toBe(400);
      expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    }
  });

  it('answers 413 with a clear message when the body is over the limit', async () => {
    const { host, app } = await start({ maxBodyBytes: 1024 });
    const res = await apiCall(host.port, host.token, { method: 'articles.import', input: { files: [{ name: 'a.txt', dataBase64: 'A'.repeat(4096) }] } });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { message: expect.stringContaining('over the limit of 1024 bytes') } });
    expect(app().calls).toEqual([]);
  });

  it('answers 413 when a chunked body grows over the limit', async () => {
    const { host } = await start({ maxBodyBytes: 1024 });
    const res = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: host.port,
          path: '/api/call',
          method: 'POST',
          headers: { Host: `127.0.0.1:${host.port}`, 'X-Dossier-Token': host.token, 'Transfer-Encoding': 'chunked' },
          agent: false,
        },
        (r) => {
          let body = '';
          r.on('data', (c: Buffer) => (body += c.toString()));
          r.on('end', () => resolve({ status: r.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      req.write('{"method":"app.info","input":{"x":"');
      req.write('B'.repeat(2048));
      req.end('"}}');
    });
    expect(res.status).toBe(413);
  });

  it('refuses GET on /api/call and unknown API paths', async () => {
    const { host } = await start();
    const get = await rawRequest({ port: host.port, path: '/api/call', headers: { 'X-Dossier-Token': host.token } });
    expect(get.status).toBe(405);
    const other = await rawRequest({ port: host.port, path: '/api/other' });
    expect(other.status).toBe(404);
  });
});

describe('browser host: event stream', () => {
  it('sends each emitted event as one data line, to every client, and forgets closed clients', async () => {
    const { host, app } = await start({ keepAliveMs: 50 });
    const controller = new AbortController();
    const res = await fetch(`${host.origin}/api/events?token=${host.token}`, { signal: controller.signal });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let received = '';
    const readUntil = async (needle: string): Promise<void> => {
      while (!received.includes(needle)) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`stream ended before ${needle}; got ${received}`);
        received += decoder.decode(value, { stream: true });
      }
    };
    await readUntil(': connected');
    const event: DossierEvent = { type: 'import.progress', batchId: null, done: 1, total: 2, file: 'Klaipėda\nline.txt', status: 'imported' };
    app().options.emit(event);
    await readUntil('\n\n', );
    await readUntil('"import.progress"');
    const frame = received.split('\n\n').find((f) => f.startsWith('data: '));
    expect(frame).toBe(`data: ${JSON.stringify(event)}`);
    expect(JSON.parse(frame!.slice('data: '.length))).toEqual(event);
    await readUntil(': keep-alive');
    controller.abort();
    await new Promise((r) => setTimeout(r, 50));
    // Emitting to a closed client must not throw.
    expect(() => app().options.emit({ type: 'articles.changed' })).not.toThrow();
  });
});

describe('browser host: static files', () => {
  it('serves index.html at / with no-store, and assets with their content type', async () => {
    const { host } = await start();
    const index = await rawRequest({ port: host.port, path: '/' });
    expect(index.status).toBe(200);
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(index.headers['cache-control']).toBe('no-store');
    expect(index.body).toContain('<title>Dossier</title>');
    const js = await rawRequest({ port: host.port, path: '/assets/app.js' });
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.body).toBe('console.log("app");');
    const css = await rawRequest({ port: host.port, path: '/assets/app.css?v=1' });
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    const named = await rawRequest({ port: host.port, path: `/${encodeURIComponent('Klaipėda notes.txt')}` });
    expect(named.body).toBe('unicode name');
  });

  it('puts the CSP and the other security headers on every response', async () => {
    const { host } = await start();
    const responses = await Promise.all([
      rawRequest({ port: host.port, path: '/' }),
      rawRequest({ port: host.port, path: '/assets/app.js' }),
      rawRequest({ port: host.port, path: '/missing' }),
      rawRequest({ port: host.port, path: '/', headers: { Host: 'evil.example' } }),
      apiCall(host.port, host.token, { method: 'app.info', input: {} }),
      apiCall(host.port, null, { method: 'app.info', input: {} }),
    ]);
    for (const res of responses) {
      expect(res.headers['content-security-policy']).toBe(
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; frame-src 'none'; frame-ancestors 'none'; form-action 'none'; base-uri 'none'",
      );
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
      expect(res.headers['cross-origin-resource-policy']).toBe('same-origin');
    }
  });

  it.each([
    '/../outside.txt',
    '/%2e%2e/outside.txt',
    '/assets/..%2f..%2foutside.txt',
    '/assets/%2e%2e/%2e%2e/outside.txt',
    '/..%5coutside.txt',
    '/%2e%2e%5coutside.txt',
    '/assets/link.txt',
    '/.env',
    '/%2eenv',
    '/.git/config',
    '/assets/../.env',
    '/%00index.html',
    '/%E0%A4%A',
  ])('refuses %s with 404 and leaks nothing', async (path) => {
    const { host } = await start();
    const res = await rawRequest({ port: host.port, path });
    expect(res.status).toBe(404);
    expect(res.body).not.toContain('SECRET');
  });

  it('refuses methods other than GET and HEAD for pages', async () => {
    const { host } = await start();
    const res = await rawRequest({ port: host.port, path: '/', method: 'POST', body: 'x' });
    expect(res.status).toBe(405);
    const head = await rawRequest({ port: host.port, path: '/', method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
  });

  it('answers 500 with a hint to build when the renderer folder has no index.html', async () => {
    const empty = join(root, 'empty-renderer');
    await mkdir(empty, { recursive: true });
    const { host } = await start({ rendererDir: empty });
    const res = await rawRequest({ port: host.port, path: '/' });
    expect(res.status).toBe(500);
    expect(res.body).toContain('npm run build');
  });
});
