/**
 * zod schemas of the brief's layout and of Dossier's JSON export, so the API can return a layout
 * and the published JSON Schema (resources/schema/dossier-brief.schema.json) is generated from the
 * same source as the types (`z.toJSONSchema`, see briefExportJsonSchema).
 */
import { z } from 'zod';
import { Brief, Claim, Credibility, Id, IsoDate, Reliability, Selector, Source } from '../model/schemas';
import type { BriefLayout as BriefLayoutType } from './model';

export const BriefInlineSchema = z.union([
  z.object({ type: z.literal('text'), text: z.string(), bold: z.boolean().optional(), italic: z.boolean().optional() }),
  z.object({ type: z.literal('cite'), n: z.number().int().positive(), claimId: Id }),
]);

export const BriefBlockSchema = z.union([
  z.object({ type: z.literal('heading'), level: z.union([z.literal(1), z.literal(2), z.literal(3)]), text: z.string() }),
  z.object({ type: z.literal('paragraph'), inlines: z.array(BriefInlineSchema) }),
  z.object({ type: z.literal('list'), ordered: z.boolean(), items: z.array(z.array(BriefInlineSchema)) }),
  z.object({
    type: z.literal('judgment'),
    likelihood: z.string().nullable(),
    confidence: z.enum(['low', 'moderate', 'high']).nullable(),
    inlines: z.array(BriefInlineSchema),
  }),
  z.object({ type: z.literal('table'), caption: z.string().nullable(), header: z.array(z.string()), rows: z.array(z.array(z.array(BriefInlineSchema))) }),
]);

export const BriefFootnoteSchema = z.object({
  n: z.number().int().positive(),
  claimId: Id,
  articleId: Id,
  quote: z.string(),
  statement: z.string(),
  speaker: z.string().nullable(),
  outlet: z.string().nullable(),
  title: z.string(),
  publishedAt: z.string().nullable(),
  url: z.string().nullable(),
  credibility: Credibility.nullable(),
  reliability: Reliability.nullable(),
  selector: Selector,
});

export const BriefLayoutSchema = z.object({
  briefId: Id.nullable(),
  title: z.string(),
  notebookName: z.string(),
  generatedAt: IsoDate,
  blocks: z.array(BriefBlockSchema),
  footnotes: z.array(BriefFootnoteSchema),
  claims: z.array(Claim),
});

// The hand-written type in model.ts and this schema must describe the same data.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const layoutTypesAgree: Same<z.infer<typeof BriefLayoutSchema>, BriefLayoutType> = true;
void layoutTypesAgree;

export const BRIEF_EXPORT_FORMAT = 'dossier-brief';
export const BRIEF_EXPORT_VERSION = 1;
export const BRIEF_SCHEMA_ID = 'https://dossier.invalid/schema/dossier-brief.schema.json';

/** The JSON export: the brief, its layout, the cited claims with their selectors, and the sources. */
export const BriefExportSchema = z.object({
  /** The schema's URI, so editors and validators find it. */
  $schema: z.string().optional(),
  format: z.literal(BRIEF_EXPORT_FORMAT),
  version: z.literal(BRIEF_EXPORT_VERSION),
  exportedAt: IsoDate,
  notebook: z.object({ id: Id, name: z.string() }),
  /** The stored brief (its Tiptap document), or null when generated from the template. */
  brief: Brief.nullable(),
  layout: BriefLayoutSchema,
  claims: z.array(Claim),
  sources: z.array(Source),
  /** Where each cited claim sits: W3C TextQuote + TextPosition selectors on its article. */
  selectors: z.array(z.object({ claimId: Id, articleId: Id, source: z.string(), selector: Selector })),
});
export type BriefExport = z.infer<typeof BriefExportSchema>;

/** The published JSON Schema (draft 2020-12) of the JSON export. */
export function briefExportJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(BriefExportSchema, { target: 'draft-2020-12', io: 'output' }) as Record<string, unknown>;
  return { ...schema, $id: BRIEF_SCHEMA_ID, title: 'Dossier brief export', description: 'A brief exported by Dossier: its document, layout (numbered footnotes with exact quotes), cited claims with selectors, and sources.' };
}
