/**
 * The importers Dossier knows, chosen by file extension. To add a format, write one importer file
 * that exports an `Importer` and list it in `importers` below.
 */
import { DossierError } from '../../shared/api/result';
import { docxImporter } from './docx';
import { htmlImporter } from './html';
import { markdownImporter } from './markdown';
import { mhtmlImporter } from './mhtml';
import { pdfImporter } from './pdf';
import { plainTextImporter } from './plain-text';
import type { Importer, ImportInput, ParsedDocument } from './types';

export type { Importer, ImportInput, ParsedDocument } from './types';

export const importers: readonly Importer[] = [plainTextImporter, markdownImporter, pdfImporter, docxImporter, htmlImporter, mhtmlImporter];

export const supportedExtensions: string[] = importers.flatMap((importer) => importer.extensions);

function baseName(fileName: string): string {
  return fileName.split(/[\\/]/).pop() ?? fileName;
}

/** The importer for a file name, by its (case-insensitive) extension; the longest match wins. */
export function findImporter(fileName: string): Importer | undefined {
  const name = baseName(fileName).toLowerCase();
  let best: { importer: Importer; length: number } | undefined;
  for (const importer of importers) {
    for (const ext of importer.extensions) {
      if (name.endsWith(ext) && name.length > ext.length && (!best || ext.length > best.length)) {
        best = { importer, length: ext.length };
      }
    }
  }
  return best?.importer;
}

/** Parses one file. Throws DossierError('unsupported' | 'unreadable') with a message naming the file. */
export async function parseFile(input: ImportInput): Promise<ParsedDocument> {
  const importer = findImporter(input.fileName);
  if (!importer) {
    const ext = /\.[^.]+$/.exec(baseName(input.fileName))?.[0];
    const what = ext ? `Dossier cannot import ${ext} files yet` : 'the file has no extension, so Dossier cannot tell its format';
    throw new DossierError('unsupported', `${input.fileName}: ${what} (supported: ${supportedExtensions.join(', ')})`);
  }
  try {
    return await importer.parse(input);
  } catch (error) {
    if (error instanceof DossierError) throw error;
    // A parser bug must still name the file, and never take the rest of an import down.
    const message = error instanceof Error ? error.message : String(error);
    throw new DossierError('unreadable', `${input.fileName}: could not be read as ${importer.label} (${message})`);
  }
}
