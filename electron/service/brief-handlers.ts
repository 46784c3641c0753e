/**
 * Handlers of the `briefs.*` and `export.*` methods. A brief's history (snapshots) lives in
 * brief-history/<briefId>.json through the store's feature documents.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Handlers } from '../../shared/api/contract';
import { BriefSnapshot, type briefMethods } from '../../shared/api/methods/briefs';
import { DossierError } from '../../shared/api/result';
import { checkBrief } from '../../shared/brief/checker';
import { parseBriefDoc, wordCount, type DocNode } from '../../shared/brief/doc';
import { foldName, sourceForOutlet } from '../../shared/brief/layout';
import { briefTemplate } from '../../shared/brief/template';
import type { Brief, RichText } from '../../shared/model/schemas';
import { layoutFor, renderExport, storedDoc } from '../exporters/gather';
import { exporters } from '../exporters/registry';
import type { NotebookStore } from '../store/notebook-store';
import type { ServiceContext } from './context';

/** Oldest snapshots beyond this are dropped: a history file stays small enough to rewrite on each save. */
export const MAX_SNAPSHOTS = 200;

const HistoryFile = z.object({ snapshots: z.array(BriefSnapshot) });
type HistoryFile = z.infer<typeof HistoryFile>;

function history(store: NotebookStore, briefId: string) {
  return store.document<HistoryFile>(`brief-history/${briefId}.json`, HistoryFile, () => ({ snapshots: [] }));
}

function validDoc(doc: unknown, briefId: string): RichText {
  if (doc === null) return null;
  try {
    return parseBriefDoc(doc) as RichText;
  } catch (error) {
    throw new DossierError('invalid-input', `Brief ${briefId}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export function createBriefHandlers({ store, now, printToPdf }: ServiceContext): Handlers<keyof typeof briefMethods> {
  const snapshot = async (brief: Brief, label: string) => {
    const doc = brief.doc as DocNode | null;
    const snap = {
      id: randomUUID(),
      briefId: brief.id,
      label,
      createdAt: now().toISOString(),
      wordCount: wordCount(doc),
      title: brief.title,
      doc: brief.doc,
    };
    await history(store, brief.id).update((h) => ({ snapshots: [...h.snapshots, snap].slice(-MAX_SNAPSHOTS) }));
    const { title: _t, doc: _d, ...meta } = snap;
    return meta;
  };

  return {
    'briefs.list': async () => (await store.listBriefs()).map(({ doc: _doc, ...rest }) => rest),

    'briefs.get': async ({ id }) => store.getBrief(id),

    'briefs.create': async ({ title, fromClaims = 'none', groupBy = 'article' }) => {
      const t = title?.trim() || 'Untitled brief';
      const claims = fromClaims === 'all' ? await store.listClaims() : [];
      const at = now().toISOString();
      const brief: Brief = {
        id: randomUUID(),
        title: t,
        doc: briefTemplate({ title: t, claims, articles: store.listArticles(), tags: await store.listTags(), groupBy }) as RichText,
        createdAt: at,
        updatedAt: at,
      };
      await store.putBrief(brief);
      return brief;
    },

    'briefs.update': async ({ id, title, doc }) => {
      const old = await store.getBrief(id);
      const brief: Brief = {
        ...old,
        ...(title !== undefined ? { title: title.trim() || old.title } : {}),
        ...(doc !== undefined ? { doc: validDoc(doc, id) } : {}),
        updatedAt: now().toISOString(),
      };
      await store.putBrief(brief);
      return brief;
    },

    'briefs.delete': async ({ id }) => ({ deleted: await store.deleteBrief(id) }),

    'briefs.layout': async ({ id }) => (await layoutFor(store, id, now())).layout,

    'briefs.check': async ({ id }) => {
      const brief = await store.getBrief(id);
      const sources = await store.listSources();
      // An article's origin is its outlet (graded or not), so two articles of one outlet are one
      // origin. Originators named in the text (agencies) need the claims section's source registry;
      // read-only here, so checking a brief never writes sources.json.
      const articleOrigins = (articleId: string): string[] => {
        const outlet = store.getArticleSummary(articleId)?.outlet ?? null;
        const source = sourceForOutlet(sources, outlet);
        return source ? [`source:${source.id}`] : outlet ? [`outlet:${foldName(outlet)}`] : [];
      };
      return checkBrief(storedDoc(brief), { claims: await store.listClaims(), articleOrigins });
    },

    'briefs.snapshot': async ({ id, label }) => {
      const brief = await store.getBrief(id);
      return snapshot(brief, label?.trim() || 'Saved version');
    },

    'briefs.snapshots': async ({ id }) => {
      await store.getBrief(id);
      const { snapshots } = await history(store, id).read();
      return snapshots.map(({ title: _t, doc: _d, ...meta }) => meta).reverse();
    },

    'briefs.getSnapshot': async ({ id, snapshotId }) => {
      const found = (await history(store, id).read()).snapshots.find((s) => s.id === snapshotId);
      if (!found) throw new DossierError('not-found', `Brief ${id} has no saved version ${snapshotId}.`);
      return found;
    },

    'briefs.restoreSnapshot': async ({ id, snapshotId }) => {
      const current = await store.getBrief(id);
      const found = (await history(store, id).read()).snapshots.find((s) => s.id === snapshotId);
      if (!found) throw new DossierError('not-found', `Brief ${id} has no saved version ${snapshotId}.`);
      // The version being replaced is saved first, so the restore itself can be undone.
      await snapshot(current, `Before restoring “${found.label}”`);
      const restored: Brief = { ...current, title: found.title, doc: found.doc, updatedAt: now().toISOString() };
      await store.putBrief(restored);
      return restored;
    },

    'export.formats': async () => exporters.map(({ format, label, extension, mediaType, binary }) => ({ format, label, extension, mediaType, binary })),

    'export.render': async ({ briefId, format }) => {
      const file = await renderExport(store, briefId, format, now(), { printToPdf });
      return { fileName: file.fileName, mediaType: file.mediaType, dataBase64: Buffer.from(file.data).toString('base64') };
    },
  };
}
