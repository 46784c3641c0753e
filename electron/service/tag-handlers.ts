/** Handlers of the `tags.*` methods. */
import { randomUUID } from 'node:crypto';
import type { Handlers } from '../../shared/api/contract';
import type { tagMethods } from '../../shared/api/methods/tags';
import { DossierError } from '../../shared/api/result';
import type { Tag } from '../../shared/model/schemas';
import type { ServiceContext } from './context';

/** A calm palette that reads in both themes; new tags take the next colour. */
const TAG_COLORS = ['#e5b93c', '#5aa9e6', '#7bc67b', '#e57373', '#b085f5', '#4db6ac', '#ff9f5a', '#a1887f'];

export function createTagHandlers({ store }: ServiceContext): Handlers<keyof typeof tagMethods> {
  return {
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
  };
}
