/**
 * The inspector's metadata form: text fields in, a patch for `articles.updateMeta` out, with
 * messages a person can act on. Empty optional fields mean "unknown" (null).
 */
import type { ArticleSummary } from '../../../shared/model/schemas';

export const META_FIELDS = ['title', 'outlet', 'byline', 'publishedAt', 'url', 'language'] as const;
export type MetaField = (typeof META_FIELDS)[number];
export type MetaDraft = Record<MetaField, string>;

export interface MetaPatch {
  title?: string;
  outlet?: string | null;
  byline?: string | null;
  publishedAt?: string | null;
  url?: string | null;
  language?: string | null;
}

export interface MetaValidation {
  /** Only the fields that differ from the article; empty when nothing changed. */
  patch: MetaPatch;
  errors: Partial<Record<MetaField, string>>;
}

type MetaSource = Pick<ArticleSummary, MetaField>;

export function draftFromArticle(article: MetaSource): MetaDraft {
  return {
    title: article.title,
    outlet: article.outlet ?? '',
    byline: article.byline ?? '',
    publishedAt: article.publishedAt ?? '',
    url: article.url ?? '',
    language: article.language ?? '',
  };
}

const ISO_DATE =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?)?)?$/;

/** Null when `value` is an acceptable ISO 8601 date (year, year-month, date, or date and time). */
export function dateProblem(value: string): string | null {
  const m = ISO_DATE.exec(value);
  if (!m) return 'Use an ISO date such as 2024-03-05 (or 2024-03, 2024, or 2024-03-05T14:30Z).';
  const year = Number(m[1]);
  if (year < 1000) return 'The year needs four digits, e.g. 2024.';
  if (m[2] !== undefined) {
    const month = Number(m[2]);
    if (month < 1 || month > 12) return `There is no month ${m[2]}: use 01 to 12.`;
    if (m[3] !== undefined) {
      const day = Number(m[3]);
      const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
      if (day < 1 || day > daysInMonth) return `${value.slice(0, 7)} has no day ${m[3]}.`;
    }
  }
  if (m[4] !== undefined && (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6] ?? '0') > 59)) {
    return 'The time is not valid: use hours 00-23 and minutes 00-59.';
  }
  return null;
}

export function urlProblem(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'Enter a full address such as https://example.org/story (or leave it empty).';
  }
  if (!/^[a-z][a-z0-9+.-]*:$/i.test(url.protocol) || (/^https?:$/.test(url.protocol) && url.hostname === '')) {
    return 'Enter a full address such as https://example.org/story (or leave it empty).';
  }
  return null;
}

export function languageProblem(value: string): string | null {
  return /^[a-z]{2}$/i.test(value) ? null : 'Use a two-letter ISO 639-1 code such as en, de or fr (or leave it empty).';
}

export function validateDraft(draft: MetaDraft, original: MetaSource): MetaValidation {
  const errors: Partial<Record<MetaField, string>> = {};
  const patch: MetaPatch = {};

  const title = draft.title.trim();
  if (title === '') errors.title = 'A title is required.';
  else if (title !== original.title) patch.title = title;

  const optional = (field: Exclude<MetaField, 'title'>, normalize: (v: string) => string, check: (v: string) => string | null): void => {
    const raw = draft[field].trim();
    const value = raw === '' ? null : normalize(raw);
    if (value !== null) {
      const problem = check(value);
      if (problem) {
        errors[field] = problem;
        return;
      }
    }
    if (value !== (original[field] ?? null)) patch[field] = value;
  };
  const same = (v: string): string => v;
  const none = (): null => null;
  optional('outlet', same, none);
  optional('byline', same, none);
  optional('publishedAt', same, dateProblem);
  optional('url', same, urlProblem);
  optional('language', (v) => v.toLowerCase(), languageProblem);

  return { patch, errors };
}

export function isEmptyPatch(patch: MetaPatch): boolean {
  return Object.keys(patch).length === 0;
}
