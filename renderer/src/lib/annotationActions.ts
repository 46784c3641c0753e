/**
 * Every highlight action the UI offers, each done through the API and pushed onto the undo stack
 * as a pair of snapshots: undo and redo put back the stored record exactly (`annotations.restore`)
 * or remove it, so they work on the records wherever the analyst has moved on to (another article,
 * another view) and never depend on what is on screen.
 */
import type { DossierClient } from '../../../shared/api/client';
import type { Annotation, RichText } from '../../../shared/model/schemas';
import type { UndoEntry } from './undoStack';

export interface AnnotationActions {
  create(articleId: string, range: { start: number; end: number }, tags?: string[]): Promise<Annotation>;
  remove(annotation: Annotation): Promise<void>;
  /** Changes tags, comment and/or range of `before` (the record as it was); one undo entry. */
  update(before: Annotation, patch: { tags?: string[]; comment?: RichText; target?: { start: number; end: number } }, label: string): Promise<Annotation>;
}

type Call = DossierClient['call'];

export function annotationActions(call: Call, push: (entry: UndoEntry) => void): AnnotationActions {
  const restore = async (annotation: Annotation): Promise<void> => {
    await call('annotations.restore', { annotation });
  };
  const remove = async (annotation: Annotation): Promise<void> => {
    await call('annotations.delete', { articleId: annotation.articleId, id: annotation.id });
  };
  return {
    async create(articleId, range, tags) {
      const created = await call('annotations.create', { articleId, target: { start: range.start, end: range.end }, ...(tags && tags.length > 0 ? { tags } : {}) });
      push({ label: tags && tags.length > 0 ? 'Create tagged highlight' : 'Create highlight', undo: () => remove(created), redo: () => restore(created) });
      return created;
    },
    async remove(annotation) {
      await remove(annotation);
      push({ label: 'Delete highlight', undo: () => restore(annotation), redo: () => remove(annotation) });
    },
    async update(before, patch, label) {
      const after = await call('annotations.update', { articleId: before.articleId, id: before.id, ...patch });
      push({ label, undo: () => restore(before), redo: () => restore(after) });
      return after;
    },
  };
}

/** Whether two rich-text values are the same document (null and an empty doc differ only by form). */
export function sameRichText(a: RichText, b: RichText): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}
