/**
 * Citing by dragging: a claim row from the picker carries its id under CLAIM_DRAG_TYPE (a highlight
 * row its {articleId, id} under HIGHLIGHT_DRAG_TYPE, made a claim first); dropping it on the editor
 * inserts a citation at the drop position (in text: exactly there; between blocks:
 * in a new paragraph). Also the typed command: "/cite" at the start of a word, or Mod-Shift-C,
 * calls `onCiteCommand` (the editor opens its claim search and inserts at the caret).
 */
import { Extension, InputRule } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import type { EditorView } from '@tiptap/pm/view';
import { CLAIM_DRAG_TYPE, HIGHLIGHT_DRAG_TYPE } from './Citation';

export interface ClaimDropOptions {
  onCiteCommand(): void;
  /** A highlight was dropped: make it a claim and resolve with the claim's id (null: nothing to cite). */
  onHighlightDrop(highlight: { articleId: string; id: string }): Promise<string | null>;
}

/** Inserts a citation of `claimId` at `pos`, or in a new paragraph when `pos` is not in text. */
export function insertCitationAt(view: EditorView, pos: number, claimId: string): boolean {
  const { state } = view;
  const citation = state.schema.nodes.citation;
  const paragraph = state.schema.nodes.paragraph;
  if (!citation || !paragraph) return false;
  const node = citation.create({ claimId });
  const $pos = state.doc.resolve(Math.max(0, Math.min(pos, state.doc.content.size)));
  let tr;
  if ($pos.parent.inlineContent && $pos.parent.type.contentMatch.matchType(citation)) {
    tr = state.tr.insert($pos.pos, node);
  } else {
    // Between blocks (or on a generated section): a paragraph of its own, after the block there.
    const at = $pos.depth > 0 ? $pos.after(1) : $pos.pos;
    tr = state.tr.insert(at, paragraph.create(null, node));
  }
  view.dispatch(tr.scrollIntoView());
  view.focus();
  return true;
}

export const ClaimDrop = Extension.create<ClaimDropOptions>({
  name: 'claimDrop',

  addOptions() {
    return { onCiteCommand: () => undefined, onHighlightDrop: async () => null };
  },

  addKeyboardShortcuts() {
    return {
      'Mod-Shift-c': () => {
        this.options.onCiteCommand();
        return true;
      },
    };
  },

  addInputRules() {
    return [
      new InputRule({
        find: /(?:^|\s)(\/cite)$/,
        handler: ({ state, range, match }) => {
          // Remove only "/cite", keeping the space before it. Tiptap 3 puts the typed "e" in the
          // document before the rule runs (range.to is after it); older versions did not.
          const command = match[1] ?? '';
          const end = range.to;
          const typedIn = end - command.length >= 0 && state.doc.textBetween(end - command.length, end) === command;
          state.tr.delete(end - (typedIn ? command.length : command.length - 1), end);
          this.options.onCiteCommand();
        },
      }),
    ];
  },

  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: new PluginKey('claimDrop'),
        // A plain listener on the editor's element accepts claim rows as a copy. It stops the event
        // there: the window's file-drop handler (App.tsx) sets dropEffect 'none' for every drag
        // that carries no files, and Chromium would then refuse the drop.
        view(view) {
          const onDragOver = (event: DragEvent): void => {
            const transfer = event.dataTransfer;
            if (!transfer || (!transfer.types.includes(CLAIM_DRAG_TYPE) && !transfer.types.includes(HIGHLIGHT_DRAG_TYPE))) return;
            event.preventDefault();
            event.stopPropagation();
            transfer.dropEffect = 'copy';
          };
          view.dom.addEventListener('dragover', onDragOver);
          return { destroy: () => view.dom.removeEventListener('dragover', onDragOver) };
        },
        props: {
          handleDrop: (view, event) => {
            const claimId = event.dataTransfer?.getData(CLAIM_DRAG_TYPE);
            const highlight = parseHighlight(event.dataTransfer?.getData(HIGHLIGHT_DRAG_TYPE));
            if (!claimId && !highlight) return false;
            const at = view.posAtCoords({ left: event.clientX, top: event.clientY });
            const pos = at ? at.pos : view.state.selection.to;
            event.preventDefault();
            if (claimId) return insertCitationAt(view, pos, claimId);
            // The claim is made first; text typed meanwhile moves the drop point along with it.
            const mapping = { from: view.state.doc, pos };
            void this.options.onHighlightDrop(highlight!).then((id) => {
              if (!id || view.isDestroyed) return;
              const moved = view.state.doc === mapping.from ? mapping.pos : Math.min(mapping.pos, view.state.doc.content.size);
              insertCitationAt(view, moved, id);
            });
            return true;
          },
        },
      }),
    ];
  },
});

function parseHighlight(raw: string | undefined): { articleId: string; id: string } | null {
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as unknown;
    if (value && typeof value === 'object' && typeof (value as { articleId?: unknown }).articleId === 'string' && typeof (value as { id?: unknown }).id === 'string') {
      return { articleId: (value as { articleId: string }).articleId, id: (value as { id: string }).id };
    }
  } catch {
    // Not ours: ignore the drop.
  }
  return null;
}
