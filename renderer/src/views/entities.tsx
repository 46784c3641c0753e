/**
 * The "Entities" workspace view: the pending alias proposals (both spellings, where each occurs,
 * Confirm / Reject), a list of entities filterable by kind and name, and an entity page listing
 * every mention across articles with its sentence, each opening the article at those words.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DossierEvent } from '../../../shared/api/contract';
import type { AliasProposalView, EntityDetail, EntitySummary } from '../../../shared/api/methods/entities';
import { useDossier, useDossierEvents } from '../api/client';
import { ENTITY_KINDS, KIND_LABELS, markIn, plural, type EntityKind } from '../lib/entityViews';
import { formatDate } from '../lib/format';
import { useUndo } from '../lib/undo';
import type { ViewContext, WorkspaceView } from './types';
import '../styles/entities.css';

/** Entities shown at once; the filter narrows the rest. */
const LIST_LIMIT = 300;

/**
 * Runs `load` now and again (debounced) after any of `types` arrives; shows analysis progress.
 * Shared by the Entities, Discrepancies and Timeline views.
 */
export function useAnalysisData<T>(load: () => Promise<T>, types: readonly DossierEvent['type'][], onError: (error: unknown) => void) {
  const [data, setData] = useState<T | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const seq = useRef(0);
  const reload = useCallback(async () => {
    const mine = ++seq.current;
    try {
      const value = await load();
      if (mine === seq.current) setData(value);
    } catch (error) {
      if (mine === seq.current) onError(error);
    }
  }, [load, onError]);
  useEffect(() => {
    void reload();
  }, [reload]);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useDossierEvents((event) => {
    if (event.type === 'analysis.progress') {
      setProgress(event.phase === 'done' ? null : { done: event.done, total: event.total });
      return;
    }
    if (!types.includes(event.type)) return;
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void reload(), 150);
  });
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  return { data, reload, progress };
}

export function AnalysisProgress({ progress }: { progress: { done: number; total: number } | null }) {
  if (!progress) return null;
  return (
    <p className="analysis-progress" role="status">
      Analysing articles… {progress.done} of {progress.total}
      <progress max={progress.total} value={progress.done} aria-label="Analysis progress" />
    </p>
  );
}

const RELOAD_ON: readonly DossierEvent['type'][] = ['entities.changed', 'articles.changed', 'notebook.changed'];

function EntitiesView({ context }: { context: ViewContext }) {
  const api = useDossier();
  const undo = useUndo();
  const { reportError, openArticle } = context;
  const [kind, setKind] = useState<EntityKind | ''>('');
  const [query, setQuery] = useState('');
  const [selected, setSelected] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const onError = useCallback((error: unknown) => reportError(error, 'Could not load the entities'), [reportError]);
  const loadProposals = useCallback(() => api.call('entities.proposals', { status: 'pending' }), [api]);
  const loadList = useCallback(
    () => api.call('entities.list', { limit: LIST_LIMIT + 1, ...(kind ? { kind } : {}), ...(query.trim() ? { query: query.trim() } : {}) }),
    [api, kind, query],
  );
  const proposals = useAnalysisData(loadProposals, RELOAD_ON, onError);
  const list = useAnalysisData(loadList, RELOAD_ON, onError);

  const decide = async (p: AliasProposalView, decision: 'confirm' | 'reject') => {
    const names = p.names.map((n) => n.name).join(' = ');
    setBusy(p.id);
    try {
      await api.call('entities.decide', { proposalId: p.id, decision });
      undo.push({
        label: `${decision === 'confirm' ? 'Confirm' : 'Reject'} alias ${names}`,
        undo: async () => {
          await api.call('entities.undecide', { proposalId: p.id });
        },
        redo: async () => {
          await api.call('entities.decide', { proposalId: p.id, decision });
        },
      });
    } catch (error) {
      reportError(error, `Could not ${decision} the alias ${names}`);
    } finally {
      setBusy(null);
      void proposals.reload();
      void list.reload();
    }
  };

  if (selected) {
    return <EntityPage id={selected} context={context} onBack={() => setSelected(null)} />;
  }

  const entities = list.data ?? [];
  const pending = proposals.data ?? [];
  return (
    <div className="entities-view">
      <AnalysisProgress progress={list.progress ?? proposals.progress} />
      <section aria-labelledby="alias-proposals-heading" className="alias-proposals">
        <h2 id="alias-proposals-heading">Proposed aliases{proposals.data ? ` (${pending.length})` : ''}</h2>
        {proposals.data === null ? (
          <p className="muted">Looking for names spelled differently…</p>
        ) : pending.length === 0 ? (
          <p className="muted">No alias proposals: no two spellings in this notebook look like one name, or every proposal is decided.</p>
        ) : (
          <ul className="alias-list" aria-label="Alias proposals">
            {pending.map((p) => (
              <li key={p.id} className="alias-proposal" aria-label={`Proposal: ${p.names.map((n) => n.name).join(' = ')}`}>
                <div className="alias-head">
                  <span className="alias-kind">{KIND_LABELS[p.kind].one}</span>
                  <span className="muted ev-small">
                    {reasonText(p.reason)} · score {p.score}
                  </span>
                </div>
                <div className="alias-names">
                  {p.names.map((n) => (
                    <div key={n.entityId} className="alias-name">
                      <strong>{n.name}</strong>{' '}
                      <span className="muted ev-small">
                        {plural(n.mentionCount, 'mention')} in {plural(n.articleCount, 'article')}
                      </span>
                      <ul className="alias-examples" aria-label={`Where “${n.name}” occurs`}>
                        {n.examples.map((ex) => (
                          <li key={`${ex.articleId}:${ex.start}`}>
                            <button
                              type="button"
                              className="ev-link"
                              onClick={() => openArticle(ex.articleId, { start: ex.start, end: ex.end })}
                              aria-label={`Open “${ex.text}” in ${ex.articleTitle}`}
                            >
                              {ex.outlet ?? ex.articleTitle}
                              {ex.publishedAt ? `, ${formatDate(ex.publishedAt)}` : ''}
                            </button>
                            <Marked context={ex.context} text={ex.text} offset={-1} />
                          </li>
                        ))}
                      </ul>
                    </div>
                  ))}
                </div>
                <div className="alias-actions">
                  <button type="button" className="button small primary" disabled={busy === p.id} onClick={() => void decide(p, 'confirm')}>
                    Confirm
                  </button>
                  <button type="button" className="button small" disabled={busy === p.id} onClick={() => void decide(p, 'reject')}>
                    Reject
                  </button>
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="entity-list-heading" className="entity-list-section">
        <h2 id="entity-list-heading">Entities</h2>
        <div className="entities-toolbar">
          <input type="search" aria-label="Filter entities" placeholder="Filter by name or alias" value={query} onChange={(e) => setQuery(e.target.value)} />
          <select aria-label="Kind of entity" value={kind} onChange={(e) => setKind(e.target.value as EntityKind | '')}>
            <option value="">All kinds</option>
            {ENTITY_KINDS.map((k) => (
              <option key={k} value={k}>
                {KIND_LABELS[k].many}
              </option>
            ))}
          </select>
        </div>
        {list.data === null ? (
          <p className="muted">Extracting entities…</p>
        ) : entities.length === 0 ? (
          <p className="muted">
            {query || kind ? 'No entity matches this filter.' : 'No entities yet. Import articles: the people, organisations, places, dates and numbers they mention appear here.'}
          </p>
        ) : (
          <>
            <ul className="entity-list" aria-label="Entities">
              {entities.slice(0, LIST_LIMIT).map((e) => (
                <li key={e.id}>
                  <EntityRow entity={e} onOpen={() => setSelected(e.id)} />
                </li>
              ))}
            </ul>
            {entities.length > LIST_LIMIT ? <p className="muted ev-small">Showing the {LIST_LIMIT} most mentioned; filter to find others.</p> : null}
          </>
        )}
      </section>
    </div>
  );
}

function EntityRow({ entity, onOpen }: { entity: EntitySummary; onOpen(): void }) {
  return (
    <button type="button" className="entity-row" onClick={onOpen}>
      <span className="entity-name">{entity.name}</span>
      {entity.aliases.length > 0 ? <span className="muted ev-small"> (also {entity.aliases.join(', ')})</span> : null}
      <span className="entity-meta muted small">
        {KIND_LABELS[entity.kind].one} · {plural(entity.mentionCount, 'mention')} in {plural(entity.articleCount, 'article')}
      </span>
    </button>
  );
}

function EntityPage({ id, context, onBack }: { id: string; context: ViewContext; onBack(): void }) {
  const api = useDossier();
  const { reportError, openArticle } = context;
  const onError = useCallback((error: unknown) => reportError(error, 'Could not load the entity'), [reportError]);
  const load = useCallback(() => api.call('entities.get', { id }), [api, id]);
  const { data, reload } = useAnalysisData<EntityDetail>(load, RELOAD_ON, onError);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (data) heading.current?.focus();
  }, [data?.id]); // eslint-disable-line react-hooks/exhaustive-deps

  const split = async (name: string) => {
    if (!data) return;
    try {
      await api.call('entities.split', { id: data.id, name });
      void reload();
    } catch (error) {
      reportError(error, `Could not split “${name}” off ${data.name}`);
    }
  };

  if (!data) {
    return (
      <div className="entity-page">
        <button type="button" className="button small" onClick={onBack}>
          ← All entities
        </button>
        <p className="muted">Loading…</p>
      </div>
    );
  }
  const byArticle = data.articles.map((a) => ({ article: a, contexts: data.contexts.filter((c) => c.articleId === a.id) }));
  return (
    <div className="entity-page">
      <button type="button" className="button small" onClick={onBack}>
        ← All entities
      </button>
      <h2 ref={heading} tabIndex={-1}>
        {data.name} <span className="muted ev-small">{KIND_LABELS[data.kind].one}</span>
      </h2>
      <p className="muted">
        {plural(data.mentions.length, 'mention')} in {plural(data.articles.length, 'article')}
      </p>
      {data.aliases.length > 0 ? (
        <div className="entity-aliases">
          <h3>Also spelled</h3>
          <ul aria-label="Aliases">
            {data.aliases.map((a) => (
              <li key={a}>
                {a}{' '}
                <button type="button" className="button small" onClick={() => void split(a)} aria-label={`Split “${a}” off ${data.name}`}>
                  Split off
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <h3>Mentions</h3>
      {byArticle.map(({ article, contexts }) => (
        <section key={article.id} className="entity-article" aria-label={article.title}>
          <h4>
            {article.title}{' '}
            <span className="muted ev-small">
              {[article.outlet, article.publishedAt ? formatDate(article.publishedAt) : null].filter(Boolean).join(', ')}
            </span>
          </h4>
          <ul className="mention-list" aria-label={`Mentions in ${article.title}`}>
            {contexts.map((c) => (
              <li key={c.start}>
                <Marked context={c.sentence} text={c.text} offset={c.start - c.sentenceStart} />{' '}
                <button type="button" className="ev-link" onClick={() => openArticle(c.articleId, { start: c.start, end: c.end })} aria-label={`Open “${c.text}” in ${article.title}`}>
                  Show in article
                </button>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

/** A context sentence with the words marked (plain text nodes: content stays inert). */
export function Marked({ context, text, offset }: { context: string; text: string; offset: number }) {
  const { before, match, after } = markIn(context, text, offset < 0 ? context.length / 2 : offset);
  return (
    <q className="entity-context">
      {before}
      {match ? <mark>{match}</mark> : null}
      {after}
    </q>
  );
}

function reasonText(reason: AliasProposalView['reason']): string {
  switch (reason) {
    case 'case':
      return 'same letters, other capitals';
    case 'diacritics':
      return 'same name without diacritics';
    case 'transliteration':
      return 'another transliteration';
    case 'edit-distance':
      return 'a letter or two apart';
  }
}

export const entitiesView: WorkspaceView = {
  id: 'entities',
  label: 'Entities',
  render: (context) => <EntitiesView context={context} />,
};
