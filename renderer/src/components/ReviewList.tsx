/**
 * "Needs review": highlights and claims an edit of the text could not re-anchor with confidence
 * (orphaned) or moved onto changed words (fuzzy). Each row shows the old quote beside the best
 * candidate in the current text (computed here with shared/anchoring), with Accept, Move (to the
 * words selected in the reader) and Delete. Orphans are listed, never dropped. Used in the
 * Inspector for the open article and as the notebook-wide "Review" workspace view.
 */
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { reanchor } from '../../../shared/anchoring';
import type { Annotation, Claim, Selector } from '../../../shared/model/schemas';
import { useDossier, useDossierEvents } from '../api/client';
import { annotationActions } from '../lib/annotationActions';
import { selectionToRange, trimRange } from '../lib/selectionOffsets';
import { useUndo } from '../lib/undo';

interface Props {
  /** One article (the Inspector), or null for the whole notebook (the workspace view). */
  articleId: string | null;
  /** Opens an article in the reader and reveals a range. */
  onOpen(articleId: string, range?: { start: number; end: number }): void;
  onError(error: unknown, context: string): void;
  /** Compact rendering for the Inspector (no empty-state paragraph when nothing needs review). */
  compact?: boolean;
}

type Item =
  | { kind: 'annotation'; record: Annotation; articleId: string; articleTitle: string }
  | { kind: 'claim'; record: Claim; articleId: string; articleTitle: string };

interface Candidate {
  start: number;
  end: number;
  exact: string;
  score: number;
}

/** The words a row's record would move to: its current words when applied (fuzzy), else the best candidate found. */
export function bestCandidate(record: { target: Selector; anchor?: { score: number } }, text: string, status: 'fuzzy' | 'orphaned'): Candidate | null {
  const target = record.target;
  if (status === 'fuzzy') {
    const score = record.anchor?.score ?? 1;
    return { start: target.start, end: target.end, exact: text.slice(target.start, target.end), score };
  }
  const result = reanchor(target, text);
  if (result.selector) return { start: result.selector.start, end: result.selector.end, exact: result.selector.exact, score: result.score };
  return result.candidate;
}

function statusOf(item: Item, text: string | undefined): 'fuzzy' | 'orphaned' {
  if (item.kind === 'annotation') return item.record.anchor.status === 'fuzzy' ? 'fuzzy' : 'orphaned';
  // Claims carry no anchor: one whose words no longer match the text has lost its place.
  return text !== undefined && text.slice(item.record.target.start, item.record.target.end) === item.record.target.exact ? 'fuzzy' : 'orphaned';
}

/** The last selection made in the reader's text, as offsets, remembered so a click elsewhere does not lose it. */
function useReaderSelection(): () => { start: number; end: number } | null {
  const last = useRef<{ start: number; end: number } | null>(null);
  const read = useCallback((): { start: number; end: number } | null => {
    const root = document.querySelector('#reader-pane .reader-body');
    const selection = document.getSelection();
    if (!root || !selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
    return selectionToRange(root, selection.anchorNode, selection.anchorOffset, selection.focusNode, selection.focusOffset);
  }, []);
  useEffect(() => {
    const onChange = (): void => {
      const range = read();
      if (range) last.current = range;
    };
    document.addEventListener('selectionchange', onChange);
    return () => document.removeEventListener('selectionchange', onChange);
  }, [read]);
  return useCallback(() => read() ?? last.current, [read]);
}

export function ReviewList({ articleId, onOpen, onError, compact = false }: Props) {
  const api = useDossier();
  const { push } = useUndo();
  const actions = useMemo(() => annotationActions(api.call, push), [api, push]);
  const headingId = useId();
  const [items, setItems] = useState<Item[] | null>(null);
  const [texts, setTexts] = useState<Map<string, string>>(new Map());
  const [busy, setBusy] = useState<string | null>(null);
  const [hint, setHint] = useState<string | null>(null);
  const readSelection = useReaderSelection();
  const generation = useRef(0);

  const load = useCallback(async () => {
    const gen = ++generation.current;
    try {
      const [hits, claims] = await Promise.all([
        api.call('annotations.query', { needsReview: true, ...(articleId ? { articleId } : {}) }),
        api.call('claims.list', articleId ? { articleId } : {}),
      ]);
      const ids = new Set<string>([...hits.map((h) => h.annotation.articleId), ...claims.map((c) => c.articleId)]);
      const next = new Map<string, string>();
      const titles = new Map<string, string>(hits.map((h) => [h.annotation.articleId, h.articleTitle]));
      await Promise.all(
        [...ids].map(async (id) => {
          const article = await api.call('articles.get', { id });
          next.set(id, article.text);
          titles.set(id, article.title);
        }),
      );
      if (gen !== generation.current) return;
      const list: Item[] = hits.map((h) => ({ kind: 'annotation', record: h.annotation, articleId: h.annotation.articleId, articleTitle: h.articleTitle }));
      for (const claim of claims) {
        const text = next.get(claim.articleId);
        if (text !== undefined && text.slice(claim.target.start, claim.target.end) !== claim.target.exact) {
          list.push({ kind: 'claim', record: claim, articleId: claim.articleId, articleTitle: titles.get(claim.articleId) ?? 'Untitled' });
        }
      }
      setTexts(next);
      setItems(list);
    } catch (error) {
      if (gen === generation.current) onError(error, 'Could not load the highlights that need review');
    }
  }, [api, articleId, onError]);

  useEffect(() => {
    setItems(null);
    void load();
  }, [load]);
  useDossierEvents((event) => {
    if (event.type === 'annotations.changed' || event.type === 'articles.changed' || (event.type as string).startsWith('claims.')) void load();
  });

  const act = async (item: Item, action: 'accept' | 'move' | 'delete', candidate: Candidate | null): Promise<void> => {
    setHint(null);
    let range: { start: number; end: number } | null = null;
    if (action === 'move') {
      const selected = readSelection();
      const text = texts.get(item.articleId);
      range = selected && text !== undefined ? trimRange(text, selected) : null;
      if (!range) {
        setHint('Select the right words in the reader first, then press Move.');
        if (candidate) onOpen(item.articleId, candidate);
        else onOpen(item.articleId);
        return;
      }
    }
    setBusy(item.record.id);
    try {
      if (item.kind === 'annotation') {
        const before = item.record;
        if (action === 'delete') await actions.remove(before);
        else if (action === 'accept' && before.anchor.status === 'fuzzy' && candidate) {
          // The analyst confirms the words it moved to: anchored there.
          await actions.update(before, { target: { start: candidate.start, end: candidate.end } }, 'Confirm highlight');
        } else if (action === 'accept') {
          const result = await api.call('annotations.review', { articleId: item.articleId, id: before.id, action: 'accept' });
          const after = result.annotation;
          if (after) push({ label: 'Accept highlight', undo: async () => void (await api.call('annotations.restore', { annotation: before })), redo: async () => void (await api.call('annotations.restore', { annotation: after })) });
        } else if (range) {
          await actions.update(before, { target: range }, 'Move highlight');
        }
      } else {
        const before = item.record;
        if (action === 'delete') {
          const result = await api.call('claims.delete', { articleId: item.articleId, id: before.id });
          const incoming = result.incoming;
          push({
            label: 'Delete claim',
            undo: async () => void (await api.call('claims.restore', { claim: before, incoming })),
            redo: async () => void (await api.call('claims.delete', { articleId: before.articleId, id: before.id })),
          });
        } else {
          await api.call('claims.review', { articleId: item.articleId, id: before.id, action, ...(range ? range : {}) });
        }
      }
      await load();
    } catch (error) {
      onError(error, `Could not ${action} the ${item.kind === 'annotation' ? 'highlight' : 'claim'}`);
    } finally {
      setBusy(null);
    }
  };

  const heading = articleId ? 'Needs review' : 'Highlights and claims that need review';
  if (items === null) {
    return compact ? null : (
      <section className="review-list" aria-labelledby={headingId} aria-busy="true">
        <h2 id={headingId}>{heading}</h2>
        <p className="muted">Loading…</p>
      </section>
    );
  }
  if (items.length === 0 && compact) return null;
  return (
    <section className="review-list" aria-labelledby={headingId}>
      <h2 id={headingId} className={compact ? 'inspector-heading' : undefined}>
        {heading} {items.length > 0 ? <span className="count">({items.length})</span> : null}
      </h2>
      {items.length === 0 ? (
        <p className="muted">Nothing needs review: every highlight and claim sits on its words. After an edit of a text, the ones that moved or lost their place appear here.</p>
      ) : (
        <p className="muted">
          An edit changed these passages. Compare the old words with the best match in the current text: accept it, select the right words in the reader and Move, or delete.
        </p>
      )}
      {hint ? (
        <p className="review-hint" role="status">
          {hint}
        </p>
      ) : null}
      <ul className="review-rows" aria-label="Needs review">
        {items.map((item) => {
          const text = texts.get(item.articleId);
          const status = statusOf(item, text);
          const candidate = text === undefined ? null : bestCandidate(item.record, text, status);
          const what = item.kind === 'annotation' ? 'Highlight' : 'Claim';
          const name = item.record.target.exact.slice(0, 60);
          return (
            <li key={`${item.kind}-${item.record.id}`} className={`review-row review-${status}`} aria-busy={busy === item.record.id}>
              <p className="review-meta">
                <span className={`review-badge badge-${status}`}>{status === 'fuzzy' ? 'Moved' : 'Lost its place'}</span> {what}
                {articleId ? null : <> in “{item.articleTitle}”</>}
                {candidate ? <span className="muted"> · match {Math.round(candidate.score * 100)}%</span> : null}
              </p>
              <div className="review-compare">
                <figure>
                  <figcaption>{status === 'fuzzy' ? 'Quote' : 'Old quote'}</figcaption>
                  <blockquote className="review-old">{item.record.target.exact}</blockquote>
                </figure>
                <figure>
                  <figcaption>{status === 'fuzzy' ? 'Now on' : 'Best candidate'}</figcaption>
                  {candidate ? <blockquote className="review-new">{candidate.exact}</blockquote> : <p className="muted">No similar passage in the current text.</p>}
                </figure>
              </div>
              <div className="form-actions">
                <button
                  type="button"
                  className="button small"
                  disabled={busy !== null || !candidate}
                  onClick={() => void act(item, 'accept', candidate)}
                  aria-label={`Accept the candidate for “${name}”`}
                >
                  Accept
                </button>
                <button
                  type="button"
                  className="button small"
                  disabled={busy !== null}
                  // Keep the reader's selection: Move reads it.
                  onMouseDown={(event) => event.preventDefault()}
                  onClick={() => void act(item, 'move', candidate)}
                  aria-label={`Move “${name}” to the words selected in the reader`}
                >
                  Move
                </button>
                <button
                  type="button"
                  className="button small"
                  disabled={busy !== null}
                  onClick={() => void act(item, 'delete', candidate)}
                  aria-label={`Delete “${name}”`}
                >
                  Delete
                </button>
                <button
                  type="button"
                  className="button small link"
                  onClick={() => onOpen(item.articleId, candidate ?? undefined)}
                  aria-label={`Show “${name}” in the reader`}
                >
                  Show
                </button>
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
