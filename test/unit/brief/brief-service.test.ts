/** The briefs.* and export.* methods through dispatch, on a real notebook on disk. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../shared/api/dispatch';
import type { BriefSnapshot, RenderedExport, SnapshotMeta } from '../../../shared/api/methods/briefs';
import type { Result } from '../../../shared/api/result';
import { citation, citedClaimIds, doc, judgment, paragraph, text, type DocNode } from '../../../shared/brief/doc';
import type { BriefLayout } from '../../../shared/brief/model';
import type { BriefIssue } from '../../../shared/brief/checker';
import type { Brief } from '../../../shared/model/schemas';
import { createNotebookHandlers, type NotebookHandlers } from '../../../electron/service/notebook-service';
import { NotebookStore } from '../../../electron/store/notebook-store';
import { makeTempDir } from '../../helpers/temp-dir';
import { articleA, articleB, articleC, claims, sources } from './fixtures';

describe('brief methods', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let store: NotebookStore;
  let handlers: NotebookHandlers;
  let clock = 0;
  const call = async <T>(method: string, input: unknown): Promise<T> => {
    const r = (await dispatch(handlers, method, input)) as Result<T>;
    if (!r.ok) throw new Error(`${method}: ${r.error.code}: ${r.error.message}`);
    return r.value;
  };
  const fail = async (method: string, input: unknown) => {
    const r = (await dispatch(handlers, method, input)) as Result<unknown>;
    if (r.ok) throw new Error(`${method} should have failed`);
    return r.error;
  };

  beforeEach(async () => {
    ({ dir, cleanup } = await makeTempDir('dossier-brief-'));
    store = await NotebookStore.create(join(dir, 'nb'), { name: 'Port' });
    await store.addArticles([articleA, articleB, articleC]);
    for (const c of claims) await store.putClaim(c);
    for (const s of sources) await store.putSource(s);
    clock = Date.parse('2026-11-23T10:00:00Z');
    handlers = createNotebookHandlers(store, { now: () => new Date((clock += 1000)) });
  });
  afterEach(async () => {
    await store.close();
    await cleanup();
  });

  it('creates from the template, updates, lists, gets and deletes briefs', async () => {
    const empty = await call<Brief>('briefs.create', {});
    expect(empty.title).toBe('Untitled brief');
    expect(citedClaimIds(empty.doc as DocNode)).toEqual([]);
    const full = await call<Brief>('briefs.create', { title: 'Terminal', fromClaims: 'all' });
    expect(citedClaimIds(full.doc as DocNode).sort()).toEqual(claims.map((c) => c.id).sort());
    // Stored as a file in the notebook.
    expect(JSON.parse(await readFile(join(dir, 'nb', 'briefs', `${full.id}.json`), 'utf8'))).toMatchObject({ title: 'Terminal' });

    const d = doc(paragraph(text('New text'), citation('c-may')));
    const updated = await call<Brief>('briefs.update', { id: full.id, title: 'Terminal 2', doc: d });
    expect(updated).toMatchObject({ title: 'Terminal 2', doc: d, createdAt: full.createdAt });
    expect(updated.updatedAt > full.updatedAt).toBe(true);
    expect(await call<Brief>('briefs.get', { id: full.id })).toEqual(updated);
    expect((await call<Array<{ id: string }>>('briefs.list', {})).map((b) => b.id)).toEqual([empty.id, full.id]);

    expect(await fail('briefs.update', { id: full.id, doc: { type: 'paragraph' } })).toMatchObject({ code: 'invalid-input', message: expect.stringMatching(/not a valid brief document/) });
    expect(await call('briefs.delete', { id: empty.id })).toEqual({ deleted: true });
    expect(await call('briefs.delete', { id: empty.id })).toEqual({ deleted: false });
    expect(await fail('briefs.get', { id: empty.id })).toMatchObject({ code: 'not-found' });
  });

  it('lays out a stored brief and the generated one (id null) with every claim', async () => {
    const b = await call<Brief>('briefs.create', { title: 'T' });
    await call('briefs.update', { id: b.id, doc: doc(paragraph(text('x'), citation('c-rushed'), citation('c-vote'))) });
    const layout = await call<BriefLayout>('briefs.layout', { id: b.id });
    expect(layout.footnotes.map((f) => [f.n, f.claimId, f.reliability])).toEqual([
      [1, 'c-rushed', null],
      [2, 'c-vote', 'B'],
    ]);
    const generated = await call<BriefLayout>('briefs.layout', { id: null });
    expect(generated).toMatchObject({ briefId: null, title: 'Port: brief', notebookName: 'Port' });
    expect(generated.claims).toHaveLength(claims.length);
  });

  it('checks a brief', async () => {
    const b = await call<Brief>('briefs.create', { title: 'T' });
    await call('briefs.update', { id: b.id, doc: doc(judgment('likely', 'high', text('It will perhaps open.'))) });
    const issues = await call<BriefIssue[]>('briefs.check', { id: b.id });
    expect(issues.map((i) => i.kind)).toEqual(['uncited-judgment', 'non-standard-likelihood']);
    // Two claims of one article (one outlet) are one origin; two outlets are two.
    await call('briefs.update', { id: b.id, doc: doc(judgment('likely', 'high', text('It opens.'), citation('c-vote'), citation('c-winter'))) });
    expect((await call<BriefIssue[]>('briefs.check', { id: b.id })).map((i) => i.kind)).toEqual(['single-origin']);
    await call('briefs.update', { id: b.id, doc: doc(judgment('likely', 'high', text('It opens.'), citation('c-vote'), citation('c-rushed'))) });
    expect(await call<BriefIssue[]>('briefs.check', { id: b.id })).toEqual([]);
  });

  it('keeps snapshots, lists them newest first, and restores one after saving the current version', async () => {
    const b = await call<Brief>('briefs.create', { title: 'T' });
    const v1 = doc(paragraph(text('first version here')));
    await call('briefs.update', { id: b.id, doc: v1 });
    const s1 = await call<SnapshotMeta>('briefs.snapshot', { id: b.id, label: 'Draft 1' });
    expect(s1).toMatchObject({ briefId: b.id, label: 'Draft 1', wordCount: 3 });
    await call('briefs.update', { id: b.id, title: 'T2', doc: doc(paragraph(text('second'))) });
    const s2 = await call<SnapshotMeta>('briefs.snapshot', { id: b.id });
    expect((await call<SnapshotMeta[]>('briefs.snapshots', { id: b.id })).map((s) => s.id)).toEqual([s2.id, s1.id]);
    expect(await call<BriefSnapshot>('briefs.getSnapshot', { id: b.id, snapshotId: s1.id })).toMatchObject({ title: 'T', doc: v1 });

    await call('briefs.update', { id: b.id, doc: doc(paragraph(text('third, unsaved'))) });
    const restored = await call<Brief>('briefs.restoreSnapshot', { id: b.id, snapshotId: s1.id });
    expect(restored).toMatchObject({ title: 'T', doc: v1 });
    expect(await call<Brief>('briefs.get', { id: b.id })).toEqual(restored);
    // The unsaved version was saved before the restore: the restore can be undone.
    const history = await call<SnapshotMeta[]>('briefs.snapshots', { id: b.id });
    expect(history).toHaveLength(3);
    expect(history[0]!.label).toBe('Before restoring “Draft 1”');
    expect(await call<BriefSnapshot>('briefs.getSnapshot', { id: b.id, snapshotId: history[0]!.id })).toMatchObject({ doc: doc(paragraph(text('third, unsaved'))) });
    // On disk, in the notebook.
    const file = JSON.parse(await readFile(join(dir, 'nb', 'brief-history', `${b.id}.json`), 'utf8')) as { snapshots: unknown[] };
    expect(file.snapshots).toHaveLength(3);
    expect(await fail('briefs.restoreSnapshot', { id: b.id, snapshotId: 'nope' })).toMatchObject({ code: 'not-found' });
  });

  it('renders every registered format through export.render', async () => {
    const b = await call<Brief>('briefs.create', { title: 'Terminal — Klaipėda', fromClaims: 'all' });
    const formats = await call<Array<{ format: string; extension: string }>>('export.formats', {});
    expect(formats.map((f) => f.format)).toEqual(expect.arrayContaining(['md', 'html', 'json', 'csv', 'jsonld', 'csl']));
    for (const format of ['md', 'html', 'json', 'csv', 'jsonld', 'csl']) {
      const out = await call<RenderedExport>('export.render', { briefId: b.id, format });
      const ext = formats.find((f) => f.format === format)!.extension;
      expect(out.fileName).toBe(`terminal-klaipeda.${ext}`);
      const body = Buffer.from(out.dataBase64, 'base64').toString('utf8');
      if (format !== 'jsonld' && format !== 'csl') expect(body).toContain('voted 71 to 48');
    }
    const md = Buffer.from((await call<RenderedExport>('export.render', { briefId: null, format: 'md' })).dataBase64, 'base64').toString('utf8');
    expect(md).toMatch(/^# Port: brief/);
    expect([...md.matchAll(/^\[\^\d+\]:/gm)]).toHaveLength(claims.length);
    expect(await fail('export.render', { briefId: 'missing', format: 'md' })).toMatchObject({ code: 'not-found' });
    expect(await fail('export.render', { briefId: null, format: 'xml' })).toMatchObject({ code: 'invalid-input' });
  });
});
