/**
 * Where notes and memos live in a notebook, and how to read them: one small file per article note
 * (`notes/<articleId>.json`, so typing in one note never rewrites another) and one `memos.json` for the
 * notebook's memos. Other features (search, export) read them through these helpers.
 */
import { z } from 'zod';
import { ArticleNote, Memo } from '../../shared/api/methods/notes';
import { DossierError } from '../../shared/api/result';
import type { NotebookStore, StoreDocument } from '../store/notebook-store';

export const MEMOS_FILE = 'memos.json';
export const NOTES_FOLDER = 'notes';

const MemosFile = z.object({ memos: z.array(Memo) });
export type MemosFile = z.infer<typeof MemosFile>;

/** The store file of an article's note (`notes/<articleId>.json`). */
export function noteFile(articleId: string): string {
  return `${NOTES_FOLDER}/${articleId}.json`;
}

export function articleNoteDocument(store: NotebookStore, articleId: string): StoreDocument<ArticleNote> {
  return store.document(noteFile(articleId), ArticleNote, () => ({ articleId, doc: null, updatedAt: null }));
}

export function memosDocument(store: NotebookStore): StoreDocument<MemosFile> {
  return store.document(MEMOS_FILE, MemosFile, () => ({ memos: [] }));
}

/** An article's note; `{doc: null, updatedAt: null}` when none was written. Throws not-found for an unknown article. */
export async function readArticleNote(store: NotebookStore, articleId: string): Promise<ArticleNote> {
  if (!store.getArticleSummary(articleId)) throw new DossierError('not-found', `No article with id ${articleId}.`);
  const note = await articleNoteDocument(store, articleId).read();
  // The id inside the file is informational; the file name is what ties a note to its article.
  return { ...note, articleId };
}

/** Every article's note that has content, in catalogue order. */
export async function listArticleNotes(store: NotebookStore): Promise<ArticleNote[]> {
  const out: ArticleNote[] = [];
  for (const article of store.listArticles()) {
    const note = await articleNoteDocument(store, article.id).read();
    if (note.doc) out.push({ ...note, articleId: article.id });
  }
  return out;
}

/** The notebook's memos, oldest first. */
export async function listMemos(store: NotebookStore): Promise<Memo[]> {
  return (await memosDocument(store).read()).memos.slice();
}
