/**
 * Replacing an article's text (a corrected or updated version) and re-anchoring everything on it,
 * and the analyst's review of what could not be re-anchored.
 *
 * Rules:
 * - Every highlight and claim goes through reanchorAll (shared/anchoring). Applied results
 *   ('anchored', 'fuzzy') get the new target; anything else keeps its OLD target with anchor status
 *   'orphaned' and the best score: never moved silently, never dropped.
 * - Noise ranges (and dismissed spans) are mapped through the same diff and kept only when the text
 *   they cover came through unchanged; a range the edit touched is dropped (the analyst can mark it
 *   again; detection runs at import). Guessing a new extent for noise would hide real text.
 * - Write order: the new body (replaceArticle) first, then the annotation and claim shards. A crash
 *   in between leaves shards whose selectors were made on the old text. They are recognisable
 *   (their quote no longer equals the text at their range while their status is not 'orphaned'),
 *   and re-running the same edit repairs them: an unchanged text is a no-op for consistent items,
 *   and stale items are re-anchored without the old text (the re-import rules, same threshold).
 *   No journal file is needed for that, and no state is ever half-applied silently.
 */
import { reanchor, reanchorAll, diffText, mapPosition, type AnchorResult, type TextDiff } from '../../shared/anchoring';
import { DossierError } from '../../shared/api/result';
import type { Anchor, Annotation, ArticleSummary, Claim, NoiseRange, Selector } from '../../shared/model/schemas';
import { makeSelector } from '../../shared/text/selector';
import { formatBytes, MAX_IMPORT_BYTES } from '../importers/decode';
import type { NotebookStore } from '../store/notebook-store';
import { contentHashOf } from './import-articles';

export type AnchoredKind = 'annotation' | 'claim';

export interface AnchorReport {
  kind: AnchoredKind;
  id: string;
  status: Anchor['status'];
  score: number;
  needsReview: boolean;
  /** The item's quote after the edit: the new text when applied, else the stored (old) quote. */
  quote: string;
  candidate: { start: number; end: number; exact: string; score: number } | null;
}

export interface EditResult {
  article: ArticleSummary;
  anchors: AnchorReport[];
}

interface Item {
  kind: AnchoredKind;
  record: Annotation | Claim;
  anchor: Anchor;
}

/** Whether the selector was made on `text` (its quote sits at its range). */
export function selectorFits(selector: Selector, text: string): boolean {
  return selector.end <= text.length && text.slice(selector.start, selector.end) === selector.exact;
}

function checkText(title: string, text: string): void {
  if (text.trim() === '') throw new DossierError('invalid-input', `The new text of "${title}" is empty; an article needs some text.`);
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_IMPORT_BYTES) {
    throw new DossierError('invalid-input', `The new text of "${title}" is ${formatBytes(bytes)}; Dossier takes texts of up to ${formatBytes(MAX_IMPORT_BYTES)}.`);
  }
}

/** Maps a range through the diff; null when the edit touched the text it covers. */
function mapUnchanged(diff: TextDiff, oldText: string, newText: string, start: number, end: number): { start: number; end: number } | null {
  const s = mapPosition(diff, start, 1);
  const e = mapPosition(diff, end, -1);
  if (s.inside || e.inside || e.pos <= s.pos) return null;
  return newText.slice(s.pos, e.pos) === oldText.slice(start, end) ? { start: s.pos, end: e.pos } : null;
}

export function mapNoise(diff: TextDiff, oldText: string, newText: string, noise: readonly NoiseRange[]): NoiseRange[] {
  return noise.flatMap((r) => {
    const m = mapUnchanged(diff, oldText, newText, r.start, r.end);
    return m ? [{ ...r, ...m }] : [];
  });
}

function reportOf(kind: AnchoredKind, record: Annotation | Claim, anchor: Anchor, candidate: AnchorReport['candidate']): AnchorReport {
  return {
    kind,
    id: record.id,
    status: anchor.status,
    score: anchor.score,
    needsReview: anchor.status === 'orphaned',
    quote: record.target.exact,
    candidate,
  };
}

/** The anchor a re-anchoring result gives: applied results carry their status; the rest is orphaned. */
function anchorOf(result: AnchorResult): Anchor {
  return result.selector ? { status: result.status, score: result.score } : { status: 'orphaned', score: result.score };
}

/**
 * Replaces the text of article `id` and re-anchors its highlights and claims (see the top of this file).
 * `stamp` is the updatedAt of every record that changes.
 */
export async function editArticleText(store: NotebookStore, id: string, newText: string, stamp: string): Promise<EditResult> {
  const article = await store.getArticle(id);
  checkText(article.title, newText);
  const [annotations, claims] = await Promise.all([store.listAnnotations(id), store.listClaims(id)]);
  const items: Item[] = [
    ...annotations.map((a): Item => ({ kind: 'annotation', record: a, anchor: a.anchor })),
    ...claims.map((c): Item => ({ kind: 'claim', record: c, anchor: claimAnchor(c, article.text) })),
  ];
  const oldText = article.text;
  const changed = newText !== oldText;

  // Items whose selector was made on the current text re-anchor through the diff; stale ones
  // (left by a crash between the body and the shards, or orphans kept from an earlier edit) go
  // without the old text.
  const fits = items.map((it) => selectorFits(it.record.target, oldText));
  const withOld = items.filter((_, i) => fits[i]);
  const stale = items.filter((_, i) => !fits[i]);
  const results = new Map<Item, AnchorResult>();
  if (changed) {
    const r = reanchorAll(withOld.map((it) => it.record.target), oldText, newText);
    withOld.forEach((it, i) => results.set(it, r[i]!));
  }
  const r2 = reanchorAll(stale.map((it) => it.record.target), null, newText);
  stale.forEach((it, i) => results.set(it, r2[i]!));

  let summary: ArticleSummary;
  if (changed) {
    const diff = diffText(oldText, newText);
    summary = await store.replaceArticle({
      ...article,
      text: newText,
      length: newText.length,
      contentHash: contentHashOf(newText),
      noise: mapNoise(diff, oldText, newText, article.noise),
      noiseDismissed: article.noiseDismissed.flatMap((d) => {
        const m = mapUnchanged(diff, oldText, newText, d.start, d.end);
        return m ? [m] : [];
      }),
    });
  } else {
    summary = store.getArticleSummary(id)!;
  }

  const reports: AnchorReport[] = [];
  const changedAnnotations: Annotation[] = [];
  const changedClaims: Claim[] = [];
  for (const it of items) {
    const result = results.get(it);
    // Unchanged text, consistent selector: nothing to do, report what is stored.
    if (!result) {
      reports.push(reportOf(it.kind, it.record, it.anchor, null));
      continue;
    }
    // An orphan stays orphaned until the analyst reviews it, unless the text changed and it now
    // qualifies under the same rules; an unchanged text never re-decides an orphan.
    if (!changed && it.anchor.status === 'orphaned') {
      reports.push(reportOf(it.kind, it.record, { status: 'orphaned', score: result.score }, result.candidate));
      continue;
    }
    const anchor = anchorOf(result);
    const updated = {
      ...it.record,
      target: result.selector ?? it.record.target,
      updatedAt: stamp,
      ...(it.kind === 'annotation' ? { anchor } : {}),
    };
    if (it.kind === 'annotation') changedAnnotations.push(updated as Annotation);
    else changedClaims.push(updated as Claim);
    reports.push(reportOf(it.kind, updated, anchor, result.selector ? null : result.candidate));
  }
  // One write per shard, however many highlights the edit moved.
  await store.putAnnotations(id, changedAnnotations);
  await store.putClaims(id, changedClaims);
  return { article: summary, anchors: reports };
}

/**
 * Claims have no anchor field in the schema: a claim's target that fits the text is taken as
 * anchored, one that does not as orphaned (kept after an edit for review).
 */
export function claimAnchor(claim: Claim, text: string): Anchor {
  return selectorFits(claim.target, text) ? { status: 'anchored', score: 1 } : { status: 'orphaned', score: 0 };
}

export type ReviewAction = 'accept' | 'move' | 'delete';

/**
 * What review does to one item's target on `text`: accept applies the best candidate found now
 * (re-anchoring the stored selector without the old text); move applies the given range.
 */
export function reviewTarget(
  title: string,
  text: string,
  target: Selector,
  action: Exclude<ReviewAction, 'delete'>,
  range: { start?: number | undefined; end?: number | undefined },
): { target: Selector; anchor: Anchor } {
  if (action === 'move') {
    const { start, end } = range;
    if (start === undefined || end === undefined) throw new DossierError('invalid-input', 'move needs start and end.');
    if (end <= start || end > text.length) {
      throw new DossierError('invalid-input', `The range ${start}-${end} is not inside "${title}" (${text.length} characters).`);
    }
    return { target: makeSelector(text, start, end), anchor: { status: 'anchored', score: 1 } };
  }
  const result = reanchor(target, text);
  const found = result.selector ?? (result.candidate ? makeSelector(text, result.candidate.start, result.candidate.end) : null);
  if (!found) {
    throw new DossierError('conflict', `No place in "${title}" resembles the quote ${JSON.stringify(target.exact.slice(0, 80))}; move it to a range or delete it.`);
  }
  // The analyst confirmed the place: anchored when the quote is intact, else fuzzy with its score.
  const anchor: Anchor = found.exact === target.exact ? { status: 'anchored', score: 1 } : { status: 'fuzzy', score: Math.max(result.score, result.candidate?.score ?? 0) };
  return { target: found, anchor };
}
