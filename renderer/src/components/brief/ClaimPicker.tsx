/**
 * Claims to cite: the side panel (filterable; each row draggable into the brief, or cited at the
 * caret with its button) and the searchable list the typed command (/cite, Mod+Shift+C) opens.
 */
import { useEffect, useId, useMemo, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import { filterClaimCards, type ClaimCard } from '../../lib/briefClaims';
import { CLAIM_DRAG_TYPE } from './Citation';

function CardText({ card }: { card: ClaimCard }) {
  return (
    <>
      <span className="claim-quote">“{card.quote}”</span>
      <span className="claim-meta">
        {[card.outlet, card.title, card.date].filter(Boolean).join(' · ')} · <span className="claim-grade">grade {card.grade}</span>
      </span>
    </>
  );
}

export function ClaimPicker({ cards, loading, onCite }: { cards: readonly ClaimCard[]; loading: boolean; onCite(claimId: string): void }) {
  const [query, setQuery] = useState('');
  const visible = useMemo(() => filterClaimCards(cards, query), [cards, query]);

  const onDragStart = (event: DragEvent<HTMLLIElement>, card: ClaimCard): void => {
    event.dataTransfer.setData(CLAIM_DRAG_TYPE, card.claimId);
    event.dataTransfer.effectAllowed = 'copy';
  };

  return (
    <section className="brief-panel claim-picker" aria-label="Claims to cite">
      <input
        type="search"
        className="brief-filter"
        aria-label="Filter claims"
        placeholder="Filter by quote, outlet, title…"
        value={query}
        onChange={(event) => setQuery(event.target.value)}
      />
      <p className="muted small">Drag a claim into the brief, or use Cite to insert it at the caret.</p>
      {loading && cards.length === 0 ? <p className="muted">Loading claims…</p> : null}
      {!loading && cards.length === 0 ? <p className="muted">No claims yet. Select words in an article and make a claim, then cite it here.</p> : null}
      {cards.length > 0 && visible.length === 0 ? <p className="muted">No claim matches “{query}”.</p> : null}
      <ul className="claim-rows" aria-label="Claims">
        {visible.map((card) => (
          <li key={card.claimId} className="claim-row" draggable onDragStart={(event) => onDragStart(event, card)} data-claim-id={card.claimId}>
            <div className="claim-row-text">
              <CardText card={card} />
            </div>
            <button type="button" className="button small" onClick={() => onCite(card.claimId)} aria-label={`Cite “${card.quote.slice(0, 60)}”`}>
              Cite
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The typed command's claim search: a small dialog at the caret; Enter cites, Escape closes. */
export function CiteDialog({
  cards,
  at,
  onCite,
  onClose,
}: {
  cards: readonly ClaimCard[];
  at: { left: number; top: number } | null;
  onCite(claimId: string): void;
  onClose(): void;
}) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const visible = useMemo(() => filterClaimCards(cards, query).slice(0, 50), [cards, query]);
  const inputRef = useRef<HTMLInputElement>(null);
  const ref = useRef<HTMLDivElement>(null);
  const listId = useId();

  useEffect(() => inputRef.current?.focus(), []);
  useEffect(() => {
    if (!ref.current || !at) return;
    // Positioned through the CSSOM (the CSP forbids style attributes), kept inside the window.
    ref.current.style.left = `${Math.max(8, Math.min(at.left, window.innerWidth - 440))}px`;
    ref.current.style.top = `${Math.max(8, Math.min(at.top + 6, window.innerHeight - 320))}px`;
  }, [at]);
  const index = Math.min(active, Math.max(0, visible.length - 1));

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setActive(Math.min(index + 1, visible.length - 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive(Math.max(index - 1, 0));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const card = visible[index];
      if (card) onCite(card.claimId);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      onClose();
    }
  };

  return (
    <div ref={ref} className="cite-dialog" role="dialog" aria-label="Cite a claim" onBlur={(event) => !event.currentTarget.contains(event.relatedTarget) && onClose()}>
      <input
        ref={inputRef}
        type="text"
        role="combobox"
        aria-expanded="true"
        aria-controls={listId}
        aria-activedescendant={visible[index] ? `${listId}-${index}` : undefined}
        aria-label="Search claims to cite"
        placeholder="Search claims… (Enter cites, Esc closes)"
        className="brief-filter"
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      <ul id={listId} role="listbox" aria-label="Matching claims" className="cite-options">
        {visible.length === 0 ? <li className="muted">{cards.length === 0 ? 'No claims in this notebook yet.' : 'No claim matches.'}</li> : null}
        {visible.map((card, i) => (
          <li
            key={card.claimId}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === index}
            className={i === index ? 'cite-option active' : 'cite-option'}
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => onCite(card.claimId)}
          >
            <CardText card={card} />
          </li>
        ))}
      </ul>
    </div>
  );
}
