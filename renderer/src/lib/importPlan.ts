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
  /** Stored as new articles that are not near-duplicates. */
  imported: number;
  duplicates: number;
  /** Stored, and linked to the article they nearly duplicate. */
  nearDuplicates: number;
  failed: number;
  cancelled: number;
}

/** Counts results; the counts partition them, so they add up to the number of files. */
export function countResults(results: readonly ImportResult[]): ImportCounts {
  const counts: ImportCounts = { imported: 0, duplicates: 0, nearDuplicates: 0, failed: 0, cancelled: 0 };
  for (const r of results) {
    if (r.status === 'imported') {
      if (r.nearDuplicateOf) counts.nearDuplicates++;
      else counts.imported++;
    } else if (r.status === 'duplicate') counts.duplicates++;
    else if (r.status === 'cancelled') counts.cancelled++;
    else counts.failed++;
  }
  return counts;
}

/** "Imported 3, Duplicates 1, Near-duplicates 1, Failed 1" (+ Cancelled / Skipped when there are any). */
export function summaryParts(counts: ImportCounts, skipped = 0): Array<{ label: string; count: number; tone: 'ok' | 'bad' | 'plain' }> {
  const parts: Array<{ label: string; count: number; tone: 'ok' | 'bad' | 'plain' }> = [
    { label: 'Imported', count: counts.imported, tone: 'ok' },
    { label: 'Duplicates', count: counts.duplicates, tone: 'plain' },
    { label: 'Near-duplicates', count: counts.nearDuplicates, tone: 'plain' },
    { label: 'Failed', count: counts.failed, tone: counts.failed > 0 ? 'bad' : 'plain' },
  ];
  if (counts.cancelled > 0) parts.push({ label: 'Cancelled', count: counts.cancelled, tone: 'plain' });
  if (skipped > 0) parts.push({ label: 'Skipped', count: skipped, tone: 'plain' });
  return parts;
}

/** The article to open after an import: the first one imported, else the first duplicate's original. */
export function articleToSelect(results: readonly ImportResult[]): string | null {
  const imported = results.find((r) => r.status === 'imported' && r.articleId);
  if (imported?.articleId) return imported.articleId;
  return results.find((r) => r.status === 'duplicate' && r.articleId)?.articleId ?? null;
}

/** "82 %" for a similarity of 0.823 (never 100 % for a near-duplicate that is not identical). */
export function formatSimilarity(similarity: number | null | undefined): string {
  if (similarity === null || similarity === undefined || !Number.isFinite(similarity)) return '';
  const percent = similarity >= 1 ? 100 : Math.min(99, Math.round(similarity * 100));
  return `${percent} %`;
}

/** Where one file of a running or finished batch stands. */
export type FileStatus = 'waiting' | ImportResult['status'];

export interface FileStatusView {
  status: FileStatus | 'near-duplicate';
  icon: string;
  text: string;
}

/**
 * The status line of one file: "imported", "duplicate of “T”", "near-duplicate of “T” (82 %)",
 * "failed: reason", "cancelled", or "waiting". `titleOf` names articles by id (null when unknown).
 */
export function describeFileStatus(
  status: FileStatus,
  result: ImportResult | null,
  titleOf: (id: string) => string | null,
): FileStatusView {
  switch (status) {
    case 'waiting':
      return { status, icon: '…', text: 'waiting' };
    case 'cancelled':
      return { status, icon: '–', text: 'cancelled' };
    case 'error':
      return { status, icon: '✗', text: `failed: ${result?.error ?? 'no reason given'}` };
    case 'duplicate': {
      const title = result?.title ?? (result?.articleId ? titleOf(result.articleId) : null);
      return { status, icon: '=', text: title ? `duplicate of “${title}”` : 'duplicate' };
    }
    case 'imported': {
      const original = result?.nearDuplicateOf ?? null;
      if (!original) return { status, icon: '✓', text: 'imported' };
      const title = titleOf(original);
      const similarity = formatSimilarity(result?.similarity);
      return {
        status: 'near-duplicate',
        icon: '≈',
        text: `near-duplicate of ${title ? `“${title}”` : 'another article'}${similarity ? ` (${similarity})` : ''}`,
      };
    }
  }
}

/** Extensions Dossier's importers read (kept in step with electron/importers/registry.ts). */
export const SUPPORTED_EXTENSIONS: readonly string[] = [
  '.txt',
  '.text',
  '.md',
  '.markdown',
  '.mdown',
  '.mkd',
  '.html',
  '.htm',
  '.mhtml',
  '.mht',
  '.pdf',
  '.docx',
];

/** Files the importer understands, for the file picker; others are still sent and reported by the importer. */
export const IMPORT_ACCEPT = '.txt,.md,.markdown,.html,.htm,.mhtml,.mht,.pdf,.docx';

export function hasSupportedExtension(name: string): boolean {
  const lower = name.toLowerCase();
  return SUPPORTED_EXTENSIONS.some((ext) => lower.endsWith(ext) && lower.length > ext.length);
}

/** A path with a hidden segment (".git/x", "notes/.DS_Store"): never imported from a folder. */
export function isHiddenPath(path: string): boolean {
  return path.split(/[\\/]/).some((segment) => segment.startsWith('.') && segment !== '.' && segment !== '..');
}

export interface FolderSelection<F> {
  files: Array<{ file: F; path: string }>;
  skippedHidden: number;
  skippedUnsupported: number;
}

/**
 * Which files found inside a folder to import: hidden files (or files in hidden folders) and files
 * of formats Dossier cannot read are skipped and counted, so the summary can say so. Sorted by
 * path, the order the Node side walks a folder in.
 */
export function selectFolderFiles<F>(found: ReadonlyArray<{ file: F; path: string }>): FolderSelection<F> {
  const selection: FolderSelection<F> = { files: [], skippedHidden: 0, skippedUnsupported: 0 };
  for (const entry of found) {
    if (isHiddenPath(entry.path)) selection.skippedHidden++;
    else if (!hasSupportedExtension(entry.path)) selection.skippedUnsupported++;
    else selection.files.push(entry);
  }
  selection.files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return selection;
}

/** A fresh id naming one batch, so its progress events can be told apart and the batch cancelled. */
export function newBatchId(random: () => number = Math.random, now: () => number = Date.now): string {
  return `batch-${now().toString(36)}-${Math.floor(random() * 0x100000000).toString(36)}`;
}

/**
 * How to show one failure: importer messages usually start with the file's base name already
 * ("scan.txt: the file is binary"); show the full path once, then the reason, never the name twice.
 */
export function failureLine(file: string, error: string | null): { path: string | null; message: string } {
  const reason = error ?? 'no reason given';
  if (reason.startsWith(file)) return { path: null, message: reason };
  const base = file.split(/[\\/]/).pop() ?? file;
  if (reason.startsWith(`${base}: `)) return { path: file, message: reason.slice(base.length + 2) };
  if (reason.includes(file)) return { path: null, message: reason };
  return { path: file, message: reason };
}
