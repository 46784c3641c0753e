/**
 * The import pipeline behind `articles.import` and `articles.importPaths`: parse each file with its
 * importer, recognise exact duplicates by content hash (within the notebook and within the batch),
 * and store new articles in small batches. A bad file yields an `error` result and never stops the
 * others; an article is either stored whole or not at all.
 */
import { createHash, randomUUID } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import type { DossierEvent, ImportResult } from '../../shared/api/contract';
import { DossierError } from '../../shared/api/result';
import type { Article } from '../../shared/model/schemas';
import { formatBytes, MAX_IMPORT_BYTES } from '../importers/decode';
import { parseFile, supportedExtensions } from '../importers/registry';
import type { NotebookStore } from '../store/notebook-store';

/** Articles are written in batches so that a large import does not rewrite the catalogue per file. */
const STORE_BATCH = 50;

export interface ImportInput {
  /** The name shown in results: the path as given, or the uploaded file's name. */
  label: string;
  load: () => Promise<Uint8Array>;
}

export function contentHashOf(text: string): string {
  return `sha256:${createHash('sha256').update(text, 'utf8').digest('hex')}`;
}

export async function importFiles(
  store: NotebookStore,
  inputs: ImportInput[],
  emit: (event: DossierEvent) => void,
  now: () => Date = () => new Date(),
): Promise<ImportResult[]> {
  const results: ImportResult[] = [];
  const pending: Array<{ article: Article; resultIndex: number }> = [];
  const hashesInBatch = new Map<string, { id: string; title: string }>();

  const flush = async (): Promise<void> => {
    if (pending.length === 0) return;
    const batch = pending.splice(0, pending.length);
    try {
      await store.addArticles(batch.map((p) => p.article));
    } catch (error) {
      // The store writes bodies before the catalogue, so a failed batch leaves nothing half-listed.
      const message = error instanceof Error ? error.message : String(error);
      for (const { article, resultIndex } of batch) {
        hashesInBatch.delete(article.contentHash);
        results[resultIndex] = {
          file: results[resultIndex]?.file ?? article.source.fileName,
          status: 'error',
          articleId: null,
          title: null,
          error: `could not be saved: ${message}`,
        };
      }
    }
  };

  for (const [index, input] of inputs.entries()) {
    let result: ImportResult;
    try {
      const bytes = await input.load();
      const parsed = await parseFile({ fileName: basename(input.label), bytes });
      const contentHash = contentHashOf(parsed.text);
      const existing = store.findByContentHash(contentHash) ?? hashesInBatch.get(contentHash);
      if (existing) {
        result = { file: input.label, status: 'duplicate', articleId: existing.id, title: existing.title, error: null };
      } else {
        const article: Article = {
          id: randomUUID(),
          title: parsed.title.trim() || basename(input.label, extname(input.label)),
          outlet: parsed.outlet,
          byline: parsed.byline,
          publishedAt: parsed.publishedAt,
          url: parsed.url,
          language: parsed.language,
          text: parsed.text,
          contentHash,
          noise: parsed.noise,
          nearDuplicateOf: null,
          importedAt: now().toISOString(),
          source: { fileName: basename(input.label), mediaType: parsed.mediaType },
          length: parsed.text.length,
        };
        hashesInBatch.set(contentHash, { id: article.id, title: article.title });
        pending.push({ article, resultIndex: index });
        result = { file: input.label, status: 'imported', articleId: article.id, title: article.title, error: null };
      }
    } catch (error) {
      result = { file: input.label, status: 'error', articleId: null, title: null, error: describeImportError(input.label, error) };
    }
    results.push(result);
    if (pending.length >= STORE_BATCH) await flush();
    emit({ type: 'import.progress', done: index + 1, total: inputs.length, file: input.label, status: result.status });
  }
  await flush();
  if (results.some((r) => r.status === 'imported')) emit({ type: 'articles.changed' });
  return results;
}

function describeImportError(label: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // Importer messages already name the file; keep a single mention of it.
  return message.includes(basename(label)) ? message : `${basename(label)}: ${message}`;
}

/** Turns paths (files or folders, folders walked recursively) into import inputs. */
export async function inputsFromPaths(paths: string[]): Promise<Array<ImportInput | { label: string; error: string }>> {
  const out: Array<ImportInput | { label: string; error: string }> = [];
  for (const path of paths) {
    let info;
    try {
      info = await stat(path);
    } catch (error) {
      out.push({ label: path, error: `${path}: ${describeFsError(error)}` });
      continue;
    }
    if (info.isDirectory()) {
      const files = await listImportableFiles(path);
      if (files.length === 0) {
        out.push({ label: path, error: `${path}: the folder holds no files Dossier can import (${supportedExtensions.join(', ')})` });
      }
      for (const file of files) out.push(pathInput(file));
    } else {
      out.push(pathInput(path, info.size));
    }
  }
  return out;
}

function pathInput(path: string, knownSize?: number): ImportInput {
  return {
    label: path,
    load: async () => {
      // Checked before reading, so a huge file is refused without loading it into memory.
      const size = knownSize ?? (await stat(path)).size;
      if (size > MAX_IMPORT_BYTES) {
        throw new DossierError(
          'unreadable',
          `${basename(path)}: the file is ${formatBytes(size)}; Dossier imports files up to ${formatBytes(MAX_IMPORT_BYTES)}`,
        );
      }
      try {
        return new Uint8Array(await readFile(path));
      } catch (error) {
        throw new DossierError('io', `${path}: ${describeFsError(error)}`);
      }
    },
  };
}

async function listImportableFiles(dir: string): Promise<string[]> {
  const found: string[] = [];
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await listImportableFiles(full)));
    else if (entry.isFile() && supportedExtensions.includes(extname(entry.name).toLowerCase())) found.push(full);
  }
  return found;
}

export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a folder, not a file';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
