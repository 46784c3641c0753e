/**
 * Pasted clipboard content (`articles.paste`) enters the import pipeline as one input whose
 * parsing is the clipboard importer's (electron/importers/clipboard.ts): HTML or text in, a
 * ParsedDocument out; duplicates, near-duplicates and noise are then handled like any file's.
 */
import { parseClipboard, type ClipboardContent } from '../importers/clipboard';
import type { ParsedImportInput } from './import-articles';

/** The name a paste gets in results and as its source file name (the clipboard importer's own name for it). */
export const PASTED_LABEL = 'Pasted content';

export function pasteInput(content: ClipboardContent): ParsedImportInput {
  return { label: PASTED_LABEL, sourceName: PASTED_LABEL, parse: () => parseClipboard(content) };
}
