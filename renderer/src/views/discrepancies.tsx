/**
 * The "Discrepancies" workspace view: what the sources disagree on, grouped by kind (spellings of
 * one name, numbers and dates of one fact, claims linked as contradicting), the differing values
 * side by side, each with its outlet and sentence and a jump to the words.
 */
import { useCallback } from 'react';
import type { DossierEvent } from '../../../shared/api/contract';
import type { DiscrepancyView } from '../../../shared/api/methods/entities';
import { useDossier } from '../api/client';
import { groupDiscrepancies } from '../lib/entityViews';
import { formatDate } from '../lib/format';
import { AnalysisProgress, Marked, useAnalysisData } from './entities';
import type { ViewContext, WorkspaceView } from './types';
import '../styles/entities.css';

const RELOAD_ON: readonly DossierEvent['type'][] = ['entities.changed', 'articles.changed', 'claims.changed', 'notebook.changed'];

function DiscrepanciesView({ context }: { context: ViewContext }) {
  const api = useDossier();
  const { reportError, openArticle, showView } = context;
  const onError = useCallback((error: unknown) => reportError(error, 'Could not load the discrepancies'), [reportError]);
  const load = useCallback(() => api.call('discrepancies.list', {}), [api]);
  const { data, progress } = useAnalysisData<DiscrepancyView[]>(load, RELOAD_ON, onError);

  return (
    <div className="discrepancies-view">
      <AnalysisProgress progress={progress} />
      {data === null ? (
        <p className="muted">Comparing the articles…</p>
      ) : data.length === 0 ? (
        <p className="muted">
          No discrepancies found. They appear when articles spell one name differently, give different numbers or dates for the same fact, or when you link claims as
          contradicting (in the{' '}
          <button type="button" className="ev-link" onClick={() => showView('claims')}>
            Claims
          </button>{' '}
          view).
        </p>
      ) : (
        groupDiscrepancies(data).map((group) => (
          <section key={group.kind} aria-labelledby={`disc-${group.kind}`} className="discrepancy-group">
            <h2 id={`disc-${group.kind}`}>
              {group.heading} ({group.items.length})
            </h2>
            <ul className="discrepancy-list" aria-label={group.heading}>
              {group.items.map((d) => (
                <li key={d.id} className="discrepancy" aria-label={d.summary}>
                  <p className="discrepancy-summary">{d.summary}</p>
                  <ul className="discrepancy-values" aria-label="Values side by side">
                    {d.items.map((it) => (
                      <li key={`${it.articleId}:${it.start}:${it.end}`} className="discrepancy-value">
                        <strong className="discrepancy-text">{it.text}</strong>
                        <span className="discrepancy-source">
                          {it.outlet ?? 'Unknown outlet'}
                          {it.publishedAt ? `, ${formatDate(it.publishedAt)}` : ''}
                        </span>
                        <span className="muted ev-small">{it.articleTitle}</span>
                        <Marked context={it.context} text={it.text} offset={-1} />
                        <button type="button" className="button small" onClick={() => openArticle(it.articleId, { start: it.start, end: it.end })} aria-label={`Show “${it.text}” in ${it.articleTitle}`}>
                          Show in article
                        </button>
                      </li>
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
          </section>
        ))
      )}
    </div>
  );
}

export const discrepanciesView: WorkspaceView = {
  id: 'discrepancies',
  label: 'Discrepancies',
  render: (context) => <DiscrepanciesView context={context} />,
};
