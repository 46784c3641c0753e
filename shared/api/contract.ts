/**
 * The API contract: one table of methods, each with its input and output schema.
 * The Electron IPC handler, the preload, the browser host and the CLI are all derived from it;
 * to add a method, add a row here or to its section in ./methods/ (annotations, tags, claims, briefs,
 * search...), and a handler in electron/service (the compiler then asks for it).
 *
 * `scope` says who can serve a method:
 * - `app`: about the application itself (which notebook is open, recent notebooks); every host.
 * - `notebook`: needs an open notebook; every host, and the CLI against its DIR.
 * - `shell`: needs the desktop shell (native dialogs); other hosts answer `unsupported`.
 */
import { z } from 'zod';
import { Annotation, Article, ArticleSummary, Claim, Id, IsoDate, NotebookMeta, StoreProblem } from '../model/schemas';
import { AnchorReport } from './common';
import { Empty, method, type MethodScope, type MethodSpec } from './method';
import { annotationMethods } from './methods/annotations';
import { briefMethods } from './methods/briefs';
import { claimMethods } from './methods/claims';
import { searchMethods } from './methods/search';
import { tagMethods } from './methods/tags';
import { noteMethods } from './methods/notes';
import { entityMethods } from './methods/entities';
export * from './common';
export { SearchKind, SearchResponse, SearchResult } from './methods/search';
export type { MethodScope, MethodSpec } from './method';


export const NotebookInfo = z.object({
  path: z.string(),
  meta: NotebookMeta,
  articleCount: z.number().int().nonnegative(),
  /** Files that could not be read at open: kept aside and reported. */
  problems: z.array(StoreProblem),
});
export type NotebookInfo = z.infer<typeof NotebookInfo>;

export const RecentNotebook = z.object({ path: z.string(), name: z.string(), openedAt: IsoDate });
export type RecentNotebook = z.infer<typeof RecentNotebook>;

/** A file handed over by content (drag and drop, upload): bytes as base64, since IPC and HTTP carry JSON. */
export const FileContent = z.object({
  name: z.string().min(1).max(1024),
  dataBase64: z.string(),
});
export type FileContent = z.infer<typeof FileContent>;

/** `cancelled`: the batch was cancelled before this file was read; nothing of it was stored. */
export const ImportStatus = z.enum(['imported', 'duplicate', 'error', 'cancelled']);
export const ImportResult = z.object({
  file: z.string(),
  status: ImportStatus,
  articleId: Id.nullable(),
  title: z.string().nullable(),
  error: z.string().nullable(),
  /** For an imported near-duplicate: the article it nearly duplicates, and the similarity. */
  nearDuplicateOf: Id.nullable().default(null),
  similarity: z.number().min(0).max(1).nullable().default(null),
});
/** Names a batch so its progress events can be told apart and the batch cancelled. */
export const BatchId = z.string().min(1).max(100);
export type ImportResult = z.infer<typeof ImportResult>;

export const ArticleMetaPatch = z
  .object({
    title: z.string().min(1),
    outlet: z.string().nullable(),
    byline: z.string().nullable(),
    publishedAt: IsoDate.nullable(),
    url: z.string().nullable(),
    language: z.string().nullable(),
  })
  .partial()
  .strict();

export const ArticleWithRecords = Article.extend({
  annotations: z.array(Annotation),
  claims: z.array(Claim),
});

export const contract = {
  'app.info': method(
    'app',
    'What this host is and which notebook is open.',
    Empty,
    z.object({
      version: z.string(),
      host: z.enum(['electron', 'browser', 'cli']),
      notebook: NotebookInfo.nullable(),
    }),
  ),
  'notebook.open': method(
    'app',
    'Open the notebook folder at `path` (closing the current one).',
    z.object({ path: z.string().min(1) }).strict(),
    NotebookInfo,
  ),
  'notebook.create': method(
    'app',
    'Create an empty notebook in the folder `path` (new or empty) and open it.',
    z.object({ path: z.string().min(1), name: z.string().min(1).optional() }).strict(),
    NotebookInfo,
  ),
  'notebook.recent': method('app', 'Recently opened notebooks, newest first.', Empty, z.array(RecentNotebook)),
  'notebook.info': method('notebook', 'The open notebook.', Empty, NotebookInfo),

  'articles.list': method(
    'notebook',
    'Articles without their text, in import order; `offset`/`limit` page through them.',
    z
      .object({
        offset: z.number().int().nonnegative().optional(),
        limit: z.number().int().positive().max(100_000).optional(),
      })
      .strict(),
    z.object({ total: z.number().int().nonnegative(), items: z.array(ArticleSummary) }),
  ),
  'articles.get': method('notebook', 'One article with its text.', z.object({ id: Id }).strict(), Article),
  'articles.show': method(
    'notebook',
    'One article with its text, annotations and claims.',
    z.object({ id: Id }).strict(),
    ArticleWithRecords,
  ),
  'articles.import': method(
    'notebook',
    'Import files handed over by content. One result per file; a bad file never stops the others.',
    z.object({ files: z.array(FileContent).min(1), batchId: BatchId.optional() }).strict(),
    z.array(ImportResult),
  ),
  'articles.importPaths': method(
    'notebook',
    'Import files or folders (recursively) from paths on this machine. One result per file.',
    z.object({ paths: z.array(z.string().min(1)).min(1), batchId: BatchId.optional() }).strict(),
    z.array(ImportResult),
  ),
  'articles.cancelImport': method(
    'notebook',
    'Cancel a running import batch: files not yet read are reported as cancelled; stored ones stay.',
    z.object({ batchId: BatchId }).strict(),
    z.object({ cancelled: z.boolean() }),
  ),
  'articles.paste': method(
    'notebook',
    'Import pasted clipboard content (HTML and/or plain text) as an article.',
    z.object({ html: z.string().optional(), text: z.string().optional(), title: z.string().optional() }).strict(),
    ImportResult,
  ),
  'articles.setNoise': method(
    'notebook',
    'Mark a range as noise (kind manual) or unmark it (every noise range overlapping it is dismissed and stays dismissed).',
    z
      .object({
        id: Id,
        start: z.number().int().nonnegative(),
        end: z.number().int().nonnegative(),
        noise: z.boolean(),
        reason: z.string().max(500).optional(),
      })
      .strict(),
    ArticleSummary,
  ),
  'articles.editText': method(
    'notebook',
    "Replace an article's text (a corrected or updated version) and re-anchor its highlights and claims; items not re-anchored keep their old target and need review.",
    z.object({ id: Id, text: z.string() }).strict(),
    z.object({ article: ArticleSummary, anchors: z.array(AnchorReport) }),
  ),
  'articles.updateMeta': method(
    'notebook',
    "Correct an article's metadata (title, outlet, byline, date, URL, language).",
    z.object({ id: Id, patch: ArticleMetaPatch }).strict(),
    ArticleSummary,
  ),

  ...annotationMethods,
  ...tagMethods,
  ...noteMethods,
  ...claimMethods,
  ...briefMethods,
  ...searchMethods,
  ...entityMethods,

  'shell.chooseNotebookFolder': method(
    'shell',
    'Ask the user for a notebook folder with a native dialog; null when cancelled.',
    z.object({ purpose: z.enum(['open', 'create']) }).strict(),
    z.string().nullable(),
  ),
  'shell.chooseImportFiles': method(
    'shell',
    'Ask the user for files to import with a native dialog; empty when cancelled.',
    Empty,
    z.array(z.string()),
  ),
} as const satisfies Record<string, MethodSpec>;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>;
export type MethodParsedInput<M extends MethodName> = z.output<Contract[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Contract[M]['output']>;

export const methodNames = Object.keys(contract) as MethodName[];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}

export type MethodsOfScope<S extends MethodScope> = {
  [M in MethodName]: Contract[M]['scope'] extends S ? M : never;
}[MethodName];

/** What a host implements: one async function per method, taking the parsed input. */
export type Handlers<M extends MethodName = MethodName> = {
  [K in M]: (input: MethodParsedInput<K>) => Promise<MethodOutput<K>>;
};

/** Events pushed from the Node side to the page (IPC `dossier:event`, or SSE in the browser host). */
export const DossierEvent = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('import.progress'),
    batchId: BatchId.nullable(),
    done: z.number().int(),
    total: z.number().int(),
    file: z.string(),
    status: ImportStatus,
  }),
  /** Another notebook was opened (or none is open). */
  z.object({ type: z.literal('notebook.changed'), notebook: NotebookInfo.nullable() }),
  /** Articles were added or their metadata changed: lists should reload. */
  z.object({ type: z.literal('articles.changed') }),
  /** Highlights of these articles were created, changed, restored or deleted: views showing them reload. */
  z.object({ type: z.literal('annotations.changed'), articleIds: z.array(Id) }),
  /** Tags were created, renamed, recoloured, moved, merged or deleted; `articleIds`: articles whose highlights or claims changed tags. */
  z.object({ type: z.literal('tags.changed'), articleIds: z.array(Id).default([]) }),
  /** Claims of these articles were created, edited, linked, restored or deleted: views showing them reload. */
  z.object({ type: z.literal('claims.changed'), articleIds: z.array(Id) }),
  /** Sources were added or graded: views showing grades reload. */
  z.object({ type: z.literal('sources.changed') }),
  /** The search index is being built (missing or stale cache): `phase` reading/indexing/writing, then done. */
  z.object({
    type: z.literal('search.progress'),
    phase: z.enum(['reading', 'indexing', 'writing', 'done']),
    done: z.number().int().nonnegative(),
    total: z.number().int().nonnegative(),
  }),
  /** Entity extraction is running over many articles (first run, or a large import): `done` of `total` articles. */
  z.object({
    type: z.literal('analysis.progress'),
    phase: z.enum(['entities', 'done']),
    done: z.number().int().nonnegative(),
    total: z.number().int().nonnegative(),
  }),
  /** Entities or alias decisions changed (an import was analysed, a proposal confirmed or rejected): entity views reload. */
  z.object({ type: z.literal('entities.changed') }),
  /** The native menu asked the page to do something only the page can do. */
  z.object({ type: z.literal('menu.command'), command: z.enum(['import', 'focus-search', 'toggle-inspector']) }),
]);
export type DossierEvent = z.infer<typeof DossierEvent>;
