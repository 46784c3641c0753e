/** Briefs and exports: the `briefs.*` and `export.*` methods of the API contract. */
import { z } from 'zod';
import { Brief } from '../../model/schemas';
import { Empty, method } from '../method';

export const briefMethods = {
  'briefs.list': method('notebook', 'Briefs, without their documents.', Empty, z.array(Brief.omit({ doc: true }))),
};
