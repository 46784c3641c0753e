/**
 * Word-level diff of two plain texts, for comparing a brief with one of its snapshots. Myers'
 * O(ND) algorithm over words (newlines kept as tokens so paragraphs stay apart), so a long brief
 * with a few edits diffs in a few milliseconds rather than building an n×m table.
 */

export type DiffOp = 'same' | 'added' | 'removed';

export interface DiffPart {
  op: DiffOp;
  /** The words of this run, joined by single spaces (newlines kept). */
  text: string;
  /** How many words (not newlines) the run holds. */
  words: number;
}

export interface WordDiff {
  parts: DiffPart[];
  added: number;
  removed: number;
}

/** Words and newlines; other whitespace only separates. */
export function diffTokens(text: string): string[] {
  return text.match(/\n|[^\s]+/gu) ?? [];
}

/** Diff `before` (the snapshot) against `after` (the brief now). */
export function wordDiff(before: string, after: string): WordDiff {
  const a = diffTokens(before);
  const b = diffTokens(after);
  const ops = myers(a, b);
  const parts: DiffPart[] = [];
  let added = 0;
  let removed = 0;
  for (const { op, token } of ops) {
    const isWord = token !== '\n';
    if (isWord && op === 'added') added++;
    if (isWord && op === 'removed') removed++;
    const last = parts[parts.length - 1];
    if (last && last.op === op) {
      last.text = joinToken(last.text, token);
      if (isWord) last.words++;
    } else {
      parts.push({ op, text: token, words: isWord ? 1 : 0 });
    }
  }
  return { parts, added, removed };
}

function joinToken(text: string, token: string): string {
  if (text === '' || token === '\n' || text.endsWith('\n')) return text + token;
  return `${text} ${token}`;
}

/** Myers' shortest edit script, as a sequence of same/removed/added tokens in order. */
function myers(a: readonly string[], b: readonly string[]): Array<{ op: DiffOp; token: string }> {
  // Common prefix and suffix cost nothing to skip and keep the search small.
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const head = a.slice(0, start).map((token) => ({ op: 'same' as const, token }));
  const tail = a.slice(endA).map((token) => ({ op: 'same' as const, token }));
  const x = a.slice(start, endA);
  const y = b.slice(start, endB);
  const n = x.length;
  const m = y.length;
  const max = n + m;
  const middle: Array<{ op: DiffOp; token: string }> = [];
  if (n === 0 || m === 0) {
    for (const token of x) middle.push({ op: 'removed', token });
    for (const token of y) middle.push({ op: 'added', token });
    return [...head, ...middle, ...tail];
  }
  const offset = max;
  let v = new Int32Array(2 * max + 2);
  const trace: Int32Array[] = [];
  let found = false;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice());
    const next = v.slice();
    for (let k = -d; k <= d; k += 2) {
      let px: number;
      if (k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!)) px = v[offset + k + 1]!;
      else px = v[offset + k - 1]! + 1;
      let py = px - k;
      while (px < n && py < m && x[px] === y[py]) {
        px++;
        py++;
      }
      next[offset + k] = px;
      if (px >= n && py >= m) {
        found = true;
        break;
      }
    }
    v = next;
  }
  // Walk back through the saved frontiers to recover the path.
  let px = n;
  let py = m;
  const reversed: Array<{ op: DiffOp; token: string }> = [];
  for (let d = trace.length - 1; d >= 0 && (px > 0 || py > 0); d--) {
    const vd = trace[d]!;
    const k = px - py;
    let prevK: number;
    if (k === -d || (k !== d && vd[offset + k - 1]! < vd[offset + k + 1]!)) prevK = k + 1;
    else prevK = k - 1;
    const prevX = d === 0 ? 0 : vd[offset + prevK]!;
    const prevY = prevX - prevK;
    while (px > prevX && py > prevY) {
      reversed.push({ op: 'same', token: x[px - 1]! });
      px--;
      py--;
    }
    if (d === 0) break;
    if (px === prevX) reversed.push({ op: 'added', token: y[py - 1]! });
    else reversed.push({ op: 'removed', token: x[px - 1]! });
    px = prevX;
    py = prevY;
  }
  // Whatever is left at d = 0 is the diagonal from the origin.
  while (px > 0 && py > 0) {
    reversed.push({ op: 'same', token: x[px - 1]! });
    px--;
    py--;
  }
  middle.push(...reversed.reverse());
  return [...head, ...middle, ...tail];
}
