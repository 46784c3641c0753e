/**
 * The export formats Dossier writes, with their file extension and media type. Shared so that the
 * API contract (`export.render`), the CLI and the UI's export menu list the same formats.
 */
import { z } from 'zod';

export const ExportFormat = z.enum(['md', 'html', 'pdf', 'docx', 'json', 'csv', 'jsonld', 'qdpx', 'csl']);
export type ExportFormat = z.infer<typeof ExportFormat>;

export const EXPORT_FORMATS: readonly ExportFormat[] = ExportFormat.options;
