/**
 * A claim and every claim linked to it, side by side: their quotes, outlets, dates, grades
 * (source reliability and information credibility, as "B2") and how each relates to the claim.
 */
import { useCallback, useEffect, useId, useState } from 'react';
import type { ClaimTableRow, LinkedClaim } from '../../../shared/api/methods/claims';
import { useDossier, useDossierEvents } from '../api/client';
import { credibilityText, formatGrade, RELATION_LABELS, reliabilityText } from '../lib/claimTable';
import '../styles/claims.css';

interface ClaimRef {
  articleId: string;
  id: string;
}

interface Props {
  claim: ClaimRef;
  onBack(): void;
  /** Compare another claim (one of the linked ones) instead. */
  onCompare(ref: ClaimRef): void;
  onOpenArticle(articleId: string, reveal?: { start: number; end: number }): void;
  onError(error: unknown, context?: string): void;
}

export function ClaimCompare({ claim, onBack, onCompare, onOpenArticle, onError }: Props) {
  const api = useDossier();
  const [data, setData] = useState<{ row: ClaimTableRow; linked: LinkedClaim[] } | null>(null);
  const [missing, setMissing] = useState(false);
  const headingId = useId();

  const load = useCallback(async () => {
    try {
      setData(await api.call('claims.compare', claim));
      setMissing(false);
    } catch (error) {
      if ((error as { code?: string }).code === 'not-found') setMissing(true);
      else onError(error, 'Could not load the comparison');
    }
  }, [api, claim, onError]);
  useEffect(() => {
    void load();
  }, [load]);
  useDossierEvents((event) => {
    if (event.type === 'claims.changed' || event.type === 'sources.changed') void load();
  });

  return (
    <section className="claim-compare" aria-labelledby={headingId}>
      <div className="claim-compare-head">
        <button type="button" className="button small" onClick={onBack}>
          ← All claims
        </button>
        <h2 id={headingId}>Comparison</h2>
        {data ? (
          <p className="muted">
            {data.linked.length === 0
              ? 'This claim is not linked to any other claim yet: link claims in the Inspector to compare them here.'
              : `${data.linked.length} linked ${data.linked.length === 1 ? 'claim' : 'claims'} · ${data.row.corroboration.independent} independent ${data.row.corroboration.independent === 1 ? 'origin' : 'origins'}`}
          </p>
        ) : null}
      </div>
      {missing ? <p className="muted">This claim no longer exists.</p> : null}
      {!data && !missing ? <p className="muted">Loading…</p> : null}
      {data ? (
        <ul className="compare-columns" aria-label="Claims compared">
          <CompareCard row={data.row} relation={null} onOpenArticle={onOpenArticle} />
          {data.linked.map((l) => (
            <CompareCard
              key={l.row.claim.id}
              row={l.row}
              relation={relationText(l)}
              onOpenArticle={onOpenArticle}
              onCompare={() => onCompare({ articleId: l.row.claim.articleId, id: l.row.claim.id })}
            />
          ))}
        </ul>
      ) : null}
    </section>
  );
}

/** How a linked claim relates to the compared one, read from the linked claim's side. */
function relationText(l: LinkedClaim): string {
  if (l.relation === 'same-as' || l.relation === 'contradicts') return RELATION_LABELS[l.relation];
  // outgoing: the compared claim corroborates/cites this one; incoming: this one corroborates/cites it.
  return l.direction === 'incoming' ? `${RELATION_LABELS[l.relation]} this claim` : `${l.relation === 'cites' ? 'cited' : 'corroborated'} by this claim`;
}

function CompareCard({
  row,
  relation,
  onOpenArticle,
  onCompare,
}: {
  row: ClaimTableRow;
  relation: string | null;
  onOpenArticle: Props['onOpenArticle'];
  onCompare?: () => void;
}) {
  const c = row.claim;
  const grade = formatGrade(row.reliability, c.credibility);
  return (
    <li className={relation === null ? 'compare-card compare-main' : 'compare-card'} aria-label={relation === null ? 'Compared claim' : `Linked claim (${relation})`}>
      <p className="compare-relation">{relation === null ? 'This claim' : relation}</p>
      <p className="compare-statement">{c.statement}</p>
      <blockquote className="compare-quote">{c.target.exact}</blockquote>
      <dl className="compare-meta">
        <dt>Outlet</dt>
        <dd>
          {row.outlet ?? 'No outlet'}
          {row.stateAffiliated ? <span className="claim-warning"> (state-affiliated)</span> : null}
        </dd>
        <dt>Article</dt>
        <dd>{row.articleTitle}</dd>
        <dt>Published</dt>
        <dd>{row.publishedAt ? row.publishedAt.slice(0, 10) : 'Unknown'}</dd>
        <dt>Speaker</dt>
        <dd>{c.speaker ?? 'Not recorded'}</dd>
        <dt>Grade</dt>
        <dd>
          {grade ? <strong className="grade">{grade}</strong> : null} <span className="muted">{reliabilityText(row.reliability)}; {credibilityText(c.credibility)}</span>
        </dd>
        <dt>Rests on</dt>
        <dd>{originNames(row)}</dd>
        <dt>Status</dt>
        <dd>
          {c.status}, {c.kind}
        </dd>
      </dl>
      <div className="compare-actions">
        <button type="button" className="button small" onClick={() => onOpenArticle(c.articleId, { start: c.target.start, end: c.target.end })}>
          Show words
        </button>
        {onCompare ? (
          <button type="button" className="button small" onClick={onCompare}>
            Compare this one
          </button>
        ) : null}
      </div>
    </li>
  );
}

/** Names of the sources the row's article rests on (its originators, else its outlet). */
function originNames(row: ClaimTableRow): string {
  const byId = new Map(row.corroboration.origins.flatMap((o) => (o.sourceId ? [[o.sourceId, o.name] as const] : [])));
  return row.originSourceIds.map((id) => byId.get(id) ?? '').filter(Boolean).join(', ') || (row.outlet ?? '—');
}
