/**
 * The search query language: words (all required, ranked), "exact phrases", prefix `klaip*`
 * (and an implicit prefix on the last bare word), fuzzy matching decided by the index, and filters
 * `outlet:`, `kind:`, `tag:`, `status:`, `entity:`, `from:YYYY-MM-DD`, `to:YYYY-MM-DD`. Pure.
 */
import { terms } from './fold';

export interface QueryWord {
  term: string;
  /** Match every term starting with `term`. */
  prefix: boolean;
  /** Typed with `*`: prefix only, never exact-or-fuzzy. */
  explicitPrefix: boolean;
}

export interface QueryFilters {
  /** Folded outlet fragments (any of them). */
  outlet: string[];
  /** article | highlight | claim, or a claim kind (fact, quote...). */
  kind: string[];
  /** Folded tag names. */
  tag: string[];
  status: string[];
  entity: string[];
  /** Inclusive bounds on publishedAt, YYYY-MM-DD. */
  from: string | null;
  to: string | null;
}

export interface ParsedQuery {
  words: QueryWord[];
  /** Each phrase as folded terms, in order. */
  phrases: string[][];
  filters: QueryFilters;
  /** Problems that did not stop the search (an unreadable date...). */
  warnings: string[];
}

const FILTER_NAMES = new Set(['outlet', 'kind', 'tag', 'status', 'entity', 'from', 'to']);
const DATE_RE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

export function parseQuery(input: string): ParsedQuery {
  const filters: QueryFilters = { outlet: [], kind: [], tag: [], status: [], entity: [], from: null, to: null };
  const words: QueryWord[] = [];
  const phrases: string[][] = [];
  const warnings: string[] = [];
  // "phrase" | name:"value" | name:value | word
  const re = /(\w+):"([^"]*)"?|"([^"]*)"?|(\S+)/g;
  let lastBare = -1;
  for (const m of input.matchAll(re)) {
    const [, quotedName, quotedValue, phrase, bare] = m;
    if (quotedName !== undefined) {
      if (!addFilter(filters, quotedName.toLowerCase(), quotedValue ?? '', warnings)) pushWords(`${quotedName} ${quotedValue}`);
      continue;
    }
    if (phrase !== undefined) {
      const t = terms(phrase);
      if (t.length === 1) words.push({ term: t[0]!, prefix: false, explicitPrefix: false });
      else if (t.length > 1) phrases.push(t);
      lastBare = -1;
      continue;
    }
    const token = bare!;
    const colon = token.indexOf(':');
    if (colon > 0 && FILTER_NAMES.has(token.slice(0, colon).toLowerCase()) && colon < token.length - 1) {
      addFilter(filters, token.slice(0, colon).toLowerCase(), token.slice(colon + 1), warnings);
      continue;
    }
    pushWords(token);
  }
  // Search-as-you-type: the last bare word may be unfinished.
  if (lastBare >= 0 && lastBare === words.length - 1 && !/\s$/.test(input)) words[lastBare]!.prefix = true;
  return { words, phrases, filters, warnings };

  function pushWords(token: string): void {
    const star = token.endsWith('*');
    const t = terms(token);
    t.forEach((term, i) => {
      const last = i === t.length - 1;
      words.push({ term, prefix: star && last, explicitPrefix: star && last });
    });
    lastBare = star || t.length === 0 ? -1 : words.length - 1;
  }
}

function addFilter(filters: QueryFilters, name: string, rawValue: string, warnings: string[]): boolean {
  const value = rawValue.trim();
  switch (name) {
    case 'outlet':
    case 'tag':
    case 'entity':
      filters[name].push(terms(value).join(' '));
      return true;
    case 'kind':
    case 'status':
      filters[name].push(value.toLowerCase());
      return true;
    case 'from':
    case 'to':
      if (!DATE_RE.test(value)) {
        warnings.push(`${name}:${value} is not a date (use YYYY-MM-DD); ignored.`);
        return true;
      }
      filters[name] = value;
      return true;
    default:
      return false;
  }
}
