/** Handlers of the `annotations.*` methods. */
import { randomUUID } from 'node:crypto';
import type { Handlers } from '../../shared/api/contract';
import type { annotationMethods } from '../../shared/api/methods/annotations';
import { DossierError } from '../../shared/api/result';
import type { Annotation } from '../../shared/model/schemas';
import { requireTags, resolveTarget, type ServiceContext } from './context';
import { reviewTarget } from './edit-article';

export function createAnnotationHandlers({ store, now }: ServiceContext): Handlers<keyof typeof annotationMethods> {
  const findAnnotation = async (articleId: string, id: string): Promise<Annotation> => {
    const annotation = (await store.listAnnotations(articleId)).find((a) => a.id === id);
    if (!annotation) throw new DossierError('not-found', `No highlight ${id} on article ${articleId}.`);
    return annotation;
  };

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
      return annotation;
    },

    'annotations.update': async ({ articleId, id, tags, comment }) => {
      const current = await findAnnotation(articleId, id);
      const updated: Annotation = {
        ...current,
        tags: tags === undefined ? current.tags : await requireTags(store, tags),
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
  };
}
