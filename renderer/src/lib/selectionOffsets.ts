/**
 * Maps a DOM selection in the reader back to offsets into Article.text.
 *
 * The reader renders every line of text as a "piece": an element with `data-start` and `data-end`
 * whose only child is a text node holding exactly text.slice(start, end). A point inside that text
 * node maps to start + offset. A point between elements (a triple-click, a selection that starts at
 * a paragraph's edge) maps to the nearest piece after it in document order, or the end of the last
 * piece before it. Pure over a tiny DOM-like interface, so it is tested without a browser.
 */

/** The part of the DOM Node interface the mapping needs (a real Node satisfies it). */
export interface NodeLike {
  readonly nodeType: number;
  readonly parentNode: NodeLike | null;
  readonly childNodes: ArrayLike<NodeLike>;
  getAttribute?(name: string): string | null;
}

export interface TextRange {
  start: number;
  end: number;
}

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

export const PIECE_START = 'data-start';
export const PIECE_END = 'data-end';

function pieceRange(node: NodeLike): TextRange | null {
  if (node.nodeType !== ELEMENT_NODE || !node.getAttribute) return null;
  const start = node.getAttribute(PIECE_START);
  const end = node.getAttribute(PIECE_END);
  if (start === null || end === null) return null;
  const s = Number(start);
  const e = Number(end);
  return Number.isInteger(s) && Number.isInteger(e) && e >= s ? { start: s, end: e } : null;
}

function isInside(root: NodeLike, node: NodeLike): boolean {
  for (let n: NodeLike | null = node; n; n = n.parentNode) if (n === root) return true;
  return false;
}

/** The piece containing `node` (itself or an ancestor up to `root`), if any. */
function enclosingPiece(root: NodeLike, node: NodeLike): TextRange | null {
  for (let n: NodeLike | null = node; n && n !== root; n = n.parentNode) {
    const range = pieceRange(n);
    if (range) return range;
  }
  return null;
}

/** The text offset of the boundary "before child `index` of `container`" (index may equal the child count). */
function boundaryOffset(root: NodeLike, container: NodeLike, index: number): number | null {
  // Held in an object: TypeScript does not track assignments made inside the closure.
  const found: { before: TextRange | null; after: TextRange | null; passed: boolean } = { before: null, after: null, passed: false };
  const visit = (node: NodeLike): void => {
    const piece = pieceRange(node);
    if (piece) {
      if (found.passed) found.after = piece;
      else found.before = piece;
      return;
    }
    const kids = node.childNodes;
    for (let i = 0; i < kids.length && !found.after; i++) {
      if (node === container && i === index) found.passed = true;
      visit(kids[i] as NodeLike);
    }
    if (node === container && index >= kids.length) found.passed = true;
  };
  visit(root);
  if (found.after) return found.after.start;
  return found.before ? found.before.end : null;
}

/**
 * The text offset of a DOM point (a selection's anchor or focus), or null when the point is outside
 * `root` or no text piece exists there.
 */
export function pointToOffset(root: NodeLike, node: NodeLike, offset: number): number | null {
  if (!isInside(root, node)) return null;
  const piece = enclosingPiece(root, node);
  if (piece) {
    const length = piece.end - piece.start;
    if (node.nodeType === TEXT_NODE) return piece.start + Math.max(0, Math.min(offset, length));
    // The piece element itself (or an element inside it): before its content, or after it.
    return offset <= 0 ? piece.start : piece.end;
  }
  if (node.nodeType === TEXT_NODE) {
    // Text outside any piece (should not happen in the reader): treat it as a boundary around it.
    const parent = node.parentNode;
    if (!parent) return null;
    const index = Array.prototype.indexOf.call(parent.childNodes, node) as number;
    return boundaryOffset(root, parent, offset > 0 ? index + 1 : index);
  }
  return boundaryOffset(root, node, offset);
}

/** The [start, end) range between a selection's anchor and focus, in either order; null when empty or outside. */
export function selectionToRange(
  root: NodeLike,
  anchorNode: NodeLike | null,
  anchorOffset: number,
  focusNode: NodeLike | null,
  focusOffset: number,
): TextRange | null {
  if (!anchorNode || !focusNode) return null;
  const a = pointToOffset(root, anchorNode, anchorOffset);
  const b = pointToOffset(root, focusNode, focusOffset);
  if (a === null || b === null || a === b) return null;
  return { start: Math.min(a, b), end: Math.max(a, b) };
}

/** Shrinks a range so it neither starts nor ends with whitespace; null when nothing but whitespace is left. */
export function trimRange(text: string, range: TextRange): TextRange | null {
  let { start, end } = range;
  start = Math.max(0, start);
  end = Math.min(text.length, end);
  while (start < end && /\s/.test(text.charAt(start))) start++;
  while (end > start && /\s/.test(text.charAt(end - 1))) end--;
  return end > start ? { start, end } : null;
}
