/**
 * The issue's bad-input list for text files: an empty file, a binary file renamed .txt, a 100 MB
 * text file, an undetectable encoding. Each gets a specific message naming the file, from
 * `parseFile` and through the service, and leaves the notebook exactly as it was.
 * (Malformed HTML, password-protected PDFs and corrupt DOCX files have their own importers' tests.)
 */
import { copyFile, mkdir, open, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DossierEvent, ImportResult } from '../../../shared/api/contract';
import { dispatch } from '../../../shared/api/dispatch';
import { DossierError, type Result } from '../../../shared/api/result';
import { decodeText, MAX_IMPORT_BYTES } from '../../../electron/importers/decode';
import { parseFile } from '../../../electron/importers/registry';
import { createNotebookHandlers, type NotebookHandlers } from '../../../electron/service/notebook-service';
import { CATALOG_FILE, NotebookStore } from '../../../electron/store/notebook-store';
import { makeTempDir } from '../../helpers/temp-dir';
import { BAD_DIR, badFixtures, ENCODINGS_DIR } from './encoding-fixtures';

const HUNDRED_MB = 100 * 1024 * 1024;
const UNRECOGNISED =
  'the text encoding could not be recognised (tried UTF-8, UTF-16, Windows-1252/ISO-8859-1, Windows-1257, Windows-1250, ' +
  'Windows-1251, ISO-8859-13, ISO-8859-2); save it as UTF-8 and import it again';

/** Each committed bad file and the message it must produce (the file name is prefixed). */
const EXPECTED: Record<string, string> = {
  'empty.txt': 'the file is empty',
  'blank-lines.txt': 'the file holds only blank lines and spaces, no text',
  'photo-renamed.txt': 'this looks like a PNG image, not text',
  'program-renamed.txt': 'this looks like a binary file, not text',
  'unknown-encoding.txt': UNRECOGNISED,
};

const read = async (name: string): Promise<Uint8Array> => new Uint8Array(await readFile(join(BAD_DIR, name)));

async function parseError(fileName: string, bytes: Uint8Array): Promise<DossierError> {
  try {
    await parseFile({ fileName, bytes });
  } catch (error) {
    expect(error).toBeInstanceOf(DossierError);
    return error as DossierError;
  }
  throw new Error(`${fileName} parsed without error`);
}

/** A file of `size` bytes that occupies no disk: a hole, as `truncate` makes it. */
async function sparseFile(path: string, size: number, head = 'Port council report\n'): Promise<void> {
  const handle = await open(path, 'w');
  try {
    await handle.write(head);
    await handle.truncate(size);
  } finally {
    await handle.close();
  }
}

describe('bad input, file by file (parseFile)', () => {
  it('every committed bad file is in the list, and the list is what the generator writes', async () => {
    expect((await readdir(BAD_DIR)).filter((f) => f !== 'README.md').sort()).toEqual(Object.keys(EXPECTED).sort());
    expect(Object.keys(badFixtures()).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.entries(EXPECTED))('%s: "%s", as .txt and as .md', async (file, message) => {
    const bytes = await read(file);
    const asText = await parseError(file, bytes);
    expect(asText.code).toBe('unreadable');
    expect(asText.message).toBe(`${file}: ${message}`);
    const md = file.replace(/\.txt$/, '.md');
    expect((await parseError(md, bytes)).message).toBe(`${md}: ${message}`);
  });

  it('refuses a 100 MB text file by its size, before decoding it', async () => {
    // Zero-filled memory the OS hands out lazily: no 100 MB is written or read.
    const huge = new Uint8Array(HUNDRED_MB);
    const started = performance.now();
    const error = await parseError('archive-dump.txt', huge);
    expect(performance.now() - started).toBeLessThan(50);
    expect(error.code).toBe('unsupported');
    expect(error.message).toBe('archive-dump.txt: the file is 100.0 MB; Dossier imports files up to 50.0 MB');
    // One byte over the limit is refused, the limit itself is not (it fails later, as binary zeros).
    expect(() => decodeText('edge.txt', new Uint8Array(MAX_IMPORT_BYTES + 1))).toThrow(/the file is 50\.0 MB; Dossier imports files up to 50\.0 MB/);
    expect(() => decodeText('edge.txt', new Uint8Array(MAX_IMPORT_BYTES))).toThrow(/edge\.txt: this looks like a binary file, not text/);
  });

  it('a good legacy-encoded file next to the bad ones still imports', async () => {
    const doc = await parseFile({ fileName: 'pl.txt', bytes: new Uint8Array(await readFile(join(ENCODINGS_DIR, 'pl-windows-1250.txt'))) });
    expect(doc.text).toContain('Łódź');
  });
});

describe('bad input through the service: the notebook is unchanged', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let store: NotebookStore;
  let handlers: NotebookHandlers;
  let events: DossierEvent[];
  let nbDir: string;
  const call = <T>(method: string, input: unknown) => dispatch(handlers, method, input) as Promise<Result<T>>;

  /** What must not change: the catalogue's bytes and the files under articles/. */
  const snapshot = async () => ({
    catalog: await readFile(join(nbDir, CATALOG_FILE), 'utf8'),
    articles: (await readdir(join(nbDir, 'articles')).catch(() => [] as string[])).sort(),
    list: store.listArticles().map((a) => a.id),
  });

  beforeEach(async () => {
    ({ dir, cleanup } = await makeTempDir());
    nbDir = join(dir, 'nb');
    store = await NotebookStore.create(nbDir, { name: 'Bad input' });
    events = [];
    handlers = createNotebookHandlers(store, { emit: (e) => events.push(e) });
    // One article already there, so "unchanged" means more than "still empty".
    const seeded = await call<ImportResult[]>('articles.import', {
      files: [{ name: 'lt.txt', dataBase64: Buffer.from(await readFile(join(ENCODINGS_DIR, 'lt-windows-1257.txt'))).toString('base64') }],
    });
    expect(seeded.ok && seeded.value[0]?.status).toBe('imported');
    events = [];
  });
  afterEach(async () => {
    await store.close();
    await cleanup();
  });

  it('importPaths on a folder of bad files, a 100 MB one included, reports each by name and stores nothing', async () => {
    const folder = join(dir, 'incoming');
    await mkdir(join(folder, 'nested'), { recursive: true });
    for (const file of Object.keys(EXPECTED)) await copyFile(join(BAD_DIR, file), join(folder, 'nested', file));
    await sparseFile(join(folder, 'huge-export.txt'), HUNDRED_MB);
    const before = await snapshot();

    const result = await call<ImportResult[]>('articles.importPaths', { paths: [folder] });
    expect(result.ok).toBe(true);
    const results = result.ok ? result.value : [];
    const byName = Object.fromEntries(results.map((r) => [r.file.split(/[\\/]/).pop(), r]));
    expect(Object.keys(byName).sort()).toEqual([...Object.keys(EXPECTED), 'huge-export.txt'].sort());
    for (const r of results) {
      expect(r.status, r.file).toBe('error');
      expect(r.articleId).toBeNull();
    }
    for (const [file, message] of Object.entries(EXPECTED)) expect(byName[file]?.error).toBe(`${file}: ${message}`);
    expect(byName['huge-export.txt']?.error).toBe('huge-export.txt: the file is 100.0 MB; Dossier imports files up to 50.0 MB');

    expect(await snapshot()).toEqual(before);
    expect(events.some((e) => e.type === 'articles.changed')).toBe(false);
    expect(events.filter((e) => e.type === 'import.progress')).toHaveLength(results.length);
  });

  it('articles.import (dropped or picked files) reports the same messages and stores nothing', async () => {
    const before = await snapshot();
    const files = await Promise.all(
      Object.keys(EXPECTED).map(async (name) => ({ name, dataBase64: Buffer.from(await read(name)).toString('base64') })),
    );
    const result = await call<ImportResult[]>('articles.import', { files });
    expect(result.ok).toBe(true);
    const results = result.ok ? result.value : [];
    expect(results.map((r) => [r.file, r.status, r.error])).toEqual(
      Object.entries(EXPECTED).map(([file, message]) => [file, 'error', `${file}: ${message}`]),
    );
    expect(await snapshot()).toEqual(before);
  });

  it('bad files in a batch never stop the good ones, and only the good ones are stored', async () => {
    const folder = join(dir, 'mixed');
    await mkdir(folder);
    await copyFile(join(BAD_DIR, 'unknown-encoding.txt'), join(folder, 'a-unknown.txt'));
    await copyFile(join(ENCODINGS_DIR, 'ru-uk-windows-1251.txt'), join(folder, 'b-ru.txt'));
    await sparseFile(join(folder, 'c-huge.txt'), HUNDRED_MB);
    await copyFile(join(ENCODINGS_DIR, 'pl-iso-8859-2.txt'), join(folder, 'd-pl.txt'));
    await writeFile(join(folder, 'e-empty.txt'), '');
    const before = await snapshot();

    const result = await call<ImportResult[]>('articles.importPaths', { paths: [folder] });
    const results = result.ok ? result.value : [];
    expect(results.map((r) => [r.file.split(/[\\/]/).pop(), r.status])).toEqual([
      ['a-unknown.txt', 'error'],
      ['b-ru.txt', 'imported'],
      ['c-huge.txt', 'error'],
      ['d-pl.txt', 'imported'],
      ['e-empty.txt', 'error'],
    ]);
    const after = await snapshot();
    expect(after.list).toEqual([...before.list, results[1]!.articleId, results[3]!.articleId]);
    expect(after.articles).toHaveLength(before.articles.length + 2);
    const ru = await store.getArticle(results[1]!.articleId!);
    expect(ru.text).toContain('Пётр Ковалёв');
    expect(ru.text).toContain('Київ');
    expect((await store.getArticle(results[3]!.articleId!)).text).toContain('Wałęsa');
  });
});
