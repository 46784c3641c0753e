/** Highlights: the `annotations.*` methods of the API contract. */
import { z } from 'zod';
import { Annotation, Id, RichText } from '../../model/schemas';
import { ReviewInput, TargetInput, TextRange } from '../common';
import { method } from '../method';

/** One highlight found by `annotations.query`, with what a list needs to name its article. */
export const AnnotationHit = z.object({
  annotation: Annotation,
  articleTitle: z.string(),
  outlet: z.string().nullable(),
});
export type AnnotationHit = z.infer<typeof AnnotationHit>;

export const annotationMethods = {
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
    "Change a highlight's tags, comment, or range (`target`: resized, anchored afresh).",
    z
      .object({
        articleId: Id,
        id: Id,
        tags: z.array(Id).optional(),
        comment: RichText.optional(),
        target: TextRange.optional(),
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

  'annotations.restore': method(
    'notebook',
    'Put back a deleted highlight exactly as it was (undo); refused when its article is gone.',
    z.object({ annotation: Annotation }).strict(),
    Annotation,
  ),
  'annotations.query': method(
    'notebook',
    'Highlights across the notebook, filtered by tags (any of them), article, and/or needing review (fuzzy or orphaned).',
    z
      .object({
        tagIds: z.array(Id).optional(),
        articleId: Id.optional(),
        needsReview: z.boolean().optional(),
      })
      .strict(),
    z.array(AnnotationHit),
  ),

  'annotations.review': method(
    'notebook',
    'Review a highlight after an edit: accept its best candidate, move it to start..end, or delete it.',
    ReviewInput,
    z.object({ deleted: z.boolean(), annotation: Annotation.nullable() }),
  ),
};
