/**
 * The small slice of the DOM the HTML importers use, typed here because the Node side compiles
 * without the DOM lib (linkedom's own types name `Window` and `Document`, which then resolve to
 * nothing). Parsing is linkedom's: a pure JavaScript DOM over htmlparser2 that never runs scripts,
 * never fires events (so `onload`/`onerror` attributes stay inert strings) and never loads
 * resources (no network, no file access) — the page stays data from start to finish.
 */
import { parseHTML } from 'linkedom';

export const ELEMENT_NODE = 1;
export const TEXT_NODE = 3;
export const CDATA_SECTION_NODE = 4;

export interface DomNode {
  readonly nodeType: number;
  readonly nodeName: string;
  readonly firstChild: DomNode | null;
  readonly nextSibling: DomNode | null;
  readonly parentNode: DomNode | null;
  readonly textContent: string | null;
}

export interface DomElement extends DomNode {
  readonly localName: string;
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
  getElementsByTagName(name: string): ArrayLike<DomElement>;
  remove(): void;
}

export interface DomDocument {
  readonly documentElement: DomElement | null;
  readonly head: DomElement | null;
  readonly body: DomElement | null;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
  getElementsByTagName(name: string): ArrayLike<DomElement>;
}

export function isElement(node: DomNode): node is DomElement {
  return node.nodeType === ELEMENT_NODE;
}

/** Elements that belong before <body>, skipped when looking for where a missing <body> starts. */
const HEAD_PREFIX_RE = /\s*(?:<!doctype[^>]*>|<html\b[^>]*>|<head\b[^>]*>|<\/head\s*>|<(title|style|script|noscript|template)\b[^>]*>[\s\S]*?<\/\1\s*>|<(?:meta|link|base)\b[^>]*>)/iy;

/**
 * linkedom builds the tree exactly as written: unlike a browser it does not supply a missing
 * <html> or <body>, and content outside them is left out of `document.body`. Saved pages, old
 * hand-written pages and clipboard fragments often lack one or both, so they are supplied here;
 * end tags of body and html are dropped so that content after a premature `</body>` stays inside.
 */
export function normaliseDocumentStructure(markup: string): string {
  let html = markup.replace(/<\/(?:body|html)\s*>/gi, '');
  const hasHtml = /<html[\s>]/i.test(html);
  const hasHead = /<head[\s>]/i.test(html);
  const hasBody = /<body[\s>]/i.test(html);
  if (hasHtml && hasHead && hasBody) return html;
  // Rebuild the frame, keeping the <html> tag's attributes (lang matters).
  const htmlTag = /<html\b[^>]*>/i.exec(html)?.[0] ?? '<html>';
  html = html.replace(/^\s*<!doctype[^>]*>/i, '').replace(/<html\b[^>]*>/i, '');
  if (!hasBody) {
    let at = 0;
    HEAD_PREFIX_RE.lastIndex = 0;
    while (HEAD_PREFIX_RE.exec(html)) at = HEAD_PREFIX_RE.lastIndex;
    html = `${html.slice(0, at)}<body>${html.slice(at)}`;
  }
  if (!hasHead) {
    const body = /<body[\s>]/i.exec(html)!.index;
    html = `<head>${html.slice(0, body)}</head>${html.slice(body)}`;
  }
  return htmlTag + html;
}

/** Parses markup into an inert document (see the file comment for why nothing in it can run). */
export function parseDocument(html: string): DomDocument {
  const { document } = parseHTML(normaliseDocumentStructure(html)) as unknown as { document: DomDocument };
  return document;
}

/**
 * Calls `visit` for `root` and every element under it in document order, iteratively. Returning
 * false from `visit` skips that element's descendants. One walk like this is much cheaper on
 * linkedom than a series of querySelectorAll calls, each of which compiles its selector and walks
 * the tree again. (Start from `documentElement`, not the document: linkedom does not link the
 * document's own children as siblings.)
 */
export function walkElements(root: DomElement, visit: (element: DomElement, ancestors: readonly DomElement[]) => boolean | void): void {
  if (visit(root, []) === false) return;
  const ancestors: DomElement[] = [root];
  let node: DomNode | null = root.firstChild;
  while (node) {
    if (node.nodeType === ELEMENT_NODE) {
      const element = node as DomElement;
      if (visit(element, ancestors) !== false && element.firstChild) {
        ancestors.push(element);
        node = element.firstChild;
        continue;
      }
    }
    while (node && !node.nextSibling) {
      node = node.parentNode;
      if (!node || node === root) {
        node = null;
        break;
      }
      ancestors.pop();
    }
    node = node ? node.nextSibling : null;
  }
}

// ---------------------------------------------------------------------------------------------
// Nesting depth, before parsing

/*
 * htmlparser2 (linkedom's tokenizer) keeps its open-element stack with Array.unshift, so parsing
 * costs depth² time: measured here, 20,000 nested <div>s take 0.3 s and 100,000 take 20 s. A
 * linear pre-scan that mirrors its tree-building rules (void elements, the open tags that close an
 * open <p>/<li>/<td>..., raw-text elements, self-closing tags only inside SVG/MathML) measures the
 * depth first, so a hostile page is refused at once instead of stalling the import.
 */
const VOID_ELEMENTS = new Set(['area', 'base', 'basefont', 'br', 'col', 'command', 'embed', 'frame', 'hr', 'img', 'input', 'isindex', 'keygen', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
const RAW_TEXT_ELEMENTS = new Set(['script', 'style', 'title', 'textarea', 'xmp', 'iframe', 'noembed', 'noframes']);
const FORM_TAGS = ['input', 'option', 'optgroup', 'select', 'button', 'datalist', 'textarea'];
const P_CLOSERS = ['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'address', 'article', 'aside', 'blockquote', 'details', 'div', 'dl', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'header', 'hr', 'main', 'nav', 'ol', 'pre', 'section', 'table', 'ul'];
const IMPLIES_CLOSE = new Map<string, Set<string>>([
  ['tr', new Set(['tr', 'th', 'td'])],
  ['th', new Set(['th'])],
  ['td', new Set(['thead', 'th', 'td'])],
  ['body', new Set(['head', 'link', 'script'])],
  ['li', new Set(['li'])],
  ['option', new Set(['option'])],
  ['optgroup', new Set(['optgroup', 'option'])],
  ['dd', new Set(['dd', 'dt'])],
  ['dt', new Set(['dd', 'dt'])],
  ['rt', new Set(['rt', 'rp'])],
  ['rp', new Set(['rt', 'rp'])],
  ['tbody', new Set(['thead', 'tbody'])],
  ['tfoot', new Set(['thead', 'tbody'])],
  ...FORM_TAGS.filter((t) => t !== 'option' && t !== 'optgroup').map((t) => [t, new Set(FORM_TAGS)] as [string, Set<string>]),
  ['output', new Set(FORM_TAGS)],
  ...P_CLOSERS.map((t) => [t, new Set(['p'])] as [string, Set<string>]),
]);

export interface TreeShape {
  /** Elements the markup opens (void ones included). */
  elements: number;
  /** The deepest nesting of elements. */
  maxDepth: number;
}

/**
 * The element count and deepest nesting the markup will produce; the scan stops as soon as the
 * depth passes `depthLimit`. Linear in the length of the markup.
 */
export function estimateTreeShape(html: string, depthLimit: number): TreeShape {
  const stack: string[] = [];
  const open = new Map<string, number>(); // name → how many are on the stack, so stray end tags cost nothing
  let foreign = 0; // open <svg>/<math> elements
  let max = 0;
  let elements = 0;
  const pop = (): void => {
    const name = stack.pop()!;
    open.set(name, (open.get(name) ?? 1) - 1);
    if (name === 'svg' || name === 'math') foreign--;
  };
  const tagRe = /<(?:!--[\s\S]*?(?:-->|$)|(\/?)([a-zA-Z][^\s/>]*)([^>]*)>)/g;
  let m: RegExpExecArray | null;
  while ((m = tagRe.exec(html))) {
    const rawName = m[2];
    if (rawName === undefined) continue; // a comment
    const name = rawName.toLowerCase();
    if (m[1]) {
      if (VOID_ELEMENTS.has(name) || !open.get(name)) continue;
      while (stack.length > 0 && stack[stack.length - 1] !== name) pop();
      if (stack.length > 0) pop();
      continue;
    }
    elements++;
    const closes = IMPLIES_CLOSE.get(name);
    if (closes) while (stack.length > 0 && closes.has(stack[stack.length - 1]!)) pop();
    if (VOID_ELEMENTS.has(name) || (foreign > 0 && m[3]!.endsWith('/'))) continue;
    if (RAW_TEXT_ELEMENTS.has(name)) {
      // Their content is text, whatever it looks like: jump to the end tag.
      const endRe = new RegExp(`</${name}`, 'gi');
      endRe.lastIndex = tagRe.lastIndex;
      const end = endRe.exec(html);
      tagRe.lastIndex = end ? end.index : html.length;
    }
    stack.push(name);
    open.set(name, (open.get(name) ?? 0) + 1);
    if (name === 'svg' || name === 'math') foreign++;
    if (stack.length > max) {
      max = stack.length;
      if (max > depthLimit) break;
    }
  }
  return { elements, maxDepth: max };
}

/**
 * Removes what never becomes text before the page is parsed: comments, scripts (JSON-LD blocks
 * stay, for the metadata), style sheets, templates, inline SVG, <noscript> fallbacks and frames. Parsing is linkedom's main cost
 * and every node counts; these are often half of a saved page's bytes.
 */
export function stripInertMarkup(html: string): string {
  return html.replace(
    /<!--[\s\S]*?(?:-->|$)|<script\b(?![^>]*\bld\+json)[^>]*>[\s\S]*?(?:<\/script\s*>|$)|<(style|template|svg|noscript|iframe)\b[^>]*>[\s\S]*?(?:<\/\1\s*>|$)/gi,
    '',
  );
}

/** Inline elements whose tags can go without changing the text (they add no breaks or spaces). */
const INLINE_TAG_RE = /<\/?(?:a|abbr|acronym|b|bdi|bdo|big|blink|cite|code|data|dfn|em|font|i|ins|del|kbd|mark|nobr|q|s|samp|small|span|strike|strong|sub|sup|tt|u|var)\b[^>]*>/gi;

/**
 * Drops the tags (not the content) of inline formatting elements. Old hand-written pages leave
 * `<font>`, `<b>` or `<span>` open paragraph after paragraph, and the parser nests every following
 * paragraph one level deeper; without those tags the same text has a flat, readable tree.
 */
export function flattenInlineMarkup(markup: string): string {
  return markup.replace(INLINE_TAG_RE, '');
}
