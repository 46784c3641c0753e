/** Handlers of the `notes.*` and `memos.*` methods (storage in ./notes). */
import { randomUUID } from 'node:crypto';
import type { Handlers } from '../../shared/api/contract';
import type { ArticleNote, Memo, noteMethods } from '../../shared/api/methods/notes';
import { DossierError } from '../../shared/api/result';
import type { ServiceContext } from './context';
import { articleNoteDocument, listMemos, memosDocument, readArticleNote } from './notes';

/** An empty document (one empty paragraph) is stored as null, like the editor reports it. */
function normalDoc(doc: ArticleNote['doc']): ArticleNote['doc'] {
  if (!doc) return null;
  const content = (doc as { content?: unknown }).content;
  if (doc.type === 'doc' && Array.isArray(content)) {
    const blank = content.every((node) => {
      const n = node as { type?: unknown; content?: unknown };
      return n?.type === 'paragraph' && (!Array.isArray(n.content) || n.content.length === 0);
    });
    if (blank) return null;
  }
  return doc;
}

export function createNoteHandlers({ store, now }: ServiceContext): Handlers<keyof typeof noteMethods> {
  const findMemo = (memos: readonly Memo[], id: string): Memo => {
    const memo = memos.find((m) => m.id === id);
    if (!memo) throw new DossierError('not-found', `No memo with id ${id}.`);
    return memo;
  };

  return {
    'notes.get': async ({ articleId }) => readArticleNote(store, articleId),

    'notes.put': async ({ articleId, doc }) => {
      if (!store.getArticleSummary(articleId)) throw new DossierError('not-found', `No article with id ${articleId}; its note was not saved.`);
      const note: ArticleNote = { articleId, doc: normalDoc(doc), updatedAt: now().toISOString() };
      await articleNoteDocument(store, articleId).update(() => note);
      return note;
    },

    'memos.list': async () => listMemos(store),

    'memos.create': async ({ title, doc }) => {
      const stamp = now().toISOString();
      const memo: Memo = { id: randomUUID(), title: title?.trim() || 'Untitled memo', doc: normalDoc(doc ?? null), createdAt: stamp, updatedAt: stamp };
      await memosDocument(store).update((data) => ({ memos: [...data.memos, memo] }));
      return memo;
    },

    'memos.update': async ({ id, title, doc }) => {
      let updated: Memo | null = null;
      await memosDocument(store).update((data) => {
        const current = findMemo(data.memos, id);
        const next: Memo = {
          ...current,
          title: title === undefined ? current.title : title.trim() || 'Untitled memo',
          doc: doc === undefined ? current.doc : normalDoc(doc),
          updatedAt: now().toISOString(),
        };
        updated = next;
        return { memos: data.memos.map((m) => (m.id === id ? next : m)) };
      });
      if (!updated) throw new DossierError('internal', `Memo ${id} was not updated.`);
      return updated;
    },

    'memos.delete': async ({ id }) => {
      let deleted = false;
      await memosDocument(store).update((data) => {
        deleted = data.memos.some((m) => m.id === id);
        return deleted ? { memos: data.memos.filter((m) => m.id !== id) } : null;
      });
      return { deleted };
    },
  };
}
