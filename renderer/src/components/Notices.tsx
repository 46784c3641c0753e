/** Errors (role="alert", dismissible) and the summary of the last import (role="status"). */
import type { ImportResult } from '../../../shared/api/contract';
import { countResults } from '../lib/importPlan';

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

/** Always rendered, so screen readers announce the summary when it appears in the live region. */
export function ImportSummary({ results, onDismiss }: { results: readonly ImportResult[] | null; onDismiss(): void }) {
  const counts = results ? countResults(results) : null;
  const failed = results?.filter((r) => r.status === 'error') ?? [];
  return (
    <div role="status" className={results ? 'import-summary' : 'import-summary empty'} aria-label="Import summary">
      {results && counts ? (
        <>
          <div className="import-summary-line">
            <p className="import-summary-text">
              <strong>Import finished:</strong> <span className="count ok">Imported {counts.imported}</span>,{' '}
              <span className="count">Duplicates {counts.duplicates}</span>,{' '}
              <span className={counts.failed > 0 ? 'count bad' : 'count'}>Failed {counts.failed}</span>
            </p>
            <button type="button" className="button small" onClick={onDismiss} aria-label="Dismiss the import summary">
              Dismiss
            </button>
          </div>
          {failed.length > 0 ? (
            <ul className="import-failures">
              {failed.map((r, index) => (
                <li key={`${r.file}-${index}`}>
                  {/* Importer messages usually name the file already; do not say it twice. */}
                  {r.error && r.error.includes(r.file) ? (
                    r.error
                  ) : (
                    <>
                      <code className="path">{r.file}</code>: {r.error ?? 'no reason given'}
                    </>
                  )}
                </li>
              ))}
            </ul>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
