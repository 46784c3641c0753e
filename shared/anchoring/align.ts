/**
 * Local alignment of a stored passage (prefix + quote + suffix, as a selector keeps them) against
 * a window of the new text: where does the quote now start and end, and how much of the quote
 * and of its context survived. Pure.
 *
 * Semi-global alignment with affine gaps (Gotoh): the whole passage must be aligned, the window's
 * own ends are free. A substitution costs 20 units, a gap (text inserted or deleted) 20 to open
 * plus 2 per character: an inserted sentence is one edit, not forty, so the alignment does not
 * garble the quote to avoid paying for it. Text inserted right at the quote's edges costs 1 per
 * character (the commonest edit: words added before or after a highlight); deleting the quote's
 * own characters costs 4 (so the quote is not given up to avoid a long insertion). Every
 * operation inside the quote costs a further tiny amount (units exceed the number of possible
 * operations), which only breaks ties: text inserted next to the quote stays outside it even
 * when it begins or ends with the quote's own letters.
 */

export interface Alignment {
  /** The quote's new range, absolute offsets in the text. */
  start: number;
  end: number;
  /** Quote characters matched identically. */
  quoteMatched: number;
  /** Similarity of the quote to its new range: Dice on matched characters, 2m / (|quote| + |range|). */
  quoteSim: number;
  /** Share of the prefix / suffix found again next to the quote (in runs of >= SOLID_RUN matches). */
  prefixSim: number;
  suffixSim: number;
}

/** Matches in shorter runs than this do not count as context evidence: unrelated text matches by chance in ones and twos. */
const SOLID_RUN = 4;

/** Pack the predecessor state of each matrix (0 M, 1 X, 2 Y) into one byte per cell. */
const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;
/** Letters, digits and combining marks of any script (ASCII answered without the regex). */
export function isWordChar(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  const c = ch.charCodeAt(0);
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  return WORD_CHAR.test(ch);
}

const M_ = 0;
const X_ = 1; // a passage character deleted (vertical)
const Y_ = 2; // a window character inserted (horizontal)

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
  const U = m + n + 2; // > number of operations, so the inside-quote surcharge only breaks ties
  const SUB = 20 * U;
  const OPEN = 20 * U;
  const EXT = 2 * U;
  const EXT_BOUNDARY = U; // text added right next to the quote: the most common edit of all
  const EXT_QUOTE_DEL = 4 * U; // losing the quote's own characters is what we least expect
  const INF = Number.POSITIVE_INFINITY;
  const cols = n + 1;
  const back = new Uint8Array((m + 1) * cols);
  let pM = new Float64Array(cols); // row 0: free start anywhere in the window
  let pX = new Float64Array(cols).fill(INF);
  let pY = new Float64Array(cols).fill(INF);
  if (opts.anchorStart) {
    // Row 0 with an anchored start: only column 0 is free; reaching column j is a leading gap.
    pM.fill(INF);
    pM[0] = 0;
    for (let j = 1; j <= n; j++) {
      pY[j] = OPEN + j * EXT;
      back[j] = (j === 1 ? M_ : Y_) << 4;
    }
  }
  let cM = new Float64Array(cols);
  let cX = new Float64Array(cols);
  let cY = new Float64Array(cols);
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
  const EDGE = SUB;

  for (let i = 1; i <= m; i++) {
    const li = L.charCodeAt(i - 1);
    const inQ = i - 1 >= qs && i - 1 < qe ? 1 : 0; // the passage character consumed on this row
    const sub = SUB + inQ;
    const del = inQ ? EXT_QUOTE_DEL + 1 : EXT;
    // Insertion between L[i-1] and L[i]: inside the quote, at its edges, or in the context.
    const ins = i > qs && i < qe ? EXT + 1 : i === qs || i === qe ? EXT_BOUNDARY : EXT;
    const row = i * cols;
    const startEdge = startAtWord && i === qs + 1; // moves into this row fix where the quote starts
    const endEdge = endAtWord && i === qe; // moves into this row fix where it ends
    cM[0] = INF;
    cY[0] = INF;
    {
      const a = pM[0]! + OPEN;
      const b = pX[0]!;
      cX[0] = (a <= b ? a : b) + del;
      back[row] = (a <= b ? M_ : X_) << 2;
    }
    for (let j = 1; j <= n; j++) {
      // M: diagonal from the best state of (i-1, j-1).
      let m0 = pM[j - 1]!;
      let mFrom = M_;
      if (pX[j - 1]! < m0) {
        m0 = pX[j - 1]!;
        mFrom = X_;
      }
      if (pY[j - 1]! < m0) {
        m0 = pY[j - 1]!;
        mFrom = Y_;
      }
      cM[j] = m0 + (li === w[j - 1] ? 0 : sub) + (startEdge && midWord[j - 1] ? EDGE : 0) + (endEdge && midWord[j] ? EDGE : 0);
      // X: delete L[i-1], from (i-1, j).
      let x0 = pM[j]! + OPEN;
      let xFrom = M_;
      if (pX[j]! < x0) {
        x0 = pX[j]!;
        xFrom = X_;
      }
      if (pY[j]! + OPEN < x0) {
        x0 = pY[j]! + OPEN;
        xFrom = Y_;
      }
      cX[j] = x0 + del + ((startEdge || endEdge) && midWord[j] ? EDGE : 0);
      // Y: insert W[j-1], from (i, j-1).
      let y0 = cM[j - 1]! + OPEN;
      let yFrom = M_;
      if (cY[j - 1]! < y0) {
        y0 = cY[j - 1]!;
        yFrom = Y_;
      }
      if (cX[j - 1]! + OPEN < y0) {
        y0 = cX[j - 1]! + OPEN;
        yFrom = X_;
      }
      cY[j] = y0 + ins;
      back[row + j] = mFrom | (xFrom << 2) | (yFrom << 4);
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

  let quoteMatched = 0;
  for (let k = qs; k < qe; k++) quoteMatched += matched[k]!;
  // Solid matches: characters in runs of >= SOLID_RUN consecutive identical matches.
  const solid = new Uint8Array(m);
  for (let k = 0; k < m; ) {
    if (!matched[k]) {
      k++;
      continue;
    }
    let e = k;
    while (e < m && matched[e]) e++;
    if (e - k >= SOLID_RUN) solid.fill(1, k, e);
    k = e;
  }
  let prefixSolid = 0;
  for (let k = 0; k < qs; k++) prefixSolid += solid[k]!;
  let suffixSolid = 0;
  for (let k = qe; k < m; k++) suffixSolid += solid[k]!;
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
    quoteSim: quote.length + rangeLen === 0 ? 0 : (2 * quoteMatched) / (quote.length + rangeLen),
    prefixSim: prefix.length === 0 ? 1 : prefixSolid / (prefix.length + prefixIns),
    suffixSim: suffix.length === 0 ? 1 : suffixSolid / (suffix.length + suffixIns),
  };
}
