/**
 * The page's Content-Security-Policy, defined once: the Electron shell sends it as a header, the
 * browser host sends it on every response, and renderer/index.html carries the same production
 * policy in a meta tag (electron/main/policy.test.ts keeps the two equal). Nothing the page shows
 * may come from anywhere but the app itself.
 */

const PRODUCTION_DIRECTIVES: ReadonlyArray<readonly [string, string]> = [
  ['default-src', "'none'"],
  ['script-src', "'self'"],
  ['style-src', "'self'"],
  ['img-src', "'self' data:"],
  ['font-src', "'self'"],
  ['connect-src', "'self'"],
  ['object-src', "'none'"],
  ['frame-src', "'none'"],
  ['frame-ancestors', "'none'"],
  ['form-action', "'none'"],
  ['base-uri', "'none'"],
];

/**
 * The policy for the built renderer, or, given the dev server's origin (electron-vite dev), one
 * that also admits that server, its websocket and the inline scripts/styles its hot reload injects.
 */
export function contentSecurityPolicy(devServerOrigin: string | null = null): string {
  if (devServerOrigin === null) return PRODUCTION_DIRECTIVES.map(([name, value]) => `${name} ${value}`).join('; ');
  const socket = devServerOrigin.replace(/^http/, 'ws');
  const dev: Record<string, string> = {
    'script-src': `'self' 'unsafe-inline' ${devServerOrigin}`,
    'style-src': `'self' 'unsafe-inline' ${devServerOrigin}`,
    'img-src': `'self' data: ${devServerOrigin}`,
    'font-src': `'self' ${devServerOrigin}`,
    'connect-src': `'self' ${devServerOrigin} ${socket}`,
  };
  return PRODUCTION_DIRECTIVES.map(([name, value]) => `${name} ${dev[name] ?? value}`).join('; ');
}
