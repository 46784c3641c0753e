import { describe, expect, it } from 'vitest';
import { chunkBoundaries, lineRanges, splitLines, splitParagraphs } from './paragraphs';

const texts = (text: string) => splitParagraphs(text).map((p) => text.slice(p.start, p.end));

describe('splitParagraphs', () => {
  it('splits on blank lines and keeps offsets into the original text', () => {
    const text = 'First para\nsecond line.\n\nSecond para.\n\n\n  Third para.  \n';
    expect(texts(text)).toEqual(['First para\nsecond line.', 'Second para.', 'Third para.']);
    const third = splitParagraphs(text)[2]!;
    expect(third.start).toBe(text.indexOf('Third'));
  });

  it('treats CRLF and whitespace-only lines as blank lines', () => {
    expect(texts('One\r\n\r\nTwo\r\n \t \r\nThree')).toEqual(['One', 'Two', 'Three']);
  });

  it('drops leading/trailing blank lines and returns nothing for blank text', () => {
    expect(texts('\n\n\nOnly\n\n')).toEqual(['Only']);
    expect(splitParagraphs('  \n\n \n')).toEqual([]);
    expect(splitParagraphs('')).toEqual([]);
  });

  it('keeps markup-looking text as plain characters', () => {
    expect(texts('<script>alert(1)</script>\n\n<b>x</b>')).toEqual(['<script>alert(1)</script>', '<b>x</b>']);
  });
});

describe('splitLines', () => {
  it('splits single line breaks, dropping the CR of CRLF', () => {
    expect(splitLines('a\r\nb\nc')).toEqual(['a', 'b', 'c']);
  });
});

describe('chunkBoundaries', () => {
  it('closes chunks by paragraph count and by characters', () => {
    const paras = Array.from({ length: 450 }, (_, i) => ({ start: i * 10, end: i * 10 + 5 }));
    expect(chunkBoundaries(paras, 200, 1_000_000)).toEqual([200, 400, 450]);
    const big = [{ start: 0, end: 50_000 }, { start: 50_001, end: 50_010 }, { start: 50_011, end: 50_020 }];
    expect(chunkBoundaries(big, 200, 40_000)).toEqual([1, 3]);
    expect(chunkBoundaries([])).toEqual([]);
  });
});

describe('lineRanges', () => {
  const lines = (text: string, start = 0, end = text.length) => lineRanges(text, start, end).map((l) => text.slice(l.start, l.end));
  it('splits on LF and CRLF, keeping offsets and excluding the breaks', () => {
    expect(lines('one\ntwo\r\nthree')).toEqual(['one', 'two', 'three']);
    const text = 'xx one\r\ntwo yy';
    expect(lineRanges(text, 3, 11)).toEqual([
      { start: 3, end: 6 },
      { start: 8, end: 11 },
    ]);
  });
  it('keeps empty lines as empty ranges and a range without a break as one line', () => {
    expect(lines('a\n\nb')).toEqual(['a', '', 'b']);
    expect(lines('plain')).toEqual(['plain']);
  });
});
