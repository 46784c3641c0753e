/**
 * Article metadata from a page's head: JSON-LD (schema.org NewsArticle and kin, also inside
 * `@graph` arrays and with `@id` references), Open Graph, the common meta conventions (author,
 * Dublin Core, Highwire `citation_*`, Parse.ly, Sailthru), `<link rel=canonical>` and `<html lang>`.
 * JSON-LD is only ever JSON.parse'd; a broken block is skipped, never evaluated.
 */
import { type DomDocument, type DomElement, walkElements } from './html-dom';
import { parseDate, truncateTitle } from './text-metadata';

export interface HtmlMetadata {
  title: string | null;
  outlet: string | null;
  byline: string | null;
  publishedAt: string | null;
  url: string | null;
  /** ISO 639-1 from the markup, or null (the caller then guesses from the text). */
  language: string | null;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const isObject = (v: Json | undefined): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

function clean(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const v = value.replace(/[\s\u00a0]+/g, ' ').trim();
  return v === '' ? null : v;
}

// ---------------------------------------------------------------------------------------------
// JSON-LD

function parseJsonLd(source: string): Json | undefined {
  const attempts = [
    source,
    // Common breakage in the wild: HTML comment or CDATA wrappers, raw newlines inside strings, a trailing semicolon.
    source
      .replace(/^\s*(?:<!--|\/\/\s*<!\[CDATA\[|<!\[CDATA\[)/, '')
      .replace(/(?:-->|\/\/\s*\]\]>|\]\]>)\s*$/, '')
      .replace(/[\r\n\t]+/g, ' ')
      .replace(/;\s*$/, ''),
  ];
  for (const attempt of attempts) {
    try {
      return JSON.parse(attempt) as Json;
    } catch {
      // try the next repair
    }
  }
  return undefined;
}

function typeNames(node: JsonObject): string[] {
  const raw = node['@type'];
  const list = Array.isArray(raw) ? raw : [raw];
  // "schema:NewsArticle", "http://schema.org/NewsArticle" → "NewsArticle"
  return list.filter((t): t is string => typeof t === 'string').map((t) => t.replace(/^.*[/:#]/, ''));
}

const ARTICLE_TYPE_RE = /Article$|^(?:BlogPosting|LiveBlogPosting|SocialMediaPosting|Report)$/;

/** Every object in the JSON-LD blocks, flattened out of arrays, `@graph`s and nesting (bounded). */
function collectNodes(roots: Json[]): JsonObject[] {
  const nodes: JsonObject[] = [];
  const queue: Array<{ value: Json; depth: number }> = roots.map((value) => ({ value, depth: 0 }));
  while (queue.length > 0 && nodes.length < 2000) {
    const { value, depth } = queue.shift()!;
    if (depth > 8) continue;
    if (Array.isArray(value)) {
      for (const v of value) queue.push({ value: v, depth: depth + 1 });
    } else if (isObject(value)) {
      nodes.push(value);
      for (const [key, v] of Object.entries(value)) {
        if (key === '@graph' || key === 'mainEntity' || key === 'itemListElement' || isObject(v) || Array.isArray(v)) {
          queue.push({ value: v, depth: depth + 1 });
        }
      }
    }
  }
  return nodes;
}

interface JsonLdArticle {
  headline: string | null;
  authors: string[];
  publisher: string | null;
  datePublished: string | null;
  dateModified: string | null;
  url: string | null;
  language: string | null;
}

function readJsonLd(scripts: DomElement[]): JsonLdArticle | null {
  const roots: Json[] = [];
  for (const script of scripts) {
    const parsed = parseJsonLd(script.textContent ?? '');
    if (parsed !== undefined) roots.push(parsed);
  }
  if (roots.length === 0) return null;
  const nodes = collectNodes(roots);
  const byId = new Map<string, JsonObject>();
  for (const node of nodes) {
    const id = node['@id'];
    // Index the fullest node for an id: references are often just `{"@id": ...}`.
    if (typeof id === 'string' && (!byId.has(id) || Object.keys(node).length > Object.keys(byId.get(id)!).length)) byId.set(id, node);
  }
  const resolve = (value: Json | undefined): Json | undefined => {
    if (isObject(value) && typeof value['@id'] === 'string' && Object.keys(value).length === 1) return byId.get(value['@id']) ?? value;
    return value;
  };
  const text = (value: Json | undefined): string | null => {
    const v = resolve(value);
    if (typeof v === 'string') return clean(v);
    if (isObject(v)) return clean(typeof v['name'] === 'string' ? v['name'] : typeof v['@value'] === 'string' ? v['@value'] : null);
    if (Array.isArray(v)) return text(v[0]);
    return null;
  };
  const names = (value: Json | undefined): string[] => {
    const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
    return list.map((v) => text(v)).filter((v): v is string => v !== null);
  };
  const link = (value: Json | undefined): string | null => {
    const v = Array.isArray(value) ? value[0] : value;
    if (typeof v === 'string') return clean(v);
    if (isObject(v)) return clean(typeof v['@id'] === 'string' ? v['@id'] : typeof v['url'] === 'string' ? v['url'] : null);
    return null;
  };

  const article = nodes.find((n) => typeNames(n).some((t) => ARTICLE_TYPE_RE.test(t)));
  if (!article) return null;
  const language = article['inLanguage'];
  return {
    headline: text(article['headline']) ?? text(article['name']),
    authors: names(article['author'] ?? article['creator']),
    publisher: text(article['publisher'] ?? article['sourceOrganization']),
    datePublished: text(article['datePublished'] ?? article['dateCreated']),
    dateModified: text(article['dateModified']),
    // mainEntityOfPage's @id is the page URL, often with a "#webpage" fragment to drop.
    url: link(article['url']) ?? link(article['mainEntityOfPage'])?.replace(/#[^#]*$/, '') ?? null,
    language: typeof language === 'string' ? language : isObject(language) ? text(language['alternateName'] ?? language['name']) : null,
  };
}

// ---------------------------------------------------------------------------------------------
// Meta tags

/** Meta values by lower-cased `name`, `property` or `itemprop`, in document order. */
function readMetaTags(tags: DomElement[]): Map<string, string[]> {
  const meta = new Map<string, string[]>();
  for (const tag of tags) {
    const content = clean(tag.getAttribute('content'));
    if (content === null) continue;
    for (const attr of ['name', 'property', 'itemprop', 'http-equiv']) {
      const key = tag.getAttribute(attr)?.trim().toLowerCase();
      if (!key) continue;
      const list = meta.get(key) ?? [];
      list.push(content);
      meta.set(key, list);
    }
  }
  return meta;
}

function first(meta: Map<string, string[]>, ...keys: string[]): string | null {
  for (const key of keys) {
    const value = meta.get(key)?.[0];
    if (value) return value;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Cleaning individual fields

const URL_RE = /^https?:\/\//i;

/** An absolute http(s) URL, resolving a relative one against `base` when there is one. */
export function absoluteUrl(value: string | null, base: string | null): string | null {
  const v = clean(value);
  if (!v) return null;
  try {
    const url = base ? new URL(v, base) : new URL(v);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** "By Lukas Adomaitis" → "Lukas Adomaitis"; profile URLs (article:author often is one) are not names. */
export function cleanByline(value: string | null): string | null {
  const v = clean(value)?.replace(/^(?:by|written by|author|authors)\s*:?\s+/i, '').trim() ?? null;
  if (!v || URL_RE.test(v) || /^www\./i.test(v) || v.length > 200) return null;
  return v;
}

function joinNames(names: string[]): string | null {
  const unique = [...new Set(names.map((n) => cleanByline(n)).filter((n): n is string => n !== null))];
  return unique.length === 0 ? null : unique.join(', ');
}

/** "en-GB", "lt_LT", "LT" → "en", "lt"; anything not a two-letter code → null. */
export function normaliseLanguage(value: string | null | undefined): string | null {
  const primary = value?.trim().toLowerCase().split(/[-_]/)[0];
  return primary && /^[a-z]{2}$/.test(primary) ? primary : null;
}

/** Separators that sites put between a headline and their own name. */
const STRONG_SEPARATORS = [' | ', ' :: ', ' · ', ' » ', ' // '];
const WEAK_SEPARATORS = [' - ', ' – ', ' — '];

function loose(s: string): string {
  return s.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^\p{L}\p{N}]+/gu, '');
}

/**
 * Removes a site name from the end (or start) of a `<title>`: always when it matches a known site
 * name, and after a strong separator ("Headline | Site") when the tail is short and the rest is a
 * real headline. A hyphen alone is not enough without a known name: headlines use dashes too.
 */
export function stripSiteName(title: string, siteNames: string[]): { title: string; site: string | null } {
  const known = siteNames.map(loose).filter((s) => s !== '');
  for (const sep of [...STRONG_SEPARATORS, ...WEAK_SEPARATORS]) {
    const last = title.lastIndexOf(sep);
    if (last > 0) {
      const head = title.slice(0, last).trim();
      const tail = title.slice(last + sep.length).trim();
      if (head && known.includes(loose(tail))) return { title: head, site: tail };
    }
    const firstSep = title.indexOf(sep);
    if (firstSep > 0) {
      const head = title.slice(0, firstSep).trim();
      const rest = title.slice(firstSep + sep.length).trim();
      if (rest && known.includes(loose(head))) return { title: rest, site: head };
    }
  }
  for (const sep of STRONG_SEPARATORS) {
    const last = title.lastIndexOf(sep);
    if (last <= 0) continue;
    const head = title.slice(0, last).trim();
    const tail = title.slice(last + sep.length).trim();
    const tailWords = tail.split(/\s+/).length;
    if (tail && tailWords <= 5 && tail.length <= 50 && head.split(/\s+/).length >= 3) return { title: head, site: tail };
  }
  return { title, site: null };
}

// ---------------------------------------------------------------------------------------------

export interface MetadataHints {
  /** A URL known from outside the markup (an MHTML Content-Location, a clipboard SourceURL). */
  url?: string | null;
}

/** The elements metadata is read from, gathered in one walk over the page. */
interface PageElements {
  metas: DomElement[];
  jsonLd: DomElement[];
  title: DomElement | null;
  h1: DomElement | null;
  canonical: DomElement | null;
  base: DomElement | null;
  /** <time itemprop="datePublished"> or <time pubdate>. */
  publishedTime: DomElement | null;
  /** The first <time datetime> inside an <article>. */
  articleTime: DomElement | null;
  /** rel=author links and schema.org microdata author names. */
  authors: DomElement[];
}

const hasToken = (value: string | null, token: string): boolean =>
  value !== null && value.toLowerCase().split(/\s+/).includes(token.toLowerCase());

function scanPage(document: DomDocument): PageElements {
  const page: PageElements = { metas: [], jsonLd: [], title: null, h1: null, canonical: null, base: null, publishedTime: null, articleTime: null, authors: [] };
  if (!document.documentElement) return page;
  walkElements(document.documentElement, (el, ancestors) => {
    const name = el.localName.toLowerCase();
    switch (name) {
      case 'meta':
        page.metas.push(el);
        break;
      case 'script':
        if (/^\s*application\/ld\+json\s*$/i.test(el.getAttribute('type') ?? '')) page.jsonLd.push(el);
        break;
      case 'title':
        page.title ??= el;
        break;
      case 'h1':
        page.h1 ??= el;
        break;
      case 'link':
        if (hasToken(el.getAttribute('rel'), 'canonical')) page.canonical ??= el;
        break;
      case 'base':
        if (el.hasAttribute('href')) page.base ??= el;
        break;
      case 'time':
        if (hasToken(el.getAttribute('itemprop'), 'datePublished') || el.hasAttribute('pubdate')) page.publishedTime ??= el;
        if (el.hasAttribute('datetime') && ancestors.some((a) => a.localName.toLowerCase() === 'article')) page.articleTime ??= el;
        break;
    }
    // Authors are marked on links and inline text (getAttribute is not free on linkedom: ask only those).
    if (page.authors.length < 5 && (name === 'a' || name === 'link' || name === 'span' || name === 'meta')) {
      if (hasToken(el.getAttribute('rel'), 'author')) page.authors.push(el);
      else if (hasToken(el.getAttribute('itemprop'), 'name') && ancestors.some((a) => hasToken(a.getAttribute('itemprop'), 'author'))) page.authors.push(el);
    }
  });
  return page;
}

export function extractHtmlMetadata(document: DomDocument, hints: MetadataHints = {}): HtmlMetadata {
  const page = scanPage(document);
  const meta = readMetaTags(page.metas);
  const ld = readJsonLd(page.jsonLd);

  const siteName = first(meta, 'og:site_name', 'application-name', 'twitter:site:name') ?? ld?.publisher ?? null;
  const outletCandidates = [first(meta, 'og:site_name'), ld?.publisher, first(meta, 'citation_journal_title', 'dc.publisher', 'dcterms.publisher', 'citation_publisher')];

  // Title: og:title, the JSON-LD headline, the other meta conventions, <title>, the first <h1>.
  const pageTitle = clean(page.title?.textContent);
  const knownSites = [siteName, ...outletCandidates, first(meta, 'application-name')].filter((s): s is string => !!s);
  const strippedPageTitle = pageTitle ? stripSiteName(pageTitle, knownSites) : null;
  const metaTitle =
    first(meta, 'og:title') ??
    ld?.headline ??
    first(meta, 'twitter:title', 'citation_title', 'dc.title', 'dcterms.title', 'parsely-title', 'sailthru.title');
  const h1 = clean(page.h1?.textContent);
  const rawTitle = metaTitle ? stripSiteName(metaTitle, knownSites).title : (strippedPageTitle?.title ?? h1);

  const outlet = outletCandidates.find((s): s is string => !!s) ?? first(meta, 'application-name') ?? strippedPageTitle?.site ?? null;

  const citationAuthors = meta.get('citation_author') ?? meta.get('dc.creator') ?? meta.get('dcterms.creator') ?? [];
  const byline =
    joinNames(ld?.authors ?? []) ??
    joinNames(meta.get('author') ?? []) ??
    joinNames(citationAuthors) ??
    joinNames([first(meta, 'parsely-author', 'sailthru.author', 'byl', 'article:author', 'twitter:creator:name') ?? ''].filter(Boolean)) ??
    joinNames(page.authors.map((e) => e.textContent ?? ''));

  // Evaluated lazily, in order.
  const dateCandidates: Array<() => string | null | undefined> = [
    () => ld?.datePublished,
    () => first(meta, 'article:published_time', 'og:article:published_time', 'datepublished', 'citation_publication_date', 'citation_date',
      'citation_online_date', 'dc.date.issued', 'dcterms.issued', 'dc.date', 'dcterms.date', 'parsely-pub-date', 'sailthru.date',
      'pubdate', 'publish-date', 'publishdate', 'date', 'article.published'),
    () => page.publishedTime?.getAttribute('datetime') ?? page.publishedTime?.textContent,
    () => page.articleTime?.getAttribute('datetime'),
    // The last edit is better than nothing, as for plain text's "Updated:" line.
    () => ld?.dateModified,
    () => first(meta, 'article:modified_time', 'og:updated_time', 'datemodified'),
  ];
  let publishedAt: string | null = null;
  for (const candidate of dateCandidates) {
    const value = candidate();
    publishedAt = value ? parseDate(value) : null;
    if (publishedAt) break;
  }

  // URL: canonical, og:url, JSON-LD, then what the caller knows. Relative ones resolve against the others.
  const base = absoluteUrl(page.base?.getAttribute('href') ?? null, null)
    ?? absoluteUrl(first(meta, 'og:url'), null) ?? absoluteUrl(hints.url ?? null, null);
  const url =
    absoluteUrl(page.canonical?.getAttribute('href') ?? null, base) ??
    absoluteUrl(first(meta, 'og:url'), base) ??
    absoluteUrl(ld?.url ?? null, base) ??
    absoluteUrl(first(meta, 'citation_public_url', 'citation_abstract_html_url', 'parsely-link'), base) ??
    absoluteUrl(hints.url ?? null, null);

  const language =
    normaliseLanguage(document.documentElement?.getAttribute('lang') ?? document.documentElement?.getAttribute('xml:lang')) ??
    normaliseLanguage(ld?.language) ??
    normaliseLanguage(first(meta, 'content-language', 'dc.language', 'dcterms.language', 'citation_language', 'og:locale'));

  return {
    title: rawTitle ? truncateTitle(rawTitle) : null,
    outlet,
    byline,
    publishedAt,
    url,
    language,
  };
}
