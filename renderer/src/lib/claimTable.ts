/**
 * The claims table's pure logic: Admiralty wording, sorting, filtering and grouping of
 * `claims.table` rows. Kept out of the component so it is tested without a browser.
 */
import type { ClaimTableRow } from '../../../shared/api/methods/claims';
import type { ClaimKind, ClaimStatus } from '../../../shared/model/schemas';

export type Reliability = 'A' | 'B' | 'C' | 'D' | 'E' | 'F';

/** Admiralty code (STANAG 2511): source reliability. */
export const RELIABILITY_LABELS: Record<Reliability, string> = {
  A: 'Completely reliable',
  B: 'Usually reliable',
  C: 'Fairly reliable',
  D: 'Not usually reliable',
  E: 'Unreliable',
  F: 'Reliability cannot be judged',
};
export const RELIABILITIES = Object.keys(RELIABILITY_LABELS) as Reliability[];

/** Admiralty code: information credibility. */
export const CREDIBILITY_LABELS: Record<number, string> = {
  1: 'Confirmed by other sources',
  2: 'Probably true',
  3: 'Possibly true',
  4: 'Doubtful',
  5: 'Improbable',
  6: 'Truth cannot be judged',
};
export const CREDIBILITIES = [1, 2, 3, 4, 5, 6] as const;

export const CLAIM_KINDS: readonly ClaimKind[] = ['fact', 'quote', 'number', 'assessment', 'opinion', 'prediction'];
export const CLAIM_STATUSES: readonly ClaimStatus[] = ['unverified', 'corroborated', 'contested', 'refuted'];
export const RELATIONS = ['corroborates', 'contradicts', 'same-as', 'cites'] as const;
export type Relation = (typeof RELATIONS)[number];
export const RELATION_LABELS: Record<Relation, string> = {
  corroborates: 'corroborates',
  contradicts: 'contradicts',
  'same-as': 'same as',
  cites: 'cites',
};

/** "B2", "B–", "–2" or "" : the two Admiralty grades written together. */
export function formatGrade(reliability: string | null, credibility: number | null): string {
  if (reliability === null && credibility === null) return '';
  return `${reliability ?? '–'}${credibility ?? '–'}`;
}

export function credibilityText(c: number | null): string {
  return c === null ? 'Not graded' : `${c} – ${CREDIBILITY_LABELS[c] ?? ''}`;
}

export function reliabilityText(r: string | null): string {
  return r === null ? 'Not graded' : `${r} – ${RELIABILITY_LABELS[r as Reliability] ?? ''}`;
}

// ------------------------------------------------------------------ sorting

export type SortKey = 'statement' | 'speaker' | 'kind' | 'status' | 'credibility' | 'reliability' | 'outlet' | 'article' | 'published' | 'corroboration';
export interface Sort {
  key: SortKey;
  dir: 'asc' | 'desc';
}

const KIND_ORDER = new Map(CLAIM_KINDS.map((k, i) => [k, i]));
const STATUS_ORDER = new Map(CLAIM_STATUSES.map((k, i) => [k, i]));
const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** The value a column sorts by; null sorts last whatever the direction (an ungraded claim is not "best"). */
function sortValue(row: ClaimTableRow, key: SortKey): string | number | null {
  const c = row.claim;
  switch (key) {
    case 'statement':
      return c.statement;
    case 'speaker':
      return c.speaker;
    case 'kind':
      return KIND_ORDER.get(c.kind) ?? 99;
    case 'status':
      return STATUS_ORDER.get(c.status) ?? 99;
    case 'credibility':
      return c.credibility;
    case 'reliability':
      return row.reliability;
    case 'outlet':
      return row.outlet;
    case 'article':
      return row.articleTitle;
    case 'published':
      return row.publishedAt;
    case 'corroboration':
      return row.corroboration.independent;
  }
}

export function sortRows(rows: readonly ClaimTableRow[], sort: Sort): ClaimTableRow[] {
  const sign = sort.dir === 'asc' ? 1 : -1;
  // Stable: rows with equal values keep their notebook order.
  return rows
    .map((row, index) => ({ row, index, value: sortValue(row, sort.key) }))
    .sort((a, b) => {
      if (a.value === null || b.value === null || a.value === '' || b.value === '') {
        const an = a.value === null || a.value === '';
        const bn = b.value === null || b.value === '';
        if (an !== bn) return an ? 1 : -1;
        return a.index - b.index;
      }
      const cmp = typeof a.value === 'number' && typeof b.value === 'number' ? a.value - b.value : collator.compare(String(a.value), String(b.value));
      return cmp * sign || a.index - b.index;
    })
    .map((x) => x.row);
}

/** The next sort when a header is clicked: the same column flips, another starts ascending. */
export function nextSort(current: Sort | null, key: SortKey): Sort {
  if (current && current.key === key) return { key, dir: current.dir === 'asc' ? 'desc' : 'asc' };
  return { key, dir: 'asc' };
}

export function ariaSort(current: Sort | null, key: SortKey): 'ascending' | 'descending' | 'none' {
  if (!current || current.key !== key) return 'none';
  return current.dir === 'asc' ? 'ascending' : 'descending';
}

// ------------------------------------------------------------------ filtering

export interface ClaimFilter {
  /** Words that must all occur (case- and diacritic-folded) in the statement, quote, speaker, note, outlet or title. */
  text: string;
  kind: ClaimKind | '';
  status: ClaimStatus | '';
  /** '' any, 'none' ungraded, or '1'..'6'. */
  credibility: string;
  /** '' any, or the outlet's name ('(none)' for articles without one). */
  outlet: string;
  /** '' any, or a tag id. */
  tag: string;
}

export const EMPTY_FILTER: ClaimFilter = { text: '', kind: '', status: '', credibility: '', outlet: '', tag: '' };
export const NO_OUTLET = '(none)';

export function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
}

export function filterRows(rows: readonly ClaimTableRow[], filter: ClaimFilter): ClaimTableRow[] {
  const words = fold(filter.text).split(/\s+/).filter(Boolean);
  return rows.filter((row) => {
    const c = row.claim;
    if (filter.kind && c.kind !== filter.kind) return false;
    if (filter.status && c.status !== filter.status) return false;
    if (filter.credibility === 'none' ? c.credibility !== null : filter.credibility && String(c.credibility) !== filter.credibility) return false;
    if (filter.outlet && (row.outlet ?? NO_OUTLET) !== filter.outlet) return false;
    if (filter.tag && !c.tags.includes(filter.tag)) return false;
    if (words.length > 0) {
      const haystack = fold([c.statement, c.target.exact, c.speaker ?? '', c.note, row.outlet ?? '', row.articleTitle].join('\n'));
      if (!words.every((w) => haystack.includes(w))) return false;
    }
    return true;
  });
}

export function isFiltered(filter: ClaimFilter): boolean {
  return Object.values(filter).some((v) => v !== '');
}

// ------------------------------------------------------------------ grouping

export type GroupKey = 'none' | 'tag' | 'kind' | 'status' | 'speaker' | 'outlet' | 'article' | 'credibility';
export const GROUP_KEYS: ReadonlyArray<{ key: GroupKey; label: string }> = [
  { key: 'none', label: 'No grouping' },
  { key: 'tag', label: 'Tag' },
  { key: 'kind', label: 'Kind' },
  { key: 'status', label: 'Status' },
  { key: 'speaker', label: 'Speaker' },
  { key: 'outlet', label: 'Outlet' },
  { key: 'article', label: 'Article' },
  { key: 'credibility', label: 'Credibility' },
];

export interface Group {
  key: string;
  label: string;
  rows: ClaimTableRow[];
}

/**
 * Groups rows, keeping their (sorted) order inside each group. A claim with several tags appears
 * under each of them; one without shows under "No tag" (and likewise "No speaker"...), last.
 * Groups are ordered by their natural order (kinds, statuses, credibility 1-6) or by name.
 */
export function groupRows(rows: readonly ClaimTableRow[], by: GroupKey, tagName: (id: string) => string | null = () => null): Group[] {
  if (by === 'none') return [{ key: 'all', label: 'All claims', rows: [...rows] }];
  const groups = new Map<string, Group>();
  const add = (key: string, label: string, row: ClaimTableRow): void => {
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { key, label, rows: [] }));
    g.rows.push(row);
  };
  const NONE = '\uffff'; // sorts after every real key
  for (const row of rows) {
    const c = row.claim;
    switch (by) {
      case 'tag': {
        const named = c.tags.map((id) => ({ id, name: tagName(id) })).filter((t) => t.name !== null);
        if (named.length === 0) add(NONE, 'No tag', row);
        for (const t of named) add(`tag:${t.id}`, t.name!, row);
        break;
      }
      case 'kind':
        add(String(KIND_ORDER.get(c.kind) ?? 99).padStart(2, '0'), c.kind, row);
        break;
      case 'status':
        add(String(STATUS_ORDER.get(c.status) ?? 99).padStart(2, '0'), c.status, row);
        break;
      case 'speaker':
        if (c.speaker) add(`s:${fold(c.speaker.trim())}`, c.speaker.trim(), row);
        else add(NONE, 'No speaker', row);
        break;
      case 'outlet':
        if (row.outlet) add(`o:${fold(row.outlet)}`, row.outlet, row);
        else add(NONE, 'No outlet', row);
        break;
      case 'article':
        add(`a:${c.articleId}`, row.articleTitle, row);
        break;
      case 'credibility':
        if (c.credibility === null) add(NONE, 'Credibility not graded', row);
        else add(String(c.credibility), `${c.credibility} – ${CREDIBILITY_LABELS[c.credibility]}`, row);
        break;
    }
  }
  const natural = by === 'kind' || by === 'status' || by === 'credibility';
  return [...groups.values()].sort((a, b) => {
    if (a.key === NONE || b.key === NONE) return a.key === NONE ? (b.key === NONE ? 0 : 1) : -1;
    return natural ? (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) : collator.compare(a.label, b.label);
  });
}

/** Distinct outlets of the rows, for the outlet filter. */
export function outletsOf(rows: readonly ClaimTableRow[]): string[] {
  const set = new Set(rows.map((r) => r.outlet ?? NO_OUTLET));
  return [...set].sort((a, b) => collator.compare(a, b));
}

/** Claims whose statement, quote or speaker match `query` (for choosing a claim to link), best first. */
export function searchClaims(rows: readonly ClaimTableRow[], query: string, excludeId: string, limit = 8): ClaimTableRow[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  const scored: Array<{ row: ClaimTableRow; score: number }> = [];
  for (const row of rows) {
    if (row.claim.id === excludeId) continue;
    const statement = fold(row.claim.statement);
    const rest = fold(`${row.claim.target.exact}\n${row.claim.speaker ?? ''}\n${row.outlet ?? ''}`);
    let score = 0;
    for (const w of words) {
      if (statement.includes(w)) score += 2;
      else if (rest.includes(w)) score += 1;
      else {
        score = -1;
        break;
      }
    }
    if (score > 0) scored.push({ row, score });
  }
  return scored.sort((a, b) => b.score - a.score).slice(0, limit).map((s) => s.row);
}
