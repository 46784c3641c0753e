/**
 * The command palette's matching and ranking: folded (case- and diacritic-insensitive) fuzzy
 * matching of what was typed against each item's label and keywords. Pure.
 *
 * Every typed word must match: at a word start (best), inside a word, or as a subsequence of
 * letters (weakest, e.g. "imf" → "Import files…"). Matches in the label count more than matches
 * in keywords; shorter labels win ties, so "Search" ranks above "Search settings".
 */
import { fold } from '../../../shared/search/fold';

export type PaletteGroup = 'action' | 'view' | 'article' | 'claim' | 'brief' | 'entity' | 'search';

export interface PaletteEntry {
  id: string;
  group: PaletteGroup;
  label: string;
  /** Shown after the label (outlet, kind, shortcut...). */
  detail?: string;
  /** Also matched, with less weight (outlet, aliases, speaker...). */
  keywords?: string;
}

export interface Ranked<T> {
  item: T;
  score: number;
}

const GROUP_ORDER: readonly PaletteGroup[] = ['action', 'view', 'article', 'claim', 'brief', 'entity', 'search'];

/** How well one folded word matches a folded text: higher is better, null when it does not. */
export function wordScore(word: string, text: string): number | null {
  if (!word) return 0;
  let at = text.indexOf(word);
  let best: number | null = null;
  while (at >= 0) {
    const atStart = at === 0 || !/[\p{L}\p{N}]/u.test(text[at - 1]!);
    const score = at === 0 ? 10 : atStart ? 8 : 5;
    if (best === null || score > best) best = score;
    if (best === 10) break;
    at = text.indexOf(word, at + 1);
  }
  if (best !== null) return best + Math.min(word.length, 8) * 0.25;
  // Letters in order, gaps allowed: worth less the more spread out they are.
  let i = 0;
  let first = -1;
  let last = -1;
  for (let j = 0; j < text.length && i < word.length; j++) {
    if (text[j] === word[i]) {
      if (first < 0) first = j;
      last = j;
      i++;
    }
  }
  if (i < word.length || word.length < 2) return null;
  const spread = last - first + 1 - word.length;
  return Math.max(0.5, 3 - spread * 0.2);
}

// Folding every label on every keystroke would dominate with thousands of articles: fold each entry once.
const foldedEntries = new WeakMap<object, { label: string; keywords: string }>();
function foldedOf(entry: Pick<PaletteEntry, 'label' | 'keywords'>): { label: string; keywords: string } {
  let f = foldedEntries.get(entry);
  if (!f) {
    f = { label: fold(entry.label), keywords: entry.keywords ? fold(entry.keywords) : '' };
    foldedEntries.set(entry, f);
  }
  return f;
}

/** The score of an entry for a query (null: no match). An empty query matches everything with score 0. */
export function entryScore(query: string, entry: Pick<PaletteEntry, 'label' | 'keywords'>): number | null {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return 0;
  const { label, keywords } = foldedOf(entry);
  let total = 0;
  for (const w of words) {
    const inLabel = wordScore(w, label);
    const inKeywords = keywords ? wordScore(w, keywords) : null;
    const best = Math.max(inLabel ?? -1, inKeywords === null ? -1 : inKeywords * 0.6);
    if (best < 0) return null;
    total += best;
  }
  // The whole query as the label's beginning is what the user most likely wants.
  const whole = words.join(' ');
  if (label.startsWith(whole)) total += 4;
  return total - Math.min(label.length, 120) * 0.01;
}

/**
 * Entries matching the query, best first (ties: group order, then label), at most `perGroup` of
 * each group and `limit` in all.
 */
export function rankEntries<T extends PaletteEntry>(entries: readonly T[], query: string, options: { perGroup?: number; limit?: number } = {}): Ranked<T>[] {
  const perGroup = options.perGroup ?? 8;
  const limit = options.limit ?? 40;
  const scored: Ranked<T>[] = [];
  for (const item of entries) {
    const score = entryScore(query, item);
    if (score !== null) scored.push({ item, score });
  }
  const order = (g: PaletteGroup): number => GROUP_ORDER.indexOf(g);
  scored.sort((a, b) => b.score - a.score || order(a.item.group) - order(b.item.group) || a.item.label.localeCompare(b.item.label));
  const counts = new Map<PaletteGroup, number>();
  const out: Ranked<T>[] = [];
  for (const r of scored) {
    const n = counts.get(r.item.group) ?? 0;
    if (n >= perGroup) continue;
    counts.set(r.item.group, n + 1);
    out.push(r);
    if (out.length >= limit) break;
  }
  return out;
}

/** Moves an active index through `count` options with wrap-around; -1 when there are none. */
export function moveActive(current: number, count: number, key: 'ArrowDown' | 'ArrowUp' | 'Home' | 'End' | 'PageDown' | 'PageUp'): number {
  if (count === 0) return -1;
  switch (key) {
    case 'ArrowDown':
      return current < 0 ? 0 : (current + 1) % count;
    case 'ArrowUp':
      return current <= 0 ? count - 1 : current - 1;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    case 'PageDown':
      return Math.min(count - 1, Math.max(0, current) + 8);
    case 'PageUp':
      return Math.max(0, current - 8);
  }
}

/** Splits a snippet into plain and marked parts from highlight ranges (sorted, overlaps dropped). */
export function markParts(text: string, ranges: readonly { start: number; end: number }[]): { text: string; mark: boolean }[] {
  const out: { text: string; mark: boolean }[] = [];
  let at = 0;
  for (const r of [...ranges].sort((a, b) => a.start - b.start)) {
    const start = Math.max(r.start, at);
    const end = Math.min(r.end, text.length);
    if (end <= start) continue;
    if (start > at) out.push({ text: text.slice(at, start), mark: false });
    out.push({ text: text.slice(start, end), mark: true });
    at = end;
  }
  if (at < text.length) out.push({ text: text.slice(at), mark: false });
  return out;
}
