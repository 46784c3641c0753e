/**
 * Notebook memos: the list (create, rename, delete with confirmation) and the editor of the chosen one,
 * saved as you type like article notes. Titles and documents save through the same autosaver, so a
 * rename and typing never overwrite each other.
 */
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { Memo } from '../../../shared/api/methods/notes';
import type { RichText } from '../../../shared/model/schemas';
import { richTextToPlain } from '../../../shared/text/rich-text';
import { useDossier } from '../api/client';
import { statusText, useAutosave } from '../lib/autosave';
import { formatDateTime } from '../lib/format';
import { RichTextEditor } from './RichTextEditor';
import '../styles/notes.css';

interface Props {
  reportError(error: unknown, context?: string): void;
}

export function MemosView({ reportError }: Props) {
  const api = useDossier();
  const [memos, setMemos] = useState<Memo[] | null>(null);
  const [current, setCurrent] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  // Memos deleted here: their editors' last flush has nothing left to save to.
  const deleted = useRef(new Set<string>());

  const load = useCallback(async () => {
    try {
      const list = await api.call('memos.list', {});
      setMemos(list);
      setCurrent((c) => (c && list.some((m) => m.id === c) ? c : (list[list.length - 1]?.id ?? null)));
    } catch (error) {
      reportError(error, 'Could not load the memos');
    }
  }, [api, reportError]);
  useEffect(() => void load(), [load]);

  const create = async (): Promise<void> => {
    setBusy(true);
    try {
      const memo = await api.call('memos.create', {});
      setMemos((list) => [...(list ?? []), memo]);
      setCurrent(memo.id);
      setStatus(`Created ${memo.title}.`);
    } catch (error) {
      reportError(error, 'Could not create a memo');
    } finally {
      setBusy(false);
    }
  };

  const remove = async (id: string): Promise<void> => {
    setBusy(true);
    try {
      const title = memos?.find((m) => m.id === id)?.title ?? 'the memo';
      deleted.current.add(id);
      await api.call('memos.delete', { id });
      setConfirmDelete(null);
      setMemos((list) => (list ?? []).filter((m) => m.id !== id));
      setCurrent((c) => (c === id ? null : c));
      setStatus(`Deleted ${title}.`);
    } catch (error) {
      deleted.current.delete(id);
      reportError(error, 'Could not delete the memo');
    } finally {
      setBusy(false);
    }
  };

  // What is typed goes into the list's copy at once, so switching away and back shows it even while
  // its save is still running; a finished save only brings the new time (the typing may be newer).
  const onEdit = useCallback(
    (id: string, part: Draft) => setMemos((list) => (list ?? []).map((m) => (m.id === id ? { ...m, ...part } : m))),
    [],
  );
  const onSaved = useCallback(
    (memo: Memo) => setMemos((list) => (list ?? []).map((m) => (m.id === memo.id ? { ...m, updatedAt: memo.updatedAt } : m))),
    [],
  );

  const currentMemo = memos?.find((m) => m.id === current) ?? null;
  const deleting = memos?.find((m) => m.id === confirmDelete) ?? null;

  return (
    <div className="memos-view">
      <section className="memos-list-pane" aria-label="Memos">
        <div className="memos-list-head">
          <h2>Memos</h2>
          <button type="button" className="button small primary" disabled={busy} onClick={() => void create()}>
            New memo
          </button>
        </div>
        {memos === null ? (
          <p className="muted">Loading memos…</p>
        ) : memos.length === 0 ? (
          <p className="muted">No memos yet. A memo holds notebook-wide thinking: hypotheses, open questions, a to-do list. Choose “New memo”.</p>
        ) : (
          <ul className="memos-list" aria-label="Memo list">
            {memos.map((memo) => (
              <li key={memo.id}>
                <button
                  type="button"
                  className={`memo-item${memo.id === current ? ' current' : ''}`}
                  aria-current={memo.id === current ? 'true' : undefined}
                  onClick={() => setCurrent(memo.id)}
                >
                  <span className="memo-title">{memo.title.trim() || 'Untitled memo'}</span>
                  <span className="memo-meta">
                    {formatDateTime(memo.updatedAt)}
                    {memo.doc ? ` · ${excerpt(richTextToPlain(memo.doc))}` : ''}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        )}
        {deleting ? (
          <div className="memo-confirm" role="alertdialog" aria-label="Confirm delete">
            <p>
              Delete the memo “{deleting.title}”{deleting.doc ? ` (${wordCount(richTextToPlain(deleting.doc))} words)` : ''}? This cannot be undone.
            </p>
            <div className="memo-confirm-actions">
              <button type="button" className="button small warning" autoFocus disabled={busy} onClick={() => void remove(deleting.id)}>
                Delete memo
              </button>
              <button type="button" className="button small" onClick={() => setConfirmDelete(null)}>
                Cancel
              </button>
            </div>
          </div>
        ) : null}
        <p role="status" className="visually-hidden">
          {status}
        </p>
      </section>
      <section className="memo-editor-pane" aria-label="Memo">
        {currentMemo ? (
          <MemoEditor key={currentMemo.id} memo={currentMemo} onEdit={onEdit} onSaved={onSaved} wasDeleted={(id) => deleted.current.has(id)} onDelete={() => setConfirmDelete(currentMemo.id)} reportError={reportError} />
        ) : memos && memos.length > 0 ? (
          <p className="muted">Choose a memo on the left.</p>
        ) : null}
      </section>
    </div>
  );
}

interface Draft {
  title?: string;
  doc?: RichText;
}

function MemoEditor({
  memo,
  onEdit,
  onSaved,
  wasDeleted,
  onDelete,
  reportError,
}: {
  memo: Memo;
  onEdit(id: string, part: Draft): void;
  onSaved(memo: Memo): void;
  wasDeleted(id: string): boolean;
  onDelete(): void;
  reportError: Props['reportError'];
}) {
  const api = useDossier();
  const titleId = useId();
  // The editor's own state: the list's copy may lag behind what is typed here.
  const [title, setTitle] = useState(memo.title);
  const [doc, setDoc] = useState<RichText>(memo.doc);
  const [draft, setDraft] = useState<Draft>({});
  const { saver, status } = useAutosave<Draft>(
    async (value) => {
      if (wasDeleted(memo.id)) return;
      const saved = await api.call('memos.update', { id: memo.id, ...value });
      onSaved(saved);
    },
    (error) => reportError(error, 'Could not save the memo (your text is kept; it will be saved at the next change)'),
  );
  // Title and document changes accumulate into one pending update.
  const change = (part: Draft): void => {
    onEdit(memo.id, part);
    const next = { ...draft, ...part };
    setDraft(next);
    saver.change(next);
  };
  const flush = (): void => {
    if (saver.dirty) void saver.flush().catch(() => {});
  };

  return (
    <div className="memo-editor">
      <div className="memo-editor-head">
        <label htmlFor={titleId} className="visually-hidden">
          Memo title
        </label>
        <input
          id={titleId}
          className="memo-title-input"
          value={title}
          maxLength={300}
          placeholder="Untitled memo"
          onChange={(e) => {
            setTitle(e.target.value);
            change({ title: e.target.value });
          }}
          onBlur={flush}
        />
        <span role="status" className="save-status" data-status={status}>
          {statusText(status)}
        </span>
        <button type="button" className="button small warning" onClick={onDelete}>
          Delete memo
        </button>
      </div>
      <RichTextEditor
        value={doc}
        label={`Memo: ${title || 'Untitled memo'}`}
        placeholder="Write the memo…"
        className="memo-body"
        onChange={(next) => {
          setDoc(next);
          change({ doc: next });
        }}
        onBlur={flush}
      />
    </div>
  );
}

function excerpt(text: string, max = 60): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}
