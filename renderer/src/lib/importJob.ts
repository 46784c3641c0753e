/**
 * The state of one running import batch as the page shows it: a row per file with its status,
 * updated from `import.progress` events while a call runs and replaced by the call's results when
 * it returns. Pure and immutable (rows that did not change keep their identity, so memoised rows
 * do not re-render), which keeps 1,000-file batches cheap to draw.
 */
import type { ImportResult } from '../../../shared/api/contract';
import type { FileStatus } from './importPlan';

export interface ImportRow {
  /** The name shown and sent: a relative path for files from a folder. */
  label: string;
  status: FileStatus;
  result: ImportResult | null;
}

export interface ImportJob {
  batchId: string;
  rows: ImportRow[];
  /** Files the Node side reported for a path import before their rows exist. */
  expected: number;
  /** Hidden and unsupported files left out of a folder. */
  skipped: number;
  cancelling: boolean;
}

export function startJob(batchId: string, labels: readonly string[], skipped = 0): ImportJob {
  return { batchId, rows: labels.map((label) => ({ label, status: 'waiting', result: null })), expected: labels.length, skipped, cancelling: false };
}

export function doneCount(job: ImportJob): number {
  let done = 0;
  for (const row of job.rows) if (row.status !== 'waiting') done++;
  return done;
}

export function totalCount(job: ImportJob): number {
  return Math.max(job.expected, job.rows.length);
}

/** The file being worked on: the first one still waiting. */
export function currentLabel(job: ImportJob): string | null {
  return job.rows.find((row) => row.status === 'waiting')?.label ?? null;
}

/**
 * Applies one progress event of the call whose files are the rows `callRows` (row indices, in the
 * order sent). `done` is 1-based within that call. For a path import (`callRows` null) rows are
 * created as the Node side reports them, since it expands folders itself.
 */
export function applyProgress(
  job: ImportJob,
  callRows: readonly number[] | null,
  event: { done: number; total: number; file: string; status: ImportResult['status'] },
): ImportJob {
  if (event.done < 1) return job;
  if (callRows === null) {
    const index = event.done - 1;
    const rows = job.rows.slice();
    while (rows.length <= index) rows.push({ label: '', status: 'waiting', result: null });
    const before = rows[index];
    if (before && before.result) return job; // the final result is already there
    rows[index] = { label: event.file, status: event.status, result: null };
    return { ...job, rows, expected: Math.max(job.expected, event.total) };
  }
  const index = callRows[event.done - 1];
  if (index === undefined) return job;
  const row = job.rows[index];
  if (!row || row.result || row.status === event.status) return job;
  const rows = job.rows.slice();
  rows[index] = { ...row, status: event.status };
  return { ...job, rows };
}

/** Puts a call's results on its rows (`callRows` null: the results are the whole job, as for a path import). */
export function applyResults(job: ImportJob, callRows: readonly number[] | null, results: readonly ImportResult[]): ImportJob {
  if (callRows === null) {
    return { ...job, rows: results.map((result) => ({ label: result.file, status: result.status, result })), expected: results.length };
  }
  const rows = job.rows.slice();
  results.forEach((result, i) => {
    const index = callRows[i];
    const row = index === undefined ? undefined : rows[index];
    if (index !== undefined && row) rows[index] = { label: row.label, status: result.status, result };
  });
  return { ...job, rows };
}

/** Marks rows still waiting with a final status: cancelled, or failed with `error` when the import broke off. */
export function settleWaiting(job: ImportJob, error: string | null): ImportJob {
  if (!job.rows.some((row) => row.status === 'waiting' || !row.result)) return job;
  const rows = job.rows.map((row): ImportRow => {
    if (row.result) return row;
    // A file an event already reported keeps that status (it may well be stored); the rest never ran.
    const status: ImportResult['status'] = row.status === 'waiting' || row.status === 'cancelled' ? (error ? 'error' : 'cancelled') : row.status;
    const result: ImportResult = {
      file: row.label,
      status,
      articleId: null,
      title: null,
      error: status === 'error' ? (error ?? 'the import stopped before this file was confirmed') : null,
      nearDuplicateOf: null,
      similarity: null,
    };
    return { label: row.label, status, result };
  });
  return { ...job, rows };
}

/** Every row's result, for the summary (call after settleWaiting, so every row has one). */
export function jobResults(job: ImportJob): ImportResult[] {
  return job.rows.flatMap((row) => (row.result ? [row.result] : []));
}
