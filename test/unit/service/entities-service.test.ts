/** Entities, alias decisions, discrepancies and the timeline through dispatch, on a real notebook folder. */
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DossierEvent } from '../../../shared/api/contract';
import type { AliasProposalView, DiscrepancyView, EntityDetail, EntitySummary, TimelineEntry } from '../../../shared/api/methods/entities';
import { dispatch } from '../../../shared/api/dispatch';
import type { Result } from '../../../shared/api/result';
import type { Claim } from '../../../shared/model/schemas';
import { createNotebookHandlers, type NotebookHandlers } from '../../../electron/service/notebook-service';
import { NotebookStore } from '../../../electron/store/notebook-store';
import { makeArticle } from '../../helpers/store-fixtures';
import { makeTempDir } from '../../helpers/temp-dir';
import { LEDGER, NORDPRESS, WEATHER } from './entities-fixtures';


describe('entities service', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let store: NotebookStore;
  let handlers: NotebookHandlers;
  let events: DossierEvent[];
  const call = async <T>(method: string, input: unknown = {}): Promise<T> => {
    const result = (await dispatch(handlers, method, input)) as Result<T>;
    if (!result.ok) throw new Error(`${method} failed: ${result.error.code}: ${result.error.message}`);
    return result.value;
  };
  const cacheFile = (id: string) => join(dir, 'nb', 'cache', 'entities', `${id}.json`);

  beforeEach(async () => {
    ({ dir, cleanup } = await makeTempDir());
    store = await NotebookStore.create(join(dir, 'nb'), { name: 'Entities' });
    await store.addArticles([
      makeArticle('ledger', LEDGER, { title: 'Parliament backs terminal', outlet: 'Baltic Ledger', publishedAt: '2026-03-12' }),
      makeArticle('nordpress', NORDPRESS, { title: 'Terminal vote passes', outlet: 'Nordpress', publishedAt: '2026-03-13' }),
    ]);
    events = [];
    handlers = createNotebookHandlers(store, { emit: (e) => events.push(e) });
  });
  afterEach(async () => {
    await store.close();
    await cleanup();
  });

  it('lists entities with mentions, and proposes the two spellings of the minister as one person', async () => {
    const people = await call<EntitySummary[]>('entities.list', { kind: 'person' });
    expect(people.map((p) => p.name)).toEqual(expect.arrayContaining(['Dovilė Žemaitytė', 'Dovile Zemaityte']));
    const zem = people.find((p) => p.name === 'Dovilė Žemaitytė')!;
    // The lone surname in the second sentence resolves to the full name.
    expect(zem).toMatchObject({ mentionCount: 2, articleCount: 1, aliases: [] });
    expect((await call<EntitySummary[]>('entities.list', { query: 'zemaityte' })).map((e) => e.name).sort()).toEqual(['Dovile Zemaityte', 'Dovilė Žemaitytė']);

    const proposals = await call<AliasProposalView[]>('entities.proposals', {});
    const p = proposals.find((x) => x.names.some((n) => n.name === 'Dovilė Žemaitytė'))!;
    expect(p).toMatchObject({ kind: 'person', status: 'pending', reason: 'diacritics' });
    expect(p.names.map((n) => [n.name, n.mentionCount, n.examples[0]!.outlet])).toEqual([
      ['Dovilė Žemaitytė', 2, 'Baltic Ledger'],
      ['Dovile Zemaityte', 1, 'Nordpress'],
    ]);
    expect(p.names[1]!.examples[0]!.context).toBe('Minister Dovile Zemaityte told reporters that parliament in Vilnius voted 69 to 50 to expand the Klaipėda terminal.');

    const detail = await call<EntityDetail>('entities.get', { id: zem.id });
    expect(detail.mentions.map((m) => m.text)).toEqual(['Dovilė Žemaitytė', 'Žemaitytė']);
    expect(detail.contexts[1]!.sentence).toBe('Žemaitytė called the decision vital for the winter.');
    expect(LEDGER.slice(detail.contexts[1]!.sentenceStart, detail.contexts[1]!.sentenceEnd)).toBe(detail.contexts[1]!.sentence);
    expect(detail.articles).toEqual([{ id: 'ledger', title: 'Parliament backs terminal', outlet: 'Baltic Ledger', publishedAt: '2026-03-12' }]);
  });

  it('applies a confirmation everywhere and survives a reopen; a rejection removes the proposal', async () => {
    const [p] = (await call<AliasProposalView[]>('entities.proposals', {})).filter((x) => x.kind === 'person');
    const decided = await call<{ entityId: string }>('entities.decide', { proposalId: p!.id, decision: 'confirm' });
    const merged = await call<EntityDetail>('entities.get', { id: decided.entityId });
    expect(merged).toMatchObject({ name: 'Dovilė Žemaitytė', aliases: ['Dovile Zemaityte'] });
    expect(merged.mentions.map((m) => m.articleId)).toEqual(['ledger', 'ledger', 'nordpress']);
    // The id of the merged-away spelling still finds the entity.
    expect((await call<EntityDetail>('entities.get', { id: p!.names[1]!.entityId })).id).toBe(merged.id);
    expect((await call<AliasProposalView[]>('entities.proposals', { status: 'pending' })).some((x) => x.id === p!.id)).toBe(false);
    expect(events.some((e) => e.type === 'entities.changed')).toBe(true);
    const onDisk = JSON.parse(await readFile(join(dir, 'nb', 'entities.json'), 'utf8')) as { decisions: { decision: string; names: string[] }[] };
    expect(onDisk.decisions).toMatchObject([{ decision: 'confirm', names: ['Dovilė Žemaitytė', 'Dovile Zemaityte'] }]);

    // A fresh service over the reopened notebook applies the stored decision.
    await store.close();
    store = await NotebookStore.open(join(dir, 'nb'));
    handlers = createNotebookHandlers(store);
    const people = await call<EntitySummary[]>('entities.list', { kind: 'person', query: 'Zemaityte' });
    expect(people).toHaveLength(1);
    expect(people[0]).toMatchObject({ name: 'Dovilė Žemaitytė', aliases: ['Dovile Zemaityte'], mentionCount: 3, articleCount: 2 });

    // Split the alias off again: two entities, and no proposal joins them any more.
    const split = await call<EntitySummary>('entities.split', { id: people[0]!.id, name: 'Dovile Zemaityte' });
    expect(split).toMatchObject({ name: 'Dovilė Žemaitytė', aliases: [] });
    expect(await call<EntitySummary[]>('entities.list', { kind: 'person', query: 'Zemaityte' })).toHaveLength(2);
    expect((await call<AliasProposalView[]>('entities.proposals', {})).filter((x) => x.kind === 'person')).toEqual([]);
  });

  it('rejecting a proposal keeps the spellings apart', async () => {
    const [p] = (await call<AliasProposalView[]>('entities.proposals', {})).filter((x) => x.kind === 'person');
    await call('entities.decide', { proposalId: p!.id, decision: 'reject' });
    expect((await call<AliasProposalView[]>('entities.proposals', {})).some((x) => x.id === p!.id)).toBe(false);
    expect(await call<EntitySummary[]>('entities.list', { kind: 'person', query: 'Zemaityte' })).toHaveLength(2);
    // Undo: withdrawn, the proposal is back as pending.
    expect(await call('entities.undecide', { proposalId: p!.id })).toEqual({ removed: true });
    expect((await call<AliasProposalView[]>('entities.proposals', { status: 'pending' })).map((x) => x.id)).toContain(p!.id);
    expect(await call('entities.undecide', { proposalId: p!.id })).toEqual({ removed: false });
    const err = (await dispatch(handlers, 'entities.decide', { proposalId: 'alias-nothing', decision: 'confirm' })) as Result<unknown>;
    expect(err.ok).toBe(false);
    if (!err.ok) expect(err.error).toMatchObject({ code: 'not-found' });
  });

  it('lists the spelling and vote discrepancies, and contradicting claims, with outlets and sentences', async () => {
    let list = await call<DiscrepancyView[]>('discrepancies.list');
    const kinds = list.map((d) => `${d.kind}: ${d.summary}`);
    expect(kinds).toContain('spelling: Name spelled 2 ways: "Dovile Zemaityte" (1 article), "Dovilė Žemaitytė" (1 article)');
    expect(kinds).toContain('number: Different vote counts: 69–50 (1 article), 71–48 (1 article)');
    const vote = list.find((d) => d.kind === 'number')!;
    expect(vote.items.map((i) => [i.outlet, i.text])).toEqual([
      ['Nordpress', '69 to 50'],
      ['Baltic Ledger', '71 to 48'],
    ]);
    expect(LEDGER.slice(vote.items[1]!.start, vote.items[1]!.end)).toBe('71 to 48');
    expect(vote.items[1]!.context).toContain('voted 71 to 48');

    // Claims linked as contradicting show up too (claims are read from the store).
    const a = await call<Claim>('claims.create', { articleId: 'ledger', target: { quote: 'voted 71 to 48' } });
    const b = await call<Claim>('claims.create', { articleId: 'nordpress', target: { quote: 'voted 69 to 50' } });
    await call('claims.link', { articleId: a.articleId, id: a.id, claimId: b.id, relation: 'contradicts' });
    list = await call<DiscrepancyView[]>('discrepancies.list');
    const c = list.find((d) => d.kind === 'contradiction');
    expect(c?.items.map((i) => i.articleTitle)).toEqual(['Parliament backs terminal', 'Terminal vote passes']);

    // Rejecting the alias proposal removes the spelling discrepancy.
    const [p] = (await call<AliasProposalView[]>('entities.proposals', {})).filter((x) => x.kind === 'person');
    await call('entities.decide', { proposalId: p!.id, decision: 'reject' });
    expect((await call<DiscrepancyView[]>('discrepancies.list')).some((d) => d.kind === 'spelling' && d.summary.includes('Zemaityte'))).toBe(false);
  });

  it('puts dated events in date order, each with its sentence, outlet and publication date', async () => {
    const events = await call<TimelineEntry[]>('timeline.list', {});
    expect(events.map((e) => [e.date, e.dateText, e.outlet])).toEqual([
      ['2026-03-10', 'on Tuesday', 'Baltic Ledger'],
      ['2026-12-01', '1 December 2026', 'Nordpress'],
    ]);
    const [tue] = events;
    expect(tue).toMatchObject({ publishedAt: '2026-03-12', relative: true, articleId: 'ledger' });
    expect(LEDGER.slice(tue!.start, tue!.end)).toMatch(/^Minister Dovilė Žemaitytė said on Tuesday/);
    expect(LEDGER.slice(tue!.dateStart, tue!.dateEnd)).toBe('on Tuesday');
    expect((await call<TimelineEntry[]>('timeline.list', { from: '2026-06' })).map((e) => e.date)).toEqual(['2026-12-01']);
  });

  it('is incremental: an import extracts only the new article, a text edit only that one, a bad cache file is recomputed', async () => {
    await call('entities.list', {});
    const before = { ledger: (await stat(cacheFile('ledger'))).mtimeMs, nordpress: (await stat(cacheFile('nordpress'))).mtimeMs };
    await new Promise((r) => setTimeout(r, 30));
    await store.addArticles([makeArticle('weather', WEATHER, { outlet: 'Riga Daily', publishedAt: '2026-03-14' })]);
    const all = await call<EntitySummary[]>('entities.list', { kind: 'person' });
    expect(all.map((e) => e.name)).toContain('Anna Berzina');
    expect((await stat(cacheFile('ledger'))).mtimeMs).toBe(before.ledger);
    expect((await stat(cacheFile('nordpress'))).mtimeMs).toBe(before.nordpress);
    const cached = JSON.parse(await readFile(cacheFile('weather'), 'utf8')) as { version: number; mentions: unknown[] };
    expect(cached.version).toBe(1);
    expect(cached.mentions.length).toBeGreaterThan(0);

    // A text edit re-extracts that article only.
    await call('articles.editText', { id: 'nordpress', text: NORDPRESS.replace(/Dovile Zemaityte/g, 'Dovile Zemaitite') });
    expect((await call<EntitySummary[]>('entities.list', { kind: 'person' })).map((e) => e.name)).toContain('Dovile Zemaitite');
    expect((await stat(cacheFile('ledger'))).mtimeMs).toBe(before.ledger);
    expect((await stat(cacheFile('nordpress'))).mtimeMs).toBeGreaterThan(before.nordpress);

    // A corrupt cache file is not trusted: a fresh service recomputes and rewrites it.
    await writeFile(cacheFile('ledger'), '{"version": 1, "articleId": "ledger", "key": "x", "mentions": [');
    await store.close();
    store = await NotebookStore.open(join(dir, 'nb'));
    handlers = createNotebookHandlers(store);
    expect((await call<EntitySummary[]>('entities.list', { kind: 'person' })).map((e) => e.name)).toContain('Dovilė Žemaitytė');
    expect(JSON.parse(await readFile(cacheFile('ledger'), 'utf8'))).toMatchObject({ version: 1, articleId: 'ledger' });
  });

  it('gives search the confirmed aliases: entity:NAME then finds the other spelling', async () => {
    await store.addArticles([
      makeArticle('ru1', 'Opposition rally\n\nAleksei Navalny said the rally in Moscow would go ahead.', { outlet: 'Wire One' }),
      makeArticle('ru2', 'Rally banned\n\nAlexey Navalnyj told supporters in Moscow that the ban was unlawful.', { outlet: 'Wire Two' }),
    ]);
    const ids = async () => (await call<{ results: { articleId: string | null; kind: string }[] }>('search.query', { query: 'entity:"Alexey Navalnyj"' })).results.filter((r) => r.kind === 'article').map((r) => r.articleId).sort();
    expect(await ids()).toEqual(['ru2']);
    const p = (await call<AliasProposalView[]>('entities.proposals', {})).find((x) => x.names.some((n) => n.name === 'Alexey Navalnyj'))!;
    expect(p.reason).toBe('transliteration');
    await call('entities.decide', { proposalId: p.id, decision: 'confirm' });
    await expect.poll(ids, { timeout: 5000 }).toEqual(['ru1', 'ru2']);
  });
});
