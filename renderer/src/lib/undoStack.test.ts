import { describe, expect, it } from 'vitest';
import { afterRedo, afterUndo, EMPTY_UNDO, historyKey, nextRedo, nextUndo, pushEntry, type UndoEntry } from './undoStack';

const entry = (label: string): UndoEntry => ({ label, undo: async () => {}, redo: async () => {} });

describe('undo stack', () => {
  it('undoes the newest action first and redoes it back', () => {
    const a = entry('a');
    const b = entry('b');
    let s = pushEntry(pushEntry(EMPTY_UNDO, a), b);
    expect(nextUndo(s)).toBe(b);
    s = afterUndo(s, b);
    expect(nextUndo(s)).toBe(a);
    expect(nextRedo(s)).toBe(b);
    s = afterRedo(s, b);
    expect(nextUndo(s)).toBe(b);
    expect(nextRedo(s)).toBeNull();
  });

  it('a new action after an undo clears the redo stack', () => {
    const a = entry('a');
    let s = afterUndo(pushEntry(EMPTY_UNDO, a), a);
    expect(nextRedo(s)).toBe(a);
    s = pushEntry(s, entry('c'));
    expect(nextRedo(s)).toBeNull();
    expect(s.done.map((e) => e.label)).toEqual(['c']);
  });

  it('ignores a stale completion (the entry is no longer on top)', () => {
    const a = entry('a');
    const b = entry('b');
    const s = pushEntry(pushEntry(EMPTY_UNDO, a), b);
    expect(afterUndo(s, a)).toBe(s);
    expect(afterRedo(s, a)).toBe(s);
  });

  it('keeps at most the limit, dropping the oldest', () => {
    let s = EMPTY_UNDO;
    for (let i = 0; i < 5; i++) s = pushEntry(s, entry(String(i)), 3);
    expect(s.done.map((e) => e.label)).toEqual(['2', '3', '4']);
  });

  it('maps keys: Ctrl+Z, Shift+Ctrl+Z, Ctrl+Y; Cmd on a Mac', () => {
    const k = (key: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }>) => ({
      key,
      ctrlKey: false,
      metaKey: false,
      shiftKey: false,
      altKey: false,
      ...mods,
    });
    expect(historyKey(k('z', { ctrlKey: true }), false)).toBe('undo');
    expect(historyKey(k('Z', { ctrlKey: true, shiftKey: true }), false)).toBe('redo');
    expect(historyKey(k('y', { ctrlKey: true }), false)).toBe('redo');
    expect(historyKey(k('z', { metaKey: true }), false)).toBeNull();
    expect(historyKey(k('z', { metaKey: true }), true)).toBe('undo');
    expect(historyKey(k('z', {}), false)).toBeNull();
    expect(historyKey(k('z', { ctrlKey: true, altKey: true }), false)).toBeNull();
  });
});
