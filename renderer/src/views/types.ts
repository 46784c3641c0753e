/**
 * Workspace views: notebook-wide pages shown in the centre pane instead of the reader (claims,
 * sources, entities, timeline, briefs, search...). Each feature registers one in ./registry.ts;
 * the shell renders the tabs and hands every view the same context.
 */
import type { ReactNode } from 'react';
import type { NotebookInfo } from '../../../shared/api/contract';
import type { ArticleSummary } from '../../../shared/model/schemas';

/** A place in an article to reveal: the reader scrolls to it and marks it. */
export interface RevealTarget {
  start: number;
  end: number;
}

export interface ViewContext {
  notebook: NotebookInfo;
  articles: readonly ArticleSummary[];
  /** The article selected in the corpus list, if any. */
  selectedArticleId: string | null;
  /** Open an article in the reader (switching to it); with a range, scroll to those words and mark them. */
  openArticle(articleId: string, reveal?: RevealTarget): void;
  /** Switch to another workspace view by id ('reader' for the reader). */
  showView(id: string): void;
  reportError(error: unknown, context?: string): void;
  /** "Ctrl" or "Cmd", for shortcut hints. */
  mod: string;
}

export interface WorkspaceView {
  /** Stable id, used in tabs' ids and by showView. */
  id: string;
  /** The tab's label. */
  label: string;
  render(context: ViewContext): ReactNode;
}
