/**
 * Playwright globalSetup: the end-to-end tests run the built app (out/), so build it when it is
 * missing or older than any source file. On CI, which builds first, this finds nothing to do.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { findElectronBinary } from './electron-binary';

const ROOT = resolve(import.meta.dirname, '..', '..');
const OUTPUTS = ['out/main/host.js', 'out/renderer/index.html'];
const SOURCE_DIRS = ['electron', 'renderer', 'shared'];
const SOURCE_FILES = ['electron.vite.config.ts', 'package.json'];

function newestMtime(path: string): number {
  let info;
  try {
    info = statSync(path);
  } catch {
    return 0;
  }
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

/** Why a build is needed, or null when out/ is up to date. */
export function staleReason(root: string = ROOT): string | null {
  const missing = OUTPUTS.filter((file) => !existsSync(join(root, file)));
  if (missing.length > 0) return `${missing.join(' and ')} missing`;
  const built = Math.min(...OUTPUTS.map((file) => statSync(join(root, file)).mtimeMs));
  const sources = Math.max(...[...SOURCE_DIRS, ...SOURCE_FILES].map((p) => newestMtime(join(root, p))));
  return sources > built ? 'sources changed since the last build' : null;
}

export default function ensureBuild(): void {
  if (!findElectronBinary()) {
    // Said once here because the list reporter shows skipped tests without their reason.
    process.stdout.write(
      '[electron] the Electron end-to-end specs will be skipped: no Electron binary on this machine ' +
        '(it cannot be downloaded here); the same flows run in Chromium through the browser host.\n',
    );
  }
  const reason = staleReason();
  if (reason === null) return;
  process.stdout.write(`[ensure-build] ${reason}: running npx electron-vite build\n`);
  const started = Date.now();
  const result = spawnSync('npx', ['electron-vite', 'build'], { cwd: ROOT, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) {
    throw new Error(`electron-vite build failed (exit ${result.status ?? result.signal}); the end-to-end tests need out/.`);
  }
  process.stdout.write(`[ensure-build] built in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}
