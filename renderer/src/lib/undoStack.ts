/**
 * The pure part of undo/redo: two stacks of entries and the rules for moving between them, kept
 * apart from React so they are tested directly. An entry's undo/redo are async (they call the API);
 * the stack runs one at a time and an entry that fails stays where it was, so a retry is possible
 * and nothing is silently lost.
 */
export interface UndoEntry {
  /** What the entry does, as a menu would say it: "Create highlight", "Delete highlight"... */
  label: string;
  undo(): Promise<void>;
  redo(): Promise<void>;
}

export interface UndoState {
  done: readonly UndoEntry[];
  undone: readonly UndoEntry[];
}

export const EMPTY_UNDO: UndoState = { done: [], undone: [] };

/** The most entries kept: older ones fall off the bottom of the undo stack. */
export const UNDO_LIMIT = 200;

/** A new action: it goes on the undo stack and clears the redo stack (a new branch of history). */
export function pushEntry(state: UndoState, entry: UndoEntry, limit = UNDO_LIMIT): UndoState {
  const done = [...state.done, entry];
  return { done: done.length > limit ? done.slice(done.length - limit) : done, undone: [] };
}

/** After `entry` (the top of `done`) was undone: it moves to the redo stack. */
export function afterUndo(state: UndoState, entry: UndoEntry): UndoState {
  if (state.done[state.done.length - 1] !== entry) return state;
  return { done: state.done.slice(0, -1), undone: [...state.undone, entry] };
}

/** After `entry` (the top of `undone`) was redone: it moves back to the undo stack. */
export function afterRedo(state: UndoState, entry: UndoEntry): UndoState {
  if (state.undone[state.undone.length - 1] !== entry) return state;
  return { done: [...state.done, entry], undone: state.undone.slice(0, -1) };
}

export function nextUndo(state: UndoState): UndoEntry | null {
  return state.done[state.done.length - 1] ?? null;
}

export function nextRedo(state: UndoState): UndoEntry | null {
  return state.undone[state.undone.length - 1] ?? null;
}

/** Which history key an event is: Mod+Z undo; Shift+Mod+Z or Ctrl+Y redo. */
export function historyKey(event: { key: string; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }, isMac: boolean): 'undo' | 'redo' | null {
  const mod = isMac ? event.metaKey : event.ctrlKey;
  if (!mod || event.altKey) return null;
  const key = event.key.toLowerCase();
  if (key === 'z') return event.shiftKey ? 'redo' : 'undo';
  if (key === 'y' && !event.shiftKey && !isMac) return 'redo';
  return null;
}
