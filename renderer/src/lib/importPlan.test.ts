import { describe, expect, it } from 'vitest';
import type { ImportResult } from '../../../shared/api/contract';
import { articleToSelect, countResults, planBatches } from './importPlan';

const res = (file: string, status: ImportResult['status'], articleId: string | null = null): ImportResult => ({
  file,
  status,
  articleId,
  title: null,
  error: status === 'error' ? `${file}: unreadable` : null,
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
    expect(countResults(results)).toEqual({ imported: 2, duplicates: 1, failed: 1 });
  });
  it('selects the first imported article, else the first duplicate', () => {
    expect(articleToSelect(results)).toBe('n1');
    expect(articleToSelect([res('a', 'error'), res('b', 'duplicate', 'x9')])).toBe('x9');
    expect(articleToSelect([res('a', 'error')])).toBeNull();
  });
});
