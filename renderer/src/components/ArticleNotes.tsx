/**
 * The open article's rich-text note, in the Inspector: saved as you type (after a pause, on blur, when
 * another article opens, when the page is hidden or closed), with a "Saving…/Saved" status. A failed
 * save keeps the text in the editor, reports the error and retries at the next change or blur.
 * Mount it with `key={articleId}`: switching articles remounts it, which flushes the previous note.
 */
import { useEffect, useId, useState } from 'react';
import type { RichText } from '../../../shared/model/schemas';
import { useDossier } from '../api/client';
import { statusText, useAutosave } from '../lib/autosave';
import { RichTextEditor } from './RichTextEditor';
import '../styles/notes.css';

/**
 * Saves still running per article: leaving an article flushes its note, and coming straight back must
 * load the note after that save has landed, not the older copy.
 */
const savesInFlight = new Map<string, Promise<unknown>>();

interface Props {
  articleId: string;
  /** The article's title, for the editor's accessible name. */
  title?: string;
  onError(error: unknown, context?: string): void;
}

export function ArticleNotes({ articleId, title, onError }: Props) {
  const api = useDossier();
  const headingId = useId();
  const [doc, setDoc] = useState<RichText | undefined>(undefined);
  const [loadError, setLoadError] = useState<string | null>(null);
  const { saver, status } = useAutosave<RichText>(
    async (value) => {
      const saving = api.call('notes.put', { articleId, doc: value });
      savesInFlight.set(articleId, saving);
      try {
        await saving;
      } finally {
        if (savesInFlight.get(articleId) === saving) savesInFlight.delete(articleId);
      }
    },
    (error) => onError(error, 'Could not save the note (your text is kept; it will be saved at the next change)'),
  );

  useEffect(() => {
    let cancelled = false;
    const previous = savesInFlight.get(articleId) ?? Promise.resolve();
    previous
      .catch(() => {}) // its failure was reported where it happened; load what is on disk
      .then(() => api.call('notes.get', { articleId }))
      .then(
      (note) => {
        if (!cancelled) setDoc(note.doc);
      },
      (error: unknown) => {
        if (cancelled) return;
        setLoadError(error instanceof Error ? error.message : String(error));
        onError(error, 'Could not load the note');
      },
    );
    return () => {
      cancelled = true;
    };
    // onError is the App's stable reporter; reloading on its identity would discard typing.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, articleId]);

  return (
    <section className="article-notes" aria-labelledby={headingId}>
      <div className="article-notes-heading">
        <h2 id={headingId} className="inspector-heading">
          Notes
        </h2>
        <span role="status" className="save-status" data-status={status}>
          {statusText(status)}
        </span>
      </div>
      {loadError ? (
        <p className="form-error">The note could not be loaded: {loadError}</p>
      ) : doc === undefined ? (
        <p className="muted">Loading the note…</p>
      ) : (
        <RichTextEditor
          value={doc}
          label={title ? `Note on ${title}` : 'Article note'}
          placeholder="Write a note on this article: questions, leads, what to check…"
          onChange={(next) => {
            setDoc(next);
            saver.change(next);
          }}
          onBlur={() => {
            if (saver.dirty) void saver.flush().catch(() => {});
          }}
        />
      )}
    </section>
  );
}
