import { describe, expect, it } from 'vitest';
import { findDates } from '../../../shared/analysis/dates';
import { extractEntities, type Mention } from '../../../shared/analysis/entities';
import { findNumbers, findVotes } from '../../../shared/analysis/numbers';
import { COAST_TRIBUNE, HARBOUR_LEDGER, NORDPRESS } from '../../fixtures/analysis/articles';

const names = (ms: Mention[], kind: Mention['kind']): string[] => ms.filter((m) => m.kind === kind).map((m) => m.normalized);

describe('extractEntities', () => {
  it('finds people (with titles stripped, diacritics intact), organisations and places', () => {
    const t =
      'Energy Minister Dovilė Žemaitytė visited Klaipėda on Thursday. The Ministry of Defence and Curonian Lagoon Watch disagreed. ' +
      'Žemaitytė later met officials from Zaria News Agency in Vilnius.';
    const ms = extractEntities(t);
    expect(names(ms, 'person')).toEqual(['Dovilė Žemaitytė', 'Dovilė Žemaitytė']); // the lone surname is the same person
    expect(names(ms, 'organization')).toEqual(['Ministry of Defence', 'Curonian Lagoon Watch', 'Zaria News Agency']);
    expect(names(ms, 'place')).toEqual(['Klaipėda', 'Vilnius']);
    const person = ms.find((m) => m.kind === 'person')!;
    expect(t.slice(person.start, person.end)).toBe('Dovilė Žemaitytė');
    for (const m of ms) expect(t.slice(m.start, m.end)).toBe(m.text);
  });

  it('does not take capitalised common words at a sentence start for names', () => {
    const ms = extractEntities('Observers noted the delay. However, Experts disagreed. Speaking at the quay, Rasa Kairys smiled.');
    expect(ms.map((m) => m.normalized)).toEqual(['Rasa Kairys']);
  });

  it('uses the place list and prepositions, and keeps look-alike countries apart', () => {
    const ms = extractEntities(COAST_TRIBUNE.text);
    expect(names(ms, 'place')).toEqual(['Austria', 'Australia']);
    expect(names(ms, 'person')).toContain('Anna Novak');
    expect(names(ms, 'person')).toContain('Aleksandr Volkov');
  });

  it('reads datelines, initials and an organisation named again alone', () => {
    const ms = extractEntities(HARBOUR_LEDGER.text);
    expect(ms.find((m) => m.text === 'VARNHOLM')).toMatchObject({ kind: 'place', normalized: 'Varnholm' });
    expect(names(ms, 'person')).toContain('Piotr Wiśniewski');
    expect(names(ms, 'organization')).toContain('Varnholm University');
    expect(names(extractEntities(NORDPRESS.text), 'organization')).toEqual(['Nordpress News Agency', 'Nordpress', 'Ministry of Defence']);
  });

  it('normalises dates to ISO and numbers to value and unit', () => {
    const t = 'On 12 March 2026, March 12, 2026 and 12.03.2026 are one day; 2026-03-11 is another, and March 2026 a month. ' +
      'The vote was 61 votes to 39; 1,250 people left, the plan costs 3.5 million euros, €280m or 12 percent.';
    const ms = extractEntities(t);
    expect(ms.filter((m) => m.kind === 'date').map((m) => m.normalized)).toEqual(['2026-03-12', '2026-03-12', '2026-03-12', '2026-03-11', '2026-03']);
    expect(ms.filter((m) => m.kind === 'number').map((m) => m.normalized)).toEqual(['61 votes', '39', '1250 people', '3500000 EUR', '280000000 EUR', '12 percent']);
    expect(ms.find((m) => m.text === '3.5 million euros')).toMatchObject({ value: 3_500_000, unit: 'EUR' });
  });

  it('skips noise ranges and can limit the kinds', () => {
    const t = 'ADVERTISEMENT Visit Acme Furniture in Palanga. Rasa Kairys said 12 ships came.';
    const skip = [{ start: 0, end: t.indexOf('Rasa') }];
    expect(extractEntities(t, { skip }).map((m) => m.normalized)).toEqual(['Rasa Kairys', '12 ships']);
    expect(extractEntities(t, { skip, kinds: ['person'] }).map((m) => m.normalized)).toEqual(['Rasa Kairys']);
  });
});

describe('dates, numbers and votes', () => {
  it('rejects impossible dates and lower-case "may"', () => {
    expect(findDates('on 31 February 2026, or 2026-13-01, they may 5 times').map((d) => d.iso)).toEqual([]);
    expect(findDates('On 5 May the 2019 study and the winter of 2028').map((d) => [d.iso, d.precision])).toEqual([
      ['--05-05', 'month-day'],
      ['2019', 'year'],
      ['2028', 'year'],
    ]);
  });

  it('does not read digits inside codes, URLs and bare years as quantities', () => {
    expect(findNumbers('An F-16 flew over https://x.example/2026/03/11 in 2026.')).toEqual([]);
  });

  it('reads vote counts in their usual forms', () => {
    expect(findVotes('passed by 71 votes to 48').map((v) => [v.for, v.against])).toEqual([[71, 48]]);
    expect(findVotes('approved by a vote of 72 to 47').map((v) => [v.for, v.against])).toEqual([[72, 47]]);
    expect(findVotes('71 votes in favour and 48 against').map((v) => [v.for, v.against])).toEqual([[71, 48]]);
    expect(findVotes('the road runs from 10 to 12 km')).toEqual([]);
  });
});
