import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DossierEvent, ImportResult } from '../../../shared/api/contract';
import { dispatch } from '../../../shared/api/dispatch';
import type { Result } from '../../../shared/api/result';
import { createNotebookHandlers, type NotebookHandlers } from '../../../electron/service/notebook-service';
import { NotebookStore } from '../../../electron/store/notebook-store';
import { makeTempDir } from '../../helpers/temp-dir';

const b64 = (text: string | Uint8Array) => Buffer.from(text).toString('base64');

const ARTICLE_A = `Port council backs terminal expansion
By Rasa Petrauskienė, Baltic Ledger
Published: 2026-03-14

The city council of Klaipėda voted 71 to 48 on Tuesday to expand the liquefied gas terminal.

Minister Dovilė Žemaitytė said the decision "secures the winter".`;

const ARTICLE_B = `# Opposition calls the vote rushed

The opposition in Klaipėda said the council had too little time to read the €310m plan.`;

describe('notebook service', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let store: NotebookStore;
  let handlers: NotebookHandlers;
  let events: DossierEvent[];
  const call = <T>(method: string, input: unknown) => dispatch(handlers, method, input) as Promise<Result<T>>;

  beforeEach(async () => {
    ({ dir, cleanup } = await makeTempDir());
    store = await NotebookStore.create(join(dir, 'nb'), { name: 'Test' });
    events = [];
    handlers = createNotebookHandlers(store, { emit: (e) => events.push(e) });
  });
  afterEach(async () => {
    await store.close();
    await cleanup();
  });

  it('imports text and Markdown, keeps diacritics, and recognises exact duplicates across and within batches', async () => {
    const first = await call<ImportResult[]>('articles.import', {
      files: [
        { name: 'a.txt', dataBase64: b64(ARTICLE_A) },
        { name: 'b.md', dataBase64: b64(ARTICLE_B) },
        { name: 'a-copy.txt', dataBase64: b64(ARTICLE_A) },
      ],
    });
    expect(first.ok).toBe(true);
    const results = first.ok ? first.value : [];
    expect(results.map((r) => r.status)).toEqual(['imported', 'imported', 'duplicate']);
    expect(results[2]?.articleId).toBe(results[0]?.articleId);
    expect(results[0]?.title).toBe('Port council backs terminal expansion');

    expect(events.filter((e) => e.type === 'import.progress')).toHaveLength(3);
    const again = await call<ImportResult[]>('articles.import', { files: [{ name: 'a.txt', dataBase64: b64(ARTICLE_A) }] });
    expect(again.ok && again.value[0]?.status).toBe('duplicate');

    const list = await call<{ total: number; items: Array<{ id: string; title: string }> }>('articles.list', {});
    expect(list.ok && list.value.total).toBe(2);
    const article = await store.getArticle(results[0]!.articleId!);
    expect(article.text).toContain('Klaipėda');
    expect(article.text).toContain('Dovilė Žemaitytė');
    expect(events.some((e) => e.type === 'articles.changed')).toBe(true);
  });

  it('reports a bad file by name and still imports the others', async () => {
    const binary = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0, 1, 2, 3, 0, 0, 0, 0]);
    const result = await call<ImportResult[]>('articles.import', {
      files: [
        { name: 'photo.txt', dataBase64: b64(binary) },
        { name: 'empty.txt', dataBase64: '' },
        { name: 'good.txt', dataBase64: b64(ARTICLE_A) },
      ],
    });
    expect(result.ok).toBe(true);
    const [photo, empty, good] = result.ok ? result.value : [];
    expect(photo?.status).toBe('error');
    expect(photo?.error).toContain('photo.txt');
    expect(empty?.status).toBe('error');
    expect(empty?.error).toContain('empty.txt');
    expect(good?.status).toBe('imported');
    expect(store.listArticles()).toHaveLength(1);
  });

  it('imports from paths, walking folders, and names a missing path', async () => {
    const folder = join(dir, 'incoming');
    await import('node:fs/promises').then((fs) => fs.mkdir(join(folder, 'sub'), { recursive: true }));
    await writeFile(join(folder, 'a.txt'), ARTICLE_A);
    await writeFile(join(folder, 'sub', 'b.md'), ARTICLE_B);
    await writeFile(join(folder, 'ignored.bin'), 'x');
    const missing = join(dir, 'nope.txt');
    const result = await call<ImportResult[]>('articles.importPaths', { paths: [folder, missing] });
    expect(result.ok).toBe(true);
    const statuses = result.ok ? result.value.map((r) => [r.file.replace(dir, ''), r.status]) : [];
    expect(statuses).toEqual([
      ['/incoming/a.txt', 'imported'],
      ['/incoming/sub/b.md', 'imported'],
      ['/nope.txt', 'error'],
    ]);
    expect(result.ok && result.value[2]?.error).toMatch(/nope\.txt: no such file/);
  });

  it('highlights the first occurrence of a quote with its context, and refuses a quote that is not there', async () => {
    const imported = await call<ImportResult[]>('articles.import', { files: [{ name: 'a.txt', dataBase64: b64(ARTICLE_A) }] });
    const articleId = imported.ok ? imported.value[0]!.articleId! : '';
    const tag = await call<{ id: string }>('tags.create', { name: 'Vote' });
    const sameTag = await call<{ id: string }>('tags.create', { name: 'vote' });
    expect(tag.ok && sameTag.ok && sameTag.value.id === tag.value.id).toBe(true);

    const created = await call<{ id: string; target: { exact: string; start: number; prefix: string } }>('annotations.create', {
      articleId,
      target: { quote: '71 to 48' },
      tags: [tag.ok ? tag.value.id : ''],
    });
    expect(created.ok).toBe(true);
    const annotation = created.ok ? created.value : null;
    expect(annotation?.target.exact).toBe('71 to 48');
    expect(annotation?.target.prefix.endsWith('voted ')).toBe(true);
    expect((await store.listAnnotations(articleId)).map((a) => a.id)).toEqual([annotation?.id]);

    const missing = await call('annotations.create', { articleId, target: { quote: '72 to 47' } });
    expect(missing).toMatchObject({ ok: false, error: { code: 'not-found' } });
    const badRange = await call('annotations.create', { articleId, target: { start: 10, end: 100000 } });
    expect(badRange).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    const unknownTag = await call('annotations.create', { articleId, target: { quote: 'Tuesday' }, tags: ['no-such-tag'] });
    expect(unknownTag).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('makes a claim whose statement defaults to the quoted words', async () => {
    const imported = await call<ImportResult[]>('articles.import', { files: [{ name: 'a.txt', dataBase64: b64(ARTICLE_A) }] });
    const articleId = imported.ok ? imported.value[0]!.articleId! : '';
    const claim = await call<{ statement: string; speaker: string | null; kind: string; status: string }>('claims.create', {
      articleId,
      target: { quote: 'secures the winter' },
      speaker: 'Dovilė Žemaitytė',
      kind: 'quote',
    });
    expect(claim).toMatchObject({ ok: true, value: { statement: 'secures the winter', speaker: 'Dovilė Žemaitytė', kind: 'quote', status: 'unverified' } });
    const all = await call<unknown[]>('claims.list', {});
    expect(all.ok && all.value).toHaveLength(1);
  });

  it('corrects metadata and rejects unknown fields through the contract', async () => {
    const imported = await call<ImportResult[]>('articles.import', { files: [{ name: 'a.txt', dataBase64: b64(ARTICLE_A) }] });
    const id = imported.ok ? imported.value[0]!.articleId! : '';
    const updated = await call<{ outlet: string }>('articles.updateMeta', { id, patch: { outlet: 'Baltic Ledger (corrected)' } });
    expect(updated).toMatchObject({ ok: true, value: { outlet: 'Baltic Ledger (corrected)' } });
    const rejected = await call('articles.updateMeta', { id, patch: { text: 'sneaky' } });
    expect(rejected).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    const missing = await call('articles.get', { id: 'no-such-article' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });
});
