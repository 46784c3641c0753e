/**
 * Applies the policy in policy.ts to Electron: the privileged app:// scheme that serves the built
 * renderer, the session's request filter, CSP header and permission handlers, and the
 * navigation / new-window / webview guards on every web contents the app ever creates.
 */
import { readFile } from 'node:fs/promises';
import { app, protocol, type Session, type WebContents } from 'electron';
import {
  APP_SCHEME,
  contentSecurityPolicy,
  isAllowedRequest,
  isAppUrl,
  isPermissionAllowed,
  resolveAppAsset,
  type RendererSource,
} from './policy';

/**
 * Must run before `ready`. `standard` gives app://dossier a real origin (so 'self' in the CSP and
 * relative URLs work), `secure` makes it a secure context like https. It does NOT get bypassCSP,
 * service workers or CORS privileges.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

function textResponse(status: number, body: string, csp: string): Response {
  return new Response(body, {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Security-Policy': csp },
  });
}

/** Serves the built renderer folder (inside app.asar when packaged) on app://dossier/. */
export function serveAppProtocol(session: Session, rendererDir: string, source: RendererSource): void {
  const csp = contentSecurityPolicy(source);
  session.protocol.handle(APP_SCHEME, async (request) => {
    const lookup = resolveAppAsset(rendererDir, request.url, request.method);
    if (!lookup.ok) {
      console.warn(`app:// refused ${request.url}: ${lookup.reason}`);
      return textResponse(lookup.status, lookup.reason, csp);
    }
    let body: Buffer;
    try {
      body = await readFile(lookup.file);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const status = code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR' ? 404 : 500;
      return textResponse(status, `${lookup.file}: ${code ?? String(error)}`, csp);
    }
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
      status: 200,
      headers: {
        'Content-Type': lookup.mimeType,
        'Content-Security-Policy': csp,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'no-cache',
      },
    });
  });
}

/**
 * Session-wide guards: cancel every request that is not the app's own (no remote content, ever),
 * put the CSP header on every response, and refuse permissions (camera, location, notifications…)
 * apart from writing text to the clipboard from the app's own page.
 */
export function hardenSession(session: Session, source: RendererSource): void {
  const csp = contentSecurityPolicy(source);

  session.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isAllowedRequest(details.url, source);
    if (!allowed) console.warn(`Blocked a request to ${details.url}`);
    callback({ cancel: !allowed });
  });

  session.webRequest.onHeadersReceived((details, callback) => {
    const headers: Record<string, string[]> = {};
    for (const [name, value] of Object.entries(details.responseHeaders ?? {})) {
      // Replace whatever CSP a response brought (the dev server sends none; nothing else is allowed through).
      if (name.toLowerCase() !== 'content-security-policy') headers[name] = value;
    }
    headers['Content-Security-Policy'] = [csp];
    headers['X-Content-Type-Options'] = ['nosniff'];
    callback({ responseHeaders: headers });
  });

  session.setPermissionRequestHandler((webContents, permission, callback, details) => {
    const url = details.requestingUrl || webContents.getURL();
    const allowed = isPermissionAllowed(permission, url, source);
    if (!allowed) console.warn(`Denied permission ${permission} requested by ${url}`);
    callback(allowed);
  });
  session.setPermissionCheckHandler((_webContents, permission, requestingOrigin) =>
    isPermissionAllowed(permission, requestingOrigin, source),
  );
  // USB / HID / serial / Bluetooth devices: never.
  session.setDevicePermissionHandler(() => false);
  session.setDisplayMediaRequestHandler((_request, callback) => callback({}));
}

/** Navigation, redirects, new windows and <webview> are all refused unless they stay on the app's own page. */
export function guardWebContents(contents: WebContents, source: RendererSource): void {
  contents.on('will-navigate', (event) => {
    if (!isAppUrl(event.url, source)) {
      event.preventDefault();
      console.warn(`Blocked navigation to ${event.url}`);
    }
  });
  contents.on('will-frame-navigate', (event) => {
    if (!isAppUrl(event.url, source)) {
      event.preventDefault();
      console.warn(`Blocked frame navigation to ${event.url}`);
    }
  });
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url, source)) {
      event.preventDefault();
      console.warn(`Blocked redirect to ${event.url}`);
    }
  });
  // No page ever opens a window, and links are never handed to the system browser:
  // window.open, target=_blank and middle-click all end here.
  contents.setWindowOpenHandler(({ url }) => {
    console.warn(`Blocked a new window for ${url}`);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    console.warn('Blocked a <webview>');
  });
}

/** Applies guardWebContents to every web contents, including ones created later (DevTools, popups that never open). */
export function guardAllWebContents(source: RendererSource): void {
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, source));
}
