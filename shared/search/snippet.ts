/**
 * Snippets: a short window of the text around the best match, with the matched words' offsets in
 * the snippet (for highlighting) and the match's offsets in the text (for a jump). Pure.
 */
import { tokenize, type Token } from './fold';

export interface Snippet {
  snippet: string;
  highlights: { start: number; end: number }[];
  /** The best match in the text; null when nothing in the text matched. */
  target: { start: number; end: number } | null;
}

const WINDOW = 180;

export function makeSnippet(text: string, matchedTerms: ReadonlySet<string>, phrases: readonly string[][], window = WINDOW): Snippet {
  const tokens = tokenize(text);
  const matches: Token[] = tokens.filter((t) => matchedTerms.has(t.term));
  let target: { start: number; end: number } | null = null;
  // A phrase occurrence is the strongest anchor; otherwise the window with the most distinct matched words.
  for (const phrase of phrases) {
    for (let i = 0; i + phrase.length <= tokens.length && !target; i++) {
      if (phrase.every((t, k) => tokens[i + k]!.term === t)) target = { start: tokens[i]!.start, end: tokens[i + phrase.length - 1]!.end };
    }
    if (target) break;
  }
  if (!target && matches.length > 0) {
    let best = 0;
    let bestCount = 0;
    for (let i = 0; i < matches.length; i++) {
      const seen = new Set<string>();
      for (let j = i; j < matches.length && matches[j]!.end - matches[i]!.start <= window; j++) seen.add(matches[j]!.term);
      if (seen.size > bestCount) {
        bestCount = seen.size;
        best = i;
      }
    }
    target = { start: matches[best]!.start, end: matches[best]!.end };
  }
  const anchor = target ?? { start: 0, end: 0 };
  // Start a little before the match, on a word boundary.
  let from = Math.max(0, anchor.start - Math.floor(window / 4));
  if (from > 0) {
    const space = text.lastIndexOf(' ', from);
    from = space >= 0 && anchor.start - space < window / 2 ? space + 1 : from;
  }
  let to = Math.min(text.length, Math.max(from + window, anchor.end));
  if (to < text.length) {
    const space = text.indexOf(' ', to);
    to = space >= 0 && space - to < 30 ? space : to;
  }
  const lead = from > 0 ? '…' : '';
  const tail = to < text.length ? '…' : '';
  const body = text.slice(from, to).replace(/\s/g, ' ');
  const highlights = matches
    .filter((m) => m.start >= from && m.end <= to)
    .map((m) => ({ start: m.start - from + lead.length, end: m.end - from + lead.length }));
  if (target && phrases.length > 0) {
    // Phrase words are highlighted as one span.
    const s = target.start - from + lead.length;
    const e = target.end - from + lead.length;
    const inside = highlights.filter((h) => h.start >= s && h.end <= e);
    if (inside.length > 0 || highlights.length === 0) {
      const rest = highlights.filter((h) => !(h.start >= s && h.end <= e));
      return { snippet: lead + body + tail, highlights: [...rest, { start: s, end: e }].sort((a, b) => a.start - b.start), target };
    }
  }
  return { snippet: lead + body + tail, highlights, target };
}
