/**
 * Every exporter, one line each (one file per format). To add a format: write
 * electron/exporters/<format>.ts exporting an `Exporter`, import it here and add it to `exporters`.
 */
import { DossierError } from '../../shared/api/result';
import type { ExportFormat } from '../../shared/export/formats';
import { cslExporter } from './csl';
import { csvExporter } from './csv';
import { docxExporter } from './docx';
import { htmlExporter } from './html';
import { jsonExporter } from './json';
import { jsonldExporter } from './jsonld';
import { mdExporter } from './md';
import { pdfExporter } from './pdf';
import { qdpxExporter } from './qdpx';
import type { Exporter } from './types';

export const exporters: readonly Exporter[] = [
  mdExporter,
  htmlExporter,
  pdfExporter,
  docxExporter,
  jsonExporter,
  csvExporter,
  jsonldExporter,
  qdpxExporter,
  cslExporter,
];

/** The formats that have an exporter, in menu order. */
export const exportFormats: readonly ExportFormat[] = exporters.map((e) => e.format);

export function exporterFor(format: string): Exporter {
  const found = exporters.find((e) => e.format === format);
  if (!found) {
    throw new DossierError('invalid-input', `No exporter for format "${format}"; available: ${exportFormats.join(', ')}.`);
  }
  return found;
}
