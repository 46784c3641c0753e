/**
 * Bundle a TypeScript entry (a child-process helper) with esbuild, so tests spawn plain `node` on it:
 * tsx's start-up is too slow for hundreds of spawns.
 *
 * `snapshot: true` goes one step further for children spawned hundreds of times (the crash test):
 * a CommonJS bundle is turned into a V8 startup snapshot (`node --build-snapshot`), so each child
 * starts with zod's schemas and the store already loaded instead of compiling and evaluating ~0.5 MB
 * of JavaScript. The entry must then register its main with `v8.startupSnapshot` when
 * `isBuildingSnapshot()` (see crash-writer.ts). If the snapshot cannot be built, the plain ESM
 * bundle is used instead, so the tests still run, only slower.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { build } from 'esbuild';

export interface Bundle {
  /** The bundled script (ESM), runnable with `node <file> ARGS`. */
  file: string;
  /** Arguments before the child's own: `spawn(process.execPath, [...bundle.args, ...childArgs])`. */
  args: string[];
  kind: 'snapshot' | 'bundle';
  cleanup(): Promise<void>;
}

export async function bundleForNode(entry: string, opts: { snapshot?: boolean } = {}): Promise<Bundle> {
  const dir = await mkdtemp(join(tmpdir(), 'dossier-bundle-'));
  const name = basename(entry).replace(/\.ts$/, '');
  const file = join(dir, `${name}.mjs`);
  const common = {
    entryPoints: [entry],
    bundle: true,
    platform: 'node' as const,
    target: 'node20',
    // Smaller source compiles faster: each of the crash test's hundreds of children pays for it.
    minify: true,
    logLevel: 'error' as const,
  };
  await build({ ...common, format: 'esm', outfile: file });
  const cleanup = (): Promise<void> => rm(dir, { recursive: true, force: true });
  if (opts.snapshot) {
    const cjs = join(dir, `${name}.cjs`);
    const blob = join(dir, `${name}.blob`);
    await build({ ...common, format: 'cjs', outfile: cjs });
    const made = spawnSync(process.execPath, ['--snapshot-blob', blob, '--build-snapshot', cjs], { cwd: dir, encoding: 'utf8' });
    if (made.status === 0) return { file, args: ['--snapshot-blob', blob], kind: 'snapshot', cleanup };
    console.warn(`Could not build a startup snapshot of ${entry} (falling back to the plain bundle): ${made.stderr}`);
  }
  return { file, args: [file], kind: 'bundle', cleanup };
}
