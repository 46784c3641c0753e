/** Claims and sources: the `claims.*` and `sources.*` methods of the API contract. */
import { z } from 'zod';
import { Claim, ClaimKind, ClaimRelation, ClaimStatus, Credibility, Id, IsoDate, Reliability, Source } from '../../model/schemas';
import { ReviewInput, TargetInput, TextRange } from '../common';
import { Empty, method } from '../method';

/** The fields of a claim the analyst edits; `target` moves it to other words of the same article. */
export const ClaimPatch = z
  .object({
    statement: z.string().min(1),
    speaker: z.string().nullable(),
    kind: ClaimKind,
    tags: z.array(Id),
    status: ClaimStatus,
    credibility: Credibility.nullable(),
    note: z.string(),
    target: TextRange,
  })
  .partial()
  .strict();
export type ClaimPatch = z.infer<typeof ClaimPatch>;

/** A link made by another claim to this one, as `claims.delete` removes it and `claims.restore` puts it back. */
export const IncomingLink = z.object({ articleId: Id, id: Id, relation: ClaimRelation });
export type IncomingLink = z.infer<typeof IncomingLink>;

/** One origin of information: a source (agency, ministry, outlet) or, failing any, the article itself. */
export const Origin = z.object({
  /** Stable key: `source:<id>`, or `article:<id>` for an article with neither outlet nor originator. */
  key: z.string(),
  sourceId: Id.nullable(),
  name: z.string(),
});
export type Origin = z.infer<typeof Origin>;

export const Corroboration = z.object({
  /** Independent origins among the claim and the claims linked to it as corroborates or same-as. */
  independent: z.number().int().nonnegative(),
  origins: z.array(Origin),
});

export const ClaimTableRow = z.object({
  claim: Claim,
  articleTitle: z.string(),
  outlet: z.string().nullable(),
  publishedAt: IsoDate.nullable(),
  /** The outlet's Source, whose reliability grades the claim's source. */
  outletSourceId: Id.nullable(),
  reliability: Reliability.nullable(),
  stateAffiliated: z.boolean(),
  /** Who the article rests on: its originators, else its outlet. */
  originSourceIds: z.array(Id),
  corroboration: Corroboration,
  /** Claims linked to this one as `contradicts`, in either direction. */
  contradictions: z.number().int().nonnegative(),
});
export type ClaimTableRow = z.infer<typeof ClaimTableRow>;

/** A link as displayed from one claim: `outgoing` when this claim made it; same-as and contradicts read both ways. */
export const LinkedClaim = z.object({
  relation: ClaimRelation,
  direction: z.enum(['outgoing', 'incoming']),
  row: ClaimTableRow,
});
export type LinkedClaim = z.infer<typeof LinkedClaim>;

export const SuggestedClaim = z.object({
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  text: z.string(),
  speaker: z.string().nullable(),
  kind: ClaimKind,
  score: z.number().min(0).max(1),
  reasons: z.array(z.string()),
});
export type SuggestedClaim = z.infer<typeof SuggestedClaim>;

export const SourcePatch = z
  .object({
    name: z.string().trim().min(1).max(300),
    reliability: Reliability.nullable(),
    stateAffiliated: z.boolean(),
    notes: z.string().max(20_000),
    aliases: z.array(z.string().trim().min(1).max(300)).max(200),
  })
  .partial()
  .strict();
export type SourcePatch = z.infer<typeof SourcePatch>;

const ClaimRef = z.object({ articleId: Id, id: Id }).strict();

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
  'claims.update': method(
    'notebook',
    "Edit a claim's statement, speaker, kind, tags, status, credibility (1-6), note or words (target range).",
    ClaimRef.extend({ patch: ClaimPatch }).strict(),
    Claim,
  ),
  'claims.delete': method(
    'notebook',
    'Delete a claim and the links other claims make to it; returns both, for claims.restore (undo).',
    ClaimRef,
    z.object({ deleted: z.boolean(), claim: Claim.nullable(), incoming: z.array(IncomingLink) }),
  ),
  'claims.restore': method(
    'notebook',
    'Put back a deleted claim (as claims.delete returned it) and the links other claims made to it.',
    z.object({ claim: Claim, incoming: z.array(IncomingLink).default([]) }).strict(),
    Claim,
  ),
  'claims.link': method(
    'notebook',
    'Link a claim to another claim anywhere in the notebook (corroborates, contradicts, same-as, cites); replaces an earlier link between them.',
    ClaimRef.extend({ claimId: Id, relation: ClaimRelation }).strict(),
    Claim,
  ),
  'claims.unlink': method(
    'notebook',
    'Remove the link between two claims, whichever of them made it.',
    ClaimRef.extend({ claimId: Id }).strict(),
    Claim,
  ),
  'claims.table': method(
    'notebook',
    "Every claim with its article, outlet, source grades, corroboration (independent origins) and contradictions.",
    z.object({ articleId: Id.optional() }).strict(),
    z.array(ClaimTableRow),
  ),
  'claims.compare': method(
    'notebook',
    'A claim and every claim linked to it (either direction), as table rows with the relation.',
    ClaimRef,
    z.object({ row: ClaimTableRow, linked: z.array(LinkedClaim) }),
  ),
  'claims.suggest': method(
    'notebook',
    'Suggested claims in an article, ranked: attributed statements, quotes, numbers and decisions not yet claimed nor dismissed.',
    z.object({ articleId: Id }).strict(),
    z.array(SuggestedClaim),
  ),
  'claims.dismissSuggestion': method(
    'notebook',
    'Dismiss a suggested claim so it is not suggested again.',
    z.object({ articleId: Id, start: z.number().int().nonnegative(), end: z.number().int().nonnegative() }).strict(),
    z.object({ dismissed: z.boolean() }),
  ),

  'claims.review': method(
    'notebook',
    'Review a claim after an edit: accept its best candidate, move it to start..end, or delete it.',
    ReviewInput,
    z.object({ deleted: z.boolean(), claim: Claim.nullable() }),
  ),

  'sources.list': method(
    'notebook',
    'Sources: every outlet and every originator the articles attribute information to (derived and kept in sync), with their grades.',
    Empty,
    z.array(Source),
  ),
  'sources.create': method(
    'notebook',
    'Add a source by name (an outlet, or an originator such as an agency); an existing source of that name is returned instead.',
    z.object({ name: z.string().trim().min(1).max(300), kind: z.enum(['outlet', 'originator']).optional() }).strict(),
    Source,
  ),
  'sources.update': method(
    'notebook',
    "Grade or describe a source: name, reliability (A-F), state-affiliated, notes, aliases.",
    z.object({ id: Id, patch: SourcePatch }).strict(),
    Source,
  ),
  'sources.merge': method(
    'notebook',
    'Merge one source into another (one outlet or agency found under two names): its names become aliases of the other, which keeps its grade.',
    z.object({ fromId: Id, intoId: Id }).strict(),
    Source,
  ),
  'sources.origins': method(
    'notebook',
    "An article's outlet source and the originators it attributes its information to.",
    z.object({ articleId: Id }).strict(),
    z.object({ outlet: Source.nullable(), originators: z.array(Source) }),
  ),
};
