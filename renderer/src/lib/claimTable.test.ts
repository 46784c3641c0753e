import { describe, expect, it } from 'vitest';
import type { ClaimTableRow } from '../../../shared/api/methods/claims';
import type { Claim } from '../../../shared/model/schemas';
import { ariaSort, EMPTY_FILTER, filterRows, formatGrade, groupRows, nextSort, outletsOf, searchClaims, sortRows } from './claimTable';

function row(id: string, claim: Partial<Claim>, extra: Partial<ClaimTableRow> = {}): ClaimTableRow {
  return {
    claim: {
      id,
      articleId: claim.articleId ?? 'a1',
      target: { exact: `quote ${id}`, prefix: '', suffix: '', start: 0, end: 5 },
      statement: `Statement ${id}`,
      speaker: null,
      kind: 'fact',
      tags: [],
      status: 'unverified',
      credibility: null,
      links: [],
      note: '',
      createdAt: '2026-01-01T00:00:00Z',
      updatedAt: '2026-01-01T00:00:00Z',
      ...claim,
    },
    articleTitle: `Article ${claim.articleId ?? 'a1'}`,
    outlet: 'Baltic Ledger',
    publishedAt: '2026-03-14',
    outletSourceId: 's1',
    reliability: null,
    stateAffiliated: false,
    originSourceIds: ['s1'],
    corroboration: { independent: 1, origins: [{ key: 'source:s1', sourceId: 's1', name: 'Baltic Ledger' }] },
    contradictions: 0,
    ...extra,
  };
}

const rows = [
  row('1', { statement: 'Council voted 71 to 48', kind: 'number', credibility: 2, speaker: 'Council', tags: ['t-vote'] }, { reliability: 'B' }),
  row('2', { statement: 'Žemaitytė: it secures the winter', kind: 'quote', credibility: null, speaker: 'Dovilė Žemaitytė', status: 'corroborated', articleId: 'a2' }, { outlet: 'Nordic Wire', corroboration: { independent: 3, origins: [] } }),
  row('3', { statement: 'The plan costs €310m', kind: 'number', credibility: 5, tags: ['t-vote', 't-money'], status: 'contested' }, { outlet: null, reliability: 'E' }),
  row('4', { statement: 'Opposition calls it rushed', kind: 'opinion', credibility: 2, speaker: 'council' }),
];
const ids = (list: readonly ClaimTableRow[]) => list.map((r) => r.claim.id);

describe('claim table sorting', () => {
  it('sorts numbers and words, flips on a second click, and keeps ungraded rows last both ways', () => {
    expect(ids(sortRows(rows, { key: 'credibility', dir: 'asc' }))).toEqual(['1', '4', '3', '2']);
    expect(ids(sortRows(rows, { key: 'credibility', dir: 'desc' }))).toEqual(['3', '1', '4', '2']);
    expect(ids(sortRows(rows, { key: 'corroboration', dir: 'desc' }))).toEqual(['2', '1', '3', '4']);
    // Kinds in their natural order, not alphabetically: fact, quote, number, ..., opinion.
    expect(ids(sortRows(rows, { key: 'kind', dir: 'asc' }))).toEqual(['2', '1', '3', '4']);
    // Diacritics and case do not scatter names.
    expect(ids(sortRows(rows, { key: 'statement', dir: 'asc' }))).toEqual(['1', '4', '3', '2']);
    expect(ids(sortRows(rows, { key: 'reliability', dir: 'desc' }))).toEqual(['3', '1', '2', '4']);
  });

  it('cycles the header state and reports aria-sort', () => {
    const first = nextSort(null, 'outlet');
    expect(first).toEqual({ key: 'outlet', dir: 'asc' });
    expect(nextSort(first, 'outlet')).toEqual({ key: 'outlet', dir: 'desc' });
    expect(nextSort(first, 'kind')).toEqual({ key: 'kind', dir: 'asc' });
    expect(ariaSort(first, 'outlet')).toBe('ascending');
    expect(ariaSort(first, 'kind')).toBe('none');
  });
});

describe('claim table filtering', () => {
  it('matches every word, folded, across statement, quote, speaker and outlet', () => {
    expect(ids(filterRows(rows, { ...EMPTY_FILTER, text: 'zemaityte WINTER' }))).toEqual(['2']);
    expect(ids(filterRows(rows, { ...EMPTY_FILTER, text: 'nordic' }))).toEqual(['2']);
    expect(ids(filterRows(rows, { ...EMPTY_FILTER, text: 'council winter' }))).toEqual([]);
  });

  it('filters by kind, status, credibility (including ungraded), outlet and tag, combined', () => {
    expect(ids(filterRows(rows, { ...EMPTY_FILTER, kind: 'number' }))).toEqual(['1', '3']);
    expect(ids(filterRows(rows, { ...EMPTY_FILTER, status: 'contested' }))).toEqual(['3']);
    expect(ids(filterRows(rows, { ...EMPTY_FILTER, credibility: '2' }))).toEqual(['1', '4']);
    expect(ids(filterRows(rows, { ...EMPTY_FILTER, credibility: 'none' }))).toEqual(['2']);
    expect(ids(filterRows(rows, { ...EMPTY_FILTER, outlet: '(none)' }))).toEqual(['3']);
    expect(ids(filterRows(rows, { ...EMPTY_FILTER, tag: 't-vote', kind: 'number', credibility: '5' }))).toEqual(['3']);
    expect(outletsOf(rows)).toEqual(['(none)', 'Baltic Ledger', 'Nordic Wire']);
  });
});

describe('claim table grouping', () => {
  const tagName = (id: string) => ({ 't-vote': 'Vote', 't-money': 'Money' })[id] ?? null;

  it('puts a claim under each of its tags and untagged claims last', () => {
    const groups = groupRows(rows, 'tag', tagName);
    expect(groups.map((g) => [g.label, ids(g.rows)])).toEqual([
      ['Money', ['3']],
      ['Vote', ['1', '3']],
      ['No tag', ['2', '4']],
    ]);
  });

  it('groups kinds and credibility in their natural order, speakers folded, keeping row order inside', () => {
    expect(groupRows(rows, 'kind').map((g) => g.label)).toEqual(['quote', 'number', 'opinion']);
    expect(groupRows(rows, 'credibility').map((g) => [g.label, ids(g.rows)])).toEqual([
      ['2 – Probably true', ['1', '4']],
      ['5 – Improbable', ['3']],
      ['Credibility not graded', ['2']],
    ]);
    // "Council" and "council" are one speaker; no speaker goes last.
    expect(groupRows(rows, 'speaker').map((g) => [g.label, ids(g.rows)])).toEqual([
      ['Council', ['1', '4']],
      ['Dovilė Žemaitytė', ['2']],
      ['No speaker', ['3']],
    ]);
    expect(groupRows(rows, 'outlet').map((g) => g.label)).toEqual(['Baltic Ledger', 'Nordic Wire', 'No outlet']);
    expect(groupRows(rows, 'article').map((g) => g.rows.length)).toEqual([3, 1]);
    expect(groupRows(rows, 'none')[0]?.rows).toHaveLength(4);
  });
});

describe('grades and link search', () => {
  it('writes the two Admiralty grades together', () => {
    expect(formatGrade('B', 2)).toBe('B2');
    expect(formatGrade(null, 3)).toBe('–3');
    expect(formatGrade(null, null)).toBe('');
  });

  it('finds claims to link by words, best statement matches first, never the claim itself', () => {
    expect(ids(searchClaims(rows, 'council', '1'))).toEqual(['4']);
    expect(ids(searchClaims(rows, 'council', 'x'))).toEqual(['1', '4']);
    expect(ids(searchClaims(rows, 'ledger winter', 'x'))).toEqual([]);
    expect(searchClaims(rows, '   ', 'x')).toEqual([]);
  });
});
