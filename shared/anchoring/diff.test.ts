import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyDiff, changedCharsInNew, diffText, hunksInOld, mapPosition, mapPositionBack } from './diff';
import { makeDoc, rng, word } from './perturb';

describe('diffText', () => {
  it('finds nothing between equal texts', () => {
    expect(diffText('Łódź, 2024.', 'Łódź, 2024.').hunks).toEqual([]);
  });

  it('reports one insertion, one deletion and one replacement exactly', () => {
    expect(diffText('the talks resume', 'the border talks resume').hunks).toEqual([{ oldStart: 4, oldEnd: 4, newStart: 4, newEnd: 11 }]);
    expect(diffText('the border talks resume', 'the talks resume').hunks).toEqual([{ oldStart: 4, oldEnd: 11, newStart: 4, newEnd: 4 }]);
    expect(diffText('Muller said', 'Müller said').hunks).toEqual([{ oldStart: 1, oldEnd: 2, newStart: 1, newEnd: 2 }]);
  });

  it('keeps a typo fix in a long article a one-character change (word diff refined to characters)', () => {
    const r = rng(7);
    const doc = makeDoc(r, 3000, 3000); // > the direct character-diff size, so the word path runs
    const old = doc.text;
    const w = doc.words[1500]!;
    const edited = old.slice(0, w.start + 1) + 'Q' + old.slice(w.start + 2, doc.words[2900]!.start) + 'inserted words ' + old.slice(doc.words[2900]!.start);
    const d = diffText(old, edited);
    expect(applyDiff(old, edited, d)).toBe(edited);
    expect(d.hunks).toHaveLength(2);
    expect(d.hunks[0]).toEqual({ oldStart: w.start + 1, oldEnd: w.start + 2, newStart: w.start + 1, newEnd: w.start + 2 });
    // The inserted words stay one insertion (it may sit a space earlier: the same edit).
    const ins = d.hunks[1]!;
    expect(ins.oldEnd - ins.oldStart).toBe(0);
    expect(ins.newEnd - ins.newStart).toBe(15);
    expect(Math.abs(ins.oldStart - doc.words[2900]!.start)).toBeLessThanOrEqual(1);
  });

  it('is a valid edit script for arbitrary edits (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 30 }), fc.integer({ min: 0, max: 12 }), (seed, edits) => {
        const r = rng(seed);
        const old = makeDoc(r, 20, r() < 0.2 ? 1500 : 200).text;
        let text = old;
        for (let k = 0; k < edits; k++) {
          const at = Math.floor(r() * (text.length + 1));
          const len = Math.floor(r() * 30);
          text = r() < 0.5 ? text.slice(0, at) + word(r) + ' ' + text.slice(at) : text.slice(0, at) + text.slice(at + len);
        }
        const d = diffText(old, text);
        expect(applyDiff(old, text, d)).toBe(text);
        // Hunks sorted, non-overlapping, non-adjacent.
        for (let k = 1; k < d.hunks.length; k++) expect(d.hunks[k]!.oldStart).toBeGreaterThan(d.hunks[k - 1]!.oldEnd);
      }),
      { numRuns: 300, seed: 4242 },
    );
  });

  it('stays valid and fast when the texts have nothing in common', () => {
    const a = makeDoc(rng(1), 20000, 20000).text;
    const b = makeDoc(rng(2), 20000, 20000).text;
    const t0 = performance.now();
    const d = diffText(a, b);
    expect(performance.now() - t0).toBeLessThan(3000);
    expect(applyDiff(a, b, d)).toBe(b);
  });

  it('diffs a 100,000-word article with a small edit in well under 100 ms', () => {
    const doc = makeDoc(rng(3), 100_000, 100_000);
    const w = doc.words[50_000]!;
    const edited = doc.text.slice(0, w.start) + 'Dvořák ' + doc.text.slice(w.start);
    diffText(doc.text, edited); // warm up
    const t0 = performance.now();
    const d = diffText(doc.text, edited);
    expect(performance.now() - t0).toBeLessThan(100);
    expect(d.hunks).toHaveLength(1);
  });

  it('handles 50 scattered edits in a 100,000-word article (word path) within a second', () => {
    const r = rng(5);
    const doc = makeDoc(r, 100_000, 100_000);
    let text = doc.text;
    for (let k = 49; k >= 0; k--) {
      const w = doc.words[1000 + k * 1900]!;
      text = text.slice(0, w.start) + 'São Paulo ' + text.slice(w.start);
    }
    const t0 = performance.now();
    const d = diffText(doc.text, text);
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(applyDiff(doc.text, text, d)).toBe(text);
    expect(d.hunks.reduce((n, h) => n + h.newEnd - h.newStart - (h.oldEnd - h.oldStart), 0)).toBe(50 * 'São Paulo '.length);
  });
});

describe('mapPosition', () => {
  const old = 'The minister said talks resume.';
  const edited = 'The prime minister said the talks resume.';
  const d = diffText(old, edited);

  it('shifts positions after an insertion and keeps those before it', () => {
    expect(mapPosition(d, 0, 1)).toEqual({ pos: 0, inside: false });
    const talks = old.indexOf('talks');
    expect(mapPosition(d, talks, 1).pos).toBe(edited.indexOf('talks'));
    expect(mapPosition(d, old.length, -1).pos).toBe(edited.length);
  });

  it('puts a range start after text inserted at it, a range end before it', () => {
    const at = old.indexOf('minister');
    expect(mapPosition(d, at, 1).pos).toBe(edited.indexOf('minister'));
    expect(mapPosition(d, at, -1).pos).toBe(at);
  });

  it('flags positions strictly inside a replaced region', () => {
    const r = diffText('abc XYZ def', 'abc 12345 def');
    const m = mapPosition(r, 5, 1);
    expect(m.inside).toBe(true);
    expect(mapPositionBack(r, 6, -1).inside).toBe(true);
  });

  it('maps back from the new text and reports what changed where', () => {
    const talksNew = edited.indexOf('talks');
    expect(mapPositionBack(d, talksNew, 1).pos).toBe(old.indexOf('talks'));
    expect(changedCharsInNew(d, 0, edited.length)).toBe(edited.length - old.length);
    expect(hunksInOld(d, old.indexOf('talks'), old.length)).toEqual([]);
    expect(hunksInOld(d, 0, old.length).length).toBe(2);
  });
});
