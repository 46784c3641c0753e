/**
 * What the brief editor shows about a claim (picker rows, citation cards) and how it finds its way
 * around a brief: citation numbers, plain text for comparisons, and editor positions of the
 * checker's issues. Pure: no DOM, no React, no editor instance (positions work on any
 * ProseMirror-like node).
 */
import { CITATION_CHAR, citedClaimIds, textblocks, type DocNode } from '../../../shared/brief/doc';
import { foldName, formatDate, formatGrade, sourceForOutlet } from '../../../shared/brief/layout';
import type { ArticleSummary, Claim, Source } from '../../../shared/model/schemas';

/** One claim as the picker and the citation card show it. */
export interface ClaimCard {
  claimId: string;
  articleId: string;
  quote: string;
  statement: string;
  speaker: string | null;
  outlet: string | null;
  title: string;
  /** YYYY-MM-DD or ''. */
  date: string;
  /** Admiralty grade, e.g. "B2" ("–" for a grade not given). */
  grade: string;
  credibility: number | null;
  start: number;
  end: number;
}

export function claimCards(claims: readonly Claim[], articles: readonly ArticleSummary[], sources: readonly Source[]): ClaimCard[] {
  const byId = new Map(articles.map((a) => [a.id, a]));
  return claims.map((claim) => {
    const article = byId.get(claim.articleId);
    const outlet = article?.outlet ?? null;
    const source = sourceForOutlet(sources, outlet);
    return {
      claimId: claim.id,
      articleId: claim.articleId,
      quote: claim.target.exact,
      statement: claim.statement,
      speaker: claim.speaker,
      outlet,
      title: article?.title ?? 'Article not in this notebook',
      date: formatDate(article?.publishedAt ?? null),
      grade: formatGrade(source?.reliability ?? null, claim.credibility),
      credibility: claim.credibility,
      start: claim.target.start,
      end: claim.target.end,
    };
  });
}

/** Cards whose quote, statement, speaker, outlet or title contain every word of `query` (accent- and case-insensitive). */
export function filterClaimCards(cards: readonly ClaimCard[], query: string): ClaimCard[] {
  const words = foldName(query).split(' ').filter(Boolean);
  if (words.length === 0) return [...cards];
  return cards.filter((card) => {
    const hay = foldName([card.quote, card.statement, card.speaker ?? '', card.outlet ?? '', card.title, card.date, card.grade].join(' '));
    return words.every((w) => hay.includes(w));
  });
}

/** Citation numbers: claim id -> n, in order of first citation (what every export prints). */
export function citationNumbers(doc: DocNode | null): Map<string, number> {
  return new Map((doc ? citedClaimIds(doc) : []).map((id, i) => [id, i + 1]));
}

/** The brief's words as plain text, one line per textblock, citations as "[n]": what Compare diffs. */
export function briefPlainText(doc: DocNode | null): string {
  if (!doc) return '';
  const numbers = citationNumbers(doc);
  return textblocks(doc)
    .map((block) => {
      let i = 0;
      const ids = (block.node.content ?? []).filter((c) => c.type === 'citation').map((c) => String(c.attrs?.claimId ?? ''));
      return block.text.replace(new RegExp(CITATION_CHAR, 'gu'), () => ` [${numbers.get(ids[i++] ?? '') ?? '?'}]`);
    })
    .filter((line) => line.trim() !== '')
    .join('\n');
}

/** The parts of a ProseMirror node that positions need. */
export interface PmNodeLike {
  readonly nodeSize: number;
  readonly childCount: number;
  child(index: number): PmNodeLike;
}

/**
 * The editor position where the content of the textblock at `path` (child indices from the doc)
 * starts, or null when the path does not exist in `doc` (the document changed meanwhile).
 * A checker offset `o` in that block is at position `start + o` (doc.ts: atoms count one).
 */
export function textblockContentStart(doc: PmNodeLike, path: readonly number[]): number | null {
  let node = doc;
  let pos = 0; // the doc's content starts at 0
  for (const index of path) {
    if (index < 0 || index >= node.childCount) return null;
    for (let i = 0; i < index; i++) pos += node.child(i).nodeSize;
    node = node.child(index);
    pos += 1; // step inside the child
  }
  return path.length > 0 ? pos : null;
}

/** Node and mark names the editor's schema knows. */
export interface EditorSchemaNames {
  nodes: ReadonlySet<string>;
  marks: ReadonlySet<string>;
}

const INLINE_PARENTS = new Set(['paragraph', 'heading', 'judgment']);

function plainTextOf(node: DocNode): string {
  if (node.type === 'text') return node.text ?? '';
  return (node.content ?? []).map(plainTextOf).join(' ');
}

/**
 * A stored brief made loadable by the editor: nodes of a type it does not know (written by a newer
 * version, or hand-edited) become their text — a text run inside a paragraph, a paragraph between
 * blocks — and unknown marks are dropped. Without this the editor would show an empty brief, and
 * the next autosave would overwrite the analyst's words.
 */
export function editorSafeDoc(doc: DocNode | null, names: EditorSchemaNames): DocNode {
  const inlineChild = (node: DocNode): DocNode | null => {
    if (node.type === 'text') {
      if (!node.text) return null;
      const marks = node.marks?.filter((m) => names.marks.has(m.type));
      return marks && marks.length > 0 ? { type: 'text', text: node.text, marks } : { type: 'text', text: node.text };
    }
    if (names.nodes.has(node.type)) {
      const { content, ...rest } = node;
      return content ? { ...rest, content: content.map(inlineChild).filter((c): c is DocNode => c !== null) } : rest;
    }
    const text = plainTextOf(node);
    return text ? { type: 'text', text } : null;
  };
  const blockChild = (node: DocNode): DocNode | null => {
    if (names.nodes.has(node.type) && node.type !== 'text') {
      if (INLINE_PARENTS.has(node.type)) {
        const content = (node.content ?? []).map(inlineChild).filter((c): c is DocNode => c !== null);
        const { content: _old, ...rest } = node;
        return content.length > 0 ? { ...rest, content } : rest;
      }
      if (!node.content) return node;
      return { ...node, content: node.content.map(blockChild).filter((c): c is DocNode => c !== null) };
    }
    const text = plainTextOf(node);
    return text ? { type: 'paragraph', content: [{ type: 'text', text }] } : null;
  };
  const content = (doc?.content ?? []).map(blockChild).filter((c): c is DocNode => c !== null);
  return { type: 'doc', content: content.length > 0 ? content : [{ type: 'paragraph' }] };
}
