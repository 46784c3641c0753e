/** Notes and memos: the `notes.*` (one rich-text note per article) and `memos.*` (notebook-level) methods. */
import { z } from 'zod';
import { Id, IsoDate, RichText } from '../../model/schemas';
import { Empty, method } from '../method';

/** An article's note; `updatedAt` is null while nothing has been written. */
export const ArticleNote = z.object({
  articleId: Id,
  doc: RichText,
  updatedAt: IsoDate.nullable(),
});
export type ArticleNote = z.infer<typeof ArticleNote>;

export const MemoTitle = z.string().max(300);

export const Memo = z.object({
  id: Id,
  title: MemoTitle,
  doc: RichText,
  createdAt: IsoDate,
  updatedAt: IsoDate,
});
export type Memo = z.infer<typeof Memo>;

export const noteMethods = {
  'notes.get': method('notebook', "An article's rich-text note (doc null when empty).", z.object({ articleId: Id }).strict(), ArticleNote),
  'notes.put': method(
    'notebook',
    "Replace an article's note (doc null clears it).",
    z.object({ articleId: Id, doc: RichText }).strict(),
    ArticleNote,
  ),
  'memos.list': method('notebook', 'Notebook-level memos, oldest first.', Empty, z.array(Memo)),
  'memos.create': method('notebook', 'Create a memo.', z.object({ title: MemoTitle.optional(), doc: RichText.optional() }).strict(), Memo),
  'memos.update': method(
    'notebook',
    "Rename a memo or replace its document.",
    z.object({ id: Id, title: MemoTitle.optional(), doc: RichText.optional() }).strict(),
    Memo,
  ),
  'memos.delete': method('notebook', 'Delete a memo.', z.object({ id: Id }).strict(), z.object({ deleted: z.boolean() })),
};
