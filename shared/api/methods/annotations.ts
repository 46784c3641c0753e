/** Highlights: the `annotations.*` methods of the API contract. */
import { z } from 'zod';
import { Annotation, Id, RichText } from '../../model/schemas';
import { ReviewInput, TargetInput } from '../common';
import { method } from '../method';

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
};
