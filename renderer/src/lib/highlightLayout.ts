/**
 * Lays highlights (and claims) over one paragraph of the reader: the paragraph is cut into flat,
 * consecutive segments, each carrying the noise span it lies in, the ids of every highlight covering
 * it (outermost first, so nested and overlapping highlights all paint and stay clickable), and
 * whether it lies in the revealed range. Flat segments rather than nested elements: overlapping
 * ranges cannot nest in the DOM, and a flat run keeps every text piece a direct `data-start` span.
 * Pure, so the edge cases (overlap, nesting, identical and empty ranges, stale offsets) are tested
 * without a browser.
 */
import type { NoiseSpan } from './noise';

export type HighlightKind = 'annotation' | 'claim';

export interface HighlightInput {
  id: string;
  start: number;
  end: number;
  /** CSS colour (#rrggbb) the highlight paints with. */
  color: string;
  kind: HighlightKind;
  /** Anchor status: orphaned ones have no trustworthy place and are left out; fuzzy ones are marked. */
  status?: 'anchored' | 'fuzzy' | 'orphaned';
}

export interface LayoutSegment {
  start: number;
  end: number;
  noise: NoiseSpan | null;
  /** Highlights covering the whole segment, outermost (longest, earliest) first, innermost last. */
  covering: HighlightInput[];
  /** Inside the range being revealed. */
  reveal: boolean;
}

export interface Range {
  start: number;
  end: number;
}

/** Paint order: earlier start first, then the longer one first (it encloses); ties broken by kind then id so the order is stable. */
export function compareOuterFirst(a: HighlightInput, b: HighlightInput): number {
  return a.start - b.start || b.end - a.end || (a.kind === b.kind ? 0 : a.kind === 'annotation' ? -1 : 1) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** A highlight the reader can place: not orphaned, not empty, inside the text (offsets may be stale after an edit). */
export function placeable(h: HighlightInput, textLength: number): boolean {
  return h.status !== 'orphaned' && h.start >= 0 && h.end > h.start && h.start < textLength;
}

/**
 * Assigns each placeable highlight to every paragraph it overlaps (paragraphs sorted, disjoint).
 * Returns one array per paragraph (the same empty array for paragraphs without any), each sorted
 * outer-first. A sweep: O(paragraphs + highlights log highlights + overlaps).
 */
export function distributeHighlights(paragraphs: readonly Range[], highlights: readonly HighlightInput[], textLength: number): HighlightInput[][] {
  const none: HighlightInput[] = [];
  const result: HighlightInput[][] = paragraphs.map(() => none);
  const sorted = highlights.filter((h) => placeable(h, textLength)).sort(compareOuterFirst);
  for (const h of sorted) {
    // First paragraph whose end is after h.start (binary search).
    let lo = 0;
    let hi = paragraphs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((paragraphs[mid] as Range).end <= h.start) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < paragraphs.length; i++) {
      const p = paragraphs[i] as Range;
      if (p.start >= h.end) break;
      if (result[i] === none) result[i] = [];
      (result[i] as HighlightInput[]).push(h);
    }
  }
  return result;
}

/**
 * Cuts paragraph [start, end) into segments at every noise, highlight and reveal boundary.
 * Highlights may extend beyond the paragraph (they are clipped); orphaned, empty and out-of-range
 * ones are ignored. Segments cover the paragraph exactly, in order, none empty.
 */
export function highlightLayout(
  paragraph: Range,
  noise: readonly NoiseSpan[],
  highlights: readonly HighlightInput[],
  reveal: Range | null = null,
): LayoutSegment[] {
  const { start, end } = paragraph;
  if (end <= start) return [];
  const inside = highlights.filter((h) => h.status !== 'orphaned' && h.end > h.start && h.start < end && h.end > start).sort(compareOuterFirst);
  const cuts = new Set<number>([start, end]);
  const cut = (at: number): void => {
    if (at > start && at < end) cuts.add(at);
  };
  const spans = noise.filter((s) => s.start < end && s.end > start);
  for (const s of spans) {
    cut(s.start);
    cut(s.end);
  }
  for (const h of inside) {
    cut(h.start);
    cut(h.end);
  }
  if (reveal && reveal.end > reveal.start) {
    cut(reveal.start);
    cut(reveal.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const segments: LayoutSegment[] = [];
  let spanIndex = 0;
  for (let i = 0; i + 1 < points.length; i++) {
    const from = points[i] as number;
    const to = points[i + 1] as number;
    while (spanIndex < spans.length && (spans[spanIndex] as NoiseSpan).end <= from) spanIndex++;
    const span = spans[spanIndex];
    segments.push({
      start: from,
      end: to,
      noise: span && span.start <= from && span.end >= to ? span : null,
      covering: inside.filter((h) => h.start <= from && h.end >= to),
      reveal: reveal !== null && reveal.start <= from && reveal.end >= to && reveal.end > reveal.start,
    });
  }
  return segments;
}

/**
 * The order a click cycles through the highlights covering a point: innermost (shortest) first,
 * then outward. `covering` is in paint order (outermost first).
 */
export function clickOrder(covering: readonly HighlightInput[]): HighlightInput[] {
  return [...covering].sort((a, b) => a.end - a.start - (b.end - b.start) || -compareOuterFirst(a, b));
}

/**
 * What a click on a segment selects: the innermost highlight, or, when the currently selected one
 * covers this point, the next one outward (wrapping round), so repeated clicks reach every layer.
 */
export function nextSelection(covering: readonly HighlightInput[], selectedId: string | null): HighlightInput | null {
  const order = clickOrder(covering);
  if (order.length === 0) return null;
  const at = selectedId === null ? -1 : order.findIndex((h) => h.id === selectedId);
  return order[(at + 1) % order.length] ?? null;
}

/** A stable string standing for a paragraph's highlights, so unchanged paragraphs skip re-rendering. */
export function layoutSignature(highlights: readonly HighlightInput[]): string {
  let s = '';
  for (const h of highlights) s += `${h.id}:${h.start}:${h.end}:${h.color}:${h.kind}:${h.status ?? ''};`;
  return s;
}

/**
 * The next word boundary from `pos` in direction `dir` (keyboard resizing): moving right skips to
 * the end of the next word, moving left to the start of the previous one; clamped to the text.
 */
export function stepWord(text: string, pos: number, dir: 1 | -1): number {
  const isWord = (i: number): boolean => /[\p{L}\p{N}_'’-]/u.test(text.charAt(i));
  let i = Math.max(0, Math.min(pos, text.length));
  if (dir > 0) {
    while (i < text.length && !isWord(i)) i++;
    while (i < text.length && isWord(i)) i++;
  } else {
    while (i > 0 && !isWord(i - 1)) i--;
    while (i > 0 && isWord(i - 1)) i--;
  }
  return i;
}

/**
 * A highlight's range after moving one edge by a word, or null when the move would empty it.
 * `edge` 'start' moves the start, 'end' the end.
 */
export function resizeByWord(text: string, range: Range, edge: 'start' | 'end', dir: 1 | -1): Range | null {
  const next = edge === 'start' ? { start: stepWord(text, range.start, dir), end: range.end } : { start: range.start, end: stepWord(text, range.end, dir) };
  // Keep whitespace out of the edges, as a mouse selection would be trimmed.
  while (next.start < next.end && /\s/.test(text.charAt(next.start))) next.start++;
  while (next.end > next.start && /\s/.test(text.charAt(next.end - 1))) next.end--;
  if (next.end <= next.start || (next.start === range.start && next.end === range.end)) return null;
  return next;
}

/** "#rrggbb" at an opacity, as rgb(r g b / a); a malformed colour falls back to the accent blue. */
export function tint(hex: string, alpha: number): string {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  const [r, g, b] = m ? [m[1], m[2], m[3]].map((x) => parseInt(x as string, 16)) : [47, 95, 179];
  return `rgb(${r} ${g} ${b} / ${alpha})`;
}
