import { describe, expect, it } from 'vitest';
import { cyclePane, nextIndex } from './listNavigation';

describe('nextIndex', () => {
  it('moves by one, by a page, and to either end, clamped', () => {
    expect(nextIndex('ArrowDown', 3, 10, 4)).toBe(4);
    expect(nextIndex('ArrowUp', 3, 10, 4)).toBe(2);
    expect(nextIndex('ArrowUp', 0, 10, 4)).toBe(0);
    expect(nextIndex('ArrowDown', 9, 10, 4)).toBe(9);
    expect(nextIndex('PageDown', 3, 10, 4)).toBe(7);
    expect(nextIndex('PageDown', 8, 10, 4)).toBe(9);
    expect(nextIndex('PageUp', 3, 10, 4)).toBe(0);
    expect(nextIndex('Home', 7, 10, 4)).toBe(0);
    expect(nextIndex('End', 2, 10_000, 4)).toBe(9_999);
  });

  it('starts at the first (or last) row when nothing is selected', () => {
    expect(nextIndex('ArrowDown', -1, 10, 4)).toBe(0);
    expect(nextIndex('PageUp', -1, 10, 4)).toBe(0);
    expect(nextIndex('End', -1, 10, 4)).toBe(9);
  });

  it('ignores other keys and empty lists', () => {
    expect(nextIndex('a', 3, 10, 4)).toBeNull();
    expect(nextIndex('Enter', 3, 10, 4)).toBeNull();
    expect(nextIndex('ArrowDown', -1, 0, 4)).toBeNull();
  });
});

describe('cyclePane', () => {
  const panes = ['toolbar', 'list', 'reader', 'inspector'] as const;
  it('goes forward and backward with wrap-around', () => {
    expect(cyclePane(panes, 'list', false)).toBe('reader');
    expect(cyclePane(panes, 'inspector', false)).toBe('toolbar');
    expect(cyclePane(panes, 'toolbar', true)).toBe('inspector');
  });
  it('starts at an end when focus is outside every pane', () => {
    expect(cyclePane(panes, null, false)).toBe('toolbar');
    expect(cyclePane(['list', 'reader'], 'inspector' as 'list', true)).toBe('reader');
  });
});
