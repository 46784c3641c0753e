import { describe, expect, it } from 'vitest';
import { approxWords, baseName, formatDate, formatLength, outletAndDate, shortHash } from './format';

describe('formatDate', () => {
  it('keeps a date-only value on its own day whatever the time zone', () => {
    // Formatting in UTC: 2024-03-05 must not show as 4 March west of Greenwich.
    expect(formatDate('2024-03-05', 'en-GB')).toBe('5 Mar 2024');
    expect(formatDate('2024-01-01', 'en-US')).toBe('Jan 1, 2024');
  });
  it('shows partial dates as written or as a month', () => {
    expect(formatDate('2024', 'en-GB')).toBe('2024');
    expect(formatDate('2024-03', 'en-GB')).toBe('March 2024');
  });
  it('formats timestamps and keeps unparseable values visible', () => {
    expect(formatDate('2024-03-05T12:00:00Z', 'en-GB')).toMatch(/Mar 2024/);
    expect(formatDate('last Tuesday', 'en-GB')).toBe('last Tuesday');
    expect(formatDate(null)).toBe('');
  });
});

describe('small formatters', () => {
  it('formats lengths compactly', () => {
    expect(formatLength(0)).toBe('0 chars');
    expect(formatLength(999)).toBe('999 chars');
    expect(formatLength(4_200)).toBe('4.2k chars');
    expect(formatLength(10_000)).toBe('10k chars');
    expect(formatLength(640_000)).toBe('640k chars');
    expect(formatLength(1_600_000)).toBe('1.6M chars');
  });
  it('estimates words', () => {
    expect(approxWords(600)).toBe('about 100 words');
    expect(approxWords(600_000)).toBe('about 100k words');
  });
  it('shortens hashes, joins outlet and date, and names folders', () => {
    expect(shortHash('sha256:0123456789abcdef0123')).toBe('0123456789ab');
    expect(shortHash('abcdef')).toBe('abcdef');
    expect(outletAndDate('Reuters', '2024-03-05', 'en-GB')).toBe('Reuters · 5 Mar 2024');
    expect(outletAndDate(null, '2024-03-05', 'en-GB')).toBe('5 Mar 2024');
    expect(outletAndDate(null, null)).toBe('');
    expect(baseName('/home/me/notebooks/energy/')).toBe('energy');
    expect(baseName('C:\\Users\\me\\Energy')).toBe('Energy');
  });
});
