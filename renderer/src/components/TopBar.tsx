/** The top bar: which notebook is open, the notebook and import actions, and import progress. */
import { forwardRef } from 'react';
import type { LiveStatus } from '../api/transport';

interface Props {
  notebookName: string | null;
  notebookPath: string | null;
  articleCount: number;
  problemCount: number;
  /** An import is running (its progress is shown in the import panel below the bar). */
  importing: boolean;
  inspectorOpen: boolean;
  live: LiveStatus;
  mod: string;
  onOpen(): void;
  onCreate(): void;
  onImport(): void;
  onImportFolder(): void;
  onPaste(): void;
  onToggleInspector(): void;
  onShowProblems(): void;
}

export const TopBar = forwardRef<HTMLElement, Props>(function TopBar(props, ref) {
  const { notebookName, notebookPath, importing, mod } = props;
  return (
    <header ref={ref} className="topbar" data-pane="toolbar">
      <div className="topbar-title">
        <span className="app-name">Dossier</span>
        <span className="notebook-name" data-testid="notebook-name" title={notebookPath ?? undefined}>
          {notebookName ?? 'No notebook open'}
        </span>
        {notebookName !== null ? (
          <span className="muted article-count">
            {props.articleCount.toLocaleString()} {props.articleCount === 1 ? 'article' : 'articles'}
          </span>
        ) : null}
      </div>
      <div className="topbar-actions">
        {props.live === 'reconnecting' ? (
          <span className="live-status" title="Updates from the host are paused; the page reconnects by itself">
            Reconnecting…
          </span>
        ) : null}
        {props.problemCount > 0 ? (
          <button type="button" className="button warning" onClick={props.onShowProblems} title="Files in this notebook that could not be read">
            {props.problemCount === 1 ? '1 problem' : `${props.problemCount} problems`}
          </button>
        ) : null}
        <button type="button" className="button" onClick={props.onOpen} title={`Open a notebook folder (${mod}+O)`}>
          Open notebook…
        </button>
        <button type="button" className="button" onClick={props.onCreate} title="Create a notebook in a new or empty folder">
          New notebook…
        </button>
        <button
          type="button"
          className="button primary"
          onClick={props.onImport}
          disabled={notebookName === null || importing}
          title={
            notebookName === null
              ? 'Open or create a notebook first'
              : `Import text, Markdown, HTML, MHTML, PDF and Word files (${mod}+I), or drop files and folders on the window`
          }
        >
          Import files…
        </button>
        <button
          type="button"
          className="button"
          onClick={props.onImportFolder}
          disabled={notebookName === null || importing}
          title={notebookName === null ? 'Open or create a notebook first' : 'Import every readable file in a folder and its subfolders'}
        >
          Import folder…
        </button>
        <button
          type="button"
          className="button"
          onClick={props.onPaste}
          disabled={notebookName === null || importing}
          title={notebookName === null ? 'Open or create a notebook first' : `Import what is on the clipboard as an article (or press ${mod}+V in the window)`}
        >
          Paste as article
        </button>
        <button
          type="button"
          className="button icon"
          aria-pressed={props.inspectorOpen}
          onClick={props.onToggleInspector}
          title={`Show or hide the inspector (${mod}+\\)`}
        >
          Inspector
        </button>
      </div>
    </header>
  );
});
