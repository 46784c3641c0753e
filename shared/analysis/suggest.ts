/**
 * Suggested claims: the sentences of an article an analyst is most likely to turn into claims,
 * ranked. A sentence earns weight for each sign of a checkable assertion (attribution to a
 * speaker, a direct quote, a vote count or a figure with a unit, a date, a named decision) and
 * loses it for looking like a headline or a metadata line. Each suggestion says why it was made,
 * who speaks (when the sentence or the one before names them) and what kind of claim it is.
 */
import type { ClaimKind } from '../model/schemas';
import { findAttributions, primaryAttribution } from './attribution';
import { findDates } from './dates';
import { ASSESSMENT_CUES, DECISION_VERBS, OPINION_CUES, OPINION_VERBS, PREDICTION_CUES } from './lexicon';
import { findNumbers, findVotes } from './numbers';
import { type Sentence, splitSentences } from './sentences';

export interface SuggestedClaim {
  /** Offsets of the sentence in the article text. */
  start: number;
  end: number;
  text: string;
  speaker: string | null;
  kind: ClaimKind;
  /** 0-1; higher is more claim-like. */
  score: number;
  /** Why it was suggested, for people: "attribution: said", "vote 71–48", "direct quote". */
  reasons: string[];
}

export interface SuggestOptions {
  /** Ranges to ignore (the article's noise): a sentence more than half inside them is skipped. */
  skip?: readonly { start: number; end: number }[];
  /** Suggestions below this score are dropped (default 0.3). */
  minScore?: number;
  /** At most this many suggestions (default: all). */
  limit?: number;
  /** Sentences already split (saves a pass when the caller has them). */
  sentences?: readonly Sentence[];
}

const WEIGHTS = { attribution: 0.35, namedSpeaker: 0.1, quote: 0.35, vote: 0.4, figure: 0.25, bareNumber: 0.1, date: 0.1, decision: 0.25, forecast: 0.25 } as const;

/** Opening and closing quotes of a direct quote of at least four words. */
const QUOTE_RE = /["“«„]([^"“”«»„\n]{10,})(?:["”»“]|$)/g;
const DECISION_RE = new RegExp(`\\b(${Object.keys(DECISION_VERBS).filter((w) => !['held', 'opened', 'closed', 'began', 'started', 'killed', 'attacked', 'struck', 'arrested', 'launched', 'completed'].includes(w)).join('|')})\\b`, 'i');
const DATELINE_RE = /^[\p{Lu}][\p{Lu}\p{M} .'-]{2,40},\s+(?:[\p{L}]+\.?\s+\d{1,2}|\d{1,2}\s+[\p{L}]+)(?:,?\s+\d{4})?\s*(?:\([^)]{1,20}\))?\s*[-–—]\s*/u;
const PRONOUN_SPEAKER_RE = /\b(he|she)\s+$/i;
const METADATA_RE = /^(?:[\p{L} ]{2,20}):\s|^(?:by|url|source|date|published|updated|title|author)\b/iu;

/** Rank the sentences of `text` that look like claims. */
export function suggestClaims(text: string, opts: SuggestOptions = {}): SuggestedClaim[] {
  const sentences = opts.sentences ?? splitSentences(text);
  const skip = opts.skip ?? [];
  const minScore = opts.minScore ?? 0.3;
  const out: SuggestedClaim[] = [];
  let lastPerson: { name: string; index: number } | null = null;

  sentences.forEach((s, index) => {
    if (skip.length && skippedMostly(skip, s.start, s.end)) return;
    const t = s.text;
    const reasons: string[] = [];
    const weights: number[] = [];

    // Attribution and speaker.
    const attributions = findAttributions(t);
    const primary = primaryAttribution(attributions);
    let speaker: string | null = primary?.speaker ?? null;
    if (primary) {
      weights.push(WEIGHTS.attribution);
      reasons.push(`attribution: ${primary.cue.toLowerCase()}`);
      if (!speaker && primary.cueKind === 'verb' && PRONOUN_SPEAKER_RE.test(t.slice(0, primary.cueStart)) && lastPerson && index - lastPerson.index <= 3) {
        speaker = lastPerson.name;
        reasons.push('speaker from an earlier sentence');
      }
      if (speaker && /^\p{Lu}/u.test(speaker)) {
        weights.push(WEIGHTS.namedSpeaker);
        if (/^\p{Lu}\S*\s+\p{Lu}/u.test(speaker) || primary.cueKind === 'verb') lastPerson = { name: speaker, index };
      }
    }

    // Direct quotes.
    let quoted = false;
    QUOTE_RE.lastIndex = 0;
    let q: RegExpExecArray | null;
    while ((q = QUOTE_RE.exec(t)) !== null) {
      if (q[1]!.trim().split(/\s+/).length >= 4) {
        quoted = true;
        break;
      }
    }
    // The end of a quote that began in the sentence before: 'People know …," Stankūnas said.'
    if (!quoted) {
      const close = /[,.!?…]["”»]/.exec(t);
      if (close && !/["“«„]/.test(t.slice(0, close.index)) && t.slice(0, close.index).trim().split(/\s+/).length >= 4) quoted = true;
    }
    if (quoted) {
      if (!speaker && lastPerson && index - lastPerson.index <= 1) {
        speaker = lastPerson.name;
        reasons.push('speaker from the sentence before');
      }
      weights.push(WEIGHTS.quote);
      reasons.push('direct quote');
    }

    // Votes, figures, dates, decisions.
    // A dateline's date is the publication date, not a dated claim.
    const dateline = DATELINE_RE.exec(t)?.[0].length ?? 0;
    const dates = findDates(t).filter((d) => d.start >= dateline);
    const firstVote = findVotes(t)[0];
    const vote = firstVote ? `${firstVote.for}–${firstVote.against}` : null;
    if (vote) {
      weights.push(WEIGHTS.vote);
      reasons.push(`vote ${vote}`);
    }
    const numbers = findNumbers(t).filter((n) => !dates.some((d) => d.start < n.end && n.start < d.end));
    const figure = numbers.find((n) => n.unit !== null || n.value >= 1000 || !Number.isInteger(n.value));
    if (figure) {
      weights.push(WEIGHTS.figure);
      reasons.push(`figure: ${figure.text}`);
    } else if (numbers.length > 0 && !vote) {
      weights.push(WEIGHTS.bareNumber);
      reasons.push(`number: ${numbers[0]!.text}`);
    }
    if (dates.length > 0) {
      weights.push(WEIGHTS.date);
      reasons.push(`date: ${dates[0]!.text}`);
    }
    const decision = DECISION_RE.exec(t);
    if (decision) {
      weights.push(WEIGHTS.decision);
      reasons.push(`decision: ${decision[1]!.toLowerCase()}`);
    }
    const predictive = PREDICTION_CUES.test(t);
    if (predictive && !decision) {
      weights.push(WEIGHTS.forecast);
      reasons.push('forecast');
    }
    if (weights.length === 0) return;

    let score = 1 - weights.reduce((p, w) => p * (1 - w), 1);
    // Headlines, bylines and front matter are not claims, whatever they contain.
    if (METADATA_RE.test(t)) score *= 0.3;
    else if (!/[.!?…"”»]$/.test(t) && !quoted) score *= 0.6;
    if (t.length < 30) score *= 0.7;
    if (t.length > 600) score *= 0.8;
    score = Math.round(score * 1000) / 1000;
    if (score < minScore) return;

    const kind: ClaimKind = quoted
      ? 'quote'
      : vote || figure || (numbers.length > 0 && !predictive)
        ? 'number'
        : decision
          ? 'fact'
          : predictive
            ? 'prediction'
            : (primary && OPINION_VERBS.has(primary.cue.toLowerCase())) || OPINION_CUES.test(t)
              ? 'opinion'
              : ASSESSMENT_CUES.test(t)
                ? 'assessment'
                : 'fact';
    out.push({ start: s.start, end: s.end, text: t, speaker, kind, score, reasons });
  });

  out.sort((a, b) => b.score - a.score || a.start - b.start);
  return opts.limit !== undefined ? out.slice(0, opts.limit) : out;
}

function skippedMostly(skip: readonly { start: number; end: number }[], start: number, end: number): boolean {
  let covered = 0;
  for (const r of skip) covered += Math.max(0, Math.min(end, r.end) - Math.max(start, r.start));
  return covered * 2 > end - start;
}
