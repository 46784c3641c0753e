/**
 * Throughput of the cleaning algorithms at notebook scale. Measured in CPU time of this process
 * (process.cpuUsage), not wall time, so that other jobs on a shared machine do not fail the test.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { countRecurringLines, detectNoise } from '../../../shared/cleaning/noise';
import { NearDuplicateIndex, shingleSignature } from '../../../shared/cleaning/similarity';

const sampleDir = join(import.meta.dirname, '../../../resources/sample');
const corpus = readdirSync(sampleDir)
  .filter((f) => /^\d.*\.(?:txt|md)$/u.test(f))
  .map((f) => readFileSync(join(sampleDir, f), 'utf8'))
  .join('\n\n');

/** 1,000 distinct articles of 5 KB cut from the sample notebook (real prose, ads and filler). */
const articles = Array.from({ length: 1000 }, (_, i) => {
  const at = (i * 977) % (corpus.length - 5000);
  return `Story ${i}\n\n${corpus.slice(at, at + 5000)}`;
});

function cpuMs(run: () => void): number {
  let best = Infinity;
  for (let round = 0; round < 3; round++) {
    const start = process.cpuUsage();
    run();
    const used = process.cpuUsage(start);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  return best;
}

describe('cleaning at notebook scale', () => {
  it('detects noise in 1,000 articles of 5 KB in well under a second', () => {
    expect(corpus.length).toBeGreaterThan(20_000);
    const context = countRecurringLines(articles);
    const ms = cpuMs(() => {
      for (const a of articles) detectNoise(a, context);
    });
    console.log(`detectNoise: 1,000 × 5 KB in ${ms.toFixed(0)} ms CPU`);
    expect(ms).toBeLessThan(1000);
  });

  it('signs and looks up 1,000 articles of 5 KB in a few seconds at most', () => {
    const ms = cpuMs(() => {
      const index = new NearDuplicateIndex();
      articles.forEach((a, i) => {
        const sig = shingleSignature(a);
        index.findBest(sig);
        index.add(String(i), sig);
      });
    });
    console.log(`shingleSignature + findBest + add: 1,000 × 5 KB in ${ms.toFixed(0)} ms CPU`);
    expect(ms).toBeLessThan(4000);
  });
});
