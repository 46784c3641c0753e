/**
 * Sentence splitting with offsets into the article text (UTF-16, end exclusive), so every
 * suggestion, event and discrepancy can be jumped to. Rule-based: a sentence ends at . ! ? or …
 * (with any closing quotes or brackets) followed by white space and a plausible sentence start,
 * unless the period belongs to an abbreviation ("Mr.", "Dr.", "U.S."), an initial ("J. Smith"),
 * a number ("3.5", "12.03.2026": no space follows, so these never split). Blank lines and line
 * breaks between lines that do not run on (headlines, bylines, datelines) also end a sentence.
 */
import { ABBREVIATIONS } from './lexicon';

export interface Sentence {
  start: number;
  end: number;
  text: string;
}

/** A period, !, ? or … (possibly repeated) with closing quotes/brackets, or a line break. */
const BOUNDARY_RE = /[.!?…]+["'”’»)\]]*(?=\s|$)|\n/g;
/** The word just before a period: letters, with inner periods for "U.S" / "e.g". */
const WORD_BEFORE_RE = /([\p{L}][\p{L}.]*)$/u;
/** Sentence starters that follow an abbreviation-like token and still begin a new sentence. */
const STRONG_STARTERS = new Set(['The', 'It', 'He', 'She', 'They', 'We', 'But', 'In', 'A', 'This', 'That', 'On', 'I']);

/** Split `text` into sentences. Offsets are into `text`; leading/trailing white space is excluded. */
export function splitSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  let start = 0;
  BOUNDARY_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = BOUNDARY_RE.exec(text)) !== null) {
    const end = m.index + m[0].length;
    if (m[0] === '\n') {
      if (lineRunsOn(text, m.index)) continue;
      push(out, text, start, m.index);
      start = end;
      continue;
    }
    if (!endsSentence(text, m.index, m[0], end)) continue;
    push(out, text, start, end);
    start = end;
  }
  push(out, text, start, text.length);
  return out;
}

function push(out: Sentence[], text: string, from: number, to: number): void {
  let s = from;
  let e = to;
  while (s < e && isSpace(text.charCodeAt(s))) s++;
  while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
  if (e > s) out.push({ start: s, end: e, text: text.slice(s, e) });
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 0xa0 || c === 0x2028;
}

/** A single line break inside a hard-wrapped paragraph: lower-case or comma before, lower-case after. */
function lineRunsOn(text: string, at: number): boolean {
  const before = text.charCodeAt(at - 1);
  if (Number.isNaN(before) || before === 10) return false;
  const next = text.charAt(at + 1);
  if (!next || next === '\n') return false;
  const prevCh = text.charAt(at - 1);
  const prevRuns = prevCh === ',' || (prevCh.toLowerCase() === prevCh && prevCh.toUpperCase() !== prevCh);
  const nextRuns = next.toLowerCase() === next && next.toUpperCase() !== next;
  return prevRuns && nextRuns;
}

function endsSentence(text: string, at: number, mark: string, after: number): boolean {
  // What comes next must look like the start of a sentence.
  let i = after;
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  if (i >= text.length) return true;
  const next = text.charAt(i);
  const nextIsLower = next.toLowerCase() === next && next.toUpperCase() !== next;
  if (nextIsLower) return false; // "… said Mr. x" / ellipsis mid-sentence / "approx. five"
  if (mark[0] !== '.' || mark.startsWith('..')) return true;
  // A period: is the word before it an abbreviation or an initial?
  const w = WORD_BEFORE_RE.exec(text.slice(Math.max(0, at - 24), at));
  if (!w) return true; // "3." after a number, or punctuation: a real end
  const word = w[1]!;
  const nextWord = /^[\p{L}]+/u.exec(text.slice(i, i + 20))?.[0] ?? '';
  // Initials and dotted acronyms: "J. Smith", "U.S. officials", "U.S. The …" (a real end).
  if (/^\p{Lu}$/u.test(word) || /^(?:\p{L}\.)+\p{L}$/u.test(word)) return STRONG_STARTERS.has(nextWord);
  if (ABBREVIATIONS.has(word.toLowerCase())) {
    // "No. 5", "Mr. Kairys": never an end. Month abbreviations and "Inc." can end a sentence.
    return /^(?:inc|ltd|co|corp|llc|plc|jr|sr|etc)$/i.test(word) && STRONG_STARTERS.has(nextWord);
  }
  return true;
}

/** The index of the sentence containing offset `at` (binary search), or -1. */
export function sentenceAt(sentences: readonly Sentence[], at: number): number {
  let lo = 0;
  let hi = sentences.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = sentences[mid]!;
    if (at < s.start) hi = mid - 1;
    else if (at >= s.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}
