/**
 * Runs the benchmarks: every test/bench/*.bench.ts, or only those named on the command line
 * (`npm run bench -- store` runs store.bench.ts). Each prints its table; this prints one line
 * `BENCH_JSON {"bench": name, ...figures}` per benchmark for BENCHMARKS.md.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchModule } from './lib';

const here = dirname(fileURLToPath(import.meta.url));
const available = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.slice(0, -'.bench.ts'.length))
  .sort();
const wanted = process.argv.slice(2).filter((a) => a !== '--');
const unknown = wanted.filter((w) => !available.includes(w.replace(/\.bench\.ts$/, '')));
if (unknown.length > 0) {
  console.error(`No benchmark named ${unknown.join(', ')}. Available: ${available.join(', ') || '(none)'}`);
  process.exit(2);
}
const selected = wanted.length > 0 ? available.filter((n) => wanted.some((w) => w.replace(/\.bench\.ts$/, '') === n)) : available;

let failed = false;
for (const name of selected) {
  console.log(`\n=== bench: ${name} ===`);
  const started = Date.now();
  try {
    const mod = (await import(pathToFileURL(join(here, `${name}.bench.ts`)).href)) as Partial<BenchModule>;
    if (typeof mod.default !== 'function') throw new Error(`${name}.bench.ts has no default export function`);
    const results = await mod.default();
    console.log(`BENCH_JSON ${JSON.stringify({ bench: name, seconds: Math.round((Date.now() - started) / 100) / 10, ...results })}`);
  } catch (err) {
    failed = true;
    console.error(`bench ${name} failed: ${(err as Error).stack ?? String(err)}`);
  }
}
process.exit(failed ? 1 : 0);
