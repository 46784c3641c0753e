/**
 * HTML pages (.html, .htm, .xhtml), typically saved from a browser. The article body is found as a
 * reader view finds it (Mozilla Readability) and kept as plain text with its paragraphs; the page's
 * navigation, cookie banner and footer fall away with the rest of the markup. Ad lines and related
 * lists that sit inside the body stay in the text: noise detection flags them later, because the
 * stored text is never cut.
 *
 * Safe by construction: linkedom (html-dom.ts) neither runs scripts nor loads anything, Readability
 * only reads and rearranges that inert tree, JSON-LD is only JSON.parse'd, and the output is text.
 */
import { Readability } from '@mozilla/readability';
import { DossierError } from '../../shared/api/result';
import { decodeHtmlBytes } from './html-decode';
import { type DomDocument, type DomElement, type DomNode, type TreeShape, estimateTreeShape, flattenInlineMarkup, parseDocument, stripInertMarkup } from './html-dom';
import { type MetadataHints, cleanByline, extractHtmlMetadata } from './html-metadata';
import { htmlToText } from './html-text';
import { guessLanguage } from './language';
import { titleFromFileName } from './plain-text';
import { parseDate, truncateTitle } from './text-metadata';
import type { Importer, ImportInput, ParsedDocument } from './types';

/**
 * Readability compares every element with its descendants (recursively, in places), so its cost
 * grows with depth × size. Real articles stay far below these limits; beyond them the page is read
 * by the iterative body walk instead, which handles any shape in linear time.
 */
export const READABILITY_MAX_DEPTH = 200;
/**
 * Deeper pages are refused before parsing (see estimateNestingDepth for why parsing them would
 * stall). Browsers themselves flatten anything past 512 levels; no real article comes near this.
 */
export const MAX_HTML_DEPTH = 2_000;
export const READABILITY_MAX_ELEMENTS = 30_000;

/** Below this many characters Readability's pick is probably a fragment of chrome, not the story. */
const MIN_ARTICLE_CHARS = 200;

/** Chrome that never belongs to a story, left out when the whole body has to be read. */
const CHROME_ROLES = new Set(['navigation', 'banner', 'contentinfo', 'search', 'complementary']);
function isChrome(element: DomElement): boolean {
  const name = element.localName.toLowerCase();
  if (name === 'nav') return true;
  // The page's own header and footer (children of <body>), not an article's.
  if ((name === 'header' || name === 'footer') && element.parentNode?.nodeName.toLowerCase() === 'body') return true;
  const role = element.getAttribute('role');
  return role !== null && CHROME_ROLES.has(role.trim().toLowerCase());
}

export type ExtractionMethod = 'readability' | 'body';

export interface HtmlParseResult extends ParsedDocument {
  /** How the text was found: by Readability, or by reading the page body (short or odd pages). */
  extraction: ExtractionMethod;
}

function bodyText(document: DomDocument): string {
  // Prefer the page's own main region when it marks one; otherwise the whole body.
  const main = document.querySelector('main, [role="main"]');
  const articles = document.querySelectorAll('article');
  const root: DomNode | null = main ?? (articles.length === 1 ? articles[0]! : null) ?? document.body ?? document.documentElement;
  return root ? htmlToText(root, { skip: isChrome }).trim() : '';
}

interface ReaderView {
  content: DomNode | null;
  byline: string | null;
  title: string | null;
  publishedTime: string | null;
}

function runReadability(document: DomDocument): ReaderView | null {
  // Menus are never the story, and on a real page they are a good share of the elements Readability
  // would otherwise score one by one.
  const menus = document.querySelectorAll('nav, [role="navigation"]');
  for (let i = menus.length - 1; i >= 0; i--) menus[i]!.remove();
  // Readability's typings name the DOM lib's Document; the linkedom document is one in all it uses.
  const reader = new Readability<DomNode>(document as unknown as ConstructorParameters<typeof Readability>[0], {
    serializer: (node) => node as unknown as DomNode,
    disableJSONLD: true, // our own JSON-LD reading runs first and knows more types
    charThreshold: 300,
  });
  const article = reader.parse();
  if (!article) return null;
  return {
    content: article.content ?? null,
    byline: article.byline ?? null,
    title: article.title ?? null,
    publishedTime: article.publishedTime ?? null,
  };
}

/**
 * Markup ready to parse: inert parts removed and the nesting checked before the parser sees it.
 * A page that nests too deeply only through unclosed inline tags is flattened; one that is deep in
 * its structure is refused. Throws DossierError('unreadable') naming `name`.
 */
export function prepareMarkup(name: string, html: string): { markup: string; shape: TreeShape } {
  let markup = stripInertMarkup(html);
  let shape = estimateTreeShape(markup, MAX_HTML_DEPTH);
  if (shape.maxDepth > MAX_HTML_DEPTH) {
    markup = flattenInlineMarkup(markup);
    shape = estimateTreeShape(markup, MAX_HTML_DEPTH);
  }
  if (shape.maxDepth > MAX_HTML_DEPTH) {
    throw new DossierError('unreadable', `${name}: the page is nested too deeply to read (over ${MAX_HTML_DEPTH.toLocaleString('en')} levels)`);
  }
  return { markup, shape };
}

/**
 * Markup → ParsedDocument. Exposed for MHTML and the clipboard, which reach markup by other routes.
 * Throws DossierError('unreadable') naming the file when no text can be found.
 */
export function parseHtmlMarkup(fileName: string, html: string, hints: MetadataHints = {}): HtmlParseResult {
  const { markup, shape } = prepareMarkup(fileName, html);
  let document = parseDocument(markup);
  // Metadata first: Readability rearranges (and empties parts of) the document.
  const meta = extractHtmlMetadata(document, hints);

  let text = '';
  let extraction: ExtractionMethod = 'body';
  let reader: ReaderView | null = null;
  if (shape.maxDepth <= READABILITY_MAX_DEPTH && shape.elements <= READABILITY_MAX_ELEMENTS) {
    reader = runReadability(document);
    const readerText = reader?.content ? htmlToText(reader.content).trim() : '';
    if (readerText.length >= MIN_ARTICLE_CHARS) {
      text = readerText;
      extraction = 'readability';
    } else {
      // Readability consumed the document; parse again to read the body as it was.
      document = parseDocument(markup);
    }
  }
  if (extraction === 'body') text = bodyText(document);
  if (text === '') {
    throw new DossierError('unreadable', `${fileName}: the page has no readable text (only markup, scripts or images)`);
  }

  const readerTitle = reader?.title ? truncateTitle(reader.title) : null;
  return {
    title: meta.title ?? readerTitle ?? titleFromFileName(fileName),
    outlet: meta.outlet,
    byline: meta.byline ?? cleanByline(reader?.byline ?? null),
    publishedAt: meta.publishedAt ?? (reader?.publishedTime ? parseDate(reader.publishedTime) : null),
    url: meta.url,
    language: meta.language ?? guessLanguage(text),
    text,
    mediaType: 'text/html',
    noise: [],
    extraction,
  };
}

/** Drops the extraction detail, which is for tests and diagnostics only. */
export function toParsedDocument({ extraction: _extraction, ...doc }: HtmlParseResult): ParsedDocument {
  return doc;
}

export const htmlImporter = {
  id: 'html',
  label: 'HTML page',
  extensions: ['.html', '.htm', '.xhtml', '.xht'],
  mediaType: 'text/html',
  parse({ fileName, bytes }: ImportInput): ParsedDocument {
    const { html } = decodeHtmlBytes(fileName, bytes);
    return toParsedDocument(parseHtmlMarkup(fileName, html));
  },
} satisfies Importer;
