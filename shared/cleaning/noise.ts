/**
 * Noise detection: which lines of an article an analyst would skip (ads, menus, related-news
 * tails, share buttons, notebook-wide boilerplate, empty filler paragraphs). Pure.
 *
 * The text is never altered: the result is a list of ranges (UTF-16 offsets, end exclusive) that
 * the reader dims or hides. Precision matters more than recall, because a false positive hides
 * evidence; so every rule works on whole lines or paragraphs, and every weak rule has a guard that
 * keeps lines with quotations, reported speech or figures.
 */
import type { NoiseKind, NoiseRange } from '../model/schemas';
import {
  AD_LABEL,
  AD_PLACEHOLDER,
  AD_PREFIXED,
  ATTRIBUTION,
  BREADCRUMB_SEPARATOR,
  CLICK_CALL,
  COPYRIGHT,
  DATE_WORD,
  ENGLISH_FUNCTION_WORDS,
  MENU_SEPARATOR,
  NAV_WORDS,
  NEWSLETTER_CALL,
  NUMBER_WORD,
  PROMO,
  QUOTE_MARK,
  RELATED_HEADING,
  SENTENCE_OPENERS,
  SHARE_CALL,
  SIGN_OFF,
  STRONG_FILLER,
  SUBSCRIBE_CALL,
  WEAK_FILLER,
} from './lexicon';

export interface NoiseContext {
  /**
   * Lines (as `normaliseLine` gives them) that recur across the notebook's articles, with how
   * many articles contain each (this article included). Build it with `countRecurringLines` over
   * the articles that are not near-duplicates of another, so syndicated copies do not make a
   * story's own paragraphs look like boilerplate.
   */
  recurringLines?: ReadonlyMap<string, number>;
  /** How many articles were counted into `recurringLines`. */
  articleCount?: number;
  /** The article's own outlet: naming itself ("Coastline Daily will keep following it") is not a named source. */
  outlet?: string | null;
  /** ISO 639-1 language of the article if known; filler detection runs only on English text. */
  language?: string | null;
}

/** A line is boilerplate when it appears in at least this many articles… */
export const BOILERPLATE_MIN_ARTICLES = 3;
/** …and in at least this share of the counted articles (30%: a footer is on most pages of an outlet). */
export const BOILERPLATE_MIN_SHARE = 0.3;
/** Longer lines are story paragraphs, not boilerplate; they are neither counted nor flagged. */
export const BOILERPLATE_MAX_LENGTH = 300;
/** Pattern rules (promo, subscribe, share…) ignore lines longer than this: those are prose. */
const CALL_MAX_LENGTH = 220;

interface Line {
  /** Offsets of the line's content, surrounding whitespace excluded. */
  start: number;
  end: number;
  text: string;
  blank: boolean;
  /** Computed on first use. */
  key?: string;
}

function keyOf(l: Line): string {
  return (l.key ??= normaliseLine(l.text));
}

interface Flag {
  kind: NoiseKind;
  reason: string;
  /** Lines sharing a group become one range (an ad block, a related-news heading and its list). */
  group: number;
}

/** Case, space and digit folding, so that "© 2025 Outlet" and "© 2026  outlet" count as one line. */
export function normaliseLine(line: string): string {
  // The Unicode steps only where they can change something: most lines are ASCII, and this runs
  // on every line of every article.
  const ascii = !/[^\x20-\x7e]/.test(line);
  let s = line.toLowerCase();
  if (!ascii) s = s.replace(/[‘’ʼ]/g, "'").replace(/[“”„«»]/g, '"').replace(/[‐‑‒–—]/g, '-');
  // ASCII, Arabic-Indic, Devanagari and full-width digits (no `u` flag: it slows the scan).
  s = s.replace(ascii ? /\d+/g : /[0-9\u0660-\u0669\u06f0-\u06f9\u0966-\u096f\uff10-\uff19]+/g, '0');
  // Strip list and emphasis markers at the ends by hand: an end-anchored regex rescans the line.
  let from = 0;
  let to = s.length;
  while (from < to && LEAD_MARKS.has(s.charAt(from))) from++;
  while (to > from && TRAIL_MARKS.has(s.charAt(to - 1))) to--;
  s = s.slice(from, to);
  return hasOddSpace(s) ? s.replace(/\s+/g, ' ') : s;
}

/** Whitespace that is not a single ASCII space (one pass, no allocation). */
function hasOddSpace(s: string): boolean {
  let previousSpace = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 32) {
      if (previousSpace) return true;
      previousSpace = true;
    } else {
      if (c === 9 || c === 0xa0 || c === 0x202f || c === 0x2009 || c === 0x3000 || c === 11 || c === 12) return true;
      previousSpace = false;
    }
  }
  return false;
}

const LEAD_MARKS = new Set([' ', '\t', '\u00a0', '#', '>', '*', '_', '•', '·', '-']);
const TRAIL_MARKS = new Set([' ', '\t', '\u00a0', '*', '_']);

/** Whether a normalised line is worth counting across articles (two words, some letters, not a paragraph). */
function isCountableKey(key: string, rawLength: number): boolean {
  if (rawLength > BOILERPLATE_MAX_LENGTH || key.indexOf(' ') < 0) return false;
  let letters = 0;
  for (let i = 0; i < key.length && letters < 8; i++) if (isWordChar(key.charCodeAt(i), key, i) && !isDigit(key.charCodeAt(i))) letters++;
  return letters >= 8;
}

/** The distinct normalised lines of one article, to feed a notebook-wide counter. */
export function lineKeys(text: string): string[] {
  const keys = new Set<string>();
  for (const line of splitLines(text)) {
    if (line.blank || line.text.length > BOILERPLATE_MAX_LENGTH) continue;
    const key = normaliseLine(line.text);
    if (isCountableKey(key, line.text.length)) keys.add(key);
  }
  return [...keys];
}

/**
 * Counts, for each line key, how many of the given articles contain it: the `recurringLines` and
 * `articleCount` of a `NoiseContext`. Pass the texts of articles that are not near-duplicates.
 */
export function countRecurringLines(texts: Iterable<string>): { recurringLines: Map<string, number>; articleCount: number } {
  const recurringLines = new Map<string, number>();
  let articleCount = 0;
  for (const text of texts) {
    articleCount += 1;
    for (const key of lineKeys(text)) recurringLines.set(key, (recurringLines.get(key) ?? 0) + 1);
  }
  return { recurringLines, articleCount };
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let pos = 0;
  while (pos <= text.length) {
    let next = text.indexOf('\n', pos);
    if (next < 0) next = text.length;
    let start = pos;
    let end = next;
    // Trim so a range covers exactly the visible line (and never a '\r' of a CRLF file).
    while (start < end && isSpace(text.charCodeAt(start))) start++;
    while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
    lines.push({ start, end, text: text.slice(start, end), blank: start === end });
    pos = next + 1;
  }
  return lines;
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 13 || code === 0xa0 || code === 0x2007 || code === 0x202f || code === 0xfeff || code === 0x200b || code === 12 || code === 11;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** Letter or digit (ASCII fast path; other scripts through the Unicode classes). */
function isWordChar(code: number, s: string, i: number): boolean {
  if (code < 128) return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || isDigit(code);
  return /[\p{L}\p{N}\p{M}]/u.test(s.charAt(i));
}

/** Words in a line, counted without allocating, stopping once `limit` is reached. */
function wordCount(s: string, limit = Infinity): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < s.length && n < limit; i++) {
    const code = s.charCodeAt(i);
    const w: boolean = isWordChar(code, s, i) || (inWord && (code === 39 || code === 0x2019 || code === 45));
    if (w && !inWord) n++;
    inWord = w;
  }
  return n;
}

/** The last character that is not markdown emphasis, a closing quote or bracket, or space. */
const TRAILING = new Set([' ', '\t', '*', '_', '"', '”', '’', "'", ')', ']', '»']);
function lastMeaningfulChar(s: string): string {
  let i = s.length - 1;
  while (i >= 0 && TRAILING.has(s.charAt(i))) i--;
  return i >= 0 ? s.charAt(i) : '';
}

function endsLikeSentence(s: string): boolean {
  return /[.!?…;:]/u.test(lastMeaningfulChar(s));
}

/** Lines that carry evidence whatever pattern they match: quotations, reported speech, figures. */
function carriesEvidence(s: string): boolean {
  return QUOTE_MARK.test(s) || ATTRIBUTION.test(s);
}

function hasNonYearNumber(s: string): boolean {
  return /\p{Nd}/u.test(s.replace(/\b(?:19|20)\d\d\b/gu, ''));
}

// ---------------------------------------------------------------------------------------------
// Line classification

function isMenuSegment(seg: string): boolean {
  if (seg.length === 0 || seg.length > 25) return false;
  const words = seg.split(/\s+/u);
  if (words.length > 3) return false;
  if (/[.!?,;:"“”]$/u.test(seg)) return false;
  return /^\p{Lu}/u.test(seg) || NAV_WORDS.has(seg.toLowerCase());
}

/** "Home | News | Port | Sport": three or more menu-like segments, mostly navigation words. */
function isMenuLine(s: string): boolean {
  // A markdown table row ("| Name | Party | Vote |") is content, however short its cells.
  if (s.length > 200 || (s.startsWith('|') && s.endsWith('|'))) return false;
  const segments = s.split(MENU_SEPARATOR).map((x) => x.trim()).filter((x) => x.length > 0);
  if (segments.length < 3 || !segments.every(isMenuSegment)) return false;
  const navHits = segments.filter((x) => NAV_WORDS.has(x.toLowerCase())).length;
  return navHits * 2 >= segments.length || segments.length >= 5;
}

/** "Home > World > Europe": short segments joined by arrows or slashes. */
function isBreadcrumb(s: string): boolean {
  if (s.length > 120) return false;
  const segments = s.split(BREADCRUMB_SEPARATOR).map((x) => x.trim());
  const startsHome = /^home$/iu.test(segments[0] ?? '');
  if (segments.length < 3 && !(startsHome && segments.length === 2)) return false;
  // Slashes also separate alternatives ("Yes / No / Abstain"): only a site section may start such a trail.
  if (!/[>›»→]/u.test(s) && !NAV_WORDS.has((segments[0] ?? '').toLowerCase())) return false;
  return segments.every((seg) => seg.length > 0 && seg.length <= 30 && wordCount(seg, 5) <= 4 && !/[.!?,;:]$/u.test(seg) && /^[\p{Lu}\p{N}]/u.test(seg));
}

/** The single-line rules, in order of how unmistakable they are. */
function classifyLine(s: string): { kind: NoiseKind; reason: string } | null {
  // Cheap gates in front of each pattern: this runs on every line of every article.
  if (s.length <= 80) {
    if (AD_LABEL.test(s)) return { kind: 'ad', reason: 'advertisement marker' };
    if (AD_PLACEHOLDER.test(s)) return { kind: 'ad', reason: 'advertisement placeholder' };
  }
  if (s.length <= 200 && /[|•·¦\t]| {3}/.test(s) && isMenuLine(s)) return { kind: 'navigation', reason: 'site menu' };
  if (s.length <= 120 && / [>›»→/] /.test(s) && isBreadcrumb(s)) return { kind: 'navigation', reason: 'breadcrumb trail' };
  if (s.length > CALL_MAX_LENGTH) return null;
  const low = s.toLowerCase();
  if (SHARE_CALL.test(s) && !QUOTE_MARK.test(s)) return { kind: 'navigation', reason: 'share/follow buttons' };
  if ((low.includes('©') || low.includes('(c)') || low.includes('copyright') || low.includes('rights reserved')) && COPYRIGHT.test(s) && !ATTRIBUTION.test(s)) {
    return { kind: 'boilerplate', reason: 'copyright footer' };
  }
  if (carriesEvidence(s)) return null;
  if (AD_PREFIXED.test(s)) return { kind: 'ad', reason: 'labelled advertisement' };
  if (SUBSCRIBE_CALL.test(s) || (low.includes('newsletter') && NEWSLETTER_CALL.test(s))) return { kind: 'ad', reason: 'subscribe/sign-up call' };
  if (/code|now|today|online|offer|free/.test(low) && PROMO.test(s)) return { kind: 'ad', reason: 'promotion or promo code' };
  if ((low.includes('click') || low.includes('tap ')) && CLICK_CALL.test(s)) return { kind: 'navigation', reason: 'click-here link' };
  if (SIGN_OFF.test(s)) return { kind: 'boilerplate', reason: 'outlet sign-off' };
  return null;
}

/** A line that could be a headline in a list of links: short, no closing full stop. */
function isHeadlineLike(s: string): boolean {
  if (s.length > 160 || wordCount(s, 26) > 25) return false;
  if (/^#{1,6}\s/u.test(s)) return false;
  const last = lastMeaningfulChar(s);
  if (last === '.' && !/^(?:[-*•]|\d+[.)])\s/u.test(s)) return false;
  return true;
}

// ---------------------------------------------------------------------------------------------
// Detection

export function detectNoise(text: string, context: NoiseContext = {}): NoiseRange[] {
  const lines = splitLines(text);
  const flags: (Flag | undefined)[] = new Array<Flag | undefined>(lines.length);
  let nextGroup = 0;
  const flagLine = (i: number, kind: NoiseKind, reason: string, group = nextGroup++): void => {
    flags[i] = { kind, reason, group };
  };
  const nextNonBlank = (i: number): number => {
    let j = i + 1;
    while (j < lines.length && lines[j]!.blank) j++;
    return j;
  };

  const classes = lines.map((l) => (l.blank ? null : classifyLine(l.text)));
  // Whether blank lines separate paragraphs (so a block of lines is one paragraph or one ad).
  const blankCount = lines.filter((l, i) => l.blank && i > 0 && i < lines.length - 1).length;
  const hasBlankSeparators = blankCount >= 2 && blankCount * 4 >= lines.length - blankCount;

  // 1. Block rules: an ad label with what follows it, a related-news heading with its list.
  const titleLine = lines.findIndex((l) => !l.blank);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.blank || flags[i]) continue;
    if (AD_LABEL.test(line.text)) {
      i = flagAdBlock(i);
      continue;
    }
    // The first line is the headline, and "Latest: …" is a live story's headline, not a link.
    const related = i === titleLine ? null : RELATED_HEADING.exec(line.text);
    if (related && line.text.length <= CALL_MAX_LENGTH && !carriesEvidence(line.text)) {
      const rest = (related[1] ?? '').trim();
      if (rest.length > 0) {
        flagLine(i, 'navigation', 'related-news link');
      } else {
        i = flagRelatedList(i);
      }
    }
  }

  function flagAdBlock(i: number): number {
    const group = nextGroup++;
    // Between two labels in one block ("ADVERTISEMENT / Spring sale… / ADVERTISEMENT"): all of
    // it is the ad. Not across blank lines, nor where paragraphs are not blank-separated at all:
    // there the lines between may be story paragraphs.
    for (let j = i + 1; hasBlankSeparators && j < lines.length && j <= i + 5 && !lines[j]!.blank; j++) {
      const l = lines[j]!;
      if (AD_LABEL.test(l.text)) {
        for (let k = i; k <= j; k++) flagLine(k, 'ad', 'advertisement block', group);
        return j;
      }
      if (l.text.length > 300 || carriesEvidence(l.text)) break;
    }
    // A label heading its own short paragraph: the paragraph is the ad.
    flagLine(i, 'ad', 'advertisement marker', group);
    let k = i + 1;
    const paragraph: number[] = [];
    while (k < lines.length && !lines[k]!.blank) paragraph.push(k++);
    // Only where blank lines separate paragraphs: otherwise "the paragraph" would be the story.
    const short = paragraph.length <= 3 && paragraph.every((p) => lines[p]!.text.length <= 250 && !carriesEvidence(lines[p]!.text));
    if (paragraph.length > 0 && short && hasBlankSeparators) {
      for (const p of paragraph) flagLine(p, 'ad', 'advertisement block', group);
      return k;
    }
    return i;
  }

  function flagRelatedList(i: number): number {
    const group = nextGroup++;
    flagLine(i, 'navigation', 'related-news list', group);
    let last = i;
    let items = 0;
    for (let j = nextNonBlank(i); j < lines.length && items < 15; j = nextNonBlank(j)) {
      const l = lines[j]!;
      const cls = classes[j];
      // The list ends at the next real paragraph, or where another kind of noise starts.
      if (flags[j] || cls || !isHeadlineLike(l.text) || RELATED_HEADING.test(l.text)) break;
      if (QUOTE_MARK.test(l.text) && ATTRIBUTION.test(l.text)) break;
      flagLine(j, 'navigation', 'related-news list', group);
      last = j;
      items++;
    }
    // "More from the minister's speech" may be a story's own subheading: only a list makes it navigation.
    if (items === 0 && /^more from\b/iu.test(lines[i]!.text)) flags[i] = undefined;
    return last;
  }

  // 2. Vertical menus: four or more consecutive one-to-three-word lines, mostly section names.
  for (let i = 0; i < lines.length; ) {
    let j = i;
    while (j < lines.length && !lines[j]!.blank && !flags[j] && isMenuSegment(lines[j]!.text)) j++;
    const run = j - i;
    if (run >= 4) {
      const nav = lines.slice(i, j).filter((l) => NAV_WORDS.has(l.text.toLowerCase())).length;
      if (nav * 2 >= run) {
        const group = nextGroup++;
        for (let k = i; k < j; k++) flagLine(k, 'navigation', 'site menu', group);
      }
    }
    i = Math.max(j, i + 1);
  }

  // 3. Lines repeated inside the article (the app promo printed three times).
  const occurrences = new Map<string, number[]>();
  lines.forEach((l, i) => {
    if (l.blank || wordCount(l.text, 3) < 3) return;
    // The exact line: a promo printed three times is printed identically ("fell 3%" and
    // "fell 4%" must stay two different lines).
    const key = l.text;
    const list = occurrences.get(key);
    if (list) list.push(i);
    else occurrences.set(key, [i]);
  });
  for (const indexes of occurrences.values()) {
    if (indexes.length < 2) continue;
    const first = lines[indexes[0]!]!.text;
    const cls = classes[indexes[0]!];
    const times = `line repeated ${indexes.length} times in this article`;
    // A repeated story paragraph (a scraping glitch or a pull quote) keeps its first occurrence.
    const storyLike = !cls && (QUOTE_MARK.test(first) || (wordCount(first, 12) >= 12 && endsLikeSentence(first)));
    indexes.forEach((i, n) => {
      if (flags[i] || (storyLike && n === 0)) return;
      flagLine(i, 'repeated', cls ? `${times} (${cls.reason})` : storyLike ? `repeats a paragraph that appears earlier in this article` : times);
    });
  }

  // 4. Single-line rules.
  lines.forEach((l, i) => {
    if (flags[i] || l.blank) return;
    const cls = classes[i];
    if (cls) flagLine(i, cls.kind, cls.reason);
  });

  // 5. Boilerplate shared with other articles of the notebook.
  flagRecurring(lines, flags, context, () => nextGroup++);

  // 6. Filler paragraphs.
  flagFiller(text, lines, flags, context, () => nextGroup++);

  return toRanges(lines, flags);
}

function flagRecurring(lines: Line[], flags: (Flag | undefined)[], context: NoiseContext, group: () => number): void {
  const counts = context.recurringLines;
  if (!counts || counts.size === 0) return;
  const total = context.articleCount;
  const isProse = (l: Line): boolean => wordCount(l.text, 12) >= 12 && endsLikeSentence(l.text);
  const candidates = new Map<number, number>();
  lines.forEach((l, i) => {
    if (l.blank || flags[i]) return;
    if (l.text.length > BOILERPLATE_MAX_LENGTH) return;
    const key = keyOf(l);
    if (!isCountableKey(key, l.text.length)) return;
    const count = counts.get(key) ?? 0;
    if (count < BOILERPLATE_MIN_ARTICLES) return;
    if (total !== undefined && total > 0 && count < BOILERPLATE_MIN_SHARE * total) return;
    if (carriesEvidence(l.text) || (/\d/.test(l.text) && hasNonYearNumber(l.text)) || DATE_WORD.test(l.text)) return;
    candidates.set(i, count);
  });
  if (candidates.size === 0) return;
  // Boilerplate surrounds the story: a recurring full sentence between the article's own prose
  // lines is more likely a wire sentence several outlets carried than a footer, so it stays.
  const ownProse: number[] = [];
  let prose = 0;
  lines.forEach((l, i) => {
    if (l.blank || !isProse(l)) return;
    prose++;
    if (!flags[i] && !candidates.has(i)) ownProse.push(i);
  });
  const firstOwn = ownProse[0] ?? Infinity;
  const lastOwn = ownProse[ownProse.length - 1] ?? -Infinity;
  const recurringProse = [...candidates.keys()].filter((i) => isProse(lines[i]!)).length;
  // When much of the story itself recurs, the article shares its source with others (a wire
  // copy): its recurring sentences are the story, so only the short lines stay flagged.
  const sharedStory = prose > 0 && recurringProse / prose > 0.4;
  for (const [index, count] of candidates) {
    const l = lines[index]!;
    if (isProse(l) && (sharedStory || (index > firstOwn && index < lastOwn))) continue;
    const of = total ? ` of ${total}` : '';
    flags[index] = { kind: 'boilerplate', reason: `appears in ${count}${of} articles of this notebook`, group: group() };
  }
}

// ---------------------------------------------------------------------------------------------
// Filler

interface Paragraph {
  first: number;
  last: number;
  text: string;
}

/**
 * Paragraphs: a blank-line-separated block whose lines each end a sentence is one paragraph per
 * line (one line per paragraph is what HTML-to-text gives); a block whose lines break mid-sentence
 * is hard-wrapped prose and counts as one paragraph, so a name on the next line still counts.
 */
function paragraphs(lines: Line[]): Paragraph[] {
  const out: Paragraph[] = [];
  for (let i = 0; i < lines.length; ) {
    if (lines[i]!.blank) {
      i++;
      continue;
    }
    let j = i;
    while (j < lines.length && !lines[j]!.blank) j++;
    const block = lines.slice(i, j);
    const wrapped = block.slice(0, -1).some((l) => !endsLikeSentence(l.text));
    if (wrapped) out.push({ first: i, last: j - 1, text: block.map((l) => l.text).join(' ') });
    else block.forEach((l, k) => out.push({ first: i + k, last: i + k, text: l.text }));
    i = j;
  }
  return out;
}

/** Sentences, split after . ! ? … when the next one starts with a capital, digit or quote. */
function sentences(paragraph: string): string[] {
  return paragraph
    .split(/(?<=[.!?…]["”’)\]*_]*)\s+(?=["“‘(*_]*[\p{Lu}\p{Nd}])/u)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}'’-]*/gu;
/** One alternation per list: a single pass per sentence instead of one per marker. */
const STRONG_ANY = new RegExp(STRONG_FILLER.map((re) => `(?:${re.source})`).join('|'), 'i');
const WEAK_ANY = new RegExp(WEAK_FILLER.map((re) => `(?:${re.source})`).join('|'), 'i');

function flagFiller(text: string, lines: Line[], flags: (Flag | undefined)[], context: NoiseContext, group: () => number): void {
  if (context.language && !/^en\b/iu.test(context.language)) return;
  const selfWords = new Set((context.outlet ?? '').match(WORD) ?? []);
  let lowerWords: Set<string> | null = null;
  // Words the article itself writes in lower case: capitalised at a sentence start they are not names.
  const usedInLowerCase = (w: string): boolean => {
    if (!lowerWords) {
      lowerWords = new Set();
      for (const m of text.matchAll(WORD)) if (/^\p{Ll}/u.test(m[0])) lowerWords.add(m[0]);
    }
    return lowerWords.has(w);
  };

  for (const p of paragraphs(lines)) {
    let clean = true;
    for (let i = p.first; i <= p.last; i++) if (flags[i]) clean = false;
    if (!clean) continue;
    const reason = fillerVerdict(p.text, selfWords, usedInLowerCase);
    if (!reason) continue;
    const g = group();
    for (let i = p.first; i <= p.last; i++) flags[i] = { kind: 'filler', reason, group: g };
  }
}

const FILLER_REASON = 'generic sentence that names no one and gives no number, date or place';

/** Returns the filler reason, or null when the paragraph has anything an analyst could use. */
function fillerVerdict(paragraph: string, selfWords: ReadonlySet<string>, usedInLowerCase: (w: string) => boolean): string | null {
  // Cheapest tests first: most story paragraphs stop at a figure or a quotation.
  // Never a paragraph with a figure, a quotation, a date or a number in words.
  if (/\d/.test(paragraph) || QUOTE_MARK.test(paragraph) || !endsLikeSentence(paragraph)) return null;
  // No filler marker, no filler: one pass over the paragraph settles most of them.
  if (!STRONG_ANY.test(paragraph)) return null;
  const body = paragraph.replace(/^[*_>\s-]+|[*_\s]+$/g, '');
  if (/\p{Nd}/u.test(body) || DATE_WORD.test(body) || NUMBER_WORD.test(body) || /[@#]|https?:|www\./i.test(body)) return null;
  const words = body.match(WORD) ?? [];
  if (words.length < 8) return null;
  // English prose only: the marker lists are English, and other languages capitalise differently.
  const functionWords = words.filter((w) => ENGLISH_FUNCTION_WORDS.has(w.toLowerCase())).length;
  if (functionWords / words.length < 0.25) return null;
  if (/[^\p{Script=Latin}\p{P}\p{S}\p{N}\p{Z}\p{M}\s]/u.test(body)) return null;

  // Every sentence must be generic (one concrete sentence keeps the whole paragraph) and one at
  // least must be empty filler. Checked before names: most paragraphs fail here, cheaply.
  const parts = sentences(body);
  let strong = 0;
  for (const sentence of parts) {
    const isStrong = STRONG_ANY.test(sentence);
    if (!isStrong && !WEAK_ANY.test(sentence)) return null;
    if (isStrong) strong++;
  }
  if (strong === 0) return null;
  for (const sentence of parts) {
    const tokens = sentence.match(WORD) ?? [];
    for (let t = 0; t < tokens.length; t++) {
      const w = tokens[t]!;
      if (!/^\p{Lu}/u.test(w) || selfWords.has(w)) continue;
      if (/^I(?:['’](?:m|ve|d|ll))?$/u.test(w)) continue;
      // A capital mid-sentence is a name (or an acronym); at the start it is one unless the
      // word is a common opener or the article also writes it in lower case.
      if (t > 0) return null;
      const lower = w.toLowerCase();
      if (/\p{Lu}/u.test(w.slice(1)) || !(SENTENCE_OPENERS.has(lower) || usedInLowerCase(lower))) return null;
    }
  }
  return FILLER_REASON;
}

// ---------------------------------------------------------------------------------------------

/** Turns per-line flags into sorted, non-overlapping ranges; a group or a run of same-reason lines is one range. */
function toRanges(lines: Line[], flags: (Flag | undefined)[]): NoiseRange[] {
  const ranges: NoiseRange[] = [];
  let open: { start: number; end: number; flag: Flag; lastLine: number } | null = null;
  const close = (): void => {
    if (open) ranges.push({ start: open.start, end: open.end, kind: open.flag.kind, reason: open.flag.reason });
    open = null;
  };
  lines.forEach((l, i) => {
    const f = flags[i];
    if (!f || l.blank) return;
    if (open) {
      const sameGroup = open.flag.group === f.group;
      const adjacentSame = open.lastLine === i - 1 && open.flag.kind === f.kind && open.flag.reason === f.reason;
      if (sameGroup || adjacentSame) {
        open.end = l.end;
        open.lastLine = i;
        return;
      }
      close();
    }
    open = { start: l.start, end: l.end, flag: f, lastLine: i };
  });
  close();
  return ranges;
}
