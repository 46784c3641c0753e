import { describe, expect, it } from 'vitest';
import { clickOrder, distributeHighlights, highlightLayout, layoutSignature, nextSelection, type HighlightInput, type LayoutSegment } from './highlightLayout';
import type { NoiseSpan } from './noise';

const h = (id: string, start: number, end: number, extra: Partial<HighlightInput> = {}): HighlightInput => ({
  id,
  start,
  end,
  color: '#ffcc00',
  kind: 'annotation',
  ...extra,
});
/** Segments as [start, end, ids outer-first] for compact assertions. */
const brief = (segments: LayoutSegment[]) => segments.map((s) => [s.start, s.end, s.covering.map((c) => c.id).join(',')]);
const P = { start: 0, end: 20 };

describe('highlightLayout', () => {
  it('leaves a paragraph without highlights as one segment', () => {
    expect(brief(highlightLayout(P, [], []))).toEqual([[0, 20, '']]);
  });

  it('splits overlapping highlights into three runs with both on the shared part', () => {
    expect(brief(highlightLayout(P, [], [h('b', 5, 15), h('a', 2, 10)]))).toEqual([
      [0, 2, ''],
      [2, 5, 'a'],
      [5, 10, 'a,b'],
      [10, 15, 'b'],
      [15, 20, ''],
    ]);
  });

  it('puts the enclosing highlight first and the nested one last (paint order)', () => {
    expect(brief(highlightLayout(P, [], [h('inner', 6, 8), h('outer', 4, 12)]))).toEqual([
      [0, 4, ''],
      [4, 6, 'outer'],
      [6, 8, 'outer,inner'],
      [8, 12, 'outer'],
      [12, 20, ''],
    ]);
  });

  it('keeps identical ranges both present, in a stable order', () => {
    const one = brief(highlightLayout(P, [], [h('y', 3, 9), h('x', 3, 9)]));
    const two = brief(highlightLayout(P, [], [h('x', 3, 9), h('y', 3, 9)]));
    expect(one).toEqual(two);
    expect(one[1]).toEqual([3, 9, 'x,y']);
  });

  it('ignores zero-length and orphaned highlights, keeps fuzzy ones with their status', () => {
    const segments = highlightLayout(P, [], [h('empty', 5, 5), h('lost', 1, 4, { status: 'orphaned' }), h('fz', 10, 12, { status: 'fuzzy' })]);
    expect(brief(segments)).toEqual([
      [0, 10, ''],
      [10, 12, 'fz'],
      [12, 20, ''],
    ]);
    expect(segments[1]?.covering[0]?.status).toBe('fuzzy');
  });

  it('clips highlights that run past the paragraph and drops those outside it (stale offsets after an edit)', () => {
    const para = { start: 10, end: 20 };
    expect(brief(highlightLayout(para, [], [h('over', 5, 14), h('after', 25, 40), h('before', 0, 10), h('tail', 18, 99)]))).toEqual([
      [10, 14, 'over'],
      [14, 18, ''],
      [18, 20, 'tail'],
    ]);
  });

  it('cuts at noise edges and marks noise segments, independently of highlights', () => {
    const noise: NoiseSpan[] = [{ start: 8, end: 14, kinds: ['ad'], reasons: [], labels: ['ad'] }];
    const segments = highlightLayout(P, noise, [h('a', 4, 10)]);
    expect(segments.map((s) => [s.start, s.end, s.noise ? 'noise' : '', s.covering.length])).toEqual([
      [0, 4, '', 0],
      [4, 8, '', 1],
      [8, 10, 'noise', 1],
      [10, 14, 'noise', 0],
      [14, 20, '', 0],
    ]);
  });

  it('marks the revealed range as one contiguous run', () => {
    const segments = highlightLayout(P, [], [h('a', 2, 6)], { start: 4, end: 9 });
    expect(segments.map((s) => [s.start, s.end, s.reveal])).toEqual([
      [0, 2, false],
      [2, 4, false],
      [4, 6, true],
      [6, 9, true],
      [9, 20, false],
    ]);
  });

  it('covers the paragraph exactly with no empty segment, for many random highlights', () => {
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let round = 0; round < 200; round++) {
      const list = Array.from({ length: 1 + rand(12) }, (_, i) => {
        const a = rand(30) - 5;
        return h(`h${i}`, a, a + rand(15));
      });
      const para = { start: 3, end: 3 + 1 + rand(20) };
      const segments = highlightLayout(para, [], list);
      expect(segments[0]?.start).toBe(para.start);
      expect(segments[segments.length - 1]?.end).toBe(para.end);
      segments.forEach((s, i) => {
        expect(s.end).toBeGreaterThan(s.start);
        if (i > 0) expect(s.start).toBe(segments[i - 1]?.end);
        // Exactly the highlights covering this run are listed.
        const expected = list.filter((x) => x.end > x.start && x.start <= s.start && x.end >= s.end).map((x) => x.id).sort();
        expect(s.covering.map((c) => c.id).sort()).toEqual(expected);
      });
    }
  });
});

describe('click selection', () => {
  it('selects the innermost first, then cycles outward and wraps', () => {
    const covering = highlightLayout(P, [], [h('outer', 0, 20), h('mid', 2, 12), h('inner', 5, 8)]).find((s) => s.start === 5)?.covering ?? [];
    expect(clickOrder(covering).map((x) => x.id)).toEqual(['inner', 'mid', 'outer']);
    expect(nextSelection(covering, null)?.id).toBe('inner');
    expect(nextSelection(covering, 'inner')?.id).toBe('mid');
    expect(nextSelection(covering, 'mid')?.id).toBe('outer');
    expect(nextSelection(covering, 'outer')?.id).toBe('inner');
    expect(nextSelection(covering, 'elsewhere')?.id).toBe('inner');
    expect(nextSelection([], null)).toBeNull();
  });
});

describe('distributeHighlights', () => {
  const paras = [
    { start: 0, end: 10 },
    { start: 12, end: 20 },
    { start: 22, end: 30 },
  ];
  it('gives each paragraph the highlights that overlap it, spanning ones to several', () => {
    const out = distributeHighlights(paras, [h('a', 2, 4), h('span', 8, 25), h('c', 26, 28), h('lost', 0, 5, { status: 'orphaned' }), h('past', 40, 45)], 30);
    expect(out.map((list) => list.map((x) => x.id))).toEqual([['a', 'span'], ['span'], ['span', 'c']]);
  });
  it('shares one empty array for paragraphs without highlights (cheap memo comparison)', () => {
    const out = distributeHighlights(paras, [h('a', 13, 14)], 30);
    expect(out[0]).toBe(out[2]);
    expect(out[0]).toEqual([]);
  });
  it('gives a signature that changes when a highlight moves or changes colour', () => {
    const base = layoutSignature([h('a', 1, 2)]);
    expect(layoutSignature([h('a', 1, 2)])).toBe(base);
    expect(layoutSignature([h('a', 1, 3)])).not.toBe(base);
    expect(layoutSignature([h('a', 1, 2, { color: '#000000' })])).not.toBe(base);
  });
});

describe('keyboard resizing', () => {
  const text = 'The council voted 71 to 48, on Tuesday.';
  it('moves an edge by one word either way, trimming spaces and punctuation-only steps', async () => {
    const { resizeByWord, stepWord } = await import('./highlightLayout');
    const voted = { start: text.indexOf('voted'), end: text.indexOf('voted') + 5 };
    expect(text.slice(voted.start, stepWord(text, voted.end, 1))).toBe('voted 71');
    const grown = resizeByWord(text, voted, 'end', 1);
    expect(grown && text.slice(grown.start, grown.end)).toBe('voted 71');
    const earlier = resizeByWord(text, voted, 'start', -1);
    expect(earlier && text.slice(earlier.start, earlier.end)).toBe('council voted');
    const shrunk = resizeByWord(text, { start: text.indexOf('council'), end: voted.end }, 'start', 1);
    expect(shrunk && text.slice(shrunk.start, shrunk.end)).toBe('voted');
    // Moving the only word's end left would empty it: refused.
    expect(resizeByWord(text, voted, 'end', -1)).toBeNull();
    // At the text's end nothing moves.
    expect(resizeByWord(text, { start: 0, end: text.length }, 'end', 1)).toBeNull();
  });
  it('tints a tag colour and falls back on a malformed one', async () => {
    const { tint } = await import('./highlightLayout');
    expect(tint('#ff8000', 0.5)).toBe('rgb(255 128 0 / 0.5)');
    expect(tint('red', 1)).toBe('rgb(47 95 179 / 1)');
  });
});
