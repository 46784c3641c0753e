/**
 * The import pipeline of issue 3 through the service's handlers: noise flagged at import with the
 * notebook's context, boilerplate re-detected in older articles, dismissals and manual noise kept,
 * near-duplicates linked, batches cancelled, pastes, setNoise, and the cache behind it all.
 */
import { readFileSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DossierEvent, ImportResult } from '../../../shared/api/contract';
import { dispatch } from '../../../shared/api/dispatch';
import type { Result } from '../../../shared/api/result';
import type { ArticleSummary, NoiseRange } from '../../../shared/model/schemas';
import { ImportIndex, IMPORT_INDEX_FILE } from '../../../electron/service/import-index';
import { createNotebookHandlers, type NotebookHandlers } from '../../../electron/service/notebook-service';
import { NotebookStore } from '../../../electron/store/notebook-store';
import { generateArticle, OUTLETS, syndicatedCopy } from '../../bench/news-corpus';
import { makeTempDir } from '../../helpers/temp-dir';

const b64 = (text: string): string => Buffer.from(text).toString('base64');
const SAMPLE = join(__dirname, '../../../resources/sample');
const sample = (name: string): string => readFileSync(join(SAMPLE, name), 'utf8');

const FOOTER = 'The Tidewater Gazette is an independent paper owned by its readers.';
const tidewater = OUTLETS[0]!;

/** A short article of its own; with the Tidewater footer when `footer`. */
function story(seed: number, footer: boolean): string {
  return generateArticle(seed, { size: 900, noise: false, footer, outlet: tidewater }).text;
}

function flagged(text: string, noise: readonly NoiseRange[]): Array<{ kind: string; text: string }> {
  return noise.map((r) => ({ kind: r.kind, text: text.slice(r.start, r.end) }));
}

describe('import pipeline (issue 3)', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let store: NotebookStore;
  let handlers: NotebookHandlers;
  let events: DossierEvent[];

  async function call<T>(method: string, input: unknown): Promise<T> {
    const result = (await dispatch(handlers, method, input)) as Result<T>;
    if (!result.ok) throw new Error(`${method} failed: ${result.error.code}: ${result.error.message}`);
    return result.value;
  }
  async function callError(method: string, input: unknown): Promise<{ code: string; message: string }> {
    const result = (await dispatch(handlers, method, input)) as Result<unknown>;
    if (result.ok) throw new Error(`${method} succeeded but should have failed`);
    return result.error;
  }
  const importTexts = (files: Array<[string, string]>, batchId?: string): Promise<ImportResult[]> =>
    call<ImportResult[]>('articles.import', { files: files.map(([name, text]) => ({ name, dataBase64: b64(text) })), ...(batchId ? { batchId } : {}) });
  const summary = (id: string): ArticleSummary => store.getArticleSummary(id)!;
  const textOf = async (id: string): Promise<string> => (await store.getArticle(id)).text;

  beforeEach(async () => {
    ({ dir, cleanup } = await makeTempDir());
    store = await NotebookStore.create(join(dir, 'nb'), { name: 'Import test' });
    events = [];
    handlers = createNotebookHandlers(store, { emit: (e) => events.push(e) });
  });
  afterEach(async () => {
    await store.close();
    await cleanup();
  });

  it('flags the ads, related news, share buttons and repeated promo of a saved news page at import, and none of its story', async () => {
    const text = sample('03-harbour-times-port-reaction.txt');
    const [r] = await importTexts([['harbour.txt', text]]);
    expect(r?.status).toBe('imported');
    const article = await store.getArticle(r!.articleId!);
    expect(article.text).toBe(text); // never altered
    const kinds = flagged(text, article.noise);
    expect(kinds).toContainEqual({ kind: 'ad', text: 'ADVERTISEMENT\nSpring sale at Marių Baldai: up to 40% off garden furniture. Visit our showroom on Taikos Avenue.\nADVERTISEMENT' });
    expect(kinds).toContainEqual({ kind: 'navigation', text: 'Home | News | Port | Business | Sport | Weather | Subscribe' });
    expect(kinds).toContainEqual({ kind: 'navigation', text: 'Share on Facebook | Share on X | Share by email | Copy link' });
    expect(kinds.filter((k) => k.kind === 'repeated' && k.text === 'Get the Harbour Times app: news from the port, first.')).toHaveLength(3);
    expect(kinds.some((k) => k.text.startsWith('Related news: Ferry timetable'))).toBe(true);
    for (const range of article.noise) expect(range.reason.length).toBeGreaterThan(5);
    const noiseText = kinds.map((k) => k.text).join('\n');
    expect(noiseText).not.toContain('Stankūnas');
    expect(noiseText).not.toContain('Rimkutė');
    expect(noiseText).not.toContain('310 million euros');
  });

  it('flags a footer found in 5 of 6 articles in all of them, older articles included, and the reader list learns of it', async () => {
    const first = await importTexts([
      ['s1.txt', story(1, true)],
      ['s2.txt', story(2, true)],
    ]);
    // Two articles are not yet a pattern.
    for (const r of first) expect(flagged(await textOf(r.articleId!), summary(r.articleId!).noise)).toEqual([]);

    events = [];
    const second = await importTexts([
      ['s3.txt', story(3, true)],
      ['s4.txt', story(4, false)],
      ['s5.txt', story(5, true)],
      ['s6.txt', story(6, true)],
    ]);
    expect(second.map((r) => r.status)).toEqual(['imported', 'imported', 'imported', 'imported']);
    const all = [...first, ...second];
    for (const [i, r] of all.entries()) {
      const ranges = flagged(await textOf(r.articleId!), summary(r.articleId!).noise);
      if (i === 3) expect(ranges).toEqual([]);
      else expect(ranges).toEqual([{ kind: 'boilerplate', text: FOOTER }]);
    }
    // The older ones' records changed: lists reload.
    expect(events.filter((e) => e.type === 'articles.changed')).toHaveLength(1);
    const reason = summary(all[0]!.articleId!).noise[0]!.reason;
    expect(reason).toMatch(/appears in 5 of 6 articles/);
  });

  it('keeps a dismissed footer dismissed and a manual range in place when later imports re-flag the footer', async () => {
    const rs = await importTexts([1, 2, 3].map((i) => [`s${i}.txt`, story(i, true)] as [string, string]));
    const a = rs[0]!.articleId!;
    const aText = await textOf(a);
    const footerAt = aText.indexOf(FOOTER);
    expect(flagged(aText, summary(a).noise)).toEqual([{ kind: 'boilerplate', text: FOOTER }]);

    // The analyst says the footer of this one is not noise, and marks a paragraph as noise by hand.
    const unmarked = await call<ArticleSummary>('articles.setNoise', { id: a, start: footerAt + 4, end: footerAt + 10, noise: false });
    expect(unmarked.noise).toEqual([]);
    expect(unmarked.noiseDismissed).toEqual([{ start: footerAt, end: footerAt + FOOTER.length }]);
    const para = aText.indexOf('\n\n') + 2;
    const paraEnd = aText.indexOf('\n', para);
    await call<ArticleSummary>('articles.setNoise', { id: a, start: para, end: paraEnd, noise: true, reason: 'header block' });

    // Ten unrelated articles: the footer falls below 30% of the notebook and is unflagged everywhere...
    await importTexts(Array.from({ length: 10 }, (_, i) => [`other${i}.txt`, generateArticle(100 + i, { size: 900, noise: false, footer: false, outlet: OUTLETS[1]! }).text] as [string, string]));
    expect(summary(rs[1]!.articleId!).noise).toEqual([]);
    // ...three more with it bring it back above: flagged again in the others, still not in the dismissed one.
    await importTexts([4, 5, 6].map((i) => [`s${i}.txt`, story(i, true)] as [string, string]));
    const bText = await textOf(rs[1]!.articleId!);
    expect(flagged(bText, summary(rs[1]!.articleId!).noise)).toEqual([{ kind: 'boilerplate', text: FOOTER }]);
    expect(summary(a).noise).toEqual([{ start: para, end: paraEnd, kind: 'manual', reason: 'header block' }]);
    expect(summary(a).noiseDismissed).toEqual([{ start: footerAt, end: footerAt + FOOTER.length }]);
  });

  it('links a syndicated copy to the earlier article with its similarity, and leaves a retold story unlinked', async () => {
    const wire = sample('01-nordic-energy-wire-seimas-approves.txt');
    const retold = sample('02-coastline-daily-wire-retold.txt');
    const copy = wire
      .replace(/^.*\n.*\n/, 'Seimas backs bigger Klaipeda gas terminal\nBy Staff | Baltic Morning Post\n')
      .replace('after a debate that ran for more than five hours', 'after a debate of over five hours')
      .replace('welcomed the vote', 'praised the vote')
      .replace('Environmental groups said', 'Green groups said')
      .concat('\nADVERTISEMENT: Subscribe to the Morning Post energy newsletter today\n');
    const [original] = await importTexts([['wire.txt', wire]]);
    // Within one batch too: the copy and the retold story arrive together.
    const [near, other] = await importTexts([
      ['copy.txt', copy],
      ['retold.txt', retold],
    ]);
    expect(near?.status).toBe('imported');
    expect(near?.nearDuplicateOf).toBe(original!.articleId);
    expect(near?.similarity).toBeGreaterThanOrEqual(0.7);
    expect(near?.similarity).toBeLessThan(1);
    expect(summary(near!.articleId!)).toMatchObject({ nearDuplicateOf: original!.articleId, nearDuplicateSimilarity: near!.similarity });
    expect(other).toMatchObject({ status: 'imported', nearDuplicateOf: null, similarity: null });
    expect(summary(other!.articleId!).nearDuplicateOf).toBeNull();
    expect(summary(original!.articleId!).nearDuplicateOf).toBeNull();
    // The copy's added ad line is flagged; the copy itself is stored whole.
    expect(await textOf(near!.articleId!)).toBe(copy);
  });

  it('links near-duplicates within a single batch to the earliest article, and an exact copy is a duplicate, not a near one', async () => {
    const base = generateArticle(7);
    const [a, b, c] = await importTexts([
      ['a.txt', base.text],
      ['b.txt', syndicatedCopy(base, 3)],
      ['c.txt', base.text],
    ]);
    expect(a).toMatchObject({ status: 'imported', nearDuplicateOf: null });
    expect(b).toMatchObject({ status: 'imported', nearDuplicateOf: a!.articleId });
    expect(b!.similarity).toBeGreaterThan(0.6);
    expect(c).toMatchObject({ status: 'duplicate', articleId: a!.articleId, nearDuplicateOf: null, similarity: null });
    expect(store.listArticles()).toHaveLength(2);
  });

  it('cancels a running batch: files not started are reported cancelled, and the notebook holds exactly the imported ones', async () => {
    const files = Array.from({ length: 120 }, (_, i) => [`f${i}.txt`, generateArticle(500 + i, { size: 1500 }).text] as [string, string]);
    let cancelReply: Promise<Result<unknown>> | null = null;
    let scheduled = false;
    handlers = createNotebookHandlers(store, {
      emit: (e) => {
        events.push(e);
        // The UI's cancel arrives while the batch runs, as a message does (a macrotask, like IPC):
        // it is served only because the pipeline yields to the event loop between files.
        if (e.type === 'import.progress' && !scheduled) {
          scheduled = true;
          setTimeout(() => (cancelReply = dispatch(handlers, 'articles.cancelImport', { batchId: 'batch-1' })), 0);
        }
      },
    });
    const results = await importTexts(files, 'batch-1');
    expect(await cancelReply).toEqual({ ok: true, value: { cancelled: true } });
    const imported = results.filter((r) => r.status === 'imported');
    const cancelled = results.filter((r) => r.status === 'cancelled');
    expect(imported.length).toBeGreaterThanOrEqual(1);
    // Within a few files of the request (50 files would mean it waited for the first store write).
    expect(imported.length).toBeLessThan(25);
    expect(cancelled.length).toBe(files.length - imported.length);
    expect(cancelled.every((r) => r.articleId === null && r.error === null)).toBe(true);
    // Results keep the files' order: the imported ones come first.
    expect(results.slice(0, imported.length).every((r) => r.status === 'imported')).toBe(true);
    expect(store.listArticles().map((a) => a.id).sort()).toEqual(imported.map((r) => r.articleId).sort());
    const progress = events.filter((e): e is Extract<DossierEvent, { type: 'import.progress' }> => e.type === 'import.progress');
    expect(progress).toHaveLength(files.length);
    expect(progress.every((e) => e.batchId === 'batch-1' && e.total === files.length)).toBe(true);
    // A finished batch can no longer be cancelled; a new batch under the same id runs normally.
    expect(await call('articles.cancelImport', { batchId: 'batch-1' })).toEqual({ cancelled: false });
    const again = await importTexts([files[100]!], 'batch-1');
    expect(again[0]?.status).toBe('imported');
  });

  it('serves other calls during a long import', async () => {
    const files = Array.from({ length: 120 }, (_, i) => [`g${i}.txt`, generateArticle(900 + i, { size: 1500 }).text] as [string, string]);
    let served: { progressSoFar: number; total: number } | null = null;
    let scheduled = false;
    handlers = createNotebookHandlers(store, {
      emit: (e) => {
        events.push(e);
        if (e.type !== 'import.progress' || scheduled) return;
        scheduled = true;
        // The UI reloading its list while the import runs (a macrotask, as an IPC message is).
        setTimeout(() => {
          void dispatch(handlers, 'articles.list', {}).then((r) => {
            served = { progressSoFar: events.filter((x) => x.type === 'import.progress').length, total: r.ok ? (r.value as { total: number }).total : -1 };
          });
        }, 0);
      },
    });
    await importTexts(files, 'long');
    expect(served).not.toBeNull();
    expect(served!.progressSoFar).toBeLessThan(25);
    expect(served!.total).toBeLessThan(files.length);
  });

  it('imports pasted text through the same pipeline: noise, duplicates, and a clear error for an empty paste', async () => {
    const text = sample('03-harbour-times-port-reaction.txt');
    const pasted = await call<ImportResult>('articles.paste', { text });
    expect(pasted).toMatchObject({ file: 'Pasted content', status: 'imported', title: 'Klaipėda reacts: port cheers, lagoon campaigners vow to fight "Second Berth"' });
    const article = await store.getArticle(pasted.articleId!);
    expect(article.source.fileName).toBe('Pasted content');
    expect(article.noise.some((r) => r.kind === 'ad')).toBe(true);
    expect(await call<ImportResult>('articles.paste', { text })).toMatchObject({ status: 'duplicate', articleId: pasted.articleId });
    // The same text from a file is a duplicate of the pasted one.
    expect((await importTexts([['harbour.txt', text]]))[0]).toMatchObject({ status: 'duplicate', articleId: pasted.articleId });
    const titled = await call<ImportResult>('articles.paste', { text: 'Short note\n\nThe quay reopened at 6:00 on Friday, the harbour master said.', title: 'Quay note' });
    expect(titled).toMatchObject({ status: 'imported', title: 'Quay note' });
    const empty = await call<ImportResult>('articles.paste', { text: '  \n ' });
    expect(empty).toMatchObject({ file: 'Pasted content', status: 'error', articleId: null });
    expect(empty.error).toMatch(/^Pasted content: .*no text/);
    // HTML copied from a page: its text, the same noise rules.
    const html = await call<ImportResult>('articles.paste', {
      html: '<h1>Ferry fares rise</h1><p>The Smiltynė ferry will cost 2.10 euros from May, the operator said on Monday.</p><p>ADVERTISEMENT</p><p>Share on Facebook | Share on X | Copy link</p>',
    });
    expect(html).toMatchObject({ status: 'imported', title: 'Ferry fares rise' });
    const pastedHtml = await store.getArticle(html.articleId!);
    expect(pastedHtml.source.mediaType).toBe('text/html');
    expect(pastedHtml.text).toContain('2.10 euros');
    expect(flagged(pastedHtml.text, pastedHtml.noise).map((n) => n.kind)).toEqual(['ad', 'navigation']);
    expect(store.listArticles()).toHaveLength(3);
  });

  it('setNoise: marks (merging manual ranges), unmarks (detected or manual), validates the range, and tells lists to reload', async () => {
    const text = sample('03-harbour-times-port-reaction.txt');
    const [r] = await importTexts([['harbour.txt', text]]);
    const id = r!.articleId!;
    const detected = summary(id).noise.length;
    const para = text.indexOf('The mood on the southern quay');
    events = [];

    const marked = await call<ArticleSummary>('articles.setNoise', { id, start: para, end: para + 20, noise: true });
    expect(marked.noise.filter((n) => n.kind === 'manual')).toEqual([{ start: para, end: para + 20, kind: 'manual', reason: 'marked as noise by the analyst' }]);
    expect(events).toEqual([{ type: 'articles.changed' }]);
    const merged = await call<ArticleSummary>('articles.setNoise', { id, start: para + 10, end: para + 40, noise: true, reason: 'scene-setting' });
    expect(merged.noise.filter((n) => n.kind === 'manual')).toEqual([{ start: para, end: para + 40, kind: 'manual', reason: 'scene-setting' }]);
    expect(merged.noise).toHaveLength(detected + 1);
    // Persisted in the catalogue.
    expect(summary(id).noise).toEqual(merged.noise);

    // Unmarking the ad block's middle removes the whole detected range and remembers it.
    const ad = summary(id).noise.find((n) => n.kind === 'ad')!;
    const afterAd = await call<ArticleSummary>('articles.setNoise', { id, start: ad.start + 15, end: ad.start + 16, noise: false });
    expect(afterAd.noise.some((n) => n.kind === 'ad' && n.start === ad.start)).toBe(false);
    expect(afterAd.noiseDismissed).toEqual([{ start: ad.start, end: ad.end }]);
    // Unmarking the manual range removes it too.
    const afterManual = await call<ArticleSummary>('articles.setNoise', { id, start: para, end: para + 1, noise: false });
    expect(afterManual.noise.some((n) => n.kind === 'manual')).toBe(false);
    // Marking a dismissed span as noise again takes it out of the dismissed list.
    const remarked = await call<ArticleSummary>('articles.setNoise', { id, start: ad.start, end: ad.end, noise: true });
    expect(remarked.noiseDismissed.some((d) => d.start === ad.start)).toBe(false);

    expect(await callError('articles.setNoise', { id, start: 10, end: text.length + 1, noise: true })).toMatchObject({
      code: 'invalid-input',
      message: expect.stringContaining(`(${text.length} characters)`),
    });
    expect((await callError('articles.setNoise', { id, start: 30, end: 30, noise: true })).code).toBe('invalid-input');
    expect((await callError('articles.setNoise', { id, start: 40, end: 30, noise: false })).code).toBe('invalid-input');
    expect((await callError('articles.setNoise', { id: 'no-such-article', start: 0, end: 1, noise: true })).code).toBe('not-found');
    expect((await callError('articles.setNoise', { id, start: -1, end: 3, noise: true })).code).toBe('invalid-input');
  });

  it('caches the index, reloads it, and rebuilds it when it is missing, unreadable or stale', async () => {
    const rs = await importTexts([1, 2].map((i) => [`s${i}.txt`, story(i, true)] as [string, string]));
    const cachePath = join(store.dir, 'cache', IMPORT_INDEX_FILE);
    const cached = JSON.parse(await readFile(cachePath, 'utf8')) as { notebookId: string; articles: unknown[] };
    expect(cached.notebookId).toBe(store.meta().id);
    expect(cached.articles).toHaveLength(2);

    const loaded = await ImportIndex.load(store);
    expect(loaded.origin).toBe('cache');
    expect(loaded.countOf('the tidewater gazette is an independent paper owned by its readers.')).toBe(2);

    await rm(cachePath);
    expect((await ImportIndex.load(store)).origin).toBe('rebuilt-missing');
    await writeFile(cachePath, '{"format": "dossier-import-index", "version": 1, "notebo');
    const rebuilt = await ImportIndex.load(store);
    expect(rebuilt.origin).toBe('rebuilt-unreadable');
    expect(rebuilt.countOf('the tidewater gazette is an independent paper owned by its readers.')).toBe(2);

    // A notebook reopened with a broken cache still counts the earlier articles: a third with the
    // footer makes it boilerplate in all three.
    await store.close();
    store = await NotebookStore.open(join(dir, 'nb'));
    handlers = createNotebookHandlers(store, { emit: (e) => events.push(e) });
    const [third] = await importTexts([['s3.txt', story(3, true)]]);
    for (const id of [rs[0]!.articleId!, rs[1]!.articleId!, third!.articleId!]) {
      expect(flagged(await textOf(id), summary(id).noise)).toEqual([{ kind: 'boilerplate', text: FOOTER }]);
    }

    // Articles added behind the pipeline's back make the cache stale.
    const extra = await store.getArticle(third!.articleId!);
    await store.addArticles([{ ...extra, id: 'added-by-hand', contentHash: 'sha256:other', nearDuplicateOf: null }]);
    expect((await ImportIndex.load(store)).origin).toBe('rebuilt-stale');
  });

  it('reports the files of a failed store write as errors, keeps going, and forgets them so a retry imports them', async () => {
    const files = Array.from({ length: 130 }, (_, i) => [`h${i}.txt`, generateArticle(2000 + i, { size: 800 }).text] as [string, string]);
    const real = store.addArticles.bind(store);
    let calls = 0;
    store.addArticles = async (articles) => {
      calls++;
      if (calls === 2) throw new Error('disk full');
      return real(articles);
    };
    const results = await importTexts(files);
    store.addArticles = real;
    const failed = results.filter((r) => r.status === 'error');
    expect(failed).toHaveLength(50); // the second chunk of 50
    expect(failed.every((r) => r.error === 'could not be saved: disk full' && r.articleId === null)).toBe(true);
    expect(results.filter((r) => r.status === 'imported')).toHaveLength(80);
    expect(store.listArticles()).toHaveLength(80);
    const progress = events.filter((e) => e.type === 'import.progress' && e.status === 'error');
    expect(progress).toHaveLength(50);
    // Nothing of the failed files lingers: not a duplicate, not a near-duplicate target.
    const retry = await importTexts(failed.map((r) => files.find(([name]) => name === r.file)!));
    expect(retry.every((r) => r.status === 'imported' && r.nearDuplicateOf === null)).toBe(true);
    expect(store.listArticles()).toHaveLength(130);
  });

  it('runs batches one after another: two concurrent imports of the same file store it once', async () => {
    const text = story(42, false);
    const [x, y] = await Promise.all([importTexts([['x.txt', text]], 'x'), importTexts([['y.txt', text]], 'y')]);
    expect([x[0]?.status, y[0]?.status].sort()).toEqual(['duplicate', 'imported']);
    expect(store.listArticles()).toHaveLength(1);
    expect((await callError('articles.cancelImport', { batchId: '' })).code).toBe('invalid-input');
  });
});
