import { describe, expect, it } from 'vitest';
import type { Tag } from '../../../shared/model/schemas';
import { buildTagTree, describeCounts, filterIds, matchesTagFilter, mergeTargets, moveTargets, tagPath, treeKey, visibleRows } from './tagTree';

const t = (id: string, name: string, parentId: string | null = null): Tag => ({ id, name, parentId, color: '#336699' });
const TAGS = [t('p', 'Places'), t('a', 'Actors'), t('s', 'State', 'a'), t('m', 'Ministry', 's'), t('c', 'Civil society', 'a'), t('k', 'Klaipėda', 'p')];

describe('tag tree', () => {
  it('sorts siblings by name and nests children', () => {
    const tree = buildTagTree(TAGS);
    expect(tree.map((n) => n.tag.name)).toEqual(['Actors', 'Places']);
    expect(tree[0]!.children.map((n) => n.tag.name)).toEqual(['Civil society', 'State']);
    expect(tree[0]!.children[1]!.children[0]!.depth).toBe(2);
  });

  it('shows orphans and cycles at the top level instead of losing them', () => {
    const tree = buildTagTree([t('x', 'Lost', 'gone'), t('y', 'Y', 'z'), t('z', 'Z', 'y')]);
    expect(tree.map((n) => n.tag.id).sort()).toEqual(['x', 'y', 'z']);
  });

  it('lists visible rows under expanded tags only, with positions among siblings', () => {
    const tree = buildTagTree(TAGS);
    expect(visibleRows(tree, new Set()).map((r) => r.tag.id)).toEqual(['a', 'p']);
    const rows = visibleRows(tree, new Set(['a', 's']));
    expect(rows.map((r) => `${r.tag.id}:${r.depth}`)).toEqual(['a:0', 'c:1', 's:1', 'm:2', 'p:0']);
    expect(rows[2]).toMatchObject({ position: 2, siblings: 2, hasChildren: true, expanded: true });
  });

  it('moves through the tree with the keys of the ARIA tree pattern', () => {
    const rows = visibleRows(buildTagTree(TAGS), new Set(['a']));
    expect(treeKey(rows, 'a', 'ArrowDown')).toEqual({ focus: 'c' });
    expect(treeKey(rows, 'p', 'ArrowDown')).toEqual({ focus: 'p' });
    expect(treeKey(rows, 's', 'ArrowRight')).toEqual({ expand: 's' });
    expect(treeKey(rows, 'a', 'ArrowRight')).toEqual({ focus: 'c' });
    expect(treeKey(rows, 'a', 'ArrowLeft')).toEqual({ collapse: 'a' });
    expect(treeKey(rows, 's', 'ArrowLeft')).toEqual({ focus: 'a' });
    expect(treeKey(rows, 'c', 'End')).toEqual({ focus: 'p' });
    expect(treeKey(rows, 'c', ' ')).toEqual({ activate: 'c' });
    expect(treeKey([], null, 'ArrowDown')).toBeNull();
  });

  it('names paths and offers only legal move and merge targets', () => {
    expect(tagPath(TAGS, 'm')).toBe('Actors / State / Ministry');
    const moves = moveTargets(TAGS, 's').map((m) => m.label);
    expect(moves).toContain('Top level');
    expect(moves).not.toContain('Actors'); // already its parent
    expect(moves).not.toContain('Actors / State / Ministry'); // inside it
    expect(moves).toContain('Places / Klaipėda');
    expect(moveTargets(TAGS, 'a').map((m) => m.id)).not.toContain(null); // already at the top
    expect(mergeTargets(TAGS, 'a').map((m) => m.id).sort()).toEqual(['k', 'p']);
  });

  it('filters by a tag and everything below it', () => {
    const accepted = filterIds(TAGS, ['s']);
    expect([...accepted].sort()).toEqual(['m', 's']);
    expect(matchesTagFilter(['m'], accepted)).toBe(true);
    expect(matchesTagFilter(['a', 'c'], accepted)).toBe(false);
    expect(matchesTagFilter([], null)).toBe(true);
  });

  it('describes counts for confirmations', () => {
    expect(describeCounts({ highlights: 1, claims: 2 })).toBe('1 highlight and 2 claims');
    expect(describeCounts(undefined)).toBe('no highlights or claims');
  });
});
