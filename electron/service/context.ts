/**
 * What every group of notebook handlers works with: the open store, the event sink, the clock, and
 * the services that live as long as the notebook is open.
 */
import type { DossierEvent, TargetInput } from '../../shared/api/contract';
import { DossierError } from '../../shared/api/result';
import type { Article, Selector } from '../../shared/model/schemas';
import { findFirstQuote, makeSelector } from '../../shared/text/selector';
import type { NotebookStore } from '../store/notebook-store';
import type { SearchService } from './search-service';

export interface ServiceContext {
  store: NotebookStore;
  emit: (event: DossierEvent) => void;
  now: () => Date;
  search: SearchService;
  /**
   * Prints self-contained HTML to PDF. The desktop app passes Electron's printToPDF; elsewhere it is
   * absent and the PDF exporter prints the same HTML with a headless Chromium.
   */
  printToPdf?: (html: string) => Promise<Uint8Array>;
}

/** Every id must name an existing tag; returns them without repeats. */
export async function requireTags(store: NotebookStore, ids: string[] | undefined): Promise<string[]> {
  if (!ids || ids.length === 0) return [];
  const known = new Set((await store.listTags()).map((t) => t.id));
  const missing = ids.filter((id) => !known.has(id));
  if (missing.length > 0) throw new DossierError('not-found', `No tag with id ${missing.join(', ')}.`);
  return [...new Set(ids)];
}

/** The selector of a new highlight or claim: a checked range, or the first occurrence of a quote. */
export function resolveTarget(article: Article, target: TargetInput): Selector {
  if ('quote' in target) {
    const range = findFirstQuote(article.text, target.quote);
    if (!range) {
      throw new DossierError('not-found', `The quote ${JSON.stringify(truncate(target.quote, 80))} does not occur in "${article.title}".`);
    }
    return makeSelector(article.text, range.start, range.end);
  }
  if (target.end <= target.start || target.end > article.text.length) {
    throw new DossierError(
      'invalid-input',
      `The range ${target.start}-${target.end} is not inside "${article.title}" (${article.text.length} characters).`,
    );
  }
  return makeSelector(article.text, target.start, target.end);
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
