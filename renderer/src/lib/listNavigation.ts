/**
 * Where the selection of a list moves for a key, as a pure function so the listbox behaviour
 * (Up/Down/Home/End/PageUp/PageDown) is tested without a browser.
 * Returns null when the key does not move the selection.
 */
export function nextIndex(key: string, current: number, count: number, pageSize: number): number | null {
  if (count <= 0) return null;
  const last = count - 1;
  const page = Math.max(1, pageSize);
  // With nothing selected yet, any movement key lands on the first (or last) row.
  if (current < 0 || current > last) {
    if (key === 'End') return last;
    return ['ArrowDown', 'ArrowUp', 'Home', 'PageDown', 'PageUp'].includes(key) ? 0 : null;
  }
  switch (key) {
    case 'ArrowDown':
      return Math.min(last, current + 1);
    case 'ArrowUp':
      return Math.max(0, current - 1);
    case 'Home':
      return 0;
    case 'End':
      return last;
    case 'PageDown':
      return Math.min(last, current + page);
    case 'PageUp':
      return Math.max(0, current - page);
    default:
      return null;
  }
}

/** The next pane for F6 (forward) or Shift+F6 (backward), skipping panes that are not shown. */
export function cyclePane<P extends string>(panes: readonly P[], current: P | null, backward: boolean): P | null {
  if (panes.length === 0) return null;
  const index = current === null ? -1 : panes.indexOf(current);
  if (index < 0) return (backward ? panes[panes.length - 1] : panes[0]) ?? null;
  const next = (index + (backward ? -1 : 1) + panes.length) % panes.length;
  return panes[next] ?? null;
}
