import { describe, expect, it } from 'vitest';
import { sentenceAt, splitSentences } from '../../../shared/analysis/sentences';

const texts = (t: string): string[] => splitSentences(t).map((s) => s.text);

describe('splitSentences', () => {
  it('keeps abbreviations, initials, decimals and dotted dates inside their sentence', () => {
    const t =
      'Mr. Kairys met Dr. Rimkutė in the U.S. capital on 12.03.2026. Growth was 3.5 percent, said J. R. Smith of Acme Inc. in a note. ' +
      'The vote was close. "It is done," she said. Was it? Yes!';
    expect(texts(t)).toEqual([
      'Mr. Kairys met Dr. Rimkutė in the U.S. capital on 12.03.2026.',
      'Growth was 3.5 percent, said J. R. Smith of Acme Inc. in a note.',
      'The vote was close.',
      '"It is done," she said.',
      'Was it?',
      'Yes!',
    ]);
  });

  it('ends a sentence after an acronym when a new sentence plainly starts', () => {
    expect(texts('Talks moved to the U.S. The delegation left on Friday.')).toEqual(['Talks moved to the U.S.', 'The delegation left on Friday.']);
  });

  it('gives offsets into the text (UTF-16), so every sentence can be sliced back out', () => {
    const t = 'Headline about Klaipėda\nBy Eglė Žemaitytė | Wire\n\nŽemaitytė said 5 ships came. 😀 Emoji follow.';
    const s = splitSentences(t);
    for (const x of s) expect(t.slice(x.start, x.end)).toBe(x.text);
    expect(s.map((x) => x.text)).toEqual(['Headline about Klaipėda', 'By Eglė Žemaitytė | Wire', 'Žemaitytė said 5 ships came.', '😀 Emoji follow.']);
    expect(sentenceAt(s, t.indexOf('ships'))).toBe(2);
    expect(sentenceAt(s, t.indexOf('\n'))).toBe(-1);
  });

  it('joins a hard-wrapped line that runs on, but not a headline above a byline', () => {
    expect(texts('The council said the plan,\nwhich had been delayed, would pass.')).toEqual(['The council said the plan,\nwhich had been delayed, would pass.']);
  });
});

describe('odd input', () => {
  it('every analysis accepts empty, blank and unpunctuated text without throwing', async () => {
    const a = await import('../../../shared/analysis');
    for (const t of ['', '   \n\n ', '...!!!???', 'x'.repeat(50_000), 'ÄÖÜ ŽŠČ Ωμέγα Привет 😀😀', '"unterminated quote, said']) {
      expect(() => {
        a.splitSentences(t);
        a.extractEntities(t);
        a.suggestClaims(t);
        a.findOriginators(t);
        a.extractEvents(t, '2026-03-11');
        a.findDiscrepancies({ articles: [{ id: 'x', text: t, publishedAt: null }] });
      }).not.toThrow();
    }
    expect(a.splitSentences('')).toEqual([]);
  });
});
