/**
 * Offline entity extraction: people, organisations, places, dates and numbers, each mention with
 * its offsets in the article text. Names come from runs of capitalised words, classified by cues:
 * a title before them (Mr, Minister, President → person), a cue word inside them (Ministry,
 * Agency, Party, University, News → organisation; Lagoon, River, Street → place), a built-in list
 * of countries and capitals, a place preposition ("in Klaipėda"), and the shape of a personal
 * name (two to four capitalised words). Capitalised common words at a sentence start are not
 * names (a stop-word list); a surname used alone after the full name is the same person.
 *
 * Speed matters (the notebook may hold 10,000 articles): a few precompiled regexes scan the
 * text once each, and per-run work only touches the handful of words in the run.
 */
import type { EntityKind } from './types';
import { findDates } from './dates';
import { fold } from '../search/fold';
import { KNOWN_ORGS, ORG_CUES, PERSON_TITLES, PLACE_CUES, PLACES, STOPWORDS, TITLE_MODIFIERS } from './lexicon';
import { findNumbers, normalizeNumber } from './numbers';

export interface Mention {
  kind: EntityKind;
  /** The words as written (without a title before a person's name or a possessive 's). */
  text: string;
  start: number;
  end: number;
  /**
   * Canonical form: for names, the full name (a lone surname resolves to the full name used earlier
   * in the article), spaces collapsed; for dates, ISO (YYYY-MM-DD, YYYY-MM, YYYY, --MM-DD); for
   * numbers, the value and unit ("310000000 EUR", "61 votes").
   */
  normalized: string;
  /** Numbers only: the value. */
  value?: number;
  /** Numbers only: the folded unit, or null. */
  unit?: string | null;
}

export interface ExtractOptions {
  /** Only these kinds (default: all). */
  kinds?: readonly EntityKind[];
  /** Ranges to ignore, e.g. the article's noise (ads, navigation). */
  skip?: readonly { start: number; end: number }[];
}

const CAP_WORD = "(?:\\p{Lu}\\.){2,}|(?:Mr|Mrs|Ms|Dr|Prof|St|Gen|Col|Lt|Sgt|Capt|Sen|Rep|Gov|Jr|Sr|\\p{Lu})\\.(?=\\s\\p{Lu})|\\p{Lu}[\\p{L}\\p{M}]*(?:['’-]\\p{L}[\\p{L}\\p{M}]*)*";
const CONNECT = '(?:of|the|for|de|van|von|der|den|da|di|du|del|della|la|le|al|bin|ibn)';
const RUN_RE = new RegExp(`(?<![\\p{L}\\p{M}\\p{N}])(?:${CAP_WORD})(?:[ \\t]+(?:${CONNECT}[ \\t]+){0,2}(?:${CAP_WORD}))*`, 'uy');
/**
 * Where a capitalised run may start: ASCII capitals and the blocks holding Latin, Greek and
 * Cyrillic capitals. A cheap non-Unicode scan finds these; the Unicode run regex then runs only
 * there (run over the whole text, its look-behind cost most of the extraction time).
 */
const CANDIDATE_RE = /[A-Z\u00c0-\u00de\u0100-\u024f\u0386-\u03ab\u0400-\u042f\u0460-\u04ff]/g;
const TOKEN_RE = /\S+/g;
const PLACE_PREPOSITIONS = new Set(['in', 'from', 'to', 'near', 'at', 'across', 'outside', 'around', 'into', 'towards', 'toward', 'via', 'off']);
/** Words before a lone name that make it an organisation: "the news agency Nordpress", "citing Nordpress". */
const ORG_BEFORE = new Set(['agency', 'newspaper', 'broadcaster', 'daily', 'outlet', 'channel', 'citing', 'by', 'company', 'firm', 'group', 'party']);
const SPEECH_AFTER_RE = /^\s+(?:said|says|told|stated|added|argued|claimed|warned|wrote|noted|insisted|confirmed|denied|explained|announced|reported|replied)\b/;
const ADJECTIVE_SUFFIX_RE = /(?:ian|ean|ish|ese|ic|an|ist)$/;
const ACRONYM_RE = /^\p{Lu}{2,6}$|^(?:\p{Lu}\.){2,}$/u;
const POSSESSIVE_RE = /['’]s$/;
const STRIP_LEADING = new Set([...STOPWORDS].filter((w) => !PERSON_TITLES.has(w) && !TITLE_MODIFIERS.has(w) && !ORG_CUES.has(w)));
const CONNECTORS = new Set(['of', 'the', 'for', 'de', 'van', 'von', 'der', 'den', 'da', 'di', 'du', 'del', 'della', 'la', 'le', 'al', 'bin', 'ibn']);
const ALL_KINDS: readonly EntityKind[] = ['person', 'organization', 'place', 'date', 'number', 'other'];

interface Tok {
  raw: string;
  /** Lower-case, diacritic-folded, trailing period removed. */
  f: string;
  start: number;
  end: number;
}

/** Extract entity mentions from `text`, in order of position. */
export function extractEntities(text: string, opts: ExtractOptions = {}): Mention[] {
  const kinds = new Set(opts.kinds ?? ALL_KINDS);
  const skip = opts.skip ?? [];
  const out: Mention[] = [];
  const taken: { start: number; end: number }[] = [];

  if (kinds.has('date') || kinds.has('person') || kinds.has('organization') || kinds.has('place') || kinds.has('other')) {
    for (const d of findDates(text)) {
      taken.push(d);
      if (kinds.has('date') && !inSkip(skip, d.start, d.end)) out.push({ kind: 'date', text: d.text, start: d.start, end: d.end, normalized: d.iso });
    }
  }
  if (kinds.has('number')) {
    let ti = 0;
    for (const n of findNumbers(text)) {
      while (ti < taken.length && taken[ti]!.end <= n.start) ti++;
      const t = taken[ti];
      if (t && t.start < n.end && n.start < t.end) continue; // part of a date
      if (inSkip(skip, n.start, n.end)) continue;
      out.push({ kind: 'number', text: n.text, start: n.start, end: n.end, normalized: normalizeNumber(n), value: n.value, unit: n.unit });
    }
  }
  if (kinds.has('person') || kinds.has('organization') || kinds.has('place') || kinds.has('other')) {
    extractNames(text, kinds, skip, out);
  }
  out.sort((a, b) => a.start - b.start || b.end - a.end);
  return out;
}

function inSkip(skip: readonly { start: number; end: number }[], start: number, end: number): boolean {
  for (const r of skip) if (r.start < end && start < r.end) return true;
  return false;
}

function extractNames(text: string, kinds: Set<EntityKind>, skip: readonly { start: number; end: number }[], out: Mention[]): void {
  // Pass 1: classify runs; lone words whose kind depends on the whole article wait for pass 2.
  const pending: { tok: Tok; sentenceStart: boolean }[] = [];
  const fullNames = new Map<string, string>(); // folded surname → full name
  const orgHeads = new Set<string>(); // folded first word of organisations named in this article
  const found: Mention[] = [];
  CANDIDATE_RE.lastIndex = 0;
  let c: RegExpExecArray | null;
  while ((c = CANDIDATE_RE.exec(text)) !== null) {
    RUN_RE.lastIndex = c.index;
    const m = RUN_RE.exec(text);
    if (!m) continue;
    CANDIDATE_RE.lastIndex = c.index + m[0].length;
    if (skip.length && inSkip(skip, m.index, m.index + m[0].length)) continue;
    const toks = tokens(m[0], m.index);
    for (const seg of segments(toks)) classify(text, seg, found, pending, fullNames, orgHeads);
  }
  // Pass 2: a lone capitalised word is a person if it is the surname of someone named in full
  // in this article, or if it is followed by "said"/"told"...; otherwise a sentence-initial word
  // is dropped (it is most likely a common word) and a mid-sentence one is kept as "other".
  const places = new Set<string>();
  for (const f of found) if (f.kind === 'place') places.add(fold(f.normalized));
  for (const { tok, sentenceStart } of pending) {
    const full = fullNames.get(tok.f);
    // A dateline ("VARNHOLM, June 5 (HL) -") or a name this article already uses as a place.
    if (!full && (places.has(tok.f) || isDateline(text, tok))) {
      found.push({ kind: 'place', text: tok.raw, start: tok.start, end: tok.end, normalized: displayName([tok], true) });
      continue;
    }
    const before = wordBefore(text, tok.start);
    if (!full && before && ORG_BEFORE.has(before)) {
      found.push({ kind: 'organization', text: tok.raw, start: tok.start, end: tok.end, normalized: tok.raw });
      continue;
    }
    // "Zaria" after "Zaria News Agency": the organisation, not a person.
    if (!full && orgHeads.has(tok.f)) {
      found.push({ kind: 'organization', text: tok.raw, start: tok.start, end: tok.end, normalized: tok.raw });
      continue;
    }
    const after = text.slice(tok.end, tok.end + 16);
    if (full) found.push({ kind: 'person', text: tok.raw, start: tok.start, end: tok.end, normalized: full });
    else if (SPEECH_AFTER_RE.test(after) && !ADJECTIVE_SUFFIX_RE.test(tok.f)) found.push({ kind: 'person', text: tok.raw, start: tok.start, end: tok.end, normalized: tok.raw });
    else if (!sentenceStart && !(ADJECTIVE_SUFFIX_RE.test(tok.f) && /^\s+\p{Ll}/u.test(after))) {
      found.push({ kind: 'other', text: tok.raw, start: tok.start, end: tok.end, normalized: tok.raw });
    }
  }
  for (const f of found) if (kinds.has(f.kind)) out.push(f);
}

function tokens(run: string, base: number): Tok[] {
  const toks: Tok[] = [];
  TOKEN_RE.lastIndex = 0;
  let t: RegExpExecArray | null;
  while ((t = TOKEN_RE.exec(run)) !== null) {
    let raw = t[0];
    let end = base + t.index + raw.length;
    let possessive = false;
    if (POSSESSIVE_RE.test(raw)) {
      raw = raw.slice(0, -2);
      end -= 2;
      possessive = true;
    }
    toks.push({ raw, f: fold(raw.replace(/\.$/, '')), start: base + t.index, end });
    // A possessive ends the name: "Klaipėda's Port Authority" is two names.
    if (possessive) toks.push({ raw: "'s", f: "'s", start: end, end: end + 2 });
  }
  return toks;
}

/** Split a run at possessives and at acronyms glued to ordinary words ("Klaipėda LNG"). */
function* segments(toks: Tok[]): Generator<Tok[]> {
  let cur: Tok[] = [];
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    if (t.raw === "'s") {
      if (cur.length) yield cur;
      cur = [];
      continue;
    }
    const acronym = ACRONYM_RE.test(t.raw);
    const prev = cur[cur.length - 1];
    if (prev && acronym !== ACRONYM_RE.test(prev.raw) && !ORG_CUES.has(t.f) && !ORG_CUES.has(prev.f) && !KNOWN_ORGS.has(t.f)) {
      yield cur;
      cur = [];
    }
    cur.push(t);
  }
  if (cur.length) yield cur;
}

function atSentenceStart(text: string, at: number): boolean {
  let i = at - 1;
  while (i >= 0) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 0xa0) {
      i--;
      continue;
    }
    // Opening quotes and brackets: look past them.
    if (c === 34 || c === 0x201c || c === 0x2018 || c === 0xab || c === 0x201e || c === 40 || c === 39 || c === 42 || c === 35 || c === 45 || c === 0x2014 || c === 0x2013) {
      i--;
      continue;
    }
    return c === 10 || c === 13 || c === 46 || c === 33 || c === 63 || c === 0x2026 || c === 58;
  }
  return true;
}

function classify(text: string, toks: Tok[], found: Mention[], pending: { tok: Tok; sentenceStart: boolean }[], fullNames: Map<string, string>, orgHeads: Set<string>): void {
  let i = 0;
  // Leading common words ("The", "In", "On Tuesday", "Speaking"), but not titles or cues.
  while (i < toks.length && (STRIP_LEADING.has(toks[i]!.f) || CONNECTORS.has(toks[i]!.f))) i++;
  let j = toks.length;
  while (j > i && (CONNECTORS.has(toks[j - 1]!.f) || STOPWORDS.has(toks[j - 1]!.f))) j--;
  if (i >= j) return;
  let seg = toks.slice(i, j);

  // A title in front: "Energy Minister Dovilė Žemaitytė", "Mr. Kairys", or "energy minister Kairys".
  let k = -1;
  for (let t = 0; t < seg.length; t++) {
    const f = seg[t]!.f;
    if (PERSON_TITLES.has(f)) k = t;
    else if (!TITLE_MODIFIERS.has(f) && !(t === 0 && ADJECTIVE_SUFFIX_RE.test(f))) break;
  }
  let titled = false;
  if (k >= 0) {
    const rest = seg.slice(k + 1);
    if (rest.length === 0 || CONNECTORS.has(rest[0]!.f) || rest.some((t) => ORG_CUES.has(t.f))) {
      // "Minister of Energy", "President": a role, not a name; an org if it carries a cue.
      if (!seg.some((t) => ORG_CUES.has(t.f)) || seg.length === 1) return;
    } else {
      seg = rest;
      titled = true;
    }
  } else {
    const before = wordBefore(text, seg[0]!.start);
    if (before && PERSON_TITLES.has(before)) titled = true;
  }

  const first = seg[0]!;
  const last = seg[seg.length - 1]!;
  const start = first.start;
  const end = last.end;
  const raw = text.slice(start, end);
  const name = displayName(seg);
  const folded = seg.length === 1 ? first.f : seg.map((t) => t.f).join(' ');
  const kind = kindOf(seg, titled, folded, first, last);
  if (kind === 'skip') return;
  if (kind === null) {
    if (seg.length === 1 && !STOPWORDS.has(first.f) && !ACRONYM_RE.test(first.raw) && !PLACES.has(folded)) {
      const prevWord = wordBefore(text, start);
      if (prevWord && PLACE_PREPOSITIONS.has(prevWord) && !fullNames.has(first.f) && !ADJECTIVE_SUFFIX_RE.test(first.f)) {
        found.push({ kind: 'place', text: raw, start, end, normalized: name });
      } else pending.push({ tok: first, sentenceStart: atSentenceStart(text, start) });
    }
    return;
  }
  let normalized = name;
  if (kind === 'person') {
    if (seg.length > 1) fullNames.set(last.f, name);
    else normalized = fullNames.get(last.f) ?? name;
  } else if (kind === 'organization' && seg.length > 1) orgHeads.add(first.f);
  found.push({ kind, text: raw, start, end, normalized });
}

/** The kind a run's words give it, or null: drop it, or (one word) decide later from the article. */
function kindOf(seg: Tok[], titled: boolean, folded: string, first: Tok, last: Tok): EntityKind | 'skip' | null {

  if (titled) return 'person';
  if (ORG_CUES.has(last.f) || KNOWN_ORGS.has(folded) || seg.some((t) => ORG_CUES.has(t.f))) {
    return seg.length === 1 && STOPWORDS.has(first.f) ? 'skip' : 'organization';
  }
  if (PLACES.has(folded) || PLACE_CUES.has(last.f)) return seg.length === 1 && PLACE_CUES.has(last.f) ? 'skip' : 'place';
  if (seg.length === 1) return ACRONYM_RE.test(first.raw) ? 'other' : null;
  // Several capitalised words without a cue: a personal name, unless a common word or a place is
  // among them ("Second Berth", "Baltic Ledger").
  if (seg.length <= 4 && !seg.some((t) => STOPWORDS.has(t.f) || ACRONYM_RE.test(t.raw) || PLACES.has(t.f))) return 'person';
  return 'other';
}

/** A capitalised word opening a line and followed by a comma and a date: a dateline's place. */
function isDateline(text: string, tok: Tok): boolean {
  return (tok.start === 0 || text.charCodeAt(tok.start - 1) === 10) && /^\p{Lu}{3,}$/u.test(tok.raw) && /^,\s+\p{L}+\.?\s+\d|^,\s+\d/u.test(text.slice(tok.end, tok.end + 16));
}

/** The lower-cased word just before `at` (skipping spaces and one period), or null. */
function wordBefore(text: string, at: number): string | null {
  let i = at - 1;
  while (i >= 0 && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i--;
  if (i >= 0 && text.charCodeAt(i) === 46) i--;
  const end = i + 1;
  while (i >= 0 && end - i <= 16 && isLetter(text.charCodeAt(i))) i--;
  return end - i > 1 ? text.slice(i + 1, end).toLowerCase() : null;
}

function isLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7);
}

/** The name as it should be shown: single spaces, and CAPITALS of a dateline in title case. */
function displayName(seg: Tok[], dateline = false): string {
  return seg
    .map((t) => (t.raw.length >= 4 && /^\p{Lu}+$/u.test(t.raw) && (dateline || PLACES.has(t.f)) ? t.raw[0] + t.raw.slice(1).toLowerCase() : t.raw))
    .join(' ');
}
