/**
 * Alias proposals: names in the notebook that are probably one entity spelled differently
 * ("Dovilė Žemaitytė" / "Dovile Zemaityte" / "Dovilė Žemaitė", "Aleksei Navalny" / "Alexey
 * Navalnyj" / "Алексей Навальный"). Names are compared on two keys: the folded name (case,
 * diacritics, punctuation) and a transliteration key (Cyrillic to Latin, then the usual
 * variant spellings collapsed), then by a small edit distance on that key. Guards keep
 * look-alikes apart: two known countries never merge (Austria/Australia, Iran/Iraq), a person's
 * given name must agree, short names must match exactly, numbers and dates never merge.
 *
 * `AliasIndex` is incremental: adding names compares each new name only with the names in its
 * blocks (same kind, same first letters), so one import costs time in proportion to its own
 * names, not the notebook's; `proposals()` then groups the pairwise links (union-find, linear in
 * the links) under the analyst's decisions.
 */
import type { EntityKind } from './types';
import { fold } from '../search/fold';
import { PLACES } from './lexicon';

export type AliasReason = 'diacritics' | 'case' | 'transliteration' | 'edit-distance';

export interface AliasCandidate {
  id: string;
  name: string;
  kind: EntityKind;
  /** How often the name occurs (mentions); used to order names and to weigh the score. */
  count: number;
}

export interface AliasProposal {
  /** Stable: derived from the sorted member names, so a decision about it survives a rerun. */
  id: string;
  kind: EntityKind;
  /** Member names, most frequent first. */
  names: string[];
  entityIds: string[];
  /** 0-1: how sure the proposal is (exact folds score high, edit distance lower). */
  score: number;
  /** The weakest link that holds the group together. */
  reason: AliasReason;
  status: 'pending' | 'confirmed';
}

export interface AliasDecision {
  proposalId: string;
  decision: 'confirm' | 'reject';
  /**
   * The proposal's names at the time of the decision. With them a rejection also keeps these names
   * apart when a later import would link them through a new spelling; without them only a proposal
   * with exactly this id is affected.
   */
  names?: string[];
}

// ---------------------------------------------------------------------------------------------
// Keys

/** Case, diacritics and punctuation folded: "Žemaitytė" → "zemaityte", "the U.S." → "us". */
export function foldName(s: string): string {
  return fold(s)
    .replace(/['’`.]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .replace(/^the /, '');
}

const CYRILLIC: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k',
  л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts',
  ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya', і: 'i', ї: 'yi',
  є: 'ye', ґ: 'g', ў: 'u',
};
/** Latin letters whose diacritic marks a transliteration ("š" is "sh", not "s"). */
const LATIN_TRANSLIT: Record<string, string> = { š: 'sh', ž: 'zh', č: 'ch', ć: 'ch', ś: 'sh', ź: 'zh', ż: 'zh', ł: 'l', ß: 'ss', ñ: 'n', ř: 'rzh' };
const CYRILLIC_RE = /[\u0400-\u04ff]/g;
const LATIN_TRANSLIT_RE = /[šžčćśźżłßñř]/g;

/** The spelling rules applied in order to a folded name (ASCII by then). */
const VARIANT_RULES: [RegExp, string][] = [
  [/tsch|tch/g, 'ch'],
  [/shch|sch/g, 'sh'],
  [/kh|ch/g, 'h'],
  [/ts|tz/g, 'c'],
  [/ks|x/g, 'x'],
  [/ph/g, 'f'],
  [/w/g, 'v'],
  [/zh/g, 'z'],
  [/[jy]/g, 'i'],
  [/\bie|\bye/g, 'e'],
  [/([a-z])\1+/g, '$1'],
];

/**
 * A key on which common transliteration variants coincide: Cyrillic → Latin; y/j/i; ks/x;
 * sch/sh/š; kh/h/ch; ts/c/tz; w/v; double letters single. "Чайковский", "Tchaikovsky" and
 * "Tschaikowski" share "haikovski".
 */
export function transliterationKey(s: string): string {
  let t = s.toLowerCase().replace(CYRILLIC_RE, (c) => CYRILLIC[c] ?? c).replace(LATIN_TRANSLIT_RE, (c) => LATIN_TRANSLIT[c] ?? c);
  t = foldName(t);
  for (const [re, to] of VARIANT_RULES) t = t.replace(re, to);
  return t;
}

/** Levenshtein distance, or `max + 1` as soon as it must exceed `max` (early exit per row). */
export function boundedEditDistance(a: string, b: string, max: number): number {
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > max) return max + 1;
  if (a === b) return 0;
  let prev = ROW_A.length > lb ? ROW_A : (ROW_A = new Int32Array(lb + 16));
  let cur = ROW_B.length > lb ? ROW_B : (ROW_B = new Int32Array(lb + 16));
  for (let j = 0; j <= lb; j++) prev[j] = j;
  for (let i = 1; i <= la; i++) {
    cur[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= lb; j++) {
      const sub = prev[j - 1]! + (ca === b.charCodeAt(j - 1) ? 0 : 1);
      const del = prev[j]! + 1;
      const ins = cur[j - 1]! + 1;
      const v = sub < del ? (sub < ins ? sub : ins) : del < ins ? del : ins;
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const t = prev;
    prev = cur;
    cur = t;
  }
  return Math.min(prev[lb]!, max + 1);
}
// Reused rows: the comparison runs millions of times in a large notebook.
let ROW_A = new Int32Array(64);
let ROW_B = new Int32Array(64);

/** Edits allowed in a word of this length (the longer spelling): none up to 4 letters, 1 up to 7, 2 beyond. */
function allowedEdits(len: number): number {
  return len <= 4 ? 0 : len <= 7 ? 1 : 2;
}

/** "dovile"/"doviles", "anna"/"annas": one word is the other with an inflection ending (≤ 2 letters). */
function inflected(x: string, y: string): boolean {
  const [s, l] = x.length <= y.length ? [x, y] : [y, x];
  return s.length >= 3 && l.length - s.length <= 2 && l.startsWith(s);
}

// ---------------------------------------------------------------------------------------------
// The index

interface Entry {
  id: string;
  name: string;
  kind: EntityKind;
  count: number;
  folded: string;
  key: string;
  tokens: string[];
}

interface Link {
  a: string;
  b: string;
  reason: AliasReason;
  score: number;
}

const REASON_RANK: Record<AliasReason, number> = { case: 0, diacritics: 1, transliteration: 2, 'edit-distance': 3 };
const NEVER_MERGED: ReadonlySet<EntityKind> = new Set(['date', 'number']);

export class AliasIndex {
  private readonly entries = new Map<string, Entry>();
  /** Block key → entry ids. A name sits in two blocks so one typo in a first letter is tolerated. */
  private readonly blocks = new Map<string, string[]>();
  private readonly links = new Map<string, Link>();

  /** How many names the index holds. */
  get size(): number {
    return this.entries.size;
  }

  /**
   * Add names (or update counts of names already present). Each new name is compared with the
   * names in its blocks only. Returns how many pairwise comparisons were made (for benchmarks).
   */
  add(candidates: Iterable<AliasCandidate>): number {
    let comparisons = 0;
    for (const c of candidates) {
      const existing = this.entries.get(c.id);
      if (existing) {
        existing.count = c.count;
        continue;
      }
      if (NEVER_MERGED.has(c.kind)) continue;
      const folded = foldName(c.name);
      if (!folded) continue;
      const key = transliterationKey(c.name);
      const e: Entry = { id: c.id, name: c.name, kind: c.kind, count: c.count, folded, key, tokens: key.split(' ') };
      this.entries.set(c.id, e);
      const seen = new Set<string>();
      for (const block of blockKeys(e)) {
        const members = this.blocks.get(block);
        if (members) {
          for (const otherId of members) {
            if (seen.has(otherId)) continue;
            seen.add(otherId);
            comparisons++;
            const other = this.entries.get(otherId)!;
            const link = compare(e, other);
            if (link) this.links.set(pairKey(e.id, other.id), link);
          }
          members.push(e.id);
        } else this.blocks.set(block, [e.id]);
      }
    }
    return comparisons;
  }

  /** Remove a name (an entity deleted or merged away). */
  remove(id: string): void {
    const e = this.entries.get(id);
    if (!e) return;
    this.entries.delete(id);
    for (const block of blockKeys(e)) {
      const members = this.blocks.get(block);
      if (members) this.blocks.set(block, members.filter((m) => m !== id));
    }
    for (const [k, l] of this.links) if (l.a === id || l.b === id) this.links.delete(k);
  }

  /**
   * The current proposals: groups of linked names, strongest links first, never joining two names
   * a rejection keeps apart. Rejected proposals are left out; confirmed ones are returned with
   * status "confirmed". Ordered by score, then by name.
   */
  proposals(decisions: readonly AliasDecision[] = []): AliasProposal[] {
    const rejectedIds = new Set(decisions.filter((d) => d.decision === 'reject').map((d) => d.proposalId));
    const confirmedIds = new Set(decisions.filter((d) => d.decision === 'confirm').map((d) => d.proposalId));
    // Names a rejection keeps apart, by folded name (ids change when entities are rebuilt).
    const apart = new Map<string, Set<string>>();
    for (const d of decisions) {
      if (d.decision !== 'reject' || !d.names) continue;
      const folded = d.names.map(foldName);
      for (const a of folded) for (const b of folded) if (a !== b) (apart.get(a) ?? apart.set(a, new Set()).get(a)!).add(b);
    }
    const links = [...this.links.values()].sort((x, y) => y.score - x.score || REASON_RANK[x.reason] - REASON_RANK[y.reason]);
    const parent = new Map<string, string>();
    const members = new Map<string, string[]>();
    const find = (x: string): string => {
      let r = x;
      while (parent.get(r) !== r) r = parent.get(r)!;
      let c = x;
      while (c !== r) {
        const n = parent.get(c)!;
        parent.set(c, r);
        c = n;
      }
      return r;
    };
    const ensure = (x: string): void => {
      if (!parent.has(x)) {
        parent.set(x, x);
        members.set(x, [x]);
      }
    };
    const groupLinks = new Map<string, Link[]>();
    const accepted: Link[] = [];
    for (const l of links) {
      ensure(l.a);
      ensure(l.b);
      let ra = find(l.a);
      let rb = find(l.b);
      if (ra === rb) {
        accepted.push(l);
        continue;
      }
      if (apart.size > 0 && keptApart(members.get(ra)!, members.get(rb)!, apart, this.entries)) continue;
      if (members.get(ra)!.length < members.get(rb)!.length) [ra, rb] = [rb, ra];
      parent.set(rb, ra);
      members.get(ra)!.push(...members.get(rb)!);
      members.delete(rb);
      accepted.push(l);
    }
    for (const l of accepted) {
      const r = find(l.a);
      (groupLinks.get(r) ?? groupLinks.set(r, []).get(r)!).push(l);
    }
    const out: AliasProposal[] = [];
    for (const [root, ids] of members) {
      if (ids.length < 2) continue;
      const entries = ids.map((id) => this.entries.get(id)!).sort((x, y) => y.count - x.count || x.name.localeCompare(y.name));
      const names = entries.map((e) => e.name);
      const id = proposalId(entries[0]!.kind, names);
      if (rejectedIds.has(id)) continue;
      const gl = groupLinks.get(root) ?? [];
      const weakest = gl.reduce((w, l) => (REASON_RANK[l.reason] > REASON_RANK[w.reason] ? l : w), gl[0]!);
      const score = Math.round(Math.min(...gl.map((l) => l.score)) * 1000) / 1000;
      out.push({ id, kind: entries[0]!.kind, names, entityIds: entries.map((e) => e.id), score, reason: weakest.reason, status: confirmedIds.has(id) ? 'confirmed' : 'pending' });
    }
    return out.sort((x, y) => y.score - x.score || x.names[0]!.localeCompare(y.names[0]!));
  }
}

/** Proposals for a set of names in one call: `new AliasIndex()`, `add`, `proposals`. */
export function proposeAliasMerges(entities: readonly AliasCandidate[], decisions: readonly AliasDecision[] = []): AliasProposal[] {
  const index = new AliasIndex();
  index.add(entities);
  return index.proposals(decisions);
}

/** The id of the proposal that groups these names: "alias-" and a hash of kind and sorted folded names. */
export function proposalId(kind: EntityKind, names: readonly string[]): string {
  const sorted = [...new Set(names.map(foldName))].sort();
  // Folding first: the same group under a new majority spelling keeps its id.
  return `alias-${hash(`${kind}\u0001${sorted.join('\u0001')}`)}`;
}

/** FNV-1a, 2 × 32 bits, as 16 hex digits: stable across runs and platforms. */
export function hash(s: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) ^ (h2 >>> 15);
  }
  return (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
}

function pairKey(a: string, b: string): string {
  return a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
}

function keptApart(xs: string[], ys: string[], apart: Map<string, Set<string>>, entries: Map<string, Entry>): boolean {
  for (const x of xs) {
    const set = apart.get(entries.get(x)!.folded);
    if (!set) continue;
    for (const y of ys) if (set.has(entries.get(y)!.folded)) return true;
  }
  return false;
}

/**
 * Blocks a name is filed under; only names sharing a block are compared. The keys follow the
 * merge rules in `compare`, so blocking loses (almost) nothing: every word of two mergeable
 * names starts with the same letter, and a person's given names share their first three letters
 * (equal up to an inflection ending). Multi-word names: initials + the first word's first three
 * letters, and initials + the last word's first three letters (a typo early in one word is
 * caught by the other block). One word: its first two letters, and its first letter with its
 * length (a changed second letter).
 */
function blockKeys(e: Entry): string[] {
  const k = e.key;
  if (e.tokens.length === 1) {
    return [`${e.kind}|1|${k.slice(0, 2)}`, `${e.kind}|1|${k[0]}|${k.length >> 1}`, `${e.kind}|1|${k[0]}|${(k.length + 1) >> 1}`];
  }
  let initials = '';
  for (const t of e.tokens) initials += t[0] ?? '';
  const firstWord = e.tokens[0]!.slice(0, 3);
  if (e.kind === 'person') return [`${e.kind}|${initials}|${firstWord}`];
  return [`${e.kind}|${initials}|${firstWord}`, `${e.kind}|${initials}|-${e.tokens[e.tokens.length - 1]!.slice(0, 3)}`];
}

function compare(a: Entry, b: Entry): Link | null {
  // Cheapest test first: no rule below joins keys more than two letters apart in length.
  if (a.kind !== b.kind || Math.abs(a.key.length - b.key.length) > 2) return null;
  if (a.folded === b.folded) {
    const plain = (s: string): string => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
    const reason: AliasReason = plain(a.name) === plain(b.name) ? 'case' : 'diacritics';
    return { a: a.id, b: b.id, reason, score: reason === 'case' ? 0.99 : 0.95 };
  }
  // Two different known places are two places, however alike ("Austria"/"Australia", "Iran"/"Iraq").
  if (a.kind === 'place' || a.kind === 'other' || a.kind === 'organization') {
    if (PLACES.has(a.folded) && PLACES.has(b.folded)) return null;
  }
  if (a.key === b.key) return { a: a.id, b: b.id, reason: 'transliteration', score: 0.85 };
  // A listed place is spelled the listed way; a near miss is another word ("Lithuanian", "Nigeria").
  if (PLACES.has(a.folded) || PLACES.has(b.folded)) return null;
  if (a.tokens.length !== b.tokens.length) return null;
  // Word by word: each word within its own allowance, and the whole within 2 edits.
  let total = 0;
  const last = a.tokens.length - 1;
  for (let i = 0; i <= last; i++) {
    const x = a.tokens[i]!;
    const y = b.tokens[i]!;
    if (x === y) continue;
    // A person's given name must agree, up to an inflection ending ("Dovilė"/"Dovilės"):
    // "Anna Kovacs" and "Anna Novak" share only the given name; "Anna" and "Hanna" are two people.
    if (a.kind === 'person' && i < last) {
      // Long given names may also differ by one letter ("Aleksandr"/"Alexander" once transliterated).
      const d = inflected(x, y) ? Math.abs(x.length - y.length) : x[0] === y[0] && Math.min(x.length, y.length) >= 6 ? boundedEditDistance(x, y, 1) : 2;
      if (d > (inflected(x, y) ? 2 : 1)) return null;
      total += d;
      if (total > 2) return null;
      continue;
    }
    const allowed = allowedEdits(Math.max(x.length, y.length));
    if (allowed === 0) return null;
    const d = boundedEditDistance(x, y, allowed);
    if (d > allowed) return null;
    // The first letter of a word carries the most identity ("Mills"/"Wills").
    if (x[0] !== y[0]) return null;
    // Two letters replaced in a word of the same length is another word ("Slovakia"/"Slovenia");
    // misspellings drop or add letters.
    if (d === 2 && x.length === y.length) return null;
    total += d;
    if (total > 2) return null;
  }
  if (total === 0) return { a: a.id, b: b.id, reason: 'transliteration', score: 0.85 };
  const length = Math.max(a.key.length, b.key.length);
  return { a: a.id, b: b.id, reason: 'edit-distance', score: Math.max(0.5, 0.8 - (0.3 * total) / Math.max(4, length / 3)) };
}
