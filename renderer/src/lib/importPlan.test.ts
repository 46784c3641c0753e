import { describe, expect, it } from 'vitest';
import type { ImportResult } from '../../../shared/api/contract';
import { articleToSelect, countResults, describeFileStatus, failureLine, formatSimilarity, hasSupportedExtension, isHiddenPath, newBatchId, planBatches, summaryParts } from './importPlan';

const res = (file: string, status: ImportResult['status'], articleId: string | null = null, extra: Partial<ImportResult> = {}): ImportResult => ({
  file,
  status,
  articleId,
  title: null,
  error: status === 'error' ? `${file}: unreadable` : null,
  nearDuplicateOf: null,
  similarity: null,
  ...extra,
});

describe('planBatches', () => {
  it('groups files in order under the byte and file limits', () => {
    expect(planBatches([4, 4, 4, 4, 4], 10, 100)).toEqual([[0, 1], [2, 3], [4]]);
    expect(planBatches([1, 1, 1, 1, 1], 100, 2)).toEqual([[0, 1], [2, 3], [4]]);
    expect(planBatches([])).toEqual([]);
  });
  it('gives an oversized file a batch of its own instead of dropping it', () => {
    expect(planBatches([3, 50, 3], 10, 100)).toEqual([[0], [1], [2]]);
  });
});

describe('results', () => {
  const results = [res('a.txt', 'duplicate', 'x1'), res('b.png', 'error'), res('c.txt', 'imported', 'n1'), res('d.md', 'imported', 'n2')];
  it('counts imported, duplicates and failed', () => {
    expect(countResults(results)).toEqual({ imported: 2, duplicates: 1, nearDuplicates: 0, failed: 1, cancelled: 0 });
  });
  it('counts a near-duplicate apart from plain imports, and cancelled files apart from failures', () => {
    const mixed = [...results, res('e.txt', 'imported', 'n3', { nearDuplicateOf: 'n1', similarity: 0.82 }), res('f.txt', 'cancelled')];
    const counts = countResults(mixed);
    expect(counts).toEqual({ imported: 2, duplicates: 1, nearDuplicates: 1, failed: 1, cancelled: 1 });
    expect(counts.imported + counts.duplicates + counts.nearDuplicates + counts.failed + counts.cancelled).toBe(mixed.length);
  });
  it('builds the summary line, adding Cancelled and Skipped only when there are any', () => {
    const line = (parts: ReturnType<typeof summaryParts>) => parts.map((p) => `${p.label} ${p.count}`).join(', ');
    expect(line(summaryParts(countResults(results)))).toBe('Imported 2, Duplicates 1, Near-duplicates 0, Failed 1');
    expect(line(summaryParts({ imported: 1, duplicates: 0, nearDuplicates: 0, failed: 0, cancelled: 3 }, 2))).toBe(
      'Imported 1, Duplicates 0, Near-duplicates 0, Failed 0, Cancelled 3, Skipped 2',
    );
    expect(summaryParts(countResults(results)).find((p) => p.label === 'Failed')?.tone).toBe('bad');
  });
  it('selects the first imported article, else the first duplicate', () => {
    expect(articleToSelect(results)).toBe('n1');
    expect(articleToSelect([res('a', 'error'), res('b', 'duplicate', 'x9')])).toBe('x9');
    expect(articleToSelect([res('a', 'error')])).toBeNull();
  });
});

describe('describeFileStatus', () => {
  const titles: Record<string, string> = { orig: 'Nausėda meets the delegation' };
  const titleOf = (id: string) => titles[id] ?? null;
  it('names the original and the similarity of a near-duplicate', () => {
    const r = res('copy.txt', 'imported', 'n9', { nearDuplicateOf: 'orig', similarity: 0.823 });
    expect(describeFileStatus('imported', r, titleOf)).toEqual({ status: 'near-duplicate', icon: '≈', text: 'near-duplicate of “Nausėda meets the delegation” (82 %)' });
    expect(describeFileStatus('imported', res('c', 'imported', 'n9', { nearDuplicateOf: 'gone', similarity: null }), titleOf).text).toBe('near-duplicate of another article');
  });
  it('says imported, duplicate of, failed with the reason, cancelled and waiting', () => {
    expect(describeFileStatus('imported', res('a', 'imported', 'x'), titleOf).text).toBe('imported');
    expect(describeFileStatus('duplicate', res('a', 'duplicate', 'orig'), titleOf).text).toBe('duplicate of “Nausėda meets the delegation”');
    expect(describeFileStatus('error', res('scan.txt', 'error'), titleOf).text).toBe('failed: scan.txt: unreadable');
    expect(describeFileStatus('cancelled', null, titleOf).text).toBe('cancelled');
    expect(describeFileStatus('waiting', null, titleOf).text).toBe('waiting');
  });
});

describe('formats and ids', () => {
  it('formats similarity as whole percent, never rounding a near-duplicate up to 100', () => {
    expect(formatSimilarity(0.823)).toBe('82 %');
    expect(formatSimilarity(0.998)).toBe('99 %');
    expect(formatSimilarity(1)).toBe('100 %');
    expect(formatSimilarity(null)).toBe('');
  });
  it('knows the supported extensions and hidden paths', () => {
    for (const name of ['a.txt', 'B.MD', 'page.htm', 'saved.mhtml', 'scan.pdf', 'memo.docx']) expect(hasSupportedExtension(name), name).toBe(true);
    for (const name of ['photo.jpg', 'txt', '.txt', 'archive.zip']) expect(hasSupportedExtension(name), name).toBe(false);
    expect(isHiddenPath('batch/.DS_Store')).toBe(true);
    expect(isHiddenPath('batch/.git/HEAD')).toBe(true);
    expect(isHiddenPath('batch/sub/story.txt')).toBe(false);
  });
  it('makes distinct batch ids', () => {
    let n = 0;
    const ids = new Set(Array.from({ length: 50 }, () => newBatchId(() => (n++ * 0.0197) % 1, () => 1700000000000)));
    expect(ids.size).toBe(50);
    expect(newBatchId()).toMatch(/^batch-[0-9a-z]+-[0-9a-z]+$/);
  });
});

describe('failureLine', () => {
  it('names the file once, with its folder path, whatever the message starts with', () => {
    expect(failureLine('scan.txt', 'scan.txt: the file is binary')).toEqual({ path: null, message: 'scan.txt: the file is binary' });
    expect(failureLine('batch/sub/scan.txt', 'scan.txt: the file is binary')).toEqual({ path: 'batch/sub/scan.txt', message: 'the file is binary' });
    expect(failureLine('a.pdf', 'no text layer')).toEqual({ path: 'a.pdf', message: 'no text layer' });
    expect(failureLine('a.pdf', null)).toEqual({ path: 'a.pdf', message: 'no reason given' });
  });
});
