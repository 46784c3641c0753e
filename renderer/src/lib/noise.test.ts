import { describe, expect, it } from 'vitest';
import type { NoiseRange } from '../../../shared/model/schemas';
import { countNoiseByKind, describeNoise, effectiveNoise, normalizeNoise, segmentRange, spansOverlapping } from './noise';

const r = (start: number, end: number, kind: NoiseRange['kind'] = 'ad', reason = ''): NoiseRange => ({ start, end, kind, reason });

describe('normalizeNoise', () => {
  it('sorts, clips to the text and drops empty ranges', () => {
    const spans = normalizeNoise([r(50, 80), r(-5, 3), r(10, 10), r(95, 200)], 100);
    expect(spans.map((s) => [s.start, s.end])).toEqual([
      [0, 3],
      [50, 80],
      [95, 100],
    ]);
  });

  it('merges overlapping and touching ranges and keeps every kind and reason', () => {
    const spans = normalizeNoise([r(20, 30, 'navigation', 'menu'), r(0, 10, 'ad', 'banner'), r(5, 20, 'boilerplate', 'footer')], 40);
    expect(spans).toEqual([
      {
        start: 0,
        end: 30,
        kinds: ['ad', 'boilerplate', 'navigation'],
        reasons: ['banner', 'footer', 'menu'],
        labels: ['ad: banner', 'boilerplate: footer', 'navigation: menu'],
      },
    ]);
    expect(describeNoise(spans[0]!)).toBe('ad: banner; boilerplate: footer; navigation: menu');
  });

  it('names the kind alone when a range has no reason', () => {
    expect(describeNoise(normalizeNoise([r(0, 5, 'manual')], 10)[0]!)).toBe('manual');
  });
});

describe('segmentRange', () => {
  const text = 'Hello world. Buy now! More text here.';
  const spans = normalizeNoise([r(13, 21, 'ad', 'promo')], text.length);

  it('returns one plain segment when no noise touches the range', () => {
    expect(segmentRange(0, 12, spans)).toEqual([{ start: 0, end: 12, noise: null }]);
  });

  it('cuts a range into plain, noise, plain, covering it exactly', () => {
    const segments = segmentRange(0, text.length, spans);
    expect(segments.map((s) => [text.slice(s.start, s.end), s.noise ? s.noise.kinds[0] : null])).toEqual([
      ['Hello world. ', null],
      ['Buy now!', 'ad'],
      [' More text here.', null],
    ]);
  });

  it('clips a noise span that starts before or ends after the paragraph', () => {
    const wide = normalizeNoise([r(0, 8), r(30, 60)], 60);
    expect(segmentRange(5, 35, wide).map((s) => [s.start, s.end, s.noise !== null])).toEqual([
      [5, 8, true],
      [8, 30, false],
      [30, 35, true],
    ]);
  });

  it('marks a paragraph entirely inside noise as one noise segment', () => {
    const all = normalizeNoise([r(0, 100)], 100);
    expect(segmentRange(10, 20, all)).toEqual([{ start: 10, end: 20, noise: all[0] }]);
  });

  it('handles many spans and ranges that fall between them', () => {
    const many = normalizeNoise(
      Array.from({ length: 1000 }, (_, i) => r(i * 10, i * 10 + 5)),
      10_000,
    );
    expect(segmentRange(5, 10, many)).toEqual([{ start: 5, end: 10, noise: null }]);
    const segs = segmentRange(4990, 5012, many);
    expect(segs.map((s) => [s.start, s.end, s.noise !== null])).toEqual([
      [4990, 4995, true],
      [4995, 5000, false],
      [5000, 5005, true],
      [5005, 5010, false],
      [5010, 5012, true],
    ]);
  });

  it('returns nothing for an empty range', () => {
    expect(segmentRange(7, 7, spans)).toEqual([]);
  });
});

describe('effectiveNoise', () => {
  const ranges = [r(0, 10, 'ad', 'promo'), r(20, 30, 'navigation', 'related'), r(40, 50, 'manual')];
  it('keeps everything when nothing was dismissed', () => {
    expect(effectiveNoise(ranges, [])).toEqual(ranges);
    expect(effectiveNoise(ranges, undefined)).toEqual(ranges);
  });
  it('drops detected ranges overlapping a dismissal but keeps manual marks', () => {
    expect(effectiveNoise(ranges, [{ start: 25, end: 45 }])).toEqual([ranges[0], ranges[2]]);
    // Touching is not overlapping: [10, 20) leaves both neighbours alone.
    expect(effectiveNoise(ranges, [{ start: 10, end: 20 }])).toEqual(ranges);
  });
});

describe('countNoiseByKind', () => {
  it('counts ranges per kind in a fixed order', () => {
    expect(countNoiseByKind([r(0, 1, 'navigation'), r(2, 3, 'ad'), r(4, 5, 'ad'), r(6, 7, 'manual'), r(8, 9, 'ad')])).toBe('3 ad, 1 navigation, 1 manual');
    expect(countNoiseByKind([])).toBe('');
  });
});

describe('spansOverlapping', () => {
  it('finds the spans a selection touches, not those merely adjacent', () => {
    const spans = normalizeNoise([r(0, 10), r(20, 30)], 40);
    expect(spansOverlapping(spans, 5, 25).map((s) => s.start)).toEqual([0, 20]);
    expect(spansOverlapping(spans, 10, 20)).toEqual([]);
  });
});
