/** Handlers of the `briefs.*` and `export.*` methods. */
import type { Handlers } from '../../shared/api/contract';
import type { briefMethods } from '../../shared/api/methods/briefs';
import type { ServiceContext } from './context';

export function createBriefHandlers({ store }: ServiceContext): Handlers<keyof typeof briefMethods> {
  return {
    'briefs.list': async () => (await store.listBriefs()).map(({ doc: _doc, ...rest }) => rest),
  };
}
