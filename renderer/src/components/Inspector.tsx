/**
 * The inspector: the notebook's problems (files kept aside at open), then the selected article's
 * metadata, editable through `articles.updateMeta` with validation before anything is sent.
 */
import { forwardRef, useId, useState, type FormEvent } from 'react';
import type { Article, ArticleSummary, StoreProblem } from '../../../shared/model/schemas';
import { formatDateTime, shortHash } from '../lib/format';
import { formatSimilarity } from '../lib/importPlan';
import { countNoiseByKind, effectiveNoise } from '../lib/noise';
import { draftFromArticle, isEmptyPatch, META_FIELDS, validateDraft, type MetaDraft, type MetaField, type MetaPatch } from '../lib/metaForm';
import { HighlightSection } from './HighlightSection';
import type { SelectedRecord } from './Reader';
import { ReviewList } from './ReviewList';
import { ArticleNotes } from './ArticleNotes';
import { ClaimSection } from './ClaimSection';
import { Suggestions } from './Suggestions';

interface Props {
  problems: readonly StoreProblem[];
  summary: ArticleSummary | null;
  article: Article | null;
  /** Saves a patch; resolves with the updated summary, rejects with an error whose message is shown. */
  onSave(id: string, patch: MetaPatch): Promise<ArticleSummary>;
  /** Names an article by id; null when it is not in the notebook. */
  titleOf(id: string): string | null;
  /** Selects another article (the original of a near-duplicate). */
  onOpenArticle(id: string): void;
  /** The highlight or claim selected in the reader, and how to change the selection. */
  selectedRecord?: SelectedRecord | null;
  onSelectRecord?(record: SelectedRecord | null): void;
  /** Opens an article in the reader and reveals a range (review list rows). */
  onReveal?(articleId: string, range?: { start: number; end: number }): void;
  onError?(error: unknown, context: string): void;
}

export const Inspector = forwardRef<HTMLElement, Props>(function Inspector(
  { problems, summary, article, onSave, titleOf, onOpenArticle, selectedRecord, onSelectRecord, onReveal, onError },
  ref,
) {
  return (
    <aside ref={ref} aria-label="Inspector" className="pane inspector" data-pane="inspector" tabIndex={-1}>
      {problems.length > 0 ? <ProblemsPanel problems={problems} /> : null}
      {selectedRecord?.kind === 'annotation' && onSelectRecord && onError ? <HighlightSection key={`highlight-${selectedRecord.id}`} record={selectedRecord} onSelectRecord={onSelectRecord} onError={onError} /> : null}
      {selectedRecord?.kind === 'claim' && onSelectRecord && onReveal && onError ? <ClaimSection key={selectedRecord.id} record={selectedRecord} onReveal={onReveal} onSelectRecord={onSelectRecord} onError={onError} /> : null}
      {summary && onReveal && onError ? <ReviewList key={`review-${summary.id}`} articleId={summary.id} onOpen={onReveal} onError={onError} compact /> : null}
      {summary && onError ? <ArticleNotes key={summary.id} articleId={summary.id} title={summary.title} onError={onError} /> : null}
      {summary && onReveal && onSelectRecord && onError ? <Suggestions key={`suggest-${summary.id}`} articleId={summary.id} onReveal={onReveal} onAccepted={(c) => onSelectRecord({ kind: 'claim', articleId: c.articleId, id: c.id })} onError={onError} /> : null}
      {summary ? (
        <>
          <h2 className="inspector-heading">Article</h2>
          <MetaForm key={`${summary.id}`} summary={summary} onSave={onSave} />
          <Details
            summary={summary}
            article={article && article.id === summary.id ? article : null}
            titleOf={titleOf}
            onOpenArticle={onOpenArticle}
          />
        </>
      ) : (
        <p className="muted inspector-empty">Select an article to see and correct its details.</p>
      )}
    </aside>
  );
});

function ProblemsPanel({ problems }: { problems: readonly StoreProblem[] }) {
  const headingId = useId();
  return (
    <section className="problems" aria-labelledby={headingId}>
      <h2 id={headingId} className="problems-heading">
        {problems.length === 1 ? '1 file in this notebook could not be read' : `${problems.length} files in this notebook could not be read`}
      </h2>
      <p className="problems-hint">They were left untouched{problems.some((p) => p.movedTo) ? ' and moved aside' : ''}; nothing was overwritten.</p>
      <ul className="problems-list">
        {problems.map((problem) => (
          <li key={problem.file}>
            <code className="path">{problem.file}</code>
            <span className="problem-message">{problem.message}</span>
            {problem.movedTo ? (
              <span className="problem-moved">
                Kept as <code className="path">{problem.movedTo}</code>
              </span>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

const FIELD_LABELS: Record<MetaField, string> = {
  title: 'Title',
  outlet: 'Outlet',
  byline: 'Byline',
  publishedAt: 'Published',
  url: 'URL',
  language: 'Language',
};
const FIELD_HINTS: Partial<Record<MetaField, string>> = {
  publishedAt: 'ISO date, e.g. 2024-03-05',
  language: 'Two letters, e.g. en',
};

function MetaForm({ summary, onSave }: { summary: ArticleSummary; onSave: Props['onSave'] }) {
  const [saved, setSaved] = useState<ArticleSummary>(summary);
  const [draft, setDraft] = useState<MetaDraft>(() => draftFromArticle(summary));
  const [errors, setErrors] = useState<Partial<Record<MetaField, string>>>({});
  const [serverError, setServerError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [justSaved, setJustSaved] = useState(false);
  const formId = useId();

  // The list reloaded with different metadata (edited elsewhere): take it unless the user is editing.
  const baseline = draftFromArticle(saved);
  const dirty = META_FIELDS.some((field) => draft[field] !== baseline[field]);
  if (summary !== saved && !dirty && !saving) {
    setSaved(summary);
    setDraft(draftFromArticle(summary));
  }

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const { patch, errors: problems } = validateDraft(draft, saved);
    setErrors(problems);
    setServerError(null);
    if (Object.keys(problems).length > 0) return;
    if (isEmptyPatch(patch)) {
      setDraft(draftFromArticle(saved)); // only whitespace or case changed: nothing to send
      return;
    }
    setSaving(true);
    try {
      const updated = await onSave(summary.id, patch);
      setSaved(updated);
      setDraft(draftFromArticle(updated));
      setJustSaved(true);
    } catch (error) {
      setServerError(error instanceof Error ? error.message : String(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <form className="meta-form" onSubmit={(event) => void submit(event)} noValidate aria-label="Article details">
      {(Object.keys(FIELD_LABELS) as MetaField[]).map((field) => {
        const inputId = `${formId}-${field}`;
        const errorId = `${inputId}-error`;
        const error = errors[field];
        return (
          <div className={error ? 'field invalid' : 'field'} key={field}>
            <label htmlFor={inputId}>{FIELD_LABELS[field]}</label>
            <input
              id={inputId}
              type="text"
              value={draft[field]}
              placeholder={field === 'title' ? '' : (FIELD_HINTS[field] ?? 'Unknown')}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? errorId : undefined}
              spellCheck={field === 'title' || field === 'byline'}
              onChange={(event) => {
                const value = event.target.value;
                setDraft((d) => ({ ...d, [field]: value }));
                setJustSaved(false);
                if (errors[field]) setErrors((e) => ({ ...e, [field]: undefined }));
              }}
            />
            {error ? (
              <p id={errorId} className="field-error">
                {error}
              </p>
            ) : null}
          </div>
        );
      })}
      {serverError ? (
        <p role="alert" className="form-error">
          Could not save: {serverError}
        </p>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={saving || !dirty}>
          {saving ? 'Saving…' : 'Save changes'}
        </button>
        <button
          type="button"
          className="button"
          disabled={saving || !dirty}
          onClick={() => {
            setDraft(draftFromArticle(saved));
            setErrors({});
            setServerError(null);
          }}
        >
          Revert
        </button>
        {justSaved ? <span className="saved-note">Saved</span> : null}
      </div>
    </form>
  );
}

function Details({
  summary,
  article,
  titleOf,
  onOpenArticle,
}: {
  summary: ArticleSummary;
  article: Article | null;
  titleOf(id: string): string | null;
  onOpenArticle(id: string): void;
}) {
  const noise = effectiveNoise(summary.noise, summary.noiseDismissed);
  const byKind = countNoiseByKind(noise);
  const original = summary.nearDuplicateOf;
  const originalTitle = original ? titleOf(original) : null;
  const similarity = formatSimilarity(summary.nearDuplicateSimilarity);
  // Some importers record how the file was decoded; show it when present (not part of every source).
  const encoding = (summary.source as { encoding?: unknown }).encoding;
  return (
    <dl className="details">
      {original ? (
        <>
          <dt>Near-duplicate</dt>
          <dd className="near-duplicate-line">
            <span>
              Near-duplicate of {originalTitle ? <q>{originalTitle}</q> : <code>{original}</code>}
              {similarity ? ` (${similarity})` : ''}
            </span>{' '}
            {originalTitle ? (
              <button type="button" className="button small" onClick={() => onOpenArticle(original)}>
                Open original
              </button>
            ) : (
              <span className="muted">(no longer in this notebook)</span>
            )}
          </dd>
        </>
      ) : null}
      <dt>Imported</dt>
      <dd>{formatDateTime(summary.importedAt)}</dd>
      <dt>Source file</dt>
      <dd>
        <code className="path">{summary.source.fileName}</code> <span className="muted">({summary.source.mediaType})</span>
      </dd>
      {typeof encoding === 'string' && encoding !== '' ? (
        <>
          <dt>Encoding</dt>
          <dd>{encoding}</dd>
        </>
      ) : null}
      <dt>Content hash</dt>
      <dd>
        <code title={summary.contentHash}>{shortHash(summary.contentHash)}</code>
      </dd>
      <dt>Length</dt>
      <dd>{(article?.text.length ?? summary.length).toLocaleString()} characters</dd>
      <dt>Noise</dt>
      <dd>{byKind === '' ? 'None marked' : byKind}</dd>
      <dt>Article id</dt>
      <dd>
        <code>{summary.id}</code>
      </dd>
    </dl>
  );
}
