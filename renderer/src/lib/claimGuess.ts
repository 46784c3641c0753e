/**
 * What a new claim made from a selection probably is: who speaks in the sentence around it and
 * what kind of statement it is, so the analyst corrects a guess rather than filling a blank form.
 * Uses the analysis core's claim suggester on the selection's sentences (and the one before, which
 * may name the "he" or "she" who speaks).
 */
import { splitSentences, suggestClaims } from '../../../shared/analysis';
import type { ClaimKind } from '../../../shared/model/schemas';

export interface ClaimGuess {
  speaker: string | null;
  kind: ClaimKind;
}

const QUOTE_RE = /["“”«»„]/;
const PREDICTION_RE = /\b(will|would|expects?|expected|forecasts?|predicts?|is set to|are set to|plans? to|likely)\b/i;
const NUMBER_RE = /\d/;
const OPINION_RE = /\b(should|must|believes?|thinks?|in (?:my|our) view|unacceptable|shameful|rushed)\b/i;

export function guessClaim(text: string, range: { start: number; end: number }): ClaimGuess {
  // Only the sentences the selection touches: a speaker named three paragraphs away is not a guess.
  const sentences = splitSentences(text);
  const first = sentences.findIndex((s) => s.start < range.end && range.start < s.end);
  const touched = first < 0 ? [] : sentences.slice(first).filter((s) => s.start < range.end);
  const from = touched[0]?.start ?? range.start;
  const to = touched.at(-1)?.end ?? range.end;
  const selected = text.slice(range.start, range.end);
  const context = first < 0 ? [] : sentences.slice(Math.max(0, first - 1), first + touched.length);
  const suggestion = suggestClaims(text, { sentences: context, minScore: 0 }).find((s) => s.start >= from && s.end <= to) ?? null;
  const speaker = suggestion?.speaker ?? null;
  // A selection inside quotation marks is a quote even when the marks are not selected.
  const before = text.slice(from, range.start);
  const straight = (before.match(/"/g)?.length ?? 0) % 2 === 1;
  const curly = (before.match(/[“«„]/g)?.length ?? 0) > (before.match(/[”»]/g)?.length ?? 0);
  const insideQuote = straight || curly || QUOTE_RE.test(selected);
  let kind: ClaimKind = 'fact';
  if (insideQuote) kind = 'quote';
  else if (PREDICTION_RE.test(selected)) kind = 'prediction';
  else if (NUMBER_RE.test(selected)) kind = 'number';
  else if (OPINION_RE.test(selected)) kind = 'opinion';
  // Words without a sign of their own take the sentence's kind (an assessment, an opinion...).
  else if (suggestion && suggestion.kind !== 'quote' && suggestion.kind !== 'number') kind = suggestion.kind;
  return { speaker, kind };
}
