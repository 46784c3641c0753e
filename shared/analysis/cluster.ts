/**
 * Entity records from mentions: mentions with the same normalised name (same kind) are one
 * entity; confirmed alias merges join entities further. `EntityIndex` keeps the groups
 * between imports: adding an article touches only its own mentions and feeds only names new to
 * the notebook to the alias index, so one import never redoes the notebook.
 */
import type { Entity } from '../model/schemas';
import type { EntityKind } from './types';
import { type AliasDecision, AliasIndex, type AliasProposal, hash } from './aliases';
import type { Mention } from './entities';

export interface ArticleMentions {
  articleId: string;
  mentions: readonly Mention[];
}

/** A confirmed merge: an AliasProposal with status "confirmed" fits, as does `{kind, names}`. */
export interface MergeGroup {
  kind: EntityKind;
  names: readonly string[];
}

type StoredMention = Entity['mentions'][number] & { form: string };

interface Group {
  key: string;
  id: string;
  kind: EntityKind;
  /** Normalised spellings → how many mentions use each. */
  forms: Map<string, number>;
  /** Mentions by article (with the normalised form each used), so an article can be replaced alone. */
  byArticle: Map<string, StoredMention[]>;
  count: number;
}

/** The entity id of a kind and normalised name: stable across runs ("ent-" and a hash). */
export function entityId(kind: EntityKind, normalized: string): string {
  return `ent-${hash(groupKey(kind, normalized))}`;
}

/**
 * Mentions group by their exact normalised form: even a case or diacritic variant is a separate
 * name until the analyst confirms the alias proposal that joins them (the decision is theirs).
 */
function groupKey(kind: EntityKind, normalized: string): string {
  return `${kind}|${normalized.replace(/\s+/g, ' ').trim()}`;
}

export class EntityIndex {
  private readonly groups = new Map<string, Group>();
  private readonly articles = new Map<string, Set<string>>();
  /** Alias candidates: one per name group (person, organisation, place, other). */
  readonly aliases = new AliasIndex();

  /** Number of name groups (before merges). */
  get size(): number {
    return this.groups.size;
  }

  /** Add (or replace) one article's mentions. */
  addArticle(articleId: string, mentions: readonly Mention[]): void {
    if (this.articles.has(articleId)) this.removeArticle(articleId);
    const keys = new Set<string>();
    const fresh: Group[] = [];
    for (const m of mentions) {
      const key = groupKey(m.kind, m.normalized);
      if (key.endsWith('|')) continue;
      let g = this.groups.get(key);
      if (!g) {
        g = { key, id: `ent-${hash(key)}`, kind: m.kind, forms: new Map(), byArticle: new Map(), count: 0 };
        this.groups.set(key, g);
        fresh.push(g);
      }
      g.forms.set(m.normalized, (g.forms.get(m.normalized) ?? 0) + 1);
      let list = g.byArticle.get(articleId);
      if (!list) g.byArticle.set(articleId, (list = []));
      list.push({ articleId, start: m.start, end: m.end, text: m.text, form: m.normalized });
      g.count++;
      keys.add(key);
    }
    this.articles.set(articleId, keys);
    // Only new names are compared; counts of known names are refreshed in place.
    this.aliases.add(fresh.map((g) => ({ id: g.id, name: mainForm(g), kind: g.kind, count: g.count })));
  }

  /** Remove one article's mentions (an article deleted or re-imported). */
  removeArticle(articleId: string): void {
    const keys = this.articles.get(articleId);
    if (!keys) return;
    this.articles.delete(articleId);
    for (const key of keys) {
      const g = this.groups.get(key);
      if (!g) continue;
      const list = g.byArticle.get(articleId) ?? [];
      g.byArticle.delete(articleId);
      g.count -= list.length;
      for (const m of list) {
        const left = (g.forms.get(m.form) ?? 0) - 1;
        if (left > 0) g.forms.set(m.form, left);
        else g.forms.delete(m.form);
      }
      if (g.count <= 0) {
        this.groups.delete(key);
        this.aliases.remove(g.id);
      }
    }
  }

  /** Alias proposals over every name in the index. */
  proposals(decisions: readonly AliasDecision[] = []): AliasProposal[] {
    return this.aliases.proposals(decisions);
  }

  /**
   * Entity records, with confirmed merges applied. Ordered by number of mentions, most first.
   * `kinds` limits the result (dates and numbers are many; most views want names).
   */
  entities(merges: readonly MergeGroup[] = [], kinds?: readonly EntityKind[]): Entity[] {
    const wanted = kinds ? new Set(kinds) : null;
    // Union the groups that a confirmed merge names.
    const parent = new Map<string, string>();
    const find = (x: string): string => {
      while (parent.has(x) && parent.get(x) !== x) x = parent.get(x)!;
      return x;
    };
    for (const merge of merges) {
      const keys = merge.names.map((n) => groupKey(merge.kind, n)).filter((k) => this.groups.has(k));
      for (let i = 1; i < keys.length; i++) {
        const a = find(keys[0]!);
        const b = find(keys[i]!);
        if (a === b) continue;
        // The bigger group gives the merged entity its id.
        const [root, child] = this.groups.get(a)!.count >= this.groups.get(b)!.count ? [a, b] : [b, a];
        parent.set(root, root);
        parent.set(child, root);
      }
    }
    const merged = new Map<string, Group[]>();
    for (const g of this.groups.values()) {
      if (wanted && !wanted.has(g.kind)) continue;
      const root = find(g.key);
      (merged.get(root) ?? merged.set(root, []).get(root)!).push(g);
    }
    const out: Entity[] = [];
    for (const [root, groups] of merged) {
      const forms = new Map<string, number>();
      const mentions: Entity['mentions'] = [];
      for (const g of groups) {
        for (const [f, c] of g.forms) forms.set(f, (forms.get(f) ?? 0) + c);
        for (const list of g.byArticle.values()) for (const m of list) mentions.push({ articleId: m.articleId, start: m.start, end: m.end, text: m.text });
      }
      const ranked = [...forms].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]));
      const name = ranked[0]![0];
      mentions.sort((x, y) => (x.articleId < y.articleId ? -1 : x.articleId > y.articleId ? 1 : x.start - y.start));
      out.push({ id: this.groups.get(root)!.id, name, kind: groups[0]!.kind, aliases: ranked.slice(1).map(([f]) => f), mentions });
    }
    return out.sort((x, y) => y.mentions.length - x.mentions.length || x.name.localeCompare(y.name));
  }
}

/** Entities from the mentions of many articles, with confirmed merges applied. */
export function clusterEntities(articles: Iterable<ArticleMentions>, merges: readonly MergeGroup[] = [], kinds?: readonly EntityKind[]): Entity[] {
  const index = new EntityIndex();
  for (const a of articles) index.addArticle(a.articleId, a.mentions);
  return index.entities(merges, kinds);
}

function mainForm(g: Group): string {
  let best = '';
  let n = -1;
  for (const [f, c] of g.forms) if (c > n || (c === n && f < best)) [best, n] = [f, c];
  return best;
}
