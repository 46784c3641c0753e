/**
 * Re-anchoring highlights and claims after an article's text changes. Pure.
 *
 * Fast paths (score 1, 'anchored'):
 * - edit (old text known): the range mapped through a diff of old -> new text, when no change
 *   touches the quote or its stored context, or when the edit left every one of the quote's
 *   characters in place and the quote is long (20+ characters) or one side of its context also
 *   came through intact and adjacent ('diff');
 * - re-import (old text unknown): the old position still holding quote and context ('position'),
 *   or the one place where prefix + quote + suffix occur intact ('exact').
 * Otherwise candidates are gathered (the diff-mapped or old position, exact occurrences of the
 * quote ranked by context, places where the context's inner ends occur, approximate matches of
 * the quote), each aligned against the stored passage (align.ts) and scored (scoreOf):
 *   score = (wq * quote similarity + 0.35 * context + 0.05 * closeness) / (wq + 0.4),
 *   wq = 0.6 for quotes of 20+ characters, less for shorter ones.
 * A candidate is applied only when all of these hold:
 * - score >= threshold (0.75 by default). Context is therefore mandatory: a quote found
 *   identical with none of its context scores at most 0.65;
 * - it lost at most one visible character in ten of the quote (a typo fixed, words added, line
 *   breaks changed are fine; a rewritten claim goes to the analyst);
 * - it does not cut through a word where the original quote did not;
 * - (edit) it is not text the edit left untouched elsewhere: that is another passage;
 * - its context beats the removal hypothesis (the old prefix running straight into the old
 *   suffix somewhere: the quote was cut out);
 * - no other eligible candidate comes within 0.05 of it (with the old text, the diff-mapped
 *   candidate wins such a tie).
 * Anything not applied is 'orphaned' with needsReview: the stored selector stays as it was, and
 * the best candidate (if its text resembles the quote) comes along for the analyst to accept.
 */
import search from 'approx-string-match';
import type { Anchor, Selector } from '../model/schemas';
import { makeSelector, SELECTOR_CONTEXT } from '../text/selector';
import { alignLongPassage, alignPassage, isSpace, isWordChar, MAX_ALIGN_CELLS, prefixAt, sideSim, suffixAt, type Side } from './align';
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
  /** Re-import only: where the quote probably starts now (its old start shifted like the
   *  highlight before it). Tried right after the old position; reanchorAll supplies it. */
  positionHint?: number;
}

export const DEFAULT_ANCHOR_THRESHOLD = 0.75;
/** A runner-up this close to the best candidate makes the choice ambiguous: review instead. */
export const AMBIGUITY_MARGIN = 0.05;
const W_QUOTE = 0.6;
const W_CONTEXT = 0.35;
const W_POSITION = 0.05;
/** Share of the quote's characters a re-anchored quote may have lost (changed or deleted) and still be applied. */
export const MAX_LOST_SHARE = 0.1;
/** A candidate is worth showing for review only if its text resembles the quote this much. */
const MIN_REVIEW_SIMILARITY = 0.5;
/** How far a re-anchored edge may be pulled out to the word boundary the quote started or ended on. */
const WORD_SNAP = 2;
/** Quotes at least this long count fully as evidence; a shorter quote (a name, a number, "on")
 *  matches by chance often, so its weight shrinks and the context must carry the decision. */
const INFORMATIVE_QUOTE = 20;
/** A side of context found at least this well (after beyondChance) counts as intact. */
const INTACT_SIDE = 0.7;
/** Context similarity unrelated text reaches by chance. */
const CHANCE_CONTEXT = 0.3;
/** Longer quotes are found by their ends and context instead (the search cost grows with length). */
const MAX_APPROX_QUOTE = 1000;
/** Exact occurrences of the quote looked at, at most (a one-word quote can be everywhere). */
const MAX_EXACT_OCCURRENCES = 5000;
/** A candidate loses to "the quote was cut out here" only when that explains the context clearly better. */
const REMOVAL_MARGIN = 0.01;

interface Candidate {
  start: number;
  end: number;
  quoteSim: number;
  score: number;
  /** False when this cannot be the passage: another passage the edit left untouched, part of a
   *  word, or context no better than the quote having been cut out. */
  eligible: boolean;
  /** Pooled context similarity (before discounts), compared with the removal hypothesis. */
  ctxMean: number;
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
      const fast = applied(selector, newText, ms.pos, me.pos, 'diff');
      if (fast) return fast;
    }
    mapped = { start: ms.pos, end: Math.max(ms.pos, me.pos) };
    // The quote's own characters came through unchanged; only its surroundings were edited.
    mappedIdentical = !ms.inside && !me.inside && me.pos - ms.pos === Q.length && hunksInOld(diff, selector.start, selector.end).length === 0;
    // A quote long enough not to be matched by chance that the edit left intact is the same
    // text, whatever happened around it (a copy of it pasted alongside, its sentence rewritten).
    // Short quotes still need their context: a diff can keep a lone "the" out of a rewrite.
    // A shorter one qualifies too when one side of its context also came through intact and
    // still touching it: the diff kept the words and their neighbours.
    const d = diff;
    const insertedAt = (at: number): boolean => mapPosition(d, at, 1).pos !== mapPosition(d, at, -1).pos;
    const sideKept = (lo: number, hi: number, at: number): boolean => hunksInOld(d, lo, hi).length === 0 && !insertedAt(at);
    const intactSide =
      (P.length > 0 && sideKept(selector.start - P.length, selector.start, selector.start)) ||
      (S.length > 0 && sideKept(selector.end, selector.end + S.length, selector.end));
    if (mappedIdentical && (Q.length >= INFORMATIVE_QUOTE || intactSide)) {
      const fast = applied(selector, newText, ms.pos, me.pos, 'diff');
      if (fast) return fast;
    }
    expectedStart = ms.pos;
  } else {
    const s = selector.start;
    const e = s + Q.length;
    if (newText.startsWith(Q, s) && newText.slice(Math.max(0, s - P.length), s) === P && newText.slice(e, e + S.length) === S) {
      const fast = applied(selector, newText, s, e, 'position');
      if (fast) return fast;
    }
    const h = opts.positionHint;
    if (h !== undefined && h !== s && newText.startsWith(Q, h) && newText.slice(Math.max(0, h - P.length), h) === P && newText.slice(h + Q.length, h + Q.length + S.length) === S) {
      // Quote and full context intact where the neighbouring highlights moved to.
      const fast = applied(selector, newText, h, h + Q.length, 'exact');
      if (fast) return fast;
    }
    const passage = P + Q + S;
    const at = newText.indexOf(passage);
    if (at >= 0 && newText.indexOf(passage, at + 1) < 0) {
      const fast = applied(selector, newText, at + P.length, at + P.length + Q.length, at + P.length === s ? 'position' : 'exact');
      if (fast) return fast;
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
  if (oldText !== null) {
    const base: ReanchorOptions = { threshold: opts.threshold, oldText, diff: diffText(oldText, newText) };
    return selectors.map((sel) => reanchor(sel, newText, base));
  }
  // Without the old text, text usually moves in blocks: try each quote where the previous one
  // (in text order) moved, before searching the whole text for it.
  const results: AnchorResult[] = new Array(selectors.length);
  const order = selectors.map((_, i) => i).sort((a, b) => selectors[a]!.start - selectors[b]!.start);
  let shift = 0;
  for (const i of order) {
    const sel = selectors[i]!;
    const r = reanchor(sel, newText, { threshold: opts.threshold, positionHint: sel.start + shift });
    if (r.selector) shift = r.selector.start - sel.start;
    results[i] = r;
  }
  return results;
}

/**
 * A fast-path answer (the quote's characters found intact with their context), or null when it
 * would cut through a word the original did not (a letter added at the quote's edge: "Çelik" ->
 * "äÇelik"); the general search then decides.
 */
function applied(sel: Selector, text: string, start: number, end: number, method: AnchorMethod): AnchorResult | null {
  ({ start, end } = snapToWords(sel, text, start, end));
  if (!keepsWordEdges(sel, text, start, end)) return null;
  const selector = makeSelector(text, start, end);
  if (selector.exact !== sel.exact) return null;
  return { status: 'anchored', score: 1, selector, candidate: null, needsReview: false, method };
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
  // A changed quote is applied only if it lost at most one character in ten (at least one may
  // go): a typo fixed, words added. A passage rewritten ("rise 3.5% in the third quarter" ->
  // "fall 2% in the fourth") is the analyst's call. Whitespace does not count: a line break
  // turned into a space changes no claim.
  let visible = 0;
  for (let k = 0; k < Q.length; k++) if (!isSpace(Q.charCodeAt(k))) visible++;
  const maxLost = Math.max(1, Math.floor(visible * MAX_LOST_SHARE));

  const occ: number[] = [];
  for (let at = text.indexOf(Q); at >= 0 && occ.length < MAX_EXACT_OCCURRENCES; at = text.indexOf(Q, at + 1)) occ.push(at);

  // Context that matches only through a phrase the text repeats ("the border agreement", or
  // "the minister said on Tuesday" around "minister") says nothing about which occurrence this
  // is: a matched run whose text occurs more than once in the new text is not counted. An intact
  // context is one long run, unique in the text, and keeps its full weight.
  const commonRun = new Map<string, boolean>();
  const isCommon = (run: string): boolean => {
    let c = commonRun.get(run);
    if (c === undefined) {
      const first = text.indexOf(run);
      c = first >= 0 && text.indexOf(run, first + 1) >= 0;
      commonRun.set(run, c);
    }
    return c;
  };
  const distinctiveSolid = (side: Side): number => {
    let solid = side.solid;
    for (const r of side.runs) if (isCommon(r.text)) solid -= r.chars;
    return solid;
  };

  // The removal hypothesis: the stored prefix followed directly by the stored suffix, the quote
  // simply cut out. A candidate must have better context than that, or the honest answer is that
  // the passage is gone (and the candidate goes to review).
  // Both are measured the same way: context characters found, over the context's length plus
  // whatever text sits in it (for the removal, the quote itself would be such text).
  const pooled = (pre: Side, suf: Side): number =>
    P.length + S.length === 0 ? 1 : (pre.solid + suf.solid) / (P.length + S.length + pre.inserted + suf.inserted);
  let removalCtx = 0;
  const junction = (pos: number): void => {
    if (pos < 0 || pos > n || P.length + S.length === 0) return;
    // An empty side means the quote touched an end of the text; the cut must be there too.
    if ((P.length === 0 && pos !== 0) || (S.length === 0 && pos !== n)) return;
    const pre = prefixAt(P, text, pos);
    const suf = suffixAt(S, text, pos);
    // A cut means both sides meet here: each present side must be mostly found.
    if ((P.length > 0 && sideSim(pre, P.length) < 0.5) || (S.length > 0 && sideSim(suf, S.length) < 0.5)) return;
    removalCtx = Math.max(removalCtx, pooled(pre, suf));
  };

  const consider = (rawStart: number, rawEnd: number, matched: number, lost: number, pre: Side, suf: Side): void => {
    if (rawEnd <= rawStart) return;
    const { start, end } = snapToWords(sel, text, rawStart, rawEnd);
    const identical = end - start === Q.length && text.startsWith(Q, start);
    const quoteSim = (2 * matched) / (Q.length + end - start);
    // A side shorter than 32 characters (even empty) stopped at the text's edge. A candidate
    // whose found context reaches that edge too gets the rest of the side as matched: still
    // beginning the text is as good evidence as a full prefix; no longer doing so is a side lost.
    const preLen = Math.max(P.length, SELECTOR_CONTEXT);
    const sufLen = Math.max(S.length, SELECTOR_CONTEXT);
    const preEdge = P.length < SELECTOR_CONTEXT && start <= P.length + pre.inserted ? SELECTOR_CONTEXT - P.length : 0;
    const sufEdge = S.length < SELECTOR_CONTEXT && n - end <= S.length + suf.inserted ? SELECTOR_CONTEXT - S.length : 0;
    const prefixSim = beyondChance((distinctiveSolid(pre) + preEdge) / (preLen + pre.inserted));
    const suffixSim = beyondChance((distinctiveSolid(suf) + sufEdge) / (sufLen + suf.inserted));
    const closeness = 1 / (1 + Math.abs(start - expectedStart) / scale);
    const score = scoreOf(Q.length, quoteSim, prefixSim, suffixSim, identical, closeness);
    const ctxMean = pooled(pre, suf);
    const fromDiff = mapped !== null && start <= mapped.end && end >= mapped.start;
    // A quote that began and ended on word boundaries is never applied to part of a word
    // ("of" inside "officials").
    let eligible = keepsWordEdges(sel, text, start, end) && lost <= maxLost;
    if (eligible && diff && changedCharsInNew(diff, start, end) === 0) {
      // Text the edit did not touch, which stood elsewhere in the old text: another passage that
      // was already there (a similar sentence), never the highlight's own words.
      const bs = mapPositionBack(diff, start, 1).pos;
      const be = mapPositionBack(diff, end, -1).pos;
      if (!(bs < sel.end && be > sel.start)) eligible = false;
    }
    const key = `${start}:${end}`;
    const prev = out.get(key);
    if (!prev || prev.score < score) out.set(key, { start, end, quoteSim, score, eligible, fromDiff, ctxMean });
  };
  /** Align the whole passage in a window around an estimated quote range; the alignment decides
   *  the edges. A window inside one already aligned would find nothing new: skipped. */
  const done: [number, number][] = [];
  const alignAround = (start: number, end: number, pad: number): void => {
    const ws = Math.max(0, start - P.length - pad);
    const we = Math.min(n, end + S.length + pad);
    if (done.some(([a, b]) => a <= ws && we <= b)) return;
    done.push([ws, we]);
    const al =
      (P.length + Q.length + S.length) * (we - ws) > MAX_ALIGN_CELLS
        ? alignLongPassage(P, Q, S, text, start, end, pad)
        : alignPassage(P, Q, S, text, ws, we);
    consider(al.start, al.end, al.quoteMatched, al.quoteLost, al.prefix, al.suffix);
  };
  const exactAt = (at: number): void => {
    consider(at, at + Q.length, Q.length, 0, prefixAt(P, text, at), suffixAt(S, text, at + Q.length));
  };
  const widePad = 24 + Math.min(Q.length >> 2, 2000); // room for words added inside the quote or its context
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
  if (occ.length > 0) {
    const ranked = occ
      .map((at) => ({ at, c: commonSuffix(P, text, at) + commonPrefix(S, text, at + Q.length) }))
      .sort((x, y) => y.c - x.c)
      .slice(0, 4)
      .map((x) => x.at);
    for (const at of new Set([...ranked, ...nearest(occ, 1)])) exactAt(at);
  }
  // 3. Where the context's inner ends occur: the quote should start right after the prefix and
  //    end right before the suffix, even when it was edited too much for the search above.
  //    These are also the places where the quote may simply have been cut out.
  const pTail = P.slice(-12);
  if (pTail.length >= 6) {
    const hits = occurrences(text, pTail, 200).map((at) => at + pTail.length);
    for (const s of nearest(hits, 3)) {
      alignAround(s, Math.min(n, s + Q.length), widePad);
      if (!mapped) junction(s);
    }
  }
  const sHead = S.slice(0, 12);
  if (sHead.length >= 6) {
    const hits = occurrences(text, sHead, 200);
    for (const e of nearest(hits, 3)) {
      alignAround(Math.max(0, e - Q.length), e, widePad);
      if (!mapped) junction(e);
    }
  }
  // With the diff, the cut can only be where the diff put the quote.
  if (mapped) junction(mapped.start);
  // 4. The old position (re-import), when nothing above already covered it.
  if (!mapped) alignAround(expectedStart, Math.min(n, expectedStart + Q.length), widePad);
  // 5. Approximate matches of the quote (bounded edit distance; the library returns the
  //    best-scoring ones). A tight window: the match says where the quote is.
  if (Q.length >= 4 && Q.length <= MAX_APPROX_QUOTE) {
    const maxErrors = Math.max(1, Math.floor(Q.length / 4));
    const exactStarts = new Set(occ);
    const found = search(text, Q, maxErrors).filter((mt) => !exactStarts.has(mt.start));
    const byStart = new Map(found.map((mt) => [mt.start, mt.end]));
    for (const s of nearest([...byStart.keys()], 4)) alignAround(s, byStart.get(s)!, tightPad);
  }
  const cands = [...out.values()];
  for (const c of cands) if (c.ctxMean + REMOVAL_MARGIN < removalCtx) c.eligible = false;
  return cands.sort((a, b) => b.score - a.score);
}

/**
 * Context similarity rescaled so that what unrelated text reaches by chance (a few common words
 * at the right distance: up to about a third of a side) counts for little: 0.3 -> 0, 1 -> 1.
 */
const beyondChance = (sim: number): number => Math.max(0, (sim - CHANCE_CONTEXT) / (1 - CHANCE_CONTEXT));

/**
 * score = (wq * quoteSim + 0.35 * context + 0.05 * closeness) / (wq + 0.4), wq = 0.6 scaled down
 * for short quotes. Context per side is the share of the stored context (32 characters, or up to
 * the text's edge) found again next to the candidate, in runs of 4+ that are not phrases the
 * text repeats, with inserted text counting against it, rescaled by beyondChance. A quote found identical may rest on its
 * stronger side when that side is essentially intact (the other side's sentence may have been
 * rewritten; a side matched only in part is more likely chance), the more so the longer the
 * quote: a short one ("Tuesday") after a stock phrase needs its other side or its old position
 * too. A changed quote leans on its weaker side, so a similar sentence that merely follows the
 * old prefix is not taken for the highlight.
 */
function scoreOf(quoteLen: number, quoteSim: number, prefixSim: number, suffixSim: number, identical: boolean, closeness: number): number {
  const info = Math.min(1, quoteLen / INFORMATIVE_QUOTE);
  const wq = W_QUOTE * info;
  const mean = (prefixSim + suffixSim) / 2;
  const stronger = Math.max(prefixSim, suffixSim);
  const side = identical ? (stronger >= INTACT_SIDE ? mean + (stronger - mean) * info : mean) : Math.min(prefixSim, suffixSim);
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
