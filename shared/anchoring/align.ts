/**
 * Local alignment of a stored passage (prefix + quote + suffix, as a selector keeps them) against
 * a window of the new text: where does the quote now start and end, and how much of the quote
 * and of its context survived. Pure.
 *
 * Semi-global alignment with affine gaps (Gotoh): the whole passage must be aligned, the window's
 * own ends are free. A substitution costs 21 units, a gap (text inserted or deleted) 20 to open
 * plus 2 per character: an inserted sentence is one edit, not forty, so the alignment does not
 * garble the quote to avoid paying for it. Text inserted right at the quote's edges costs 1 per
 * character (the commonest edit: words added before or after a highlight); deleting the quote's
 * own characters costs 4 (the quote is not lightly given up to avoid an insertion, yet a word
 * really deleted from it is read as deleted rather than as letters swapped for others). As edge
 * insertions are cheaper than insertions inside the quote, text added next to the quote stays
 * outside it even when it begins or ends with the quote's own letters ("news" + ", we guess").
 * A quote that began (ended) between words pays as much as a substitution for beginning
 * (ending) inside a word, which keeps "of" off "officials". The optional anchors pin one end of
 * the window, for measuring one side of the context next to a known position.
 */
import { diffText } from './diff';

export interface Alignment {
  /** The quote's new range, absolute offsets in the text. */
  start: number;
  end: number;
  /** Quote characters matched identically. */
  quoteMatched: number;
  /** Quote characters other than whitespace not found again (changed or deleted). */
  quoteLost: number;
  /** Similarity of the quote to its new range: Dice on matched characters, 2m / (|quote| + |range|). */
  quoteSim: number;
  /** Share of the prefix / suffix found again next to the quote (in runs of >= SOLID_RUN matches). */
  prefixSim: number;
  suffixSim: number;
  prefix: Side;
  suffix: Side;
}

/** How far text inserted next to the quote may push a side of its context and still be found. */
const SIDE_SLACK = 48;

/** A run of identical characters found again: its text, and how many of them lie on this side. */
export interface Run {
  text: string;
  chars: number;
}

/** How one side of the context was found: characters matched in solid runs, text inserted. */
export interface Side {
  solid: number;
  /** The solid runs touching this side (so the caller can ask how common each one is). */
  runs: Run[];
  inserted: number;
}

/**
 * The stored prefix against the text just before `pos`: aligned so that it ends at `pos` (text
 * in between counts as inserted). Same measure as Alignment.prefix.
 */
export function prefixAt(prefix: string, text: string, pos: number): Side {
  if (prefix.length === 0 || pos <= 0) return { solid: 0, runs: [], inserted: 0 };
  return alignPassage(prefix, '', '', text, Math.max(0, pos - prefix.length - SIDE_SLACK), pos, { anchorEnd: true }).prefix;
}

/** The stored suffix against the text just after `pos` (see prefixAt). */
export function suffixAt(suffix: string, text: string, pos: number): Side {
  if (suffix.length === 0 || pos >= text.length) return { solid: 0, runs: [], inserted: 0 };
  return alignPassage('', '', suffix, text, pos, Math.min(text.length, pos + suffix.length + SIDE_SLACK), { anchorStart: true }).suffix;
}

/** Share of a side found again: solid matches over (its length + text inserted into it). */
export const sideSim = (side: Side, len: number): number => (len === 0 ? 1 : side.solid / (len + side.inserted));

/** Matches in shorter runs than this do not count as context evidence: unrelated text matches by chance in ones and twos. */
const SOLID_RUN = 4;

const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;
/** Letters, digits and combining marks of any script (ASCII answered without the regex). */
export function isWordChar(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  const c = ch.charCodeAt(0);
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  return WORD_CHAR.test(ch);
}

// Costs (see the header): a substitution 21, opening a gap 20, each gapped character 2, text
// inserted at the quote's edges 1 per character, a deleted quote character 4, an edge of the
// quote placed inside a word 20.
const SUB = 21; // a hair above OPEN: of two equally cheap readings, the one matching more characters wins
const SUB_SPACE = 1; // one kind of whitespace for another (a space become a line break)
const OPEN = 20;
const EXT = 2;
const EXT_BOUNDARY = 1;
const EXT_QUOTE_DEL = 4;
const EDGE = 20;

/** Space, tab, line feed, carriage return, form feed, no-break space. */
export const isSpace = (c: number): boolean => c === 32 || (c >= 9 && c <= 13) || c === 160;

// The three matrices of the affine-gap alignment; each cell packs its predecessor states in a byte.
const M_ = 0; // characters aligned (equal or substituted)
const X_ = 1; // a passage character deleted (vertical)
const Y_ = 2; // a window character inserted (horizontal)

/** Above this many cells a passage is aligned by its ends (alignLongPassage) instead. */
export const MAX_ALIGN_CELLS = 4_000_000;
/** Characters of a long quote's head and tail aligned with the context. */
const LONG_EDGE = 256;

/**
 * A long passage (a whole section highlighted) aligned by its two ends: prefix + the quote's
 * first LONG_EDGE characters near the estimated start, the quote's last LONG_EDGE characters +
 * suffix near the estimated end, and the quote against the text between them by a diff. Memory
 * and time stay linear-ish where the full table would not fit.
 */
export function alignLongPassage(
  prefix: string,
  quote: string,
  suffix: string,
  text: string,
  estStart: number,
  estEnd: number,
  pad: number,
): Alignment {
  const head = quote.slice(0, LONG_EDGE);
  const tail = quote.slice(-LONG_EDGE);
  pad = Math.min(pad, 2 * LONG_EDGE); // each end is sought near its own estimate
  const h = alignPassage(prefix, head, '', text, Math.max(0, estStart - prefix.length - pad), Math.min(text.length, estStart + head.length + pad));
  const t = alignPassage('', tail, suffix, text, Math.max(0, estEnd - tail.length - pad), Math.min(text.length, estEnd + suffix.length + pad));
  const start = h.start;
  const end = Math.max(start, t.end);
  let quoteMatched = 0;
  let quoteLost = 0;
  if (end > start) {
    const d = diffText(quote, text.slice(start, end));
    quoteMatched = quote.length;
    for (const hk of d.hunks) {
      quoteMatched -= hk.oldEnd - hk.oldStart;
      for (let k = hk.oldStart; k < hk.oldEnd; k++) if (!isSpace(quote.charCodeAt(k))) quoteLost++;
    }
  } else {
    for (let k = 0; k < quote.length; k++) if (!isSpace(quote.charCodeAt(k))) quoteLost++;
  }
  const rangeLen = end - start;
  return {
    start,
    end,
    quoteMatched,
    quoteLost,
    quoteSim: (2 * quoteMatched) / (quote.length + rangeLen),
    prefixSim: h.prefixSim,
    suffixSim: t.suffixSim,
    prefix: h.prefix,
    suffix: t.suffix,
  };
}

export interface AlignOptions {
  /** The passage must begin at the window's first character (text skipped there is an insertion). */
  anchorStart?: boolean;
  /** The passage must end at the window's last character. */
  anchorEnd?: boolean;
}

/**
 * Align `prefix + quote + suffix` inside `text[winStart, winEnd)`. The caller keeps windows
 * modest (the table is |passage| x |window| cells).
 */
export function alignPassage(
  prefix: string,
  quote: string,
  suffix: string,
  text: string,
  winStart: number,
  winEnd: number,
  opts: AlignOptions = {},
): Alignment {
  const L = prefix + quote + suffix;
  const m = L.length;
  const n = winEnd - winStart;
  const qs = prefix.length; // first quote index in L
  const qe = prefix.length + quote.length; // one past the last
  // Integer costs in Int32Arrays; INF leaves headroom for the additions made to it.
  const INF = 0x3fffffff;
  const cols = n + 1;
  const back = new Uint8Array((m + 1) * cols);
  let pM = new Int32Array(cols); // row 0: free start anywhere in the window
  let pX = new Int32Array(cols).fill(INF);
  let pY = new Int32Array(cols).fill(INF);
  if (opts.anchorStart) {
    // Row 0 with an anchored start: only column 0 is free; reaching column j is a leading gap.
    pM.fill(INF);
    pM[0] = 0;
    for (let j = 1; j <= n; j++) {
      pY[j] = OPEN + j * EXT;
      back[j] = (j === 1 ? M_ : Y_) << 4;
    }
  }
  let cM = new Int32Array(cols);
  let cX = new Int32Array(cols);
  let cY = new Int32Array(cols);
  const w = new Uint16Array(n);
  for (let j = 0; j < n; j++) w[j] = text.charCodeAt(winStart + j);
  // A quote that began (ended) between words should not now begin (end) inside a word: placing
  // its edge mid-word costs as much as a substitution. midWord[j]: column j splits a word.
  const startAtWord = isWordChar(quote[0]) && !isWordChar(prefix[prefix.length - 1]);
  const endAtWord = isWordChar(quote[quote.length - 1]) && !isWordChar(suffix[0]);
  const midWord = new Uint8Array(n + 1);
  if (startAtWord || endAtWord) {
    let prevWord = isWordChar(text[winStart - 1]);
    for (let j = 0; j <= n; j++) {
      const here = isWordChar(text[winStart + j]);
      midWord[j] = prevWord && here ? 1 : 0;
      prevWord = here;
    }
  }

  for (let i = 1; i <= m; i++) {
    const li = L.charCodeAt(i - 1);
    const inQ = i - 1 >= qs && i - 1 < qe; // the passage character consumed on this row
    const del = inQ ? EXT_QUOTE_DEL : EXT;
    // Insertion between L[i-1] and L[i]: at the quote's edges, or anywhere else.
    const ins = i === qs || i === qe ? EXT_BOUNDARY : EXT;
    const row = i * cols;
    const startEdge = startAtWord && i === qs + 1; // moves into this row fix where the quote starts
    const endEdge = endAtWord && i === qe; // moves into this row fix where it ends
    cM[0] = INF;
    cY[0] = INF;
    {
      const a = Math.min(INF, pM[0]! + OPEN);
      const b = pX[0]!;
      cX[0] = (a <= b ? a : b) + del;
      back[row] = (a <= b ? M_ : X_) << 2;
    }
    const liSpace = isSpace(li);
    // Neighbours carried in locals: diagonal (i-1, j-1), left (i, j-1); up (i-1, j) is loaded.
    let dM = pM[0]!;
    let dX = pX[0]!;
    let dY = pY[0]!;
    let lM = cM[0]!;
    let lX = cX[0]!;
    let lY = cY[0]!;
    for (let j = 1; j <= n; j++) {
      const uM = pM[j]!;
      const uX = pX[j]!;
      const uY = pY[j]!;
      // M: diagonal from the best state of (i-1, j-1).
      let m0 = dM;
      let mFrom = M_;
      if (dX < m0) {
        m0 = dX;
        mFrom = X_;
      }
      if (dY < m0) {
        m0 = dY;
        mFrom = Y_;
      }
      const wj = w[j - 1]!;
      let vM = m0 + (li === wj ? 0 : liSpace && isSpace(wj) ? SUB_SPACE : SUB);
      // X: delete L[i-1], from (i-1, j).
      let x0 = uM + OPEN;
      let xFrom = M_;
      if (uX < x0) {
        x0 = uX;
        xFrom = X_;
      }
      if (uY + OPEN < x0) {
        x0 = uY + OPEN;
        xFrom = Y_;
      }
      let vX = x0 + del;
      if (startEdge || endEdge) {
        if (startEdge && midWord[j - 1]) vM += EDGE;
        if (endEdge && midWord[j]) vM += EDGE;
        if (midWord[j]) vX += EDGE;
      }
      // Y: insert W[j-1], from (i, j-1).
      let y0 = lM + OPEN;
      let yFrom = M_;
      if (lY < y0) {
        y0 = lY;
        yFrom = Y_;
      }
      if (lX + OPEN < y0) {
        y0 = lX + OPEN;
        yFrom = X_;
      }
      const vY = y0 + ins;
      cM[j] = vM;
      cX[j] = vX;
      cY[j] = vY;
      back[row + j] = mFrom | (xFrom << 2) | (yFrom << 4);
      dM = uM;
      dX = uX;
      dY = uY;
      lM = vM;
      lX = vX;
      lY = vY;
    }
    let t = pM;
    pM = cM;
    cM = t;
    t = pX;
    pX = cX;
    cX = t;
    t = pY;
    pY = cY;
    cY = t;
  }
  // Free end: the cheapest cell of the last row (p* hold it after the swap).
  let endJ = 0;
  let state = M_;
  let bestCost = INF;
  for (let j = opts.anchorEnd ? n : 0; j <= n; j++) {
    if (pM[j]! < bestCost) {
      bestCost = pM[j]!;
      endJ = j;
      state = M_;
    }
    if (pX[j]! < bestCost) {
      bestCost = pX[j]!;
      endJ = j;
      state = X_;
    }
    if (opts.anchorEnd && pY[j]! < bestCost) {
      bestCost = pY[j]!; // window text after the passage, which must still be consumed
      endJ = j;
      state = Y_;
    }
  }

  // Walk back. The path enters row b at one column and leaves it at another (insertions in
  // between). The quote starts where the path leaves row qs going forward (after insertions
  // there) and ends where it enters row qe (before insertions there).
  const matched = new Uint8Array(m);
  const insAtRow = new Int32Array(m + 1);
  let quoteStartCol = -1;
  let quoteEndCol = -1;
  let i = m;
  let j = endJ;
  while (i > 0) {
    if (i === qe && quoteEndCol < 0) quoteEndCol = j;
    const bits = back[i * cols + j]!;
    if (state === Y_) {
      insAtRow[i]!++;
      state = (bits >> 4) & 3;
      j--;
      if (i === qe) quoteEndCol = j;
      continue;
    }
    if (state === M_) {
      if (L.charCodeAt(i - 1) === w[j - 1]) matched[i - 1] = 1;
      state = bits & 3;
      j--;
    } else {
      state = (bits >> 2) & 3;
    }
    i--;
    if (i === qs && quoteStartCol < 0) quoteStartCol = j;
  }
  if (quoteStartCol < 0) quoteStartCol = j;
  if (quoteEndCol < 0) quoteEndCol = endJ;
  if (opts.anchorStart) insAtRow[0]! += j; // window text skipped before the passage began

  let quoteMatched = 0;
  let quoteLost = 0;
  for (let k = qs; k < qe; k++) {
    quoteMatched += matched[k]!;
    if (!matched[k] && !isSpace(L.charCodeAt(k))) quoteLost++;
  }
  // Solid matches: characters in runs of >= SOLID_RUN consecutive identical matches.
  let prefixSolid = 0;
  let suffixSolid = 0;
  const prefixRuns: Run[] = [];
  const suffixRuns: Run[] = [];
  for (let k = 0; k < m; ) {
    if (!matched[k]) {
      k++;
      continue;
    }
    let e = k;
    while (e < m && matched[e]) e++;
    if (e - k >= SOLID_RUN) {
      const inPrefix = Math.max(0, Math.min(e, qs) - k);
      const inSuffix = Math.max(0, e - Math.max(k, qe));
      const runText = inPrefix + inSuffix > 0 ? L.slice(k, e) : '';
      if (inPrefix > 0) {
        prefixSolid += inPrefix;
        prefixRuns.push({ text: runText, chars: inPrefix });
      }
      if (inSuffix > 0) {
        suffixSolid += inSuffix;
        suffixRuns.push({ text: runText, chars: inSuffix });
      }
    }
    k = e;
  }
  // Text inserted inside the context or between it and the quote counts against the context.
  let prefixIns = 0;
  for (let r = 1; r <= qs; r++) prefixIns += insAtRow[r]!;
  let suffixIns = 0;
  for (let r = qe; r < m; r++) suffixIns += insAtRow[r]!;

  const start = winStart + quoteStartCol;
  const end = winStart + Math.max(quoteStartCol, quoteEndCol);
  const rangeLen = end - start;
  return {
    start,
    end,
    quoteMatched,
    quoteLost,
    quoteSim: quote.length + rangeLen === 0 ? 0 : (2 * quoteMatched) / (quote.length + rangeLen),
    prefixSim: prefix.length === 0 ? 1 : prefixSolid / (prefix.length + prefixIns),
    suffixSim: suffix.length === 0 ? 1 : suffixSolid / (suffix.length + suffixIns),
    prefix: { solid: prefixSolid, runs: prefixRuns, inserted: prefixIns },
    suffix: { solid: suffixSolid, runs: suffixRuns, inserted: suffixIns },
  };
}
