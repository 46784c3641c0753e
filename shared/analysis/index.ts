/**
 * Dossier's text analysis: pure functions over article text (no DOM, no Node, no model files).
 * Offsets everywhere are UTF-16 code units into `Article.text`, end exclusive.
 *
 * - sentences: `splitSentences`
 * - claims: `suggestClaims`, `findAttributions`, `findOriginators`
 * - entities: `extractEntities`, `EntityIndex` / `clusterEntities`, alias proposals
 *   (`AliasIndex`, `proposeAliasMerges`, `foldName`, `transliterationKey`)
 * - `findDiscrepancies`, `extractEvents` (timeline), `countIndependentOrigins`
 */
export { type Sentence, splitSentences, sentenceAt } from './sentences';
export { type DateMatch, type DatePrecision, findDates, resolveYear } from './dates';
export { type NumberMatch, type VoteMatch, findNumbers, findVotes, normalizeNumber } from './numbers';
export { type Attribution, type AttributionCue, type Originator, type OriginatorOptions, findAttributions, findOriginators, normalizeOriginator, primaryAttribution } from './attribution';
export { type SuggestedClaim, type SuggestOptions, suggestClaims } from './suggest';
export { type ExtractOptions, type Mention, extractEntities } from './entities';
export {
  type AliasCandidate,
  type AliasDecision,
  type AliasProposal,
  type AliasReason,
  AliasIndex,
  boundedEditDistance,
  foldName,
  proposalId,
  proposeAliasMerges,
  transliterationKey,
} from './aliases';
export { type ArticleMentions, type MergeGroup, EntityIndex, clusterEntities, entityId } from './cluster';
export {
  type Discrepancy,
  type DiscrepancyArticle,
  type DiscrepancyClaim,
  type DiscrepancyInput,
  type DiscrepancyItem,
  type DiscrepancyKind,
  findDiscrepancies,
} from './discrepancies';
export { type TimelineEvent, type TimelineOptions, extractEvents } from './timeline';
export { type IndependenceOptions, type IndependenceResult, type OriginGroup, type OriginInput, countIndependentOrigins, originKey } from './independence';
export type { EntityKind, TextSpan } from './types';
