/** Shown while files are dragged over the window. Purely visual: the window listens for the drop. */
export function DropOverlay({ canImport }: { canImport: boolean }) {
  return (
    <div className="drop-overlay" aria-hidden="true">
      <div className="drop-card">
        <div className="drop-title">Drop files or folders to import</div>
        <div className="drop-hint">
          {canImport ? 'Text, Markdown, HTML, MHTML, PDF and Word files; folders are read with their subfolders' : 'Open or create a notebook first'}
        </div>
      </div>
    </div>
  );
}
