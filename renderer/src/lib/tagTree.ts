/**
 * The tag hierarchy as the UI needs it: a sorted tree, the rows visible with some branches collapsed,
 * keyboard moves in a WAI-ARIA tree, paths ("Actors / State"), the places a tag may move to, and the
 * filter "carries one of these tags or a tag below them". Pure, so it is tested without a browser.
 */
import type { Tag } from '../../../shared/model/schemas';

export interface TagCounts {
  highlights: number;
  claims: number;
}

export interface TagNode {
  tag: Tag;
  children: TagNode[];
  depth: number;
}

export interface TagRow {
  tag: Tag;
  depth: number;
  hasChildren: boolean;
  expanded: boolean;
  /** Position among siblings (1-based) and their number, for aria-posinset / aria-setsize. */
  position: number;
  siblings: number;
}

const byName = (a: Tag, b: Tag): number => a.name.localeCompare(b.name, undefined, { sensitivity: 'base', numeric: true }) || (a.id < b.id ? -1 : 1);

/** The forest of tags, siblings sorted by name. A tag whose parent is missing (or a cycle) is shown at the top. */
export function buildTagTree(tags: readonly Tag[]): TagNode[] {
  const ids = new Set(tags.map((t) => t.id));
  const childrenOf = new Map<string | null, Tag[]>();
  for (const tag of tags) {
    const parent = tag.parentId && ids.has(tag.parentId) && !inCycle(tags, tag.id) ? tag.parentId : null;
    childrenOf.set(parent, [...(childrenOf.get(parent) ?? []), tag]);
  }
  const build = (parent: string | null, depth: number): TagNode[] =>
    (childrenOf.get(parent) ?? []).sort(byName).map((tag) => ({ tag, depth, children: build(tag.id, depth + 1) }));
  return build(null, 0);
}

function inCycle(tags: readonly Tag[], id: string): boolean {
  const byId = new Map(tags.map((t) => [t.id, t]));
  const seen = new Set<string>();
  let current = byId.get(id)?.parentId ?? null;
  while (current) {
    if (current === id) return true;
    if (seen.has(current)) return false;
    seen.add(current);
    current = byId.get(current)?.parentId ?? null;
  }
  return false;
}

/** The rows a reader sees: children only under expanded tags. */
export function visibleRows(tree: readonly TagNode[], expanded: ReadonlySet<string>): TagRow[] {
  const rows: TagRow[] = [];
  const walk = (nodes: readonly TagNode[]): void => {
    nodes.forEach((node, index) => {
      const open = expanded.has(node.tag.id);
      rows.push({
        tag: node.tag,
        depth: node.depth,
        hasChildren: node.children.length > 0,
        expanded: open,
        position: index + 1,
        siblings: nodes.length,
      });
      if (open) walk(node.children);
    });
  };
  walk(tree);
  return rows;
}

/** `id` and every tag below it. */
export function descendantIds(tags: readonly Tag[], id: string): Set<string> {
  const out = new Set<string>();
  const stack = [id];
  while (stack.length > 0) {
    const next = stack.pop()!;
    if (out.has(next)) continue;
    out.add(next);
    for (const t of tags) if (t.parentId === next) stack.push(t.id);
  }
  return out;
}

/** "Actors / State / Ministry". */
export function tagPath(tags: readonly Tag[], id: string): string {
  const byId = new Map(tags.map((t) => [t.id, t]));
  const parts: string[] = [];
  const seen = new Set<string>();
  let current = byId.get(id);
  while (current && !seen.has(current.id)) {
    seen.add(current.id);
    parts.unshift(current.name);
    current = current.parentId ? byId.get(current.parentId) : undefined;
  }
  return parts.join(' / ');
}

/** Where `id` may move: the top level (null) and every tag not inside it, by path. */
export function moveTargets(tags: readonly Tag[], id: string): { id: string | null; label: string }[] {
  const inside = descendantIds(tags, id);
  const current = tags.find((t) => t.id === id)?.parentId ?? null;
  const targets = tags
    .filter((t) => !inside.has(t.id) && t.id !== current)
    .map((t) => ({ id: t.id as string | null, label: tagPath(tags, t.id) }))
    .sort((a, b) => a.label.localeCompare(b.label));
  return current === null ? targets : [{ id: null, label: 'Top level' }, ...targets];
}

/** Tags `id` may merge into: any other tag except those inside it. */
export function mergeTargets(tags: readonly Tag[], id: string): { id: string; label: string }[] {
  const inside = descendantIds(tags, id);
  return tags
    .filter((t) => !inside.has(t.id))
    .map((t) => ({ id: t.id, label: tagPath(tags, t.id) }))
    .sort((a, b) => a.label.localeCompare(b.label));
}

/** The ids a filter by `selected` accepts: each selected tag and everything below it. */
export function filterIds(tags: readonly Tag[], selected: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const id of selected) for (const d of descendantIds(tags, id)) out.add(d);
  return out;
}

/** Whether a record with `recordTags` passes the filter (no filter: everything passes). */
export function matchesTagFilter(recordTags: readonly string[], accepted: ReadonlySet<string> | null): boolean {
  if (!accepted || accepted.size === 0) return true;
  return recordTags.some((t) => accepted.has(t));
}

export type TreeKeyAction = { focus: string } | { expand: string } | { collapse: string } | { activate: string } | null;

/**
 * What a key does in the tree (WAI-ARIA tree pattern): Up/Down move, Right expands or enters, Left
 * collapses or goes to the parent, Home/End jump, Enter/Space activate.
 */
export function treeKey(rows: readonly TagRow[], currentId: string | null, key: string): TreeKeyAction {
  if (rows.length === 0) return null;
  const index = Math.max(0, rows.findIndex((r) => r.tag.id === currentId));
  const row = rows[index]!;
  switch (key) {
    case 'ArrowDown':
      return { focus: rows[Math.min(rows.length - 1, index + 1)]!.tag.id };
    case 'ArrowUp':
      return { focus: rows[Math.max(0, index - 1)]!.tag.id };
    case 'Home':
      return { focus: rows[0]!.tag.id };
    case 'End':
      return { focus: rows[rows.length - 1]!.tag.id };
    case 'ArrowRight':
      if (row.hasChildren && !row.expanded) return { expand: row.tag.id };
      if (row.hasChildren && row.expanded) return { focus: rows[index + 1]!.tag.id };
      return null;
    case 'ArrowLeft':
      if (row.hasChildren && row.expanded) return { collapse: row.tag.id };
      for (let i = index - 1; i >= 0; i--) if (rows[i]!.depth < row.depth) return { focus: rows[i]!.tag.id };
      return null;
    case 'Enter':
    case ' ':
      return { activate: row.tag.id };
    default:
      return null;
  }
}

/** "3 highlights, 1 claim" (or "unused"), for confirmations and labels. */
export function describeCounts(counts: TagCounts | undefined): string {
  const h = counts?.highlights ?? 0;
  const c = counts?.claims ?? 0;
  if (h === 0 && c === 0) return 'no highlights or claims';
  const parts: string[] = [];
  parts.push(`${h} highlight${h === 1 ? '' : 's'}`);
  parts.push(`${c} claim${c === 1 ? '' : 's'}`);
  return parts.join(' and ');
}
