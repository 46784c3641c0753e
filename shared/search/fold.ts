/**
 * Folding and tokenising for search: case- and diacritic-insensitive terms with offsets into the
 * original text, so a match can be highlighted and jumped to. Pure.
 */

/** Letters NFD does not decompose, spelled as a reader would type them without diacritics. */
const SPECIAL: Record<string, string> = {
  ł: 'l', đ: 'd', ð: 'd', ø: 'o', ß: 'ss', æ: 'ae', œ: 'oe', þ: 'th', ı: 'i', ħ: 'h', ŧ: 't', ŀ: 'l',
};
const SPECIAL_RE = /[łđðøßæœþıħŧŀ]/g;
const MARKS_RE = /\p{M}+/gu;
// Any UTF-16 unit above 0x7f means the word needs full folding.
const NON_ASCII_RE = /[^\u0000-\u007f]/; // eslint-disable-line no-control-regex

/** Lower case, no diacritics, special letters spelled out ("Nausėda" → "nauseda", "Łódź" → "lodz"). */
export function fold(text: string): string {
  // Most words are plain ASCII: lower-casing is all they need, and it is much cheaper than NFD.
  if (!NON_ASCII_RE.test(text)) return text.toLowerCase();
  return text.normalize('NFD').replace(MARKS_RE, '').toLowerCase().replace(SPECIAL_RE, (c) => SPECIAL[c] ?? c);
}

export interface Token {
  /** The folded term. */
  term: string;
  /** UTF-16 offsets of the word in the original text, end exclusive. */
  start: number;
  end: number;
}

const WORD_CHAR_RE = /[\p{L}\p{N}\p{M}]/u;
const WORD_START_RE = /[\p{L}\p{N}]/u;

// A hand-written scanner: a regex over the whole text with Unicode classes was the bulk of the
// cost of building the index and of snippets. Words start with a letter or digit; combining marks
// stay inside a word so that decomposed (NFD) text is one word.
function scan(text: string, emit: (term: string, start: number, end: number) => void): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    // Find a word start.
    let c = text.charCodeAt(i);
    if (c < 128 ? !isAsciiWord(c) : !isWordStart(text, i)) {
      i += c >= 0xd800 && c < 0xdc00 ? 2 : 1;
      continue;
    }
    const start = i;
    let ascii = true;
    while (i < n) {
      c = text.charCodeAt(i);
      if (c < 128) {
        if (!isAsciiWord(c)) break;
        i++;
      } else {
        const width = c >= 0xd800 && c < 0xdc00 ? 2 : 1;
        if (!WORD_CHAR_RE.test(text.slice(i, i + width))) break;
        ascii = false;
        i += width;
      }
    }
    const raw = text.slice(start, i);
    const term = (ascii ? raw.toLowerCase() : fold(raw)).slice(0, 64);
    if (term) emit(term, start, i);
  }
}

function isAsciiWord(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
}

function isWordStart(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return WORD_START_RE.test(text.slice(i, c >= 0xd800 && c < 0xdc00 ? i + 2 : i + 1));
}

/** Words of the text, folded, with their offsets in the text. Words longer than 64 letters are cut. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  scan(text, (term, start, end) => out.push({ term, start, end }));
  return out;
}

/** Folded terms only (when offsets are not needed). */
export function terms(text: string): string[] {
  const out: string[] = [];
  scan(text, (term) => out.push(term));
  return out;
}

/** True when a and b are at most one edit (insert, delete, substitute) apart. */
export function withinOneEdit(a: string, b: string): boolean {
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  if (la === lb) {
    let diff = 0;
    for (let i = 0; i < la; i++) if (a.charCodeAt(i) !== b.charCodeAt(i) && ++diff > 1) return false;
    return true;
  }
  const [s, l] = la < lb ? [a, b] : [b, a];
  let i = 0;
  let j = 0;
  let skipped = false;
  while (i < s.length && j < l.length) {
    if (s.charCodeAt(i) === l.charCodeAt(j)) {
      i++;
      j++;
    } else {
      if (skipped) return false;
      skipped = true;
      j++;
    }
  }
  return true;
}
