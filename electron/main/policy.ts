/**
 * The shell's security policy as plain functions: which URLs are the app's own, the
 * Content-Security-Policy, which requests may leave the page, how app:// URLs map to files.
 * No `electron` import here, so all of it is unit-tested under plain Node (Electron's binary
 * cannot run on the build machines); security.ts and ipc.ts apply it to Electron's objects.
 */
import path from 'node:path';
import { contentSecurityPolicy as sharedContentSecurityPolicy } from '../../shared/web/content-security-policy';
import { mediaTypeForPath } from '../../shared/web/media-types';

/** The custom scheme the renderer is served from (Electron security checklist #18: no file://). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'dossier';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * Where the renderer comes from: the built files behind app://dossier, or in development the
 * electron-vite dev server (ELECTRON_RENDERER_URL, only honoured when the app is not packaged).
 */
export type RendererSource = { kind: 'app' } | { kind: 'dev'; url: string; origin: string };

export function rendererSource(devUrl: string | undefined, isPackaged: boolean): RendererSource {
  if (isPackaged || !devUrl) return { kind: 'app' };
  const url = new URL(devUrl);
  // A dev server is only ever local; anything else would mean loading remote code.
  if (url.protocol !== 'http:' || !['localhost', '127.0.0.1', '[::1]'].includes(url.hostname)) {
    throw new Error(`ELECTRON_RENDERER_URL must be a local http:// dev server, got ${devUrl}`);
  }
  return { kind: 'dev', url: url.href, origin: url.origin };
}

export function entryUrl(source: RendererSource): string {
  return source.kind === 'app' ? APP_ENTRY_URL : source.url;
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** True for a URL of the app's own renderer: app://dossier/… or, in development, the dev server's origin. */
export function isAppUrl(url: string, source: RendererSource): boolean {
  const parsed = parse(url);
  if (!parsed) return false;
  if (parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST) return true;
  return source.kind === 'dev' && parsed.origin === source.origin;
}

/**
 * The Content-Security-Policy for everything the app loads. In production it is the policy of
 * renderer/index.html's meta tag (same directives, same sources), plus the directives a meta tag
 * cannot carry (frame-ancestors) or leaves to default-src: scripts and styles only from the app
 * itself, no inline script, no eval, no plugins, frames, forms or base-URI changes, no network
 * beyond the app's own origin. React sets styles through the CSSOM, which style-src does not govern.
 * In development Vite serves the page: its client, the React refresh preamble (an inline script),
 * injected <style> tags and the HMR websocket are allowed, from the dev server only.
 */
export function contentSecurityPolicy(source: RendererSource): string {
  return sharedContentSecurityPolicy(source.kind === 'app' ? null : source.origin);
}

/**
 * Requests the session lets through (checked in webRequest.onBeforeRequest): the app's own files,
 * inline data, DevTools' own pages, and in development the dev server and its websocket.
 * Everything else (http(s) anywhere, file://) is cancelled: the app never loads remote content.
 */
export function isAllowedRequest(url: string, source: RendererSource): boolean {
  const parsed = parse(url);
  if (!parsed) return false;
  switch (parsed.protocol) {
    case `${APP_SCHEME}:`:
      return parsed.host === APP_HOST;
    case 'data:':
    case 'blob:':
    case 'devtools:':
      return true;
    case 'http:':
      return source.kind === 'dev' && parsed.origin === source.origin;
    case 'ws:':
      return source.kind === 'dev' && parsed.host === new URL(source.origin).host;
    default:
      return false;
  }
}

/** Permissions the page may use; every other one (camera, geolocation, notifications, …) is refused. */
const GRANTABLE_PERMISSIONS = new Set([
  // Writing plain text to the clipboard ("copy citation"): it can only put data out, never read it.
  'clipboard-sanitized-write',
]);

export function isPermissionAllowed(permission: string, requestingUrl: string, source: RendererSource): boolean {
  return GRANTABLE_PERMISSIONS.has(permission) && isAppUrl(requestingUrl, source);
}

export function mimeTypeFor(file: string): string {
  return mediaTypeForPath(file);
}

export type AssetLookup =
  | { ok: true; file: string; mimeType: string }
  | { ok: false; status: 400 | 403 | 404 | 405; reason: string };

/**
 * Maps an app://dossier/… request to a file inside the built renderer folder. Refuses other hosts,
 * methods other than GET/HEAD, and any path that would leave the folder (`..`, encoded slashes,
 * absolute paths), so the protocol can never serve the rest of the disk.
 */
export function resolveAppAsset(rendererDir: string, requestUrl: string, method = 'GET'): AssetLookup {
  if (method !== 'GET' && method !== 'HEAD') return { ok: false, status: 405, reason: `method ${method}` };
  const url = parse(requestUrl);
  if (!url || url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) {
    return { ok: false, status: 404, reason: `not an ${APP_ORIGIN} URL: ${requestUrl}` };
  }
  let relative: string;
  try {
    relative = decodeURIComponent(url.pathname);
  } catch {
    return { ok: false, status: 400, reason: `malformed path ${url.pathname}` };
  }
  if (relative.includes('\0') || relative.includes('\\')) {
    return { ok: false, status: 400, reason: `malformed path ${url.pathname}` };
  }
  if (relative === '/' || relative === '') relative = '/index.html';
  const root = path.resolve(rendererDir);
  const file = path.resolve(root, `.${relative}`);
  if (file !== root && !file.startsWith(root + path.sep)) {
    return { ok: false, status: 403, reason: `path escapes the renderer folder: ${url.pathname}` };
  }
  return { ok: true, file, mimeType: mimeTypeFor(file) };
}

/**
 * The notebook folder named on the command line (`--notebook PATH` or `--notebook=PATH`),
 * resolved against the directory the command was started in; null when there is none.
 */
export function notebookArg(argv: readonly string[], cwd: string): string | null {
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === undefined) continue;
    if (arg.startsWith('--notebook=')) {
      const value = arg.slice('--notebook='.length);
      return value ? path.resolve(cwd, value) : null;
    }
    if (arg === '--notebook') {
      const value = argv[i + 1];
      return value && !value.startsWith('--') ? path.resolve(cwd, value) : null;
    }
  }
  return null;
}
