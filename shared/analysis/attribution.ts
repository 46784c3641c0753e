/**
 * Attribution: who a sentence says is speaking ("X said", "said X", "X, the harbour master,
 * told reporters", "according to X", "as reported by X"), and who an article says its
 * information comes from (originators: "reported by the state news agency Zaria", "according to
 * the Ministry of Defence", "Interfax news agency reported", "citing Reuters").
 */
import { originKey } from './independence';
import { AGENCY_NAMES, ATTRIBUTION_VERBS, ORG_CUES, PERSON_TITLES, STOPWORDS, TITLE_MODIFIERS } from './lexicon';

export type AttributionCue = 'verb' | 'according-to' | 'reported-by' | 'citing';

export interface Attribution {
  /** The cue as written ("said", "according to"). */
  cue: string;
  cueKind: AttributionCue;
  /** Offsets of the cue in the text given. */
  cueStart: number;
  cueEnd: number;
  /** Who speaks, as written (without a title or leading article), or null (a pronoun, or none found). */
  speaker: string | null;
  speakerStart: number | null;
  speakerEnd: number | null;
}

const VERB_RE = new RegExp(`\\b(?:${ATTRIBUTION_VERBS.join('|')})\\b`, 'g');
const ACCORDING_RE = /\b(?:according to|as reported by|reported by|quoted by|cited by|citing|quoting)\b/gi;
const NAME_WORD = "\\p{Lu}[\\p{L}\\p{M}]*(?:['’-]\\p{L}[\\p{L}\\p{M}]*)*\\.?";
/** A capitalised name right at the end of the text before a verb. */
const NAME_BEFORE_RE = new RegExp(`(${NAME_WORD}(?:\\s+(?:of|the|for|de|van|von)?\\s*${NAME_WORD}){0,5})[*_]*\\s*$`, 'u');
/** Auxiliaries and time phrases between a subject and its verb: "have", "on Wednesday". */
const TRAILING_AUX_RE = /(?:\s+(?:have|has|had|also|will|would|could|again|later|previously|on \p{L}+|in \p{L}+|last \p{L}+))+\s*$/u;
/** A capitalised name right at the start of the text after a cue. */
const NAME_AFTER_RE = new RegExp(`^\\s*(?:the\\s+)?(${NAME_WORD}(?:\\s+(?:of\\s+the|of|the|for|de|van|von)?\\s*${NAME_WORD}){0,5})`, 'u');
/** A lower-case noun phrase with an article: "the ministry", "a spokesperson for the port authority". */
const ARTICLE_RE = /\b(?:the|a|an)\s+/gi;
/** Present forms that are often nouns ("the Baltic states", "reports say"): a verb only before "that". */
const AMBIGUOUS_VERBS = new Set(['states', 'reports', 'notes', 'claims', 'estimates', 'estimated', 'posts', 'posted', 'suggests', 'adds']);
const PRONOUN_BEFORE_RE = /\b(?:he|she|they|it|we|i)\s*$/i;
const CLOSING_QUOTE_BEFORE_RE = /[,.!?]?\s*["”»']\s*$/;
const APPOSITION_RE = /,\s*$/;

/** Attributions in `text` (a sentence, usually), in order of their cue. Offsets are into `text`. */
export function findAttributions(text: string): Attribution[] {
  const out: Attribution[] = [];
  VERB_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = VERB_RE.exec(text)) !== null) {
    const cueStart = m.index;
    const cueEnd = cueStart + m[0].length;
    if (AMBIGUOUS_VERBS.has(m[0]) && !/^\s*(?:that\b|,|:)/.test(text.slice(cueEnd, cueEnd + 8))) continue;
    const speaker = speakerBefore(text, cueStart) ?? speakerAfterQuote(text, cueStart, cueEnd);
    out.push({ cue: m[0], cueKind: 'verb', cueStart, cueEnd, speaker: speaker?.name ?? null, speakerStart: speaker?.start ?? null, speakerEnd: speaker?.end ?? null });
  }
  ACCORDING_RE.lastIndex = 0;
  while ((m = ACCORDING_RE.exec(text)) !== null) {
    const cueStart = m.index;
    const cueEnd = cueStart + m[0].length;
    const lower = m[0].toLowerCase();
    const cueKind: AttributionCue = lower.startsWith('according') ? 'according-to' : lower.startsWith('cit') || lower.startsWith('quoting') ? 'citing' : 'reported-by';
    const speaker = nameAfter(text, cueEnd) ?? nounPhraseAfter(text, cueEnd);
    out.push({ cue: m[0], cueKind, cueStart, cueEnd, speaker: speaker?.name ?? null, speakerStart: speaker?.start ?? null, speakerEnd: speaker?.end ?? null });
  }
  out.sort((a, b) => a.cueStart - b.cueStart);
  return out;
}

/** The attribution that best names a speaker: the first with a speaker, else the first. */
export function primaryAttribution(attributions: readonly Attribution[]): Attribution | null {
  return attributions.find((a) => a.speaker !== null) ?? attributions[0] ?? null;
}

interface Span {
  name: string;
  start: number;
  end: number;
}

function speakerBefore(text: string, cueStart: number): Span | null {
  const from = Math.max(0, cueStart - 120);
  let left = text.slice(from, cueStart);
  if (CLOSING_QUOTE_BEFORE_RE.test(left)) return null; // '…," said X': the speaker follows
  if (PRONOUN_BEFORE_RE.test(left)) return null;
  // A short subject opening the sentence: "Opposition lawmakers argued", "Experts interviewed by Zaria said".
  const whole = left.replace(/^[\s>*_#-]+/, '').replace(TRAILING_AUX_RE, '').trim();
  if (from === 0 && whole && !/[,;:"“”]/.test(whole) && whole.split(/\s+/).length <= 4) {
    if (/^(?:as|when|while|if|because|although|though|since|after|before|he|she|they|we|i|you|it)\b/i.test(whole)) return null;
    const name = NAME_BEFORE_RE.exec(whole);
    if (name && !/\bby\s*$/i.test(whole.slice(0, name.index))) {
      const span = trimName(name[1]!, left.indexOf(name[1]!));
      if (span) return span;
    }
    const stripped = whole.replace(/^(?:the|a|an)\s+/i, '');
    const start = left.indexOf(stripped);
    return { name: stripped.replace(/[*_]/g, ''), start, end: start + stripped.length };
  }
  // "Its director, Giedrius Stankūnas, said" / "Rasa Kairys, the harbour master, said" /
  // "Tomas Jankūnas, who leads the group, said": the name is one of the two comma-bounded parts.
  if (APPOSITION_RE.test(left)) {
    const inner = left.replace(APPOSITION_RE, '');
    const comma = inner.lastIndexOf(',');
    if (comma >= 0) {
      const part = NAME_BEFORE_RE.exec(inner.slice(comma + 1));
      if (part && inner.slice(comma + 1, comma + 1 + part.index).trim() === '') {
        const span = trimName(part[1]!, from + comma + 1 + part.index + (part[0].length - part[0].trimStart().length));
        if (span) return span;
      }
      left = left.slice(0, comma);
    }
  }
  const name = NAME_BEFORE_RE.exec(left);
  if (name && !/\bby\s*$/i.test(left.slice(0, name.index))) {
    const span = trimName(name[1]!, from + name.index + (name[0].length - name[0].trimStart().length));
    if (span) return span;
  }
  // "the ministry said", "a ministry spokesperson said": the phrase after the last article.
  ARTICLE_RE.lastIndex = 0;
  let last: RegExpExecArray | null = null;
  let a: RegExpExecArray | null;
  while ((a = ARTICLE_RE.exec(left)) !== null) last = a;
  if (last) {
    const phrase = left.slice(last.index + last[0].length).trim();
    const words = phrase.split(/\s+/);
    if (phrase && words.length <= 5 && !words.some((w) => /^(?:and|or|but|that|which|who|to|is|was|has|had)$/i.test(w))) {
      const start = from + left.indexOf(phrase, last.index);
      return { name: phrase, start, end: start + phrase.length };
    }
  }
  return null;
}

/** '"…," said Tomas Jankūnas' / '"…," Žemaitytė told lawmakers' is handled by speakerBefore. */
function speakerAfterQuote(text: string, cueStart: number, cueEnd: number): Span | null {
  if (!CLOSING_QUOTE_BEFORE_RE.test(text.slice(Math.max(0, cueStart - 4), cueStart))) return null;
  return nameAfter(text, cueEnd);
}

function nameAfter(text: string, at: number): Span | null {
  const m = NAME_AFTER_RE.exec(text.slice(at, at + 120));
  if (!m) return null;
  return trimName(m[1]!, at + m[0].length - m[1]!.length);
}

/** "ministry figures", "local sources": a lower-case phrase after "according to", up to punctuation. */
function nounPhraseAfter(text: string, at: number): Span | null {
  const m = /^\s*(?:the\s+|a\s+|an\s+)?([\p{Ll}][\p{L}\p{M}'’ -]{1,60}?)(?=\s*(?:[,.;:!?)]|$|\s(?:that|which|who|on|in|said)\b))/u.exec(text.slice(at, at + 80));
  if (!m) return null;
  const start = at + m[0].length - m[1]!.length;
  return { name: m[1]!.trim(), start, end: start + m[1]!.trim().length };
}

/** Drop leading titles, roles and sentence-initial common words; drop a possessive. */
function trimName(raw: string, start: number): Span | null {
  const words = raw.split(/\s+/);
  let offset = 0;
  let i = 0;
  while (i < words.length - 1) {
    const f = words[i]!.toLowerCase().replace(/\.$/, '');
    // Titles and roles go ("Energy Minister"); an organisation's cue word stays ("Ministry of Defence").
    if (!(PERSON_TITLES.has(f) || TITLE_MODIFIERS.has(f) || (STOPWORDS.has(f) && !ORG_CUES.has(f) && !/^\p{Lu}{2,}$/u.test(words[i]!)))) break;
    offset += words[i]!.length;
    offset += raw.slice(offset).length - raw.slice(offset).trimStart().length;
    i++;
  }
  let name = raw.slice(offset).replace(/['’]s$/, '').replace(/[.,]$/, '');
  const lone = name.toLowerCase();
  if (STOPWORDS.has(lone) && !PERSON_TITLES.has(lone)) return null;
  if (/^(?:the)\s+/i.test(name)) name = name.replace(/^the\s+/i, '');
  return { name, start: start + offset, end: start + offset + name.length };
}

// ---------------------------------------------------------------------------------------------
// Originators

export interface Originator {
  /** Normalised name: no leading "the", no trailing punctuation or possessive. */
  name: string;
  /** Offsets of the name in the text. */
  start: number;
  end: number;
  /** The phrase that attributes it: "according to", "reported by", "citing", "news agency reported", "source line". */
  cue: string;
}

const ORIGIN_CUE_RE = /\b(according to|as reported by|reported by|first reported by|citing|cited by|quoting|quoted by|as reported in|reported in|published by|released by)\s+/gi;
const AGENCY_REPORTED_RE = new RegExp(
  `(?<![\\p{L}])(${NAME_WORD}(?:\\s+${NAME_WORD}){0,3})\\s+(?:(?:state\\s+)?news\\s+agency|agency|newspaper|broadcaster|television|radio|news\\s+service|wire\\s+service)\\s+(?:reported|said|says|reports|wrote|quoted|cited|published)\\b`,
  'gu',
);
const KNOWN_AGENCY_RE = new RegExp(
  `\\b(${AGENCY_NAMES.filter((n) => n.length > 2).map((n) => n.replace(/[-]/g, '[- ]')).join('|')})\\b(?=\\s+(?:reported|said|says|reports|quoted|cited|news agency|agency|wrote)\\b)|\\btold\\s+(${AGENCY_NAMES.filter((n) => n.length > 2).join('|')})\\b`,
  'gi',
);
const SOURCE_LINE_RE = /^(?:source|sources|via|original source)\s*:\s*(.+?)\s*$/gim;
/** Words that may stand between the cue and the name: "the state news agency Zaria". */
const DESCRIPTOR_RE = /^(?:(?:the|a|an|state|state-run|state-owned|official|national|private|independent|local|regional|government|russian|chinese|news|information|press|wire|agency|broadcaster|newspaper|daily|outlet|television|channel|service|media|tabloid|pro-kremlin|semi-official|documents|reviewed|obtained|seen|by|data|figures|from|published|statement|statements|a|report|reports|of|the)\s+){1,8}/i;

export interface OriginatorOptions {
  /**
   * The article's own outlet: a "Source:" line or "reported by" naming it is the outlet speaking
   * for itself, not an originator, and is left out.
   */
  outlet?: string | null;
}

/** Who `text` attributes its information to. One entry per occurrence, in order. */
export function findOriginators(text: string, opts: OriginatorOptions = {}): Originator[] {
  const out: Originator[] = [];
  const own = opts.outlet ? originKey(opts.outlet) : null;
  const add = (name: string, start: number, cue: string): void => {
    const n = normalizeOriginator(name);
    if (!n || (own !== null && originKey(n) === own)) return;
    const offset = name.indexOf(n.slice(0, Math.min(4, n.length)));
    const s = start + Math.max(0, offset);
    if (!out.some((o) => o.start === s)) out.push({ name: n, start: s, end: s + n.length, cue });
  };
  let m: RegExpExecArray | null;
  ORIGIN_CUE_RE.lastIndex = 0;
  while ((m = ORIGIN_CUE_RE.exec(text)) !== null) {
    const after = m.index + m[0].length;
    const window = text.slice(after, after + 160);
    const clause = window.split(/[,;:.!?()\n]|\s[-–—]\s/)[0] ?? '';
    const desc = DESCRIPTOR_RE.exec(clause);
    const rest = desc ? clause.slice(desc[0].length) : clause;
    const name = NAME_AFTER_RE.exec(rest);
    if (!name) continue;
    const nameStart = after + (desc ? desc[0].length : 0) + name[0].length - name[1]!.length;
    add(name[1]!, nameStart, m[1]!.toLowerCase());
  }
  AGENCY_REPORTED_RE.lastIndex = 0;
  while ((m = AGENCY_REPORTED_RE.exec(text)) !== null) {
    const cue = m[0].slice(m[1]!.length).trim().replace(/\s+/g, ' ').toLowerCase();
    const name = stripLeadingCommon(m[1]!);
    add(name.text, m.index + name.offset, cue);
  }
  KNOWN_AGENCY_RE.lastIndex = 0;
  while ((m = KNOWN_AGENCY_RE.exec(text)) !== null) {
    if (m[1]) add(m[1], m.index, `${text.slice(m.index + m[1].length).trim().split(/\s+/)[0]!.toLowerCase()}`);
    else add(m[2]!, m.index + m[0].length - m[2]!.length, 'told');
  }
  SOURCE_LINE_RE.lastIndex = 0;
  while ((m = SOURCE_LINE_RE.exec(text)) !== null) {
    const line = m[1]!;
    if (/^https?:/i.test(line) || line.length > 80) continue;
    add(line, m.index + m[0].indexOf(line), 'source line');
  }
  out.sort((a, b) => a.start - b.start);
  return out;
}

function stripLeadingCommon(name: string): { text: string; offset: number } {
  const words = name.split(/\s+/);
  let offset = 0;
  while (words.length > 1 && STOPWORDS.has(words[0]!.toLowerCase())) {
    offset = name.indexOf(words[1]!, offset + words[0]!.length);
    words.shift();
  }
  return { text: name.slice(offset), offset };
}

/** "the Ministry of Defence." → "Ministry of Defence"; "Zaria's" → "Zaria". */
export function normalizeOriginator(name: string): string {
  return name
    .trim()
    .replace(/^(?:the|a|an)\s+/i, '')
    .replace(/['’]s$/, '')
    .replace(/[\s.,;:!?'"”»)\]]+$/, '')
    .replace(/\s+/g, ' ');
}
