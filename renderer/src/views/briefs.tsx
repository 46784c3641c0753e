/**
 * The "Briefs" workspace view: the notebook's briefs (create from the template with every claim or
 * empty, rename, delete with confirmation) and the editor of the selected one.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Brief, Claim, Source } from '../../../shared/model/schemas';
import { useDossier, useDossierEvents } from '../api/client';
import { BriefEditor } from '../components/brief/BriefEditor';
import { claimCards } from '../lib/briefClaims';
import { formatDateTime } from '../lib/format';
import type { ViewContext, WorkspaceView } from './types';

type BriefSummary = Omit<Brief, 'doc'>;

function BriefsView({ context }: { context: ViewContext }) {
  const api = useDossier();
  const { reportError, articles } = context;
  const [briefs, setBriefs] = useState<BriefSummary[] | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [renaming, setRenaming] = useState<{ id: string; title: string } | null>(null);
  const [deleting, setDeleting] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [claims, setClaims] = useState<Claim[]>([]);
  const [sources, setSources] = useState<Source[]>([]);
  const [claimsLoading, setClaimsLoading] = useState(true);
  const [status, setStatus] = useState('');

  const loadBriefs = useCallback(async () => {
    try {
      const list = await api.call('briefs.list', {});
      list.sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0));
      setBriefs(list);
      setSelected((current) => (current && list.some((b) => b.id === current) ? current : (list[0]?.id ?? null)));
    } catch (error) {
      reportError(error, 'Could not load the briefs');
      setBriefs([]);
    }
  }, [api, reportError]);

  const loadData = useCallback(async () => {
    setClaimsLoading(true);
    try {
      const [c, s] = await Promise.all([api.call('claims.list', {}), api.call('sources.list', {})]);
      setClaims(c);
      setSources(s);
    } catch (error) {
      reportError(error, 'Could not load the claims to cite');
    } finally {
      setClaimsLoading(false);
    }
  }, [api, reportError]);

  useEffect(() => {
    void loadBriefs();
    void loadData();
  }, [loadBriefs, loadData]);

  // Claims made or edited elsewhere (the reader, the claims view) show up in the picker.
  const reloadTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useDossierEvents((event) => {
    if (event.type !== 'articles.changed' && event.type !== 'claims.changed' && event.type !== 'sources.changed') return;
    if (reloadTimer.current) clearTimeout(reloadTimer.current);
    reloadTimer.current = setTimeout(() => void loadData(), 300);
  });
  useEffect(
    () => () => {
      if (reloadTimer.current) clearTimeout(reloadTimer.current);
    },
    [],
  );

  const cards = useMemo(() => claimCards(claims, articles, sources), [claims, articles, sources]);

  const create = async (fromClaims: 'all' | 'none'): Promise<void> => {
    setCreating(true);
    try {
      const brief = await api.call('briefs.create', { fromClaims, title: fromClaims === 'all' ? 'Brief from all claims' : 'Untitled brief' });
      await loadBriefs();
      setSelected(brief.id);
      setStatus(`Created “${brief.title}”.`);
    } catch (error) {
      reportError(error, 'Could not create a brief');
    } finally {
      setCreating(false);
    }
  };

  const rename = async (): Promise<void> => {
    if (!renaming) return;
    const title = renaming.title.trim();
    setRenaming(null);
    if (!title) {
      reportError('A brief needs a title; the old one was kept.');
      return;
    }
    try {
      await api.call('briefs.update', { id: renaming.id, title });
      await loadBriefs();
      setStatus(`Renamed to “${title}”.`);
    } catch (error) {
      reportError(error, 'Could not rename the brief');
    }
  };

  const remove = async (brief: BriefSummary): Promise<void> => {
    setDeleting(null);
    try {
      await api.call('briefs.delete', { id: brief.id });
      if (selected === brief.id) setSelected(null);
      await loadBriefs();
      setStatus(`Deleted “${brief.title}”. Its history is kept in the notebook folder.`);
    } catch (error) {
      reportError(error, 'Could not delete the brief');
    }
  };

  const onSaved = useCallback((saved: Brief) => {
    setBriefs((list) => list?.map((b) => (b.id === saved.id ? { id: saved.id, title: saved.title, createdAt: saved.createdAt, updatedAt: saved.updatedAt } : b)) ?? list);
  }, []);

  return (
    <div className="briefs-view">
      <div className="briefs-layout">
        <nav className="briefs-list" aria-label="Briefs">
          <div className="briefs-create">
            <button type="button" className="button primary" disabled={creating} onClick={() => void create('all')}>
              New brief from all claims
            </button>
            <button type="button" className="button" disabled={creating} onClick={() => void create('none')}>
              New empty brief
            </button>
          </div>
          <p role="status" className="muted small">
            {status}
          </p>
          {briefs === null ? <p className="muted">Loading briefs…</p> : null}
          {briefs?.length === 0 ? <p className="muted">No briefs yet. Start one from the template — with every claim of the notebook as evidence, or empty.</p> : null}
          <ul className="brief-items">
            {(briefs ?? []).map((b) => (
              <li key={b.id} className={b.id === selected ? 'brief-item selected' : 'brief-item'}>
                {renaming?.id === b.id ? (
                  <form
                    onSubmit={(event) => {
                      event.preventDefault();
                      void rename();
                    }}
                  >
                    <input
                      className="brief-filter"
                      aria-label="New title"
                      value={renaming.title}
                      maxLength={500}
                      autoFocus
                      onChange={(event) => setRenaming({ id: b.id, title: event.target.value })}
                      onKeyDown={(event) => event.key === 'Escape' && setRenaming(null)}
                    />
                    <button type="submit" className="button small">
                      Save
                    </button>
                  </form>
                ) : (
                  <button type="button" className="brief-open" aria-current={b.id === selected ? 'true' : undefined} onClick={() => setSelected(b.id)}>
                    <span className="brief-title">{b.title || 'Untitled brief'}</span>
                    <span className="muted small">Edited {formatDateTime(b.updatedAt)}</span>
                  </button>
                )}
                {deleting === b.id ? (
                  <div className="confirm" role="group" aria-label={`Confirm deleting ${b.title}`}>
                    <span className="small">Delete “{b.title}”?</span>
                    <button type="button" className="button small warning" onClick={() => void remove(b)}>
                      Delete
                    </button>
                    <button type="button" className="button small" onClick={() => setDeleting(null)}>
                      Cancel
                    </button>
                  </div>
                ) : renaming?.id === b.id ? null : (
                  <div className="brief-item-actions">
                    <button type="button" className="button small" aria-label={`Rename ${b.title}`} onClick={() => setRenaming({ id: b.id, title: b.title })}>
                      Rename
                    </button>
                    <button type="button" className="button small" aria-label={`Delete ${b.title}`} onClick={() => setDeleting(b.id)}>
                      Delete
                    </button>
                  </div>
                )}
              </li>
            ))}
          </ul>
        </nav>
        {selected ? (
          <BriefEditor
            key={selected}
            briefId={selected}
            context={context}
            claims={claims}
            cards={cards}
            sources={sources}
            claimsLoading={claimsLoading}
            reloadData={loadData}
            onSaved={onSaved}
          />
        ) : (
          <div className="brief-none">
            <p className="muted">Select a brief, or create one.</p>
          </div>
        )}
      </div>
    </div>
  );
}

export const briefsView: WorkspaceView = {
  id: 'briefs',
  label: 'Briefs',
  // Keyed by notebook: opening another notebook starts the view afresh (its briefs, its claims).
  render: (context) => <BriefsView key={context.notebook.path} context={context} />,
};
