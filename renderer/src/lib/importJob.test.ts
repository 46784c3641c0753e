import { describe, expect, it } from 'vitest';
import type { ImportResult } from '../../../shared/api/contract';
import { applyProgress, applyResults, currentLabel, doneCount, jobResults, settleWaiting, startJob, totalCount } from './importJob';

const result = (file: string, status: ImportResult['status'], extra: Partial<ImportResult> = {}): ImportResult => ({
  file,
  status,
  articleId: status === 'imported' || status === 'duplicate' ? `id-${file}` : null,
  title: null,
  error: status === 'error' ? `${file}: not text` : null,
  nearDuplicateOf: null,
  similarity: null,
  ...extra,
});

describe('a batch sent in several calls', () => {
  const labels = ['f/a.txt', 'f/b.md', 'f/c.html', 'f/d.txt'];

  it('moves rows from waiting to the status each progress event reports, then to the final results', () => {
    let job = startJob('b1', labels, 2);
    expect(doneCount(job)).toBe(0);
    expect(totalCount(job)).toBe(4);
    expect(currentLabel(job)).toBe('f/a.txt');

    // Second call covers rows 2 and 3; its events count from 1.
    const secondCall = [2, 3];
    job = applyProgress(job, secondCall, { done: 1, total: 2, file: 'f/c.html', status: 'imported' });
    expect(job.rows.map((r) => r.status)).toEqual(['waiting', 'waiting', 'imported', 'waiting']);
    const untouched = job.rows[0];
    job = applyProgress(job, secondCall, { done: 2, total: 2, file: 'f/d.txt', status: 'error' });
    expect(job.rows[0]).toBe(untouched); // unchanged rows keep their identity
    expect(doneCount(job)).toBe(2);

    job = applyResults(job, secondCall, [result('f/c.html', 'imported', { nearDuplicateOf: 'orig', similarity: 0.8 }), result('f/d.txt', 'error')]);
    expect(job.rows[2]?.result?.nearDuplicateOf).toBe('orig');
    expect(job.rows[3]?.result?.error).toBe('f/d.txt: not text');
    // A late event never overwrites a final result.
    expect(applyProgress(job, secondCall, { done: 1, total: 2, file: 'f/c.html', status: 'error' })).toBe(job);
  });

  it('settles what never ran as cancelled, or as failed with the reason when the import broke off', () => {
    let job = startJob('b2', labels);
    job = applyResults(job, [0, 1], [result('f/a.txt', 'imported'), result('f/b.md', 'duplicate')]);
    const cancelled = settleWaiting(job, null);
    expect(cancelled.rows.map((r) => r.status)).toEqual(['imported', 'duplicate', 'cancelled', 'cancelled']);
    expect(jobResults(cancelled)).toHaveLength(4);
    expect(jobResults(cancelled)[2]).toMatchObject({ file: 'f/c.html', status: 'cancelled', error: null });

    const broken = settleWaiting(job, 'Cannot reach the Dossier host');
    expect(jobResults(broken)[3]).toMatchObject({ file: 'f/d.txt', status: 'error', error: 'Cannot reach the Dossier host' });
  });
});

describe('a path import (the Node side expands folders)', () => {
  it('creates rows as events arrive and takes the results as the whole list', () => {
    let job = startJob('b3', []);
    job = applyProgress(job, null, { done: 2, total: 3, file: '/data/x/b.txt', status: 'duplicate' });
    expect(totalCount(job)).toBe(3);
    expect(job.rows.map((r) => [r.label, r.status])).toEqual([
      ['', 'waiting'],
      ['/data/x/b.txt', 'duplicate'],
    ]);
    job = applyResults(job, null, [result('/data/x/a.txt', 'imported'), result('/data/x/b.txt', 'duplicate'), result('/data/x/c.txt', 'cancelled')]);
    expect(job.rows.map((r) => r.label)).toEqual(['/data/x/a.txt', '/data/x/b.txt', '/data/x/c.txt']);
    expect(doneCount(job)).toBe(3);
  });
});
