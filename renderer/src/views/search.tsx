/**
 * The "Search" workspace view: one query box over the whole notebook (articles, highlights, claims,
 * notes, memos, briefs, entities), ranked results with kind badges and highlighted snippets, the
 * filter syntax at hand, and a jump to the exact words. While the index is being built (missing or
 * stale cache), a progress bar follows `search.progress` events.
 *
 * Keyboard: Enter in the box runs the query; ArrowDown moves into the results, where the arrows
 * move, Enter opens and Escape returns to the box.
 */
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { DossierEvent, SearchKind, SearchResponse, SearchResult } from '../../../shared/api/contract';
import { useDossier, useDossierEvents } from '../api/client';
import { markParts, moveActive } from '../lib/palette';
import type { ViewContext, WorkspaceView } from './types';
import '../styles/search.css';

// ------------------------------------------------------------------ asking for a search from elsewhere

let pendingQuery: string | null = null;
const queryListeners = new Set<(query: string) => void>();

/** Runs `query` in the Search view (the caller switches to it with showView('search')). */
export function requestSearch(query: string): void {
  pendingQuery = query;
  for (const listener of queryListeners) listener(query);
}

// The last search, kept while the user reads a result and comes back.
let lastQuery = '';
let lastResponse: SearchResponse | null = null;

export const KIND_LABELS: Record<SearchKind, string> = {
  article: 'Article',
  highlight: 'Highlight',
  claim: 'Claim',
  note: 'Note',
  memo: 'Memo',
  brief: 'Brief',
  entity: 'Entity',
};

const PLACEHOLDER = 'Search… e.g. klaipeda "gas terminal" tag:energy kind:claim from:2026-03-01';
const LIMIT = 100;

type Progress = Extract<DossierEvent, { type: 'search.progress' }>;

function SearchPanel({ context }: { context: ViewContext }) {
  const api = useDossier();
  const { openArticle, showView, reportError } = context;
  const [query, setQuery] = useState(lastQuery);
  const [response, setResponse] = useState<SearchResponse | null>(lastResponse);
  const [ran, setRan] = useState(lastQuery);
  const [busy, setBusy] = useState(false);
  const [active, setActive] = useState(-1);
  const [progress, setProgress] = useState<Progress | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const generation = useRef(0);
  /** Set while a pointer is down in the results: focusing by click must not jump to the first result. */
  const pointerDown = useRef(false);
  const baseId = useId();

  const run = useCallback(
    async (q: string) => {
      const text = q.trim();
      lastQuery = q;
      setRan(q);
      setActive(-1);
      if (!text) {
        lastResponse = null;
        setResponse(null);
        return;
      }
      const mine = ++generation.current;
      setBusy(true);
      try {
        const out = await api.call('search.query', { query: text, limit: LIMIT });
        if (mine !== generation.current) return;
        lastResponse = out;
        setResponse(out);
      } catch (error) {
        if (mine === generation.current) reportError(error, 'Search failed');
      } finally {
        if (mine === generation.current) setBusy(false);
      }
    },
    [api, reportError],
  );

  // A search asked for by the palette (or anyone): now, and whenever asked while shown.
  useEffect(() => {
    const take = (q: string): void => {
      pendingQuery = null;
      setQuery(q);
      void run(q);
    };
    if (pendingQuery !== null) take(pendingQuery);
    queryListeners.add(take);
    return () => {
      queryListeners.delete(take);
    };
  }, [run]);

  // Focus the box when the view opens (once: not whenever callbacks change identity).
  useEffect(() => inputRef.current?.focus(), []);

  useDossierEvents((event) => {
    if (event.type === 'search.progress') setProgress(event.phase === 'done' ? null : event);
    // The notebook changed under the results: run the same query again so they stay true.
    else if ((event.type === 'annotations.changed' || event.type === 'claims.changed' || event.type === 'articles.changed' || event.type === 'tags.changed') && ran.trim()) {
      void run(ran);
    }
  });

  const results = response?.results ?? [];

  const open = useCallback(
    (r: SearchResult) => {
      if (r.articleId) openArticle(r.articleId, r.target ?? undefined);
      else if (r.kind === 'brief') showView('briefs');
      else if (r.kind === 'memo') showView('memos');
      else if (r.kind === 'entity') showView('entities');
    },
    [openArticle, showView],
  );

  useEffect(() => {
    if (active < 0) return;
    const el = document.getElementById(`${baseId}-r${active}`);
    el?.scrollIntoView({ block: 'nearest' });
  }, [active, baseId]);

  const counts = new Map<SearchKind, number>();
  for (const r of results) counts.set(r.kind, (counts.get(r.kind) ?? 0) + 1);

  return (
    <div className="search-view">
      <h2 className="visually-hidden">Search</h2>
      <form
        className="search-form"
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          void run(query);
        }}
      >
        <input
          ref={inputRef}
          type="search"
          className="search-input"
          aria-label="Search the notebook"
          aria-describedby={`${baseId}-help`}
          placeholder={PLACEHOLDER}
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'ArrowDown' && results.length > 0) {
              event.preventDefault();
              setActive(0);
              listRef.current?.focus();
            }
          }}
        />
        <button type="submit" className="button primary" disabled={busy}>
          Search
        </button>
      </form>
      <details className="search-help" id={`${baseId}-help`}>
        <summary>Search syntax</summary>
        <dl>
          <dt>words</dt>
          <dd>All must occur; case and diacritics do not matter (zemaityte finds Žemaitytė); one typo is forgiven in long words.</dd>
          <dt>"exact phrase"</dt>
          <dd>The words in this order.</dd>
          <dt>klaip*</dt>
          <dd>Any word starting so (the last word you type is a prefix too).</dd>
          <dt>outlet:lrt</dt>
          <dd>From an outlet whose name contains this.</dd>
          <dt>tag:energy</dt>
          <dd>Tagged so (articles: any of their highlights or claims).</dd>
          <dt>kind:claim</dt>
          <dd>article, highlight, claim, note, memo, brief, entity, or a claim kind (quote, number, fact…).</dd>
          <dt>status:contested</dt>
          <dd>Claims with this status.</dd>
          <dt>entity:"Ingrida Šimonytė"</dt>
          <dd>Articles mentioning the entity (by name or a confirmed alias), and their records.</dd>
          <dt>from:2026-03-01 to:2026-03-31</dt>
          <dd>Published in this range (a year or month works too).</dd>
        </dl>
      </details>
      {progress ? (
        <div className="search-progress">
          <label htmlFor={`${baseId}-progress`}>
            Building the search index{progress.total > 0 ? ` (${progress.done.toLocaleString()} of ${progress.total.toLocaleString()} articles)` : '…'}
          </label>
          <progress id={`${baseId}-progress`} max={Math.max(1, progress.total)} value={progress.done} aria-label="Building the search index" />
        </div>
      ) : null}
      <div className="search-status" role="status" aria-live="polite">
        {busy
          ? 'Searching…'
          : response
            ? response.total === 0
              ? `No matches for “${ran.trim()}”.`
              : `${response.total.toLocaleString()} match${response.total === 1 ? '' : 'es'}${response.total > results.length ? `, best ${results.length} shown` : ''}${
                  counts.size > 1 ? ` — ${[...counts].map(([k, n]) => `${KIND_LABELS[k]} ${n}`).join(', ')}` : ''
                }`
            : ''}
      </div>
      {response?.warnings.length ? (
        <ul className="search-warnings">
          {response.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      ) : null}
      {!response && !busy ? (
        <p className="muted search-empty">Type words to find in articles, highlights, claims, notes, memos and briefs, then press Enter.</p>
      ) : null}
      {results.length > 0 ? (
        <ul
          ref={listRef}
          className="search-results"
          role="listbox"
          aria-label="Search results"
          tabIndex={0}
          aria-activedescendant={active >= 0 ? `${baseId}-r${active}` : undefined}
          onMouseDown={() => {
            pointerDown.current = true;
          }}
          onMouseUp={() => {
            pointerDown.current = false;
          }}
          onFocus={() => {
            // Scrolling to the first result between mousedown and mouseup would move the click's target.
            if (active < 0 && !pointerDown.current) setActive(0);
          }}
          onKeyDown={(event) => {
            const key = event.key;
            if (key === 'ArrowDown' || key === 'ArrowUp' || key === 'Home' || key === 'End' || key === 'PageDown' || key === 'PageUp') {
              event.preventDefault();
              setActive((a) => moveActive(a, results.length, key));
            } else if (key === 'Enter') {
              event.preventDefault();
              const r = results[active];
              if (r) open(r);
            } else if (key === 'Escape') {
              event.preventDefault();
              inputRef.current?.focus();
            }
          }}
        >
          {results.map((r, i) => (
            <li
              key={`${r.kind}:${r.articleId ?? ''}:${r.id ?? ''}`}
              id={`${baseId}-r${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'search-result active' : 'search-result'}
              onClick={() => {
                setActive(i);
                open(r);
              }}
            >
              <div className="search-result-head">
                <span className={`badge search-kind kind-${r.kind}`}>{KIND_LABELS[r.kind]}</span>
                <span className="search-result-title">{r.title}</span>
                {r.outlet ? <span className="muted search-result-outlet">{r.outlet}</span> : null}
              </div>
              <p className="search-snippet">
                {markParts(r.snippet, r.highlights).map((part, j) => (part.mark ? <mark key={j}>{part.text}</mark> : <span key={j}>{part.text}</span>))}
              </p>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export const searchView: WorkspaceView = {
  id: 'search',
  label: 'Search',
  render: (context) => <SearchPanel context={context} />,
};
