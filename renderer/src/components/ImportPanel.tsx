/**
 * A running import: a progress bar, the file being read, a Cancel button, and one status line per
 * file. Rows are memoised on their identity (importJob keeps unchanged rows identical), so a
 * 1,000-file batch redraws only the rows an event changed.
 */
import { memo } from 'react';
import { currentLabel, doneCount, totalCount, type ImportJob, type ImportRow } from '../lib/importJob';
import { describeFileStatus } from '../lib/importPlan';

interface Props {
  job: ImportJob;
  titleOf(id: string): string | null;
  onCancel(): void;
}

export function ImportPanel({ job, titleOf, onCancel }: Props) {
  const done = doneCount(job);
  const total = totalCount(job);
  const current = currentLabel(job);
  return (
    <section className="import-panel" aria-label="Import">
      <div className="import-panel-line">
        <progress className="import-bar" aria-label="Import progress" value={done} max={Math.max(1, total)} aria-valuetext={`${done} of ${total} files`} />
        <span className="import-count">
          {job.cancelling ? 'Cancelling… ' : 'Importing '}
          {done} of {total}
          {current && !job.cancelling ? (
            <>
              {' '}
              — <span className="path">{current}</span>
            </>
          ) : null}
        </span>
        <button type="button" className="button small" onClick={onCancel} disabled={job.cancelling}>
          Cancel import
        </button>
      </div>
      <FileStatusList rows={job.rows} titleOf={titleOf} label="Files in this import" />
    </section>
  );
}

export function FileStatusList({ rows, titleOf, label }: { rows: readonly ImportRow[]; titleOf(id: string): string | null; label: string }) {
  return (
    <ul className="file-status-list" aria-label={label}>
      {rows.map((row, index) => (row.label === '' ? null : <FileStatusRow key={index} row={row} titleOf={titleOf} />))}
    </ul>
  );
}

const FileStatusRow = memo(function FileStatusRow({ row, titleOf }: { row: ImportRow; titleOf(id: string): string | null }) {
  const view = describeFileStatus(row.status, row.result, titleOf);
  return (
    <li className={`file-status file-status-${view.status}`}>
      <span className="file-status-icon" aria-hidden="true">
        {view.icon}
      </span>
      <span className="file-status-name path">{row.label}</span>
      <span className="file-status-text">{view.text}</span>
    </li>
  );
});
