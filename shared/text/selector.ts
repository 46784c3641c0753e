/**
 * Building W3C-style selectors (TextQuote + TextPosition in one object) from a range of an
 * article's text. Offsets are UTF-16 code units, end exclusive. Pure.
 */
import type { Selector } from '../model/schemas';

/** Context kept on each side of a quote; about 32 characters is what mature annotators store. */
export const SELECTOR_CONTEXT = 32;

export function makeSelector(text: string, start: number, end: number): Selector {
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > text.length || start >= end) {
    throw new RangeError(`The range ${start}-${end} is not inside the text (length ${text.length}).`);
  }
  return {
    exact: text.slice(start, end),
    prefix: text.slice(Math.max(0, start - SELECTOR_CONTEXT), start),
    suffix: text.slice(end, Math.min(text.length, end + SELECTOR_CONTEXT)),
    start,
    end,
  };
}

/** The first occurrence of `quote` in `text`, or null. */
export function findFirstQuote(text: string, quote: string): { start: number; end: number } | null {
  if (quote.length === 0) return null;
  const start = text.indexOf(quote);
  return start < 0 ? null : { start, end: start + quote.length };
}
