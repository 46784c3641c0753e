/**
 * articles.editText and the review methods, through dispatch against a real notebook on disk:
 * highlights and claims follow an edited text, or stay where they were and wait for review.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AnchorReport, DossierEvent, ImportResult } from '../../../shared/api/contract';
import { dispatch } from '../../../shared/api/dispatch';
import type { Result } from '../../../shared/api/result';
import type { Annotation, ArticleSummary, Claim } from '../../../shared/model/schemas';
import { createNotebookHandlers, type NotebookHandlers } from '../../../electron/service/notebook-service';
import { NotebookStore } from '../../../electron/store/notebook-store';
import { makeTempDir } from '../../helpers/temp-dir';

const TEXT = `Port council backs terminal expansion

The city council of Klaipėda voted 71 to 48 on Tuesday to expand the liquefied gas terminal.

Minister Dovilė Žemaitytė said the decision "secures the winter for every household in the region".

Critics in the opposition called the plan rushed and asked for an independent audit of the costs.

The terminal operator expects the first ships of the new season in early spring.`;

const QUOTE_VOTE = 'voted 71 to 48 on Tuesday';
const QUOTE_MINISTER = 'secures the winter for every household';
const QUOTE_CRITICS = 'asked for an independent audit of the costs';

type EditOut = { article: ArticleSummary; anchors: AnchorReport[] };

describe('articles.editText and review', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let store: NotebookStore;
  let handlers: NotebookHandlers;
  let events: DossierEvent[];
  let articleId: string;

  async function call<T>(method: string, input: unknown): Promise<T> {
    const r = (await dispatch(handlers, method, input)) as Result<T>;
    if (!r.ok) throw new Error(`${method} failed: ${r.error.code} ${r.error.message}`);
    return r.value;
  }
  const callRaw = (method: string, input: unknown) => dispatch(handlers, method, input);
  const highlight = (quote: string) => call<Annotation>('annotations.create', { articleId, target: { quote } });
  const claim = (quote: string) => call<Claim>('claims.create', { articleId, target: { quote } });
  const edit = (text: string) => call<EditOut>('articles.editText', { id: articleId, text });
  const reportOf = (out: EditOut, id: string) => out.anchors.find((a) => a.id === id)!;
  const textNow = async () => (await store.getArticle(articleId)).text;

  beforeEach(async () => {
    ({ dir, cleanup } = await makeTempDir());
    store = await NotebookStore.create(join(dir, 'nb'), { name: 'Test' });
    events = [];
    handlers = createNotebookHandlers(store, { emit: (e) => events.push(e) });
    const [imported] = await call<ImportResult[]>('articles.import', { files: [{ name: 'a.txt', dataBase64: Buffer.from(TEXT).toString('base64') }] });
    articleId = imported!.articleId!;
  });
  afterEach(async () => {
    await store.close();
    await cleanup();
  });

  it('an insertion before the highlights shifts them, text and all, and the new text is stored with a new hash', async () => {
    const before = await store.getArticle(articleId);
    const a = await highlight(QUOTE_VOTE);
    const c = await claim(QUOTE_MINISTER);
    const inserted = 'UPDATED 15:40 with the final count. ';
    const newText = TEXT.replace('The city council', `${inserted}The city council`);
    events.length = 0;
    const out = await edit(newText);

    expect(out.article.length).toBe(newText.length);
    expect(out.article.contentHash).not.toBe(before.contentHash);
    expect(await textNow()).toBe(newText);
    expect(events).toContainEqual({ type: 'articles.changed' });

    expect(reportOf(out, a.id)).toMatchObject({ kind: 'annotation', status: 'anchored', needsReview: false, quote: QUOTE_VOTE });
    expect(reportOf(out, c.id)).toMatchObject({ kind: 'claim', status: 'anchored', needsReview: false });
    const [storedA] = await call<Annotation[]>('annotations.list', { articleId });
    expect(storedA!.target.start).toBe(a.target.start + inserted.length);
    expect(newText.slice(storedA!.target.start, storedA!.target.end)).toBe(QUOTE_VOTE);
    const [storedC] = await call<Claim[]>('claims.list', { articleId });
    expect(storedC!.target.start).toBe(c.target.start + inserted.length);
    expect(newText.slice(storedC!.target.start, storedC!.target.end)).toBe(QUOTE_MINISTER);

    // Survives a reopen: it is on disk, not only in the cache.
    await store.close();
    store = await NotebookStore.open(join(dir, 'nb'));
    handlers = createNotebookHandlers(store);
    const [reread] = await call<Annotation[]>('annotations.list', { articleId });
    expect(reread!.target).toEqual(storedA!.target);
  });

  it('a typo fixed inside a quote is applied as fuzzy, on the corrected text', async () => {
    const typoText = TEXT.replace('independent audit', 'independant audit');
    await edit(typoText); // the imported text had it right; start from the typo
    const a = await highlight('asked for an independant audit of the costs');
    const out = await edit(TEXT);
    const r = reportOf(out, a.id);
    expect(r.status).toBe('fuzzy');
    expect(r.needsReview).toBe(false);
    expect(r.score).toBeGreaterThanOrEqual(0.75);
    expect(r.score).toBeLessThan(1);
    const [stored] = await call<Annotation[]>('annotations.list', { articleId });
    expect(stored!.anchor.status).toBe('fuzzy');
    expect(stored!.target.exact).toBe(QUOTE_CRITICS);
    expect(TEXT.slice(stored!.target.start, stored!.target.end)).toBe(QUOTE_CRITICS);
  });

  it('a deleted passage orphans its highlight and claim: old target kept, nothing dropped, review needed', async () => {
    const a = await highlight(QUOTE_CRITICS);
    const keep = await highlight(QUOTE_VOTE);
    const c = await claim(QUOTE_CRITICS);
    const newText = TEXT.replace('\n\nCritics in the opposition called the plan rushed and asked for an independent audit of the costs.', '');
    const out = await edit(newText);

    expect(reportOf(out, a.id)).toMatchObject({ status: 'orphaned', needsReview: true, quote: QUOTE_CRITICS });
    expect(reportOf(out, c.id)).toMatchObject({ status: 'orphaned', needsReview: true });
    expect(reportOf(out, keep.id).status).toBe('anchored');
    const stored = await call<Annotation[]>('annotations.list', { articleId });
    expect(stored).toHaveLength(2);
    const orphan = stored.find((x) => x.id === a.id)!;
    expect(orphan.target).toEqual(a.target);
    expect(orphan.anchor.status).toBe('orphaned');
    const [storedClaim] = await call<Claim[]>('claims.list', { articleId });
    expect(storedClaim!.target).toEqual(c.target);

    // Editing again with the same text changes nothing and still reports the orphans.
    const again = await edit(newText);
    expect(reportOf(again, a.id)).toMatchObject({ status: 'orphaned', needsReview: true });
    expect(reportOf(again, keep.id)).toMatchObject({ status: 'anchored', needsReview: false });
  });

  it('review: accept applies the candidate, move applies a range, delete removes; accept refuses an anchored item', async () => {
    const a = await highlight('expects the first ships of the new season');
    const b = await highlight(QUOTE_CRITICS);
    const d = await highlight(QUOTE_VOTE);
    const c = await claim(QUOTE_CRITICS);
    // Rewrite the sentences enough that nothing is applied automatically.
    const newText = TEXT.replace('expects the first ships of the new season', 'expects the very first ship of a new season').replace(
      'Critics in the opposition called the plan rushed and asked for an independent audit of the costs.',
      'Opposition members want the spending looked at by someone outside.',
    );
    const out = await edit(newText);
    const ra = reportOf(out, a.id);
    expect(ra.needsReview).toBe(true);
    expect(ra.candidate?.exact).toContain('first ship');

    const accepted = await call<{ deleted: boolean; annotation: Annotation }>('annotations.review', { articleId, id: a.id, action: 'accept' });
    expect(accepted.deleted).toBe(false);
    expect(accepted.annotation.anchor.status).toBe('fuzzy');
    expect(newText.slice(accepted.annotation.target.start, accepted.annotation.target.end)).toBe(accepted.annotation.target.exact);
    expect(accepted.annotation.target.exact).toContain('first ship');

    const start = newText.indexOf('Opposition members');
    const moved = await call<{ annotation: Annotation }>('annotations.review', { articleId, id: b.id, action: 'move', start, end: start + 18 });
    expect(moved.annotation.target.exact).toBe('Opposition members');
    expect(moved.annotation.anchor).toEqual({ status: 'anchored', score: 1 });

    const refused = await callRaw('annotations.review', { articleId, id: d.id, action: 'accept' });
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.error.code).toBe('conflict');
    const badMove = await callRaw('annotations.review', { articleId, id: d.id, action: 'move', start: 5, end: newText.length + 10 });
    expect(!badMove.ok && badMove.error.code).toBe('invalid-input');

    const deleted = await call<{ deleted: boolean }>('annotations.review', { articleId, id: d.id, action: 'delete' });
    expect(deleted.deleted).toBe(true);
    expect((await call<Annotation[]>('annotations.list', { articleId })).map((x) => x.id).sort()).toEqual([a.id, b.id].sort());

    const claimMoved = await call<{ claim: Claim }>('claims.review', { articleId, id: c.id, action: 'move', start, end: start + 18 });
    expect(claimMoved.claim.target.exact).toBe('Opposition members');
    const claimDeleted = await call<{ deleted: boolean }>('claims.review', { articleId, id: c.id, action: 'delete' });
    expect(claimDeleted.deleted).toBe(true);
    expect(await call<Claim[]>('claims.list', { articleId })).toEqual([]);
  });

  it('refuses an empty text and leaves everything as it was', async () => {
    const a = await highlight(QUOTE_VOTE);
    const r = await callRaw('articles.editText', { id: articleId, text: '  \n ' });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.message).toMatch(/empty/);
    expect(await textNow()).toBe(TEXT);
    expect((await call<Annotation[]>('annotations.list', { articleId }))[0]!.target).toEqual(a.target);
  });

  it('maps noise ranges the edit left untouched and drops those it changed', async () => {
    const tail = TEXT.indexOf('The terminal operator');
    const critics = TEXT.indexOf('Critics');
    await call('articles.setNoise', { id: articleId, start: tail, end: TEXT.length, noise: true });
    await call('articles.setNoise', { id: articleId, start: critics, end: critics + 20, noise: true });
    const newText = `Breaking. ${TEXT.replace('Critics in the opposition', 'Critics within the opposition')}`;
    const out = await edit(newText);
    expect(out.article.noise).toHaveLength(1);
    const [n] = out.article.noise;
    expect(newText.slice(n!.start, n!.end)).toBe(TEXT.slice(tail));
  });

  it('repairs highlights left stale by a crash between the body and the shards when the edit is run again', async () => {
    const a = await highlight(QUOTE_MINISTER);
    const newText = `A new first paragraph, added later.\n\n${TEXT}`;
    // Simulate the crash: the body is replaced, the shard still holds the old selector.
    const article = await store.getArticle(articleId);
    await store.replaceArticle({ ...article, text: newText, length: newText.length });
    const out = await edit(newText);
    expect(reportOf(out, a.id)).toMatchObject({ status: 'anchored', needsReview: false });
    const [stored] = await call<Annotation[]>('annotations.list', { articleId });
    expect(newText.slice(stored!.target.start, stored!.target.end)).toBe(QUOTE_MINISTER);
  });
});
