/**
 * The "Claims" workspace view: every claim of the notebook in one table, with sorting (click a
 * header), filtering, grouping, inline editing of kind, status and credibility, a jump to the words
 * and the corroboration count. Long tables are virtualised. A claim's comparison (ClaimCompare)
 * opens inside this view, from the table or from the Inspector's "Compare".
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { ClaimTableRow } from '../../../shared/api/methods/claims';
import type { Claim, ClaimKind, ClaimStatus, Tag } from '../../../shared/model/schemas';
import { useDossier, useDossierEvents } from '../api/client';
import { ClaimCompare } from '../components/ClaimCompare';
import {
  ariaSort,
  CLAIM_KINDS,
  CLAIM_STATUSES,
  CREDIBILITIES,
  CREDIBILITY_LABELS,
  EMPTY_FILTER,
  filterRows,
  GROUP_KEYS,
  groupRows,
  isFiltered,
  nextSort,
  outletsOf,
  RELIABILITY_LABELS,
  sortRows,
  type ClaimFilter,
  type GroupKey,
  type Reliability,
  type Sort,
  type SortKey,
} from '../lib/claimTable';
import type { ViewContext, WorkspaceView } from './types';
import '../styles/claims.css';

// ------------------------------------------------------------------ opening a comparison from elsewhere

export interface ClaimRef {
  articleId: string;
  id: string;
}
let pendingComparison: ClaimRef | null = null;
const comparisonListeners = new Set<(ref: ClaimRef) => void>();

/** Shows the comparison of a claim in the Claims view (App switches to the view when asked). */
export function requestComparison(ref: ClaimRef): void {
  pendingComparison = ref;
  for (const listener of comparisonListeners) listener(ref);
}

/** Be told when a comparison is requested; returns the unsubscribe function. */
export function onComparisonRequest(listener: (ref: ClaimRef) => void): () => void {
  comparisonListeners.add(listener);
  return () => comparisonListeners.delete(listener);
}

// ------------------------------------------------------------------ the view

/** Above this many rows only the visible ones are rendered. */
const VIRTUAL_THRESHOLD = 200;
const ROW_HEIGHT = 44;

const COLUMNS: ReadonlyArray<{ key: SortKey; label: string }> = [
  { key: 'statement', label: 'Statement' },
  { key: 'speaker', label: 'Speaker' },
  { key: 'kind', label: 'Kind' },
  { key: 'status', label: 'Status' },
  { key: 'credibility', label: 'Credibility' },
  { key: 'reliability', label: 'Source' },
  { key: 'article', label: 'Article' },
  { key: 'published', label: 'Published' },
  { key: 'corroboration', label: 'Origins' },
];

type Item = { type: 'group'; key: string; label: string; count: number } | { type: 'row'; key: string; row: ClaimTableRow };

function ClaimsView({ context }: { context: ViewContext }) {
  const api = useDossier();
  const { reportError, openArticle } = context;
  const [rows, setRows] = useState<ClaimTableRow[] | null>(null);
  const [tags, setTags] = useState<Tag[]>([]);
  const [sort, setSort] = useState<Sort | null>(null);
  const [filter, setFilter] = useState<ClaimFilter>(EMPTY_FILTER);
  const [group, setGroup] = useState<GroupKey>('none');
  const [comparing, setComparing] = useState<ClaimRef | null>(() => {
    const pending = pendingComparison;
    pendingComparison = null;
    return pending;
  });
  const scrollRef = useRef<HTMLDivElement>(null);
  const id = useId();

  useEffect(
    () =>
      onComparisonRequest((ref) => {
        pendingComparison = null;
        setComparing(ref);
      }),
    [],
  );

  const load = useCallback(async () => {
    try {
      const [table, tagList] = await Promise.all([api.call('claims.table', {}), api.call('tags.list', {})]);
      setRows(table);
      setTags(tagList);
    } catch (error) {
      reportError(error, 'Could not load the claims');
    }
  }, [api, reportError]);
  useEffect(() => {
    void load();
  }, [load]);
  const reloadTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useDossierEvents((event) => {
    if (!['claims.changed', 'sources.changed', 'articles.changed', 'tags.changed'].includes(event.type)) return;
    // Several changes in a row (a link touches two claims) reload once.
    if (reloadTimer.current) clearTimeout(reloadTimer.current);
    reloadTimer.current = setTimeout(() => void load(), 80);
  });
  useEffect(() => () => {
    if (reloadTimer.current) clearTimeout(reloadTimer.current);
  }, []);

  const tagName = useCallback((tagId: string) => tags.find((t) => t.id === tagId)?.name ?? null, [tags]);
  const items = useMemo<Item[]>(() => {
    if (!rows) return [];
    const shown = filterRows(sort ? sortRows(rows, sort) : rows, filter);
    const groups = groupRows(shown, group, tagName);
    const out: Item[] = [];
    for (const g of groups) {
      if (group !== 'none') out.push({ type: 'group', key: `g:${g.key}`, label: g.label, count: g.rows.length });
      for (const r of g.rows) out.push({ type: 'row', key: `${g.key}:${r.claim.id}`, row: r });
    }
    return out;
  }, [rows, sort, filter, group, tagName]);
  const shownCount = items.filter((i) => i.type === 'row').length;

  const virtual = items.length > VIRTUAL_THRESHOLD;
  const virtualizer = useVirtualizer({
    count: virtual ? items.length : 0,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    getItemKey: (index) => items[index]?.key ?? index,
  });

  const update = useCallback(
    async (claim: Claim, patch: { kind?: ClaimKind; status?: ClaimStatus; credibility?: number | null }) => {
      // Show the change at once; the reload after the event confirms it (or the error reverts it).
      setRows((list) => list?.map((r) => (r.claim.id === claim.id ? { ...r, claim: { ...r.claim, ...patch } } : r)) ?? null);
      try {
        await api.call('claims.update', { articleId: claim.articleId, id: claim.id, patch });
      } catch (error) {
        reportError(error, 'Could not save the claim');
        void load();
      }
    },
    [api, reportError, load],
  );

  if (comparing) {
    return (
      <ClaimCompare
        claim={comparing}
        onBack={() => setComparing(null)}
        onCompare={setComparing}
        onOpenArticle={openArticle}
        onError={reportError}
      />
    );
  }

  const visibleItems = virtual ? virtualizer.getVirtualItems() : items.map((_, index) => ({ index, start: index * ROW_HEIGHT }));
  const padTop = virtual ? (virtualizer.getVirtualItems()[0]?.start ?? 0) : 0;
  const padBottom = virtual ? virtualizer.getTotalSize() - ((virtualizer.getVirtualItems().at(-1)?.end) ?? 0) : 0;
  const outlets = rows ? outletsOf(rows) : [];
  const setF = (patch: Partial<ClaimFilter>) => setFilter((f) => ({ ...f, ...patch }));

  return (
    <div className="claims-view">
      <div className="claims-toolbar" role="search" aria-label="Filter claims">
        <input type="search" aria-label="Filter claims by words" placeholder="Filter by words" value={filter.text} onChange={(e) => setF({ text: e.target.value })} />
        <select aria-label="Filter by kind" value={filter.kind} onChange={(e) => setF({ kind: e.target.value as ClaimKind | '' })}>
          <option value="">Any kind</option>
          {CLAIM_KINDS.map((k) => (
            <option key={k} value={k}>
              {k}
            </option>
          ))}
        </select>
        <select aria-label="Filter by status" value={filter.status} onChange={(e) => setF({ status: e.target.value as ClaimStatus | '' })}>
          <option value="">Any status</option>
          {CLAIM_STATUSES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
        <select aria-label="Filter by credibility" value={filter.credibility} onChange={(e) => setF({ credibility: e.target.value })}>
          <option value="">Any credibility</option>
          <option value="none">Not graded</option>
          {CREDIBILITIES.map((c) => (
            <option key={c} value={String(c)}>
              {c} – {CREDIBILITY_LABELS[c]}
            </option>
          ))}
        </select>
        <select aria-label="Filter by outlet" value={filter.outlet} onChange={(e) => setF({ outlet: e.target.value })}>
          <option value="">Any outlet</option>
          {outlets.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
        <select aria-label="Filter by tag" value={filter.tag} onChange={(e) => setF({ tag: e.target.value })}>
          <option value="">Any tag</option>
          {tags.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
        <label className="claims-group">
          Group by{' '}
          <select value={group} onChange={(e) => setGroup(e.target.value as GroupKey)}>
            {GROUP_KEYS.map((g) => (
              <option key={g.key} value={g.key}>
                {g.label}
              </option>
            ))}
          </select>
        </label>
        {isFiltered(filter) ? (
          <button type="button" className="button small" onClick={() => setFilter(EMPTY_FILTER)}>
            Clear filters
          </button>
        ) : null}
        <span className="muted claims-count" aria-live="polite">
          {rows ? (isFiltered(filter) ? `${shownCount} of ${rows.length} claims` : `${rows.length} claims`) : ''}
        </span>
      </div>
      {rows === null ? (
        <p className="muted empty-state">Loading claims…</p>
      ) : rows.length === 0 ? (
        <p className="muted empty-state">No claims yet. Select words in an article and choose “Claim”, or accept a suggested claim in the Inspector.</p>
      ) : (
        <div className="claims-scroll" ref={scrollRef}>
          <table className="claims-table" aria-label="Claims" aria-rowcount={virtual ? items.length + 1 : undefined}>
            <thead>
              <tr>
                {COLUMNS.map((c) => (
                  <th key={c.key} scope="col" aria-sort={ariaSort(sort, c.key)}>
                    <button type="button" className="sort-button" onClick={() => setSort((s) => nextSort(s, c.key))}>
                      {c.label}
                      <span aria-hidden="true" className="sort-mark">
                        {ariaSort(sort, c.key) === 'ascending' ? ' ▲' : ariaSort(sort, c.key) === 'descending' ? ' ▼' : ''}
                      </span>
                    </button>
                  </th>
                ))}
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {padTop > 0 ? (
                <tr aria-hidden="true" style={{ height: padTop }}>
                  <td colSpan={COLUMNS.length + 1} />
                </tr>
              ) : null}
              {shownCount === 0 ? (
                <tr>
                  <td colSpan={COLUMNS.length + 1} className="muted">
                    No claims match these filters.
                  </td>
                </tr>
              ) : null}
              {visibleItems.map(({ index }) => {
                const item = items[index];
                if (!item) return null;
                if (item.type === 'group') {
                  return (
                    <tr key={item.key} className="claims-group-row" aria-rowindex={virtual ? index + 2 : undefined}>
                      <th scope="rowgroup" colSpan={COLUMNS.length + 1}>
                        {item.label} <span className="muted">({item.count})</span>
                      </th>
                    </tr>
                  );
                }
                return <ClaimRow key={item.key} row={item.row} idPrefix={id} rowIndex={virtual ? index + 2 : undefined} onUpdate={update} onOpen={openArticle} onCompare={setComparing} />;
              })}
              {padBottom > 0 ? (
                <tr aria-hidden="true" style={{ height: padBottom }}>
                  <td colSpan={COLUMNS.length + 1} />
                </tr>
              ) : null}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

function ClaimRow({
  row,
  idPrefix,
  rowIndex,
  onUpdate,
  onOpen,
  onCompare,
}: {
  row: ClaimTableRow;
  idPrefix: string;
  rowIndex: number | undefined;
  onUpdate(claim: Claim, patch: { kind?: ClaimKind; status?: ClaimStatus; credibility?: number | null }): Promise<void>;
  onOpen: ViewContext['openArticle'];
  onCompare(ref: ClaimRef): void;
}) {
  const c = row.claim;
  const short = c.statement.length > 60 ? `${c.statement.slice(0, 59)}…` : c.statement;
  const origins = row.corroboration.origins.map((o) => o.name).join(', ');
  return (
    <tr aria-rowindex={rowIndex} id={`${idPrefix}-${c.id}`} className="claims-row">
      <td className="claims-statement">
        <span title={c.target.exact}>{c.statement}</span>
      </td>
      <td>{c.speaker ?? <span className="muted">—</span>}</td>
      <td>
        <select aria-label={`Kind of “${short}”`} value={c.kind} onChange={(e) => void onUpdate(c, { kind: e.target.value as ClaimKind })}>
          {CLAIM_KINDS.map((k) => (
            <option key={k} value={k}>
              {k}
            </option>
          ))}
        </select>
      </td>
      <td>
        <select aria-label={`Status of “${short}”`} value={c.status} onChange={(e) => void onUpdate(c, { status: e.target.value as ClaimStatus })}>
          {CLAIM_STATUSES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </td>
      <td>
        <select
          aria-label={`Credibility of “${short}”`}
          value={c.credibility === null ? '' : String(c.credibility)}
          title={c.credibility === null ? 'Not graded' : CREDIBILITY_LABELS[c.credibility]}
          onChange={(e) => void onUpdate(c, { credibility: e.target.value === '' ? null : Number(e.target.value) })}
        >
          <option value="">–</option>
          {CREDIBILITIES.map((n) => (
            <option key={n} value={String(n)} title={CREDIBILITY_LABELS[n]}>
              {n}
            </option>
          ))}
        </select>
      </td>
      <td>
        {row.outlet ?? <span className="muted">No outlet</span>}{' '}
        {row.reliability ? (
          <abbr className="grade" title={RELIABILITY_LABELS[row.reliability as Reliability]}>
            {row.reliability}
          </abbr>
        ) : null}
        {row.stateAffiliated ? <span className="claim-warning" title="State-affiliated source"> (state)</span> : null}
      </td>
      <td className="claims-article">{row.articleTitle}</td>
      <td>{row.publishedAt ? row.publishedAt.slice(0, 10) : <span className="muted">—</span>}</td>
      <td title={origins}>
        {row.corroboration.independent}
        {row.contradictions > 0 ? <span className="claim-warning" title={`Contradicted by ${row.contradictions}`}> ≠{row.contradictions}</span> : null}
      </td>
      <td className="claims-actions">
        <button type="button" className="button small" aria-label={`Show the words of “${short}”`} onClick={() => onOpen(c.articleId, { start: c.target.start, end: c.target.end })}>
          Words
        </button>
        <button type="button" className="button small" aria-label={`Compare “${short}”`} onClick={() => onCompare({ articleId: c.articleId, id: c.id })}>
          Compare
        </button>
      </td>
    </tr>
  );
}

export const claimsView: WorkspaceView = {
  id: 'claims',
  label: 'Claims',
  render: (context) => <ClaimsView context={context} />,
};
