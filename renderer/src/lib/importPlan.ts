/**
 * Import bookkeeping, pure: how dropped files are grouped into calls, and how results are counted.
 */
import type { ImportResult } from '../../../shared/api/contract';

/** Base64 grows data by 4/3; keep each `articles.import` call's body well under typical limits. */
export const MAX_BATCH_BYTES = 12 * 1024 * 1024;
export const MAX_BATCH_FILES = 200;

/**
 * Groups file indices into batches of at most `maxBytes` (raw size) and `maxFiles` files, keeping
 * order. A single file larger than `maxBytes` gets a batch of its own rather than being refused here:
 * the importer on the Node side decides what is too large and says so.
 */
export function planBatches(sizes: readonly number[], maxBytes = MAX_BATCH_BYTES, maxFiles = MAX_BATCH_FILES): number[][] {
  const batches: number[][] = [];
  let current: number[] = [];
  let bytes = 0;
  sizes.forEach((size, index) => {
    if (current.length > 0 && (bytes + size > maxBytes || current.length >= maxFiles)) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(index);
    bytes += size;
  });
  if (current.length > 0) batches.push(current);
  return batches;
}

export interface ImportCounts {
  imported: number;
  duplicates: number;
  failed: number;
}

export function countResults(results: readonly ImportResult[]): ImportCounts {
  const counts: ImportCounts = { imported: 0, duplicates: 0, failed: 0 };
  for (const r of results) {
    if (r.status === 'imported') counts.imported++;
    else if (r.status === 'duplicate') counts.duplicates++;
    else counts.failed++;
  }
  return counts;
}

/** The article to open after an import: the first one imported, else the first duplicate's original. */
export function articleToSelect(results: readonly ImportResult[]): string | null {
  const imported = results.find((r) => r.status === 'imported' && r.articleId);
  if (imported?.articleId) return imported.articleId;
  return results.find((r) => r.status === 'duplicate' && r.articleId)?.articleId ?? null;
}

/** Files the importer understands, by extension; others are still sent and reported by the importer. */
export const IMPORT_ACCEPT = '.txt,.md,.markdown,text/plain,text/markdown';
