/** Handlers of the `annotations.*` methods. Every change emits `annotations.changed` so open views reload. */
import { randomUUID } from 'node:crypto';
import type { Handlers } from '../../shared/api/contract';
import type { AnnotationHit, annotationMethods } from '../../shared/api/methods/annotations';
import { DossierError } from '../../shared/api/result';
import type { Annotation } from '../../shared/model/schemas';
import { requireTags, resolveTarget, type ServiceContext } from './context';
import { reviewTarget } from './edit-article';

/** How many highlight files `annotations.query` reads at once across the notebook. */
const QUERY_CONCURRENCY = 16;

export function createAnnotationHandlers({ store, now, emit }: ServiceContext): Handlers<keyof typeof annotationMethods> {
  const findAnnotation = async (articleId: string, id: string): Promise<Annotation> => {
    if (!store.getArticleSummary(articleId)) throw new DossierError('not-found', `No article with id ${articleId}.`);
    const annotation = (await store.listAnnotations(articleId)).find((a) => a.id === id);
    if (!annotation) throw new DossierError('not-found', `No highlight ${id} on article ${articleId}.`);
    return annotation;
  };
  const changed = (articleId: string): void => emit({ type: 'annotations.changed', articleIds: [articleId] });

  return {
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
        tags: await requireTags(store, tags),
        comment: comment ?? null,
        anchor: { status: 'anchored', score: 1 },
        createdAt: stamp,
        updatedAt: stamp,
      };
      await store.putAnnotation(annotation);
      changed(articleId);
      return annotation;
    },

    'annotations.update': async ({ articleId, id, tags, comment, target }) => {
      const current = await findAnnotation(articleId, id);
      const updated: Annotation = {
        ...current,
        tags: tags === undefined ? current.tags : await requireTags(store, tags),
        comment: comment === undefined ? current.comment : comment,
        updatedAt: now().toISOString(),
      };
      if (target) {
        // A resize (or the analyst confirming a place): the selector is made afresh from the
        // current text, so the highlight is exactly anchored there.
        updated.target = resolveTarget(await store.getArticle(articleId), target);
        updated.anchor = { status: 'anchored', score: 1 };
      }
      await store.putAnnotation(updated);
      changed(articleId);
      return updated;
    },

    'annotations.delete': async ({ articleId, id }) => {
      const deleted = await store.deleteAnnotation(articleId, id);
      if (deleted) changed(articleId);
      return { deleted };
    },

    'annotations.restore': async ({ annotation }) => {
      const summary = store.getArticleSummary(annotation.articleId);
      if (!summary) {
        throw new DossierError('not-found', `The highlight ${annotation.id} cannot be put back: its article ${annotation.articleId} is no longer in the notebook.`);
      }
      // Exactly as it was, except tags deleted in the meantime (a highlight must not name a missing tag).
      const known = new Set((await store.listTags()).map((t) => t.id));
      const restored: Annotation = { ...annotation, tags: annotation.tags.filter((t) => known.has(t)) };
      await store.putAnnotation(restored);
      changed(annotation.articleId);
      return restored;
    },

    'annotations.query': async ({ tagIds, articleId, needsReview }) => {
      const articles = articleId === undefined ? store.listArticles() : [store.getArticleSummary(articleId)];
      if (articleId !== undefined && !articles[0]) throw new DossierError('not-found', `No article with id ${articleId}.`);
      const wanted = tagIds && tagIds.length > 0 ? new Set(tagIds) : null;
      const perArticle: AnnotationHit[][] = new Array<AnnotationHit[]>(articles.length);
      let next = 0;
      const worker = async (): Promise<void> => {
        while (next < articles.length) {
          const index = next++;
          const summary = articles[index];
          if (!summary) continue;
          const hits: AnnotationHit[] = [];
          for (const annotation of await store.listAnnotations(summary.id)) {
            if (wanted && !annotation.tags.some((t) => wanted.has(t))) continue;
            if (needsReview !== undefined && (annotation.anchor.status !== 'anchored') !== needsReview) continue;
            hits.push({ annotation, articleTitle: summary.title, outlet: summary.outlet });
          }
          // In reading order within an article.
          perArticle[index] = hits.sort((a, b) => a.annotation.target.start - b.annotation.target.start || a.annotation.target.end - b.annotation.target.end);
        }
      };
      await Promise.all(Array.from({ length: Math.min(QUERY_CONCURRENCY, articles.length) }, worker));
      return perArticle.flatMap((hits) => hits ?? []);
    },

    'annotations.review': async ({ articleId, id, action, start, end }) => {
      const current = await findAnnotation(articleId, id);
      if (action === 'delete') {
        const deleted = await store.deleteAnnotation(articleId, id);
        if (deleted) changed(articleId);
        return { deleted, annotation: null };
      }
      const article = await store.getArticle(articleId);
      if (action === 'accept' && current.anchor.status !== 'orphaned') {
        throw new DossierError('conflict', `The highlight ${id} is ${current.anchor.status}, not waiting for review; move or delete it instead.`);
      }
      const { target, anchor } = reviewTarget(article.title, article.text, current.target, action, { start, end });
      const updated: Annotation = { ...current, target, anchor, updatedAt: now().toISOString() };
      await store.putAnnotation(updated);
      changed(articleId);
      return { deleted: false, annotation: updated };
    },
  };
}
