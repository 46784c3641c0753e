import { describe, expect, it } from 'vitest';
import { extractEvents } from '../../../shared/analysis/timeline';
import { HARBOUR_LEDGER, MORNING_WIRE } from '../../fixtures/analysis/articles';

describe('extractEvents', () => {
  it('dates events by what the sentence says, not by the publication date', () => {
    const events = extractEvents(HARBOUR_LEDGER.text, HARBOUR_LEDGER.publishedAt);
    expect(events.map((e) => [e.date, e.dateText, e.relative])).toEqual([
      ['2026-06-04', 'on Thursday', true], // published Friday 5 June; the dateline's June 5 is not the event
      ['2019', '2019', false],
      ['2026-09-30', '30 September 2026', false],
    ]);
    const vote = events[0]!;
    expect(HARBOUR_LEDGER.text.slice(vote.start, vote.end)).toMatch(/^VARNHOLM, June 5 \(HL\) - Parliament on Thursday voted/);
    expect(HARBOUR_LEDGER.text.slice(vote.dateStart, vote.dateEnd)).toBe('on Thursday');
    expect(vote.label).toMatch(/^Parliament on Thursday voted 61 to 39/);
    expect(vote.label.length).toBeLessThanOrEqual(101);
  });

  it('resolves yesterday, last week, weekdays and month-day dates against the publication date', () => {
    const t = 'Relatives met yesterday. The board resigned last week. Talks resume next Monday. ' +
      'The ship sank on 28 December. Prices rose last month. The law changed last year.';
    const events = extractEvents(t, '2026-01-07T10:00:00+02:00'); // a Wednesday
    expect(events.map((e) => e.date)).toEqual(['2026-01-06', '2025-12-31', '2026-01-12', '2025-12-28', '2025-12', '2025']);
    expect(extractEvents(MORNING_WIRE.text, MORNING_WIRE.publishedAt).map((e) => e.date)).toEqual(['2026-06-05']);
  });

  it('leaves relative dates out without a publication date, and skips header lines', () => {
    const t = 'Published: 2026-06-05\nDate: 5 June 2026\n\nThe vote was held yesterday. The report is due by 30 September 2026.';
    expect(extractEvents(t, null).map((e) => e.date)).toEqual(['2026-09-30']);
  });
});
