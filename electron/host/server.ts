/**
 * The browser host: the built renderer and the API contract over HTTP on 127.0.0.1, so Dossier
 * runs in any browser (and Playwright drives it in Chromium) without Electron.
 *
 * Protocol:
 * - `POST /api/call` `{method, input}` with header `X-Dossier-Token` -> 200 and the Result JSON.
 * - `GET /api/events?token=...` -> Server-Sent Events, one `data:` line per DossierEvent.
 * - everything else: static files of the renderer (GET/HEAD).
 * Every request must name us in `Host` (DNS rebinding), API requests from a browser must come from
 * our own origin, and every response carries the CSP and friends.
 */
import { mkdir } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { DossierApp, type DossierAppOptions } from '../app/dossier-app';
import type { DossierEvent } from '../../shared/api/contract';
import type { ErrorCode, Result } from '../../shared/api/result';
import { isAllowedHost, isAllowedOrigin, newToken, setSecurityHeaders, tokenMatches } from './security';
import { serveStatic } from './static';

export const DEFAULT_PORT = 4870;
/** Imports travel as base64 inside JSON, so the limit is generous; beyond it the answer is a clear 413. */
export const DEFAULT_MAX_BODY_BYTES = 256 * 1024 * 1024;
const KEEP_ALIVE_MS = 15_000;
/** How long shutdown waits for API calls in flight (an import being written) before cutting them. */
const DRAIN_MS = 10_000;

/** What the host needs of the application; DossierApp in production, a fake in protocol tests. */
export interface HostApp {
  start(opts?: { notebook?: string }): Promise<unknown>;
  call(method: unknown, input: unknown): Promise<Result<unknown>>;
  close(): Promise<void>;
}

export interface HostOptions {
  /** Per-user app state (recent notebooks, the sample notebook). Created if missing. */
  dataDir: string;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  /** Bundled resources (the sample notebook's sources). */
  resourcesDir: string;
  version: string;
  /** Default 4870; 0 picks a free port. */
  port?: number;
  /** Open this notebook instead of the last one (or the sample on first launch). */
  notebook?: string;
  /** Default: 32 random bytes, base64url. */
  token?: string;
  /** Log one line per request (method, path without query, status, time). */
  verbose?: boolean;
  /** Where verbose lines and warnings go; default stderr (stdout carries only the URL line). */
  log?: (line: string) => void;
  maxBodyBytes?: number;
  keepAliveMs?: number;
  /** For tests: build something other than a DossierApp. */
  createApp?: (opts: DossierAppOptions) => HostApp;
}

export interface RunningHost {
  /** `http://127.0.0.1:<port>/#token=<token>`: what the user opens. */
  url: string;
  /** `http://127.0.0.1:<port>`, without the token. */
  origin: string;
  port: number;
  token: string;
  /** Stops accepting requests, ends event streams, waits for calls in flight, closes the app. Idempotent. */
  close(): Promise<void>;
}

function errorBody(code: ErrorCode, message: string): Result<never> {
  return { ok: false, error: { code, message } };
}

function sendJson(res: ServerResponse, status: number, body: unknown, closeConnection = false): void {
  const text = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Content-Length', String(Buffer.byteLength(text)));
  if (closeConnection) res.setHeader('Connection', 'close');
  res.end(text);
}

function sendText(res: ServerResponse, status: number, text: string, extra: Record<string, string> = {}): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  for (const [name, value] of Object.entries(extra)) res.setHeader(name, value);
  res.end(text);
}

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > limit) {
        failed = true;
        chunks.length = 0;
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!failed) resolveBody(Buffer.concat(chunks));
    });
    req.on('error', (error) => {
      if (!failed) {
        failed = true;
        reject(error);
      }
    });
  });
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${Math.round(n / (1024 * 1024))} MB` : `${n} bytes`;
}

export async function startHost(opts: HostOptions): Promise<RunningHost> {
  const token = opts.token ?? newToken();
  const maxBody = opts.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const log = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const rendererDir = resolve(opts.rendererDir);
  const dataDir = resolve(opts.dataDir);
  await mkdir(dataDir, { recursive: true });

  const eventClients = new Set<ServerResponse>();
  const inFlight = new Set<Promise<unknown>>();
  let port = 0;
  let closing = false;

  const emit = (event: DossierEvent): void => {
    const frame = `data: ${JSON.stringify(event)}\n\n`; // JSON has no raw newlines: one data line
    for (const client of eventClients) client.write(frame);
  };

  const appOptions: DossierAppOptions = {
    host: 'browser',
    dataDir,
    resourcesDir: resolve(opts.resourcesDir),
    version: opts.version,
    emit,
  };
  const app: HostApp = opts.createApp ? opts.createApp(appOptions) : new DossierApp(appOptions);

  const handleCall = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== 'POST') {
      sendText(res, 405, 'Method not allowed', { Allow: 'POST' });
      return;
    }
    const given = req.headers['x-dossier-token'];
    if (!tokenMatches(Array.isArray(given) ? given[0] : given, token)) {
      // Answer without reading a body that may be huge, and drop the connection behind it.
      sendJson(res, 401, errorBody('forbidden', 'Missing or wrong X-Dossier-Token: open the URL the host printed.'), true);
      req.resume();
      return;
    }
    const declared = Number(req.headers['content-length'] ?? '0');
    if (Number.isFinite(declared) && declared > maxBody) {
      sendJson(res, 413, errorBody('invalid-input', `Request body of ${formatBytes(declared)} is over the limit of ${formatBytes(maxBody)}.`), true);
      req.resume();
      return;
    }
    let raw: Buffer;
    try {
      raw = await readBody(req, maxBody);
    } catch (error) {
      if (error instanceof BodyTooLarge) {
        sendJson(res, 413, errorBody('invalid-input', `Request body is over the limit of ${formatBytes(maxBody)}.`), true);
        req.resume();
      } else {
        res.destroy();
      }
      return;
    }
    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch (error) {
      sendJson(res, 400, errorBody('invalid-input', `Request body is not JSON: ${(error as Error).message}`));
      return;
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body) || typeof (body as { method?: unknown }).method !== 'string') {
      sendJson(res, 400, errorBody('invalid-input', 'Request body must be an object {"method": string, "input": object}.'));
      return;
    }
    const { method, input } = body as { method: string; input?: unknown };
    const pending = app.call(method, input ?? {});
    inFlight.add(pending);
    let result: Result<unknown>;
    try {
      result = await pending;
    } catch (error) {
      // DossierApp turns handler errors into Results; this is the last net for a bug in it.
      result = errorBody('internal', `Unexpected error in ${method}: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      inFlight.delete(pending);
    }
    // Always 200: the Result says ok or not, exactly as over IPC. Non-2xx is for transport problems.
    if (!res.destroyed) sendJson(res, 200, result);
  };

  const handleEvents = (req: IncomingMessage, res: ServerResponse, url: URL): void => {
    if (req.method !== 'GET') {
      sendText(res, 405, 'Method not allowed', { Allow: 'GET' });
      return;
    }
    // EventSource cannot send headers, so the token comes in the query (or a header for other clients).
    const header = req.headers['x-dossier-token'];
    const given = url.searchParams.get('token') ?? (Array.isArray(header) ? header[0] : header);
    if (!tokenMatches(given, token)) {
      sendJson(res, 401, errorBody('forbidden', 'Missing or wrong token for the event stream.'));
      return;
    }
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    res.write('retry: 2000\n: connected\n\n');
    eventClients.add(res);
    const drop = (): void => {
      eventClients.delete(res);
    };
    req.on('close', drop);
    res.on('close', drop);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    setSecurityHeaders(res);
    if (!isAllowedHost(req.headers.host, port)) {
      sendText(res, 403, 'Forbidden host', { Connection: 'close' });
      req.resume();
      return;
    }
    let url: URL;
    try {
      url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    } catch {
      sendText(res, 400, 'Bad request');
      return;
    }
    const path = url.pathname;
    if (path === '/api' || path.startsWith('/api/')) {
      const origin = req.headers.origin;
      if (!isAllowedOrigin(origin, port)) {
        sendJson(res, 403, errorBody('forbidden', `Requests from ${origin ?? 'another origin'} are not allowed.`), true);
        req.resume();
        return;
      }
      if (closing) {
        sendJson(res, 503, errorBody('internal', 'Dossier is shutting down.'), true);
        req.resume();
        return;
      }
      if (path === '/api/call') return handleCall(req, res);
      if (path === '/api/events') return handleEvents(req, res, url);
      sendJson(res, 404, errorBody('not-found', `No API endpoint ${path}: use POST /api/call or GET /api/events.`));
      req.resume();
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendText(res, 405, 'Method not allowed', { Allow: 'GET, HEAD' });
      req.resume();
      return;
    }
    await serveStatic(req, res, path, { rootDir: rendererDir, headOnly: req.method === 'HEAD' });
  };

  const server: Server = createServer((req, res) => {
    const started = Date.now();
    if (opts.verbose) {
      res.on('finish', () => {
        // The path only: the query may carry the token.
        const path = (req.url ?? '/').split('?')[0];
        log(`${req.method ?? '?'} ${path} ${res.statusCode} ${Date.now() - started}ms`);
      });
    }
    handle(req, res).catch((error: unknown) => {
      log(`Dossier host: request failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      if (!res.headersSent) sendJson(res, 500, errorBody('internal', 'The host failed to answer this request.'));
      else res.destroy();
    });
  });
  // Big imports can take longer than Node's default request timeout on a slow disk.
  server.requestTimeout = 0;

  const requestedPort = opts.port ?? DEFAULT_PORT;
  await new Promise<void>((resolveListen, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      if (error.code === 'EADDRINUSE') {
        reject(new Error(`Port ${requestedPort} on 127.0.0.1 is already in use: pass --port with another number, or --port 0 for a free one.`));
      } else {
        reject(new Error(`Could not listen on 127.0.0.1:${requestedPort}: ${error.message}`));
      }
    };
    server.once('error', onError);
    // 127.0.0.1 only: the API must never be reachable from another machine.
    server.listen(requestedPort, '127.0.0.1', () => {
      server.off('error', onError);
      resolveListen();
    });
  });
  port = (server.address() as AddressInfo).port;

  const closeServer = async (): Promise<void> => {
    for (const client of eventClients) client.end();
    eventClients.clear();
    await new Promise<void>((done) => {
      server.close(() => done());
      server.closeIdleConnections();
    });
  };

  try {
    await app.start(opts.notebook !== undefined ? { notebook: resolve(opts.notebook) } : undefined);
  } catch (error) {
    server.closeAllConnections();
    await closeServer();
    await app.close().catch(() => undefined);
    throw error;
  }

  // e.g. the last notebook was moved or is locked: the page shows the empty state, the terminal says why.
  const warning = (app as { startupWarning?: unknown }).startupWarning;
  if (typeof warning === 'string' && warning !== '') log(`Dossier host: ${warning}`);

  const keepAlive = setInterval(() => {
    for (const client of eventClients) client.write(': keep-alive\n\n');
  }, opts.keepAliveMs ?? KEEP_ALIVE_MS);
  keepAlive.unref();

  let closed: Promise<void> | null = null;
  const close = (): Promise<void> => {
    closed ??= (async () => {
      closing = true;
      clearInterval(keepAlive);
      const serverClosed = closeServer();
      // Let calls in flight (an import being written) finish before the notebook is closed.
      if (inFlight.size > 0) {
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([
          Promise.allSettled([...inFlight]),
          new Promise((done) => {
            timer = setTimeout(done, DRAIN_MS);
          }),
        ]);
        clearTimeout(timer);
      }
      server.closeAllConnections();
      await serverClosed;
      await app.close();
    })();
    return closed;
  };

  const origin = `http://127.0.0.1:${port}`;
  return { url: `${origin}/#token=${token}`, origin, port, token, close };
}
