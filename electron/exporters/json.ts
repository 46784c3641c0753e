/**
 * JSON: the brief (its Tiptap document), its layout (numbered footnotes with exact quotes), the
 * cited claims, the sources and each cited claim's selectors. Described by the published JSON
 * Schema resources/schema/dossier-brief.schema.json (generated from BriefExportSchema).
 */
import { articleSource } from '../../shared/export/web-annotation';
import { BRIEF_EXPORT_FORMAT, BRIEF_EXPORT_VERSION, BRIEF_SCHEMA_ID, type BriefExport } from '../../shared/brief/schema';
import type { ExportInput, Exporter } from './types';

export function buildBriefExport(input: ExportInput): BriefExport {
  const articles = new Map(input.articles.map((a) => [a.id, a]));
  return {
    $schema: BRIEF_SCHEMA_ID,
    format: BRIEF_EXPORT_FORMAT,
    version: BRIEF_EXPORT_VERSION,
    exportedAt: input.exportedAt,
    notebook: { id: input.notebook.id, name: input.notebook.name },
    brief: input.brief,
    layout: input.layout,
    claims: input.layout.claims,
    sources: input.sources,
    selectors: input.layout.claims.map((c) => ({
      claimId: c.id,
      articleId: c.articleId,
      source: articleSource(articles.get(c.articleId) ?? { id: c.articleId, url: null }),
      selector: c.target,
    })),
  };
}

export const jsonExporter: Exporter = {
  format: 'json',
  label: 'JSON (.json)',
  extension: 'json',
  mediaType: 'application/json',
  binary: false,
  render: async (input) => `${JSON.stringify(buildBriefExport(input), null, 2)}\n`,
};
