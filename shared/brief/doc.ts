/**
 * The brief's document: Tiptap/ProseMirror JSON with Dossier's node types. Stored as written by the
 * editor, so the schema validates loosely (unknown node types and attributes are kept and rendered
 * as their text) but safely (bounded depth, size and shapes, so a hand-edited or hostile file cannot
 * make layout loop or blow the stack).
 *
 * Node types: doc, heading {level 1-3}, paragraph, bulletList, orderedList, listItem, text (marks
 * bold, italic), hardBreak, citation (inline atom {claimId}), judgment (block {likelihood,
 * confidence}, inline content), generatedSection (block atom {section}; its content is produced
 * from the notebook at layout time and never stored).
 */
import { z } from 'zod';

/** ICD 203's seven likelihood terms, lowest to highest. */
export const LIKELIHOOD_TERMS = [
  'almost no chance',
  'very unlikely',
  'unlikely',
  'roughly even chance',
  'likely',
  'very likely',
  'almost certain',
] as const;
export type LikelihoodTerm = (typeof LIKELIHOOD_TERMS)[number];
export const Likelihood = z.enum(LIKELIHOOD_TERMS);

export const CONFIDENCE_LEVELS = ['low', 'moderate', 'high'] as const;
export const Confidence = z.enum(CONFIDENCE_LEVELS);
export type Confidence = z.infer<typeof Confidence>;

export const GENERATED_SECTIONS = ['sources', 'discrepancies', 'timeline', 'annex'] as const;
export const GeneratedSectionKind = z.enum(GENERATED_SECTIONS);
export type GeneratedSectionKind = z.infer<typeof GeneratedSectionKind>;

export interface DocMark {
  type: string;
  attrs?: Record<string, unknown>;
}

export interface DocNode {
  type: string;
  attrs?: Record<string, unknown>;
  content?: DocNode[];
  marks?: DocMark[];
  text?: string;
}

/** Bounds that no real brief reaches: deeper or larger documents are refused, not walked. */
export const MAX_DOC_DEPTH = 64;
export const MAX_DOC_NODES = 200_000;

const DocMarkSchema = z.object({ type: z.string().min(1).max(100), attrs: z.record(z.string(), z.unknown()).optional() }).passthrough();

const DocNodeSchema: z.ZodType<DocNode> = z.lazy(() =>
  z
    .object({
      type: z.string().min(1).max(100),
      attrs: z.record(z.string(), z.unknown()).optional(),
      content: z.array(DocNodeSchema).optional(),
      marks: z.array(DocMarkSchema).optional(),
      text: z.string().optional(),
    })
    .passthrough(),
);

/** A brief document: a `doc` node, within the depth and size bounds. */
export const BriefDoc = z
  .object({ type: z.literal('doc'), content: z.array(DocNodeSchema).optional() })
  .passthrough()
  .superRefine((doc, ctx) => {
    const problem = boundsProblem(doc as DocNode);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  }) as unknown as z.ZodType<DocNode>;

function boundsProblem(doc: DocNode): string | null {
  let count = 0;
  const stack: Array<[DocNode, number]> = [[doc, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (++count > MAX_DOC_NODES) return `the document has more than ${MAX_DOC_NODES} nodes`;
    if (depth > MAX_DOC_DEPTH) return `the document nests deeper than ${MAX_DOC_DEPTH} levels`;
    for (const child of node.content ?? []) stack.push([child, depth + 1]);
  }
  return null;
}

/** Parse an unknown value as a brief document; throws a message naming what is wrong. */
export function parseBriefDoc(value: unknown): DocNode {
  const parsed = BriefDoc.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
    throw new Error(`not a valid brief document${where}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

// ------------------------------------------------------------------ builders (template, tests)

export const text = (value: string, marks?: Array<'bold' | 'italic'>): DocNode =>
  marks && marks.length > 0 ? { type: 'text', text: value, marks: marks.map((type) => ({ type })) } : { type: 'text', text: value };
export const citation = (claimId: string): DocNode => ({ type: 'citation', attrs: { claimId } });
export const heading = (level: 1 | 2 | 3, value: string): DocNode => ({ type: 'heading', attrs: { level }, content: value ? [text(value)] : [] });
export const paragraph = (...content: DocNode[]): DocNode => (content.length > 0 ? { type: 'paragraph', content } : { type: 'paragraph' });
export const judgment = (likelihood: LikelihoodTerm | null, confidence: Confidence | null, ...content: DocNode[]): DocNode => ({
  type: 'judgment',
  attrs: { likelihood, confidence },
  ...(content.length > 0 ? { content } : {}),
});
export const generatedSection = (section: GeneratedSectionKind): DocNode => ({ type: 'generatedSection', attrs: { section } });
export const bulletList = (...items: DocNode[][]): DocNode => ({
  type: 'bulletList',
  content: items.map((inl) => ({ type: 'listItem', content: [paragraph(...inl)] })),
});
export const doc = (...content: DocNode[]): DocNode => ({ type: 'doc', content });

// ------------------------------------------------------------------ reading

/** Inline nodes hold text; these are block containers whose children are inline. */
export const TEXTBLOCK_TYPES = new Set(['paragraph', 'heading', 'judgment']);

/**
 * The character an inline atom (citation, hard break) occupies in a textblock's plain text. One
 * character each, as in ProseMirror (an atom has size 1), so offsets map onto editor positions:
 * editor position = textblock start + 1 + offset.
 */
export const CITATION_CHAR = '\uFFFC';

export function attrString(node: DocNode, name: string): string | null {
  const v = node.attrs?.[name];
  return typeof v === 'string' && v !== '' ? v : null;
}

export function citationClaimId(node: DocNode): string | null {
  return node.type === 'citation' ? attrString(node, 'claimId') : null;
}

/** The plain text of a textblock's inline content (citation = U+FFFC, hard break = "\n"). */
export function inlinePlainText(node: DocNode): string {
  let out = '';
  for (const child of node.content ?? []) {
    if (child.type === 'text') out += child.text ?? '';
    else if (child.type === 'hardBreak') out += '\n';
    else if (child.type === 'citation') out += CITATION_CHAR;
    else out += inlinePlainText(child); // an unknown inline wrapper: keep its text
  }
  return out;
}

/** Every textblock in document order, with its path (child indices from the doc) and top-level index. */
export interface Textblock {
  node: DocNode;
  path: number[];
  blockIndex: number;
  text: string;
}

export function textblocks(root: DocNode): Textblock[] {
  const out: Textblock[] = [];
  const visit = (node: DocNode, path: number[]): void => {
    if (path.length > MAX_DOC_DEPTH) return;
    if (TEXTBLOCK_TYPES.has(node.type)) {
      out.push({ node, path, blockIndex: path[0] ?? 0, text: inlinePlainText(node) });
      return;
    }
    (node.content ?? []).forEach((child, i) => visit(child, [...path, i]));
  };
  (root.content ?? []).forEach((child, i) => visit(child, [i]));
  return out;
}

/** Calls `fn` on every node, depth first, in document order (bounded depth). */
export function walkDoc(root: DocNode, fn: (node: DocNode, path: number[]) => void): void {
  const visit = (node: DocNode, path: number[]): void => {
    if (path.length > MAX_DOC_DEPTH) return;
    fn(node, path);
    (node.content ?? []).forEach((child, i) => visit(child, [...path, i]));
  };
  visit(root, []);
}

/** Claim ids cited in the document, in order of first citation, without repeats. */
export function citedClaimIds(root: DocNode): string[] {
  const seen = new Set<string>();
  walkDoc(root, (node) => {
    const id = citationClaimId(node);
    if (id) seen.add(id);
  });
  return [...seen];
}

/** Words in the document (for history listings): runs of letters or digits. */
export function wordCount(root: DocNode | null): number {
  if (!root) return 0;
  let n = 0;
  walkDoc(root, (node) => {
    if (node.type === 'text' && node.text) n += node.text.match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu)?.length ?? 0;
  });
  return n;
}
