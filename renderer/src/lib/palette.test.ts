import { describe, expect, it } from 'vitest';
import { entryScore, markParts, moveActive, rankEntries, wordScore, type PaletteEntry } from './palette';

const entries: PaletteEntry[] = [
  { id: 'import', group: 'action', label: 'Import files…', detail: 'Ctrl+I' },
  { id: 'open', group: 'action', label: 'Open notebook…' },
  { id: 'new', group: 'action', label: 'New notebook…' },
  { id: 'view:search', group: 'view', label: 'Search' },
  { id: 'a1', group: 'article', label: 'Žemaitytė wins the port vote', keywords: 'Baltic Ledger' },
  { id: 'a2', group: 'article', label: 'Opposition in Klaipėda calls the vote rushed', keywords: 'LRT' },
  { id: 'c1', group: 'claim', label: 'The terminal secures the winter', keywords: 'Gitanas Nausėda quote' },
];

describe('palette matching', () => {
  it('ignores case and diacritics in both directions', () => {
    expect(rankEntries(entries, 'zemaityte').map((r) => r.item.id)).toEqual(['a1']);
    expect(rankEntries(entries, 'KLAIPĖDA').map((r) => r.item.id)).toEqual(['a2']);
    expect(rankEntries(entries, 'nauseda').map((r) => r.item.id)).toEqual(['c1']);
  });
  it('requires every word, and ranks word starts above inner matches above letter sequences', () => {
    expect(rankEntries(entries, 'vote rushed').map((r) => r.item.id)).toEqual(['a2']);
    expect(wordScore('port', 'the port vote')!).toBeGreaterThan(wordScore('port', 'the airport vote')!);
    expect(wordScore('ort', 'the airport')!).toBeGreaterThan(wordScore('imf', 'import files')!);
    expect(wordScore('imf', 'import files')).not.toBeNull();
    expect(wordScore('xyz', 'import files')).toBeNull();
  });
  it('puts a label that starts with the query first, and labels above keywords', () => {
    expect(rankEntries(entries, 'new').map((r) => r.item.id)[0]).toBe('new');
    expect(rankEntries(entries, 'notebook').map((r) => r.item.id)).toEqual(['new', 'open']);
    expect(entryScore('ledger', entries[4]!)).not.toBeNull();
    expect(entryScore('ledger', entries[4]!)!).toBeLessThan(entryScore('port', entries[4]!)!);
  });
  it('lists everything for an empty query, by group, and caps each group', () => {
    expect(rankEntries(entries, '').map((r) => r.item.group)).toEqual(['action', 'action', 'action', 'view', 'article', 'article', 'claim']);
    expect(rankEntries(entries, '', { perGroup: 1 }).map((r) => r.item.id)).toEqual(['import', 'view:search', 'a2', 'c1']);
  });
});

describe('palette keyboard and marks', () => {
  it('moves through options with wrap-around', () => {
    expect(moveActive(-1, 3, 'ArrowDown')).toBe(0);
    expect(moveActive(2, 3, 'ArrowDown')).toBe(0);
    expect(moveActive(0, 3, 'ArrowUp')).toBe(2);
    expect(moveActive(1, 3, 'End')).toBe(2);
    expect(moveActive(0, 0, 'ArrowDown')).toBe(-1);
  });
  it('splits a snippet into marked and plain parts', () => {
    expect(markParts('Then Žemaitytė met Klaipėda officials', [{ start: 19, end: 27 }, { start: 5, end: 14 }])).toEqual([
      { text: 'Then ', mark: false },
      { text: 'Žemaitytė', mark: true },
      { text: ' met ', mark: false },
      { text: 'Klaipėda', mark: true },
      { text: ' officials', mark: false },
    ]);
    expect(markParts('abc', [{ start: 1, end: 9 }, { start: 0, end: 2 }])).toEqual([
      { text: 'ab', mark: true },
      { text: 'c', mark: true },
    ]);
  });
});
