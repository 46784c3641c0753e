/**
 * Crash test: a writer process (test/helpers/crash-writer.ts) is killed with SIGKILL at random
 * moments, over and over. After each kill the notebook must open in this process (taking over the
 * stale lock) with no problems, and every write the child acknowledged must be there.
 *
 * DOSSIER_CRASH_TRIALS overrides the number of trials (default 200); DOSSIER_CRASH_SEED the base seed.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { NotebookStore } from '../../../electron/store/notebook-store';
import { bundleForNode, type Bundle } from '../../helpers/store-bundle';

const TRIALS = Number(process.env.DOSSIER_CRASH_TRIALS ?? 200);
const BASE_SEED = Number(process.env.DOSSIER_CRASH_SEED ?? Date.now() % 1_000_000);
const CONCURRENCY = 2;

let bundle: Bundle;
let root: string;

beforeAll(async () => {
  bundle = await bundleForNode(resolve(__dirname, '../../helpers/crash-writer.ts'), { snapshot: true });
  root = await mkdtemp(join(tmpdir(), 'dossier-crash-'));
});
afterAll(async () => {
  await bundle?.cleanup();
  await rm(root, { recursive: true, force: true });
});

interface Acked {
  articles: string[];
  annotations: [string, string][];
  claims: [string, string][];
  tags: string[];
}

/** Run the writer, kill it 5-150 ms after its first ack, and return what it acknowledged. */
function runAndKill(dir: string, seed: number): Promise<{ acked: Acked; lines: number; delay: number }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [...bundle.args, dir, String(seed)], { stdio: ['ignore', 'pipe', 'pipe'] });
    const acked: Acked = { articles: [], annotations: [], claims: [], tags: [] };
    let buffer = '';
    let stderr = '';
    let lines = 0;
    let timer: NodeJS.Timeout | undefined;
    const delay = 5 + Math.floor(((seed * 2654435761) % 2 ** 32) / 2 ** 32 * 146);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffer += chunk;
      let nl: number;
      // Only complete lines count: a line cut by the kill was not (fully) printed.
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const parts = buffer.slice(0, nl).split(' ');
        buffer = buffer.slice(nl + 1);
        if (parts[0] !== 'ack') continue;
        lines++;
        if (parts[1] === 'article') acked.articles.push(parts[2]!);
        else if (parts[1] === 'annotation') acked.annotations.push([parts[2]!, parts[3]!]);
        else if (parts[1] === 'claim') acked.claims.push([parts[2]!, parts[3]!]);
        else if (parts[1] === 'tag') acked.tags.push(parts[2]!);
        timer ??= setTimeout(() => child.kill('SIGKILL'), delay);
      }
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    // 'close': the process is gone and its pipes are drained, so every ack it printed has been read.
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (signal !== 'SIGKILL') reject(new Error(`writer (seed ${seed}) ended by itself: code ${code}, ${stderr}`));
      else resolvePromise({ acked, lines, delay });
    });
  });
}

async function trial(n: number): Promise<number> {
  const seed = BASE_SEED + n;
  const dir = join(root, `t${n}`);
  const { acked, lines } = await runAndKill(dir, seed);
  const where = `trial ${n} (seed ${seed}, replay with DOSSIER_CRASH_SEED=${BASE_SEED}), ${dir}`;
  const store = await NotebookStore.open(dir); // the dead writer's lock is stale: taken over
  try {
    expect(store.problems(), where).toEqual([]);
    const ids = new Set(store.listArticles().map((a) => a.id));
    for (const id of acked.articles) {
      expect(ids.has(id), `${where}: article ${id}`).toBe(true);
      expect((await store.getArticle(id)).id).toBe(id);
    }
    const annotationsByArticle = new Map<string, Set<string>>();
    for (const [articleId] of acked.annotations) {
      if (!annotationsByArticle.has(articleId)) {
        annotationsByArticle.set(articleId, new Set((await store.listAnnotations(articleId)).map((a) => a.id)));
      }
    }
    for (const [articleId, id] of acked.annotations) {
      expect(annotationsByArticle.get(articleId)!.has(id), `${where}: annotation ${id} on ${articleId}`).toBe(true);
    }
    const claims = new Set((await store.listClaims()).map((c) => c.id));
    for (const [, id] of acked.claims) expect(claims.has(id), `${where}: claim ${id}`).toBe(true);
    const tags = new Set((await store.listTags()).map((t) => t.id));
    for (const id of acked.tags) expect(tags.has(id), `${where}: tag ${id}`).toBe(true);
    // Reading every shard turned up nothing unreadable either.
    expect(store.problems(), where).toEqual([]);
  } finally {
    await store.close();
  }
  await rm(dir, { recursive: true, force: true });
  return lines;
}

it(
  `${TRIALS} writers killed with SIGKILL never leave an unopenable notebook or lose an acknowledged write`,
  async () => {
    let next = 0;
    let acks = 0;
    const worker = async (): Promise<void> => {
      while (next < TRIALS) acks += await trial(next++);
    };
    const started = Date.now();
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    // Guard against a test that passes because nothing happened.
    expect(acks).toBeGreaterThan(TRIALS * 2);
    console.log(`crash test: ${TRIALS} trials, ${acks} acknowledged writes checked, ${((Date.now() - started) / 1000).toFixed(1)} s, base seed ${BASE_SEED}, child started from ${bundle.kind}`);
  },
  180_000,
);
