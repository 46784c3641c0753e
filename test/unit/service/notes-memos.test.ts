import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../shared/api/dispatch';
import type { ArticleNote, Memo } from '../../../shared/api/methods/notes';
import type { Result } from '../../../shared/api/result';
import { createNotebookHandlers, type NotebookHandlers } from '../../../electron/service/notebook-service';
import { listArticleNotes, listMemos, readArticleNote } from '../../../electron/service/notes';
import { NotebookStore } from '../../../electron/store/notebook-store';
import { makeArticle } from '../../helpers/store-fixtures';
import { makeTempDir } from '../../helpers/temp-dir';

const doc = (text: string) => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });

describe('notes and memos', () => {
  let dir: string;
  let nbDir: string;
  let cleanup: () => Promise<void>;
  let store: NotebookStore;
  let handlers: NotebookHandlers;
  let clock = 0;

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
  const open = async () => {
    store = await NotebookStore.open(nbDir);
    handlers = createNotebookHandlers(store, { now: () => new Date(Date.UTC(2026, 0, 1, 0, 0, clock++)) });
  };

  beforeEach(async () => {
    ({ dir, cleanup } = await makeTempDir());
    nbDir = join(dir, 'nb');
    const created = await NotebookStore.create(nbDir, { name: 'Notes' });
    await created.addArticles([makeArticle('a1'), makeArticle('a2')]);
    await created.close();
    await open();
  });
  afterEach(async () => {
    await store.close();
    await cleanup();
  });

  it('keeps one note per article in its own file, across reopening', async () => {
    expect(await call<ArticleNote>('notes.get', { articleId: 'a1' })).toEqual({ articleId: 'a1', doc: null, updatedAt: null });
    const saved = await call<ArticleNote>('notes.put', { articleId: 'a1', doc: doc('Ask the port authority about the tender.') });
    expect(saved.updatedAt).toBe('2026-01-01T00:00:00.000Z');
    await call('notes.put', { articleId: 'a2', doc: doc('Second article note') });

    const onDisk = JSON.parse(await readFile(join(nbDir, 'notes', 'a1.json'), 'utf8'));
    expect(onDisk.doc.content[0].content[0].text).toBe('Ask the port authority about the tender.');

    await store.close();
    await open();
    expect((await call<ArticleNote>('notes.get', { articleId: 'a1' })).doc).toEqual(doc('Ask the port authority about the tender.'));
    expect((await readArticleNote(store, 'a2')).doc).toEqual(doc('Second article note'));
    expect((await listArticleNotes(store)).map((n) => n.articleId)).toEqual(['a1', 'a2']);

    // An empty paragraph is an empty note.
    const cleared = await call<ArticleNote>('notes.put', { articleId: 'a2', doc: { type: 'doc', content: [{ type: 'paragraph' }] } });
    expect(cleared.doc).toBeNull();
    expect((await listArticleNotes(store)).map((n) => n.articleId)).toEqual(['a1']);
  });

  it('refuses notes on unknown articles with a message naming the id', async () => {
    const error = await fail('notes.put', { articleId: 'zz', doc: doc('x') });
    expect(error.code).toBe('not-found');
    expect(error.message).toContain('zz');
    expect((await fail('notes.get', { articleId: 'zz' })).code).toBe('not-found');
  });

  it('sets an unreadable note file aside and reports it instead of failing', async () => {
    await call('notes.put', { articleId: 'a1', doc: doc('x') });
    await store.close();
    await writeFile(join(nbDir, 'notes', 'a1.json'), '{"articleId": "a1", "doc": ');
    await open();
    expect((await call<ArticleNote>('notes.get', { articleId: 'a1' })).doc).toBeNull();
    expect(store.problems().some((p) => p.file.includes('a1.json'))).toBe(true);
  });

  it('creates, renames, edits and deletes memos, durable across reopening', async () => {
    const first = await call<Memo>('memos.create', {});
    expect(first.title).toBe('Untitled memo');
    const second = await call<Memo>('memos.create', { title: 'Working hypotheses' });
    const renamed = await call<Memo>('memos.update', { id: first.id, title: 'Open questions' });
    expect(renamed.title).toBe('Open questions');
    expect(renamed.updatedAt > first.updatedAt).toBe(true);
    await call('memos.update', { id: second.id, doc: doc('H1: the vote was pre-arranged.') });

    await store.close();
    await open();
    const memos = await call<Memo[]>('memos.list', {});
    expect(memos.map((m) => m.title)).toEqual(['Open questions', 'Working hypotheses']);
    expect(memos[1]?.doc).toEqual(doc('H1: the vote was pre-arranged.'));
    expect((await listMemos(store)).length).toBe(2);

    expect(await call('memos.delete', { id: first.id })).toEqual({ deleted: true });
    expect(await call('memos.delete', { id: first.id })).toEqual({ deleted: false });
    const missing = await fail('memos.update', { id: first.id, title: 'x' });
    expect(missing.code).toBe('not-found');
    expect((await call<Memo[]>('memos.list', {})).map((m) => m.id)).toEqual([second.id]);
  });
});
