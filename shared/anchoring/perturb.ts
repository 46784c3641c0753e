/**
 * Test support (used by the perturbation suite and the benchmark, not by the app): article-like
 * texts, and edits applied to them with the ground truth of where a quote's words end up.
 *
 * Ground truth is tracked through character edits. An edit is ambiguous when the same new text
 * arises from the same edit slid along repeated characters ("the cat the dog" minus "the cat "
 * or minus "cat the "): every such placement is an equally valid reading, so the truth is a set
 * of ranges, one per reading. Text inserted next to the quote is outside it; text inserted or
 * changed inside it (a typo fix, an added word) is inside it.
 */

/** Small deterministic PRNG (mulberry32): the suite must be reproducible from a seed. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Rand = () => number;
export const int = (r: Rand, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1)); // inclusive
export const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

const COMMON = (
  'the a of to in and that for on with as by at from after before over under about against between during ' +
  'minister said talks border agreement would resume pause several weeks officials reviewed council voted ' +
  'terminal expand port shipping company reported profit quarter rose fell percent analysts expected ' +
  'government announced new sanctions against exports of grain fuel metals according statement issued late ' +
  'night spokesman declined comment when asked whether negotiations had stalled opposition leader accused ' +
  'ministry delaying payments contractors hospital regional authorities confirmed outbreak cases villages ' +
  'near river crossing convoy trucks carrying aid arrived morning delayed checkpoint soldiers inspected ' +
  'cargo journalists were allowed observe election commission counted ballots turnout higher than previous ' +
  'vote central bank raised interest rate inflation reached highest level decade prices food energy'
).split(' ');
const NAMES = [
  'Müller', 'Łódź', 'São Paulo', 'Dvořák', 'Núñez', 'Kraków', 'Ødegaard', 'Şahin', 'Ivanović', 'Zoë',
  'Klaipėda', 'Françoise', 'Gdańsk', 'Bjørn', 'Çelik', 'Ljubljana', 'Tūrehu', 'Renée',
];
const NUMBERS = ['1,250', '3.5%', '2024', '71', '48', '€12m', '19', '400,000', '0.25', '1998'];
/** Stock phrases that recur, as in real reporting: they make exact quotes non-unique. */
export const PHRASES = [
  'the minister said on Tuesday',
  'according to officials',
  'the border agreement',
  'talks would resume',
  'declined to comment',
  'the central bank',
];
const LETTERS = 'abcdefghijklmnopqrstuvwxyzäöüéèñçšžłøå';

export function word(r: Rand): string {
  const x = r();
  if (x < 0.08) return pick(r, NAMES);
  if (x < 0.14) return pick(r, NUMBERS);
  return pick(r, COMMON);
}

/** Words of one generated text, with the character range of each. */
export interface Doc {
  text: string;
  words: { start: number; end: number }[];
}

/** Sentences of 5-16 words, names, numbers and recurring phrases; line and paragraph breaks. */
export function makeDoc(r: Rand, minWords: number, maxWords: number): Doc {
  const target = int(r, minWords, maxWords);
  const tokens: string[] = [];
  while (tokens.length < target) {
    const len = int(r, 5, 16);
    const sentence: string[] = [];
    while (sentence.length < len) {
      if (r() < 0.1) sentence.push(...pick(r, PHRASES).split(' '));
      else sentence.push(word(r));
    }
    sentence[0] = sentence[0]!.charAt(0).toUpperCase() + sentence[0]!.slice(1);
    if (sentence.length > 6 && r() < 0.3) sentence[int(r, 2, sentence.length - 3)] += ',';
    sentence[sentence.length - 1] += '.';
    tokens.push(...sentence.flatMap((t) => t.split(' ')));
  }
  let text = '';
  const words: { start: number; end: number }[] = [];
  tokens.forEach((t, i) => {
    if (i > 0) text += tokens[i - 1]!.endsWith('.') ? (r() < 0.15 ? '\n\n' : r() < 0.1 ? '\n' : ' ') : ' ';
    words.push({ start: text.length, end: text.length + t.length });
    text += t;
  });
  return { text, words };
}

export type Truth = { start: number; end: number } | null;

/** A character edit on the text as it is when the edit is applied. */
export type Edit =
  | { kind: 'insert'; at: number; text: string; inside: boolean }
  | { kind: 'delete'; start: number; end: number }
  | { kind: 'replace'; start: number; end: number; text: string };

const key = (t: Truth): string => (t ? `${t.start}:${t.end}` : 'null');

/** Apply one edit, carrying every reading of the quote's place through it. */
export function applyEdit(text: string, truths: Truth[], edit: Edit): { text: string; truths: Truth[] } {
  const out = new Map<string, Truth>();
  const add = (t: Truth): void => {
    out.set(key(t), t && t.start < t.end ? t : null);
  };
  if (edit.kind === 'insert') {
    const { at, text: x } = edit;
    const next = text.slice(0, at) + x + text.slice(at);
    const len = x.length;
    // Placements p of the inserted block in the new text that leave the same old text around it.
    let lo = at;
    while (lo > 0 && next[lo - 1] === next[lo - 1 + len]) lo--;
    let hi = at;
    while (hi + len < next.length && next[hi] === next[hi + len]) hi++;
    for (const t of truths) {
      if (!t) {
        add(null);
        continue;
      }
      for (let p = lo; p <= hi; p++) {
        const within = p >= t.start && p <= t.end;
        if (edit.inside && within) {
          add({ start: t.start, end: t.end + len }); // a typo fix or an added word is part of the quote
        } else if (!edit.inside && p > t.start && p < t.end) {
          continue; // a reading that puts words added next to the quote inside it is not one we accept
        } else {
          add({ start: p <= t.start ? t.start + len : t.start, end: p < t.end ? t.end + len : t.end });
        }
      }
    }
    return { text: next, truths: [...out.values()] };
  }
  if (edit.kind === 'delete') {
    const { start: x, end: y } = edit;
    const next = text.slice(0, x) + text.slice(y);
    let lo = 0;
    while (x - lo - 1 >= 0 && text[x - lo - 1] === text[y - lo - 1]) lo++;
    let hi = 0;
    while (y + hi < text.length && text[x + hi] === text[y + hi]) hi++;
    for (const t of truths) {
      if (!t) {
        add(null);
        continue;
      }
      for (let sh = -lo; sh <= hi; sh++) {
        const a = x + sh;
        const b = y + sh;
        const d = b - a;
        const s = t.start < a ? t.start : t.start >= b ? t.start - d : a;
        const e = t.end <= a ? t.end : t.end >= b ? t.end - d : a;
        add(s < e ? { start: s, end: e } : null);
      }
    }
    return { text: next, truths: [...out.values()] };
  }
  const { start: x, end: y, text: rep } = edit;
  const next = text.slice(0, x) + rep + text.slice(y);
  const delta = rep.length - (y - x);
  for (const t of truths) {
    if (!t) {
      add(null);
      continue;
    }
    const s = t.start < x ? t.start : t.start >= y ? t.start + delta : x;
    const e = t.end <= x ? t.end : t.end >= y ? t.end + delta : x + rep.length;
    add({ start: s, end: e });
  }
  return { text: next, truths: [...out.values()] };
}

export type Category =
  | 'insert-before'
  | 'insert-after'
  | 'delete-before'
  | 'delete-after'
  | 'insert-inside'
  | 'typo-inside'
  | 'whitespace'
  | 'duplicate-before'
  | 'duplicate-after'
  | 'delete-inside'
  | 'remove'
  | 'remove-similar-exists';

export const CATEGORIES: readonly Category[] = [
  'insert-before', 'insert-after', 'delete-before', 'delete-after', 'insert-inside', 'typo-inside',
  'whitespace', 'duplicate-before', 'duplicate-after', 'delete-inside', 'remove', 'remove-similar-exists',
];

/** Categories after which every word of the quote is still in the text. */
export const WORDS_SURVIVE: ReadonlySet<Category> = new Set([
  'insert-before', 'insert-after', 'delete-before', 'delete-after', 'insert-inside', 'typo-inside',
  'whitespace', 'duplicate-before', 'duplicate-after',
]);

export interface Case {
  category: Category;
  oldText: string;
  newText: string;
  quote: { start: number; end: number };
  /** Every valid reading of where the quote's words are now; [null] when they are gone. */
  truths: Truth[];
  edits: Edit[];
}

const phrase = (r: Rand, n: number): string => Array.from({ length: n }, () => word(r)).join(' ');

/**
 * One case: a text, a quote (a span of words) and a primary perturbation of the given category,
 * sometimes with extra edits elsewhere. Edits are chosen on the old text and applied right to left
 * so their offsets stay valid.
 */
export function makeCase(r: Rand, category: Category, minWords = 30, maxWords = 140): Case {
  const doc = makeDoc(r, minWords, maxWords);
  const W = doc.words;
  const nw = W.length;
  const qLen = r() < 0.15 ? 1 : r() < 0.85 ? int(r, 2, 10) : int(r, 11, 30);
  const a = int(r, 0, Math.max(0, nw - qLen));
  const b = Math.min(nw - 1, a + qLen - 1);
  const s = W[a]!.start;
  const e = W[b]!.end;
  const edits: Edit[] = [];
  const used: [number, number][] = []; // old-text character ranges already edited
  const free = (x: number, y: number): boolean => used.every(([u, v]) => y < u || x > v);
  const push = (ed: Edit, x: number, y: number): void => {
    edits.push(ed);
    used.push([x, y]);
  };
  const text = doc.text;
  const sentenceStarts = W.map((w, i) => ({ w, i })).filter(({ w, i }) => i === 0 || text[w.start - 2] === '.' || text[w.start - 1] === '\n');

  switch (category) {
    case 'insert-before': {
      const k = r() < 0.4 ? a : int(r, 0, a);
      push({ kind: 'insert', at: W[k]!.start, text: phrase(r, int(r, 1, 4)) + ' ', inside: false }, W[k]!.start, W[k]!.start);
      break;
    }
    case 'insert-after': {
      const k = r() < 0.4 ? b : int(r, b, nw - 1);
      push({ kind: 'insert', at: W[k]!.end, text: ' ' + phrase(r, int(r, 1, 4)), inside: false }, W[k]!.end, W[k]!.end);
      break;
    }
    case 'delete-before': {
      if (a === 0) return makeCase(r, 'insert-before', minWords, maxWords);
      const j = r() < 0.4 ? a - 1 : int(r, 0, a - 1);
      const i = Math.max(0, j - int(r, 0, 3));
      push({ kind: 'delete', start: W[i]!.start, end: W[j + 1]!.start }, W[i]!.start, W[j + 1]!.start);
      break;
    }
    case 'delete-after': {
      if (b === nw - 1) return makeCase(r, 'insert-after', minWords, maxWords);
      const i = r() < 0.4 ? b + 1 : int(r, b + 1, nw - 1);
      const j = Math.min(nw - 1, i + int(r, 0, 3));
      push({ kind: 'delete', start: W[i - 1]!.end, end: W[j]!.end }, W[i - 1]!.end, W[j]!.end);
      break;
    }
    case 'insert-inside': {
      if (a === b) return makeCase(r, 'typo-inside', minWords, maxWords);
      const k = int(r, a, b - 1);
      push({ kind: 'insert', at: W[k]!.end, text: ' ' + phrase(r, int(r, 1, 2)), inside: true }, W[k]!.end, W[k]!.end);
      break;
    }
    case 'typo-inside': {
      const candidates = W.slice(a, b + 1).filter((w) => w.end - w.start >= 4);
      if (candidates.length === 0) return makeCase(r, 'insert-before', minWords, maxWords);
      const w = pick(r, candidates);
      // A typo is in a word's letters: positions next to a letter or digit, not after its
      // trailing full stop or before a currency sign.
      const letters: number[] = [];
      for (let k = w.start; k < w.end; k++) if (/[\p{L}\p{N}]/u.test(text[k]!)) letters.push(k);
      if (letters.length < 3) return makeCase(r, 'insert-before', minWords, maxWords);
      const op = int(r, 0, 2);
      if (op === 0) {
        const at = pick(r, letters);
        let ch = pick(r, LETTERS.split(''));
        if (ch === text[at]) ch = ch === 'x' ? 'q' : 'x';
        push({ kind: 'replace', start: at, end: at + 1, text: ch }, at, at + 1);
      } else if (op === 1) {
        const at = r() < 0.5 ? pick(r, letters) : pick(r, letters) + 1; // before or after a letter
        push({ kind: 'insert', at, text: pick(r, LETTERS.split('')), inside: true }, at, at);
      } else {
        const at = pick(r, letters);
        push({ kind: 'delete', start: at, end: at + 1 }, at, at + 1);
      }
      break;
    }
    case 'whitespace': {
      // A separator inside the quote or right next to it changes: space <-> line break, doubled.
      const seps: [number, number][] = [];
      for (let k = Math.max(1, a); k <= Math.min(nw - 1, b + 1); k++) seps.push([W[k - 1]!.end, W[k]!.start]);
      if (seps.length === 0) return makeCase(r, 'insert-after', minWords, maxWords);
      const [x, y] = pick(r, seps);
      const cur = text.slice(x, y);
      const rep = cur === ' ' ? pick(r, ['\n', '  ', '\n\n', ' \n']) : ' ';
      push({ kind: 'replace', start: x, end: y, text: rep }, x, y);
      break;
    }
    case 'duplicate-before':
    case 'duplicate-after': {
      const before = category === 'duplicate-before';
      const spots = sentenceStarts.filter(({ i }) => (before ? i < a : i > b));
      if (spots.length === 0) return makeCase(r, before ? 'insert-before' : 'insert-after', minWords, maxWords);
      const at = pick(r, spots).w.start;
      const copy = text.slice(s, e).replace(/[.,]$/, '');
      push({ kind: 'insert', at, text: copy.charAt(0).toUpperCase() + copy.slice(1) + '. ', inside: false }, at, at);
      break;
    }
    case 'delete-inside': {
      if (b - a < 2) return makeCase(r, 'remove', minWords, maxWords);
      const k = int(r, a + 1, b - 1);
      push({ kind: 'delete', start: W[k - 1]!.end, end: W[k]!.end }, W[k - 1]!.end, W[k]!.end);
      break;
    }
    case 'remove':
    case 'remove-similar-exists': {
      // The quote's words go (sometimes with the rest of their sentence).
      let i = a;
      let j = b;
      if (r() < 0.4) {
        while (i > 0 && !text.slice(W[i - 1]!.end, W[i]!.start).includes('\n') && !text[W[i - 1]!.end - 1]?.match(/\./)) i--;
        while (j < nw - 1 && !text[W[j]!.end - 1]?.match(/\./)) j++;
      }
      const x = j < nw - 1 ? W[i]!.start : i > 0 ? W[i - 1]!.end : 0;
      const y = j < nw - 1 ? W[j + 1]!.start : W[j]!.end;
      push({ kind: 'delete', start: x, end: y }, x, y);
      if (category === 'remove-similar-exists') {
        // A similar sentence elsewhere: the quote with one word changed (an identical copy
        // would make the edit a move, which it may as well be read as). Elsewhere: not within
        // two contexts' length of where the passage was (a similar sentence in the same place
        // is an edited passage, not a removed one).
        const spots = sentenceStarts.filter(({ w }) => w.start < x - 64 || w.start > y + 64);
        if (spots.length > 0) {
          const at = pick(r, spots).w.start;
          const ws = text.slice(s, e).replace(/[.,]$/, '').split(' ');
          const k = int(r, 0, ws.length - 1);
          let other = word(r);
          while (other === ws[k]) other = word(r);
          ws[k] = other;
          const copy = ws.join(' ');
          push({ kind: 'insert', at, text: copy.charAt(0).toUpperCase() + copy.slice(1) + '. ', inside: false }, at, at);
        }
      }
      break;
    }
  }

  // Extra edits elsewhere (a third of the cases): the article was touched in other places too.
  const extras = r() < 0.33 ? int(r, 1, 2) : 0;
  for (let t = 0; t < extras; t++) {
    const k = int(r, 0, nw - 1);
    if (k >= a - 1 && k <= b + 1) continue;
    const w = W[k]!;
    if (r() < 0.5) {
      if (free(w.start - 1, w.start + 1)) push({ kind: 'insert', at: w.start, text: phrase(r, int(r, 1, 3)) + ' ', inside: false }, w.start, w.start);
    } else if (k + 1 < nw && free(w.start - 1, W[k + 1]!.start + 1)) {
      push({ kind: 'delete', start: w.start, end: W[k + 1]!.start }, w.start, W[k + 1]!.start);
    }
  }

  // Right to left, so each edit's offsets are still those of the old text when it is applied.
  const pos = (ed: Edit): number => (ed.kind === 'insert' ? ed.at : ed.start);
  edits.sort((x, y) => pos(y) - pos(x));
  let cur = text;
  let truths: Truth[] = [{ start: s, end: e }];
  for (const ed of edits) ({ text: cur, truths } = applyEdit(cur, truths, ed));
  return { category, oldText: text, newText: cur, quote: { start: s, end: e }, truths, edits };
}
