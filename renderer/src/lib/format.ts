/** Display formatting for the list, reader and inspector. Pure; locale passed in for tests. */

/** A compact size hint from a length in characters: "820 chars", "4.2k chars", "1.3M chars". */
export function formatLength(length: number): string {
  if (length < 1000) return `${length} chars`;
  if (length < 1_000_000) return `${trimZero((length / 1000).toFixed(length < 10_000 ? 1 : 0))}k chars`;
  return `${trimZero((length / 1_000_000).toFixed(1))}M chars`;
}

/** A rough reading length (about 6 characters per word in English prose). */
export function approxWords(length: number): string {
  const words = Math.round(length / 6);
  if (words < 1000) return `about ${words} words`;
  return `about ${trimZero((words / 1000).toFixed(words < 10_000 ? 1 : 0))}k words`;
}

function trimZero(value: string): string {
  return value.endsWith('.0') ? value.slice(0, -2) : value;
}

const DATE_ONLY = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/**
 * An ISO date for people. Date-only values are formatted in UTC: "2024-03-05" must not turn into
 * 4 March for a reader west of Greenwich. Partial dates (year, year-month) stay as written.
 * Anything unparseable is shown as written rather than hidden.
 */
export function formatDate(iso: string | null, locale?: string): string {
  if (!iso) return '';
  const dateOnly = DATE_ONLY.exec(iso);
  if (dateOnly) {
    if (!dateOnly[2]) return iso;
    const ms = Date.UTC(Number(dateOnly[1]), Number(dateOnly[2]) - 1, Number(dateOnly[3] ?? '1'));
    if (Number.isNaN(ms)) return iso;
    const options: Intl.DateTimeFormatOptions = dateOnly[3]
      ? { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' }
      : { year: 'numeric', month: 'long', timeZone: 'UTC' };
    return new Intl.DateTimeFormat(locale, options).format(ms);
  }
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric' }).format(ms);
}

/** Date and time, for "imported at". */
export function formatDateTime(iso: string | null, locale?: string): string {
  if (!iso) return '';
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(ms);
}

/** "sha256:abcdef…" → "abcdef123456" (the first 12 hex digits are plenty to tell files apart). */
export function shortHash(hash: string): string {
  const hex = hash.includes(':') ? hash.slice(hash.indexOf(':') + 1) : hash;
  return hex.slice(0, 12);
}

/** "Outlet · 5 Mar 2024", skipping what is missing. */
export function outletAndDate(outlet: string | null, publishedAt: string | null, locale?: string): string {
  return [outlet ?? '', formatDate(publishedAt, locale)].filter((part) => part !== '').join(' · ');
}

/** Last segment of a folder path, for a notebook's display name when none is stored. */
export function baseName(path: string): string {
  const parts = path.split(/[\\/]+/).filter(Boolean);
  return parts[parts.length - 1] ?? path;
}
