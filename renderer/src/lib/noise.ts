/**
 * Noise ranges (ads, boilerplate, navigation...) are offsets into the article text. The reader dims
 * or hides them; the text itself never changes. These pure functions turn possibly overlapping,
 * unsorted, out-of-bounds ranges into disjoint spans, and cut one paragraph into plain and noise
 * segments.
 */
import type { NoiseKind, NoiseRange } from '../../../shared/model/schemas';

export interface NoiseSpan {
  start: number;
  end: number;
  /** Kinds of every range covering this span, deduplicated, in order of first appearance. */
  kinds: NoiseKind[];
  reasons: string[];
}

export interface Segment {
  start: number;
  end: number;
  /** The noise span this segment lies in, or null for ordinary text. */
  noise: NoiseSpan | null;
}

/**
 * Clips ranges to [0, textLength], drops empty ones, and merges overlapping or touching ranges
 * into disjoint spans sorted by start.
 */
export function normalizeNoise(ranges: readonly NoiseRange[], textLength: number): NoiseSpan[] {
  const clipped = ranges
    .map((r) => ({ ...r, start: Math.max(0, Math.min(r.start, textLength)), end: Math.max(0, Math.min(r.end, textLength)) }))
    .filter((r) => r.end > r.start)
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const spans: NoiseSpan[] = [];
  for (const r of clipped) {
    const last = spans[spans.length - 1];
    if (last && r.start <= last.end) {
      last.end = Math.max(last.end, r.end);
      if (!last.kinds.includes(r.kind)) last.kinds.push(r.kind);
      if (r.reason && !last.reasons.includes(r.reason)) last.reasons.push(r.reason);
    } else {
      spans.push({ start: r.start, end: r.end, kinds: [r.kind], reasons: r.reason ? [r.reason] : [] });
    }
  }
  return spans;
}

/** Index of the first span whose end is after `offset` (binary search; spans are disjoint and sorted). */
function firstSpanEndingAfter(spans: readonly NoiseSpan[], offset: number): number {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((spans[mid] as NoiseSpan).end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Cuts [start, end) into consecutive segments, each either plain text or inside one noise span.
 * The segments cover the range exactly, in order, with no empty segment.
 */
export function segmentRange(start: number, end: number, spans: readonly NoiseSpan[]): Segment[] {
  const segments: Segment[] = [];
  if (end <= start) return segments;
  let cursor = start;
  for (let i = firstSpanEndingAfter(spans, start); i < spans.length && cursor < end; i++) {
    const span = spans[i] as NoiseSpan;
    if (span.start >= end) break;
    if (span.start > cursor) {
      segments.push({ start: cursor, end: span.start, noise: null });
      cursor = span.start;
    }
    const to = Math.min(span.end, end);
    segments.push({ start: cursor, end: to, noise: span });
    cursor = to;
  }
  if (cursor < end) segments.push({ start: cursor, end, noise: null });
  return segments;
}

/** A short human label for a span, e.g. "Advertisement, Boilerplate: repeated footer". */
export function describeNoise(span: NoiseSpan): string {
  const names: Record<NoiseKind, string> = {
    ad: 'Advertisement',
    boilerplate: 'Boilerplate',
    navigation: 'Navigation',
    repeated: 'Repeated text',
    filler: 'Filler',
    manual: 'Marked as noise',
  };
  const kinds = span.kinds.map((k) => names[k]).join(', ');
  return span.reasons.length > 0 ? `${kinds}: ${span.reasons.join('; ')}` : kinds;
}
