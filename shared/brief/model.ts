/**
 * A brief laid out for export: what every exporter (Markdown, HTML, PDF, DOCX, JSON...) renders,
 * so that all formats carry the same text, the same citation numbers and the same quotes.
 * Built from a Brief's Tiptap document plus the notebook's claims, articles and sources by
 * `layoutBrief` (shared/brief/layout.ts). Pure data: no DOM, no Node.
 */
import type { Claim, Credibility, Reliability, Selector } from '../model/schemas';
import type { z } from 'zod';

/** Inline content of a paragraph, list item or table cell. `cite` is a footnote reference. */
export type BriefInline =
  | { type: 'text'; text: string; bold?: boolean; italic?: boolean }
  | { type: 'cite'; n: number; claimId: string };

export type BriefBlock =
  | { type: 'heading'; level: 1 | 2 | 3; text: string }
  | { type: 'paragraph'; inlines: BriefInline[] }
  | { type: 'list'; ordered: boolean; items: BriefInline[][] }
  /** A key judgment: its ICD 203 likelihood term and confidence level, then its text. */
  | { type: 'judgment'; likelihood: string | null; confidence: 'low' | 'moderate' | 'high' | null; inlines: BriefInline[] }
  | { type: 'table'; caption: string | null; header: string[]; rows: BriefInline[][][] };

/** One numbered footnote: a cited claim with the exact words of its source and its grades. */
export interface BriefFootnote {
  n: number;
  claimId: string;
  articleId: string;
  /** The exact quoted words (the claim's selector `exact`). */
  quote: string;
  statement: string;
  speaker: string | null;
  outlet: string | null;
  title: string;
  /** The article's publication date (ISO) or null. */
  publishedAt: string | null;
  url: string | null;
  credibility: z.infer<typeof Credibility> | null;
  /** Admiralty reliability of the outlet's source record, or null when ungraded. */
  reliability: z.infer<typeof Reliability> | null;
  selector: Selector;
}

export interface BriefLayout {
  briefId: string | null;
  title: string;
  notebookName: string;
  /** ISO timestamp of the layout (export time). */
  generatedAt: string;
  blocks: BriefBlock[];
  /** In order of first citation; `n` is 1-based and matches every `cite` inline. */
  footnotes: BriefFootnote[];
  /** Every claim cited, as stored (for JSON, CSV, QDPX and JSON-LD). */
  claims: Claim[];
}
