/**
 * The parse pool (electron/service/parse-pool.ts): files parsed in worker threads must come back
 * exactly as the importers give them on the main thread, errors must keep their code and message,
 * a worker that dies costs one file an error and nothing else, and where workers cannot start the
 * pool parses on the calling thread. Also the pipeline with a batch large enough to use the pool.
 */
import { readFileSync } from 'node:fs';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { DossierError } from '../../../shared/api/result';
import { parseFile } from '../../../electron/importers/registry';
import { createNotebookHandlers } from '../../../electron/service/notebook-service';
import { MIN_FILES_FOR_WORKERS, ParsePool, parsesInWorker, sharedParsePool } from '../../../electron/service/parse-pool';
import { NotebookStore } from '../../../electron/store/notebook-store';
import { generateArticle, htmlPage, syndicatedCopy } from '../../bench/news-corpus';
import { makeTempDir } from '../../helpers/temp-dir';

const FIXTURES = join(__dirname, '../../fixtures/import');
const fixture = (path: string): Uint8Array => new Uint8Array(readFileSync(join(FIXTURES, path)));
const standIn = (name: string): URL => pathToFileURL(join(__dirname, 'parse-pool-workers', name));

const pools: ParsePool[] = [];
afterAll(async () => {
  await Promise.all(pools.map((p) => p.close()));
});

describe('parse pool', () => {
  it('sends pages, PDFs and Word files to workers, and text and Markdown not', () => {
    expect(['a.html', 'b.HTM', 'c.mhtml', 'd.pdf', 'e.docx'].every(parsesInWorker)).toBe(true);
    expect(['a.txt', 'b.md', 'c.unknown', 'noextension'].some(parsesInWorker)).toBe(false);
  });

  it('parses every heavy format in a worker exactly as on the main thread', async () => {
    const pool = sharedParsePool();
    // Two cores or more here; a one-core machine has no pool, which is the documented fallback.
    expect(pool).not.toBeNull();
    const files = [
      'html/harbour-times-lagoon-suit.html',
      'html/port-notice-short.htm',
      'html/uosto-zinios-windows-1257.html',
      'html/baltic-ledger-dredging.mhtml',
      'pdf/terminal-vote.pdf',
      'docx/second-berth-briefing.docx',
    ];
    for (const file of files) {
      const name = file.split('/').pop()!;
      const inThread = await parseFile({ fileName: name, bytes: fixture(file) });
      expect(await pool!.parse(name, fixture(file)), file).toEqual(inThread);
    }
    expect(pool!.usable).toBe(true);
  }, 30_000);

  it('keeps the code and the message of an importer error, naming the file', async () => {
    const pool = sharedParsePool()!;
    for (const file of ['bad/photo-renamed.txt', 'pdf/password.pdf', 'docx/truncated.docx']) {
      const name = file.replace('bad/photo-renamed.txt', 'photo.html').split('/').pop()!;
      const expected = await parseFile({ fileName: name, bytes: fixture(file) }).catch((e: unknown) => e);
      const got = await pool.parse(name, fixture(file)).catch((e: unknown) => e);
      expect(expected).toBeInstanceOf(DossierError);
      expect(got).toBeInstanceOf(DossierError);
      expect((got as DossierError).code).toBe((expected as DossierError).code);
      expect((got as DossierError).message).toBe((expected as DossierError).message);
      expect((got as DossierError).message).toContain(name);
    }
  }, 30_000);

  it('reports a file whose worker dies as unreadable, and parses the next files with a new worker', async () => {
    const pool = new ParsePool({ kind: 'js', url: standIn('echo-worker.mjs') }, 1);
    pools.push(pool);
    const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);
    const results = await Promise.allSettled([
      pool.parse('before.html', bytes('first page')),
      pool.parse('crash.html', bytes('x')),
      pool.parse('after.html', bytes('third page')),
      pool.parse('throw.html', bytes('y')),
      pool.parse('last.html', bytes('fifth page')),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'rejected', 'fulfilled']);
    const texts = results.map((r) => (r.status === 'fulfilled' ? r.value.text : null));
    expect(texts).toEqual(['first page', null, 'third page', null, 'fifth page']);
    const crash = (results[1] as PromiseRejectedResult).reason as DossierError;
    expect(crash.code).toBe('unreadable');
    expect(crash.message).toMatch(/^crash\.html: the parser failed on this file/u);
    expect(((results[3] as PromiseRejectedResult).reason as DossierError).message).toContain('the stand-in parser blew up');
    expect(pool.usable).toBe(true);
  });

  it('parses on the calling thread when its workers cannot start', async () => {
    const pool = new ParsePool({ kind: 'js', url: standIn('broken-worker.mjs') }, 2);
    pools.push(pool);
    const file = 'html/port-notice-short.htm';
    const expected = await parseFile({ fileName: 'notice.htm', bytes: fixture(file) });
    const [a, b] = await Promise.all([pool.parse('notice.htm', fixture(file)), pool.parse('notice.htm', fixture(file))]);
    expect(a).toEqual(expected);
    expect(b).toEqual(expected);
    expect(pool.usable).toBe(false);
    // From then on without trying workers again.
    expect(await pool.parse('notice.htm', fixture(file))).toEqual(expected);
  });
});

describe('import pipeline with parse workers', () => {
  it('imports a folder of pages through the workers in file order, with duplicates and near-duplicates found', async () => {
    const { dir, cleanup } = await makeTempDir();
    try {
      const folder = join(dir, 'pages');
      await mkdir(folder);
      const count = MIN_FILES_FOR_WORKERS + 4;
      const articles = Array.from({ length: count - 2 }, (_, i) => generateArticle(7000 + i));
      const pages = articles.map((a, i) => htmlPage(a, 7000 + i));
      // An exact copy of the first page and a syndicated copy of the second, at the end.
      const copy = syndicatedCopy(articles[1]!, 99);
      pages.push(pages[0]!, htmlPage({ ...articles[1]!, paragraphs: copy.split('\n\n').slice(1, -1).filter((p) => p.length > 200) }, 99));
      const names = pages.map((_, i) => `${String(i).padStart(2, '0')}-page.html`);
      await Promise.all(pages.map((page, i) => writeFile(join(folder, names[i]!), page)));

      const store = await NotebookStore.create(join(dir, 'nb'), { name: 'pool' });
      try {
        const handlers = createNotebookHandlers(store);
        const results = await handlers['articles.importPaths']({ paths: [folder] });
        expect(sharedParsePool()?.usable).toBe(true);
        expect(results.map((r) => r.file)).toEqual(names.map((n) => join(folder, n)));
        expect(results.slice(0, count - 2).every((r) => r.status === 'imported')).toBe(true);
        expect(results[count - 2]).toMatchObject({ status: 'duplicate', articleId: results[0]!.articleId });
        expect(results[count - 1]).toMatchObject({ status: 'imported', nearDuplicateOf: results[1]!.articleId });
        // What was stored is what the importer gives on this thread.
        const first = await store.getArticle(results[0]!.articleId!);
        const direct = await parseFile({ fileName: names[0]!, bytes: new Uint8Array(await readFile(join(folder, names[0]!))) });
        expect(first.text).toBe(direct.text);
        expect(first.title).toBe(direct.title);
        expect(store.listArticles()).toHaveLength(count - 1);
      } finally {
        await store.close();
      }
    } finally {
      await cleanup();
    }
  }, 60_000);
});
