/**
 * What the sources disagree on:
 * - spelling: one entity written differently across articles (alias proposals or confirmed aliases);
 * - number: different figures for the same fact: the same cue ("voted", "killed", "cost") and unit,
 *   in sentences that share a named entity, or in articles that share their main entities;
 * - date: different dates for the same named event (a decision verb: approved, passed, signed…);
 * - contradiction: claims the analyst linked as "contradicts".
 * Two articles disagree on a fact when the values each gives for it have nothing in common (an
 * article giving both an old and a new figure does not contradict one giving the new one).
 */
import { foldName, hash } from './aliases';
import { type Mention, extractEntities } from './entities';
import { DECISION_VERBS, FACT_CUES } from './lexicon';
import { findNumbers, findVotes } from './numbers';
import { sentenceAt, splitSentences } from './sentences';
import { extractEvents } from './timeline';
import type { ClaimRelation, EntityKind } from './types';

export type DiscrepancyKind = 'spelling' | 'number' | 'date' | 'contradiction';

export interface DiscrepancyItem {
  articleId: string;
  start: number;
  end: number;
  text: string;
}

export interface Discrepancy {
  /** Stable for the same disagreement: derived from its kind, fact and values. */
  id: string;
  kind: DiscrepancyKind;
  summary: string;
  items: DiscrepancyItem[];
}

export interface DiscrepancyArticle {
  id: string;
  text: string;
  publishedAt?: string | null;
  /** Entity mentions, if already extracted (else they are extracted here). */
  mentions?: readonly Mention[];
  /** Noise ranges to ignore. */
  skip?: readonly { start: number; end: number }[];
}

export interface DiscrepancyClaim {
  id: string;
  articleId: string;
  target: { start: number; end: number; exact: string };
  statement?: string;
  links: readonly { claimId: string; relation: ClaimRelation }[];
}

export interface DiscrepancyInput {
  articles: readonly DiscrepancyArticle[];
  /** Alias proposals (pending or confirmed; leave rejected ones out) and/or groups of one entity's spellings. */
  spellings?: readonly { kind: EntityKind; names: readonly string[] }[];
  claims?: readonly DiscrepancyClaim[];
  /** Main entities two articles must share for their figures to be about the same fact (default 2). */
  minSharedEntities?: number;
}

const NAME_KINDS: ReadonlySet<EntityKind> = new Set(['person', 'organization', 'place', 'other']);
const DATE_CUE_RE = new RegExp(`\\b(${[...Object.keys(DECISION_VERBS).filter((w) => !['killed', 'attacked', 'struck', 'arrested'].includes(w)), 'begin', 'start', 'open', 'took place', 'takes place'].join('|')})\\b`, 'i');
const CUE_WORD_RE = new RegExp(`\\b(${Object.keys(FACT_CUES).join('|')})\\b`, 'gi');

/** Decisions that name one event however an outlet words it: "approved" / "voted" / "backed". */
const EVENT_CLASS: Record<string, string> = {
  pass: 'vote', approve: 'vote', vote: 'vote', back: 'vote', adopt: 'vote', endorse: 'vote', reject: 'vote',
  sign: 'signing', ratify: 'signing', enact: 'signing', rule: 'ruling', sentence: 'ruling', convict: 'ruling',
  acquit: 'ruling', begin: 'start', start: 'start', open: 'start', launch: 'start', 'took place': 'event', 'takes place': 'event', hold: 'event',
};

interface Fact {
  articleId: string;
  /** Size used to keep apart figures of a different order ("16–13" in a council, "71–48" in parliament). */
  magnitude: number;
  key: string;
  /** Comparable value ("71-48", "310000000 EUR", "2026-03-11"). */
  value: string;
  /** The value as a person reads it ("71 votes to 48", "310 million euros"). */
  shown: string;
  start: number;
  end: number;
  text: string;
  sentenceEntities: string[];
}

/** Everything the sources disagree on, most items first. */
export function findDiscrepancies(input: DiscrepancyInput): Discrepancy[] {
  const minShared = input.minSharedEntities ?? 2;
  const out: Discrepancy[] = [];
  const facts: Fact[] = [];
  const mentionsByArticle = new Map<string, readonly Mention[]>();
  const topicSignature = new Map<string, string[]>();

  for (const a of input.articles) {
    const mentions = a.mentions ?? extractEntities(a.text, { skip: a.skip ?? [], kinds: ['person', 'organization', 'place', 'other'] });
    mentionsByArticle.set(a.id, mentions);
    const sentences = splitSentences(a.text);
    const perSentence = new Map<number, Set<string>>();
    const counts = new Map<string, number>(); // insertion order = first mention
    for (const m of mentions) {
      if (!NAME_KINDS.has(m.kind)) continue;
      const f = foldName(m.normalized);
      counts.set(f, (counts.get(f) ?? 0) + 1);
      const si = sentenceAt(sentences, m.start);
      if (si >= 0) (perSentence.get(si) ?? perSentence.set(si, new Set()).get(si)!).add(f);
    }
    // The article's main entities: most mentioned, then first mentioned (the headline and lead).
    const order = new Map([...counts.keys()].map((k, i) => [k, i]));
    topicSignature.set(a.id, [...counts].sort((x, y) => y[1] - x[1] || order.get(x[0])! - order.get(y[0])!).slice(0, 6).map(([f]) => f));
    const skip = a.skip ?? [];
    sentences.forEach((s, si) => {
      if (skip.some((r) => r.start < s.end && s.start < r.end)) return;
      const ents = [...(perSentence.get(si) ?? [])];
      const votes = findVotes(s.text);
      for (const v of votes) {
        facts.push({ articleId: a.id, magnitude: v.for + v.against, key: 'vote', value: `${v.for}-${v.against}`, shown: `${v.for}–${v.against}`, start: s.start + v.start, end: s.start + v.end, text: v.text, sentenceEntities: ents });
      }
      for (const n of findNumbers(s.text)) {
        if (votes.some((v) => v.start <= n.start && n.end <= v.end)) continue;
        const cue = nearestCue(s.text, n.start, n.end);
        if (!cue || (!n.unit && cue === 'vote')) continue;
        const value = `${n.value}${n.unit ? ` ${n.unit}` : ''}`;
        facts.push({ articleId: a.id, magnitude: Math.abs(n.value), key: `${cue}|${n.unit ?? ''}`, value, shown: n.text, start: s.start + n.start, end: s.start + n.end, text: n.text, sentenceEntities: ents });
      }
    });
    for (const e of extractEvents(a.text, a.publishedAt ?? null, { sentences, skip })) {
      const sentence = a.text.slice(e.start, e.end);
      const cue = DATE_CUE_RE.exec(sentence);
      if (!cue) continue;
      const verb = DECISION_VERBS[cue[1]!.toLowerCase()] ?? cue[1]!.toLowerCase();
      const lemma = EVENT_CLASS[verb] ?? verb;
      const si = sentenceAt(sentences, e.start);
      facts.push({ articleId: a.id, magnitude: 0, key: `date|${lemma}`, value: e.date, shown: e.date, start: e.dateStart, end: e.dateEnd, text: e.dateText, sentenceEntities: [...(perSentence.get(si) ?? [])] });
    }
  }

  out.push(...spellingDiscrepancies(input.spellings ?? [], mentionsByArticle));
  out.push(...factDiscrepancies(facts, topicSignature, minShared));
  out.push(...contradictions(input.claims ?? []));
  return out.sort((a, b) => b.items.length - a.items.length || a.summary.localeCompare(b.summary));
}

/** The fact cue nearest to a number in its sentence (within 60 characters), folded ("voted" → "vote"). */
function nearestCue(sentence: string, start: number, end: number): string | null {
  let best: string | null = null;
  let bestDistance = 61;
  CUE_WORD_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = CUE_WORD_RE.exec(sentence)) !== null) {
    const d = m.index >= end ? m.index - end : start >= m.index + m[0].length ? start - (m.index + m[0].length) : 0;
    if (d < bestDistance) {
      bestDistance = d;
      best = FACT_CUES[m[1]!.toLowerCase()] ?? null;
    }
  }
  return best;
}

function spellingDiscrepancies(spellings: readonly { kind: EntityKind; names: readonly string[] }[], mentionsByArticle: Map<string, readonly Mention[]>): Discrepancy[] {
  // Where each spelling (normalised form) is used, first mention per article.
  const where = new Map<string, Map<string, Mention>>();
  for (const [articleId, mentions] of mentionsByArticle) {
    for (const m of mentions) {
      if (m.kind === 'date' || m.kind === 'number') continue;
      let byArticle = where.get(m.normalized);
      if (!byArticle) where.set(m.normalized, (byArticle = new Map()));
      if (!byArticle.has(articleId)) byArticle.set(articleId, m);
    }
  }
  const out: Discrepancy[] = [];
  const done = new Set<string>();
  for (const group of spellings) {
    const names = [...new Set(group.names)];
    const key = names.map(foldName).sort().join('\u0001') + names.length;
    if (done.has(key)) continue;
    done.add(key);
    const used = names.map((n) => ({ name: n, articles: where.get(n) ?? new Map<string, Mention>() })).filter((u) => u.articles.size > 0);
    if (used.length < 2) continue;
    const articleIds = new Set(used.flatMap((u) => [...u.articles.keys()]));
    if (articleIds.size < 2) continue;
    used.sort((x, y) => y.articles.size - x.articles.size || x.name.localeCompare(y.name));
    const items: DiscrepancyItem[] = used.flatMap((u) => [...u.articles].map(([articleId, m]) => ({ articleId, start: m.start, end: m.end, text: m.text })));
    const summary = `${group.kind === 'person' ? 'Name' : 'Name'} spelled ${used.length} ways: ${used.map((u) => `"${u.name}" (${plural(u.articles.size, 'article')})`).join(', ')}`;
    out.push({ id: `disc-${hash(`spelling\u0001${[...names].map(foldName).sort().join('\u0001')}`)}`, kind: 'spelling', summary, items });
  }
  return out;
}

function factDiscrepancies(facts: Fact[], topics: Map<string, string[]>, minShared: number): Discrepancy[] {
  const byKey = new Map<string, number[]>();
  facts.forEach((f, i) => (byKey.get(f.key) ?? byKey.set(f.key, []).get(f.key)!).push(i));
  const out: Discrepancy[] = [];
  for (const [key, idx] of byKey) {
    const articles = new Set(idx.map((i) => facts[i]!.articleId));
    if (articles.size < 2) continue;
    // Same fact: sentences sharing a named entity, or articles sharing their main entities. Buckets
    // keep this linear: facts in one bucket are joined.
    const parent = idx.map((_, j) => j);
    const find = (x: number): number => {
      while (parent[x] !== x) x = parent[x] = parent[parent[x]!]!;
      return x;
    };
    const buckets = new Map<string, number>();
    const join = (bucket: string, j: number): void => {
      const other = buckets.get(bucket);
      if (other === undefined) buckets.set(bucket, j);
      else parent[find(j)] = find(other);
    };
    idx.forEach((fi, j) => {
      const f = facts[fi]!;
      for (const e of f.sentenceEntities) join(`s|${e}`, j);
      const topic = topics.get(f.articleId) ?? [];
      for (const combo of combinations(topic, minShared)) join(`t|${combo}`, j);
    });
    const components = new Map<number, number[]>();
    idx.forEach((fi, j) => (components.get(find(j)) ?? components.set(find(j), []).get(find(j))!).push(fi));
    const ratio = key === 'vote' ? 1.3 : key.startsWith('date|') ? Infinity : 4;
    for (const members of [...components.values()].flatMap((c) => splitByMagnitude(c, facts, ratio))) {
      const values = new Map<string, Map<string, Fact>>(); // value → article → first fact
      const perArticle = new Map<string, Set<string>>();
      for (const fi of members) {
        const f = facts[fi]!;
        let arts = values.get(f.value);
        if (!arts) values.set(f.value, (arts = new Map()));
        if (!arts.has(f.articleId)) arts.set(f.articleId, f);
        (perArticle.get(f.articleId) ?? perArticle.set(f.articleId, new Set()).get(f.articleId)!).add(f.value);
      }
      if (values.size < 2 || !someDisjoint(perArticle, key.startsWith('date|'))) continue;
      const ranked = [...values].sort((x, y) => y[1].size - x[1].size || x[0].localeCompare(y[0]));
      const items = ranked.flatMap(([, arts]) => [...arts.values()].map((f) => ({ articleId: f.articleId, start: f.start, end: f.end, text: f.text })));
      const [cue, unit] = key.split('|');
      const kind: DiscrepancyKind = cue === 'date' ? 'date' : 'number';
      const what = kind === 'date' ? `Different dates for "${unit}"` : cue === 'vote' ? 'Different vote counts' : `Different figures for "${cue}"${unit ? ` (${unit})` : ''}`;
      const summary = `${what}: ${ranked.map(([, arts]) => `${[...arts.values()][0]!.shown} (${plural(arts.size, 'article')})`).join(', ')}`;
      out.push({ id: `disc-${hash(`${kind}\u0001${key}\u0001${ranked.map(([v]) => v).sort().join('\u0001')}`)}`, kind, summary, items });
    }
  }
  return out;
}

/** Split facts where the next is more than `ratio` times the one before (sorted by magnitude). */
function splitByMagnitude(members: number[], facts: Fact[], ratio: number): number[][] {
  if (!Number.isFinite(ratio)) return [members];
  const sorted = [...members].sort((a, b) => facts[a]!.magnitude - facts[b]!.magnitude);
  const out: number[][] = [];
  let cur: number[] = [];
  let prev = -1;
  for (const i of sorted) {
    const m = facts[i]!.magnitude;
    if (cur.length && m > Math.max(prev, 1e-9) * ratio) {
      out.push(cur);
      cur = [];
    }
    cur.push(i);
    prev = m;
  }
  if (cur.length) out.push(cur);
  return out;
}

/** Two articles whose values for the fact have nothing in common (dates: neither is a prefix of the other). */
function someDisjoint(perArticle: Map<string, Set<string>>, dates: boolean): boolean {
  const sets = [...perArticle.values()];
  const agree = (a: string, b: string): boolean => a === b || (dates && (a.startsWith(b) || b.startsWith(a)));
  for (let i = 0; i < sets.length; i++) {
    for (let j = i + 1; j < sets.length; j++) {
      let common = false;
      for (const a of sets[i]!) for (const b of sets[j]!) if (agree(a, b)) common = true;
      if (!common) return true;
    }
  }
  return false;
}

function contradictions(claims: readonly DiscrepancyClaim[]): Discrepancy[] {
  const byId = new Map(claims.map((c) => [c.id, c]));
  const out: Discrepancy[] = [];
  const seen = new Set<string>();
  for (const c of claims) {
    for (const link of c.links) {
      if (link.relation !== 'contradicts') continue;
      const other = byId.get(link.claimId);
      if (!other) continue;
      const pair = [c.id, other.id].sort().join('\u0001');
      if (seen.has(pair)) continue;
      seen.add(pair);
      const quote = (x: DiscrepancyClaim): string => short(x.statement || x.target.exact);
      out.push({
        id: `disc-${hash(`contradiction\u0001${pair}`)}`,
        kind: 'contradiction',
        summary: `"${quote(c)}" is contradicted by "${quote(other)}"`,
        items: [c, other].map((x) => ({ articleId: x.articleId, start: x.target.start, end: x.target.end, text: x.target.exact })),
      });
    }
  }
  return out;
}

function* combinations(list: readonly string[], k: number): Generator<string> {
  if (k <= 0 || list.length < k) return;
  if (k === 1) {
    for (const x of list) yield x;
    return;
  }
  const sorted = [...list].sort();
  for (let i = 0; i <= sorted.length - k; i++) for (const rest of combinations(sorted.slice(i + 1), k - 1)) yield `${sorted[i]}\u0001${rest}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function short(s: string): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > 80 ? `${t.slice(0, 77)}…` : t;
}
