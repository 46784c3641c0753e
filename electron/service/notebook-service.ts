/**
 * The handlers of every `notebook`-scoped method of the contract, over one open NotebookStore.
 * Inputs arrive already parsed by `dispatch`; handlers throw DossierError, which becomes `{ok: false}`.
 */
import { randomUUID } from 'node:crypto';
import type { DossierEvent, Handlers, MethodsOfScope, NotebookInfo, TargetInput } from '../../shared/api/contract';
import { DossierError } from '../../shared/api/result';
import type { Annotation, Article, Claim, Selector, Tag } from '../../shared/model/schemas';
import { findFirstQuote, makeSelector } from '../../shared/text/selector';
import type { NotebookStore } from '../store/notebook-store';
import { claimAnchor, editArticleText, reviewTarget } from './edit-article';
import { ImportPipeline, inputsFromPaths, type ImportInput } from './import-articles';
import { checkRange, markNoise, unmarkNoise } from './noise-ranges';
import { pasteInput } from './paste';
import { SearchService } from './search-service';

export type NotebookHandlers = Handlers<MethodsOfScope<'notebook'>>;

export interface NotebookServiceOptions {
  emit?: (event: DossierEvent) => void;
  now?: () => Date;
}

/** A calm palette that reads in both themes; new tags take the next colour. */
const TAG_COLORS = ['#e5b93c', '#5aa9e6', '#7bc67b', '#e57373', '#b085f5', '#4db6ac', '#ff9f5a', '#a1887f'];

export function notebookInfo(store: NotebookStore): NotebookInfo {
  return {
    path: store.dir,
    meta: store.meta(),
    articleCount: store.listArticles().length,
    problems: store.problems(),
  };
}

export function resolveTarget(article: Article, target: TargetInput): Selector {
  if ('quote' in target) {
    const range = findFirstQuote(article.text, target.quote);
    if (!range) {
      throw new DossierError('not-found', `The quote ${JSON.stringify(truncate(target.quote, 80))} does not occur in "${article.title}".`);
    }
    return makeSelector(article.text, range.start, range.end);
  }
  if (target.end <= target.start || target.end > article.text.length) {
    throw new DossierError(
      'invalid-input',
      `The range ${target.start}-${target.end} is not inside "${article.title}" (${article.text.length} characters).`,
    );
  }
  return makeSelector(article.text, target.start, target.end);
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export function createNotebookHandlers(store: NotebookStore, options: NotebookServiceOptions = {}): NotebookHandlers {
  const emit = options.emit ?? (() => {});
  const now = options.now ?? (() => new Date());
  // One pipeline per open notebook: its batches queue, and a running one can be cancelled.
  const pipeline = new ImportPipeline(store, emit, now);
  // The search index is loaded (or rebuilt) at the first query and follows the notebook's changes.
  const search = new SearchService(store);

  const requireTags = async (ids: string[] | undefined): Promise<string[]> => {
    if (!ids || ids.length === 0) return [];
    const known = new Set((await store.listTags()).map((t) => t.id));
    const missing = ids.filter((id) => !known.has(id));
    if (missing.length > 0) throw new DossierError('not-found', `No tag with id ${missing.join(', ')}.`);
    return [...new Set(ids)];
  };

  const findAnnotation = async (articleId: string, id: string): Promise<Annotation> => {
    const annotation = (await store.listAnnotations(articleId)).find((a) => a.id === id);
    if (!annotation) throw new DossierError('not-found', `No highlight ${id} on article ${articleId}.`);
    return annotation;
  };

  return {
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

    'annotations.list': async ({ articleId }) => {
      if (!store.getArticleSummary(articleId)) throw new DossierError('not-found', `No article with id ${articleId}.`);
      return store.listAnnotations(articleId);
    },

    'annotations.create': async ({ articleId, target, tags, comment }) => {
      const article = await store.getArticle(articleId);
      const stamp = now().toISOString();
      const annotation: Annotation = {
        id: randomUUID(),
        articleId,
        target: resolveTarget(article, target),
        tags: await requireTags(tags),
        comment: comment ?? null,
        anchor: { status: 'anchored', score: 1 },
        createdAt: stamp,
        updatedAt: stamp,
      };
      await store.putAnnotation(annotation);
      return annotation;
    },

    'annotations.update': async ({ articleId, id, tags, comment }) => {
      const current = await findAnnotation(articleId, id);
      const updated: Annotation = {
        ...current,
        tags: tags === undefined ? current.tags : await requireTags(tags),
        comment: comment === undefined ? current.comment : comment,
        updatedAt: now().toISOString(),
      };
      await store.putAnnotation(updated);
      return updated;
    },

    'annotations.delete': async ({ articleId, id }) => ({ deleted: await store.deleteAnnotation(articleId, id) }),

    'annotations.review': async ({ articleId, id, action, start, end }) => {
      const current = await findAnnotation(articleId, id);
      if (action === 'delete') return { deleted: await store.deleteAnnotation(articleId, id), annotation: null };
      const article = await store.getArticle(articleId);
      if (action === 'accept' && current.anchor.status !== 'orphaned') {
        throw new DossierError('conflict', `The highlight ${id} is ${current.anchor.status}, not waiting for review; move or delete it instead.`);
      }
      const { target, anchor } = reviewTarget(article.title, article.text, current.target, action, { start, end });
      const updated: Annotation = { ...current, target, anchor, updatedAt: now().toISOString() };
      await store.putAnnotation(updated);
      return { deleted: false, annotation: updated };
    },

    'tags.list': async () => store.listTags(),

    'tags.create': async ({ name, parentId = null, color }) => {
      const tags = await store.listTags();
      const trimmed = name.trim();
      if (!trimmed) throw new DossierError('invalid-input', 'A tag needs a name.');
      if (parentId && !tags.some((t) => t.id === parentId)) {
        throw new DossierError('not-found', `No parent tag with id ${parentId}.`);
      }
      const existing = tags.find((t) => t.parentId === parentId && t.name.toLocaleLowerCase() === trimmed.toLocaleLowerCase());
      if (existing) return existing;
      const tag: Tag = {
        id: randomUUID(),
        name: trimmed,
        parentId,
        color: color ?? TAG_COLORS[tags.length % TAG_COLORS.length]!,
      };
      await store.putTag(tag);
      return tag;
    },

    'claims.list': async ({ articleId }) => {
      if (articleId !== undefined && !store.getArticleSummary(articleId)) {
        throw new DossierError('not-found', `No article with id ${articleId}.`);
      }
      return store.listClaims(articleId);
    },

    'claims.create': async ({ articleId, target, statement, speaker, kind }) => {
      const article = await store.getArticle(articleId);
      const selector = resolveTarget(article, target);
      const stamp = now().toISOString();
      const claim: Claim = {
        id: randomUUID(),
        articleId,
        target: selector,
        statement: statement?.trim() || selector.exact,
        speaker: speaker ?? null,
        kind: kind ?? 'fact',
        tags: [],
        status: 'unverified',
        credibility: null,
        links: [],
        note: '',
        createdAt: stamp,
        updatedAt: stamp,
      };
      await store.putClaim(claim);
      return claim;
    },

    'claims.review': async ({ articleId, id, action, start, end }) => {
      const current = (await store.listClaims(articleId)).find((c) => c.id === id);
      if (!current) throw new DossierError('not-found', `No claim ${id} on article ${articleId}.`);
      if (action === 'delete') return { deleted: await store.deleteClaim(articleId, id), claim: null };
      const article = await store.getArticle(articleId);
      if (action === 'accept' && claimAnchor(current, article.text).status !== 'orphaned') {
        throw new DossierError('conflict', `The claim ${id} is anchored, not waiting for review; move or delete it instead.`);
      }
      const { target } = reviewTarget(article.title, article.text, current.target, action, { start, end });
      const updated: Claim = { ...current, target, updatedAt: now().toISOString() };
      await store.putClaim(updated);
      return { deleted: false, claim: updated };
    },

    'sources.list': async () => store.listSources(),

    'briefs.list': async () => (await store.listBriefs()).map(({ doc: _doc, ...rest }) => rest),

    'search.query': async ({ query, limit }) => search.query(query, limit),
  };
}

function decodeBase64(name: string, data: string): Uint8Array {
  // Buffer.from silently skips bad characters; check the alphabet so a broken upload is reported.
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(data)) {
    throw new DossierError('invalid-input', `${name}: the uploaded content is not valid base64`);
  }
  return new Uint8Array(Buffer.from(data, 'base64'));
}
