/**
 * The "Timeline" workspace view: dated events across the notebook in date order, grouped by month
 * and day. Each shows the event's date (what the sentence dates) apart from the article's
 * publication date, and opens the article at its sentence.
 */
import { useCallback, useMemo, useState } from 'react';
import type { DossierEvent } from '../../../shared/api/contract';
import type { TimelineEntry } from '../../../shared/api/methods/entities';
import { useDossier } from '../api/client';
import { formatEventDate, groupTimeline, plural } from '../lib/entityViews';
import { formatDate } from '../lib/format';
import { AnalysisProgress, useAnalysisData } from './entities';
import type { ViewContext, WorkspaceView } from './types';
import '../styles/entities.css';

const RELOAD_ON: readonly DossierEvent['type'][] = ['entities.changed', 'articles.changed', 'notebook.changed'];

function TimelineView({ context }: { context: ViewContext }) {
  const api = useDossier();
  const { reportError, openArticle } = context;
  const [query, setQuery] = useState('');
  const onError = useCallback((error: unknown) => reportError(error, 'Could not load the timeline'), [reportError]);
  const load = useCallback(() => api.call('timeline.list', {}), [api]);
  const { data, progress } = useAnalysisData<TimelineEntry[]>(load, RELOAD_ON, onError);
  const groups = useMemo(() => {
    const words = query.toLowerCase().split(/\s+/).filter(Boolean);
    const shown = (data ?? []).filter((e) => words.every((w) => `${e.label} ${e.outlet ?? ''} ${e.articleTitle}`.toLowerCase().includes(w)));
    return groupTimeline(shown);
  }, [data, query]);

  return (
    <div className="timeline-view">
      <AnalysisProgress progress={progress} />
      <div className="entities-toolbar">
        <input type="search" aria-label="Filter events" placeholder="Filter events by words or outlet" value={query} onChange={(e) => setQuery(e.target.value)} />
        {data ? <span className="muted ev-small">{plural(data.length, 'event')}</span> : null}
      </div>
      {data === null ? (
        <p className="muted">Finding dated events…</p>
      ) : data.length === 0 ? (
        <p className="muted">No dated events yet. Sentences that date something (“on 12 March”, “last week”) appear here once articles are imported.</p>
      ) : groups.length === 0 ? (
        <p className="muted">No event matches “{query}”.</p>
      ) : (
        groups.map((month) => (
          <section key={month.key} aria-labelledby={`tl-${month.key}`} className="timeline-month">
            <h2 id={`tl-${month.key}`}>{month.label}</h2>
            {month.days.map((day) => (
              <div key={day.date} className="timeline-day">
                <h3>
                  <time dateTime={day.date}>{day.label}</time>
                </h3>
                <ul className="timeline-events" aria-label={`Events on ${day.label}`}>
                  {day.events.map((e) => (
                    <li key={`${e.articleId}:${e.start}:${e.date}`} className="timeline-event">
                      <button type="button" className="timeline-open" onClick={() => openArticle(e.articleId, { start: e.start, end: e.end })} aria-label={`${formatEventDate(e.date)}: ${e.label}. Open in ${e.articleTitle}`}>
                        {e.label}
                      </button>
                      <span className="muted ev-small timeline-meta">
                        {e.relative ? `dated from “${e.dateText}” · ` : ''}
                        {e.outlet ?? e.articleTitle}
                        {e.publishedAt ? ` · published ${formatDate(e.publishedAt)}` : ' · publication date unknown'}
                      </span>
                    </li>
                  ))}
                </ul>
              </div>
            ))}
          </section>
        ))
      )}
    </div>
  );
}

export const timelineView: WorkspaceView = {
  id: 'timeline',
  label: 'Timeline',
  render: (context) => <TimelineView context={context} />,
};
