/**
 * Re-anchoring highlights and claims after an article's text changes (an edit, a corrected text,
 * a re-imported newer version). Pure TypeScript: runs in the Node side, the CLI and the renderer.
 *
 * Rules, in order (details and the scoring in reanchor.ts):
 * 1. Edit with the old text known: map the range through a diff of old -> new. Nothing changed
 *    in the quote or its 32-character context: 'anchored' (method 'diff', score 1).
 * 2. Re-import: the old position still holds quote and context: 'anchored' ('position'); the
 *    whole stored passage (prefix + quote + suffix) occurs exactly once: 'anchored' ('exact').
 * 3. Otherwise candidates are aligned against the stored passage and scored 0.6 quote similarity
 *    + 0.35 context + 0.05 closeness. Applied when score >= threshold (default 0.75), unambiguous,
 *    and (edit mode) not a passage the edit left untouched elsewhere. Applied text identical to
 *    the quote is 'anchored', otherwise 'fuzzy' (e.g. a typo fixed or a word added inside it: one
 *    changed letter in a 20-letter quote with its context intact scores about 0.98).
 * 4. Everything else is 'orphaned' with needsReview and the best candidate for the analyst.
 *    Nothing is ever dropped and nothing below the threshold is ever applied.
 */
export {
  reanchor,
  reanchorAll,
  DEFAULT_ANCHOR_THRESHOLD,
  AMBIGUITY_MARGIN,
  type AnchorResult,
  type AnchorCandidate,
  type AnchorMethod,
  type ReanchorOptions,
} from './reanchor';
export { diffText, mapPosition, mapPositionBack, applyDiff, type TextDiff, type Hunk, type MappedPosition } from './diff';
export { alignPassage, type Alignment } from './align';
