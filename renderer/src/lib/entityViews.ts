/** Pure helpers of the Entities, Discrepancies and Timeline views: labels, date formatting, grouping, marking. */
import type { DiscrepancyView, TimelineEntry } from '../../../shared/api/methods/entities';
import type { Entity } from '../../../shared/model/schemas';

export type EntityKind = Entity['kind'];

export const KIND_LABELS: Record<EntityKind, { one: string; many: string }> = {
  person: { one: 'person', many: 'People' },
  organization: { one: 'organisation', many: 'Organisations' },
  place: { one: 'place', many: 'Places' },
  other: { one: 'other name', many: 'Other names' },
  date: { one: 'date', many: 'Dates' },
  number: { one: 'number', many: 'Numbers' },
};
export const ENTITY_KINDS: readonly EntityKind[] = ['person', 'organization', 'place', 'other', 'date', 'number'];

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "2026-03-10" → "10 March 2026", "2026-03" → "March 2026", "2026" → "2026"; anything else as is. */
export function formatEventDate(iso: string): string {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(iso);
  if (!m) return iso;
  const month = m[2] ? MONTHS[Number(m[2]) - 1] : undefined;
  if (!month) return m[1]!;
  return m[3] ? `${Number(m[3])} ${month} ${m[1]}` : `${month} ${m[1]}`;
}

export interface TimelineDay {
  /** The event date: a day, or a month/year when the text gives no day. */
  date: string;
  label: string;
  events: TimelineEntry[];
}
export interface TimelineMonth {
  /** YYYY-MM, or YYYY for events dated by year only. */
  key: string;
  label: string;
  days: TimelineDay[];
}

/** Events (already in date order) grouped by month, then by day; month- or year-only events lead their group. */
export function groupTimeline(events: readonly TimelineEntry[]): TimelineMonth[] {
  const months: TimelineMonth[] = [];
  for (const e of events) {
    const key = e.date.slice(0, 7);
    let month = months[months.length - 1];
    if (!month || month.key !== key) months.push((month = { key, label: formatEventDate(key), days: [] }));
    let day = month.days[month.days.length - 1];
    if (!day || day.date !== e.date) month.days.push((day = { date: e.date, label: e.date.length === 10 ? formatEventDate(e.date) : `Sometime in ${formatEventDate(e.date)}`, events: [] }));
    day.events.push(e);
  }
  return months;
}

export const DISCREPANCY_HEADINGS: [DiscrepancyView['kind'], string][] = [
  ['spelling', 'Spellings of one name'],
  ['number', 'Different numbers for one fact'],
  ['date', 'Different dates for one event'],
  ['contradiction', 'Contradicting claims'],
];

export function groupDiscrepancies(list: readonly DiscrepancyView[]): { kind: DiscrepancyView['kind']; heading: string; items: DiscrepancyView[] }[] {
  return DISCREPANCY_HEADINGS.map(([kind, heading]) => ({ kind, heading, items: list.filter((d) => d.kind === kind) })).filter((g) => g.items.length > 0);
}

/**
 * Splits a context sentence around the mention `text`, expected at `offset` characters into it (the
 * context may be shortened or have its white space collapsed, so the occurrence nearest is taken).
 */
export function markIn(context: string, text: string, offset: number): { before: string; match: string; after: string } {
  const needle = text.replace(/\s+/g, ' ');
  let best = -1;
  for (let at = context.indexOf(needle); at >= 0; at = context.indexOf(needle, at + 1)) {
    if (best < 0 || Math.abs(at - offset) < Math.abs(best - offset)) best = at;
  }
  if (best < 0 || needle === '') return { before: context, match: '', after: '' };
  return { before: context.slice(0, best), match: needle, after: context.slice(best + needle.length) };
}

export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}
