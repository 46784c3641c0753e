/**
 * PDF export: the brief's self-contained HTML (html.ts `renderBriefHtml`, the same page the HTML
 * export writes) printed by a browser engine, so the PDF and the HTML carry the same text, numbers
 * and quotes. In the desktop app the caller passes Electron's printToPDF as `input.printToPdf`;
 * elsewhere (CLI, browser host, tests) `printHtmlToPdf` runs Chromium headless.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DossierError } from '../../shared/api/result';
import { chromiumPrintToPdf, type PrintOptions } from './chromium';
import { renderBriefHtml } from './html';
import type { Exporter } from './types';

export interface PdfOptions extends PrintOptions {
  /** Where the private temp dir is made; the OS temp dir by default. */
  tempRoot?: string;
}

/**
 * Prints a self-contained HTML page to PDF bytes with Chromium headless, in a private temp dir
 * (the page, Chromium's throwaway profile and the PDF), removed afterwards whatever happens.
 */
export async function printHtmlToPdf(html: string, options: PdfOptions = {}): Promise<Uint8Array> {
  const dir = await mkdtemp(join(options.tempRoot ?? tmpdir(), 'dossier-pdf-'));
  try {
    const htmlPath = join(dir, 'brief.html');
    const pdfPath = join(dir, 'brief.pdf');
    await writeFile(htmlPath, html, 'utf8');
    await chromiumPrintToPdf(htmlPath, pdfPath, dir, options);
    let bytes: Buffer;
    try {
      bytes = await readFile(pdfPath);
    } catch {
      throw new DossierError('internal', `Chromium exited without writing ${pdfPath}.`);
    }
    // A PDF starts with "%PDF-"; anything else means Chromium wrote something we cannot hand over.
    if (bytes.length < 5 || bytes.subarray(0, 5).toString('latin1') !== '%PDF-') {
      throw new DossierError('internal', `Chromium wrote ${pdfPath} but it is not a PDF (${bytes.length} bytes).`);
    }
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export const pdfExporter: Exporter = {
  format: 'pdf',
  label: 'PDF (.pdf)',
  extension: 'pdf',
  mediaType: 'application/pdf',
  binary: true,
  render: async (input) => {
    const html = renderBriefHtml(input.layout);
    return input.printToPdf ? input.printToPdf(html) : printHtmlToPdf(html);
  },
};
