/** Input and output shapes shared by several sections of the API contract. */
import { z } from 'zod';
import { AnchorStatus, Id } from '../model/schemas';

/** Where a new highlight or claim goes: a text range, or the first occurrence of a quote. */
export const TargetInput = z.union([
  z.object({ start: z.number().int().nonnegative(), end: z.number().int().nonnegative() }).strict(),
  z.object({ quote: z.string().min(1) }).strict(),
]);
export type TargetInput = z.infer<typeof TargetInput>;

/** A text range in Article.text (UTF-16 offsets, end exclusive). */
export const TextRange = z.object({ start: z.number().int().nonnegative(), end: z.number().int().nonnegative() }).strict();
export type TextRange = z.infer<typeof TextRange>;

/** One highlight's or claim's anchor after an edit; `candidate` is the best place found when not applied. */
export const AnchorReport = z.object({
  kind: z.enum(['annotation', 'claim']),
  id: Id,
  status: AnchorStatus,
  score: z.number().min(0).max(1),
  needsReview: z.boolean(),
  /** The quote after the edit: the new text when applied, else the stored (old) quote. */
  quote: z.string(),
  candidate: z
    .object({ start: z.number().int().nonnegative(), end: z.number().int().nonnegative(), exact: z.string(), score: z.number().min(0).max(1) })
    .nullable(),
});
export type AnchorReport = z.infer<typeof AnchorReport>;

/** Review of an item that needs it: accept the best candidate, move it to a range, or delete it. */
export const ReviewInput = z
  .object({
    articleId: Id,
    id: Id,
    action: z.enum(['accept', 'move', 'delete']),
    start: z.number().int().nonnegative().optional(),
    end: z.number().int().nonnegative().optional(),
  })
  .strict();

