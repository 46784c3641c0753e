/**
 * What every importer produces and the shape each importer module exports.
 * Kept apart from registry.ts so importer files can depend on the types without a cycle.
 */
import type { NoiseRange } from '../../shared/model/schemas';

export interface ParsedDocument {
  title: string;
  outlet: string | null;
  byline: string | null;
  /** ISO 8601: `YYYY-MM-DD`, or a full timestamp when the source gives one. */
  publishedAt: string | null;
  url: string | null;
  /** ISO 639-1, or null when the guess is not confident. */
  language: string | null;
  /** The text as imported (decoded, LF line endings); never cleaned. */
  text: string;
  mediaType: string;
  /** Ranges a reader may dim or hide. Importers of this issue detect none. */
  noise: NoiseRange[];
}

export interface ImportInput {
  fileName: string;
  bytes: Uint8Array;
}

export interface Importer {
  /** Stable id, e.g. `plain-text`. */
  id: string;
  /** Human label for file dialogs and error messages. */
  label: string;
  /** Lower-case extensions including the dot, e.g. `.md`. */
  extensions: string[];
  mediaType: string;
  /**
   * Throws (or rejects with) DossierError('unreadable', ...) naming the file and the problem.
   * Async because some formats (PDF, DOCX) are parsed by async libraries.
   */
  parse(input: ImportInput): ParsedDocument | Promise<ParsedDocument>;
}
