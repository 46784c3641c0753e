/**
 * Finding a worker thread's code, for the parse pool and the search index builder.
 * - Built (electron-vite): `out/main/<name>.js`, an entry of its own next to the main bundle.
 * - From source (tsx, the tests): `electron/service/<name>.ts`. TypeScript loader hooks do not reach
 *   worker threads on Node 20, so the worker is bundled with esbuild (a development dependency, only
 *   present where the sources are) into node_modules/.cache, its packages left as imports. The file
 *   is named by its content and written by rename, so concurrent test processes share it safely.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
// Type only: esbuild itself is loaded lazily, and only when running from source.
import type { build as esbuildBuild } from 'esbuild';

export type WorkerSpec = { kind: 'js'; url: URL } | { kind: 'ts'; url: URL };

/**
 * Where the worker `name` is, relative to the calling module's `import.meta.url` (`from`). Names
 * are built from a variable so that bundlers leave the `new URL(…)` alone.
 */
export function locateWorker(name: string, from: string): WorkerSpec | null {
  for (const rel of [`./${name}.js`, `../${name}.js`]) {
    const url = new URL(rel, from);
    if (url.protocol === 'file:' && existsSync(url)) return { kind: 'js', url };
  }
  const source = new URL(`./${name}.ts`, from);
  return source.protocol === 'file:' && existsSync(source) ? { kind: 'ts', url: source } : null;
}

/** The worker's entry as a file Node can run (see the top of this file). */
export async function workerEntryFile(spec: WorkerSpec, name: string): Promise<URL> {
  if (spec.kind === 'js') return spec.url;
  const esbuildName = 'esbuild';
  const esbuild = (await import(/* @vite-ignore */ esbuildName)) as { build: typeof esbuildBuild };
  const output = await esbuild.build({
    entryPoints: [fileURLToPath(spec.url)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    write: false,
    logLevel: 'silent',
  });
  const code = output.outputFiles[0]!.text;
  const dir = new URL('../../node_modules/.cache/dossier/', spec.url);
  const file = new URL(`${name}-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.mjs`, dir);
  if (!existsSync(file)) {
    await mkdir(dir, { recursive: true });
    const temp = new URL(`${file.pathname.split('/').pop()!}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`, dir);
    await writeFile(temp, code);
    await rename(temp, file);
  }
  return file;
}
