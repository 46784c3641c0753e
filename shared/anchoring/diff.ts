/**
 * A character diff of an old text against a new one, and position mapping through it (the way
 * ProseMirror maps positions through a step). Used to carry highlights across an edit.
 *
 * Strategy, linear-ish for long articles with small edits:
 * 1. trim the common prefix and suffix (one small edit anywhere costs O(n) and nothing more);
 * 2. a word-level diff of the middle: large regions split first on tokens unique to both sides
 *    (patience diff), Myers' O(ND) on the pieces, within a work budget. Words inserted stay one
 *    insertion instead of being scattered over matching letters ("p[ri]m[e m]inister");
 * 3. small replaced regions refined character by character, so a one-letter typo fix stays a
 *    one-letter change;
 * 4. changes separated by less unchanged text than themselves merged (semantic cleanup).
 * A region whose diff would exceed the budget is kept as one replacement: correct (every
 * position still maps), only less precise.
 *
 * Offsets are UTF-16 code units; ranges are half-open.
 */

/** One changed region: old [oldStart, oldEnd) became new [newStart, newEnd). */
export interface Hunk {
  oldStart: number;
  oldEnd: number;
  newStart: number;
  newEnd: number;
}

/** A diff: hunks sorted, non-overlapping and non-adjacent; everything between them is unchanged. */
export interface TextDiff {
  oldLength: number;
  newLength: number;
  hunks: Hunk[];
}

/** Replaced word regions at most this long (both sides together) are refined on characters. */
const CHAR_DIFF_MAX = 256; // larger rewrites gain nothing from letter-level matches
/** Work budget for one Myers run, in (n + m) * D steps. */
const MYERS_WORK = 4_000_000;
/** Work budget for one whole diff (all Myers runs together). */
const TOTAL_WORK = 40_000_000;
/** Regions longer than this (both sides, in tokens) are split on unique tokens before Myers. */
const PATIENCE_FIRST = 4000;
/** Hard limit on D for one Myers run (the trace costs O(D^2) memory). */
const MYERS_MAX_D = 2000;

export function diffText(oldText: string, newText: string): TextDiff {
  const hunks: Hunk[] = [];
  let pre = 0;
  const minLen = Math.min(oldText.length, newText.length);
  while (pre < minLen && oldText.charCodeAt(pre) === newText.charCodeAt(pre)) pre++;
  let suf = 0;
  while (
    suf < minLen - pre &&
    oldText.charCodeAt(oldText.length - 1 - suf) === newText.charCodeAt(newText.length - 1 - suf)
  ) {
    suf++;
  }
  const aLo = pre;
  const aHi = oldText.length - suf;
  const bLo = pre;
  const bHi = newText.length - suf;
  if (aLo < aHi && bLo < bHi) {
    diffWords(oldText, aLo, aHi, newText, bLo, bHi, hunks);
  } else if (aLo < aHi || bLo < bHi) {
    hunks.push({ oldStart: aLo, oldEnd: aHi, newStart: bLo, newEnd: bHi }); // a pure insertion or deletion
  }
  return { oldLength: oldText.length, newLength: newText.length, hunks: cleanupSemantic(normalize(hunks)) };
}

/**
 * Merge two changes separated by an unchanged stretch no longer than either of them (the
 * "semantic cleanup" of diff-match-patch). A minimal diff may keep a short word that the edit
 * really replaced, by matching it with a copy of the word inside inserted text ("previous São
 * Paulo morning " inserted before "São Paulo" read as "previous " + kept "São Paulo" + " morning
 * São Paulo"); merged, the region counts as changed and the highlight on that word is decided by
 * its context instead of by an accident of the diff.
 */
function cleanupSemantic(hunks: Hunk[]): Hunk[] {
  const out: Hunk[] = [];
  const size = (h: Hunk): number => Math.max(h.oldEnd - h.oldStart, h.newEnd - h.newStart);
  for (const h of hunks) {
    let cur = { ...h };
    for (let last = out[out.length - 1]; last; last = out[out.length - 1]) {
      const equal = cur.oldStart - last.oldEnd;
      if (equal > size(last) || equal > size(cur)) break;
      out.pop();
      cur = { oldStart: last.oldStart, oldEnd: cur.oldEnd, newStart: last.newStart, newEnd: cur.newEnd };
    }
    out.push(cur);
  }
  return out;
}

/** Sort, then merge hunks that touch, so "unchanged" always means at least one unchanged character. */
function normalize(hunks: Hunk[]): Hunk[] {
  hunks.sort((x, y) => x.oldStart - y.oldStart || x.newStart - y.newStart);
  const out: Hunk[] = [];
  for (const h of hunks) {
    if (h.oldStart === h.oldEnd && h.newStart === h.newEnd) continue;
    const last = out[out.length - 1];
    if (last && last.oldEnd >= h.oldStart && last.newEnd >= h.newStart) {
      last.oldEnd = Math.max(last.oldEnd, h.oldEnd);
      last.newEnd = Math.max(last.newEnd, h.newEnd);
    } else {
      out.push({ ...h });
    }
  }
  return out;
}

function codes(text: string, lo: number, hi: number): Uint16Array {
  const out = new Uint16Array(hi - lo);
  for (let i = lo; i < hi; i++) out[i - lo] = text.charCodeAt(i);
  return out;
}

/** Character diff of a region; pushes hunks in absolute offsets. */
function diffChars(a: string, aLo: number, aHi: number, b: string, bLo: number, bHi: number, out: Hunk[]): void {
  const local: Hunk[] = [];
  diffSeq(codes(a, aLo, aHi), codes(b, bLo, bHi), local);
  for (const h of local) {
    out.push({ oldStart: aLo + h.oldStart, oldEnd: aLo + h.oldEnd, newStart: bLo + h.newStart, newEnd: bLo + h.newEnd });
  }
}

/**
 * Tokens: runs of letters/digits, runs of whitespace, or single other characters. Interned to
 * integers so the sequence diff compares numbers.
 */
const TOKEN = /[\p{L}\p{N}\p{M}]+|\s+|[^\p{L}\p{N}\p{M}\s]/gu;

function tokenize(text: string, lo: number, hi: number, ids: Map<string, number>): { seq: Int32Array; starts: Int32Array } {
  const slice = text.slice(lo, hi);
  const seq: number[] = [];
  const starts: number[] = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(slice); m !== null; m = TOKEN.exec(slice)) {
    let id = ids.get(m[0]);
    if (id === undefined) {
      id = ids.size;
      ids.set(m[0], id);
    }
    seq.push(id);
    starts.push(lo + m.index);
  }
  starts.push(hi); // sentinel: the end of the last token
  return { seq: Int32Array.from(seq), starts: Int32Array.from(starts) };
}

function diffWords(a: string, aLo: number, aHi: number, b: string, bLo: number, bHi: number, out: Hunk[]): void {
  const ids = new Map<string, number>();
  const ta = tokenize(a, aLo, aHi, ids);
  const tb = tokenize(b, bLo, bHi, ids);
  const tokenHunks: Hunk[] = [];
  diffSeq(ta.seq, tb.seq, tokenHunks);
  for (const h of normalize(tokenHunks)) {
    const oS = ta.starts[h.oldStart]!;
    const oE = ta.starts[h.oldEnd]!;
    const nS = tb.starts[h.newStart]!;
    const nE = tb.starts[h.newEnd]!;
    if (oS < oE && nS < nE && oE - oS + (nE - nS) <= CHAR_DIFF_MAX) {
      diffChars(a, oS, oE, b, nS, nE, out); // refine: a typo fix stays one character
    } else {
      out.push({ oldStart: oS, oldEnd: oE, newStart: nS, newEnd: nE });
    }
  }
}

type Seq = ArrayLike<number>;

/**
 * Diff two whole sequences; hunks in sequence indices. Trim; split a large region on elements
 * unique to both sides first (patience diff), Myers on what is small; a region that exceeds the
 * budget becomes one replacement. An explicit stack, so no recursion depth limit; one work
 * budget for the whole call, so two unrelated texts cost a bounded time.
 */
function diffSeq(a: Seq, b: Seq, out: Hunk[]): void {
  const emit = (aS: number, aE: number, bS: number, bE: number): void => {
    out.push({ oldStart: aS, oldEnd: aE, newStart: bS, newEnd: bE });
  };
  let budget = TOTAL_WORK;
  const stack: [number, number, number, number][] = [[0, a.length, 0, b.length]];
  const split = (aS: number, aE: number, bS: number, bE: number): boolean => {
    const anchors = uniqueAnchors(a, aS, aE, b, bS, bE);
    if (anchors.length === 0) return false;
    // Diff the gaps between anchors (the anchors themselves are equal).
    let pa = aS;
    let pb = bS;
    for (const [ia, ib] of anchors) {
      stack.push([pa, ia, pb, ib]);
      pa = ia + 1;
      pb = ib + 1;
    }
    stack.push([pa, aE, pb, bE]);
    return true;
  };
  while (stack.length > 0) {
    let [aS, aE, bS, bE] = stack.pop()!;
    while (aS < aE && bS < bE && a[aS] === b[bS]) {
      aS++;
      bS++;
    }
    while (aS < aE && bS < bE && a[aE - 1] === b[bE - 1]) {
      aE--;
      bE--;
    }
    if (aS === aE || bS === bE) {
      if (aS < aE || bS < bE) emit(aS, aE, bS, bE);
      continue;
    }
    const total = aE - aS + (bE - bS);
    if (total > PATIENCE_FIRST && split(aS, aE, bS, bE)) continue;
    const maxD = Math.min(total, MYERS_MAX_D, Math.max(16, Math.floor(MYERS_WORK / total)), Math.floor(budget / total));
    const edits = maxD >= 1 ? myers(a, aS, aE, b, bS, bE, maxD) : null;
    budget -= total * Math.max(1, maxD);
    if (edits) {
      for (const e of edits) out.push(e);
      continue;
    }
    if (total <= PATIENCE_FIRST && budget > 0 && split(aS, aE, bS, bE)) continue;
    emit(aS, aE, bS, bE); // too different to diff within budget: one replacement
  }
}

/**
 * Myers' greedy O((N+M)D) diff on a[aS,aE) vs b[bS,bE), or null when it needs more than maxD
 * edits. Keeps the V array of every round (O(D^2) memory) to walk the path back.
 */
function myers(a: Seq, aS: number, aE: number, b: Seq, bS: number, bE: number, maxD: number): Hunk[] | null {
  const n = aE - aS;
  const m = bE - bS;
  const off = maxD + 1;
  const v = new Int32Array(2 * maxD + 3);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= maxD; d++) {
    for (let k = -d; k <= d; k += 2) {
      let x: number;
      if (k === -d || (k !== d && v[off + k - 1]! < v[off + k + 1]!)) x = v[off + k + 1]!;
      else x = v[off + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[aS + x] === b[bS + y]) {
        x++;
        y++;
      }
      v[off + k] = x;
      if (x >= n && y >= m) {
        trace.push(v.slice(off - d, off + d + 1));
        return backtrack(trace, n, m, aS, bS);
      }
    }
    trace.push(v.slice(off - d, off + d + 1));
  }
  return null;
}

function backtrack(trace: Int32Array[], n: number, m: number, aS: number, bS: number): Hunk[] {
  // Walk back from (n, m); each round d contributes one edit (an insertion or a deletion).
  const edits: { x: number; y: number; del: boolean }[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d > 0; d--) {
    const prev = trace[d - 1]!; // index k + (d - 1)
    const get = (k: number): number => prev[k + d - 1]!;
    const k = x - y;
    const down = k === -d || (k !== d && get(k - 1) < get(k + 1));
    const prevK = down ? k + 1 : k - 1;
    const prevX = get(prevK);
    const prevY = prevX - prevK;
    edits.push({ x: prevX, y: prevY, del: !down });
    x = prevX;
    y = prevY;
  }
  edits.reverse();
  const hunks: Hunk[] = [];
  for (const e of edits) {
    const oS = aS + e.x;
    const nS = bS + e.y;
    const oE = e.del ? oS + 1 : oS;
    const nE = e.del ? nS : nS + 1;
    const last = hunks[hunks.length - 1];
    if (last && last.oldEnd === oS && last.newEnd === nS) {
      last.oldEnd = oE;
      last.newEnd = nE;
    } else {
      hunks.push({ oldStart: oS, oldEnd: oE, newStart: nS, newEnd: nE });
    }
  }
  return hunks;
}

/**
 * Patience-diff anchors: elements occurring exactly once on each side, reduced to the longest
 * chain increasing on both sides. Returns pairs of indices.
 */
function uniqueAnchors(a: Seq, aS: number, aE: number, b: Seq, bS: number, bE: number): [number, number][] {
  const inA = new Map<number, number>(); // value -> index, or -1 when repeated
  for (let i = aS; i < aE; i++) inA.set(a[i]!, inA.has(a[i]!) ? -1 : i);
  const inB = new Map<number, number>();
  for (let j = bS; j < bE; j++) {
    const val = b[j]!;
    if (!inA.has(val) || inA.get(val) === -1) continue;
    inB.set(val, inB.has(val) ? -1 : j);
  }
  const pairs: [number, number][] = [];
  for (let i = aS; i < aE; i++) {
    const j = inB.get(a[i]!);
    if (j !== undefined && j >= 0 && inA.get(a[i]!) === i) pairs.push([i, j]);
  }
  if (pairs.length === 0) return [];
  // Longest increasing subsequence on j (pairs are already in increasing i).
  const tails: number[] = [];
  const prevIdx = new Int32Array(pairs.length).fill(-1);
  for (let p = 0; p < pairs.length; p++) {
    const j = pairs[p]![1];
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (pairs[tails[mid]!]![1] < j) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prevIdx[p] = tails[lo - 1]!;
    tails[lo] = p;
  }
  const chain: [number, number][] = [];
  for (let p = tails[tails.length - 1]!; p >= 0; p = prevIdx[p]!) chain.push(pairs[p]!);
  return chain.reverse();
}

/** Index of the first hunk whose oldEnd >= pos (binary search). */
function firstHunkEndingAtOrAfter(hunks: readonly Hunk[], pos: number, side: 'old' | 'new'): number {
  let lo = 0;
  let hi = hunks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const end = side === 'old' ? hunks[mid]!.oldEnd : hunks[mid]!.newEnd;
    if (end < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export interface MappedPosition {
  pos: number;
  /** True when the position fell strictly inside a changed region (the mapping is a guess). */
  inside: boolean;
}

/**
 * Map an old offset to the new text. `assoc` decides which side an insertion made exactly at the
 * position goes: +1 keeps the position after it (a range start), -1 before it (a range end).
 * Positions strictly inside a replaced region go to its start (assoc -1) or end (assoc +1) and
 * are flagged `inside`.
 */
export function mapPosition(diff: TextDiff, pos: number, assoc: 1 | -1): MappedPosition {
  return mapThrough(diff.hunks, pos, assoc, 'old');
}

/** The inverse: a new offset back to the old text. */
export function mapPositionBack(diff: TextDiff, pos: number, assoc: 1 | -1): MappedPosition {
  return mapThrough(diff.hunks, pos, assoc, 'new');
}

function mapThrough(hunks: readonly Hunk[], pos: number, assoc: 1 | -1, from: 'old' | 'new'): MappedPosition {
  const i = firstHunkEndingAtOrAfter(hunks, pos, from);
  const h = hunks[i];
  const fs = (x: Hunk): number => (from === 'old' ? x.oldStart : x.newStart);
  const fe = (x: Hunk): number => (from === 'old' ? x.oldEnd : x.newEnd);
  const ts = (x: Hunk): number => (from === 'old' ? x.newStart : x.oldStart);
  const te = (x: Hunk): number => (from === 'old' ? x.newEnd : x.oldEnd);
  if (!h || pos < fs(h)) {
    // In unchanged text after hunk i-1 (or before the first hunk).
    const p = hunks[i - 1];
    return { pos: p ? te(p) + (pos - fe(p)) : pos, inside: false };
  }
  if (fs(h) === fe(h)) return { pos: assoc > 0 ? te(h) : ts(h), inside: false }; // pure insertion here
  if (pos === fs(h)) return { pos: ts(h), inside: false };
  if (pos === fe(h)) return { pos: te(h), inside: false };
  return { pos: assoc > 0 ? te(h) : ts(h), inside: true };
}

/** Hunks overlapping the old range [start, end): sharing a character, or an insertion strictly inside. */
export function hunksInOld(diff: TextDiff, start: number, end: number): Hunk[] {
  const out: Hunk[] = [];
  for (let i = firstHunkEndingAtOrAfter(diff.hunks, start, 'old'); i < diff.hunks.length; i++) {
    const h = diff.hunks[i]!;
    if (h.oldStart >= end) break;
    const pureInsert = h.oldStart === h.oldEnd;
    if (pureInsert ? h.oldStart > start && h.oldStart < end : h.oldEnd > start) out.push(h);
  }
  return out;
}

/** Number of characters of the new range [start, end) that the edit inserted or replaced. */
export function changedCharsInNew(diff: TextDiff, start: number, end: number): number {
  let n = 0;
  for (let i = firstHunkEndingAtOrAfter(diff.hunks, start, 'new'); i < diff.hunks.length; i++) {
    const h = diff.hunks[i]!;
    if (h.newStart >= end) break;
    n += Math.max(0, Math.min(end, h.newEnd) - Math.max(start, h.newStart));
  }
  return n;
}

/** Apply a diff's hunks to the old text (used by tests to prove a diff is a valid edit script). */
export function applyDiff(oldText: string, newText: string, diff: TextDiff): string {
  let out = '';
  let at = 0;
  for (const h of diff.hunks) {
    out += oldText.slice(at, h.oldStart) + newText.slice(h.newStart, h.newEnd);
    at = h.oldEnd;
  }
  return out + oldText.slice(at);
}
