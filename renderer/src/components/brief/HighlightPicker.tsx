/**
 * Highlights to cite: every highlight of the notebook, filterable, each draggable into the brief or
 * cited at the caret. A brief cites claims, so citing a highlight first makes it a claim on the same
 * words (or reuses the claim already there): the footnote then carries its quote and grades like any.
 */
import { useCallback, useEffect, useMemo, useState, type DragEvent } from 'react';
import type { AnnotationHit } from '../../../../shared/api/methods/annotations';
import { fold } from '../../../../shared/search/fold';
import { useDossier } from '../../api/client';
import { HIGHLIGHT_DRAG_TYPE } from './Citation';

export function HighlightPicker({ onCite, reportError }: { onCite(highlight: { articleId: string; id: string }): void; reportError(error: unknown, context?: string): void }) {
  const api = useDossier();
  const [hits, setHits] = useState<AnnotationHit[] | null>(null);
  const [query, setQuery] = useState('');

  const load = useCallback(async () => {
    try {
      setHits(await api.call('annotations.query', {}));
    } catch (error) {
      reportError(error, 'Could not load the highlights');
      setHits([]);
    }
  }, [api, reportError]);
  useEffect(() => {
    void load();
  }, [load]);

  const visible = useMemo(() => {
    const words = fold(query).split(/\s+/).filter(Boolean);
    return (hits ?? []).filter((h) => {
      const hay = fold(`${h.annotation.target.exact} ${h.articleTitle} ${h.outlet ?? ''}`);
      return words.every((w) => hay.includes(w));
    });
  }, [hits, query]);

  const onDragStart = (event: DragEvent<HTMLLIElement>, hit: AnnotationHit): void => {
    event.dataTransfer.setData(HIGHLIGHT_DRAG_TYPE, JSON.stringify({ articleId: hit.annotation.articleId, id: hit.annotation.id }));
    event.dataTransfer.effectAllowed = 'copy';
  };

  return (
    <section className="brief-panel claim-picker" aria-label="Highlights to cite">
      <input
        type="search"
        className="brief-filter"
        aria-label="Filter highlights"
        placeholder="Filter by quote, outlet, title…"
        value={query}
        onChange={(event) => setQuery(event.target.value)}
      />
      <p className="muted small">Drag a highlight into the brief, or use Cite: it becomes a claim on the same words, then a footnote.</p>
      {hits === null ? <p className="muted">Loading highlights…</p> : null}
      {hits !== null && hits.length === 0 ? <p className="muted">No highlights yet. Select words in an article and press H.</p> : null}
      {hits !== null && hits.length > 0 && visible.length === 0 ? <p className="muted">No highlight matches “{query}”.</p> : null}
      <ul className="claim-rows" aria-label="Highlights">
        {visible.slice(0, 300).map((hit) => (
          <li key={hit.annotation.id} className="claim-row" draggable onDragStart={(event) => onDragStart(event, hit)}>
            <div className="claim-row-text">
              <span className="claim-quote">“{hit.annotation.target.exact}”</span>
              <span className="claim-meta">{[hit.outlet, hit.articleTitle].filter(Boolean).join(' · ')}</span>
            </div>
            <button
              type="button"
              className="button small"
              onClick={() => onCite({ articleId: hit.annotation.articleId, id: hit.annotation.id })}
              aria-label={`Cite highlight “${hit.annotation.target.exact.slice(0, 60)}”`}
            >
              Cite
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
