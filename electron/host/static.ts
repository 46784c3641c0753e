/**
 * Serving the built renderer: safe path resolution, content types and caching.
 * Anything that could step outside the renderer folder, or reach a dotfile, is a 404: the host
 * never says whether such a file exists.
 */
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join, posix, resolve, sep } from 'node:path';
import { mediaTypeForPath } from '../../shared/web/media-types';

export function contentTypeFor(filePath: string): string {
  return mediaTypeForPath(filePath);
}

/**
 * Maps a URL path to a file inside `rootDir`, or null when the path is malformed, escapes the
 * root, or names a dotfile/dot-folder anywhere along the way. `/` maps to index.html.
 * Lexical only; `serveStatic` also checks the real path so a symlink cannot lead outside.
 */
export function resolveStaticPath(rootDir: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null; // malformed percent-encoding
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  if (!decoded.startsWith('/')) return null;
  const segments = decoded.split('/');
  // Refuse `..` and dotfiles before normalising, so `/a/../.env` cannot slip through either way.
  if (segments.some((s) => s.startsWith('.'))) return null;
  let normalised = posix.normalize(decoded);
  if (normalised.endsWith('/')) normalised += 'index.html';
  const root = resolve(rootDir);
  const full = resolve(join(root, normalised));
  if (full !== root && !full.startsWith(root + sep)) return null;
  return full;
}

export interface StaticOptions {
  rootDir: string;
  /** Set when the request is HEAD: headers only. */
  headOnly: boolean;
}

function sendText(res: ServerResponse, status: number, text: string, contentType = 'text/plain; charset=utf-8'): void {
  res.statusCode = status;
  res.removeHeader('Content-Length');
  res.setHeader('Content-Type', contentType);
  res.setHeader('Cache-Control', 'no-store');
  res.end(text);
}

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Dossier is not built</title></head>
<body><h1>Dossier is not built yet</h1>
<p>The browser host found no <code>index.html</code> in its renderer folder.
Run <code>npm run build</code>, then start the host again (<code>npm run serve</code>).</p>
</body></html>
`;

export async function serveStatic(req: IncomingMessage, res: ServerResponse, urlPath: string, opts: StaticOptions): Promise<void> {
  const root = resolve(opts.rootDir);
  const indexFile = join(root, 'index.html');
  const indexInfo = await stat(indexFile).catch(() => null);
  if (!indexInfo?.isFile()) {
    sendText(res, 500, NOT_BUILT_PAGE, 'text/html; charset=utf-8');
    return;
  }

  const candidate = resolveStaticPath(root, urlPath);
  if (candidate === null) {
    sendText(res, 404, 'Not found');
    return;
  }
  let realFile: string;
  let realRoot: string;
  try {
    [realFile, realRoot] = await Promise.all([realpath(candidate), realpath(root)]);
  } catch {
    sendText(res, 404, 'Not found');
    return;
  }
  if (!realFile.startsWith(realRoot + sep)) {
    sendText(res, 404, 'Not found');
    return;
  }
  const info = await stat(realFile).catch(() => null);
  if (!info?.isFile()) {
    sendText(res, 404, 'Not found');
    return;
  }

  res.statusCode = 200;
  res.setHeader('Content-Type', contentTypeFor(realFile));
  res.setHeader('Content-Length', String(info.size));
  const relative = realFile.slice(realRoot.length + 1).split(sep).join('/');
  if (relative === 'index.html') {
    // index.html names the hashed bundles of the current build: never let a stale one be reused.
    res.setHeader('Cache-Control', 'no-store');
  } else if (relative.startsWith('assets/')) {
    res.setHeader('Cache-Control', 'public, max-age=31536000, immutable'); // content-hashed names
  } else {
    res.setHeader('Cache-Control', 'no-cache');
  }
  if (opts.headOnly) {
    res.end();
    return;
  }
  await new Promise<void>((done) => {
    const stream = createReadStream(realFile);
    stream.on('error', () => {
      if (!res.headersSent) sendText(res, 500, 'Could not read file');
      else res.destroy();
    });
    // 'close' follows both the end and an abort (client gone, error), so it settles every path.
    stream.on('close', done);
    req.on('close', () => stream.destroy());
    stream.pipe(res);
  });
}
