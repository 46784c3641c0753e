/**
 * Perturbation suite: generated article-like texts, a quote (a span of words) made into a
 * selector, then one perturbation of a known kind (plus, in a third of the cases, edits
 * elsewhere in the text). Cases alternate between the two modes: with the old text (an edit,
 * diff mapping) and without it (a re-import: quote, context and position only).
 *
 * Ground truth comes from perturb.ts, which tracks where the quote's characters go through each
 * edit (every equally valid reading of an ambiguous edit included). Asserted:
 * - zero silent mis-anchors: an applied result (anchored/fuzzy) always lands exactly on the
 *   quote's words in the new text; a removed passage is never applied anywhere;
 * - at least 99% of the cases whose words all survive are re-anchored without review;
 * - the result is well-formed (selector matches the new text; status and review agree).
 *
 * Deterministic: fast-check runs with a fixed seed; a failure prints the case seed to replay.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeSelector } from '../text/selector';
import { CATEGORIES, WORDS_SURVIVE, makeCase, rng, type Case, type Category } from './perturb';
import { reanchor, type AnchorResult } from './reanchor';

/** Generated cases, half re-anchored as an edit, half as a re-import (about 10 s on 2 cores). */
const CASES = 10_000;
const MODES = ['edit', 'reimport'] as const;

type Tally = { cases: number; applied: number; anchored: number; fuzzy: number; review: number };
const tally = new Map<string, Tally>();
const bump = (key: string, r: AnchorResult): void => {
  const t = tally.get(key) ?? { cases: 0, applied: 0, anchored: 0, fuzzy: 0, review: 0 };
  t.cases++;
  if (r.needsReview) t.review++;
  else t.applied++;
  if (r.status === 'anchored') t.anchored++;
  if (r.status === 'fuzzy') t.fuzzy++;
  tally.set(key, t);
};

function describeCase(c: Case, seed: number, mode: string, r: AnchorResult): string {
  const q = c.oldText.slice(c.quote.start, c.quote.end);
  return [
    `seed ${seed}, ${c.category}, ${mode}: quote ${JSON.stringify(q)}`,
    `applied [${r.selector?.start}, ${r.selector?.end}) ${JSON.stringify(r.selector?.exact)} (${r.status}, ${r.method}, ${r.score})`,
    `truth ${JSON.stringify(c.truths.map((t) => (t ? [t.start, t.end, c.newText.slice(t.start, t.end)] : null)))}`,
    `edits ${JSON.stringify(c.edits)}`,
  ].join('\n');
}

describe('re-anchoring under generated perturbations', () => {
  it(`never mis-anchors and re-anchors >= 99% of surviving quotes without review (${CASES} cases)`, () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.constantFrom(...CATEGORIES), fc.constantFrom(...MODES), (seed, category: Category, mode) => {
        const c = makeCase(rng(seed), category);
        const selector = makeSelector(c.oldText, c.quote.start, c.quote.end);
        {
          const r = reanchor(selector, c.newText, mode === 'edit' ? { oldText: c.oldText } : {});
          bump(`${category}/${mode}`, r);
          // Well-formed.
          expect(r.needsReview).toBe(r.status === 'orphaned');
          expect(r.selector === null).toBe(r.needsReview);
          if (r.selector) {
            expect(c.newText.slice(r.selector.start, r.selector.end)).toBe(r.selector.exact);
            if (r.status === 'anchored') expect(r.selector.exact).toBe(selector.exact);
          }
          if (r.candidate) expect(c.newText.slice(r.candidate.start, r.candidate.end)).toBe(r.candidate.exact);
          // No silent mis-anchor: applied means exactly on (a valid reading of) the quote's words.
          if (r.selector) {
            const ok = c.truths.some((t) => t !== null && t.start === r.selector!.start && t.end === r.selector!.end);
            if (!ok) throw new Error(`silent mis-anchor\n${describeCase(c, seed, mode, r)}`);
          }
        }
      }),
      { numRuns: CASES, seed: 20240917, endOnFailure: true },
    );

    // Report, then hold the rate.
    const rows: string[] = [];
    let surviving = 0;
    let survivingApplied = 0;
    const perMode = new Map<string, [number, number]>();
    for (const category of CATEGORIES) {
      for (const mode of MODES) {
        const t = tally.get(`${category}/${mode}`);
        if (!t) continue;
        rows.push(
          `${`${category}/${mode}`.padEnd(32)} ${String(t.cases).padStart(5)}  applied ${((100 * t.applied) / t.cases).toFixed(1).padStart(5)}%  (anchored ${t.anchored}, fuzzy ${t.fuzzy}, review ${t.review})`,
        );
        if (WORDS_SURVIVE.has(category)) {
          surviving += t.cases;
          survivingApplied += t.applied;
          const m = perMode.get(mode) ?? [0, 0];
          perMode.set(mode, [m[0] + t.applied, m[1] + t.cases]);
        }
      }
    }
    const rate = survivingApplied / surviving;
    const modes = [...perMode].map(([mode, [a, n]]) => `${mode} ${((100 * a) / n).toFixed(2)}%`).join(', ');
    console.log(
      `${rows.join('\n')}\nquotes whose words survive: ${survivingApplied}/${surviving} re-anchored without review = ${(100 * rate).toFixed(2)}% (${modes})`,
    );
    expect(rate).toBeGreaterThanOrEqual(0.99);
    // Removed passages are never applied (also enforced case by case above).
    for (const mode of MODES) {
      for (const category of ['remove', 'remove-similar-exists'] as const) {
        const t = tally.get(`${category}/${mode}`);
        if (t) expect(t.cases).toBeGreaterThan(0);
      }
    }
  }, 120_000); // ~10 s on 2 cores; room for a loaded machine
});
