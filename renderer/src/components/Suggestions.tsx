/**
 * Suggested claims for the open article, in the Inspector: sentences that carry attribution,
 * quotes, numbers or decisions, ranked, with speaker and kind filled in. Accept makes the claim
 * (and selects it); Dismiss hides the suggestion for good; the sentence itself reveals the words.
 */
import { useCallback, useEffect, useId, useState } from 'react';
import type { SuggestedClaim } from '../../../shared/api/methods/claims';
import type { Claim } from '../../../shared/model/schemas';
import { useDossier, useDossierEvents } from '../api/client';
import { useUndo } from '../lib/undo';
import '../styles/claims.css';

interface Props {
  articleId: string;
  onReveal(articleId: string, range: { start: number; end: number }): void;
  /** A suggestion became this claim: select it. */
  onAccepted(claim: Claim): void;
  onError(error: unknown, context: string): void;
}

/** Shown at first; the rest behind "Show all". */
const FIRST = 5;

export function Suggestions({ articleId, onReveal, onAccepted, onError }: Props) {
  const api = useDossier();
  const undo = useUndo();
  const [items, setItems] = useState<SuggestedClaim[] | null>(null);
  const [all, setAll] = useState(false);
  const [open, setOpen] = useState(true);
  const headingId = useId();

  const load = useCallback(async () => {
    try {
      setItems(await api.call('claims.suggest', { articleId }));
    } catch (error) {
      onError(error, 'Could not suggest claims');
    }
  }, [api, articleId, onError]);
  useEffect(() => {
    setItems(null);
    setAll(false);
    void load();
  }, [load]);
  useDossierEvents((event) => {
    if ((event.type === 'claims.changed' && event.articleIds.includes(articleId)) || event.type === 'articles.changed') void load();
  });

  const accept = async (s: SuggestedClaim) => {
    try {
      const claim = await api.call('claims.create', {
        articleId,
        target: { start: s.start, end: s.end },
        speaker: s.speaker,
        kind: s.kind,
      });
      setItems((list) => list?.filter((x) => x !== s) ?? null);
      undo.push({
        label: 'Accept suggested claim',
        undo: async () => {
          await api.call('claims.delete', { articleId, id: claim.id });
        },
        redo: async () => {
          await api.call('claims.restore', { claim, incoming: [] });
        },
      });
      onAccepted(claim);
    } catch (error) {
      onError(error, 'Could not make the claim');
    }
  };
  const dismiss = async (s: SuggestedClaim) => {
    try {
      await api.call('claims.dismissSuggestion', { articleId, start: s.start, end: s.end });
      setItems((list) => list?.filter((x) => x !== s) ?? null);
    } catch (error) {
      onError(error, 'Could not dismiss the suggestion');
    }
  };

  const shown = items ? (all ? items : items.slice(0, FIRST)) : [];
  return (
    <section className="suggestions" aria-labelledby={headingId}>
      <h2 id={headingId} className="inspector-heading">
        <button type="button" className="disclosure" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
          Suggested claims{items ? ` (${items.length})` : ''}
        </button>
      </h2>
      {open ? (
        items === null ? (
          <p className="muted">Looking for claims…</p>
        ) : items.length === 0 ? (
          <p className="muted">No suggestions left in this article. Select words in the text and choose “Claim” to make one.</p>
        ) : (
          <>
            <ol className="suggestion-list" aria-label="Suggested claims">
              {shown.map((s) => {
                const short = s.text.length > 50 ? `${s.text.slice(0, 49)}…` : s.text;
                return (
                  <li key={`${s.start}-${s.end}`} className="suggestion">
                    <button type="button" className="link-button suggestion-text" title="Show these words in the reader" onClick={() => onReveal(articleId, { start: s.start, end: s.end })}>
                      {s.text}
                    </button>
                    <p className="suggestion-meta muted">
                      {s.kind}
                      {s.speaker ? ` · ${s.speaker}` : ''}
                      {s.reasons.length > 0 ? ` · ${s.reasons.join(', ')}` : ''}
                    </p>
                    <div className="suggestion-actions">
                      <button type="button" className="button small primary" aria-label={`Accept suggested claim “${short}”`} onClick={() => void accept(s)}>
                        Accept
                      </button>
                      <button type="button" className="button small" aria-label={`Dismiss suggested claim “${short}”`} onClick={() => void dismiss(s)}>
                        Dismiss
                      </button>
                    </div>
                  </li>
                );
              })}
            </ol>
            {items.length > FIRST ? (
              <button type="button" className="button small" onClick={() => setAll((a) => !a)}>
                {all ? 'Show fewer' : `Show all ${items.length}`}
              </button>
            ) : null}
          </>
        )
      ) : null}
    </section>
  );
}
