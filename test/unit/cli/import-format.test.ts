import { describe, expect, it } from 'vitest';
import type { ImportResult } from '../../../shared/api/contract';
import { formatImportResults } from '../../../electron/cli/commands';

const base = { articleId: null, title: null, error: null, nearDuplicateOf: null, similarity: null };

describe('dossier import: human output for issue 3', () => {
  it('shows near-duplicates with their original and similarity, and counts cancelled files', () => {
    const results: ImportResult[] = [
      { ...base, file: 'a.txt', status: 'imported', articleId: 'id-a', title: 'Seimas approves terminal' },
      { ...base, file: 'b.txt', status: 'imported', articleId: 'id-b', title: 'Seimas backs terminal', nearDuplicateOf: 'id-a', similarity: 0.82 },
      { ...base, file: 'c.txt', status: 'duplicate', articleId: 'id-a', title: 'Seimas approves terminal' },
      { ...base, file: 'd.txt', status: 'cancelled' },
    ];
    const out = formatImportResults(results);
    expect(out).toMatch(/imported +b\.txt +Seimas backs terminal {2}\(id-b\) \(near-duplicate of id-a, 0\.82\)\n/);
    expect(out).not.toMatch(/a\.txt.*near-duplicate/);
    expect(out).toMatch(/cancelled +d\.txt +not imported: the import was cancelled\n/);
    expect(out).toMatch(/\n2 imported \(1 near-duplicate\), 1 duplicate, 0 failed, 1 cancelled\n$/);
  });

  it('keeps the short summary when there is nothing special', () => {
    const out = formatImportResults([{ ...base, file: 'a.txt', status: 'imported', articleId: 'id-a', title: 'T' }]);
    expect(out).toMatch(/\n1 imported, 0 duplicate, 0 failed\n$/);
  });
});
