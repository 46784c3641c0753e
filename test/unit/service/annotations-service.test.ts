/** annotations.update (resize), annotations.restore and annotations.query through dispatch on a real store. */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DossierEvent } from '../../../shared/api/contract';
import { dispatch } from '../../../shared/api/dispatch';
import type { Result } from '../../../shared/api/result';
import type { Annotation } from '../../../shared/model/schemas';
import type { AnnotationHit } from '../../../shared/api/methods/annotations';
import { createNotebookHandlers, type NotebookHandlers } from '../../../electron/service/notebook-service';
import { NotebookStore } from '../../../electron/store/notebook-store';
import { makeAnnotation, makeArticle, makeTag } from '../../helpers/store-fixtures';
import { makeTempDir } from '../../helpers/temp-dir';

const TEXT_A = 'The council voted 71 to 48 on Tuesday to expand the terminal. The minister said it secures the winter.';
const TEXT_B = 'The opposition said the council had too little time to read the plan.';

describe('annotations service', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let store: NotebookStore;
  let handlers: NotebookHandlers;
  let events: DossierEvent[];
  const call = async <T>(method: string, input: unknown): Promise<T> => {
    const result = (await dispatch(handlers, method, input)) as Result<T>;
    if (!result.ok) throw new Error(`${method}: ${result.error.code}: ${result.error.message}`);
    return result.value;
  };
  const fail = async (method: string, input: unknown): Promise<{ code: string; message: string }> => {
    const result = (await dispatch(handlers, method, input)) as Result<unknown>;
    if (result.ok) throw new Error(`${method} should have failed`);
    return result.error;
  };

  beforeEach(async () => {
    ({ dir, cleanup } = await makeTempDir());
    store = await NotebookStore.create(join(dir, 'nb'), { name: 'Test' });
    await store.addArticles([makeArticle('a', TEXT_A), makeArticle('b', TEXT_B, { title: 'Opposition', outlet: 'Ledger' })]);
    await store.putTag(makeTag('t1', 'Vote'));
    await store.putTag(makeTag('t2', 'Energy'));
    events = [];
    handlers = createNotebookHandlers(store, { emit: (e) => events.push(e) });
  });
  afterEach(async () => {
    await store.close();
    await cleanup();
  });

  it('resizes a highlight: a fresh selector on the new range, anchored, tags and comment kept, on disk', async () => {
    const created = await call<Annotation>('annotations.create', { articleId: 'a', target: { quote: 'voted 71' }, tags: ['t1'] });
    const start = TEXT_A.indexOf('council');
    const end = TEXT_A.indexOf(' on Tuesday');
    const resized = await call<Annotation>('annotations.update', { articleId: 'a', id: created.id, target: { start, end } });
    expect(resized.target.exact).toBe('council voted 71 to 48');
    expect(resized.target.start).toBe(start);
    expect(resized.target.prefix.endsWith('The ')).toBe(true);
    expect(resized.anchor).toEqual({ status: 'anchored', score: 1 });
    expect(resized.tags).toEqual(['t1']);

    // A fuzzy highlight confirmed at its place becomes anchored again.
    await store.putAnnotation({ ...resized, anchor: { status: 'fuzzy', score: 0.9 } });
    const confirmed = await call<Annotation>('annotations.update', { articleId: 'a', id: created.id, target: { start, end } });
    expect(confirmed.anchor.status).toBe('anchored');

    await store.close();
    store = await NotebookStore.open(join(dir, 'nb'));
    const [onDisk] = await store.listAnnotations('a');
    expect(onDisk?.target.exact).toBe('council voted 71 to 48');
    expect(events.filter((e) => e.type === 'annotations.changed')).toHaveLength(3);
  });

  it('refuses a resize outside the text, naming the article', async () => {
    const created = await call<Annotation>('annotations.create', { articleId: 'a', target: { quote: 'voted' } });
    const error = await fail('annotations.update', { articleId: 'a', id: created.id, target: { start: 5, end: TEXT_A.length + 10 } });
    expect(error.code).toBe('invalid-input');
    expect(error.message).toContain('Article a');
    const error2 = await fail('annotations.update', { articleId: 'a', id: created.id, target: { start: 9, end: 9 } });
    expect(error2.code).toBe('invalid-input');
  });

  it('restores a deleted highlight exactly (undo of delete), dropping only tags deleted since', async () => {
    const created = await call<Annotation>('annotations.create', {
      articleId: 'a',
      target: { quote: 'secures the winter' },
      tags: ['t1', 't2'],
      comment: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'key quote' }] }] },
    });
    expect((await call<{ deleted: boolean }>('annotations.delete', { articleId: 'a', id: created.id })).deleted).toBe(true);
    expect(await call<Annotation[]>('annotations.list', { articleId: 'a' })).toEqual([]);

    const restored = await call<Annotation>('annotations.restore', { annotation: created });
    expect(restored).toEqual(created);
    expect(await call<Annotation[]>('annotations.list', { articleId: 'a' })).toEqual([created]);

    await call('annotations.delete', { articleId: 'a', id: created.id });
    await store.deleteTag('t2');
    const again = await call<Annotation>('annotations.restore', { annotation: created });
    expect(again.tags).toEqual(['t1']);
    expect(again.comment).toEqual(created.comment);
    expect(again.createdAt).toBe(created.createdAt);
  });

  it('refuses to restore a highlight whose article is gone', async () => {
    const orphan = makeAnnotation('gone', 'x1');
    const error = await fail('annotations.restore', { annotation: orphan });
    expect(error.code).toBe('not-found');
    expect(error.message).toContain('gone');
  });

  it('queries across the notebook by tag, article and review state, with the article title and outlet', async () => {
    const a1 = await call<Annotation>('annotations.create', { articleId: 'a', target: { quote: 'the terminal' }, tags: ['t2'] });
    const a0 = await call<Annotation>('annotations.create', { articleId: 'a', target: { quote: 'council voted' }, tags: ['t1'] });
    const b1 = await call<Annotation>('annotations.create', { articleId: 'b', target: { quote: 'too little time' }, tags: ['t1', 't2'] });
    await store.putAnnotation({ ...b1, anchor: { status: 'orphaned', score: 0.4 } });
    const a2 = await call<Annotation>('annotations.create', { articleId: 'a', target: { quote: 'minister' } });
    await store.putAnnotation({ ...a2, anchor: { status: 'fuzzy', score: 0.9 } });

    const all = await call<AnnotationHit[]>('annotations.query', {});
    // Catalogue order, then reading order within an article.
    expect(all.map((h) => h.annotation.id)).toEqual([a0.id, a1.id, a2.id, b1.id]);
    expect(all[3]).toMatchObject({ articleTitle: 'Opposition', outlet: 'Ledger' });

    const vote = await call<AnnotationHit[]>('annotations.query', { tagIds: ['t1'] });
    expect(vote.map((h) => h.annotation.id)).toEqual([a0.id, b1.id]);
    const either = await call<AnnotationHit[]>('annotations.query', { tagIds: ['t1', 't2'], articleId: 'a' });
    expect(either.map((h) => h.annotation.id)).toEqual([a0.id, a1.id]);

    const review = await call<AnnotationHit[]>('annotations.query', { needsReview: true });
    expect(review.map((h) => [h.annotation.id, h.annotation.anchor.status])).toEqual([
      [a2.id, 'fuzzy'],
      [b1.id, 'orphaned'],
    ]);
    const fine = await call<AnnotationHit[]>('annotations.query', { needsReview: false, articleId: 'a' });
    expect(fine.map((h) => h.annotation.id)).toEqual([a0.id, a1.id]);

    expect((await fail('annotations.query', { articleId: 'nope' })).code).toBe('not-found');
  });
});
