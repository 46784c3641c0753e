/** Errors (role="alert", dismissible) and the summary of the last import (role="status"). */
import { useMemo } from 'react';
import type { ImportResult } from '../../../shared/api/contract';
import { countResults, failureLine, summaryParts } from '../lib/importPlan';
import { FileStatusList } from './ImportPanel';

export interface Notice {
  id: number;
  message: string;
}

export function ErrorList({ errors, onDismiss }: { errors: readonly Notice[]; onDismiss(id: number): void }) {
  if (errors.length === 0) return null;
  return (
    <div className="alerts">
      {errors.map((error) => (
        <div key={error.id} role="alert" className="alert">
          <span className="alert-icon" aria-hidden="true">!</span>
          <p className="alert-message">{error.message}</p>
          <button type="button" className="button small" onClick={() => onDismiss(error.id)} aria-label="Dismiss this message">
            Dismiss
          </button>
        </div>
      ))}
    </div>
  );
}

export interface ImportOutcome {
  results: ImportResult[];
  /** Hidden files and unsupported formats left out of dropped or chosen folders. */
  skipped: number;
}

/** Always rendered, so screen readers announce the summary when it appears in the live region. */
export function ImportSummary({
  outcome,
  titleOf,
  onDismiss,
}: {
  outcome: ImportOutcome | null;
  titleOf(id: string): string | null;
  onDismiss(): void;
}) {
  const results = outcome?.results ?? null;
  const failed = results?.filter((r) => r.status === 'error') ?? [];
  const rows = useMemo(() => (results ? results.map((result) => ({ label: result.file, status: result.status, result })) : []), [results]);
  return (
    <div role="status" className={results ? 'import-summary' : 'import-summary empty'} aria-label="Import summary">
      {outcome && results ? (
        <>
          <div className="import-summary-line">
            <p className="import-summary-text">
              <strong>Import finished:</strong>{' '}
              {summaryParts(countResults(results), outcome.skipped).map((part, index) => (
                <span key={part.label}>
                  {index > 0 ? ', ' : null}
                  <span className={part.tone === 'plain' ? 'count' : `count ${part.tone}`}>
                    {part.label} {part.count}
                  </span>
                </span>
              ))}
              {outcome.skipped > 0 ? <span className="muted"> (hidden files and formats Dossier cannot read)</span> : null}
            </p>
            <button type="button" className="button small" onClick={onDismiss} aria-label="Dismiss the import summary">
              Dismiss
            </button>
          </div>
          {failed.length > 0 ? (
            <ul className="import-failures" aria-label="Files that failed">
              {failed.map((r, index) => (
                <FailureItem key={`${r.file}-${index}`} file={r.file} error={r.error} />
              ))}
            </ul>
          ) : null}
          {results.length > 1 ? (
            <details className="import-details">
              <summary>Every file ({results.length})</summary>
              <FileStatusList rows={rows} titleOf={titleOf} label="Imported files" />
            </details>
          ) : null}
        </>
      ) : null}
    </div>
  );
}

function FailureItem({ file, error }: { file: string; error: string | null }) {
  const line = failureLine(file, error);
  return (
    <li>
      {line.path ? (
        <>
          <code className="path">{line.path}</code>: {line.message}
        </>
      ) : (
        line.message
      )}
    </li>
  );
}
