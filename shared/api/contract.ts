/**
 * The API contract: one table of methods, each with its input and output schema.
 * The Electron IPC handler, the preload, the browser host and the CLI are all derived from it;
 * to add a method, add a row here and a handler in electron/service (the compiler then asks for it).
 *
 * `scope` says who can serve a method:
 * - `app`: about the application itself (which notebook is open, recent notebooks); every host.
 * - `notebook`: needs an open notebook; every host, and the CLI against its DIR.
 * - `shell`: needs the desktop shell (native dialogs); other hosts answer `unsupported`.
 */
import { z } from 'zod';
import {
  Annotation,
  AnchorStatus,
  Article,
  ArticleSummary,
  Brief,
  Claim,
  ClaimKind,
  Id,
  IsoDate,
  NotebookMeta,
  RichText,
  Source,
  StoreProblem,
  Tag,
} from '../model/schemas';

export type MethodScope = 'app' | 'notebook' | 'shell';

export interface MethodSpec<
  I extends z.ZodType = z.ZodType,
  O extends z.ZodType = z.ZodType,
  S extends MethodScope = MethodScope,
> {
  scope: S;
  summary: string;
  input: I;
  output: O;
}

function method<S extends MethodScope, I extends z.ZodType, O extends z.ZodType>(
  scope: S,
  summary: string,
  input: I,
  output: O,
): MethodSpec<I, O, S> {
  return { scope, summary, input, output };
}

const Empty = z.object({}).strict();

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

/** Where a new highlight or claim goes: a text range, or the first occurrence of a quote. */
export const TargetInput = z.union([
  z.object({ start: z.number().int().nonnegative(), end: z.number().int().nonnegative() }).strict(),
  z.object({ quote: z.string().min(1) }).strict(),
]);
export type TargetInput = z.infer<typeof TargetInput>;

export const ArticleWithRecords = Article.extend({
  annotations: z.array(Annotation),
  claims: z.array(Claim),
});

/** One highlight's or claim's anchor after an edit; `candidate` is the best place found when not applied. */
export const AnchorReport = z.object({
  kind: z.enum(['annotation', 'claim']),
  id: Id,
  status: AnchorStatus,
  score: z.number().min(0).max(1),
  needsReview: z.boolean(),
  /** The quote after the edit: the new text when applied, else the stored (old) quote. */
  quote: z.string(),
  candidate: z
    .object({ start: z.number().int().nonnegative(), end: z.number().int().nonnegative(), exact: z.string(), score: z.number().min(0).max(1) })
    .nullable(),
});
export type AnchorReport = z.infer<typeof AnchorReport>;

/** Review of an item that needs it: accept the best candidate, move it to a range, or delete it. */
export const ReviewInput = z
  .object({
    articleId: Id,
    id: Id,
    action: z.enum(['accept', 'move', 'delete']),
    start: z.number().int().nonnegative().optional(),
    end: z.number().int().nonnegative().optional(),
  })
  .strict();

/** One search hit; `highlights` are offsets in `snippet`, `target` offsets in Article.text (null: matched the title or metadata only). */
export const SearchResult = z.object({
  kind: z.enum(['article', 'highlight', 'claim']),
  articleId: Id,
  id: Id.nullable(),
  title: z.string(),
  outlet: z.string().nullable(),
  score: z.number(),
  snippet: z.string(),
  highlights: z.array(z.object({ start: z.number().int().nonnegative(), end: z.number().int().nonnegative() })),
  target: z.object({ start: z.number().int().nonnegative(), end: z.number().int().nonnegative() }).nullable(),
});
export type SearchResult = z.infer<typeof SearchResult>;
export const SearchResponse = z.object({
  total: z.number().int().nonnegative(),
  results: z.array(SearchResult),
  /** Parts of the query that were ignored (a bad date...). */
  warnings: z.array(z.string()),
});
export type SearchResponse = z.infer<typeof SearchResponse>;

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

  'annotations.list': method(
    'notebook',
    "An article's highlights.",
    z.object({ articleId: Id }).strict(),
    z.array(Annotation),
  ),
  'annotations.create': method(
    'notebook',
    'Highlight a range or the first occurrence of a quote.',
    z
      .object({
        articleId: Id,
        target: TargetInput,
        tags: z.array(Id).optional(),
        comment: RichText.optional(),
      })
      .strict(),
    Annotation,
  ),
  'annotations.update': method(
    'notebook',
    "Change a highlight's tags or comment.",
    z
      .object({
        articleId: Id,
        id: Id,
        tags: z.array(Id).optional(),
        comment: RichText.optional(),
      })
      .strict(),
    Annotation,
  ),
  'annotations.delete': method(
    'notebook',
    'Delete a highlight.',
    z.object({ articleId: Id, id: Id }).strict(),
    z.object({ deleted: z.boolean() }),
  ),

  'annotations.review': method(
    'notebook',
    'Review a highlight after an edit: accept its best candidate, move it to start..end, or delete it.',
    ReviewInput,
    z.object({ deleted: z.boolean(), annotation: Annotation.nullable() }),
  ),

  'tags.list': method('notebook', 'All tags.', Empty, z.array(Tag)),
  'tags.create': method(
    'notebook',
    'Create a tag (or return the existing one of that name under the same parent).',
    z
      .object({
        name: z.string().min(1).max(200),
        parentId: Id.nullable().optional(),
        color: Tag.shape.color.optional(),
      })
      .strict(),
    Tag,
  ),

  'claims.list': method(
    'notebook',
    "Claims of one article, or of the whole notebook when `articleId` is omitted.",
    z.object({ articleId: Id.optional() }).strict(),
    z.array(Claim),
  ),
  'claims.create': method(
    'notebook',
    'Make a claim on a range or the first occurrence of a quote.',
    z
      .object({
        articleId: Id,
        target: TargetInput,
        statement: z.string().optional(),
        speaker: z.string().nullable().optional(),
        kind: ClaimKind.optional(),
      })
      .strict(),
    Claim,
  ),

  'claims.review': method(
    'notebook',
    'Review a claim after an edit: accept its best candidate, move it to start..end, or delete it.',
    ReviewInput,
    z.object({ deleted: z.boolean(), claim: Claim.nullable() }),
  ),

  'sources.list': method('notebook', 'Sources (outlets and originators).', Empty, z.array(Source)),
  'briefs.list': method('notebook', 'Briefs, without their documents.', Empty, z.array(Brief.omit({ doc: true }))),

  'search.query': method(
    'notebook',
    'Search articles, highlights and claims: words (all required, ranked), "phrases", prefix*, one-typo fuzzy, and filters outlet: kind: tag: status: from: to:.',
    z.object({ query: z.string().max(2000), limit: z.number().int().positive().max(500).optional() }).strict(),
    SearchResponse,
  ),

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
  /** The native menu asked the page to do something only the page can do. */
  z.object({ type: z.literal('menu.command'), command: z.enum(['import', 'focus-search', 'toggle-inspector']) }),
]);
export type DossierEvent = z.infer<typeof DossierEvent>;
