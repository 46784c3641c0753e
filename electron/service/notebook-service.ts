/**
 * The handlers of every `notebook`-scoped method of the contract, over one open NotebookStore.
 * Inputs arrive already parsed by `dispatch`; handlers throw DossierError, which becomes `{ok: false}`.
 * The article methods live here; every other section of the contract has its own handler file
 * (annotation-handlers, tag-handlers, claim-handlers, brief-handlers, search-handlers...), composed below.
 */
import type { DossierEvent, Handlers, MethodsOfScope, NotebookInfo } from '../../shared/api/contract';
import { DossierError } from '../../shared/api/result';
import type { NotebookStore } from '../store/notebook-store';
import { editArticleText } from './edit-article';
import { ImportPipeline, inputsFromPaths, type ImportInput } from './import-articles';
import { checkRange, markNoise, unmarkNoise } from './noise-ranges';
import { pasteInput } from './paste';
import { createAnnotationHandlers } from './annotation-handlers';
import { createBriefHandlers } from './brief-handlers';
import { createClaimHandlers } from './claim-handlers';
import type { ServiceContext } from './context';
import { createSearchHandlers } from './search-handlers';
import { createEntityHandlers } from './entity-handlers';
import { EntityService } from './entity-service';
import { SearchService } from './search-service';
import { createTagHandlers } from './tag-handlers';
import { createNoteHandlers } from './note-handlers';

export type NotebookHandlers = Handlers<MethodsOfScope<'notebook'>>;

export interface NotebookServiceOptions {
  emit?: (event: DossierEvent) => void;
  now?: () => Date;
  /** See ServiceContext.printToPdf. */
  printToPdf?: (html: string) => Promise<Uint8Array>;
}

export function notebookInfo(store: NotebookStore): NotebookInfo {
  return {
    path: store.dir,
    meta: store.meta(),
    articleCount: store.listArticles().length,
    problems: store.problems(),
  };
}

export { resolveTarget } from './context';

/** The handlers of one open notebook, and what to do before its store closes. */
export interface NotebookSession {
  handlers: NotebookHandlers;
  /** Stops background work and writes derived data that is pending (the search index); call before store.close(). */
  close(): Promise<void>;
}

export function createNotebookHandlers(store: NotebookStore, options: NotebookServiceOptions = {}): NotebookHandlers {
  return createNotebookSession(store, options).handlers;
}

export function createNotebookSession(store: NotebookStore, options: NotebookServiceOptions = {}): NotebookSession {
  const emit = options.emit ?? (() => {});
  const now = options.now ?? (() => new Date());
  // One pipeline per open notebook: its batches queue, and a running one can be cancelled.
  const pipeline = new ImportPipeline(store, emit, now);
  // The search index is loaded (or rebuilt) at the first query and follows the notebook's changes.
  const search = new SearchService(store, { emit });

  const ctx: ServiceContext = { store, emit, now, search, printToPdf: options.printToPdf };
  // Entities are extracted on first use and then follow the notebook's changes.
  const entities = new EntityService(store, { emit, now, search });

  const handlers: NotebookHandlers = {
    ...createAnnotationHandlers(ctx),
    ...createTagHandlers(ctx),
    ...createNoteHandlers(ctx),
    ...createClaimHandlers(ctx),
    ...createBriefHandlers(ctx),
    ...createSearchHandlers(ctx),
    ...createEntityHandlers(ctx, entities),

    'notebook.info': async () => notebookInfo(store),

    'articles.list': async ({ offset = 0, limit }) => {
      const all = store.listArticles();
      const items = all.slice(offset, limit === undefined ? undefined : offset + limit);
      return { total: all.length, items: [...items] };
    },

    'articles.get': async ({ id }) => store.getArticle(id),

    'articles.show': async ({ id }) => {
      const [article, annotations, claims] = await Promise.all([
        store.getArticle(id),
        store.listAnnotations(id),
        store.listClaims(id),
      ]);
      return { ...article, annotations, claims };
    },

    'articles.import': async ({ files, batchId }) => {
      const inputs: ImportInput[] = files.map((file) => ({
        label: file.name,
        load: async () => decodeBase64(file.name, file.dataBase64),
      }));
      return pipeline.run(inputs, { batchId });
    },

    'articles.importPaths': async ({ paths, batchId }) => {
      const expanded = await inputsFromPaths(paths);
      const inputs: ImportInput[] = expanded.map((entry) =>
        'load' in entry
          ? entry
          : {
              label: entry.label,
              load: async () => {
                throw new DossierError('io', entry.error);
              },
            },
      );
      return pipeline.run(inputs, { batchId });
    },

    'articles.cancelImport': async ({ batchId }) => ({ cancelled: pipeline.cancel(batchId) }),

    'articles.paste': async (input) => {
      const [result] = await pipeline.run([pasteInput(input)]);
      if (!result) throw new DossierError('internal', 'The paste produced no result.');
      // Like a file: `error` (empty paste...) or `duplicate` come back as the result's status.
      return result;
    },

    'articles.setNoise': async ({ id, start, end, noise, reason }) => {
      const summary = store.getArticleSummary(id);
      if (!summary) throw new DossierError('not-found', `No article with id ${id}.`);
      checkRange(summary.title, summary.length, start, end);
      const [updated] = await store.updateArticlesMeta([
        {
          id,
          patch: (current) =>
            noise
              ? markNoise(current.noise, current.noiseDismissed, { start, end }, reason)
              : unmarkNoise(current.noise, current.noiseDismissed, { start, end }),
        },
      ]);
      emit({ type: 'articles.changed' });
      return updated ?? store.getArticleSummary(id)!;
    },

    'articles.editText': async ({ id, text }) => {
      const result = await editArticleText(store, id, text, now().toISOString());
      emit({ type: 'articles.changed' });
      return result;
    },

    'articles.updateMeta': async ({ id, patch }) => {
      if (!store.getArticleSummary(id)) throw new DossierError('not-found', `No article with id ${id}.`);
      const updated = await store.updateArticleMeta(id, patch);
      emit({ type: 'articles.changed' });
      return updated;
    },

  };

  return {
    handlers,
    close: async () => {
      entities.close();
      await search.close();
    },
  };
}

function decodeBase64(name: string, data: string): Uint8Array {
  // Buffer.from silently skips bad characters; check the alphabet so a broken upload is reported.
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(data)) {
    throw new DossierError('invalid-input', `${name}: the uploaded content is not valid base64`);
  }
  return new Uint8Array(Buffer.from(data, 'base64'));
}
