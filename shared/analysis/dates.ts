/**
 * Absolute dates written in news text, normalised to ISO: "2026-03-12", "12 March 2026",
 * "March 12, 2026", "12.03.2026" (day first, as European outlets write it), "March 2026"
 * (→ 2026-03), "in 2019" (→ 2019), and day-month without a year ("on 12 March" → --03-12, which
 * `resolveYear` completes from the publication date). One precompiled regex, one pass.
 */
import { MONTHS } from './lexicon';

export type DatePrecision = 'day' | 'month' | 'year' | 'month-day';

export interface DateMatch {
  start: number;
  end: number;
  text: string;
  /** ISO 8601: YYYY-MM-DD, YYYY-MM, YYYY, or --MM-DD when the text gives no year. */
  iso: string;
  precision: DatePrecision;
}

const MONTH = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const YEAR_CUE = '(?:in|since|by|until|till|from|of|before|after|early|late|mid|the|during|throughout|for|spring|summer|autumn|fall|winter)';

// Groups: 1-3 ISO; 4-6 day month [year]; 7-9 month day [year]; 10-12 dd.mm.yyyy; 13-14 month year; 15 year.
const DATE_RE = new RegExp(
  [
    '\\b(\\d{4})-(\\d{2})-(\\d{2})(?:T\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?(?:Z|[+-]\\d{2}:?\\d{2})?)?(?![\\d-])',
    `\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH}(?:,?\\s+(\\d{4}))?\\b`,
    `\\b${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s+(\\d{4}))?\\b(?![:.]\\d)`,
    '\\b(\\d{1,2})\\.(\\d{1,2})\\.(\\d{4})\\b',
    `\\b${MONTH}\\s+(\\d{4})\\b`,
    `(?<=\\b${YEAR_CUE}\\s+)((?:19|20)\\d{2})\\b(?!\\s*(?:%|percent|votes|people|euros|-\\d))`,
  ].join('|'),
  'gi',
);

const pad = (n: number): string => String(n).padStart(2, '0');

function validDay(y: number | null, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const days = [31, y !== null && y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return d <= days[m - 1]!;
}

function month(word: string | undefined): number {
  return word ? (MONTHS[word.toLowerCase().replace(/\.$/, '')] ?? 0) : 0;
}

/** All absolute dates in `text`, in order. */
export function findDates(text: string): DateMatch[] {
  const out: DateMatch[] = [];
  DATE_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = DATE_RE.exec(text)) !== null) {
    const g = m;
    let iso: string | null = null;
    let precision: DatePrecision = 'day';
    let monthWord: string | undefined;
    if (g[1]) {
      const y = +g[1], mo = +g[2]!, d = +g[3]!;
      if (validDay(y, mo, d)) iso = `${g[1]}-${g[2]}-${g[3]}`;
    } else if (g[4]) {
      monthWord = g[5];
      const mo = month(g[5]), d = +g[4], y = g[6] ? +g[6] : null;
      if (validDay(y, mo, d)) [iso, precision] = y !== null ? [`${y}-${pad(mo)}-${pad(d)}`, 'day'] : [`--${pad(mo)}-${pad(d)}`, 'month-day'];
    } else if (g[7]) {
      monthWord = g[7];
      const mo = month(g[7]), d = +g[8]!, y = g[9] ? +g[9] : null;
      if (validDay(y, mo, d)) [iso, precision] = y !== null ? [`${y}-${pad(mo)}-${pad(d)}`, 'day'] : [`--${pad(mo)}-${pad(d)}`, 'month-day'];
    } else if (g[10]) {
      const d = +g[10], mo = +g[11]!, y = +g[12]!;
      if (validDay(y, mo, d)) iso = `${y}-${pad(mo)}-${pad(d)}`;
    } else if (g[13]) {
      monthWord = g[13];
      const mo = month(g[13]);
      if (mo) [iso, precision] = [`${g[14]}-${pad(mo)}`, 'month'];
    } else if (g[15]) {
      [iso, precision] = [g[15], 'year'];
    }
    // "may" and "mar" are words too: a month only when capitalised ("May 5", not "may 5").
    if (iso && monthWord && /^ma[ry]$/i.test(monthWord) && monthWord[0] !== 'M') iso = null;
    if (iso) out.push({ start: m.index, end: m.index + m[0].length, text: m[0], iso, precision });
  }
  return out;
}

/** Parse an ISO date or date-time ("2026-03-11T16:40:00+02:00") to its calendar date, in UTC terms. */
export function parseIsoDate(iso: string | null | undefined): { y: number; m: number; d: number } | null {
  if (!iso) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return null;
  const y = +m[1]!, mo = +m[2]!, d = +m[3]!;
  return validDay(y, mo, d) ? { y, m: mo, d } : null;
}

/** Complete a --MM-DD date with the publication year (or the year before, if it would be months ahead). */
export function resolveYear(iso: string, publishedAt: string | null | undefined): string {
  if (!iso.startsWith('--')) return iso;
  const pub = parseIsoDate(publishedAt);
  if (!pub) return iso;
  const mo = +iso.slice(2, 4);
  // A story in January about "12 December" means the December just gone.
  const y = mo - pub.m > 6 ? pub.y - 1 : pub.y;
  return `${y}${iso.slice(1)}`;
}

/** Days between two calendar dates, and date arithmetic, in UTC so no time zone can shift a day. */
export function addDays(date: { y: number; m: number; d: number }, days: number): string {
  const t = new Date(Date.UTC(date.y, date.m - 1, date.d + days));
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

export function weekday(date: { y: number; m: number; d: number }): number {
  return new Date(Date.UTC(date.y, date.m - 1, date.d)).getUTCDay();
}
