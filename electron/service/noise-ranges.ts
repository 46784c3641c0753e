/**
 * How detected noise, the analyst's manual noise and the analyst's dismissals combine on one
 * article. The analyst always wins: `manual` ranges are never dropped by detection, and a detected
 * range overlapping a dismissed range is never added back (dismissals outlive re-detection when
 * the notebook-wide boilerplate counts change).
 */
import { DossierError } from '../../shared/api/result';
import type { NoiseRange } from '../../shared/model/schemas';

export interface Span {
  start: number;
  end: number;
}

/** Half-open ranges overlap when they share at least one character. */
export function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

function byStart(a: NoiseRange, b: NoiseRange): number {
  return a.start - b.start || a.end - b.end;
}

/**
 * The noise an article shows: its manual ranges, plus the detected ranges that touch neither a
 * manual range (manual wins, so the reader never shows two ranges over one line) nor a dismissed one.
 */
export function combineNoise(detected: readonly NoiseRange[], current: readonly NoiseRange[], dismissed: readonly Span[]): NoiseRange[] {
  const manual = current.filter((r) => r.kind === 'manual');
  const kept = detected.filter((r) => r.kind !== 'manual' && !manual.some((m) => overlaps(m, r)) && !dismissed.some((d) => overlaps(d, r)));
  return [...manual, ...kept].sort(byStart);
}

export function sameNoise(a: readonly NoiseRange[], b: readonly NoiseRange[]): boolean {
  return (
    a.length === b.length &&
    a.every((r, i) => {
      const o = b[i]!;
      return r.start === o.start && r.end === o.end && r.kind === o.kind && r.reason === o.reason;
    })
  );
}

export function checkRange(title: string, length: number, start: number, end: number): void {
  if (end <= start || end > length) {
    throw new DossierError(
      'invalid-input',
      `The range ${start}-${end} is not inside "${title}" (${length} characters): start must be below end, and end at most ${length}.`,
    );
  }
}

/**
 * Mark [start,end) as noise by hand: a `manual` range, merged with the manual ranges it overlaps or
 * touches. Detected ranges it overlaps give way to it (combineNoise's rule), and the span stops
 * being dismissed, since the analyst now says it is noise.
 */
export function markNoise(
  noise: readonly NoiseRange[],
  dismissed: readonly Span[],
  span: Span,
  reason: string | undefined,
): { noise: NoiseRange[]; noiseDismissed: Span[] } {
  let start = span.start;
  let end = span.end;
  const reasons: string[] = [];
  const rest: NoiseRange[] = [];
  for (const r of noise) {
    if (r.kind === 'manual' && r.start <= end && start <= r.end) {
      start = Math.min(start, r.start);
      end = Math.max(end, r.end);
      reasons.push(r.reason);
    } else {
      rest.push(r);
    }
  }
  const given = reason?.trim();
  const merged: NoiseRange = {
    start,
    end,
    kind: 'manual',
    reason: given || reasons.find((r) => r.length > 0) || 'marked as noise by the analyst',
  };
  const others = rest.filter((r) => r.kind === 'manual' || !overlaps(r, merged));
  return {
    noise: [...others, merged].sort(byStart),
    noiseDismissed: dismissed.filter((d) => !overlaps(d, merged)),
  };
}

/**
 * Unmark [start,end): every noise range overlapping it (detected or manual) goes, and what went is
 * recorded as dismissed so that re-detection does not bring it back. The recorded span is the
 * union of the request and the removed ranges, so a later detection of the same line still overlaps it.
 */
export function unmarkNoise(noise: readonly NoiseRange[], dismissed: readonly Span[], span: Span): { noise: NoiseRange[]; noiseDismissed: Span[] } {
  const removed = noise.filter((r) => overlaps(r, span));
  const kept = noise.filter((r) => !overlaps(r, span));
  const added: Span = {
    start: Math.min(span.start, ...removed.map((r) => r.start)),
    end: Math.max(span.end, ...removed.map((r) => r.end)),
  };
  // Merge with the dismissed spans it overlaps, so the list stays short and sorted.
  let merged = added;
  const others: Span[] = [];
  for (const d of dismissed) {
    if (d.start <= merged.end && merged.start <= d.end) merged = { start: Math.min(d.start, merged.start), end: Math.max(d.end, merged.end) };
    else others.push(d);
  }
  return { noise: kept, noiseDismissed: [...others, merged].sort((a, b) => a.start - b.start) };
}
