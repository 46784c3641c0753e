/**
 * Handlers of the `tags.*` methods: the tag hierarchy and what changing it does to the highlights and
 * claims that carry the tags. Record changes are written one article shard at a time
 * (putAnnotations / putClaims), so a merge across a thousand highlights is one write per article.
 */
import { randomUUID } from 'node:crypto';
import type { Handlers } from '../../shared/api/contract';
import type { TagChangeReport, TaggedRecord, tagMethods, TagUndo, TagUsage } from '../../shared/api/methods/tags';
import { DossierError } from '../../shared/api/result';
import type { Annotation, Claim, Tag } from '../../shared/model/schemas';
import type { NotebookStore } from '../store/notebook-store';
import type { ServiceContext } from './context';

/** A calm palette that reads in both themes; new tags take the next colour. */
export const TAG_COLORS = ['#e5b93c', '#5aa9e6', '#7bc67b', '#e57373', '#b085f5', '#4db6ac', '#ff9f5a', '#a1887f'];

/** How many article shards are read or written at once. */
const SHARD_CONCURRENCY = 8;

const sameName = (a: string, b: string): boolean => a.trim().toLocaleLowerCase() === b.trim().toLocaleLowerCase();

function describe(tag: Tag): string {
  return `"${tag.name}"`;
}

/** `id` and every tag below it. */
export function descendantIds(tags: readonly Tag[], id: string): Set<string> {
  const children = new Map<string | null, string[]>();
  for (const t of tags) children.set(t.parentId, [...(children.get(t.parentId) ?? []), t.id]);
  const out = new Set<string>();
  const stack = [id];
  while (stack.length > 0) {
    const next = stack.pop()!;
    if (out.has(next)) continue; // a damaged file with a cycle must not loop forever
    out.add(next);
    stack.push(...(children.get(next) ?? []));
  }
  return out;
}

/**
 * Rewrites the tags of every highlight and claim through `rewrite` (returns null for "unchanged"),
 * one write per article shard. Returns the previous tags of each changed record (for undo) and the
 * articles touched.
 */
async function rewriteRecordTags(
  store: NotebookStore,
  stamp: string,
  rewrite: (tags: readonly string[]) => string[] | null,
): Promise<{ highlights: TaggedRecord[]; claims: TaggedRecord[]; articleIds: string[] }> {
  const highlightsByArticle = new Map<string, TaggedRecord[]>();
  const touched = new Set<string>();
  // Shards are independent files: read and rewrite several at once (each write is fsynced).
  await eachLimited(store.listArticles(), SHARD_CONCURRENCY, async (article) => {
    const changed: Annotation[] = [];
    const before: TaggedRecord[] = [];
    for (const a of await store.listAnnotations(article.id)) {
      const next = rewrite(a.tags);
      if (!next) continue;
      before.push({ articleId: a.articleId, id: a.id, tags: a.tags });
      changed.push({ ...a, tags: next, updatedAt: stamp });
    }
    if (changed.length === 0) return;
    await store.putAnnotations(article.id, changed);
    highlightsByArticle.set(article.id, before);
    touched.add(article.id);
  });
  const claims: TaggedRecord[] = [];
  const claimsByArticle = new Map<string, Claim[]>();
  for (const c of await store.listClaims()) {
    const next = rewrite(c.tags);
    if (!next) continue;
    // A claim shard may outlive its article (removed since); such claims are left as they are.
    if (!store.getArticleSummary(c.articleId)) continue;
    claims.push({ articleId: c.articleId, id: c.id, tags: c.tags });
    claimsByArticle.set(c.articleId, [...(claimsByArticle.get(c.articleId) ?? []), { ...c, tags: next, updatedAt: stamp }]);
  }
  await eachLimited([...claimsByArticle], SHARD_CONCURRENCY, async ([articleId, list]) => {
    await store.putClaims(articleId, list);
    touched.add(articleId);
  });
  // Catalogue order, whatever order the shards finished in.
  const highlights = store.listArticles().flatMap((a) => highlightsByArticle.get(a.id) ?? []);
  return { highlights, claims, articleIds: [...touched] };
}

/** Runs `job` over `items` with at most `limit` running at once; the first failure rejects. */
async function eachLimited<T>(items: readonly T[], limit: number, job: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await job(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** Maps tag ids through `mapping` (absent: kept; null: dropped), keeping order and dropping repeats. */
function mapTags(tags: readonly string[], mapping: ReadonlyMap<string, string | null>): string[] | null {
  if (!tags.some((t) => mapping.has(t))) return null;
  const out: string[] = [];
  for (const t of tags) {
    const next = mapping.has(t) ? mapping.get(t)! : t;
    if (next !== null && !out.includes(next)) out.push(next);
  }
  return out;
}

interface FoldPlan {
  /** Tag id -> the tag that replaces it on records (null: removed from records). */
  mapping: Map<string, string | null>;
  /** Tags that stay but get a new parent. */
  moves: Tag[];
  /** Tags that disappear. */
  removed: Set<string>;
  movedChildren: number;
  mergedChildren: number;
}

/**
 * Plans folding the children of `fromId` under `parentId`: a child whose name is free there moves;
 * a child whose name is taken merges into the namesake (recursively, so the hierarchy below merges too).
 */
function planChildren(tags: readonly Tag[], fromId: string, parentId: string | null, plan: FoldPlan, depth = 0): void {
  const children = tags.filter((t) => t.parentId === fromId && !plan.removed.has(t.id));
  for (const child of children) {
    const namesake = tags.find(
      (t) => t.parentId === parentId && t.id !== child.id && t.id !== fromId && !plan.removed.has(t.id) && sameName(t.name, child.name),
    );
    const movedAlready = plan.moves.find((m) => m.parentId === parentId && m.id !== child.id && sameName(m.name, child.name));
    const target = namesake ?? movedAlready;
    if (target && depth < 64) {
      plan.mapping.set(child.id, target.id);
      plan.removed.add(child.id);
      plan.mergedChildren += 1;
      planChildren(tags, child.id, target.id, plan, depth + 1);
    } else {
      plan.moves.push({ ...child, parentId });
      plan.movedChildren += 1;
    }
  }
}

export function createTagHandlers({ store, emit, now }: ServiceContext): Handlers<keyof typeof tagMethods> {
  // Structural changes read the whole hierarchy then write several files: one at a time per notebook.
  let lane: Promise<unknown> = Promise.resolve();
  const serial = <T>(job: () => Promise<T>): Promise<T> => {
    const run = lane.then(job, job);
    lane = run.catch(() => {});
    return run;
  };

  const requireTag = (tags: readonly Tag[], id: string, role = 'tag'): Tag => {
    const tag = tags.find((t) => t.id === id);
    if (!tag) throw new DossierError('not-found', `No ${role} with id ${id}.`);
    return tag;
  };

  const changed = (articleIds: string[] = []): void => emit({ type: 'tags.changed', articleIds });

  /** Applies a fold plan: records first (while every target exists), then moves, then removals. */
  const applyPlan = async (plan: FoldPlan, before: Tag[]): Promise<TagChangeReport & { articleIds: string[] }> => {
    const stamp = now().toISOString();
    const records = await rewriteRecordTags(store, stamp, (tags) => mapTags(tags, plan.mapping));
    for (const tag of plan.moves) await store.putTag(tag);
    for (const id of plan.removed) await store.deleteTag(id);
    const touchedIds = new Set([...plan.removed, ...plan.moves.map((m) => m.id)]);
    const undo: TagUndo = {
      tags: before.filter((t) => touchedIds.has(t.id)),
      highlights: records.highlights,
      claims: records.claims,
    };
    return {
      highlights: records.highlights.length,
      claims: records.claims.length,
      movedChildren: plan.movedChildren,
      mergedChildren: plan.mergedChildren,
      undo,
      articleIds: records.articleIds,
    };
  };

  return {
    'tags.list': async () => store.listTags(),

    'tags.create': ({ name, parentId = null, color }) =>
      serial(async () => {
        const tags = await store.listTags();
        const trimmed = name.trim();
        if (!trimmed) throw new DossierError('invalid-input', 'A tag needs a name.');
        if (parentId) requireTag(tags, parentId, 'parent tag');
        const existing = tags.find((t) => t.parentId === parentId && sameName(t.name, trimmed));
        if (existing) return existing;
        const tag: Tag = {
          id: randomUUID(),
          name: trimmed,
          parentId,
          color: color ?? TAG_COLORS[tags.length % TAG_COLORS.length]!,
        };
        await store.putTag(tag);
        changed();
        return tag;
      }),

    'tags.update': ({ id, name, color, parentId }) =>
      serial(async () => {
        const tags = await store.listTags();
        const current = requireTag(tags, id);
        const next: Tag = { ...current };
        if (name !== undefined) {
          const trimmed = name.trim();
          if (!trimmed) throw new DossierError('invalid-input', `Tag ${describe(current)} needs a name; an empty name was given.`);
          next.name = trimmed;
        }
        if (color !== undefined) next.color = color;
        if (parentId !== undefined) {
          if (parentId !== null) {
            const parent = requireTag(tags, parentId, 'parent tag');
            if (descendantIds(tags, id).has(parentId)) {
              throw new DossierError(
                'conflict',
                parentId === id
                  ? `Tag ${describe(current)} cannot be its own parent.`
                  : `Tag ${describe(current)} cannot move under ${describe(parent)}: ${describe(parent)} is inside it.`,
              );
            }
          }
          next.parentId = parentId;
        }
        const clash = tags.find((t) => t.id !== id && t.parentId === next.parentId && sameName(t.name, next.name));
        if (clash) {
          const where = next.parentId ? `under ${describe(requireTag(tags, next.parentId))}` : 'at the top level';
          throw new DossierError('conflict', `There is already a tag named ${describe(clash)} ${where}; merge them instead.`);
        }
        if (next.name === current.name && next.color === current.color && next.parentId === current.parentId) return current;
        await store.putTag(next);
        changed();
        return next;
      }),

    'tags.usage': async () => {
      const tags = await store.listTags();
      const counts = new Map<string, TagUsage>(tags.map((t) => [t.id, { tagId: t.id, highlights: 0, claims: 0 }]));
      await eachLimited(store.listArticles(), SHARD_CONCURRENCY * 2, async (article) => {
        for (const a of await store.listAnnotations(article.id)) {
          for (const t of new Set(a.tags)) {
            const entry = counts.get(t);
            if (entry) entry.highlights += 1;
          }
        }
      });
      for (const c of await store.listClaims()) {
        for (const t of new Set(c.tags)) {
          const entry = counts.get(t);
          if (entry) entry.claims += 1;
        }
      }
      return [...counts.values()];
    },

    'tags.merge': ({ fromId, intoId }) =>
      serial(async () => {
        const tags = await store.listTags();
        const from = requireTag(tags, fromId);
        const into = requireTag(tags, intoId);
        if (fromId === intoId) throw new DossierError('invalid-input', `Tag ${describe(from)} cannot be merged into itself.`);
        if (descendantIds(tags, fromId).has(intoId)) {
          throw new DossierError('conflict', `Tag ${describe(from)} cannot be merged into ${describe(into)}, which is one of its own sub-tags; move ${describe(into)} out first.`);
        }
        const plan: FoldPlan = { mapping: new Map([[fromId, intoId]]), moves: [], removed: new Set([fromId]), movedChildren: 0, mergedChildren: 0 };
        planChildren(tags, fromId, intoId, plan);
        const { articleIds, ...report } = await applyPlan(plan, tags);
        changed(articleIds);
        return { ...report, tag: into };
      }),

    'tags.delete': ({ id }) =>
      serial(async () => {
        const tags = await store.listTags();
        const tag = requireTag(tags, id);
        const plan: FoldPlan = { mapping: new Map([[id, null]]), moves: [], removed: new Set([id]), movedChildren: 0, mergedChildren: 0 };
        planChildren(tags, id, tag.parentId, plan);
        const { articleIds, ...report } = await applyPlan(plan, tags);
        changed(articleIds);
        return report;
      }),

    'tags.restore': ({ tags: previous, highlights, claims }) =>
      serial(async () => {
        // Tags first, so every id the records get back exists again.
        const current = await store.listTags();
        const known = new Set([...current.map((t) => t.id), ...previous.map((t) => t.id)]);
        for (const tag of previous) {
          await store.putTag({ ...tag, parentId: tag.parentId && known.has(tag.parentId) ? tag.parentId : null });
        }
        const stamp = now().toISOString();
        const touched = new Set<string>();
        let restoredHighlights = 0;
        let restoredClaims = 0;
        const byArticle = <T extends TaggedRecord>(list: readonly T[]): Map<string, Map<string, string[]>> => {
          const out = new Map<string, Map<string, string[]>>();
          for (const r of list) {
            const m = out.get(r.articleId) ?? new Map<string, string[]>();
            m.set(r.id, r.tags.filter((t) => known.has(t)));
            out.set(r.articleId, m);
          }
          return out;
        };
        for (const [articleId, wanted] of byArticle(highlights)) {
          if (!store.getArticleSummary(articleId)) continue;
          const list = (await store.listAnnotations(articleId))
            .filter((a) => wanted.has(a.id))
            .map((a) => ({ ...a, tags: wanted.get(a.id)!, updatedAt: stamp }));
          if (list.length === 0) continue;
          await store.putAnnotations(articleId, list);
          restoredHighlights += list.length;
          touched.add(articleId);
        }
        for (const [articleId, wanted] of byArticle(claims)) {
          if (!store.getArticleSummary(articleId)) continue;
          const list = (await store.listClaims(articleId))
            .filter((c) => wanted.has(c.id))
            .map((c) => ({ ...c, tags: wanted.get(c.id)!, updatedAt: stamp }));
          if (list.length === 0) continue;
          await store.putClaims(articleId, list);
          restoredClaims += list.length;
          touched.add(articleId);
        }
        changed([...touched]);
        return { tags: previous.length, highlights: restoredHighlights, claims: restoredClaims };
      }),
  };
}
