/**
 * Independent origins of a set of linked claims (Admiralty "confirmed by other sources" counts
 * independent sources only). Each claim rests on the originators its article names ("according to
 * Zaria", "reported by Reuters"), or, when it names none, on its own outlet. Claims that share any
 * origin are one origin: two outlets repeating the same agency report corroborate nothing, and an
 * outlet citing an agency is not independent of the agency's own article.
 */
import { foldName } from './aliases';

export interface OriginInput {
  /** The claim (or article) this entry stands for; echoed in the groups. */
  claimId?: string;
  articleId: string;
  /** The article's outlet, or null when unknown (then the article counts as its own origin). */
  outlet: string | null;
  /** Names the article attributes its information to (findOriginators, or Sources linked by the analyst). */
  originators: readonly string[];
}

export interface OriginGroup {
  /** Display name of the origin: the originator or outlet named most often in the group. */
  origin: string;
  /** Every outlet and originator name in the group. */
  names: string[];
  claimIds: string[];
  articleIds: string[];
}

export interface IndependenceResult {
  /** One display name per independent origin, sorted. */
  origins: string[];
  /** How many independent origins: origins.length. */
  independent: number;
  groups: OriginGroup[];
}

export interface IndependenceOptions {
  /**
   * Names that are one source (confirmed aliases: "Zaria" / "Zaria News Agency" / "ZNA"). Each
   * inner list is one source.
   */
  sameSource?: readonly (readonly string[])[];
}

/** Generic words around an agency's name: "Zaria News Agency" and "Zaria" are one source. */
const GENERIC_TAIL_RE = /\s+(?:news agency|state news agency|agency|news service|wire service|press agency|news|newspaper|daily|online)$/;

/** The key a source name is compared on. */
export function originKey(name: string): string {
  const base = name.replace(/\([^)]*\)/g, ' ').split(',')[0]!;
  let k = foldName(base);
  while (GENERIC_TAIL_RE.test(k)) k = k.replace(GENERIC_TAIL_RE, '');
  return k || foldName(name);
}

/** Count the independent origins of `items` (see the module comment). */
export function countIndependentOrigins(items: readonly OriginInput[], opts: IndependenceOptions = {}): IndependenceResult {
  const alias = new Map<string, string>();
  for (const group of opts.sameSource ?? []) {
    const keys = group.map(originKey);
    for (const k of keys) alias.set(k, keys[0]!);
  }
  const canon = (name: string): string => {
    const k = originKey(name);
    return alias.get(k) ?? k;
  };

  // Union-find over origin keys; every item joins the keys it rests on.
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    if (!parent.has(x)) parent.set(x, x);
    while (parent.get(x) !== x) {
      parent.set(x, parent.get(parent.get(x)!)!);
      x = parent.get(x)!;
    }
    return x;
  };
  const union = (a: string, b: string): void => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(rb, ra);
  };
  const itemKeys = items.map((item) => {
    const names = item.originators.filter((n) => n.trim()).length > 0 ? item.originators.filter((n) => n.trim()) : [item.outlet ?? `article:${item.articleId}`];
    const keys = names.map((n) => (n.startsWith('article:') ? n : canon(n)));
    for (const k of keys.slice(1)) union(keys[0]!, k);
    return { item, names, keys };
  });
  // An agency's own article (outlet "Zaria News Agency", no originator) keys as "zaria" too, so it
  // falls into the same group as the articles that cite it.

  const groups = new Map<string, { names: Map<string, number>; claimIds: Set<string>; articleIds: Set<string> }>();
  for (const { item, names, keys } of itemKeys) {
    const root = find(keys[0]!);
    let g = groups.get(root);
    if (!g) groups.set(root, (g = { names: new Map(), claimIds: new Set(), articleIds: new Set() }));
    for (const n of names) if (!n.startsWith('article:')) g.names.set(n, (g.names.get(n) ?? 0) + 1);
    if (item.claimId) g.claimIds.add(item.claimId);
    g.articleIds.add(item.articleId);
  }
  const out: OriginGroup[] = [];
  for (const g of groups.values()) {
    const ranked = [...g.names].sort((a, b) => b[1] - a[1] || a[0].length - b[0].length || a[0].localeCompare(b[0]));
    const origin = ranked[0]?.[0] ?? `article ${[...g.articleIds][0]}`;
    out.push({ origin, names: ranked.map(([n]) => n), claimIds: [...g.claimIds].sort(), articleIds: [...g.articleIds].sort() });
  }
  out.sort((a, b) => a.origin.localeCompare(b.origin));
  return { origins: out.map((g) => g.origin), independent: out.length, groups: out };
}
