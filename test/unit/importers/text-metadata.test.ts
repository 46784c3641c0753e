import { describe, expect, it } from 'vitest';
import { extractTextMetadata, MAX_TITLE_LENGTH, parseDate } from '../../../electron/importers/text-metadata';

describe('parseDate', () => {
  it.each([
    ['2026-03-14', '2026-03-14'],
    ['2026-03-14T09:30:00Z', '2026-03-14T09:30:00Z'],
    ['2026-03-14 09:30', '2026-03-14T09:30'],
    ['2026-03-14T16:40:00+0200', '2026-03-14T16:40:00+02:00'],
    ['14 March 2026', '2026-03-14'],
    ['Saturday, 14 March 2026', '2026-03-14'],
    ['March 14, 2026', '2026-03-14'],
    ['Mar. 4, 2026', '2026-03-04'],
    ['14.03.2026', '2026-03-14'],
    ['2026/03/14', '2026-03-14'],
    ['25/03/2026', '2026-03-25'],
    ['03/25/2026', '2026-03-25'],
    ['2026 m. kovo 11 d.', '2026-03-11'],
  ])('%s → %s', (input, expected) => {
    expect(parseDate(input)).toBe(expected);
  });

  it.each(['03/04/2026', '2026-02-30', '31 June 2026', 'Smarch 3, 2026', 'next Tuesday', ''])('refuses %j', (input) => {
    expect(parseDate(input)).toBeNull();
  });
});

describe('extractTextMetadata', () => {
  it('reads title, byline, outlet, date and URL from header lines', () => {
    const text = [
      'Klaipėda councillors split over quay rezoning',
      'By Aušra Kasčiūnienė, Pajūrio Kurjeris',
      'Published: 2026-01-22',
      'URL: https://kurjeris.example/2026/01/22/quay-rezoning.',
      '',
      'Body text.',
    ].join('\n');
    expect(extractTextMetadata(text)).toEqual({
      title: 'Klaipėda councillors split over quay rezoning',
      byline: 'Aušra Kasčiūnienė',
      outlet: 'Pajūrio Kurjeris',
      publishedAt: '2026-01-22',
      url: 'https://kurjeris.example/2026/01/22/quay-rezoning',
    });
  });

  it('takes the outlet after a pipe and a date after a second pipe', () => {
    const meta = extractTextMetadata('Headline\nBy Jonas Petraitis | Baltic Ledger | March 2, 2026\n\nText');
    expect(meta).toMatchObject({ byline: 'Jonas Petraitis', outlet: 'Baltic Ledger', publishedAt: '2026-03-02' });
  });

  it('does not take a job title for an outlet', () => {
    const meta = extractTextMetadata('Headline\nBy Pavel Orlovsky, Zaria correspondent\nSource: Zaria\n\nText');
    expect(meta).toMatchObject({ byline: 'Pavel Orlovsky', outlet: 'Zaria' });
  });

  it('does not mistake a sentence starting with "By" for a byline', () => {
    const meta = extractTextMetadata('Headline\n\nBy Tuesday the council had voted twice.\n');
    expect(meta.byline).toBeNull();
  });

  it('skips metadata lines when choosing the title, and reads a bare URL and a leading ISO date', () => {
    const meta = extractTextMetadata('https://example.test/story\n2026-03-14\nThe real headline\nBody');
    expect(meta).toMatchObject({ title: 'The real headline', url: 'https://example.test/story', publishedAt: '2026-03-14' });
  });

  it('prefers the published date to an updated date', () => {
    const meta = extractTextMetadata('Headline\nUpdated: 15 March 2026\nPublished: 14 March 2026\n');
    expect(meta.publishedAt).toBe('2026-03-14');
    expect(extractTextMetadata('Headline\nUpdated: 15 March 2026\n').publishedAt).toBe('2026-03-15');
  });

  it('reads Lithuanian labels', () => {
    const meta = extractTextMetadata('Antraštė\nŠaltinis: Uosto žinios\nAutorė: Vaida Stonkutė\nPaskelbta: 2026 m. kovo 11 d.\n');
    expect(meta).toMatchObject({ outlet: 'Uosto žinios', byline: 'Vaida Stonkutė', publishedAt: '2026-03-11' });
  });

  it('looks only at the header, not at the body', () => {
    const body = Array.from({ length: 20 }, (_, i) => `Paragraph ${i + 1}.`).join('\n');
    const meta = extractTextMetadata(`Headline\n${body}\nBy Late Author\nPublished: 2026-01-01\n`);
    expect(meta.byline).toBeNull();
    expect(meta.publishedAt).toBeNull();
  });

  it('shortens a very long first line to a title of at most 300 characters', () => {
    const meta = extractTextMetadata(`${'word '.repeat(200)}\nBody`);
    expect(meta.title!.length).toBeLessThanOrEqual(MAX_TITLE_LENGTH);
    expect(meta.title!.endsWith('…')).toBe(true);
  });
});
