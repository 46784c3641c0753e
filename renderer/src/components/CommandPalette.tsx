/**
 * The command palette (Ctrl/Cmd+K): one box to run an action, switch view, or jump to an article,
 * claim, brief or entity (its mentions, as an entity: search), and "Search for “…”" to run the words
 * in the Search view. A modal dialog with a
 * combobox and a listbox (ARIA 1.2 pattern): arrows move, Enter runs, Escape closes, and focus
 * returns where it was. Matching and ranking live in lib/palette.ts.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { EntitySummary } from '../../../shared/api/methods/entities';
import type { Brief, Claim } from '../../../shared/model/schemas';
import type { ArticleSummary } from '../../../shared/model/schemas';
import { useDossier } from '../api/client';
import { moveActive, rankEntries, type PaletteEntry, type PaletteGroup } from '../lib/palette';
import '../styles/search.css';

export interface PaletteAction {
  id: string;
  label: string;
  detail?: string;
  keywords?: string;
  group?: 'action' | 'view';
  run(): void;
}

export interface CommandPaletteProps {
  actions: readonly PaletteAction[];
  articles: readonly ArticleSummary[];
  /** Whether a notebook is open (records are loaded only then). */
  hasNotebook: boolean;
  onClose(): void;
  openArticle(articleId: string, reveal?: { start: number; end: number }): void;
  showView(id: string): void;
  /** Runs the words in the Search view. */
  onSearch(query: string): void;
  reportError(error: unknown, context?: string): void;
}

interface Entry extends PaletteEntry {
  run(): void;
}

const GROUP_LABELS: Record<PaletteGroup, string> = {
  action: 'Action',
  view: 'View',
  article: 'Article',
  claim: 'Claim',
  brief: 'Brief',
  entity: 'Entity',
  search: 'Search',
};

export function CommandPalette({ actions, articles, hasNotebook, onClose, openArticle, showView, onSearch, reportError }: CommandPaletteProps) {
  const api = useDossier();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [claims, setClaims] = useState<Claim[]>([]);
  const [briefs, setBriefs] = useState<Omit<Brief, 'doc'>[]>([]);
  const [entities, setEntities] = useState<EntitySummary[]>([]);
  const inputRef = useRef<HTMLInputElement>(null);
  const baseId = useId();
  const listId = `${baseId}-list`;

  // Focus returns to where it was when the palette closes.
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    inputRef.current?.focus();
    return () => {
      if (previous && document.contains(previous)) previous.focus();
    };
  }, []);

  useEffect(() => {
    if (!hasNotebook) return;
    let live = true;
    Promise.all([api.call('claims.list', {}), api.call('briefs.list', {})]).then(
      ([c, b]) => {
        if (!live) return;
        setClaims(c);
        setBriefs(b);
      },
      (error: unknown) => {
        if (live) reportError(error, 'The palette could not load claims and briefs');
      },
    );
    // Entities come from the analysis, which can take a while on a large notebook: on their own.
    api.call('entities.list', { limit: 2000 }).then(
      (list) => {
        if (live) setEntities(list);
      },
      (error: unknown) => {
        if (live) reportError(error, 'The palette could not load entities');
      },
    );
    return () => {
      live = false;
    };
  }, [api, hasNotebook, reportError]);

  const entries = useMemo<Entry[]>(() => {
    const list: Entry[] = actions.map((a) => ({ id: `action:${a.id}`, group: a.group ?? 'action', label: a.label, detail: a.detail, keywords: a.keywords, run: a.run }));
    for (const a of articles) {
      list.push({
        id: `article:${a.id}`,
        group: 'article',
        label: a.title,
        detail: [a.outlet, a.publishedAt?.slice(0, 10)].filter(Boolean).join(' · '),
        keywords: [a.outlet, a.byline].filter(Boolean).join(' '),
        run: () => openArticle(a.id),
      });
    }
    const titles = new Map(articles.map((a) => [a.id, a.title]));
    for (const c of claims) {
      list.push({
        id: `claim:${c.articleId}:${c.id}`,
        group: 'claim',
        label: c.statement || c.target.exact,
        detail: [c.speaker, c.kind].filter(Boolean).join(' · '),
        keywords: [c.speaker, c.kind, c.status, titles.get(c.articleId)].filter(Boolean).join(' '),
        run: () => openArticle(c.articleId, { start: c.target.start, end: c.target.end }),
      });
    }
    for (const b of briefs) {
      list.push({ id: `brief:${b.id}`, group: 'brief', label: b.title || 'Untitled brief', run: () => showView('briefs') });
    }
    for (const e of entities) {
      list.push({
        id: `entity:${e.id}`,
        group: 'entity',
        label: e.name,
        detail: `${e.kind} · ${e.articleCount} article${e.articleCount === 1 ? '' : 's'}`,
        keywords: e.aliases.join(' '),
        // Where the entity is mentioned: its articles and their records, in the Search view.
        run: () => onSearch(`entity:"${e.name.replace(/"/g, '')}"`),
      });
    }
    return list;
  }, [actions, articles, claims, briefs, entities, openArticle, showView, onSearch]);

  const options = useMemo<Entry[]>(() => {
    const ranked = rankEntries(entries, query, { perGroup: query.trim() ? 8 : 6, limit: 40 }).map((r) => r.item);
    const q = query.trim();
    if (q && hasNotebook) {
      ranked.push({ id: 'search', group: 'search', label: `Search for “${q}”`, detail: 'in the whole notebook', run: () => onSearch(q) });
    }
    return ranked;
  }, [entries, query, hasNotebook, onSearch]);

  useEffect(() => setActive(0), [query]);
  useEffect(() => {
    document.getElementById(`${baseId}-o${active}`)?.scrollIntoView({ block: 'nearest' });
  }, [active, baseId]);

  const choose = (entry: Entry | undefined): void => {
    if (!entry) return;
    onClose();
    entry.run();
  };

  return (
    <div
      className="palette-backdrop"
      onMouseDown={(event) => {
        if (event.target === event.currentTarget) onClose();
      }}
    >
      <div className="palette" role="dialog" aria-modal="true" aria-label="Command palette">
        <input
          ref={inputRef}
          className="palette-input"
          role="combobox"
          aria-expanded="true"
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={options[active] ? `${baseId}-o${active}` : undefined}
          aria-label="Type a command, an article, a claim or words to search"
          placeholder="Type a command, an article, a claim, or words to search…"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          onKeyDown={(event) => {
            const key = event.key;
            if (key === 'ArrowDown' || key === 'ArrowUp' || key === 'PageDown' || key === 'PageUp') {
              event.preventDefault();
              setActive((a) => moveActive(a, options.length, key));
            } else if (key === 'Enter') {
              event.preventDefault();
              choose(options[active]);
            } else if (key === 'Escape') {
              event.preventDefault();
              event.stopPropagation();
              onClose();
            } else if (key === 'Tab') {
              // A modal with one control: focus stays in the box.
              event.preventDefault();
            }
          }}
        />
        <ul id={listId} className="palette-list" role="listbox" aria-label="Commands and places">
          {options.length === 0 ? (
            <li className="palette-empty" role="presentation">
              Nothing matches “{query}”.{hasNotebook ? '' : ' Open a notebook to find articles.'}
            </li>
          ) : (
            options.map((o, i) => (
              <li
                key={o.id}
                id={`${baseId}-o${i}`}
                role="option"
                aria-selected={i === active}
                className="palette-option"
                onMouseMove={() => setActive(i)}
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => choose(o)}
              >
                <span className="palette-group">{GROUP_LABELS[o.group]}</span>
                <span className="palette-option-label">{o.label}</span>
                {o.detail ? <span className="palette-option-detail">{o.detail}</span> : null}
              </li>
            ))
          )}
        </ul>
      </div>
    </div>
  );
}
