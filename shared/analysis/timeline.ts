/**
 * Dated events: each sentence that dates something ("on 12 March", "on Wednesday", "last week",
 * "in early 2027") becomes an event at that date, labelled from its sentence. Relative dates are
 * resolved against the publication date; header lines ("Published: …", "Date: …") and the
 * dateline ("VILNIUS, March 11 (NEW) -") give the publication date, not an event date, and are
 * skipped. Without a publication date, relative dates are left out rather than guessed.
 */
import { addDays, findDates, parseIsoDate, resolveYear, weekday } from './dates';
import { WEEKDAYS } from './lexicon';
import { type Sentence, splitSentences } from './sentences';

export interface TimelineEvent {
  /** ISO: YYYY-MM-DD, YYYY-MM or YYYY. */
  date: string;
  /** A short label from the sentence (about 100 characters at most). */
  label: string;
  /** The sentence's offsets in the article text. */
  start: number;
  end: number;
  /** The date expression as written, and where. */
  dateText: string;
  dateStart: number;
  dateEnd: number;
  /** True when the date was worked out from the publication date ("yesterday", "on Tuesday"). */
  relative: boolean;
}

export interface TimelineOptions {
  /** Ranges to ignore (the article's noise). */
  skip?: readonly { start: number; end: number }[];
  sentences?: readonly Sentence[];
}

const HEADER_RE = /^(?:published|date|updated|posted|first published|last updated|paskelbta)\s*:/i;
const DATELINE_RE = /^[\p{Lu}][\p{Lu}\p{M} .'-]{2,40},\s+(?:[\p{L}]+\.?\s+\d{1,2}|\d{1,2}\s+[\p{L}]+)(?:,?\s+\d{4})?\s*(?:\([^)]{1,20}\))?\s*[-–—]\s*/u;
const RELATIVE_RE =
  /\b(yesterday|today|tomorrow|(?:last|this|next|on|earlier on|late on|early on|on the)\s+(monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?:\s+(?:morning|afternoon|evening|night))?|(last|next|this)\s+(week|month|year)|earlier this (month|year)|(?:on\s+)?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?=\s+(?:morning|afternoon|evening|night)\b))\b/gi;
const FUTURE_RE = /\b(?:will|is to|are to|plans? to|expected to|is set to|are set to|next)\b/i;

/** Events in an article, in text order. `publishedAt` is the article's ISO publication date or null. */
export function extractEvents(text: string, publishedAt: string | null, opts: TimelineOptions = {}): TimelineEvent[] {
  const pub = parseIsoDate(publishedAt);
  const sentences = opts.sentences ?? splitSentences(text);
  const skip = opts.skip ?? [];
  const out: TimelineEvent[] = [];
  for (const s of sentences) {
    if (HEADER_RE.test(s.text) || /^url\s*:/i.test(s.text)) continue;
    if (skip.some((r) => r.start < s.end && s.start < r.end)) continue;
    const dateline = DATELINE_RE.exec(s.text);
    const bodyOffset = dateline ? dateline[0].length : 0;
    const body = s.text.slice(bodyOffset);
    if (!/\s/.test(body.trim())) continue; // a lone date line
    const found: { date: string; at: number; end: number; text: string; relative: boolean }[] = [];
    for (const d of findDates(body)) {
      const iso = d.precision === 'month-day' ? resolveYear(d.iso, publishedAt) : d.iso;
      if (iso.startsWith('--')) continue;
      found.push({ date: iso, at: d.start, end: d.end, text: d.text, relative: d.precision === 'month-day' });
    }
    if (pub) {
      RELATIVE_RE.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = RELATIVE_RE.exec(body)) !== null) {
        if (/^['’]s\b/.test(body.slice(m.index + m[0].length))) continue; // "today's world"
        const date = resolveRelative(m, pub, FUTURE_RE.test(body));
        if (date) found.push({ date, at: m.index, end: m.index + m[0].length, text: m[0], relative: true });
      }
    }
    const seen = new Set<string>();
    found.sort((a, b) => a.at - b.at);
    for (const f of found) {
      if (seen.has(f.date)) continue;
      seen.add(f.date);
      out.push({
        date: f.date,
        label: label(body),
        start: s.start,
        end: s.end,
        dateText: f.text,
        dateStart: s.start + bodyOffset + f.at,
        dateEnd: s.start + bodyOffset + f.end,
        relative: f.relative,
      });
    }
  }
  return out;
}

function resolveRelative(m: RegExpExecArray, pub: { y: number; m: number; d: number }, future: boolean): string | null {
  const word = m[1]!.toLowerCase();
  if (word === 'yesterday') return addDays(pub, -1);
  if (word === 'today') return addDays(pub, 0);
  if (word === 'tomorrow') return addDays(pub, 1);
  const dayName = (m[2] ?? m[6])?.toLowerCase();
  if (dayName) {
    const target = WEEKDAYS[dayName]!;
    const today = weekday(pub);
    // News reports the past: only "next Friday", or "this Friday" in a sentence about the future, lies ahead.
    const next = /^next/i.test(word) || (future && /^this/i.test(word));
    if (next) return addDays(pub, ((target - today + 7) % 7) || 7);
    // "on Wednesday" is the most recent Wednesday, the day of publication included.
    let back = (today - target + 7) % 7;
    if (/^last/i.test(word) && back === 0) back = 7;
    return addDays(pub, -back);
  }
  const which = m[3]?.toLowerCase() ?? 'this';
  const unit = (m[4] ?? m[5])!.toLowerCase();
  const shift = which === 'last' ? -1 : which === 'next' ? 1 : 0;
  if (unit === 'week') return addDays(pub, shift * 7);
  if (unit === 'month') {
    const t = new Date(Date.UTC(pub.y, pub.m - 1 + shift, 1));
    return `${t.getUTCFullYear()}-${String(t.getUTCMonth() + 1).padStart(2, '0')}`;
  }
  return String(pub.y + shift);
}

function label(sentence: string): string {
  const t = sentence.replace(/\s+/g, ' ').replace(/[*_#>]/g, '').trim();
  if (t.length <= 100) return t;
  const cut = t.lastIndexOf(' ', 97);
  return `${t.slice(0, cut > 40 ? cut : 97)}…`;
}
