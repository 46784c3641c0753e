/** Handlers of the `search.*` methods. */
import type { Handlers } from '../../shared/api/contract';
import type { searchMethods } from '../../shared/api/methods/search';
import type { ServiceContext } from './context';

export function createSearchHandlers({ search }: ServiceContext): Handlers<keyof typeof searchMethods> {
  return {
    'search.query': async ({ query, limit }) => search.query(query, limit),
  };
}
