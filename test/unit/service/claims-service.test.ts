import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClaimTableRow, LinkedClaim, SuggestedClaim } from '../../../shared/api/methods/claims';
import { dispatch } from '../../../shared/api/dispatch';
import type { Result } from '../../../shared/api/result';
import type { DossierEvent } from '../../../shared/api/contract';
import type { Claim, Source } from '../../../shared/model/schemas';
import { createNotebookHandlers, type NotebookHandlers } from '../../../electron/service/notebook-service';
import { NotebookStore } from '../../../electron/store/notebook-store';
import { makeArticle, makeTag } from '../../helpers/store-fixtures';
import { makeTempDir } from '../../helpers/temp-dir';

// Three reports of one vote. A and B both rest on the same agency; C did its own reporting.
const TEXT_A = `Council approves terminal expansion

The Klaipėda city council voted 71 to 48 on Tuesday to expand the gas terminal, according to the state news agency Zaria.
Minister Dovilė Žemaitytė said the decision "secures the winter".`;
const TEXT_B = `Terminal vote passes

Klaipeda's council backed the terminal expansion by 71 votes to 48, according to ZARIA news agency.
Opponents called the vote rushed.`;
const TEXT_C = `Our reporter in the chamber

Councillors in Klaipėda voted 71-48 to expand the terminal, our correspondent saw from the press gallery.
The opposition leader said the plan would cost €310m.`;

describe('claims and sources service', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let store: NotebookStore;
  let handlers: NotebookHandlers;
  const call = async <T>(method: string, input: unknown): Promise<T> => {
    const result = (await dispatch(handlers, method, input)) as Result<T>;
    if (!result.ok) throw new Error(`${method} failed: ${result.error.code}: ${result.error.message}`);
    return result.value;
  };
  const fail = async (method: string, input: unknown) => {
    const result = (await dispatch(handlers, method, input)) as Result<unknown>;
    expect(result.ok).toBe(false);
    return result.ok ? null : result.error;
  };
  const claimOn = (articleId: string, quote: string, extra: Record<string, unknown> = {}) =>
    call<Claim>('claims.create', { articleId, target: { quote }, ...extra });

  beforeEach(async () => {
    ({ dir, cleanup } = await makeTempDir());
    store = await NotebookStore.create(join(dir, 'nb'), { name: 'Claims' });
    await store.addArticles([
      makeArticle('a', TEXT_A, { title: 'Council approves', outlet: 'Baltic Ledger', publishedAt: '2026-03-14' }),
      makeArticle('b', TEXT_B, { title: 'Vote passes', outlet: 'Nordic Wire', publishedAt: '2026-03-15' }),
      makeArticle('c', TEXT_C, { title: 'In the chamber', outlet: 'Coastal Times', publishedAt: '2026-03-15' }),
    ]);
    handlers = createNotebookHandlers(store);
  });
  afterEach(async () => {
    await store.close();
    await cleanup();
  });

  it('derives outlets and originators once, folding case and diacritics, and keeps grades across syncs', async () => {
    const first = await call<Source[]>('sources.list', {});
    const names = first.map((s) => `${s.kind}:${s.name}`).sort();
    expect(names).toEqual(['originator:Zaria', 'outlet:Baltic Ledger', 'outlet:Coastal Times', 'outlet:Nordic Wire']);
    const zaria = first.find((s) => s.name === 'Zaria')!;
    expect(zaria).toMatchObject({ reliability: null, stateAffiliated: false, aliases: [] });

    await call('sources.update', { id: zaria.id, patch: { reliability: 'D', stateAffiliated: true, notes: 'State agency' } });
    // Another article spelling the outlet differently does not add a second source.
    await store.addArticles([makeArticle('d', 'Short item. The plan passed, according to Zaria.', { outlet: 'BALTIC   LEDGER' })]);
    const second = await call<Source[]>('sources.list', {});
    expect(second).toHaveLength(4);
    expect(second.find((s) => s.id === zaria.id)).toMatchObject({ reliability: 'D', stateAffiliated: true, notes: 'State agency' });

    // Grades are on disk, not only in memory.
    const onDisk = JSON.parse(await readFile(join(dir, 'nb', 'sources.json'), 'utf8')) as { sources: Source[] };
    expect(onDisk.sources.find((s) => s.id === zaria.id)?.reliability).toBe('D');
  });

  it('matches sources through aliases, refuses a name two sources would share, and keeps an old name as an alias', async () => {
    const sources = await call<Source[]>('sources.list', {});
    const ledger = sources.find((s) => s.name === 'Baltic Ledger')!;
    const wire = sources.find((s) => s.name === 'Nordic Wire')!;
    const clash = await fail('sources.update', { id: wire.id, patch: { aliases: ['baltic ledger'] } });
    expect(clash?.code).toBe('conflict');
    expect(clash?.message).toContain('Baltic Ledger');

    const renamed = await call<Source>('sources.update', { id: ledger.id, patch: { name: 'The Baltic Ledger (Vilnius)' } });
    expect(renamed.aliases).toEqual(['Baltic Ledger']);
    // The articles still say "Baltic Ledger": no new source appears.
    expect(await call<Source[]>('sources.list', {})).toHaveLength(4);
    const origins = await call<{ outlet: Source | null; originators: Source[] }>('sources.origins', { articleId: 'a' });
    expect(origins.outlet?.id).toBe(ledger.id);
    expect(origins.originators.map((s) => s.name)).toEqual(['Zaria']);

    const created = await call<Source>('sources.create', { name: 'zariá', kind: 'originator' });
    expect(created.name).toBe('Zaria'); // folded match: the existing source, not a duplicate
    const person = await call<Source>('sources.create', { name: 'Port Authority spokesperson', kind: 'originator' });
    expect(person).toMatchObject({ kind: 'originator', reliability: null });
    expect(await call<Source[]>('sources.list', {})).toHaveLength(5);
  });

  it('counts independent origins: two articles on the same agency are one origin, own reporting is another', async () => {
    const a = await claimOn('a', 'voted 71 to 48');
    const b = await claimOn('b', 'by 71 votes to 48');
    const c = await claimOn('c', 'voted 71-48');

    await call('claims.link', { articleId: 'b', id: b.id, claimId: a.id, relation: 'corroborates' });
    let rows = await call<ClaimTableRow[]>('claims.table', {});
    const rowOf = (id: string) => rows.find((r) => r.claim.id === id)!;
    // A and B both rest on Zaria: one origin, whichever side made the link.
    expect(rowOf(a.id).corroboration.independent).toBe(1);
    expect(rowOf(b.id).corroboration.origins.map((o) => o.name)).toEqual(['Zaria']);

    await call('claims.link', { articleId: 'c', id: c.id, claimId: a.id, relation: 'same-as' });
    rows = await call<ClaimTableRow[]>('claims.table', {});
    expect(rowOf(a.id).corroboration.independent).toBe(2);
    expect(rowOf(a.id).corroboration.origins.map((o) => o.name).sort()).toEqual(['Coastal Times', 'Zaria']);
    // Links are not transitive: B is linked to A only.
    expect(rowOf(b.id).corroboration.independent).toBe(1);
    expect(rowOf(c.id)).toMatchObject({ outlet: 'Coastal Times', articleTitle: 'In the chamber', publishedAt: '2026-03-15', contradictions: 0 });
    expect(rowOf(c.id).corroboration.independent).toBe(2);

    // A contradiction is counted on both claims and never as corroboration.
    const cost = await claimOn('c', 'the plan would cost €310m');
    await call('claims.link', { articleId: 'c', id: cost.id, claimId: b.id, relation: 'contradicts' });
    rows = await call<ClaimTableRow[]>('claims.table', {});
    expect(rowOf(b.id).contradictions).toBe(1);
    expect(rowOf(cost.id).contradictions).toBe(1);
    expect(rowOf(b.id).corroboration.independent).toBe(1);
  });

  it('counts an agency under its generic or confirmed other names as one origin', async () => {
    await store.addArticles([makeArticle('d', 'The council voted 71 to 48, according to Zaria News Agency.', { title: 'D', outlet: 'Harbour Post' })]);
    const a = await claimOn('a', 'voted 71 to 48');
    const d = await claimOn('d', 'voted 71 to 48');
    await call('claims.link', { articleId: 'd', id: d.id, claimId: a.id, relation: 'corroborates' });
    const count = async () => (await call<ClaimTableRow[]>('claims.table', { articleId: 'a' }))[0]!.corroboration;
    // "Zaria News Agency" is Zaria with a generic tail: still one origin, and no second source.
    expect((await count()).independent).toBe(1);
    expect((await call<Source[]>('sources.list', {})).filter((src) => /zaria/i.test(src.name)).map((src) => src.name)).toEqual(['Zaria']);
    expect((await call<{ originators: Source[] }>('sources.origins', { articleId: 'd' })).originators.map((src) => src.name)).toEqual(['Zaria']);

    // The analyst records that "ZNA" is Zaria too; an article citing ZNA then adds no origin.
    const zaria = (await call<Source[]>('sources.list', {})).find((src) => src.name === 'Zaria')!;
    await call('sources.update', { id: zaria.id, patch: { aliases: ['ZNA'] } });
    await store.addArticles([makeArticle('e', 'The vote was 71 to 48, according to ZNA.', { title: 'E', outlet: 'Lagoon Daily' })]);
    const e = await claimOn('e', 'was 71 to 48');
    await call('claims.link', { articleId: 'e', id: e.id, claimId: a.id, relation: 'corroborates' });
    expect(await count()).toEqual({ independent: 1, origins: [{ key: `source:${zaria.id}`, sourceId: zaria.id, name: 'Zaria' }] });
    expect((await call<Source[]>('sources.list', {})).some((src) => src.name === 'ZNA')).toBe(false);

    // A source already derived under another name cannot become an alias: two sources would answer to it.
    const coastal = (await call<Source[]>('sources.list', {})).find((src) => src.name === 'Coastal Times')!;
    expect((await fail('sources.update', { id: coastal.id, patch: { aliases: ['zna'] } }))?.code).toBe('conflict');
  });

  it('keeps what articles cite in the cache folder: rewritten without notifying, recomputed when unreadable', async () => {
    const changes: string[] = [];
    store.onChange((c) => changes.push(c.file));
    const first = await call<Source[]>('sources.list', {});
    expect(first.some((s) => s.name === 'Zaria')).toBe(true);
    const cacheFile = join(dir, 'nb', 'cache', 'originators.json');
    expect(JSON.parse(await readFile(cacheFile, 'utf8')).articles).toHaveProperty('a');
    expect(changes.filter((f) => f.includes('originators'))).toEqual([]);
    await writeFile(cacheFile, '{ not json', 'utf8');
    const again = await call<Source[]>('sources.list', {});
    expect(again.map((s) => s.id).sort()).toEqual(first.map((s) => s.id).sort());
    expect(JSON.parse(await readFile(cacheFile, 'utf8')).version).toBe(1);
    expect(store.problems()).toEqual([]);
  });

  it('merges a source found under two names: names become aliases, the grade stays, origins count once', async () => {
    const sources = await call<Source[]>('sources.list', {});
    const ledger = sources.find((s) => s.name === 'Baltic Ledger')!;
    const coastal = sources.find((s) => s.name === 'Coastal Times')!;
    await call('sources.update', { id: ledger.id, patch: { reliability: 'B' } });
    const merged = await call<Source>('sources.merge', { fromId: coastal.id, intoId: ledger.id });
    expect(merged.reliability).toBe('B');
    expect(merged.aliases).toContain('Coastal Times');
    const after = await call<Source[]>('sources.list', {});
    expect(after.some((s) => s.id === coastal.id)).toBe(false);
    // Article c (outlet Coastal Times) now rests on the merged source.
    const origins = await call<{ outlet: Source | null }>('sources.origins', { articleId: 'c' });
    expect(origins.outlet?.id).toBe(ledger.id);
    expect((await fail('sources.merge', { fromId: ledger.id, intoId: ledger.id }))?.code).toBe('invalid-input');
    expect((await fail('sources.merge', { fromId: coastal.id, intoId: ledger.id }))?.code).toBe('not-found');
  });

  it('tells open views what changed', async () => {
    const events: DossierEvent[] = [];
    handlers = createNotebookHandlers(store, { emit: (event) => events.push(event) });
    const a = await claimOn('a', 'voted 71 to 48');
    const b = await claimOn('b', 'by 71 votes to 48');
    await call('claims.link', { articleId: 'b', id: b.id, claimId: a.id, relation: 'same-as' });
    await call('sources.list', {});
    expect(events).toEqual([
      { type: 'claims.changed', articleIds: ['a'] },
      { type: 'claims.changed', articleIds: ['b'] },
      { type: 'claims.changed', articleIds: ['b', 'a'] },
      { type: 'sources.changed' },
    ]);
  });

  it('grades a claim through its outlet: the row carries the outlet source reliability', async () => {
    const claim = await claimOn('c', 'voted 71-48');
    const coastal = (await call<Source[]>('sources.list', {})).find((s) => s.name === 'Coastal Times')!;
    await call('sources.update', { id: coastal.id, patch: { reliability: 'B' } });
    const [row] = await call<ClaimTableRow[]>('claims.table', { articleId: 'c' });
    expect(row).toMatchObject({ outletSourceId: coastal.id, reliability: 'B', originSourceIds: [coastal.id] });
    expect(row?.claim.id).toBe(claim.id);
  });

  it('updates fields, checks tags and moves the claim to other words', async () => {
    const claim = await claimOn('a', 'voted 71 to 48');
    await store.putTag(makeTag('t1', 'Vote'));
    const updated = await call<Claim>('claims.update', {
      articleId: 'a',
      id: claim.id,
      patch: { statement: '  Council approved 71-48 ', speaker: 'Klaipėda city council', kind: 'number', status: 'corroborated', credibility: 2, note: 'n', tags: ['t1', 't1'] },
    });
    expect(updated).toMatchObject({ statement: 'Council approved 71-48', speaker: 'Klaipėda city council', kind: 'number', status: 'corroborated', credibility: 2, note: 'n', tags: ['t1'] });
    expect((await fail('claims.update', { articleId: 'a', id: claim.id, patch: { tags: ['nope'] } }))?.message).toContain('nope');
    expect((await fail('claims.update', { articleId: 'a', id: claim.id, patch: { credibility: 7 } }))?.code).toBe('invalid-input');
    expect((await fail('claims.update', { articleId: 'a', id: 'missing', patch: { note: 'x' } }))?.code).toBe('not-found');

    const start = TEXT_A.indexOf('secures the winter');
    const moved = await call<Claim>('claims.update', { articleId: 'a', id: claim.id, patch: { target: { start, end: start + 18 } } });
    expect(moved.target).toMatchObject({ exact: 'secures the winter', start });
    expect((await fail('claims.update', { articleId: 'a', id: claim.id, patch: { target: { start: 5, end: 99_999 } } }))?.code).toBe('invalid-input');
    const [stored] = await call<Claim[]>('claims.list', { articleId: 'a' });
    expect(stored?.target.exact).toBe('secures the winter');
    expect(stored?.credibility).toBe(2);
  });

  it('links across articles, refuses self-links and unknown claims, and keeps one link per pair', async () => {
    const a = await claimOn('a', 'voted 71 to 48');
    const b = await claimOn('b', 'by 71 votes to 48');
    expect((await fail('claims.link', { articleId: 'a', id: a.id, claimId: a.id, relation: 'same-as' }))?.code).toBe('invalid-input');
    expect((await fail('claims.link', { articleId: 'a', id: a.id, claimId: 'ghost', relation: 'cites' }))?.code).toBe('not-found');

    await call('claims.link', { articleId: 'a', id: a.id, claimId: b.id, relation: 'corroborates' });
    // Linking from the other side replaces the link rather than adding a second one.
    const fromB = await call<Claim>('claims.link', { articleId: 'b', id: b.id, claimId: a.id, relation: 'contradicts' });
    expect(fromB.links).toEqual([{ claimId: a.id, relation: 'contradicts' }]);
    const [storedA] = await call<Claim[]>('claims.list', { articleId: 'a' });
    expect(storedA?.links).toEqual([]);

    // Contradicts reads both ways in the comparison.
    const compareA = await call<{ row: ClaimTableRow; linked: LinkedClaim[] }>('claims.compare', { articleId: 'a', id: a.id });
    expect(compareA.linked.map((l) => [l.row.claim.id, l.relation, l.direction])).toEqual([[b.id, 'contradicts', 'incoming']]);
    expect(compareA.linked[0]?.row.claim.target.exact).toBe('by 71 votes to 48');
    expect(compareA.linked[0]?.row.outlet).toBe('Nordic Wire');

    // Unlink from either side removes it.
    await call('claims.unlink', { articleId: 'a', id: a.id, claimId: b.id });
    expect((await call<Claim[]>('claims.list', { articleId: 'b' }))[0]?.links).toEqual([]);
    expect((await fail('claims.unlink', { articleId: 'a', id: a.id, claimId: b.id }))?.code).toBe('not-found');
  });

  it('deletes a claim with the links made to it, and restores both (undo)', async () => {
    const a = await claimOn('a', 'voted 71 to 48');
    const b = await claimOn('b', 'by 71 votes to 48');
    const c = await claimOn('c', 'voted 71-48');
    await call('claims.link', { articleId: 'b', id: b.id, claimId: a.id, relation: 'corroborates' });
    await call('claims.link', { articleId: 'c', id: c.id, claimId: a.id, relation: 'same-as' });

    const removed = await call<{ deleted: boolean; claim: Claim; incoming: unknown[] }>('claims.delete', { articleId: 'a', id: a.id });
    expect(removed.deleted).toBe(true);
    expect(removed.incoming).toEqual([
      { articleId: 'b', id: b.id, relation: 'corroborates' },
      { articleId: 'c', id: c.id, relation: 'same-as' },
    ]);
    expect(await call<Claim[]>('claims.list', { articleId: 'a' })).toEqual([]);
    expect((await call<Claim[]>('claims.list', { articleId: 'b' }))[0]?.links).toEqual([]);

    await call('claims.restore', { claim: removed.claim, incoming: removed.incoming });
    const rows = await call<ClaimTableRow[]>('claims.table', {});
    expect(rows.find((r) => r.claim.id === a.id)?.corroboration.independent).toBe(2);
    expect((await call<Claim[]>('claims.list', { articleId: 'c' }))[0]?.links).toEqual([{ claimId: a.id, relation: 'same-as' }]);

    const again = await call<{ deleted: boolean }>('claims.delete', { articleId: 'a', id: 'ghost' });
    expect(again.deleted).toBe(false);
  });

  it('suggests attributed sentences not yet claimed, and forgets dismissed ones for good', async () => {
    const suggested = await call<SuggestedClaim[]>('claims.suggest', { articleId: 'a' });
    expect(suggested.length).toBeGreaterThan(0);
    const minister = suggested.find((s) => s.text.includes('secures the winter'));
    expect(minister).toBeDefined();
    expect(minister?.speaker).toMatch(/Žemaitytė/);
    for (const s of suggested) expect(TEXT_A.slice(s.start, s.end)).toBe(s.text);

    await call('claims.dismissSuggestion', { articleId: 'a', start: minister!.start, end: minister!.end });
    const vote = suggested.find((s) => s.text.includes('voted 71 to 48'));
    expect(vote).toBeDefined();
    await claimOn('a', 'voted 71 to 48 on Tuesday to expand the gas terminal');
    const after = await call<SuggestedClaim[]>('claims.suggest', { articleId: 'a' });
    expect(after.some((s) => s.text.includes('secures the winter'))).toBe(false);
    expect(after.some((s) => s.text.includes('voted 71 to 48'))).toBe(false);

    // The dismissal is on disk and survives a reopen.
    await store.close();
    store = await NotebookStore.open(join(dir, 'nb'));
    handlers = createNotebookHandlers(store);
    const reopened = await call<SuggestedClaim[]>('claims.suggest', { articleId: 'a' });
    expect(reopened.some((s) => s.text.includes('secures the winter'))).toBe(false);
    expect((await fail('claims.dismissSuggestion', { articleId: 'a', start: 10, end: 5 }))?.code).toBe('invalid-input');
  });

  it('does not suggest sentences inside noise', async () => {
    const start = TEXT_A.indexOf('Minister');
    await store.updateArticleMeta('a', { noise: [{ start, end: TEXT_A.length, kind: 'manual', reason: 'test' }] });
    const suggested = await call<SuggestedClaim[]>('claims.suggest', { articleId: 'a' });
    expect(suggested.some((s) => s.end > start)).toBe(false);
  });
});
