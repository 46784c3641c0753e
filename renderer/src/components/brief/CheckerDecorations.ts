/**
 * The checker's issues drawn as underlines: inline decorations over the flagged words (or a node
 * decoration on the block when the issue is about the whole block, e.g. an uncited judgment), each with
 * its explanation as a title. Set from outside with `setCheckerIssues` after a debounced check;
 * mapped through edits made meanwhile, so typing is never blocked or waits for the checker.
 */
import { Extension } from '@tiptap/core';
import type { Node as PmNode } from '@tiptap/pm/model';
import { Plugin, PluginKey, type EditorState, type Transaction } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import type { BriefIssue } from '../../../../shared/brief/checker';
import { textblockContentStart } from '../../lib/briefClaims';

export const checkerKey = new PluginKey<DecorationSet>('briefChecker');

/** An issue placed in the editor: its range in editor positions. */
export interface PlacedIssue {
  issue: BriefIssue;
  /** Index in the checker's list (stable ids for the side list). */
  index: number;
  from: number;
  to: number;
  /** The textblock's range, for issues that cover a whole (possibly empty) block. */
  blockFrom: number;
  blockTo: number;
  /** The issue is about the whole block (an uncited judgment...): marked on the block, not its words. */
  wholeBlock: boolean;
}

/** Positions of the issues in `doc` (the document they were computed on); those whose path is gone are dropped. */
export function placeIssues(doc: PmNode, issues: readonly BriefIssue[]): PlacedIssue[] {
  const placed: PlacedIssue[] = [];
  issues.forEach((issue, index) => {
    const start = textblockContentStart(doc, issue.path);
    if (start === null) return;
    const block = doc.resolve(start).parent;
    const blockFrom = start - 1;
    const blockTo = blockFrom + block.nodeSize;
    const from = Math.min(start + issue.from, blockTo - 1);
    const to = Math.min(start + issue.to, blockTo - 1);
    const wholeBlock = to <= from || (issue.from === 0 && to >= blockTo - 1);
    placed.push({ issue, index, from, to, blockFrom, blockTo, wholeBlock });
  });
  return placed;
}

function decorationsFor(doc: PmNode, placed: readonly PlacedIssue[]): DecorationSet {
  const decorations: Decoration[] = [];
  for (const p of placed) {
    const attrs = { class: `brief-issue brief-issue-${p.issue.kind}`, title: p.issue.message, 'data-issue': String(p.index) };
    // Block-wide issues go on the block itself, so they never merge with (and hide the explanation
    // of) a word-level underline inside it.
    if (!p.wholeBlock) decorations.push(Decoration.inline(p.from, p.to, attrs, { issue: p.index }));
    else decorations.push(Decoration.node(p.blockFrom, p.blockTo, { ...attrs, class: `brief-issue-block brief-issue-${p.issue.kind}` }, { issue: p.index, block: true }));
  }
  return DecorationSet.create(doc, decorations);
}

/** Replace the underlines with these (placed on the editor's current document). */
export function setCheckerIssues(view: { state: EditorState; dispatch(tr: Transaction): void }, placed: readonly PlacedIssue[]): void {
  view.dispatch(view.state.tr.setMeta(checkerKey, decorationsFor(view.state.doc, placed)).setMeta('addToHistory', false));
}

/** Indexes of the issues under a position (for "at the caret" explanations). */
export function issuesAt(state: EditorState, pos: number): number[] {
  const set = checkerKey.getState(state);
  if (!set) return [];
  const found = set.find(Math.max(0, pos - 1), Math.min(state.doc.content.size, pos + 1));
  return [...new Set(found.map((d) => (d.spec as { issue: number }).issue))];
}

export const CheckerDecorations = Extension.create({
  name: 'briefChecker',
  addProseMirrorPlugins() {
    return [
      new Plugin<DecorationSet>({
        key: checkerKey,
        state: {
          init: () => DecorationSet.empty,
          apply: (tr, old) => {
            const next = tr.getMeta(checkerKey) as DecorationSet | undefined;
            if (next) return next;
            return tr.docChanged ? old.map(tr.mapping, tr.doc) : old;
          },
        },
        props: {
          decorations: (state) => checkerKey.getState(state),
        },
      }),
    ];
  },
});
