/** Briefs and exports: the `briefs.*` and `export.*` methods of the API contract. */
import { z } from 'zod';
import { BriefLayoutSchema } from '../../brief/schema';
import { ExportFormat } from '../../export/formats';
import { Brief, Id, IsoDate, RichText } from '../../model/schemas';
import { Empty, method } from '../method';

/** One saved version of a brief (history), without its document. */
export const SnapshotMeta = z.object({
  id: Id,
  briefId: Id,
  label: z.string(),
  createdAt: IsoDate,
  wordCount: z.number().int().nonnegative(),
});
export type SnapshotMeta = z.infer<typeof SnapshotMeta>;

export const BriefSnapshot = SnapshotMeta.extend({ title: z.string(), doc: RichText });
export type BriefSnapshot = z.infer<typeof BriefSnapshot>;

export const BriefIssueSchema = z.object({
  kind: z.enum(['non-standard-likelihood', 'mixed-likelihood-confidence', 'uncited-judgment', 'single-origin', 'low-credibility']),
  message: z.string(),
  /** Top-level block of the document, the child path to the textblock, and offsets in its plain text. */
  blockIndex: z.number().int().nonnegative(),
  path: z.array(z.number().int().nonnegative()),
  from: z.number().int().nonnegative(),
  to: z.number().int().nonnegative(),
});

export const ExportFormatInfo = z.object({
  format: ExportFormat,
  label: z.string(),
  extension: z.string(),
  mediaType: z.string(),
  binary: z.boolean(),
});

export const RenderedExport = z.object({ fileName: z.string(), mediaType: z.string(), dataBase64: z.string() });
export type RenderedExport = z.infer<typeof RenderedExport>;

const BriefRef = z.object({ id: Id }).strict();

export const briefMethods = {
  'briefs.list': method('notebook', 'Briefs, without their documents.', Empty, z.array(Brief.omit({ doc: true }))),
  'briefs.get': method('notebook', 'One brief with its document.', BriefRef, Brief),
  'briefs.create': method(
    'notebook',
    "A new brief from the BLUF template; `fromClaims: 'all'` fills the evidence with every claim (default 'none'), grouped by article (default) or tag.",
    z
      .object({ title: z.string().max(500).optional(), fromClaims: z.enum(['all', 'none']).optional(), groupBy: z.enum(['article', 'tag']).optional() })
      .strict(),
    Brief,
  ),
  'briefs.update': method(
    'notebook',
    'Change a brief\'s title and/or document (a Tiptap "doc", validated).',
    z.object({ id: Id, title: z.string().max(500).optional(), doc: RichText.optional() }).strict(),
    Brief,
  ),
  'briefs.delete': method('notebook', 'Delete a brief (its history is kept in brief-history/).', BriefRef, z.object({ deleted: z.boolean() })),
  'briefs.layout': method(
    'notebook',
    'A brief laid out for export: numbered footnotes, generated sections expanded. `id: null` = the template with every claim.',
    z.object({ id: Id.nullable() }).strict(),
    BriefLayoutSchema,
  ),
  'briefs.check': method('notebook', "The checker's advice on a brief (ICD 203 wording, uncited judgments, weak sources).", BriefRef, z.array(BriefIssueSchema)),
  'briefs.snapshot': method(
    'notebook',
    'Save the current version of a brief in its history.',
    z.object({ id: Id, label: z.string().max(200).optional() }).strict(),
    SnapshotMeta,
  ),
  'briefs.snapshots': method('notebook', "A brief's saved versions, newest first.", BriefRef, z.array(SnapshotMeta)),
  'briefs.getSnapshot': method('notebook', 'One saved version of a brief, with its document.', z.object({ id: Id, snapshotId: Id }).strict(), BriefSnapshot),
  'briefs.restoreSnapshot': method(
    'notebook',
    'Bring back a saved version; the current one is saved first, so the restore can be undone.',
    z.object({ id: Id, snapshotId: Id }).strict(),
    Brief,
  ),
  'export.formats': method('notebook', 'The export formats available, in menu order.', Empty, z.array(ExportFormatInfo)),
  'export.render': method(
    'notebook',
    'Render a brief (`briefId: null` = the template with every claim) in one format; the file comes back as base64.',
    z.object({ briefId: Id.nullable(), format: ExportFormat }).strict(),
    RenderedExport,
  ),
};
