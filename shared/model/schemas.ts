/**
 * The domain model: every record Dossier stores or sends, as zod schemas.
 * Field names follow ../shared/domain.md; types are derived from the schemas so there is one source.
 * Pure: no DOM, no Node, no React.
 */
import { z } from 'zod';

export const Id = z.string().min(1).max(200);
/** ISO 8601 timestamp or date. */
export const IsoDate = z.string().min(4).max(64);

/** UTF-16 code unit offsets into Article.text, end exclusive. */
export const NoiseKind = z.enum(['ad', 'boilerplate', 'navigation', 'repeated', 'filler', 'manual']);
export const NoiseRange = z.object({
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  kind: NoiseKind,
  reason: z.string(),
});

export const ArticleSource = z.object({
  fileName: z.string(),
  mediaType: z.string(),
});

/** An article without its text: what the corpus list and `dossier list` carry. */
export const ArticleSummary = z.object({
  id: Id,
  title: z.string(),
  outlet: z.string().nullable(),
  byline: z.string().nullable(),
  publishedAt: IsoDate.nullable(),
  url: z.string().nullable(),
  language: z.string().nullable(),
  contentHash: z.string(),
  noise: z.array(NoiseRange),
  nearDuplicateOf: Id.nullable(),
  /** Estimated similarity (0-1) to `nearDuplicateOf`; null when it is not a near-duplicate. */
  nearDuplicateSimilarity: z.number().min(0).max(1).nullable().default(null),
  /**
   * Ranges the analyst declared NOT noise: detection never flags them again (e.g. when the
   * notebook-wide boilerplate count changes). Manual noise lives in `noise` with kind `manual`.
   */
  noiseDismissed: z.array(z.object({ start: z.number().int().nonnegative(), end: z.number().int().nonnegative() })).default([]),
  importedAt: IsoDate,
  source: ArticleSource,
  /** Length of `text` in UTF-16 code units, so lists can show size without loading bodies. */
  length: z.number().int().nonnegative(),
});

export const Article = ArticleSummary.extend({
  /** The full text as imported; never altered by cleaning. */
  text: z.string(),
});

/** W3C Web Annotation TextQuote + TextPosition selectors in one object. */
export const Selector = z.object({
  exact: z.string(),
  prefix: z.string(),
  suffix: z.string(),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
});

export const AnchorStatus = z.enum(['anchored', 'fuzzy', 'orphaned']);
export const Anchor = z.object({
  status: AnchorStatus,
  score: z.number().min(0).max(1),
});

/** Rich text as Tiptap/ProseMirror JSON, or null when empty. Validated loosely: it is the editor's format. */
export const RichText = z
  .object({ type: z.string() })
  .passthrough()
  .nullable();

export const Annotation = z.object({
  id: Id,
  articleId: Id,
  target: Selector,
  tags: z.array(Id),
  comment: RichText,
  anchor: Anchor,
  createdAt: IsoDate,
  updatedAt: IsoDate,
});

export const Tag = z.object({
  id: Id,
  name: z.string().min(1).max(200),
  parentId: Id.nullable(),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/),
});

export const ClaimKind = z.enum(['fact', 'quote', 'number', 'assessment', 'opinion', 'prediction']);
export const ClaimStatus = z.enum(['unverified', 'corroborated', 'contested', 'refuted']);
export const ClaimRelation = z.enum(['corroborates', 'contradicts', 'same-as', 'cites']);
/** Admiralty information credibility, 1 (confirmed) to 6 (cannot be judged). */
export const Credibility = z.number().int().min(1).max(6);
/** Admiralty source reliability, A (completely reliable) to F (cannot be judged). */
export const Reliability = z.enum(['A', 'B', 'C', 'D', 'E', 'F']);

export const Claim = z.object({
  id: Id,
  articleId: Id,
  target: Selector,
  statement: z.string(),
  speaker: z.string().nullable(),
  kind: ClaimKind,
  tags: z.array(Id),
  status: ClaimStatus,
  credibility: Credibility.nullable(),
  links: z.array(z.object({ claimId: Id, relation: ClaimRelation })),
  note: z.string(),
  createdAt: IsoDate,
  updatedAt: IsoDate,
});

export const Source = z.object({
  id: Id,
  name: z.string().min(1),
  reliability: Reliability.nullable(),
  stateAffiliated: z.boolean(),
  notes: z.string(),
  /** An outlet publishes articles; an originator is who an article attributes its information to (an agency, a ministry). */
  kind: z.enum(['outlet', 'originator']).default('outlet'),
  /** Other spellings of the name that denote this source (matched case- and diacritic-folded). */
  aliases: z.array(z.string()).default([]),
});

export const EntityKind = z.enum(['person', 'organization', 'place', 'date', 'number', 'other']);
export const Entity = z.object({
  id: Id,
  name: z.string(),
  kind: EntityKind,
  aliases: z.array(z.string()),
  mentions: z.array(
    z.object({ articleId: Id, start: z.number().int(), end: z.number().int(), text: z.string() }),
  ),
});

export const Brief = z.object({
  id: Id,
  title: z.string(),
  doc: RichText,
  createdAt: IsoDate,
  updatedAt: IsoDate,
});

/** The root file of a notebook folder. */
export const NotebookMeta = z.object({
  format: z.literal('dossier-notebook'),
  schemaVersion: z.number().int().positive(),
  id: Id,
  name: z.string(),
  createdAt: IsoDate,
});

/** A file the store could not read: kept aside under `movedTo`, never overwritten. */
export const StoreProblem = z.object({
  file: z.string(),
  message: z.string(),
  movedTo: z.string().nullable(),
});

export type NoiseKind = z.infer<typeof NoiseKind>;
export type NoiseRange = z.infer<typeof NoiseRange>;
export type ArticleSummary = z.infer<typeof ArticleSummary>;
export type Article = z.infer<typeof Article>;
export type Selector = z.infer<typeof Selector>;
export type Anchor = z.infer<typeof Anchor>;
export type RichText = z.infer<typeof RichText>;
export type Annotation = z.infer<typeof Annotation>;
export type Tag = z.infer<typeof Tag>;
export type ClaimKind = z.infer<typeof ClaimKind>;
export type ClaimStatus = z.infer<typeof ClaimStatus>;
export type Claim = z.infer<typeof Claim>;
export type Source = z.infer<typeof Source>;
export type Entity = z.infer<typeof Entity>;
export type Brief = z.infer<typeof Brief>;
export type NotebookMeta = z.infer<typeof NotebookMeta>;
export type StoreProblem = z.infer<typeof StoreProblem>;
