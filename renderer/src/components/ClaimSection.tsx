/**
 * The selected claim in the Inspector: its fields (statement, speaker, kind, status, Admiralty
 * credibility, tags, note), its source's reliability (which grades the SOURCE, across the
 * notebook), its corroboration by independent origins, its links to other claims, and actions
 * (show the words, compare, delete with undo). Fields save when they change (text when it loses focus).
 */
import { useCallback, useEffect, useId, useMemo, useState } from 'react';
import type { ClaimTableRow, IncomingLink, LinkedClaim } from '../../../shared/api/methods/claims';
import type { Claim, ClaimKind, ClaimStatus, Tag } from '../../../shared/model/schemas';
import { useDossier, useDossierEvents } from '../api/client';
import {
  CLAIM_KINDS,
  CLAIM_STATUSES,
  CREDIBILITIES,
  CREDIBILITY_LABELS,
  RELATION_LABELS,
  RELATIONS,
  RELIABILITIES,
  RELIABILITY_LABELS,
  searchClaims,
  type Relation,
} from '../lib/claimTable';
import { useUndo } from '../lib/undo';
import { requestComparison } from '../views/claims';
import '../styles/claims.css';

export interface ClaimRef {
  articleId: string;
  id: string;
}

interface Props {
  record: ClaimRef;
  /** Open the claim's article in the reader and reveal these words. */
  onReveal(articleId: string, range: { start: number; end: number }): void;
  /** Select another record (null after a delete). */
  onSelectRecord(record: { kind: 'claim'; articleId: string; id: string } | null): void;
  onError(error: unknown, context: string): void;
}

type Patch = Partial<Pick<Claim, 'statement' | 'speaker' | 'kind' | 'status' | 'credibility' | 'note' | 'tags'>>;

export function ClaimSection({ record, onReveal, onSelectRecord, onError }: Props) {
  const api = useDossier();
  const undo = useUndo();
  const [row, setRow] = useState<ClaimTableRow | null>(null);
  const [linked, setLinked] = useState<LinkedClaim[]>([]);
  const [missing, setMissing] = useState(false);
  const [tags, setTags] = useState<Tag[]>([]);
  const headingId = useId();

  const load = useCallback(async () => {
    try {
      const result = await api.call('claims.compare', { articleId: record.articleId, id: record.id });
      setRow(result.row);
      setLinked(result.linked);
      setMissing(false);
    } catch (error) {
      if ((error as { code?: string }).code === 'not-found') setMissing(true);
      else onError(error, 'Could not load the claim');
    }
  }, [api, record.articleId, record.id, onError]);

  const loadTags = useCallback(() => {
    api.call('tags.list', {}).then(setTags, (error: unknown) => onError(error, 'Could not load the tags'));
  }, [api, onError]);

  useEffect(() => {
    setRow(null);
    void load();
  }, [load]);
  useEffect(loadTags, [loadTags]);
  useDossierEvents((event) => {
    if (event.type === 'claims.changed' || event.type === 'sources.changed' || event.type === 'articles.changed') void load();
    if (event.type === 'tags.changed') loadTags();
  });

  const save = useCallback(
    async (patch: Patch) => {
      try {
        const updated = await api.call('claims.update', { articleId: record.articleId, id: record.id, patch });
        setRow((r) => (r ? { ...r, claim: updated } : r));
      } catch (error) {
        onError(error, 'Could not save the claim');
      }
    },
    [api, record.articleId, record.id, onError],
  );

  const remove = useCallback(async () => {
    try {
      const result = await api.call('claims.delete', { articleId: record.articleId, id: record.id });
      if (!result.claim) return;
      const claim = result.claim;
      const incoming: IncomingLink[] = result.incoming;
      onSelectRecord(null);
      undo.push({
        label: 'Delete claim',
        undo: async () => {
          await api.call('claims.restore', { claim, incoming });
        },
        redo: async () => {
          await api.call('claims.delete', { articleId: claim.articleId, id: claim.id });
        },
      });
    } catch (error) {
      onError(error, 'Could not delete the claim');
    }
  }, [api, record.articleId, record.id, onSelectRecord, onError, undo]);

  if (missing) {
    return (
      <section className="claim-section" aria-label="Claim">
        <p className="muted">This claim no longer exists (deleted, perhaps in another window).</p>
      </section>
    );
  }
  if (!row) {
    return (
      <section className="claim-section" aria-label="Claim" aria-busy="true">
        <p className="muted">Loading the claim…</p>
      </section>
    );
  }
  const claim = row.claim;
  return (
    <section className="claim-section" aria-labelledby={headingId}>
      <h2 id={headingId} className="inspector-heading">
        Claim
      </h2>
      <blockquote className="claim-quote">{claim.target.exact}</blockquote>
      <div className="claim-actions">
        <button type="button" className="button small" onClick={() => onReveal(claim.articleId, { start: claim.target.start, end: claim.target.end })}>
          Show words
        </button>
        <button type="button" className="button small" onClick={() => requestComparison({ articleId: claim.articleId, id: claim.id })}>
          Compare
        </button>
        <button type="button" className="button small danger" onClick={() => void remove()}>
          Delete claim
        </button>
      </div>
      <ClaimFields key={claim.id} claim={claim} tags={tags} onSave={save} />
      <SourceGrade row={row} onError={onError} />
      <Corroboration row={row} />
      <Links claim={claim} linked={linked} onError={onError} onChanged={load} onOpen={(c) => onSelectRecord({ kind: 'claim', articleId: c.articleId, id: c.id })} />
    </section>
  );
}

function ClaimFields({ claim, tags, onSave }: { claim: Claim; tags: Tag[]; onSave(patch: Patch): Promise<void> }) {
  const id = useId();
  const [statement, setStatement] = useState(claim.statement);
  const [speaker, setSpeaker] = useState(claim.speaker ?? '');
  const [note, setNote] = useState(claim.note);
  // Edits saved elsewhere (the table, another window) show here unless the field is being edited.
  const [focused, setFocused] = useState<string | null>(null);
  useEffect(() => {
    if (focused !== 'statement') setStatement(claim.statement);
    if (focused !== 'speaker') setSpeaker(claim.speaker ?? '');
    if (focused !== 'note') setNote(claim.note);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when the stored claim changes
  }, [claim.statement, claim.speaker, claim.note]);
  const tagById = useMemo(() => new Map(tags.map((t) => [t.id, t])), [tags]);
  const unused = tags.filter((t) => !claim.tags.includes(t.id));

  return (
    <div className="claim-fields">
      <div className="field">
        <label htmlFor={`${id}-statement`}>Statement</label>
        <textarea
          id={`${id}-statement`}
          rows={3}
          value={statement}
          onFocus={() => setFocused('statement')}
          onChange={(e) => setStatement(e.target.value)}
          onBlur={() => {
            setFocused(null);
            const v = statement.trim();
            if (v === '') setStatement(claim.statement);
            else if (v !== claim.statement) void onSave({ statement: v });
          }}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-speaker`}>Speaker</label>
        <input
          id={`${id}-speaker`}
          type="text"
          value={speaker}
          placeholder="Who asserts it"
          onFocus={() => setFocused('speaker')}
          onChange={(e) => setSpeaker(e.target.value)}
          onBlur={() => {
            setFocused(null);
            const v = speaker.trim();
            if (v !== (claim.speaker ?? '')) void onSave({ speaker: v === '' ? null : v });
          }}
        />
      </div>
      <div className="field-row claim-selects">
        <div className="field">
          <label htmlFor={`${id}-kind`}>Kind</label>
          <select id={`${id}-kind`} value={claim.kind} onChange={(e) => void onSave({ kind: e.target.value as ClaimKind })}>
            {CLAIM_KINDS.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-status`}>Status</label>
          <select id={`${id}-status`} value={claim.status} onChange={(e) => void onSave({ status: e.target.value as ClaimStatus })}>
            {CLAIM_STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="field">
        <label htmlFor={`${id}-credibility`}>Credibility (Admiralty 1-6)</label>
        <select
          id={`${id}-credibility`}
          value={claim.credibility === null ? '' : String(claim.credibility)}
          onChange={(e) => void onSave({ credibility: e.target.value === '' ? null : Number(e.target.value) })}
        >
          <option value="">Not graded</option>
          {CREDIBILITIES.map((c) => (
            <option key={c} value={c}>
              {c} – {CREDIBILITY_LABELS[c]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <span className="field-label" id={`${id}-tags`}>
          Tags
        </span>
        <ul className="claim-tags" aria-labelledby={`${id}-tags`}>
          {claim.tags.length === 0 ? <li className="muted">No tags</li> : null}
          {claim.tags.map((tagId) => {
            const tag = tagById.get(tagId);
            const name = tag?.name ?? 'Unknown tag';
            return (
              <li key={tagId} className="claim-tag">
                <span className="claim-tag-swatch" style={{ background: tag?.color ?? 'transparent' }} aria-hidden="true" />
                {name}
                <button type="button" className="button small" aria-label={`Remove tag ${name}`} onClick={() => void onSave({ tags: claim.tags.filter((t) => t !== tagId) })}>
                  ×
                </button>
              </li>
            );
          })}
        </ul>
        {unused.length > 0 ? (
          <select
            aria-label="Add a tag"
            value=""
            onChange={(e) => {
              if (e.target.value) void onSave({ tags: [...claim.tags, e.target.value] });
            }}
          >
            <option value="">Add a tag…</option>
            {unused.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        ) : null}
      </div>
      <div className="field">
        <label htmlFor={`${id}-note`}>Note</label>
        <textarea
          id={`${id}-note`}
          rows={3}
          value={note}
          placeholder="Why it matters, what would change it"
          onFocus={() => setFocused('note')}
          onChange={(e) => setNote(e.target.value)}
          onBlur={() => {
            setFocused(null);
            if (note !== claim.note) void onSave({ note });
          }}
        />
      </div>
    </div>
  );
}

/** The outlet's reliability, graded here in place: the grade belongs to the source, for every claim from it. */
function SourceGrade({ row, onError }: { row: ClaimTableRow; onError: Props['onError'] }) {
  const api = useDossier();
  const id = useId();
  if (!row.outletSourceId) {
    return <p className="muted claim-source">No outlet is recorded for this article, so its source cannot be graded here.</p>;
  }
  const sourceId = row.outletSourceId;
  return (
    <div className="field claim-source">
      <label htmlFor={`${id}-reliability`}>Source reliability: {row.outlet}</label>
      <select
        id={`${id}-reliability`}
        value={row.reliability ?? ''}
        onChange={(e) => {
          const reliability = e.target.value === '' ? null : (e.target.value as (typeof RELIABILITIES)[number]);
          api.call('sources.update', { id: sourceId, patch: { reliability } }).catch((error: unknown) => onError(error, 'Could not grade the source'));
        }}
      >
        <option value="">Not graded</option>
        {RELIABILITIES.map((r) => (
          <option key={r} value={r}>
            {r} – {RELIABILITY_LABELS[r]}
          </option>
        ))}
      </select>
      {row.stateAffiliated ? <p className="claim-warning">State-affiliated source</p> : null}
    </div>
  );
}

function Corroboration({ row }: { row: ClaimTableRow }) {
  const n = row.corroboration.independent;
  return (
    <div className="claim-corroboration">
      <p>
        <strong data-testid="corroboration-count">{n}</strong> independent {n === 1 ? 'origin' : 'origins'}
        {row.contradictions > 0 ? <span className="claim-warning"> · contradicted by {row.contradictions}</span> : null}
      </p>
      <ul aria-label="Origins" className="claim-origins">
        {row.corroboration.origins.map((o) => (
          <li key={o.key}>{o.name}</li>
        ))}
      </ul>
      <p className="muted small">Counts this claim and the claims linked to it as corroborating or the same; articles resting on the same agency count once.</p>
    </div>
  );
}

function Links({
  claim,
  linked,
  onError,
  onChanged,
  onOpen,
}: {
  claim: Claim;
  linked: LinkedClaim[];
  onError: Props['onError'];
  onChanged(): Promise<void>;
  onOpen(claim: Claim): void;
}) {
  const api = useDossier();
  const id = useId();
  const [query, setQuery] = useState('');
  const [relation, setRelation] = useState<Relation>('corroborates');
  const [rows, setRows] = useState<ClaimTableRow[] | null>(null);

  // The notebook's claims are loaded when the analyst starts searching, not for every selection.
  useEffect(() => {
    if (query.trim() === '' || rows !== null) return;
    api.call('claims.table', {}).then(setRows, (error: unknown) => onError(error, 'Could not load the claims to link'));
  }, [api, query, rows, onError]);
  useDossierEvents((event) => {
    if (event.type === 'claims.changed') setRows(null);
  });
  const linkedIds = new Set(linked.map((l) => l.row.claim.id));
  const results = rows ? searchClaims(rows, query, claim.id).filter((r) => !linkedIds.has(r.claim.id)) : [];

  const link = async (target: ClaimTableRow) => {
    try {
      await api.call('claims.link', { articleId: claim.articleId, id: claim.id, claimId: target.claim.id, relation });
      setQuery('');
      await onChanged();
    } catch (error) {
      onError(error, 'Could not link the claims');
    }
  };
  const unlink = async (other: Claim) => {
    try {
      await api.call('claims.unlink', { articleId: claim.articleId, id: claim.id, claimId: other.id });
      await onChanged();
    } catch (error) {
      onError(error, 'Could not remove the link');
    }
  };

  return (
    <div className="claim-links">
      <h3 className="claim-subheading">Links</h3>
      {linked.length === 0 ? <p className="muted">Not linked to other claims. Find one below to link it.</p> : null}
      <ul aria-label="Linked claims" className="claim-link-list">
        {linked.map((l) => (
          <li key={l.row.claim.id}>
            <span className="claim-relation">{l.direction === 'incoming' && (l.relation === 'corroborates' || l.relation === 'cites') ? `${RELATION_LABELS[l.relation]} this` : RELATION_LABELS[l.relation]}</span>{' '}
            <button type="button" className="link-button" onClick={() => onOpen(l.row.claim)}>
              {l.row.claim.statement}
            </button>{' '}
            <span className="muted">({l.row.outlet ?? l.row.articleTitle})</span>{' '}
            <button type="button" className="button small" aria-label={`Remove link to “${l.row.claim.statement}”`} onClick={() => void unlink(l.row.claim)}>
              Remove
            </button>
          </li>
        ))}
      </ul>
      <div className="claim-link-add">
        <label htmlFor={`${id}-relation`}>This claim</label>
        <select id={`${id}-relation`} value={relation} onChange={(e) => setRelation(e.target.value as Relation)}>
          {RELATIONS.map((r) => (
            <option key={r} value={r}>
              {RELATION_LABELS[r]}
            </option>
          ))}
        </select>
        <input type="search" aria-label="Find a claim to link" placeholder="Find a claim by its words" value={query} onChange={(e) => setQuery(e.target.value)} />
      </div>
      {query.trim() !== '' ? (
        <ul aria-label="Claims to link" className="claim-link-results">
          {rows === null ? <li className="muted">Searching…</li> : null}
          {rows !== null && results.length === 0 ? <li className="muted">No other claim matches “{query.trim()}”.</li> : null}
          {results.map((r) => (
            <li key={r.claim.id}>
              <span>{r.claim.statement}</span> <span className="muted">({r.outlet ?? r.articleTitle})</span>{' '}
              <button type="button" className="button small" aria-label={`Link as ${RELATION_LABELS[relation]}: “${r.claim.statement}”`} onClick={() => void link(r)}>
                Link
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
