/**
 * Markdown (.md, .markdown). YAML front matter supplies metadata; the stored text is the Markdown
 * rendered as readable plain text (no markup characters), because annotations and search work on
 * what the analyst reads, not on the source syntax.
 */
import { DossierError } from '../../shared/api/result';
import { decodeText } from './decode';
import { guessLanguage } from './language';
import { titleFromFileName } from './plain-text';
import { extractTextMetadata, parseDate, truncateTitle } from './text-metadata';
import type { Importer, ImportInput, ParsedDocument } from './types';

// ---------------------------------------------------------------------------------------------
// Front matter

export type FrontMatter = Record<string, string | string[]>;

function unquote(value: string): string {
  const v = value.trim();
  if (v.length >= 2 && v.startsWith('"') && v.endsWith('"')) {
    try {
      return JSON.parse(v) as string;
    } catch {
      return v.slice(1, -1);
    }
  }
  if (v.length >= 2 && v.startsWith("'") && v.endsWith("'")) return v.slice(1, -1).replace(/''/g, "'");
  // An unquoted value ends at a comment.
  return v.replace(/\s+#.*$/, '');
}

/**
 * The `---` block at the very start, as flat key/value pairs: scalars, `[a, b]` and `- item`
 * lists. Enough for article metadata; nested YAML is ignored rather than misread.
 */
export function splitFrontMatter(source: string): { data: FrontMatter; body: string } | null {
  const m = /^---[ \t]*\n([\s\S]*?)\n(?:---|\.\.\.)[ \t]*(?:\n|$)/.exec(source);
  if (!m) return null;
  const data: FrontMatter = {};
  let listKey: string | null = null;
  for (const raw of m[1]!.split('\n')) {
    if (/^\s*(#|$)/.test(raw)) continue;
    const item = /^\s+-\s+(.*)$/.exec(raw) ?? /^-\s+(.*)$/.exec(raw);
    if (item && listKey) {
      const list = data[listKey];
      const value = unquote(item[1]!);
      if (Array.isArray(list)) list.push(value);
      else data[listKey] = [value];
      continue;
    }
    const kv = /^([A-Za-z_][\w-]*)\s*:\s*(.*)$/.exec(raw);
    if (!kv) {
      listKey = null;
      continue;
    }
    const key = kv[1]!.toLowerCase();
    const value = kv[2]!.trim();
    listKey = null;
    if (value === '') {
      listKey = key; // a list or a nested map may follow
    } else if (value.startsWith('[') && value.endsWith(']')) {
      data[key] = value
        .slice(1, -1)
        .split(',')
        .map(unquote)
        .filter((v) => v !== '');
    } else {
      data[key] = unquote(value);
    }
  }
  return { data, body: source.slice(m[0].length) };
}

function field(data: FrontMatter, ...keys: string[]): string | null {
  for (const key of keys) {
    const value = data[key];
    const text = Array.isArray(value) ? value.join(', ') : value;
    if (text && text.trim() !== '') return text.trim();
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Inline Markdown → text

const ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', ndash: '–', mdash: '—',
  hellip: '…', laquo: '«', raquo: '»', lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', euro: '€', copy: '©',
};

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

// Private-use characters stand in for code spans and escaped characters while emphasis is stripped.
const HOLD_OPEN = '\uE000';
const HOLD_CLOSE = '\uE001';

export function inlineToText(source: string): string {
  const held: string[] = [];
  const hold = (s: string): string => `${HOLD_OPEN}${held.push(s) - 1}${HOLD_CLOSE}`;
  let s = source;
  // Code spans first: nothing inside them is markup.
  s = s.replace(/(`+)(?!`)([\s\S]*?[^`])\1(?!`)/g, (_m, _ticks: string, code: string) =>
    hold(/^ .* $/.test(code) && code.trim() !== '' ? code.slice(1, -1) : code),
  );
  s = s.replace(/\\([!-/:-@[-`{-~])/g, (_m, ch: string) => hold(ch));
  s = s.replace(/<(https?:\/\/[^\s<>]+|[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+)>/gi, (_m, url: string) => hold(url));
  s = s.replace(/<!--[\s\S]*?-->/g, '');
  s = s.replace(/<br\s*\/?>/gi, '\n');
  s = s.replace(/<\/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?\/?>/g, '');
  // Images keep their alt text, links their text; the destinations are dropped.
  const destination = String.raw`\((?:<[^>\n]*>|[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)(?:\s+(?:"[^"\n]*"|'[^'\n]*'|\([^)\n]*\)))?\s*\)`;
  s = s.replace(new RegExp(String.raw`!\[([^\]]*)\]` + destination, 'g'), '$1');
  s = s.replace(/!\[([^\]]*)\]\[[^\]]*\]/g, '$1');
  s = s.replace(new RegExp(String.raw`\[((?:[^\[\]]|\[[^\[\]]*\])+)\]` + destination, 'g'), '$1');
  s = s.replace(/\[((?:[^[\]]|\[[^[\]]*\])+)\]\[[^\]]*\]/g, '$1');
  // Emphasis, innermost last; a few passes handle nesting like ***x*** and **a _b_ c**.
  for (let pass = 0; pass < 3; pass++) {
    const before = s;
    s = s.replace(/\*\*(?![\s*])([\s\S]*?[^\s*])\*\*/g, '$1');
    s = s.replace(/(^|[^\p{L}\p{N}_])__(?![\s_])([\s\S]*?[^\s_])__(?![\p{L}\p{N}_])/gu, '$1$2');
    s = s.replace(/~~(?![\s~])([\s\S]*?[^\s~])~~/g, '$1');
    s = s.replace(/\*(?![\s*])([^*\n]*?[^\s*])\*/g, '$1');
    s = s.replace(/(^|[^\p{L}\p{N}_])_(?![\s_])([^_\n]*?[^\s_])_(?![\p{L}\p{N}_])/gu, '$1$2');
    if (s === before) break;
  }
  s = decodeEntities(s);
  return s.replace(new RegExp(`${HOLD_OPEN}(\\d+)${HOLD_CLOSE}`, 'g'), (_m, i: string) => held[Number(i)] ?? '');
}

// ---------------------------------------------------------------------------------------------
// Block Markdown → text

export interface MarkdownHeading {
  level: number;
  text: string;
}

type BlockKind = 'para' | 'heading' | 'list' | 'code' | 'table' | 'blank';

const FENCE_RE = /^( {0,3})(`{3,}|~{3,})(.*)$/;
const ATX_RE = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const HR_RE = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const LIST_RE = /^([ \t]*)([*+-]|\d{1,9}[.)])(?:[ \t]+(.*)|[ \t]*$)/;
const TABLE_SEPARATOR_RE = /^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$/;
const LINK_DEFINITION_RE = /^ {0,3}\[[^\]]+\]:\s*\S+/;

function indentWidth(s: string): number {
  let width = 0;
  for (const ch of s) width += ch === '\t' ? 4 - (width % 4) : 1;
  return width;
}

function splitRow(line: string): string[] {
  const inner = line.trim().replace(/^\|/, '').replace(/(?<!\\)\|$/, '');
  return inner.split(/(?<!\\)\|/).map((cell) => inlineToText(cell.trim()));
}

/** Markdown → readable plain text with blank lines between paragraphs, and the headings met on the way. */
export function markdownToText(markdown: string): { text: string; headings: MarkdownHeading[] } {
  const lines = markdown.split('\n');
  const out: string[] = [];
  const headings: MarkdownHeading[] = [];
  // Widened on purpose: the closures below change it, which flow analysis cannot see.
  let last = null as BlockKind | null;
  let hardBreak = false;
  let fence: { char: string; length: number; indent: number } | null = null;
  /** Indents of the open list items, outermost first. */
  let listIndents: number[] = [];
  let inHtmlComment = false;

  const startBlock = (kind: BlockKind): void => {
    const continues = last === kind && (kind === 'list' || kind === 'table' || kind === 'code');
    if (last !== null && last !== 'blank' && !continues) out.push('');
    last = kind;
  };
  const blank = (): void => {
    if (last !== null && last !== 'blank') out.push('');
    if (last !== null) last = 'blank';
    hardBreak = false;
  };

  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!;

    if (fence) {
      const close = FENCE_RE.exec(line);
      if (close && close[2]![0] === fence.char && close[2]!.length >= fence.length && close[3]!.trim() === '') {
        fence = null;
        last = 'code';
      } else {
        // Code is kept verbatim, minus the fence's own indentation.
        out.push(line.replace(new RegExp(`^ {0,${fence.indent}}`), ''));
      }
      continue;
    }
    if (inHtmlComment) {
      if (line.includes('-->')) inHtmlComment = false;
      continue;
    }
    if (/^\s*<!--/.test(line) && !line.includes('-->')) {
      inHtmlComment = true;
      continue;
    }

    // Block quotes: the quoted content is read like any other line.
    while (/^ {0,3}>/.test(line)) line = line.replace(/^ {0,3}> ?/, '');

    if (line.trim() === '') {
      blank();
      continue;
    }
    const fenceOpen = FENCE_RE.exec(line);
    if (fenceOpen && !(fenceOpen[2]![0] === '`' && fenceOpen[3]!.includes('`'))) {
      startBlock('code');
      last = 'code';
      fence = { char: fenceOpen[2]![0]!, length: fenceOpen[2]!.length, indent: fenceOpen[1]!.length };
      listIndents = [];
      continue;
    }
    // Setext headings: a paragraph line underlined with === or ---.
    if (last === 'para' && /^ {0,3}(=+|-+)[ \t]*$/.test(line)) {
      const text = out.pop() ?? '';
      const level = line.trim()[0] === '=' ? 1 : 2;
      out.push(text);
      headings.push({ level, text });
      last = 'heading';
      continue;
    }
    if (HR_RE.test(line)) {
      blank();
      listIndents = [];
      continue;
    }
    const atx = ATX_RE.exec(line);
    if (atx) {
      const text = inlineToText(atx[2] ?? '').trim();
      listIndents = [];
      if (text === '') continue;
      startBlock('heading');
      out.push(text);
      headings.push({ level: atx[1]!.length, text });
      continue;
    }
    if (LINK_DEFINITION_RE.test(line)) continue;

    const item = LIST_RE.exec(line);
    if (item && !(last === 'para' && /^\d/.test(item[2]!) && item[2] !== '1.' && item[2] !== '1)')) {
      const indent = indentWidth(item[1]!);
      while (listIndents.length > 0 && indent < listIndents[listIndents.length - 1]!) listIndents.pop();
      if (listIndents.length === 0 || indent > listIndents[listIndents.length - 1]!) listIndents.push(indent);
      const depth = listIndents.length - 1;
      const marker = /^\d/.test(item[2]!) ? item[2]! : '-';
      startBlock('list');
      out.push(`${'  '.repeat(depth)}${marker} ${inlineToText(item[3] ?? '').trim()}`.trimEnd());
      hardBreak = false;
      continue;
    }
    const indent = indentWidth(/^[ \t]*/.exec(line)![0]);
    if (listIndents.length > 0 && (last === 'list' || (last === 'blank' && indent >= 2))) {
      // A continuation of the open list item: joined when lazy, a new indented line after a blank.
      const text = inlineToText(line.trim());
      if (last === 'list') out[out.length - 1] = `${out[out.length - 1]} ${text}`;
      else {
        out.push(`${'  '.repeat(listIndents.length)}${text}`);
        last = 'list';
      }
      continue;
    }
    listIndents = [];
    if (indent >= 4 && last !== 'para') {
      startBlock('code');
      out.push(line.replace(/^(?: {4}|\t| {0,3}\t)/, ''));
      continue;
    }
    const next = lines[i + 1];
    if (line.includes('|') && (/^\s*\|/.test(line) || (last !== 'table' && next !== undefined && TABLE_SEPARATOR_RE.test(next) && next.includes('-')))) {
      if (TABLE_SEPARATOR_RE.test(line) && line.includes('-')) continue;
      startBlock('table');
      out.push(splitRow(line).join(' | '));
      continue;
    }
    if (TABLE_SEPARATOR_RE.test(line) && last === 'table') continue;

    // Paragraph text. A hard break (two trailing spaces or a backslash) starts a new line.
    const endsWithBreak = / {2,}$/.test(line) || /(?<!\\)\\$/.test(line);
    const content = inlineToText(line.trim().replace(/\\$/, '')).trim();
    if (content === '') continue; // a line of pure HTML markup
    if (last === 'para' && !hardBreak) out[out.length - 1] = `${out[out.length - 1]} ${content}`;
    else if (last === 'para') out.push(content);
    else {
      startBlock('para');
      out.push(content);
    }
    hardBreak = endsWithBreak;
  }

  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return { text: out.join('\n'), headings };
}

// ---------------------------------------------------------------------------------------------

export const markdownImporter = {
  id: 'markdown',
  label: 'Markdown',
  extensions: ['.md', '.markdown', '.mdown', '.mkd'],
  mediaType: 'text/markdown',
  parse({ fileName, bytes }: ImportInput): ParsedDocument {
    const { text: source } = decodeText(fileName, bytes);
    const front = splitFrontMatter(source);
    const data = front?.data ?? {};
    const { text, headings } = markdownToText(front ? front.body : source);
    if (text.trim() === '') {
      throw new DossierError('unreadable', `${fileName}: the file has no readable text, only Markdown markup or front matter`);
    }
    // Metadata lines are read line by line from the source: Markdown joins consecutive lines into
    // one paragraph, which would glue "By ..." and "Date: ..." together.
    const meta = extractTextMetadata(
      (front ? front.body : source)
        .split('\n')
        .map((line) => inlineToText(line.replace(/^ {0,3}(?:#{1,6}[ \t]+|>[ \t]?)/, '')))
        .join('\n'),
    );
    const heading = headings.find((h) => h.level === 1) ?? headings[0];
    const date = field(data, 'date', 'published', 'publishedat', 'published_at', 'pubdate');
    const url = field(data, 'url', 'link', 'canonical', 'canonical_url', 'source_url');
    const title = field(data, 'title', 'headline');
    const outlet = field(data, 'outlet', 'source', 'publication', 'publisher', 'site');
    const byline = field(data, 'author', 'authors', 'byline', 'by');
    const language = field(data, 'language', 'lang', 'locale');
    return {
      title: title ? truncateTitle(title) : heading ? truncateTitle(heading.text) : (meta.title ?? titleFromFileName(fileName)),
      outlet: outlet ?? meta.outlet,
      byline: byline ?? meta.byline,
      publishedAt: (date ? parseDate(date) : null) ?? meta.publishedAt,
      url: url ?? meta.url,
      // "lt-LT" → "lt": the record holds ISO 639-1.
      language: language ? (language.toLowerCase().split(/[-_]/)[0] ?? null) : guessLanguage(text),
      text,
      mediaType: 'text/markdown',
      noise: [],
    };
  },
} satisfies Importer;
