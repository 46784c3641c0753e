/**
 * Re-anchoring highlights and claims after an article's text changes (an edit, a corrected text,
 * a re-imported newer version). Pure TypeScript: runs in the Node side, the CLI and the renderer.
 *
 * Use reanchorAll(selectors, oldText, newText) after an edit (one diff, shared), or with
 * oldText null when the old text is unknown. Each result is:
 * - 'anchored' (applied, text identical to the quote), 'fuzzy' (applied, the quote changed a
 *   little: a typo fixed, words added inside it, line breaks changed; one changed letter in a
 *   20-letter quote with its context intact scores about 0.97), or
 * - 'orphaned' with needsReview: not applied, because nothing qualified (below the threshold,
 *   more than a tenth of the quote changed, ambiguous, or the passage was removed). The best
 *   candidate, if any, comes with it for the analyst to accept, move or delete.
 * Nothing is ever dropped and nothing below the threshold is ever applied. The rules and the
 * score are documented at the top of reanchor.ts; the alignment model in align.ts.
 */
export {
  reanchor,
  reanchorAll,
  DEFAULT_ANCHOR_THRESHOLD,
  AMBIGUITY_MARGIN,
  MAX_LOST_SHARE,
  type AnchorResult,
  type AnchorCandidate,
  type AnchorMethod,
  type ReanchorOptions,
} from './reanchor';
export { diffText, mapPosition, mapPositionBack, applyDiff, type TextDiff, type Hunk, type MappedPosition } from './diff';
export { alignPassage, type Alignment } from './align';
