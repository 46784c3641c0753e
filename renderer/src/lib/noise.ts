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
  /** "kind: reason" for every distinct range merged into this span, e.g. "ad: advertisement marker". */
  labels: string[];
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
      const label = labelOf(r);
      if (!last.labels.includes(label)) last.labels.push(label);
    } else {
      spans.push({ start: r.start, end: r.end, kinds: [r.kind], reasons: r.reason ? [r.reason] : [], labels: [labelOf(r)] });
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

function labelOf(range: NoiseRange): string {
  return range.reason ? `${range.kind}: ${range.reason}` : range.kind;
}

/**
 * The hover text of a span: each merged range's kind and reason, e.g. "ad: advertisement marker;
 * navigation: related-news list". The kind comes first so it reads the same for every reason.
 */
export function describeNoise(span: NoiseSpan): string {
  return span.labels.join('; ');
}

/** The order in which the inspector lists kinds ("Noise: 3 ad, 1 navigation"). */
const KIND_ORDER: readonly NoiseKind[] = ['ad', 'boilerplate', 'navigation', 'repeated', 'filler', 'manual'];

/**
 * The noise ranges the reader should dim: the stored ones minus detected ranges the analyst has
 * dismissed ("Not noise"). The Node side normally drops dismissed ranges itself; filtering here
 * too means a dismissal shows at once and a stale list never re-dims what the analyst cleared.
 * Manual ranges always count: marking by hand after dismissing is a newer decision.
 */
export function effectiveNoise(
  noise: readonly NoiseRange[],
  dismissed: readonly { start: number; end: number }[] | undefined,
): NoiseRange[] {
  if (!dismissed || dismissed.length === 0) return [...noise];
  return noise.filter((r) => r.kind === 'manual' || !dismissed.some((d) => d.start < r.end && d.end > r.start));
}

/** "3 ad, 1 navigation, 2 manual" in a fixed kind order; "" when there is none. */
export function countNoiseByKind(noise: readonly NoiseRange[]): string {
  const counts = new Map<NoiseKind, number>();
  for (const r of noise) counts.set(r.kind, (counts.get(r.kind) ?? 0) + 1);
  return KIND_ORDER.filter((k) => counts.has(k))
    .map((k) => `${counts.get(k)} ${k}`)
    .join(', ');
}

/** The spans that overlap [start, end). */
export function spansOverlapping(spans: readonly NoiseSpan[], start: number, end: number): NoiseSpan[] {
  return spans.filter((s) => s.start < end && s.end > start);
}
