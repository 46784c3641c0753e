/**
 * The "Sources" workspace view: every outlet and originator with its kind, Admiralty reliability
 * (A-F), state-affiliated flag, notes and how many claims rest on it. Grades saved here apply to
 * every claim from that source.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import type { Source } from '../../../shared/model/schemas';
import { useDossier, useDossierEvents } from '../api/client';
import { fold, RELIABILITIES, RELIABILITY_LABELS, type Reliability } from '../lib/claimTable';
import type { ViewContext, WorkspaceView } from './types';
import '../styles/claims.css';

type SourcePatch = Partial<Pick<Source, 'reliability' | 'stateAffiliated' | 'notes' | 'name'>>;

function SourcesView({ context }: { context: ViewContext }) {
  const api = useDossier();
  const { reportError } = context;
  const [sources, setSources] = useState<Source[] | null>(null);
  const [claimCounts, setClaimCounts] = useState<Map<string, number>>(new Map());
  const [query, setQuery] = useState('');
  const [newName, setNewName] = useState('');

  const load = useCallback(async () => {
    try {
      // sources.list first: it derives new sources, which the table's rows then refer to.
      const list = await api.call('sources.list', {});
      const rows = await api.call('claims.table', {});
      const counts = new Map<string, number>();
      // A claim rests on its article's origins (originators, else the outlet) and is published by its outlet.
      for (const r of rows) {
        for (const id of new Set([...r.originSourceIds, ...(r.outletSourceId ? [r.outletSourceId] : [])])) counts.set(id, (counts.get(id) ?? 0) + 1);
      }
      setSources(list);
      setClaimCounts(counts);
    } catch (error) {
      reportError(error, 'Could not load the sources');
    }
  }, [api, reportError]);
  useEffect(() => {
    void load();
  }, [load]);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useDossierEvents((event) => {
    if (event.type !== 'sources.changed' && event.type !== 'claims.changed' && event.type !== 'articles.changed') return;
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void load(), 100);
  });
  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);

  const update = useCallback(
    async (source: Source, patch: SourcePatch) => {
      setSources((list) => list?.map((s) => (s.id === source.id ? { ...s, ...patch } : s)) ?? null);
      try {
        await api.call('sources.update', { id: source.id, patch });
      } catch (error) {
        reportError(error, `Could not save the source “${source.name}”`);
        void load();
      }
    },
    [api, reportError, load],
  );

  /** A merge waiting for the analyst's confirmation. */
  const [pendingMerge, setPendingMerge] = useState<{ from: Source; into: Source } | null>(null);
  const askMerge = useCallback(async (from: Source, into: Source) => setPendingMerge({ from, into }), []);
  const merge = useCallback(
    async (from: Source, into: Source) => {
      setPendingMerge(null);
      try {
        await api.call('sources.merge', { fromId: from.id, intoId: into.id });
        await load();
      } catch (error) {
        reportError(error, `Could not merge “${from.name}” into “${into.name}”`);
      }
    },
    [api, reportError, load],
  );

  const create = async (event: FormEvent) => {
    event.preventDefault();
    const name = newName.trim();
    if (!name) return;
    try {
      await api.call('sources.create', { name, kind: 'originator' });
      setNewName('');
      await load();
    } catch (error) {
      reportError(error, 'Could not add the source');
    }
  };

  const shown = useMemo(() => {
    const words = fold(query).split(/\s+/).filter(Boolean);
    const list = (sources ?? []).filter((s) => words.every((w) => fold(`${s.name} ${s.aliases.join(' ')} ${s.notes}`).includes(w)));
    return list.sort((a, b) => (a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === 'outlet' ? -1 : 1));
  }, [sources, query]);

  return (
    <div className="sources-view">
      <div className="claims-toolbar">
        <input type="search" aria-label="Filter sources" placeholder="Filter by name or notes" value={query} onChange={(e) => setQuery(e.target.value)} />
        <form className="sources-add" onSubmit={(e) => void create(e)}>
          <input type="text" aria-label="New source name" placeholder="Add an originator (agency, ministry, person)" value={newName} onChange={(e) => setNewName(e.target.value)} />
          <button type="submit" className="button small" disabled={newName.trim() === ''}>
            Add source
          </button>
        </form>
      </div>
      {pendingMerge ? (
        <div className="sources-confirm" role="alertdialog" aria-label="Confirm merge">
          <p>
            Merge “{pendingMerge.from.name}” into “{pendingMerge.into.name}”? “{pendingMerge.from.name}” becomes another name of “
            {pendingMerge.into.name}”, which keeps its grade ({pendingMerge.into.reliability ?? 'not graded'}); claims resting on either
            then count as one origin.
          </p>
          <div className="form-actions">
            <button type="button" className="button primary small" autoFocus onClick={() => void merge(pendingMerge.from, pendingMerge.into)}>
              Merge
            </button>
            <button type="button" className="button small" onClick={() => setPendingMerge(null)}>
              Cancel
            </button>
          </div>
        </div>
      ) : null}
      {sources === null ? (
        <p className="muted empty-state">Loading sources…</p>
      ) : sources.length === 0 ? (
        <p className="muted empty-state">No sources yet. Import articles: their outlets, and the agencies or ministries they cite, appear here to be graded.</p>
      ) : (
        <div className="claims-scroll">
          <table className="claims-table sources-table" aria-label="Sources">
            <thead>
              <tr>
                <th scope="col">Source</th>
                <th scope="col">Kind</th>
                <th scope="col">Reliability</th>
                <th scope="col">State-affiliated</th>
                <th scope="col">Notes</th>
                <th scope="col">Claims</th>
                <th scope="col">Same source as</th>
              </tr>
            </thead>
            <tbody>
              {shown.length === 0 ? (
                <tr>
                  <td colSpan={7} className="muted">
                    No source matches “{query}”.
                  </td>
                </tr>
              ) : null}
              {shown.map((s) => (
                <SourceRow key={s.id} source={s} claims={claimCounts.get(s.id) ?? 0} others={sources} onUpdate={update} onMerge={askMerge} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

function SourceRow({
  source,
  claims,
  others,
  onUpdate,
  onMerge,
}: {
  source: Source;
  claims: number;
  others: readonly Source[];
  onUpdate(source: Source, patch: SourcePatch): Promise<void>;
  onMerge(from: Source, into: Source): Promise<void>;
}) {
  const [notes, setNotes] = useState(source.notes);
  const [editing, setEditing] = useState(false);
  useEffect(() => {
    if (!editing) setNotes(source.notes);
  }, [source.notes, editing]);
  return (
    <tr>
      <th scope="row">
        {source.name}
        {source.aliases.length > 0 ? <span className="muted small"> (also {source.aliases.join(', ')})</span> : null}
      </th>
      <td>{source.kind}</td>
      <td>
        <select
          aria-label={`Reliability of ${source.name}`}
          value={source.reliability ?? ''}
          title={source.reliability ? RELIABILITY_LABELS[source.reliability] : 'Not graded'}
          onChange={(e) => void onUpdate(source, { reliability: e.target.value === '' ? null : (e.target.value as Reliability) })}
        >
          <option value="">Not graded</option>
          {RELIABILITIES.map((r) => (
            <option key={r} value={r}>
              {r} – {RELIABILITY_LABELS[r]}
            </option>
          ))}
        </select>
      </td>
      <td>
        <input
          type="checkbox"
          aria-label={`${source.name} is state-affiliated`}
          checked={source.stateAffiliated}
          onChange={(e) => void onUpdate(source, { stateAffiliated: e.target.checked })}
        />
      </td>
      <td>
        <input
          type="text"
          className="sources-notes"
          aria-label={`Notes on ${source.name}`}
          value={notes}
          placeholder="Ownership, track record…"
          onFocus={() => setEditing(true)}
          onChange={(e) => setNotes(e.target.value)}
          onBlur={() => {
            setEditing(false);
            if (notes !== source.notes) void onUpdate(source, { notes });
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') e.currentTarget.blur();
          }}
        />
      </td>
      <td>{claims}</td>
      <td>
        <select
          aria-label={`Merge ${source.name} into another source`}
          value=""
          title="One outlet or agency found under two names: merge this one into the other"
          onChange={(e) => {
            const into = others.find((o) => o.id === e.target.value);
            if (into) void onMerge(source, into);
          }}
        >
          <option value="">Merge into…</option>
          {others
            .filter((o) => o.id !== source.id)
            .map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
        </select>
      </td>
    </tr>
  );
}

export const sourcesView: WorkspaceView = {
  id: 'sources',
  label: 'Sources',
  render: (context) => <SourcesView context={context} />,
};
