import { describe, expect, it } from 'vitest';
import type { DiscrepancyView, TimelineEntry } from '../../../shared/api/methods/entities';
import { formatEventDate, groupDiscrepancies, groupTimeline, markIn, plural } from './entityViews';

const ev = (date: string, label = date): TimelineEntry => ({
  articleId: 'a', articleTitle: 'A', outlet: null, publishedAt: null, date, label, start: 0, end: 1, dateText: date, dateStart: 0, dateEnd: 1, relative: false,
});

describe('entity view helpers', () => {
  it('formats event dates of each precision', () => {
    expect(formatEventDate('2026-03-10')).toBe('10 March 2026');
    expect(formatEventDate('2026-12')).toBe('December 2026');
    expect(formatEventDate('2027')).toBe('2027');
    expect(formatEventDate('soon')).toBe('soon');
  });

  it('groups events by month and day, month-only events apart from dated days', () => {
    const groups = groupTimeline([ev('2026-03'), ev('2026-03-10', 'x'), ev('2026-03-10', 'y'), ev('2026-04-01'), ev('2027')]);
    expect(groups.map((g) => [g.label, g.days.map((d) => [d.label, d.events.length])])).toEqual([
      ['March 2026', [['Sometime in March 2026', 1], ['10 March 2026', 2]]],
      ['April 2026', [['1 April 2026', 1]]],
      ['2027', [['Sometime in 2027', 1]]],
    ]);
  });

  it('groups discrepancies by kind in a fixed order, leaving out empty kinds', () => {
    const d = (kind: DiscrepancyView['kind']): DiscrepancyView => ({ id: kind, kind, summary: kind, items: [] });
    expect(groupDiscrepancies([d('contradiction'), d('number'), d('spelling')]).map((g) => g.heading)).toEqual([
      'Spellings of one name',
      'Different numbers for one fact',
      'Contradicting claims',
    ]);
  });

  it('marks the occurrence of a mention nearest its offset in a context', () => {
    expect(markIn('Ona met Ona Ray.', 'Ona', 8)).toEqual({ before: 'Ona met ', match: 'Ona', after: ' Ray.' });
    expect(markIn('Ona met Ona Ray.', 'Ona', 0)).toEqual({ before: '', match: 'Ona', after: ' met Ona Ray.' });
    expect(markIn('short text', 'absent', 3)).toEqual({ before: 'short text', match: '', after: '' });
    expect(plural(1, 'mention')).toBe('1 mention');
    expect(plural(2, 'entry', 'entries')).toBe('2 entries');
  });
});
