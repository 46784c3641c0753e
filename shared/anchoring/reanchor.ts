/**
 * Re-anchoring highlights and claims after an article's text changes. Pure.
 *
 * Order of evidence (see docs in index.ts for the rules in prose):
 * - edit (old text known): map the range through a diff of old -> new text. If no change touches
 *   the quote or its stored context, the mapped range is the answer ('anchored', method 'diff').
 * - re-import (old text unknown): the stored position if the quote and its context are still
 *   there ('position'); else the one place where prefix + quote + suffix occur intact ('exact').
 * - otherwise candidates are gathered (the diff-mapped or old position, exact occurrences of the
 *   quote ranked by context, approximate matches of the quote, places where the context's ends
 *   occur) and each is aligned against the stored passage (align.ts) and scored:
 *     score = 0.6 * quote similarity + 0.35 * context similarity + 0.05 * closeness.
 *   A candidate is applied only when it scores >= the threshold (0.75 by default), is not a
 *   passage the edit left untouched elsewhere (edit mode), and no other candidate comes within
 *   0.05 of it. Context is therefore mandatory: an identical quote with none of its context
 *   scores at most 0.65 and goes to review, which is what keeps a removed sentence from jumping
 *   onto a similar one.
 * Anything not applied is 'orphaned' with needsReview: its stored selector stays as it was, and
 * the best candidate (if any is worth showing) comes along for the analyst to accept or move.
 */
import search from 'approx-string-match';
import type { Anchor, Selector } from '../model/schemas';
import { makeSelector, SELECTOR_CONTEXT } from '../text/selector';
import { alignPassage, isWordChar } from './align';
import { changedCharsInNew, diffText, hunksInOld, mapPosition, mapPositionBack, type TextDiff } from './diff';

export type AnchorMethod = 'position' | 'exact' | 'diff' | 'approximate' | 'none';

export interface AnchorCandidate {
  start: number;
  end: number;
  exact: string;
  score: number;
}

export interface AnchorResult {
  /** 'anchored': applied, text identical to the quote. 'fuzzy': applied, text changed a little.
   *  'orphaned': not applied (below threshold, ambiguous, or nothing found); see `candidate`. */
  status: Anchor['status'];
  /** Confidence 0..1 of the applied range, or of the best candidate when not applied (0 if none). */
  score: number;
  /** The new selector (positions, quote and context from the new text) when applied, else null. */
  selector: Selector | null;
  /** The best candidate, shown for review, when not applied; null when applied or nothing is worth showing. */
  candidate: AnchorCandidate | null;
  /** True exactly when not applied: the item goes to the "needs review" list. */
  needsReview: boolean;
  method: AnchorMethod;
}

export interface ReanchorOptions {
  /** The text the selector was made on, when known (an edit). Enables diff mapping. */
  oldText?: string;
  /** A precomputed diffText(oldText, newText), to share across many selectors of one edit. */
  diff?: TextDiff;
  /** Minimum score to apply a re-anchored range without review. */
  threshold?: number;
}

export const DEFAULT_ANCHOR_THRESHOLD = 0.75;
/** A runner-up this close to the best candidate makes the choice ambiguous: review instead. */
export const AMBIGUITY_MARGIN = 0.05;
const W_QUOTE = 0.6;
const W_CONTEXT = 0.35;
const W_POSITION = 0.05;
/** A candidate is worth showing for review only if its text resembles the quote this much. */
const MIN_REVIEW_SIMILARITY = 0.5;
/** How far a re-anchored edge may be pulled out to the word boundary the quote started or ended on. */
const WORD_SNAP = 2;
const MAX_EXACT_OCCURRENCES = 5000;

interface Candidate {
  start: number;
  end: number;
  quoteSim: number;
  score: number;
  /** False when the edit proves this is a different passage (old text left untouched elsewhere). */
  eligible: boolean;
  fromDiff: boolean;
}

export function reanchor(selector: Selector, newText: string, opts: ReanchorOptions = {}): AnchorResult {
  const threshold = opts.threshold ?? DEFAULT_ANCHOR_THRESHOLD;
  const { exact: Q, prefix: P, suffix: S } = selector;
  if (Q.length === 0) return notApplied(null);

  // Edit mode only when the selector really describes the old text; a stale selector (made on
  // some other version) is handled like a re-import rather than mapped through the wrong diff.
  let diff: TextDiff | undefined;
  if (opts.oldText !== undefined) {
    if (opts.oldText.slice(selector.start, selector.end) === Q) diff = opts.diff ?? diffText(opts.oldText, newText);
  } else if (opts.diff && selector.end <= opts.diff.oldLength) {
    diff = opts.diff;
  }

  let expectedStart: number;
  let mapped: { start: number; end: number } | null = null;
  let mappedIdentical = false;
  if (diff) {
    const ms = mapPosition(diff, selector.start, 1);
    const me = mapPosition(diff, selector.end, -1);
    const touched = hunksInOld(diff, Math.max(0, selector.start - P.length), selector.end + S.length).length > 0;
    if (!touched && !ms.inside && !me.inside && me.pos - ms.pos === Q.length) {
      return applied(newText, ms.pos, me.pos, 1, 'diff');
    }
    mapped = { start: ms.pos, end: Math.max(ms.pos, me.pos) };
    // The quote's own characters came through unchanged; only its surroundings were edited.
    mappedIdentical = !ms.inside && !me.inside && me.pos - ms.pos === Q.length && hunksInOld(diff, selector.start, selector.end).length === 0;
    expectedStart = ms.pos;
  } else {
    const s = selector.start;
    const e = s + Q.length;
    if (newText.startsWith(Q, s) && newText.slice(Math.max(0, s - P.length), s) === P && newText.slice(e, e + S.length) === S) {
      return applied(newText, s, e, 1, 'position');
    }
    const passage = P + Q + S;
    const at = newText.indexOf(passage);
    if (at >= 0 && newText.indexOf(passage, at + 1) < 0) {
      return applied(newText, at + P.length, at + P.length + Q.length, 1, at + P.length === s ? 'position' : 'exact');
    }
    expectedStart = Math.min(selector.start, Math.max(0, newText.length - Q.length));
  }

  const cands = gatherCandidates(selector, newText, expectedStart, mapped, mappedIdentical, diff);
  return decide(cands, selector, newText, threshold, diff !== undefined);
}

/**
 * Re-anchor many selectors on one article after its text changed. With the old text the diff is
 * computed once and shared; with null (a re-import) each selector uses quote, context and position.
 */
export function reanchorAll(selectors: readonly Selector[], oldText: string | null, newText: string, opts: { threshold?: number } = {}): AnchorResult[] {
  const base: ReanchorOptions = { threshold: opts.threshold };
  if (oldText !== null) {
    base.oldText = oldText;
    base.diff = diffText(oldText, newText);
  }
  return selectors.map((sel) => reanchor(sel, newText, base));
}

function applied(text: string, start: number, end: number, score: number, method: AnchorMethod): AnchorResult {
  const selector = makeSelector(text, start, end);
  return { status: 'anchored', score, selector, candidate: null, needsReview: false, method };
}

function notApplied(candidate: AnchorCandidate | null, method: AnchorMethod = 'none'): AnchorResult {
  return { status: 'orphaned', score: candidate?.score ?? 0, selector: null, candidate, needsReview: true, method: candidate ? method : 'none' };
}

const round3 = (x: number): number => Math.round(x * 1000) / 1000;

function gatherCandidates(
  sel: Selector,
  text: string,
  expectedStart: number,
  mapped: { start: number; end: number } | null,
  mappedIdentical: boolean,
  diff: TextDiff | undefined,
): Candidate[] {
  const { exact: Q, prefix: P, suffix: S } = sel;
  const n = text.length;
  const out = new Map<string, Candidate>();
  const scale = Math.max(64, 2 * Q.length);

  const consider = (rawStart: number, rawEnd: number, quoteSim: number, prefixSim: number, suffixSim: number): void => {
    if (rawEnd <= rawStart) return;
    const { start, end } = snapToWords(sel, text, rawStart, rawEnd);
    const identical = end - start === Q.length && text.startsWith(Q, start);
    const closeness = 1 / (1 + Math.abs(start - expectedStart) / scale);
    const score = scoreOf(Q.length, quoteSim, prefixSim, P.length, suffixSim, S.length, identical, closeness);
    const fromDiff = mapped !== null && start <= mapped.end && end >= mapped.start;
    // A quote that began and ended on word boundaries is never applied to part of a word
    // ("of" inside "officials").
    let eligible = keepsWordEdges(sel, text, start, end);
    if (eligible && diff && changedCharsInNew(diff, start, end) === 0) {
      // Text the edit did not touch, which stood elsewhere in the old text: another passage that
      // was already there (a similar sentence), never the highlight's own words.
      const bs = mapPositionBack(diff, start, 1).pos;
      const be = mapPositionBack(diff, end, -1).pos;
      if (!(bs < sel.end && be > sel.start)) eligible = false;
    }
    const key = `${start}:${end}`;
    const prev = out.get(key);
    if (!prev || prev.score < score) out.set(key, { start, end, quoteSim, score, eligible, fromDiff });
  };
  /** Align the whole passage in a window around an estimated quote range; the alignment decides
   *  the edges. A window inside one already aligned would find nothing new: skipped. */
  const done: [number, number][] = [];
  const alignAround = (start: number, end: number, pad: number): void => {
    const ws = Math.max(0, start - P.length - pad);
    const we = Math.min(n, end + S.length + pad);
    if (done.some(([a, b]) => a <= ws && we <= b)) return;
    done.push([ws, we]);
    const al = alignPassage(P, Q, S, text, ws, we);
    consider(al.start, al.end, al.quoteSim, al.prefixSim, al.suffixSim);
  };
  const exactAt = (at: number): void => {
    const { prefixSim, suffixSim } = contextAround(P, Q, S, text, at);
    consider(at, at + Q.length, 1, prefixSim, suffixSim);
  };
  const widePad = 24 + (Q.length >> 2); // room for words added inside the quote or its context
  const tightPad = 8 + (Q.length >> 3);

  const nearest = (positions: number[], k: number): number[] =>
    positions
      .map((p) => ({ p, d: Math.abs(p - expectedStart) }))
      .sort((x, y) => x.d - y.d)
      .slice(0, k)
      .map((x) => x.p);

  // 1. Where the quote should be: mapped through the diff (edit) or the old position (re-import).
  if (mapped && mappedIdentical) exactAt(mapped.start);
  else if (mapped) alignAround(mapped.start, mapped.end, widePad);

  // 2. Exact occurrences of the quote, ranked by how much context matches character for
  //    character; for each, only the context is aligned (the quote is known to be right there).
  const occ: number[] = [];
  for (let at = text.indexOf(Q); at >= 0 && occ.length < MAX_EXACT_OCCURRENCES; at = text.indexOf(Q, at + 1)) occ.push(at);
  if (occ.length > 0) {
    const ranked = occ
      .map((at) => ({ at, c: commonSuffix(P, text, at) + commonPrefix(S, text, at + Q.length) }))
      .sort((x, y) => y.c - x.c)
      .slice(0, 6)
      .map((x) => x.at);
    for (const at of new Set([...ranked, ...nearest(occ, 2)])) exactAt(at);
  }
  // 3. Where the context's inner ends occur: the quote should start right after the prefix and
  //    end right before the suffix, even when it was edited too much for the search above.
  const pTail = P.slice(-12);
  if (pTail.length >= 6) {
    const hits = occurrences(text, pTail, 200).map((at) => at + pTail.length);
    for (const s of nearest(hits, 3)) alignAround(s, Math.min(n, s + Q.length), widePad);
  }
  const sHead = S.slice(0, 12);
  if (sHead.length >= 6) {
    const hits = occurrences(text, sHead, 200);
    for (const e of nearest(hits, 3)) alignAround(Math.max(0, e - Q.length), e, widePad);
  }
  // 4. The old position (re-import), when nothing above already covered it.
  if (!mapped) alignAround(expectedStart, Math.min(n, expectedStart + Q.length), widePad);
  // 5. Approximate matches of the quote (bounded edit distance; the library returns the
  //    best-scoring ones). A tight window: the match says where the quote is.
  if (Q.length >= 4) {
    const maxErrors = Math.max(1, Math.floor(Q.length / 4));
    const exactStarts = new Set(occ);
    const found = search(text, Q, maxErrors).filter((mt) => !exactStarts.has(mt.start));
    const byStart = new Map(found.map((mt) => [mt.start, mt.end]));
    for (const s of nearest([...byStart.keys()], 4)) alignAround(s, byStart.get(s)!, tightPad);
  }
  return [...out.values()].sort((a, b) => b.score - a.score);
}

/**
 * Context similarity around an exact occurrence of the quote at `at`: each side aligned with a
 * few of the quote's own characters, which pins it to the occurrence.
 */
function contextAround(P: string, Q: string, S: string, text: string, at: number): { prefixSim: number; suffixSim: number } {
  const PIN = Math.min(8, Q.length);
  const slack = 48; // an adjacent insertion of several words still leaves the side in view
  const end = at + Q.length;
  const prefixSim =
    P.length === 0 ? 1 : alignPassage(P, Q.slice(0, PIN), '', text, Math.max(0, at - P.length - slack), at + PIN, { anchorEnd: true }).prefixSim;
  const suffixSim =
    S.length === 0
      ? 1
      : alignPassage('', Q.slice(Q.length - PIN), S, text, end - PIN, Math.min(text.length, end + S.length + slack), { anchorStart: true }).suffixSim;
  return { prefixSim, suffixSim };
}

/** Quotes at least this long count fully as evidence; a shorter quote (a name, a number, "on")
 *  matches by chance often, so its weight shrinks and the context must carry the decision. */
const INFORMATIVE_QUOTE = 16;

/**
 * score = (wq * quoteSim + 0.35 * context + 0.05 * closeness) / (wq + 0.4), wq = 0.6 scaled down for
 * short quotes. Context per side is the share of the stored 32 characters found again next to
 * the candidate (in runs of 4+, with inserted text counting against it). A quote found identical
 * may rest on its stronger side (the other side's sentence may have been rewritten); a changed
 * quote leans on its weaker side, so a similar sentence that merely follows the old prefix is
 * not taken for the highlight.
 */
function scoreOf(
  quoteLen: number,
  quoteSim: number,
  prefixSim: number,
  prefixLen: number,
  suffixSim: number,
  suffixLen: number,
  identical: boolean,
  closeness: number,
): number {
  const wq = W_QUOTE * Math.min(1, quoteLen / INFORMATIVE_QUOTE);
  const len = prefixLen + suffixLen;
  if (len === 0) return (wq * quoteSim + W_POSITION * closeness) / (wq + W_POSITION);
  const mean = (prefixSim * prefixLen + suffixSim * suffixLen) / len;
  // A side shorter than the usual 32 characters (the quote is near an end of the text) is
  // weaker evidence when it has to carry the decision alone.
  const full = (sim: number, sideLen: number): number => sim * Math.min(1, sideLen / SELECTOR_CONTEXT);
  const one = prefixLen === 0 ? full(suffixSim, suffixLen) : suffixLen === 0 ? full(prefixSim, prefixLen) : null;
  const side = one ?? (identical ? Math.max(full(prefixSim, prefixLen), full(suffixSim, suffixLen)) : Math.min(prefixSim, suffixSim));
  const ctx = (mean + side) / 2;
  return (wq * quoteSim + W_CONTEXT * ctx + W_POSITION * closeness) / (wq + W_CONTEXT + W_POSITION);
}

function decide(cands: Candidate[], sel: Selector, text: string, threshold: number, editMode: boolean): AnchorResult {
  const eligible = cands.filter((c) => c.eligible);
  let best = eligible[0];
  const shown = cands[0];
  const reviewCandidate = (c: Candidate | undefined): AnchorCandidate | null =>
    c && c.quoteSim >= MIN_REVIEW_SIMILARITY ? { start: c.start, end: c.end, exact: text.slice(c.start, c.end), score: round3(c.score) } : null;
  const methodOf = (c: Candidate): AnchorMethod => {
    if (editMode && c.fromDiff) return 'diff';
    if (text.slice(c.start, c.end) === sel.exact) return !editMode && c.start === sel.start ? 'position' : 'exact';
    return 'approximate';
  };
  if (!best || best.score < threshold) {
    const top = best ?? shown;
    return notApplied(reviewCandidate(top), top ? methodOf(top) : 'none');
  }
  // With the old text known, the place the diff maps the quote to is the strongest evidence of
  // identity: when it qualifies and is as good as the best, it wins a tie with a look-alike
  // (the same sentence pasted next to it, say). Without the diff, a tie is ambiguous: review.
  const top = best;
  const mappedOne = editMode ? eligible.find((c) => c.fromDiff && c.score >= threshold && c.score >= top.score - AMBIGUITY_MARGIN) : undefined;
  if (mappedOne) best = mappedOne;
  else {
    const rival = eligible.find((c) => c !== top && (c.end <= top.start || c.start >= top.end) && c.score >= top.score - AMBIGUITY_MARGIN);
    if (rival) return notApplied(reviewCandidate(top), methodOf(top));
  }

  const selector = makeSelector(text, best.start, best.end);
  const identical = selector.exact === sel.exact;
  return {
    status: identical ? 'anchored' : 'fuzzy',
    score: round3(best.score),
    selector,
    candidate: null,
    needsReview: false,
    method: methodOf(best),
  };
}


/**
 * A quote that began (ended) on a word boundary keeps doing so: when a typo fix added a letter
 * at the very edge of the quote ("ain" -> "rain"), the alignment leaves it outside; pull the edge
 * out to the word boundary if that is at most WORD_SNAP characters away.
 */
function snapToWords(sel: Selector, text: string, start: number, end: number): { start: number; end: number } {
  const q = sel.exact;
  if (isWordChar(q[0]) && !isWordChar(sel.prefix[sel.prefix.length - 1])) {
    let s = start;
    while (s > 0 && start - s < WORD_SNAP && isWordChar(text[s - 1])) s--;
    if (!isWordChar(text[s - 1])) start = s;
  }
  if (isWordChar(q[q.length - 1]) && !isWordChar(sel.suffix[0])) {
    let e = end;
    while (e < text.length && e - end < WORD_SNAP && isWordChar(text[e])) e++;
    if (!isWordChar(text[e])) end = e;
  }
  return { start, end };
}

/** True unless the candidate cuts through a word at an edge where the original quote did not. */
function keepsWordEdges(sel: Selector, text: string, start: number, end: number): boolean {
  const q = sel.exact;
  if (isWordChar(q[0]) && !isWordChar(sel.prefix[sel.prefix.length - 1]) && isWordChar(text[start - 1])) return false;
  if (isWordChar(q[q.length - 1]) && !isWordChar(sel.suffix[0]) && isWordChar(text[end])) return false;
  return true;
}

function commonSuffix(prefix: string, text: string, at: number): number {
  let k = 0;
  while (k < prefix.length && at - 1 - k >= 0 && prefix.charCodeAt(prefix.length - 1 - k) === text.charCodeAt(at - 1 - k)) k++;
  return k;
}

function commonPrefix(suffix: string, text: string, at: number): number {
  let k = 0;
  while (k < suffix.length && at + k < text.length && suffix.charCodeAt(k) === text.charCodeAt(at + k)) k++;
  return k;
}

function occurrences(text: string, needle: string, cap: number): number[] {
  const out: number[] = [];
  for (let at = text.indexOf(needle); at >= 0 && out.length < cap; at = text.indexOf(needle, at + 1)) out.push(at);
  return out;
}

/** TEMP debug */
export function __debugCandidates(sel: Selector, text: string, oldText?: string): unknown {
  const diff = oldText !== undefined ? diffText(oldText, text) : undefined;
  let mapped = null;
  let exp = Math.min(sel.start, Math.max(0, text.length - sel.exact.length));
  if (diff) {
    const ms = mapPosition(diff, sel.start, 1);
    const me = mapPosition(diff, sel.end, -1);
    mapped = { start: ms.pos, end: Math.max(ms.pos, me.pos) };
    exp = ms.pos;
  }
  return gatherCandidates(sel, text, exp, mapped, false, diff).slice(0, 5).map((c) => ({ ...c, text: text.slice(c.start, c.end), ctx: text.slice(c.start - 20, c.end + 20) }));
}
