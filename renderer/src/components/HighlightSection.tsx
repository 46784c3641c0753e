/**
 * The Inspector's section for the highlight selected in the reader: its quote, tags (add, create,
 * remove), a rich-text comment saved as you type (one undo entry per editing burst), its anchor
 * status after edits, and Delete. Every change goes through lib/annotationActions, so it is undoable.
 */
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { Annotation, RichText, Tag } from '../../../shared/model/schemas';
import { useDossier, useDossierEvents } from '../api/client';
import { annotationActions, sameRichText } from '../lib/annotationActions';
import { formatDateTime } from '../lib/format';
import { useUndo } from '../lib/undo';
import type { SelectedRecord } from './Reader';
import { RichTextEditor } from './RichTextEditor';

/** Idle time that ends a burst of typing in the comment: the burst is saved and becomes one undo entry. */
export const COMMENT_BURST_MS = 700;

interface Props {
  record: SelectedRecord;
  onSelectRecord(record: SelectedRecord | null): void;
  onError(error: unknown, context: string): void;
}

export function HighlightSection({ record, onSelectRecord, onError }: Props) {
  const api = useDossier();
  const { push } = useUndo();
  const actions = useMemo(() => annotationActions(api.call, push), [api, push]);
  const headingId = useId();
  const [annotation, setAnnotation] = useState<Annotation | null>(null);
  const [missing, setMissing] = useState(false);
  const [tags, setTags] = useState<Tag[]>([]);
  const [busy, setBusy] = useState(false);

  const load = useCallback(() => {
    let cancelled = false;
    api
      .call('annotations.list', { articleId: record.articleId })
      .then((list) => {
        if (cancelled) return;
        const found = list.find((a) => a.id === record.id) ?? null;
        setAnnotation(found);
        setMissing(found === null);
      })
      .catch((error: unknown) => {
        if (!cancelled) onError(error, 'Could not load the highlight');
      });
    return () => {
      cancelled = true;
    };
  }, [api, record.articleId, record.id, onError]);
  const loadTags = useCallback(() => {
    api
      .call('tags.list', {})
      .then(setTags)
      .catch((error: unknown) => onError(error, 'Could not load the tags'));
  }, [api, onError]);
  useEffect(() => {
    setAnnotation(null);
    setMissing(false);
    return load();
  }, [load]);
  useEffect(loadTags, [loadTags]);
  useDossierEvents((event) => {
    if (event.type === 'annotations.changed' && event.articleIds.includes(record.articleId)) load();
    else if (event.type === 'tags.changed') {
      loadTags();
      load();
    }
  });

  // ---- comment: a burst of typing is saved after a pause and pushed as one undo entry ----
  /** The comment being typed and not yet saved (undefined: show the stored one). */
  const [draft, setDraft] = useState<RichText | undefined>(undefined);
  const burst = useRef<{ before: Annotation; doc: RichText; timer: ReturnType<typeof setTimeout> } | null>(null);
  const latest = useRef<Annotation | null>(null);
  latest.current = annotation;

  const flush = useCallback(async (): Promise<void> => {
    const pending = burst.current;
    if (!pending) return;
    clearTimeout(pending.timer);
    burst.current = null;
    if (sameRichText(pending.before.comment, pending.doc)) {
      setDraft(undefined);
      return;
    }
    try {
      const saved = await actions.update(pending.before, { comment: pending.doc }, 'Edit comment');
      if (latest.current?.id === saved.id) setAnnotation(saved);
    } catch (error) {
      onError(error, 'Could not save the comment');
    } finally {
      // Keep showing the draft while a newer burst is being typed.
      if (!burst.current) setDraft(undefined);
    }
  }, [actions, onError]);

  const onComment = useCallback(
    (doc: RichText) => {
      const current = latest.current;
      if (!current) return;
      setDraft(doc);
      const pending = burst.current;
      if (pending) clearTimeout(pending.timer);
      burst.current = {
        before: pending?.before ?? current,
        doc,
        timer: setTimeout(() => void flush(), COMMENT_BURST_MS),
      };
    },
    [flush],
  );
  // Another highlight selected, or the section closed: save what was typed.
  useEffect(
    () => () => {
      void flush();
    },
    [record.id, flush],
  );

  // ---- tags ----
  const setTagList = async (next: string[], label: string): Promise<void> => {
    if (!annotation) return;
    setBusy(true);
    try {
      setAnnotation(await actions.update(annotation, { tags: next }, label));
    } catch (error) {
      onError(error, 'Could not change the tags');
    } finally {
      setBusy(false);
    }
  };
  const [tagQuery, setTagQuery] = useState('');
  const addTag = async (name: string): Promise<void> => {
    if (!annotation) return;
    const wanted = name.trim();
    if (!wanted) return;
    let tag = tags.find((t) => t.name.toLowerCase() === wanted.toLowerCase());
    try {
      if (!tag) {
        tag = await api.call('tags.create', { name: wanted });
        loadTags();
      }
    } catch (error) {
      onError(error, `Could not create the tag “${wanted}”`);
      return;
    }
    setTagQuery('');
    if (!annotation.tags.includes(tag.id)) await setTagList([...annotation.tags, tag.id], `Tag highlight “${tag.name}”`);
  };

  const remove = async (): Promise<void> => {
    if (!annotation) return;
    setBusy(true);
    try {
      await flush();
      await actions.remove(latest.current ?? annotation);
      onSelectRecord(null);
    } catch (error) {
      onError(error, 'Could not delete the highlight');
    } finally {
      setBusy(false);
    }
  };

  if (missing) {
    return (
      <section className="highlight-section" aria-labelledby={headingId}>
        <h2 id={headingId} className="inspector-heading">
          Highlight
        </h2>
        <p className="muted">This highlight no longer exists (deleted here or elsewhere). {`Undo brings it back if it was yours.`}</p>
      </section>
    );
  }
  if (!annotation) {
    return (
      <section className="highlight-section" aria-labelledby={headingId} aria-busy="true">
        <h2 id={headingId} className="inspector-heading">
          Highlight
        </h2>
        <p className="muted">Loading…</p>
      </section>
    );
  }
  const tagById = new Map(tags.map((t) => [t.id, t]));
  const own = annotation.tags.map((id) => tagById.get(id) ?? { id, name: 'Unknown tag', color: '#888888', parentId: null });
  const listId = `${headingId}-tags`;
  return (
    <section className="highlight-section" aria-labelledby={headingId} data-highlight-id={annotation.id}>
      <h2 id={headingId} className="inspector-heading">
        Highlight
      </h2>
      <blockquote className="highlight-quote">{annotation.target.exact}</blockquote>
      <AnchorStatusLine annotation={annotation} />

      <h3 className="inspector-subheading">Tags</h3>
      {own.length === 0 ? <p className="muted">No tags yet.</p> : null}
      <ul className="tag-chips" aria-label="Tags of this highlight">
        {own.map((tag) => (
          <li key={tag.id} className="tag-chip">
            <span className="tag-swatch" style={{ background: tag.color }} aria-hidden="true" />
            {tag.name}
            <button
              type="button"
              className="chip-remove"
              disabled={busy}
              aria-label={`Remove tag ${tag.name}`}
              onClick={() =>
                void setTagList(
                  annotation.tags.filter((t) => t !== tag.id),
                  `Untag highlight “${tag.name}”`,
                )
              }
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <form
        className="tag-add"
        onSubmit={(event) => {
          event.preventDefault();
          void addTag(tagQuery);
        }}
      >
        <input
          type="text"
          list={listId}
          aria-label="Add a tag (type a name; a new name creates the tag)"
          placeholder="Add a tag…"
          value={tagQuery}
          disabled={busy}
          onChange={(event) => setTagQuery(event.target.value)}
        />
        <datalist id={listId}>
          {tags
            .filter((t) => !annotation.tags.includes(t.id))
            .map((t) => (
              <option key={t.id} value={t.name} />
            ))}
        </datalist>
        <button type="submit" className="button small" disabled={busy || tagQuery.trim() === ''}>
          {tagQuery.trim() && !tags.some((t) => t.name.toLowerCase() === tagQuery.trim().toLowerCase()) ? 'Create and add' : 'Add'}
        </button>
      </form>

      <h3 className="inspector-subheading">Comment</h3>
      <RichTextEditor
        key={annotation.id}
        value={draft === undefined ? annotation.comment : draft}
        onChange={onComment}
        onBlur={() => void flush()}
        label="Comment on the highlight"
        placeholder="Why this matters, what to check…"
      />

      <p className="muted highlight-dates">
        Created {formatDateTime(annotation.createdAt)}
        {annotation.updatedAt !== annotation.createdAt ? ` · changed ${formatDateTime(annotation.updatedAt)}` : ''}
      </p>
      <div className="form-actions">
        <button type="button" className="button danger" disabled={busy} onClick={() => void remove()} title="Delete this highlight (Delete in the reader; undo with Ctrl/Cmd+Z)">
          Delete highlight
        </button>
      </div>
    </section>
  );
}

function AnchorStatusLine({ annotation }: { annotation: Annotation }) {
  const { status, score } = annotation.anchor;
  if (status === 'anchored') return <p className="anchor-status anchor-ok">Anchored on these exact words.</p>;
  if (status === 'fuzzy') {
    return (
      <p className="anchor-status anchor-fuzzy" role="note">
        Moved by an edit of the text (match {Math.round(score * 100)}%): check it in the review list.
      </p>
    );
  }
  return (
    <p className="anchor-status anchor-orphaned" role="note">
      Lost its place after an edit (best match {Math.round(score * 100)}%): accept, move or delete it in the review list.
    </p>
  );
}
