/** Plain text (.txt): the decoded file is the article; metadata comes from its header lines. */
import { decodeText } from './decode';
import { guessLanguage } from './language';
import { extractTextMetadata } from './text-metadata';
import type { Importer, ImportInput, ParsedDocument } from './types';

export function titleFromFileName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  return base.replace(/\.[^.]+$/, '') || base;
}

export const plainTextImporter = {
  id: 'plain-text',
  label: 'Plain text',
  extensions: ['.txt', '.text'],
  mediaType: 'text/plain',
  parse({ fileName, bytes }: ImportInput): ParsedDocument {
    const { text } = decodeText(fileName, bytes);
    const meta = extractTextMetadata(text);
    return {
      title: meta.title ?? titleFromFileName(fileName),
      outlet: meta.outlet,
      byline: meta.byline,
      publishedAt: meta.publishedAt,
      url: meta.url,
      language: guessLanguage(text),
      text,
      mediaType: 'text/plain',
      noise: [],
    };
  },
} satisfies Importer;
