/**
 * Entities, alias proposals, discrepancies and the timeline: the `entities.*`, `discrepancies.*` and
 * `timeline.*` methods of the API contract. Offsets are UTF-16 code units into Article.text.
 */
import { z } from 'zod';
import { Entity, EntityKind, Id, IsoDate } from '../../model/schemas';
import { Empty, method } from '../method';

/** Where a record sits, with what a list needs to show it (title, outlet, publication date). */
const ArticleRef = {
  articleId: Id,
  articleTitle: z.string(),
  outlet: z.string().nullable(),
  publishedAt: IsoDate.nullable(),
};

export const EntitySummary = z.object({
  id: Id,
  name: z.string(),
  kind: EntityKind,
  /** Other spellings confirmed as the same entity. */
  aliases: z.array(z.string()),
  mentionCount: z.number().int().nonnegative(),
  articleCount: z.number().int().nonnegative(),
});
export type EntitySummary = z.infer<typeof EntitySummary>;

export const EntityListItem = EntitySummary.extend({ mentions: Entity.shape.mentions.optional() });
export type EntityListItem = z.infer<typeof EntityListItem>;

/** A mention with its sentence (offsets of the sentence in the article; `sentence` its text, shortened if long). */
export const EntityMentionInContext = z.object({
  articleId: Id,
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  text: z.string(),
  sentenceStart: z.number().int().nonnegative(),
  sentenceEnd: z.number().int().nonnegative(),
  sentence: z.string(),
});
export type EntityMentionInContext = z.infer<typeof EntityMentionInContext>;

export const EntityDetail = Entity.extend({
  articles: z.array(z.object({ id: Id, title: z.string(), outlet: z.string().nullable(), publishedAt: IsoDate.nullable() })),
  /** Every mention with its sentence, in the order of `mentions`. */
  contexts: z.array(EntityMentionInContext),
});
export type EntityDetail = z.infer<typeof EntityDetail>;

export const AliasExample = z.object({
  ...ArticleRef,
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  text: z.string(),
  /** The sentence around the mention (shortened if long). */
  context: z.string(),
});

export const AliasProposalView = z.object({
  id: z.string(),
  kind: EntityKind,
  status: z.enum(['pending', 'confirmed']),
  score: z.number().min(0).max(1),
  reason: z.enum(['diacritics', 'case', 'transliteration', 'edit-distance']),
  /** Each spelling with how often and where it occurs (a few examples). */
  names: z.array(
    z.object({
      name: z.string(),
      entityId: Id,
      mentionCount: z.number().int().nonnegative(),
      articleCount: z.number().int().nonnegative(),
      examples: z.array(AliasExample),
    }),
  ),
});
export type AliasProposalView = z.infer<typeof AliasProposalView>;

export const DiscrepancyView = z.object({
  id: z.string(),
  kind: z.enum(['spelling', 'number', 'date', 'contradiction']),
  summary: z.string(),
  items: z.array(
    z.object({
      ...ArticleRef,
      start: z.number().int().nonnegative(),
      end: z.number().int().nonnegative(),
      text: z.string(),
      /** The sentence around the item (shortened if long). */
      context: z.string(),
    }),
  ),
});
export type DiscrepancyView = z.infer<typeof DiscrepancyView>;

/** A dated event found in one article's text (as the entity service caches it per article). */
export const TimelineEvent = z.object({
  /** The event's date (ISO YYYY-MM-DD, YYYY-MM or YYYY), distinct from the article's `publishedAt`. */
  date: z.string(),
  label: z.string(),
  /** The sentence's offsets. */
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  dateText: z.string(),
  dateStart: z.number().int().nonnegative(),
  dateEnd: z.number().int().nonnegative(),
  /** Worked out from the publication date ("yesterday", "on Tuesday"). */
  relative: z.boolean(),
});

export const TimelineEntry = TimelineEvent.extend(ArticleRef);
export type TimelineEntry = z.infer<typeof TimelineEntry>;

export const entityMethods = {
  'entities.list': method(
    'notebook',
    'Entities (people, organisations, places, dates, numbers) with confirmed aliases applied; most mentioned first.',
    z
      .object({
        kind: EntityKind.optional(),
        /** Matches the name or an alias, case and diacritics folded. */
        query: z.string().max(200).optional(),
        limit: z.number().int().positive().max(100_000).optional(),
        /** Include every mention (as `mentions`): what `dossier entities` prints. */
        mentions: z.boolean().optional(),
      })
      .strict(),
    z.array(EntityListItem),
  ),
  'entities.get': method(
    'notebook',
    'One entity with every mention (and its sentence) and the titles of the articles it occurs in.',
    z.object({ id: Id }).strict(),
    EntityDetail,
  ),
  'entities.proposals': method(
    'notebook',
    'Alias proposals: spellings that probably name one entity, with examples of where each occurs.',
    z.object({ status: z.enum(['pending', 'confirmed', 'all']).optional() }).strict(),
    z.array(AliasProposalView),
  ),
  'entities.decide': method(
    'notebook',
    'Confirm or reject an alias proposal; the decision applies everywhere (entities, discrepancies, search).',
    z.object({ proposalId: z.string().min(1).max(200), decision: z.enum(['confirm', 'reject']) }).strict(),
    z.object({ proposalId: z.string(), decision: z.enum(['confirm', 'reject']), names: z.array(z.string()), entityId: Id.nullable() }),
  ),
  'entities.undecide': method(
    'notebook',
    'Withdraw the decision on an alias proposal (undo): it is proposed again.',
    z.object({ proposalId: z.string().min(1).max(200) }).strict(),
    z.object({ removed: z.boolean() }),
  ),
  'entities.split': method(
    'notebook',
    'Split a spelling off an entity: it is no longer an alias of the others, and is not proposed again with them.',
    z.object({ id: Id, name: z.string().min(1).max(500) }).strict(),
    EntitySummary,
  ),
  'discrepancies.list': method(
    'notebook',
    'What the sources disagree on: spellings of one entity, numbers and dates of one fact, contradicting claims.',
    Empty,
    z.array(DiscrepancyView),
  ),
  'timeline.list': method(
    'notebook',
    'Dated events across the notebook in date order, each linked to its sentence.',
    z.object({ from: z.string().max(10).optional(), to: z.string().max(10).optional(), limit: z.number().int().positive().max(100_000).optional() }).strict(),
    z.array(TimelineEntry),
  ),
};
