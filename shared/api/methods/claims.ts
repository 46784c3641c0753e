/** Claims and sources: the `claims.*` and `sources.*` methods of the API contract. */
import { z } from 'zod';
import { Claim, ClaimKind, Id, Source } from '../../model/schemas';
import { ReviewInput, TargetInput } from '../common';
import { Empty, method } from '../method';

export const claimMethods = {
  'claims.list': method(
    'notebook',
    "Claims of one article, or of the whole notebook when `articleId` is omitted.",
    z.object({ articleId: Id.optional() }).strict(),
    z.array(Claim),
  ),
  'claims.create': method(
    'notebook',
    'Make a claim on a range or the first occurrence of a quote.',
    z
      .object({
        articleId: Id,
        target: TargetInput,
        statement: z.string().optional(),
        speaker: z.string().nullable().optional(),
        kind: ClaimKind.optional(),
      })
      .strict(),
    Claim,
  ),

  'claims.review': method(
    'notebook',
    'Review a claim after an edit: accept its best candidate, move it to start..end, or delete it.',
    ReviewInput,
    z.object({ deleted: z.boolean(), claim: Claim.nullable() }),
  ),

  'sources.list': method('notebook', 'Sources (outlets and originators).', Empty, z.array(Source)),
};
