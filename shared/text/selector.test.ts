import { describe, expect, it } from 'vitest';
import { findFirstQuote, makeSelector, SELECTOR_CONTEXT } from './selector';

describe('makeSelector', () => {
  const text = 'The council of Klaipėda voted 71 to 48 on Tuesday to expand the terminal.';

  it('keeps the quote, its position and up to 32 characters of context each side', () => {
    const start = text.indexOf('71 to 48');
    const selector = makeSelector(text, start, start + 8);
    expect(selector.exact).toBe('71 to 48');
    expect(selector.start).toBe(start);
    expect(selector.end).toBe(start + 8);
    expect(selector.prefix).toBe('The council of Klaipėda voted ');
    expect(selector.prefix.length).toBeLessThanOrEqual(SELECTOR_CONTEXT);
    expect(selector.suffix).toBe(' on Tuesday to expand the termin');
    expect(text.slice(selector.start, selector.end)).toBe(selector.exact);
  });

  it('clips context at the ends of the text', () => {
    const selector = makeSelector(text, 0, 3);
    expect(selector.prefix).toBe('');
    expect(selector.exact).toBe('The');
  });

  it('counts UTF-16 code units, so names with diacritics keep their offsets', () => {
    const start = text.indexOf('Klaipėda');
    expect(makeSelector(text, start, start + 'Klaipėda'.length).exact).toBe('Klaipėda');
  });

  it('refuses empty, reversed and out-of-range ranges', () => {
    expect(() => makeSelector(text, 5, 5)).toThrow(RangeError);
    expect(() => makeSelector(text, 6, 5)).toThrow(RangeError);
    expect(() => makeSelector(text, 0, text.length + 1)).toThrow(RangeError);
  });
});

describe('findFirstQuote', () => {
  it('finds the first occurrence and reports its range', () => {
    expect(findFirstQuote('a b a b', 'a b')).toEqual({ start: 0, end: 3 });
    expect(findFirstQuote('abc', 'x')).toBeNull();
    expect(findFirstQuote('abc', '')).toBeNull();
  });
});
