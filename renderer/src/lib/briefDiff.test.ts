import { describe, expect, it } from 'vitest';
import { diffTokens, wordDiff } from './briefDiff';

/** Rebuilds one side of the diff from its parts: what a reader of the comparison sees. */
function side(parts: ReturnType<typeof wordDiff>['parts'], which: 'before' | 'after'): string[] {
  const skip = which === 'before' ? 'added' : 'removed';
  return parts.filter((p) => p.op !== skip).flatMap((p) => diffTokens(p.text));
}

describe('wordDiff', () => {
  it('reports identical texts as one unchanged run', () => {
    const d = wordDiff('The port council voted.', 'The  port council\tvoted.');
    expect(d.parts).toEqual([{ op: 'same', text: 'The port council voted.', words: 4 }]);
    expect(d.added).toBe(0);
    expect(d.removed).toBe(0);
  });

  it('finds a replaced word in the middle', () => {
    const d = wordDiff('It is likely that the terminal opens.', 'It is very likely that the terminal opens.');
    expect(d.parts.map((p) => [p.op, p.text])).toEqual([
      ['same', 'It is'],
      ['added', 'very'],
      ['same', 'likely that the terminal opens.'],
    ]);
    expect(d.added).toBe(1);
  });

  it('handles removal, insertion and newlines, and both sides rebuild exactly', () => {
    const before = 'Bottom line\nThe council perhaps backs the plan.\nKlaipėda objects.';
    const after = 'Bottom line\nThe council likely backs the new plan.\nŠiauliai and Klaipėda object.';
    const d = wordDiff(before, after);
    expect(side(d.parts, 'before')).toEqual(diffTokens(before));
    expect(side(d.parts, 'after')).toEqual(diffTokens(after));
    expect(d.parts.filter((p) => p.op === 'removed').map((p) => p.text).join(' ')).toContain('perhaps');
    expect(d.parts.filter((p) => p.op === 'added').map((p) => p.text).join(' ')).toContain('new');
    expect(d.removed).toBe(2); // "perhaps" and "objects."
    expect(d.added).toBe(5); // likely, new, Šiauliai, and, object.
  });

  it('diffs from and to empty text', () => {
    expect(wordDiff('', 'two words')).toMatchObject({ added: 2, removed: 0, parts: [{ op: 'added', text: 'two words' }] });
    expect(wordDiff('gone now', '')).toMatchObject({ added: 0, removed: 2, parts: [{ op: 'removed', text: 'gone now' }] });
    expect(wordDiff('', '').parts).toEqual([]);
  });

  it('is fast and minimal on a long text with a few edits', () => {
    const words = Array.from({ length: 20_000 }, (_, i) => `w${i % 997}`);
    const edited = [...words];
    edited.splice(5_000, 1, 'CHANGED');
    edited.splice(15_000, 0, 'INSERTED');
    const t0 = performance.now();
    const d = wordDiff(words.join(' '), edited.join(' '));
    expect(performance.now() - t0).toBeLessThan(1_000);
    expect(d.added).toBe(2);
    expect(d.removed).toBe(1);
    expect(side(d.parts, 'after')).toEqual(edited);
  });
});
