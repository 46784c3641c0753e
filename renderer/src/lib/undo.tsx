/**
 * Undo and redo through the session for every annotation action (and whatever else pushes onto it).
 * An entry is a pair of async functions that act on the stored records through the API; undoing
 * works on the records wherever they are (it opens nothing) and views refresh from the change events.
 *
 * Keys: Ctrl/Cmd+Z undoes, Shift+Ctrl/Cmd+Z (or Ctrl+Y) redoes, anywhere except inside a text field
 * or rich-text editor, which keep their own undo of typing. Entries run one at a time, in order;
 * one that fails stays on its stack and the error goes to the reporter App registers.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { afterRedo, afterUndo, EMPTY_UNDO, historyKey, nextRedo, nextUndo, pushEntry, type UndoEntry, type UndoState } from './undoStack';

export type { UndoEntry } from './undoStack';

export interface UndoApi {
  /** Records an action that has just been done. */
  push(entry: UndoEntry): void;
  undo(): Promise<void>;
  redo(): Promise<void>;
  canUndo: boolean;
  canRedo: boolean;
  /** Labels of the next undo/redo, for tooltips ("Undo Create highlight"). */
  undoLabel: string | null;
  redoLabel: string | null;
  /** Where failures go (App registers its notices); returns an unregister function. */
  setErrorReporter(report: (error: unknown, context: string) => void): () => void;
}

const UndoContext = createContext<UndoApi | null>(null);

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

function inTextEditor(target: EventTarget | null): boolean {
  const el = target instanceof Element ? target : null;
  return !!el && el.closest('input, textarea, select, [contenteditable="true"], [contenteditable=""]') !== null;
}

export function UndoProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<UndoState>(EMPTY_UNDO);
  // The stacks as the queued steps see them (React state lags a render behind).
  const stateRef = useRef<UndoState>(EMPTY_UNDO);
  const queue = useRef<Promise<void>>(Promise.resolve());
  const reporter = useRef<((error: unknown, context: string) => void) | null>(null);
  const [announcement, setAnnouncement] = useState('');

  const commit = useCallback((next: UndoState) => {
    stateRef.current = next;
    setState(next);
  }, []);

  const push = useCallback(
    (entry: UndoEntry) => {
      commit(pushEntry(stateRef.current, entry));
    },
    [commit],
  );

  const step = useCallback(
    (direction: 'undo' | 'redo'): Promise<void> => {
      const run = async (): Promise<void> => {
        const entry = direction === 'undo' ? nextUndo(stateRef.current) : nextRedo(stateRef.current);
        if (!entry) {
          setAnnouncement(direction === 'undo' ? 'Nothing to undo' : 'Nothing to redo');
          return;
        }
        try {
          await (direction === 'undo' ? entry.undo() : entry.redo());
          commit(direction === 'undo' ? afterUndo(stateRef.current, entry) : afterRedo(stateRef.current, entry));
          setAnnouncement(`${direction === 'undo' ? 'Undone' : 'Redone'}: ${entry.label}`);
        } catch (error) {
          const context = `Could not ${direction} “${entry.label}”`;
          if (reporter.current) reporter.current(error, context);
          else console.error(context, error);
        }
      };
      queue.current = queue.current.then(run);
      return queue.current;
    },
    [commit],
  );

  const undo = useCallback(() => step('undo'), [step]);
  const redo = useCallback(() => step('redo'), [step]);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.defaultPrevented || inTextEditor(event.target)) return;
      const which = historyKey(event, isMac);
      if (!which) return;
      event.preventDefault();
      void step(which);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [step]);

  const setErrorReporter = useCallback((report: (error: unknown, context: string) => void) => {
    reporter.current = report;
    return () => {
      if (reporter.current === report) reporter.current = null;
    };
  }, []);

  const api = useMemo<UndoApi>(
    () => ({
      push,
      undo,
      redo,
      canUndo: state.done.length > 0,
      canRedo: state.undone.length > 0,
      undoLabel: nextUndo(state)?.label ?? null,
      redoLabel: nextRedo(state)?.label ?? null,
      setErrorReporter,
    }),
    [push, undo, redo, state, setErrorReporter],
  );

  return (
    <UndoContext.Provider value={api}>
      {children}
      <div className="visually-hidden" role="status" aria-live="polite" data-testid="undo-status">
        {announcement}
      </div>
    </UndoContext.Provider>
  );
}

export function useUndo(): UndoApi {
  const api = useContext(UndoContext);
  if (!api) throw new Error('useUndo must be used inside <UndoProvider>.');
  return api;
}
