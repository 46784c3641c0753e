/** Tags: the `tags.*` methods of the API contract. */
import { z } from 'zod';
import { Id, Tag } from '../../model/schemas';
import { Empty, method } from '../method';

export const tagMethods = {
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
};
