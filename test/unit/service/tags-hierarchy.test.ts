import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DossierEvent } from '../../../shared/api/contract';
import { dispatch } from '../../../shared/api/dispatch';
import type { TagChangeReport, TagUsage } from '../../../shared/api/methods/tags';
import type { Result } from '../../../shared/api/result';
import type { Tag } from '../../../shared/model/schemas';
import { createNotebookHandlers, type NotebookHandlers } from '../../../electron/service/notebook-service';
import { NotebookStore } from '../../../electron/store/notebook-store';
import { makeAnnotation, makeArticle, makeClaim } from '../../helpers/store-fixtures';
import { makeTempDir } from '../../helpers/temp-dir';

describe('tags: hierarchy, usage, merge, delete, restore', () => {
  let dir: string;
  let nbDir: string;
  let cleanup: () => Promise<void>;
  let store: NotebookStore;
  let handlers: NotebookHandlers;
  let events: DossierEvent[];

  const call = async <T>(method: string, input: unknown): Promise<T> => {
    const result = (await dispatch(handlers, method, input)) as Result<T>;
    if (!result.ok) throw new Error(`${method} failed: ${result.error.code}: ${result.error.message}`);
    return result.value;
  };
  const fail = async (method: string, input: unknown) => {
    const result = (await dispatch(handlers, method, input)) as Result<unknown>;
    if (result.ok) throw new Error(`${method} should have failed`);
    return result.error;
  };
  const tag = (name: string, parentId: string | null = null) => call<Tag>('tags.create', { name, parentId });

  beforeEach(async () => {
    ({ dir, cleanup } = await makeTempDir());
    nbDir = join(dir, 'nb');
    store = await NotebookStore.create(nbDir, { name: 'Tags' });
    await store.addArticles([makeArticle('a1'), makeArticle('a2'), makeArticle('a3')]);
    events = [];
    handlers = createNotebookHandlers(store, { emit: (e) => events.push(e) });
  });
  afterEach(async () => {
    await store.close();
    await cleanup();
  });

  it('renames, recolours and moves a tag, refusing cycles and duplicate sibling names', async () => {
    const actors = await tag('Actors');
    const state = await tag('State', actors.id);
    const ministry = await tag('Ministry', state.id);
    const places = await tag('Places');

    const renamed = await call<Tag>('tags.update', { id: state.id, name: '  Government ', color: '#112233' });
    expect(renamed).toMatchObject({ name: 'Government', color: '#112233', parentId: actors.id });

    const moved = await call<Tag>('tags.update', { id: state.id, parentId: places.id });
    expect(moved.parentId).toBe(places.id);
    const top = await call<Tag>('tags.update', { id: state.id, parentId: null });
    expect(top.parentId).toBeNull();

    const cycle = await fail('tags.update', { id: state.id, parentId: ministry.id });
    expect(cycle.code).toBe('conflict');
    expect(cycle.message).toContain('"Ministry" is inside it');
    expect((await fail('tags.update', { id: state.id, parentId: state.id })).message).toContain('cannot be its own parent');

    const dup = await fail('tags.update', { id: places.id, name: 'actors' });
    expect(dup.code).toBe('conflict');
    expect(dup.message).toContain('already a tag named "Actors" at the top level');
    expect((await fail('tags.update', { id: 'nope', name: 'x' })).code).toBe('not-found');
    expect((await fail('tags.update', { id: places.id, color: 'red' })).code).toBe('invalid-input');

    // On disk after reopening.
    await store.close();
    store = await NotebookStore.open(nbDir);
    handlers = createNotebookHandlers(store);
    const tags = await call<Tag[]>('tags.list', {});
    expect(tags.find((t) => t.id === state.id)).toMatchObject({ name: 'Government', color: '#112233', parentId: null });
    expect(tags.find((t) => t.id === ministry.id)?.parentId).toBe(state.id);
    expect(events.some((e) => e.type === 'tags.changed')).toBe(true);
  });

  it('counts highlights and claims per tag, and merge moves records (once) and children, then undoes exactly', async () => {
    const russia = await tag('Russia');
    const rf = await tag('Russian Federation');
    const kremlin = await tag('Kremlin', rf.id);
    const energy = await tag('Energy', rf.id);
    const energyOld = await tag('Energy', russia.id);
    const other = await tag('Other');

    await store.putAnnotations('a1', [
      makeAnnotation('a1', 'h1', { tags: [rf.id] }),
      makeAnnotation('a1', 'h2', { tags: [rf.id, russia.id, other.id] }),
      makeAnnotation('a1', 'h3', { tags: [other.id] }),
    ]);
    await store.putAnnotations('a2', [makeAnnotation('a2', 'h4', { tags: [energy.id] }), makeAnnotation('a2', 'h5', { tags: [kremlin.id] })]);
    await store.putClaims('a3', [makeClaim('a3', 'c1', { tags: [rf.id] }), makeClaim('a3', 'c2', { tags: [other.id] })]);

    const usage = await call<TagUsage[]>('tags.usage', {});
    const count = (id: string) => usage.find((u) => u.tagId === id);
    expect(count(rf.id)).toEqual({ tagId: rf.id, highlights: 2, claims: 1 });
    expect(count(other.id)).toEqual({ tagId: other.id, highlights: 2, claims: 1 });
    expect(count(energyOld.id)).toEqual({ tagId: energyOld.id, highlights: 0, claims: 0 });

    const report = await call<TagChangeReport & { tag: Tag }>('tags.merge', { fromId: rf.id, intoId: russia.id });
    // h1, h2, h4 (Energy folded into Russia/Energy), c1
    expect(report).toMatchObject({ highlights: 3, claims: 1, movedChildren: 1, mergedChildren: 1 });
    expect(report.tag.id).toBe(russia.id);

    const a1 = await store.listAnnotations('a1');
    expect(a1.find((a) => a.id === 'h1')?.tags).toEqual([russia.id]);
    expect(a1.find((a) => a.id === 'h2')?.tags).toEqual([russia.id, other.id]); // carried once
    expect(a1.find((a) => a.id === 'h3')?.tags).toEqual([other.id]);
    const a2 = await store.listAnnotations('a2');
    expect(a2.find((a) => a.id === 'h4')?.tags).toEqual([energyOld.id]);
    expect(a2.find((a) => a.id === 'h5')?.tags).toEqual([kremlin.id]);
    expect((await store.listClaims('a3')).find((c) => c.id === 'c1')?.tags).toEqual([russia.id]);

    const tags = await call<Tag[]>('tags.list', {});
    expect(tags.map((t) => t.id).sort()).toEqual([russia.id, kremlin.id, energyOld.id, other.id].sort());
    expect(tags.find((t) => t.id === kremlin.id)?.parentId).toBe(russia.id);
    const changedEvent = events.filter((e) => e.type === 'tags.changed').at(-1);
    expect(changedEvent && 'articleIds' in changedEvent ? [...changedEvent.articleIds].sort() : null).toEqual(['a1', 'a2', 'a3']);

    // Undo: tags and records as they were.
    const restored = await call<{ tags: number; highlights: number; claims: number }>('tags.restore', report.undo);
    expect(restored).toEqual({ tags: 3, highlights: 3, claims: 1 });
    const back = await call<Tag[]>('tags.list', {});
    expect(back.find((t) => t.id === rf.id)?.name).toBe('Russian Federation');
    expect(back.find((t) => t.id === kremlin.id)?.parentId).toBe(rf.id);
    expect(back.find((t) => t.id === energy.id)?.parentId).toBe(rf.id);
    expect((await store.listAnnotations('a1')).find((a) => a.id === 'h2')?.tags).toEqual([rf.id, russia.id, other.id]);
    expect((await store.listAnnotations('a2')).find((a) => a.id === 'h4')?.tags).toEqual([energy.id]);
    expect((await store.listClaims('a3')).find((c) => c.id === 'c1')?.tags).toEqual([rf.id]);
  });

  it('refuses merging a tag into itself or into its own sub-tag', async () => {
    const parent = await tag('Parent');
    const child = await tag('Child', parent.id);
    expect((await fail('tags.merge', { fromId: parent.id, intoId: parent.id })).message).toContain('into itself');
    const intoChild = await fail('tags.merge', { fromId: parent.id, intoId: child.id });
    expect(intoChild.code).toBe('conflict');
    expect(intoChild.message).toContain('one of its own sub-tags');
    expect((await fail('tags.merge', { fromId: parent.id, intoId: 'missing' })).code).toBe('not-found');
    // A sub-tag can be merged into its parent.
    const report = await call<TagChangeReport>('tags.merge', { fromId: child.id, intoId: parent.id });
    expect(report.highlights).toBe(0);
    expect((await call<Tag[]>('tags.list', {})).map((t) => t.name)).toEqual(['Parent']);
  });

  it('delete removes the tag from every highlight and claim and moves its children up to its parent', async () => {
    const topics = await tag('Topics');
    const war = await tag('War', topics.id);
    const front = await tag('Front', war.id);
    const sanctions = await tag('Sanctions', war.id);
    await store.putAnnotations('a1', [
      makeAnnotation('a1', 'h1', { tags: [war.id, front.id] }),
      makeAnnotation('a1', 'h2', { tags: [war.id] }),
    ]);
    await store.putClaims('a2', [makeClaim('a2', 'c1', { tags: [war.id, sanctions.id] })]);

    const report = await call<TagChangeReport>('tags.delete', { id: war.id });
    expect(report).toMatchObject({ highlights: 2, claims: 1, movedChildren: 2, mergedChildren: 0 });

    await store.close();
    store = await NotebookStore.open(nbDir);
    handlers = createNotebookHandlers(store);
    const tags = await call<Tag[]>('tags.list', {});
    expect(tags.find((t) => t.id === war.id)).toBeUndefined();
    expect(tags.find((t) => t.id === front.id)?.parentId).toBe(topics.id);
    expect(tags.find((t) => t.id === sanctions.id)?.parentId).toBe(topics.id);
    const a1 = await store.listAnnotations('a1');
    expect(a1.find((a) => a.id === 'h1')?.tags).toEqual([front.id]);
    expect(a1.find((a) => a.id === 'h2')?.tags).toEqual([]);
    expect((await store.listClaims('a2'))[0]?.tags).toEqual([sanctions.id]);

    // Restoring skips records deleted since, and brings the rest back.
    await store.deleteAnnotation('a1', 'h2');
    const restored = await call<{ highlights: number }>('tags.restore', report.undo);
    expect(restored.highlights).toBe(1);
    expect((await store.listAnnotations('a1'))[0]?.tags).toEqual([war.id, front.id]);
    expect((await call<Tag[]>('tags.list', {})).find((t) => t.id === front.id)?.parentId).toBe(war.id);
  });

  it('delete folds a child into a same-named tag at the parent level instead of making duplicates', async () => {
    const misc = await tag('Misc');
    const group = await tag('Group');
    const miscInGroup = await tag('misc', group.id);
    await store.putAnnotations('a1', [makeAnnotation('a1', 'h1', { tags: [miscInGroup.id, misc.id] })]);
    const report = await call<TagChangeReport>('tags.delete', { id: group.id });
    expect(report).toMatchObject({ highlights: 1, movedChildren: 0, mergedChildren: 1 });
    expect((await call<Tag[]>('tags.list', {})).map((t) => t.name)).toEqual(['Misc']);
    expect((await store.listAnnotations('a1'))[0]?.tags).toEqual([misc.id]);
  });
});
