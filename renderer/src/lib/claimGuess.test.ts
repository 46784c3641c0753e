import { describe, expect, it } from 'vitest';
import { guessClaim } from './claimGuess';

const TEXT = `Council approves terminal

The Klaipėda city council voted 71 to 48 on Tuesday to expand the gas terminal.
Minister Dovilė Žemaitytė said the decision "secures the winter". The port expects traffic to double by 2030.`;

const at = (quote: string) => {
  const start = TEXT.indexOf(quote);
  return { start, end: start + quote.length };
};

describe('guessClaim', () => {
  it('names the speaker of the sentence and sees a quote inside quotation marks', () => {
    expect(guessClaim(TEXT, at('secures the winter'))).toEqual({ speaker: 'Dovilė Žemaitytė', kind: 'quote' });
  });

  it('calls counts numbers and forward-looking words predictions, with no speaker when none is named', () => {
    expect(guessClaim(TEXT, at('voted 71 to 48'))).toEqual({ speaker: null, kind: 'number' });
    expect(guessClaim(TEXT, at('The port expects traffic to double'))).toMatchObject({ kind: 'prediction' });
  });
});

describe('guessClaim with the sentence before', () => {
  it('takes "he" from the sentence before', () => {
    const text = 'Harbour master Jonas Stankūnas said the ice was thin. He added the port "will stay open all winter".';
    const start = text.indexOf('stay open');
    expect(guessClaim(text, { start, end: start + 'stay open all winter'.length })).toEqual({ speaker: 'Jonas Stankūnas', kind: 'quote' });
  });
});
