/**
 * Open or create a notebook. A modal <dialog> (focus is trapped and Escape closes it) with the
 * recent notebooks, a folder path field (the browser host cannot show a native folder picker), and
 * in the desktop app a "Choose folder…" button for the native dialog.
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { RecentNotebook } from '../../../shared/api/contract';
import { formatDateTime } from '../lib/format';

export type NotebookPurpose = 'open' | 'create';

interface Props {
  purpose: NotebookPurpose;
  recent: readonly RecentNotebook[];
  /** Present in the desktop app: asks for a folder with the native dialog (null when cancelled). */
  chooseFolder: (() => Promise<string | null>) | null;
  /** Opens or creates; rejects with an error whose message is shown in the dialog. */
  onSubmit(purpose: NotebookPurpose, path: string, name: string | null): Promise<void>;
  onClose(): void;
}

export function NotebookDialog({ purpose, recent, chooseFolder, onSubmit, onClose }: Props) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [path, setPath] = useState('');
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const titleId = useId();
  const pathId = useId();
  const nameId = useId();

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  const run = async (targetPath: string): Promise<void> => {
    const trimmed = targetPath.trim();
    if (trimmed === '') {
      setError('Enter the path of the notebook folder.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await onSubmit(purpose, trimmed, purpose === 'create' && name.trim() !== '' ? name.trim() : null);
      onClose();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setBusy(false);
    }
  };

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    void run(path);
  };

  const browse = async (): Promise<void> => {
    if (!chooseFolder) return;
    setError(null);
    try {
      const chosen = await chooseFolder();
      if (chosen) {
        setPath(chosen);
        // The native dialog already confirmed the choice: for opening, go straight on.
        if (purpose === 'open') await run(chosen);
      }
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  const title = purpose === 'open' ? 'Open a notebook' : 'Create a notebook';
  return (
    <dialog
      ref={dialogRef}
      className="dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        if (!busy) onClose();
      }}
    >
      <form onSubmit={submit} className="dialog-form">
        <h2 id={titleId}>{title}</h2>
        <p className="muted">
          {purpose === 'open'
            ? 'A notebook is a folder. Pick a recent one or give the path of its folder.'
            : 'Give the path of a new or empty folder; Dossier creates it if needed.'}
        </p>
        {purpose === 'open' && recent.length > 0 ? (
          <section className="recent" aria-label="Recent notebooks">
            <h3>Recent</h3>
            <ul>
              {recent.map((nb) => (
                <li key={nb.path}>
                  <button type="button" className="recent-item" disabled={busy} onClick={() => void run(nb.path)} title={nb.path}>
                    <span className="recent-name">{nb.name}</span>
                    <span className="recent-path">{nb.path}</span>
                    <span className="recent-date">{formatDateTime(nb.openedAt)}</span>
                  </button>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        <div className="field">
          <label htmlFor={pathId}>Notebook folder</label>
          <div className="field-row">
            <input
              id={pathId}
              type="text"
              value={path}
              autoFocus
              spellCheck={false}
              placeholder={purpose === 'open' ? '/home/me/notebooks/ukraine-energy' : '/home/me/notebooks/new-topic'}
              onChange={(event) => setPath(event.target.value)}
            />
            {chooseFolder ? (
              <button type="button" className="button" disabled={busy} onClick={() => void browse()}>
                Choose folder…
              </button>
            ) : null}
          </div>
        </div>
        {purpose === 'create' ? (
          <div className="field">
            <label htmlFor={nameId}>Name (optional)</label>
            <input id={nameId} type="text" value={name} placeholder="Defaults to the folder name" onChange={(event) => setName(event.target.value)} />
          </div>
        ) : null}
        {error ? (
          <p role="alert" className="form-error">
            {error}
          </p>
        ) : null}
        <div className="form-actions end">
          <button type="button" className="button" onClick={onClose} disabled={busy}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={busy}>
            {busy ? 'Working…' : purpose === 'open' ? 'Open' : 'Create'}
          </button>
        </div>
      </form>
    </dialog>
  );
}
