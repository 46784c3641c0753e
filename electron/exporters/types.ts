/**
 * What an exporter is: one format, one file (electron/exporters/<format>.ts), registered in
 * registry.ts. Every exporter renders the SAME BriefLayout (shared/brief/layout.ts), so citations,
 * their numbers and their quotes agree across formats; formats that carry the notebook's records
 * (JSON, CSV, JSON-LD, QDPX) also get the raw records below.
 */
import type { BriefLayout } from '../../shared/brief/model';
import type { ExportFormat } from '../../shared/export/formats';
import type { Annotation, Article, ArticleSummary, Brief, Claim, NotebookMeta, Source, Tag } from '../../shared/model/schemas';

export type { ExportFormat } from '../../shared/export/formats';

export interface ExportInput {
  /** The brief laid out: blocks, footnotes in order of first citation, the cited claims. */
  layout: BriefLayout;
  /** The stored brief, or null when the layout was generated from the template (no --brief). */
  brief: Brief | null;
  notebook: Pick<NotebookMeta, 'id' | 'name' | 'createdAt'>;
  /** Every article of the notebook, without text, in catalogue order. */
  articles: ArticleSummary[];
  /** The articles (with text) that at least one cited claim sits on: QDPX writes their text. */
  citedArticles: Article[];
  /** Highlights on the cited articles; every highlight of the notebook when the exporter `needs.allAnnotations`. */
  annotations: Annotation[];
  tags: Tag[];
  /** Every claim of the notebook (layout.claims holds the cited ones). */
  claims: Claim[];
  sources: Source[];
  /** When the export was made (ISO); the same as layout.generatedAt. */
  exportedAt: string;
  /**
   * Turns a self-contained HTML page into PDF bytes. The desktop app passes Electron's
   * printToPDF; when absent (CLI, browser host, tests) the PDF exporter prints with Chromium.
   */
  printToPdf?: (html: string) => Promise<Uint8Array>;
}

export interface Exporter {
  format: ExportFormat;
  /** Shown in the export menu, e.g. "Markdown (.md)". */
  label: string;
  /** Without the dot: "md", "docx". */
  extension: string;
  mediaType: string;
  /** True when render returns bytes (zip, PDF); false when it returns text written as UTF-8. */
  binary: boolean;
  render(input: ExportInput): Promise<Uint8Array | string>;
  /** Records beyond the brief's own that this format carries (loading them costs a read per article). */
  needs?: { allAnnotations?: boolean };
}
