import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from './content-security-policy';
import { mediaTypeForPath } from './media-types';

const directives = (csp: string) => new Map(csp.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));

describe('contentSecurityPolicy', () => {
  it('lets the built page load only itself: no inline script, no remote origin, no frames or plugins', () => {
    const csp = directives(contentSecurityPolicy());
    expect(csp.get('default-src')).toEqual(["'none'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    for (const name of ['object-src', 'frame-src', 'frame-ancestors', 'form-action', 'base-uri']) expect(csp.get(name)).toEqual(["'none'"]);
    expect(contentSecurityPolicy()).not.toMatch(/unsafe|http|\*/);
  });

  it('admits the dev server, its websocket and hot-reload inline code only when given its origin', () => {
    const csp = directives(contentSecurityPolicy('http://localhost:5173'));
    expect(csp.get('script-src')).toEqual(["'self'", "'unsafe-inline'", 'http://localhost:5173']);
    expect(csp.get('connect-src')).toContain('ws://localhost:5173');
    expect(csp.get('object-src')).toEqual(["'none'"]);
  });
});

describe('mediaTypeForPath', () => {
  it('types the renderer files by extension, case-insensitively, from POSIX and Windows paths', () => {
    expect(mediaTypeForPath('/out/renderer/index.html')).toBe('text/html; charset=utf-8');
    expect(mediaTypeForPath('C:\\app\\assets\\index-abc.JS')).toBe('text/javascript; charset=utf-8');
    expect(mediaTypeForPath('assets/app.css')).toBe('text/css; charset=utf-8');
  });

  it('serves anything unknown, or a dotfile without extension, as opaque bytes', () => {
    expect(mediaTypeForPath('evil.exe')).toBe('application/octet-stream');
    expect(mediaTypeForPath('/x/.env')).toBe('application/octet-stream');
    expect(mediaTypeForPath('README')).toBe('application/octet-stream');
  });
});
