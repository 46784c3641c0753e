/**
 * A brief's history: save a labelled snapshot, list snapshots (time, label, word count), compare one
 * with the brief as it is now (word-level diff), and restore one. Restoring first snapshots the
 * current version (on the Node side), so a restore can itself be undone from this list.
 */
import { Fragment, useCallback, useEffect, useRef, useState } from 'react';
import type { SnapshotMeta } from '../../../../shared/api/methods/briefs';
import type { DocNode } from '../../../../shared/brief/doc';
import type { Brief } from '../../../../shared/model/schemas';
import { useDossier } from '../../api/client';
import { briefPlainText } from '../../lib/briefClaims';
import { wordDiff, type WordDiff } from '../../lib/briefDiff';
import { formatDateTime } from '../../lib/format';
import { useUndo } from '../../lib/undo';

interface Props {
  briefId: string;
  /** Saves pending edits first, so a snapshot holds what the analyst sees. */
  flush(): Promise<void>;
  currentDoc(): DocNode | null;
  onRestored(brief: Brief): void;
  reportError(error: unknown, context?: string): void;
}

export function HistoryPanel({ briefId, flush, currentDoc, onRestored, reportError }: Props) {
  const api = useDossier();
  const [snapshots, setSnapshots] = useState<SnapshotMeta[] | null>(null);
  const [label, setLabel] = useState('');
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [comparison, setComparison] = useState<{ snapshot: SnapshotMeta; diff: WordDiff } | null>(null);
  const [status, setStatus] = useState('');
  const { push: pushUndo } = useUndo();
  // Undo entries outlive this panel (the user may switch tab or brief): they call the latest callbacks.
  const latest = useRef({ flush, onRestored });
  latest.current = { flush, onRestored };

  const load = useCallback(async () => {
    try {
      setSnapshots(await api.call('briefs.snapshots', { id: briefId }));
    } catch (error) {
      reportError(error, 'Could not load the brief’s history');
    }
  }, [api, briefId, reportError]);

  useEffect(() => {
    void load();
  }, [load]);

  const save = async (): Promise<void> => {
    setBusy(true);
    try {
      await flush();
      const meta = await api.call('briefs.snapshot', { id: briefId, ...(label.trim() ? { label: label.trim() } : {}) });
      setLabel('');
      setStatus(`Snapshot saved (${meta.wordCount} words).`);
      await load();
    } catch (error) {
      reportError(error, 'Could not save a snapshot');
    } finally {
      setBusy(false);
    }
  };

  const compare = async (snapshot: SnapshotMeta): Promise<void> => {
    try {
      await flush();
      const full = await api.call('briefs.getSnapshot', { id: briefId, snapshotId: snapshot.id });
      const diff = wordDiff(briefPlainText(full.doc as DocNode | null), briefPlainText(currentDoc()));
      setComparison({ snapshot, diff });
    } catch (error) {
      reportError(error, 'Could not compare with the snapshot');
    }
  };

  /** Restores a version through the API (the Node side saves the current one first); returns the brief. */
  const restoreVersion = useCallback(
    async (snapshotId: string): Promise<Brief> => {
      await latest.current.flush();
      const brief = await api.call('briefs.restoreSnapshot', { id: briefId, snapshotId });
      latest.current.onRestored(brief);
      return brief;
    },
    [api, briefId],
  );

  const restore = async (snapshot: SnapshotMeta): Promise<void> => {
    setConfirming(null);
    setBusy(true);
    const name = snapshot.label || formatDateTime(snapshot.createdAt);
    try {
      await restoreVersion(snapshot.id);
      setComparison(null);
      const list = await api.call('briefs.snapshots', { id: briefId });
      setSnapshots(list);
      setStatus(`Restored “${name}”. The version before it is in the history.`);
      // Newest first: the version the restore replaced, saved by the restore itself.
      const before = list[0];
      if (before && before.id !== snapshot.id) {
        pushUndo({
          label: `Restore “${name}”`,
          undo: async () => {
            await restoreVersion(before.id);
            await load();
          },
          redo: async () => {
            await restoreVersion(snapshot.id);
            await load();
          },
        });
      }
    } catch (error) {
      reportError(error, 'Could not restore the snapshot');
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="brief-panel history" aria-label="History">
      <form
        className="history-save"
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <input type="text" className="brief-filter" aria-label="Snapshot label" placeholder="Label (optional)" value={label} maxLength={200} onChange={(event) => setLabel(event.target.value)} />
        <button type="submit" className="button" disabled={busy}>
          Save snapshot
        </button>
      </form>
      <p role="status" className="muted small">
        {status}
      </p>
      {snapshots === null ? <p className="muted">Loading history…</p> : null}
      {snapshots?.length === 0 ? <p className="muted">No snapshots yet. Save one before a big change, to compare or go back later.</p> : null}
      <ul className="snapshot-list" aria-label="Snapshots">
        {(snapshots ?? []).map((s) => {
          const name = s.label || 'Snapshot';
          return (
            <li key={s.id} className="snapshot">
              <div>
                <span className="snapshot-label">{name}</span>
                <span className="muted small">
                  {' '}
                  {formatDateTime(s.createdAt)} · {s.wordCount} words
                </span>
              </div>
              {confirming === s.id ? (
                <div className="confirm" role="group" aria-label={`Confirm restoring ${name}`}>
                  <span className="small">Replace the brief with this version? The current one is saved first.</span>
                  <button type="button" className="button small warning" onClick={() => void restore(s)}>
                    Restore
                  </button>
                  <button type="button" className="button small" onClick={() => setConfirming(null)}>
                    Cancel
                  </button>
                </div>
              ) : (
                <div className="snapshot-actions">
                  <button type="button" className="button small" onClick={() => void compare(s)} aria-label={`Compare ${name} with now`}>
                    Compare
                  </button>
                  <button type="button" className="button small" disabled={busy} onClick={() => setConfirming(s.id)} aria-label={`Restore ${name}`}>
                    Restore
                  </button>
                </div>
              )}
            </li>
          );
        })}
      </ul>
      {comparison ? (
        <div className="comparison" role="region" aria-label="Comparison">
          <div className="comparison-head">
            <strong>
              “{comparison.snapshot.label || 'Snapshot'}” → now: {comparison.diff.added} words added, {comparison.diff.removed} removed
            </strong>
            <button type="button" className="button small" onClick={() => setComparison(null)}>
              Close
            </button>
          </div>
          <p className="diff">
            {comparison.diff.parts.length === 0 ? <span className="muted">Both are empty.</span> : null}
            {comparison.diff.parts.map((part, i) => {
              const prev = comparison.diff.parts[i - 1];
              // Runs are joined by a space, except at line breaks (kept by white-space: pre-wrap).
              const gap = prev && !prev.text.endsWith('\n') && !part.text.startsWith('\n') ? ' ' : '';
              const body = part.op === 'added' ? <ins>{part.text}</ins> : part.op === 'removed' ? <del>{part.text}</del> : <span>{part.text}</span>;
              return (
                <Fragment key={i}>
                  {gap}
                  {body}
                </Fragment>
              );
            })}
          </p>
        </div>
      ) : null}
    </section>
  );
}
