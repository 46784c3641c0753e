/**
 * Numbers in news text with their value and unit: "61", "1,250", "3.5 million", "€280m",
 * "61 votes", "12 percent". Years standing alone (1900-2099, no unit) are left to the date
 * finder; digits inside words, URLs and codes ("F-16", "/2026/03/") are not quantities.
 */
import { SCALES, UNITS } from './lexicon';

export interface NumberMatch {
  start: number;
  end: number;
  text: string;
  value: number;
  /** Folded unit ("EUR", "votes", "percent", "people") or null. */
  unit: string | null;
}

const CORE_RE = /([€$£]\s?)?(?<![A-Za-z\d.,/:-]|[A-Za-z]-)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?![\d]|[.,]\d|\/\w|:\d)/g;
const SCALE_RE = /(?:\s(thousand|million|billion|trillion|mln)|(bn|m|k))\b/iy;
const UNIT_RE =
  /\s?(%|per cent|percent|pct|euros?|eur|dollars?|usd|pounds|gbp|roubles|rubles|hryvnias|votes?|people|persons|civilians|soldiers|troops|jobs|households|ships|vessels|tonnes|tons|km|kilometres|kilometers|metres|meters|years|months|days|hours|times|abstentions|seats|deaths|dead|casualties|refugees|residents)\b|\s?(%)/iy;

/** All quantities in `text`, in order. */
export function findNumbers(text: string): NumberMatch[] {
  const out: NumberMatch[] = [];
  CORE_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = CORE_RE.exec(text)) !== null) {
    const currency = m[1]?.trim() ?? null;
    const intPart = m[2]!;
    let value = Number(intPart.replace(/,/g, '') + (m[3] ? `.${m[3]}` : ''));
    let end = m.index + m[0].length;
    SCALE_RE.lastIndex = end;
    const scale = SCALE_RE.exec(text);
    if (scale) {
      value *= SCALES[(scale[1] ?? scale[2]!).toLowerCase()] ?? 1;
      end += scale[0].length;
    }
    UNIT_RE.lastIndex = end;
    const unitMatch = UNIT_RE.exec(text);
    let unit: string | null = currency ? (UNITS[currency] ?? null) : null;
    if (unitMatch) {
      const word = (unitMatch[1] ?? unitMatch[2]!).toLowerCase();
      unit = UNITS[word] ?? UNITS[word.replace(/s$/, '')] ?? word;
      end += unitMatch[0].length;
    }
    // A bare four-digit year is a date, not a count.
    if (!unit && !scale && !m[3] && intPart.length === 4 && /^(?:19|20)\d\d$/.test(intPart)) continue;
    out.push({ start: m.index, end, text: text.slice(m.index, end), value: Math.round(value * 1e6) / 1e6, unit });
  }
  return out;
}

/** The normalised form of a quantity: its value, then its unit ("280000000 EUR", "61 votes"). */
export function normalizeNumber(n: { value: number; unit: string | null }): string {
  const v = Number.isInteger(n.value) ? n.value.toFixed(0) : String(n.value);
  return n.unit ? `${v} ${n.unit}` : v;
}

export interface VoteMatch {
  start: number;
  end: number;
  text: string;
  for: number;
  against: number;
}

const VOTE_RE = /\b(\d{1,4})\s*(?:votes?\s*)?(?:to|against|–|—|-)\s*(\d{1,4})\b(?!\s*(?:percent|%|million|billion|thousand|years|months|days|per))|\b(\d{1,4})\s+(?:votes?\s+)?in\s+favou?r\b[^.;]{0,40}?\b(\d{1,4})\s+against\b/gi;
const VOTE_CONTEXT_RE = /\bvot(?:e|es|ed|ing)\b|\bballot|\bin favou?r\b|\babstention|\bsplit\b|\bmajority\b/i;

/**
 * Vote counts: "by 71 votes to 48", "by a vote of 72 to 47", "72–47", "71 votes in favour and 48
 * against". A bare "72 to 47" counts only in a text (sentence) that speaks of a vote.
 */
export function findVotes(text: string): VoteMatch[] {
  const out: VoteMatch[] = [];
  const context = VOTE_CONTEXT_RE.test(text);
  VOTE_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = VOTE_RE.exec(text)) !== null) {
    const a = m[1] ?? m[3];
    const b = m[2] ?? m[4];
    if (!a || !b) continue;
    if (!context && !/votes?/i.test(m[0])) continue;
    out.push({ start: m.index, end: m.index + m[0].length, text: m[0], for: +a, against: +b });
  }
  return out;
}
