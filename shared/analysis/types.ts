/** Types the analysis modules share, derived from the domain schemas (shared/model/schemas.ts). */
import type { Claim, Entity } from '../model/schemas';

/** person, organization, place, date, number, other. */
export type EntityKind = Entity['kind'];
export type ClaimRelation = Claim['links'][number]['relation'];

/** A range of UTF-16 offsets into an article's text, end exclusive. */
export interface TextSpan {
  start: number;
  end: number;
}
