/**
 * REFI-QDA Project export (.qdpx), the exchange format of NVivo, ATLAS.ti, MAXQDA and QualCoder:
 * a zip holding `project.qde` (XML, namespace urn:QDA-XML:project:1.0, Project.xsd 1.0) and each
 * source's text as `sources/<guid>.txt`, referenced as `internal://<guid>.txt`.
 *
 * Mapping:
 * - tags become Codes in the CodeBook, nested by parentId, with their colours; claims also get a
 *   code for their kind under a "Dossier claims" code, so every claim is coded at least once;
 * - each article with text becomes a TextSource; its highlights and claims become
 *   PlainTextSelections, each with a Coding per tag (and per claim kind);
 * - highlight comments (the Tiptap document's plain text) and claim statements/notes become
 *   Notes, linked from their selection by NoteRef.
 *
 * Offsets: REFI-QDA counts characters (Unicode code points) in the source text as written, while
 * Dossier stores UTF-16 offsets into Article.text. The text is written as UTF-8 with LF line
 * endings (CRLF and lone CR become LF, as the standard asks), and every position is converted to
 * a code-point offset in exactly that written text. Highlights whose anchor is orphaned (their
 * positions refer to an older text) and selections whose stored quote is no longer at its
 * position are left out and counted in the project's Description, never exported misplaced.
 *
 * GUIDs are UUIDs derived from the notebook's ids (name-based, SHA-1, RFC 4122 version 5), so
 * exporting the same notebook twice gives the same GUIDs and other tools can merge re-imports.
 */
import { createHash } from 'node:crypto';
import { strToU8, zipSync } from 'fflate';
import { richTextToPlain } from '../../shared/text/rich-text';
import type { Annotation, Article, Claim, ClaimKind, Tag } from '../../shared/model/schemas';
import type { Exporter } from './types';

export const QDA_PROJECT_NAMESPACE = 'urn:QDA-XML:project:1.0';

export interface QdpxInput {
  projectName: string;
  /** Seeds the GUIDs (the notebook's id). */
  notebookId: string;
  exportedAt: string;
  /** Articles with text: each becomes a TextSource. Highlights and claims on other articles are skipped. */
  articles: readonly Article[];
  annotations: readonly Annotation[];
  tags: readonly Tag[];
  claims: readonly Claim[];
}

/** What was written and what was left out, for the caller's message and the tests. */
export interface QdpxStats {
  sources: number;
  codes: number;
  selections: number;
  notes: number;
  /** Highlights or claims that could not be placed on their article's text, with why. */
  skipped: { id: string; reason: string }[];
  /** Highlights and claims on articles the export does not include (no text to place them on). */
  outside: number;
}

/** A name-based UUID (version 5 layout over SHA-1) from the notebook id and a record's kind and id. */
export function qdaGuid(notebookId: string, kind: string, id: string): string {
  const h = createHash('sha1').update(`dossier:${notebookId}:${kind}:${id}`).digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/**
 * The text as REFI-QDA gets it (LF line endings) and, for every UTF-16 offset of the original
 * text (0..length), the code-point offset of the same place in the written text.
 */
export function toQdaText(text: string): { text: string; offset: (utf16: number) => number } {
  const map = new Uint32Array(text.length + 1);
  const out: string[] = [];
  let cp = 0;
  for (let i = 0; i < text.length; i++) {
    map[i] = cp;
    const c = text.charCodeAt(i);
    if (c === 0x0d) {
      // CRLF: the CR vanishes (the LF that follows is the line end); a lone CR becomes LF.
      if (text.charCodeAt(i + 1) === 0x0a) continue;
      out.push('\n');
      cp++;
    } else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      // A surrogate pair is one character: both halves map to its start.
      out.push(text.slice(i, i + 2));
      map[i + 1] = cp;
      i++;
      cp++;
    } else {
      out.push(text[i]!);
      cp++;
    }
  }
  map[text.length] = cp;
  return {
    text: out.join(''),
    offset: (utf16) => {
      if (!Number.isInteger(utf16) || utf16 < 0 || utf16 > text.length) throw new RangeError(`Offset ${utf16} is outside the text (length ${text.length}).`);
      return map[utf16]!;
    },
  };
}

// XML 1.0 forbids most control characters even escaped; drop them from names and notes.
// eslint-disable-next-line no-control-regex
const XML_INVALID = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function esc(s: string): string {
  return s
    .replace(XML_INVALID, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\r\n?/g, '\n')
    .replace(/\n/g, '&#10;');
}

/** Element text keeps its line breaks literally. */
function escText(s: string): string {
  return s.replace(XML_INVALID, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r\n?/g, '\n');
}

function attrs(a: Record<string, string | number | boolean | null | undefined>): string {
  return Object.entries(a)
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => ` ${k}="${esc(String(v))}"`)
    .join('');
}

/** xsd:dateTime, or undefined when the stored value is not a date (the attribute is optional). */
function dateTime(iso: string | null | undefined): string | undefined {
  if (!iso) return undefined;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}

function shorten(s: string, max = 80): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length <= max ? one : `${one.slice(0, max - 1)}…`;
}

const KIND_COLORS: Record<ClaimKind, string> = {
  fact: '#2E7D32',
  quote: '#1565C0',
  number: '#6A1B9A',
  assessment: '#EF6C00',
  opinion: '#AD1457',
  prediction: '#00838F',
};

interface Selection {
  guid: string;
  name: string;
  start: number;
  end: number;
  created?: string;
  modified?: string;
  description: string | null;
  codeGuids: string[];
  noteGuids: string[];
}

interface Note {
  guid: string;
  name: string;
  text: string;
  created?: string;
}

/** Builds the project: `files` maps zip paths to contents (project.qde first). */
export function buildQdpx(input: QdpxInput): { files: Record<string, string>; stats: QdpxStats } {
  const g = (kind: string, id: string): string => qdaGuid(input.notebookId, kind, id);
  const userGuid = g('user', 'analyst');
  const exported = dateTime(input.exportedAt) ?? new Date().toISOString();
  const stats: QdpxStats = { sources: 0, codes: 0, selections: 0, notes: 0, skipped: [], outside: 0 };

  // Code book: tags nested by parentId (a missing or cyclic parent puts the tag at the top level).
  const tagIds = new Set(input.tags.map((t) => t.id));
  const tagById = new Map(input.tags.map((x) => [x.id, x]));
  const children = new Map<string | null, Tag[]>();
  const parentOf = (t: Tag): string | null => {
    if (t.parentId === null || !tagIds.has(t.parentId)) return null;
    // Walk up: a cycle means the hierarchy is broken; treat the tag as top-level.
    const seen = new Set([t.id]);
    let p: string | null = t.parentId;
    while (p !== null) {
      if (seen.has(p)) return null;
      seen.add(p);
      const parent = tagById.get(p);
      p = parent && parent.parentId !== null && tagIds.has(parent.parentId) ? parent.parentId : null;
    }
    return t.parentId;
  };
  for (const t of input.tags) {
    const p = parentOf(t);
    children.set(p, [...(children.get(p) ?? []), t]);
  }
  const codeXml = (t: Tag, depth: number): string => {
    stats.codes++;
    const pad = '  '.repeat(depth);
    const kids = children.get(t.id) ?? [];
    const open = `${pad}<Code${attrs({ guid: g('tag', t.id), name: t.name, isCodable: true, color: t.color })}`;
    if (kids.length === 0) return `${open}/>`;
    return `${open}>\n${kids.map((k) => codeXml(k, depth + 1)).join('\n')}\n${pad}</Code>`;
  };
  const articleIds = new Set(input.articles.map((a) => a.id));
  const claimsHere = input.claims.filter((c) => articleIds.has(c.articleId));
  const kinds = [...new Set(claimsHere.map((c) => c.kind))].sort();
  const codeLines = (children.get(null) ?? []).map((t) => codeXml(t, 3));
  if (kinds.length > 0) {
    stats.codes += 1 + kinds.length;
    codeLines.push(
      `      <Code${attrs({ guid: g('code', 'claims'), name: 'Dossier claims', isCodable: false, color: '#455A64' })}>\n` +
        `        <Description>Claims recorded in Dossier, by kind. A claim's statement, status and grade are in its note.</Description>\n` +
        kinds.map((k) => `        <Code${attrs({ guid: g('claim-kind', k), name: `claim: ${k}`, isCodable: true, color: KIND_COLORS[k] })}/>`).join('\n') +
        `\n      </Code>`,
    );
  }

  const notes: Note[] = [];
  const files: Record<string, string> = {};
  const sourceXml: string[] = [];
  const validTag = (id: string): boolean => tagIds.has(id);

  for (const article of input.articles) {
    const written = toQdaText(article.text);
    const sourceGuid = g('article', article.id);
    const selections: Selection[] = [];
    // The stored position must still hold the stored quote: otherwise the highlight would land on other words.
    const place = (id: string, target: Claim['target']): { start: number; end: number } | null => {
      const { start, end, exact } = target;
      if (end > article.text.length || start >= end) {
        stats.skipped.push({ id, reason: `its range ${start}-${end} is outside the text of "${article.title}"` });
        return null;
      }
      if (article.text.slice(start, end) !== exact) {
        stats.skipped.push({ id, reason: `the text at ${start}-${end} of "${article.title}" is no longer its quote` });
        return null;
      }
      return { start: written.offset(start), end: written.offset(end) };
    };

    for (const a of input.annotations) {
      if (a.articleId !== article.id) continue;
      if (a.anchor.status === 'orphaned') {
        stats.skipped.push({ id: a.id, reason: 'the highlight is orphaned (its words are gone from the current text)' });
        continue;
      }
      const at = place(a.id, a.target);
      if (!at) continue;
      const noteGuids: string[] = [];
      const comment = richTextToPlain(a.comment);
      if (comment !== '') {
        const guid = g('comment', a.id);
        notes.push({ guid, name: `Comment: ${shorten(a.target.exact, 60)}`, text: comment, created: dateTime(a.updatedAt) });
        noteGuids.push(guid);
      }
      selections.push({
        guid: g('annotation', a.id),
        name: shorten(a.target.exact),
        ...at,
        created: dateTime(a.createdAt),
        modified: dateTime(a.updatedAt),
        description: null,
        codeGuids: a.tags.filter(validTag).map((t) => g('tag', t)),
        noteGuids,
      });
    }

    for (const c of claimsHere) {
      if (c.articleId !== article.id) continue;
      const at = place(c.id, c.target);
      if (!at) continue;
      const facts = [
        `Claim (${c.kind}, ${c.status}${c.credibility !== null ? `, credibility ${c.credibility}` : ''})${c.speaker ? `, speaker: ${c.speaker}` : ''}`,
        `Statement: ${c.statement}`,
      ];
      if (c.note.trim() !== '') facts.push(`Note: ${c.note.trim()}`);
      const guid = g('claim-note', c.id);
      notes.push({ guid, name: `Claim: ${shorten(c.statement, 60)}`, text: facts.join('\n'), created: dateTime(c.updatedAt) });
      selections.push({
        guid: g('claim', c.id),
        name: shorten(c.statement),
        ...at,
        created: dateTime(c.createdAt),
        modified: dateTime(c.updatedAt),
        description: c.statement,
        codeGuids: [g('claim-kind', c.kind), ...c.tags.filter(validTag).map((t) => g('tag', t))],
        noteGuids: [guid],
      });
    }

    selections.sort((x, y) => x.start - y.start || x.end - y.end);
    stats.selections += selections.length;
    stats.sources++;
    files[`sources/${sourceGuid}.txt`] = written.text;

    const described = [article.outlet, article.publishedAt?.slice(0, 10), article.url].filter(Boolean).join(' · ');
    const lines = [
      `    <TextSource${attrs({ guid: sourceGuid, name: article.title || article.id, plainTextPath: `internal://${sourceGuid}.txt`, creatingUser: userGuid, creationDateTime: dateTime(article.importedAt) })}>`,
    ];
    if (described) lines.push(`      <Description>${escText(described)}</Description>`);
    for (const s of selections) {
      lines.push(
        `      <PlainTextSelection${attrs({ guid: s.guid, name: s.name, startPosition: s.start, endPosition: s.end, creatingUser: userGuid, creationDateTime: s.created, modifyingUser: userGuid, modifiedDateTime: s.modified })}>`,
      );
      if (s.description) lines.push(`        <Description>${escText(s.description)}</Description>`);
      for (const code of [...new Set(s.codeGuids)]) {
        lines.push(
          `        <Coding${attrs({ guid: qdaGuid(input.notebookId, 'coding', `${s.guid}:${code}`), creatingUser: userGuid, creationDateTime: s.created })}>`,
          `          <CodeRef${attrs({ targetGUID: code })}/>`,
          `        </Coding>`,
        );
      }
      for (const n of s.noteGuids) lines.push(`        <NoteRef${attrs({ targetGUID: n })}/>`);
      lines.push('      </PlainTextSelection>');
    }
    lines.push('    </TextSource>');
    sourceXml.push(lines.join('\n'));
  }

  // Highlights and claims on articles whose text the export does not carry are out of its scope.
  stats.outside =
    input.annotations.filter((a) => !articleIds.has(a.articleId)).length + input.claims.filter((c) => !articleIds.has(c.articleId)).length;
  stats.notes = notes.length;

  const xml: string[] = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<Project${attrs({
      xmlns: QDA_PROJECT_NAMESPACE,
      'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
      'xsi:schemaLocation': `${QDA_PROJECT_NAMESPACE} http://schema.qdasoftware.org/versions/Project/v1.0/Project.xsd`,
      name: input.projectName,
      origin: 'Dossier',
      creatingUserGUID: userGuid,
      creationDateTime: exported,
      modifyingUserGUID: userGuid,
      modifiedDateTime: exported,
    })}>`,
    '  <Users>',
    `    <User${attrs({ guid: userGuid, name: 'Dossier analyst', id: 'dossier' })}/>`,
    '  </Users>',
  ];
  if (codeLines.length > 0) xml.push('  <CodeBook>', '    <Codes>', ...codeLines, '    </Codes>', '  </CodeBook>');
  if (sourceXml.length > 0) xml.push('  <Sources>', ...sourceXml, '  </Sources>');
  if (notes.length > 0) {
    xml.push('  <Notes>');
    for (const n of notes) {
      xml.push(
        `    <Note${attrs({ guid: n.guid, name: n.name, creatingUser: userGuid, creationDateTime: n.created })}>`,
        `      <PlainTextContent>${escText(n.text)}</PlainTextContent>`,
        '    </Note>',
      );
    }
    xml.push('  </Notes>');
  }
  const description = [`Exported from the Dossier notebook "${input.projectName}" on ${exported}.`];
  if (stats.skipped.length > 0) {
    description.push(`${stats.skipped.length} highlight(s) or claim(s) were left out because they could not be placed:`);
    for (const s of stats.skipped.slice(0, 50)) description.push(`- ${s.id}: ${s.reason}`);
  }
  if (stats.outside > 0) description.push(`${stats.outside} highlight(s) or claim(s) on articles outside this export are not included.`);
  xml.push(`  <Description>${escText(description.join('\n'))}</Description>`, '</Project>', '');
  return { files: { 'project.qde': xml.join('\n'), ...files }, stats };
}

/** The .qdpx bytes (a zip). */
export function renderQdpx(input: QdpxInput): { bytes: Uint8Array; stats: QdpxStats } {
  const { files, stats } = buildQdpx(input);
  const zipInput: Record<string, Uint8Array> = {};
  for (const [path, content] of Object.entries(files)) zipInput[path] = strToU8(content);
  return { bytes: zipSync(zipInput, { level: 6 }), stats };
}

export const qdpxExporter: Exporter = {
  format: 'qdpx',
  label: 'REFI-QDA project (.qdpx)',
  extension: 'qdpx',
  // REFI-QDA registers no media type; a .qdpx is a plain zip.
  mediaType: 'application/zip',
  binary: true,
  render: async (input) =>
    renderQdpx({
      projectName: input.notebook.name,
      notebookId: input.notebook.id,
      exportedAt: input.exportedAt,
      articles: input.citedArticles,
      annotations: input.annotations,
      tags: input.tags,
      claims: input.claims,
    }).bytes,
};
