/** Tags: the `tags.*` methods of the API contract. */
import { z } from 'zod';
import { Id, Tag } from '../../model/schemas';
import { Empty, method } from '../method';

const TagName = z.string().min(1).max(200);

/** A highlight's or claim's tags as they were before a merge or delete: what `tags.restore` puts back. */
export const TaggedRecord = z.object({ articleId: Id, id: Id, tags: z.array(Id) }).strict();
export type TaggedRecord = z.infer<typeof TaggedRecord>;

/** Everything a merge or delete changed, in its previous state, so it can be undone exactly. */
export const TagUndo = z
  .object({
    /** Tags as they were (the removed tag, and every tag that moved or was merged). */
    tags: z.array(Tag),
    highlights: z.array(TaggedRecord),
    claims: z.array(TaggedRecord),
  })
  .strict();
export type TagUndo = z.infer<typeof TagUndo>;

/** What a merge or delete touched: counts of records and child tags, and how to undo it. */
export const TagChangeReport = z.object({
  highlights: z.number().int().nonnegative(),
  claims: z.number().int().nonnegative(),
  /** Child tags moved to the new parent. */
  movedChildren: z.number().int().nonnegative(),
  /** Child tags folded into a same-named tag already at the destination. */
  mergedChildren: z.number().int().nonnegative(),
  undo: TagUndo,
});
export type TagChangeReport = z.infer<typeof TagChangeReport>;

export const TagUsage = z.object({
  tagId: Id,
  highlights: z.number().int().nonnegative(),
  claims: z.number().int().nonnegative(),
});
export type TagUsage = z.infer<typeof TagUsage>;

export const tagMethods = {
  'tags.list': method('notebook', 'All tags.', Empty, z.array(Tag)),
  'tags.create': method(
    'notebook',
    'Create a tag (or return the existing one of that name under the same parent).',
    z
      .object({
        name: TagName,
        parentId: Id.nullable().optional(),
        color: Tag.shape.color.optional(),
      })
      .strict(),
    Tag,
  ),
  'tags.update': method(
    'notebook',
    'Rename, recolour or move a tag (parentId null: to the top level). Refuses a cycle or a duplicate name among its siblings.',
    z
      .object({
        id: Id,
        name: TagName.optional(),
        color: Tag.shape.color.optional(),
        parentId: Id.nullable().optional(),
      })
      .strict(),
    Tag,
  ),
  'tags.usage': method(
    'notebook',
    'For every tag, how many highlights and claims carry it (directly, not through sub-tags).',
    Empty,
    z.array(TagUsage),
  ),
  'tags.merge': method(
    'notebook',
    'Merge tag `fromId` into `intoId`: its highlights and claims carry `intoId` instead, its sub-tags move under `intoId`, and it is removed.',
    z.object({ fromId: Id, intoId: Id }).strict(),
    TagChangeReport.extend({ tag: Tag }),
  ),
  'tags.delete': method(
    'notebook',
    'Delete a tag: it is removed from every highlight and claim, and its sub-tags move up to its parent.',
    z.object({ id: Id }).strict(),
    TagChangeReport,
  ),
  'tags.restore': method(
    'notebook',
    'Undo a merge or delete: put the given tags back as they were and give the listed highlights and claims their previous tags (records deleted since are skipped).',
    TagUndo,
    z.object({ tags: z.number().int().nonnegative(), highlights: z.number().int().nonnegative(), claims: z.number().int().nonnegative() }),
  ),
};
