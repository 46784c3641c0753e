/**
 * A DOM subtree → readable plain text with its paragraphs: block elements become blank-line
 * separated paragraphs, `<br>` a newline, list items "- " (or "1. ") lines, table rows lines of
 * " | " separated cells, `<pre>` verbatim. Scripts, styles, embedded objects, form controls and
 * hidden elements contribute nothing, so no markup or code survives into the stored text.
 *
 * The walk is iterative (firstChild / nextSibling / an explicit stack): a page of 100,000 nested
 * `<div>`s is read like any other instead of overflowing the call stack.
 */
import { type DomElement, type DomNode, CDATA_SECTION_NODE, ELEMENT_NODE, TEXT_NODE } from './html-dom';

/** Elements whose content is never text for a reader. */
const SKIPPED = new Set([
  'script', 'style', 'noscript', 'template', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet',
  'svg', 'math', 'canvas', 'video', 'audio', 'source', 'track', 'img', 'picture', 'map', 'area',
  'head', 'title', 'meta', 'link', 'base',
  'input', 'button', 'select', 'option', 'optgroup', 'datalist', 'textarea', 'output', 'progress', 'meter',
  'rp',
]);

/** Elements that start and end a paragraph. */
const BLOCKS = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'center', 'dd', 'details', 'dialog', 'dir', 'div',
  'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'header', 'hgroup', 'hr', 'html', 'legend', 'main', 'menu', 'nav', 'p', 'pre', 'section', 'summary',
  'table', 'caption', 'listing', 'plaintext', 'xmp', 'search',
]);

const LISTS = new Set(['ul', 'ol', 'menu', 'dir']);

export interface HtmlToTextOptions {
  /** Extra elements to leave out (e.g. `nav` when reading a whole page body). */
  skip?: (element: DomElement) => boolean;
}

const HIDDEN_STYLE_RE = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\b/i;

function isHidden(element: DomElement): boolean {
  if (element.hasAttribute('hidden')) return true;
  const style = element.getAttribute('style');
  return style !== null && HIDDEN_STYLE_RE.test(style);
}

interface Frame {
  element: DomElement;
  name: string;
  /** For ol/ul: the next item number (ol) or 0 (ul). */
  counter?: number;
  /** For tr: cells seen so far. */
  cells?: number;
}

/**
 * Whitespace that HTML collapses; NBSP becomes a plain space too, so "71&nbsp;votes" is found by a
 * search for "71 votes". Soft hyphens and zero-width spaces are invisible and only split words.
 */
const COLLAPSIBLE_RE = /[ \t\n\r\f\u00a0]+/g;
const INVISIBLE_RE = /[\u00ad\u200b\ufeff]/g;

export function htmlToText(root: DomNode, options: HtmlToTextOptions = {}): string {
  const out: string[] = [];
  let written = false; // anything written yet
  let pendingBreaks = 0; // newlines owed before the next text (0-2)
  let pendingSpace = false;
  let pendingPrefix = ''; // a list marker owed before the next text
  let preDepth = 0;
  let itemDepth = 0; // open <li>s
  let cellDepth = 0; // open <td>/<th>s
  const stack: Frame[] = [];

  const requestBreak = (n: number): void => {
    if (cellDepth > 0) {
      pendingSpace = true; // a row stays one line
      return;
    }
    // Paragraphs inside a list item are lines of that item, not blank-line separated blocks.
    const level = itemDepth > 0 ? Math.min(n, 1) : n;
    if (level > pendingBreaks) pendingBreaks = level;
  };

  const write = (text: string): void => {
    if (text === '') return;
    if (written && pendingBreaks > 0) out.push(pendingBreaks >= 2 ? '\n\n' : '\n');
    else if (written && pendingSpace && pendingPrefix === '') out.push(' ');
    if (pendingBreaks > 0 || !written) {
      if (pendingPrefix) out.push(pendingPrefix);
    } else if (pendingPrefix) {
      // A list marker always starts its own line.
      out.push('\n', pendingPrefix);
    }
    pendingPrefix = '';
    pendingBreaks = 0;
    pendingSpace = false;
    out.push(text);
    written = true;
  };

  const writeText = (raw: string): void => {
    const data = raw.replace(INVISIBLE_RE, '');
    if (preDepth > 0) {
      // Preformatted text keeps its spaces and lines; its lines are emitted one by one so a
      // pending list marker or break still lands in front of the first.
      const lines = data.split(/\r\n?|\n/);
      lines.forEach((line, i) => {
        if (i > 0) {
          if (written) out.push('\n');
          pendingBreaks = 0;
        }
        if (line !== '') write(line);
      });
      return;
    }
    const collapsed = data.replace(COLLAPSIBLE_RE, ' ');
    if (collapsed === ' ' || collapsed === '') {
      if (collapsed === ' ') pendingSpace = true;
      return;
    }
    if (collapsed.startsWith(' ')) pendingSpace = true;
    const trailing = collapsed.endsWith(' ');
    write(collapsed.trim());
    if (trailing) pendingSpace = true;
  };

  const nearestList = (): Frame | undefined => {
    for (let i = stack.length - 1; i >= 0; i--) if (LISTS.has(stack[i]!.name)) return stack[i];
    return undefined;
  };
  const listLevel = (): number => stack.reduce((n, f) => (LISTS.has(f.name) ? n + 1 : n), 0);

  /** Opens an element; returns false when its content is to be skipped. */
  const enter = (element: DomElement): boolean => {
    const name = element.localName.toLowerCase();
    if (SKIPPED.has(name) || isHidden(element) || options.skip?.(element)) return false;
    const frame: Frame = { element, name };
    if (name === 'br') {
      if (cellDepth > 0) pendingSpace = true;
      else if (written) pendingBreaks = Math.min(pendingBreaks + 1, 2);
      return false;
    }
    if (name === 'wbr') return false;
    if (BLOCKS.has(name)) requestBreak(2);
    if (name === 'pre' || name === 'listing' || name === 'xmp' || name === 'plaintext') preDepth++;
    if (LISTS.has(name)) {
      requestBreak(itemDepth > 0 ? 1 : 2);
      const start = Number.parseInt(element.getAttribute('start') ?? '', 10);
      frame.counter = name === 'ol' ? (Number.isFinite(start) ? start : 1) : 0;
    } else if (name === 'li') {
      requestBreak(1);
      const list = nearestList();
      const level = Math.max(listLevel(), 1);
      let marker = '- ';
      if (list && list.name === 'ol') {
        const value = Number.parseInt(element.getAttribute('value') ?? '', 10);
        if (Number.isFinite(value)) list.counter = value;
        marker = `${list.counter ?? 1}. `;
        list.counter = (list.counter ?? 1) + 1;
      }
      pendingPrefix = '  '.repeat(level - 1) + marker;
      itemDepth++;
    } else if (name === 'tr') {
      requestBreak(1);
      frame.cells = 0;
    } else if (name === 'td' || name === 'th') {
      const row = stack.findLast((f) => f.name === 'tr');
      if (row && (row.cells ?? 0) > 0 && written && pendingBreaks === 0) {
        // A separator only between cells that both have text: written lazily with the next text.
        pendingSpace = false;
        out.push(' | ');
        pendingSpace = false;
      }
      if (row) row.cells = (row.cells ?? 0) + 1;
      cellDepth++;
    } else if (name === 'thead' || name === 'tbody' || name === 'tfoot') {
      requestBreak(1);
    } else if (name === 'dt' || name === 'dd') {
      requestBreak(1);
    }
    stack.push(frame);
    return true;
  };

  const leave = (frame: Frame): void => {
    const name = frame.name;
    if (name === 'li') {
      itemDepth--;
      pendingPrefix = ''; // an empty item leaves no marker behind
      requestBreak(1);
    } else if (name === 'td' || name === 'th') {
      cellDepth--;
    } else if (name === 'tr' || name === 'dt' || name === 'dd') {
      requestBreak(1);
    }
    if (name === 'pre' || name === 'listing' || name === 'xmp' || name === 'plaintext') preDepth--;
    if (BLOCKS.has(name) || LISTS.has(name)) requestBreak(itemDepth > 0 && LISTS.has(name) ? 1 : 2);
  };

  // The walk: descend into an element's children after entering it; leave it when its last
  // child is done. The stack holds the open elements, so nothing here recurses.
  let node: DomNode | null = root.firstChild;
  const rootDepth = stack.length;
  while (node) {
    let descended = false;
    if (node.nodeType === ELEMENT_NODE) {
      const element = node as DomElement;
      if (enter(element)) {
        if (element.firstChild) {
          node = element.firstChild;
          descended = true;
        } else {
          leave(stack.pop()!);
        }
      }
    } else if (node.nodeType === TEXT_NODE || node.nodeType === CDATA_SECTION_NODE) {
      writeText(node.textContent ?? '');
    }
    if (descended) continue;
    // Climb out of finished elements until one has a next sibling.
    while (node && !node.nextSibling) {
      node = node.parentNode;
      if (!node || node === root || stack.length === rootDepth) {
        node = null;
        break;
      }
      leave(stack.pop()!);
    }
    node = node ? node.nextSibling : null;
  }
  while (stack.length > rootDepth) leave(stack.pop()!);
  return out.join('').replace(/[ \t]+$/gm, '');
}
