/**
 * The citation node: an inline atom holding a claim's id, shown as "[n]" where n is the order of
 * the claim's first citation in the brief (what every export prints). Numbers are recomputed on
 * every change by a plugin that hands each citation its number as a node decoration; the node
 * view reads it in `update`, so moving or deleting a citation renumbers the others at once.
 * Hover, focus and click are handled by the editor component (it knows the claims).
 */
import { mergeAttributes, Node } from '@tiptap/core';
import type { Node as PmNode } from '@tiptap/pm/model';
import { Plugin, PluginKey, type Transaction } from '@tiptap/pm/state';
import { Decoration, DecorationSet, type NodeView } from '@tiptap/pm/view';

export const CLAIM_DRAG_TYPE = 'application/x-dossier-claim';
/** A highlight dragged into a brief: JSON `{articleId, id}`; citing it makes it a claim first. */
export const HIGHLIGHT_DRAG_TYPE = 'application/x-dossier-highlight';

export interface CitationOptions {
  /** A short accessible description of the claim ("quote — outlet"), or null when unknown. */
  describe(claimId: string): string | null;
}

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    citation: {
      /** Insert a citation of a claim at the selection. */
      insertCitation: (claimId: string) => ReturnType;
    };
  }
}

export const citationNumbersKey = new PluginKey<NumbersState>('citationNumbers');

interface NumbersState {
  /** Bumped by `refreshCitations` when what `describe` knows changed (claims loaded). */
  version: number;
  set: DecorationSet;
}

/** Redraw every citation (after the claims they describe were loaded or changed). */
export function refreshCitations(view: { state: { tr: Transaction }; dispatch(tr: Transaction): void }): void {
  view.dispatch(view.state.tr.setMeta(citationNumbersKey, 'refresh'));
}

/**
 * One node decoration per citation, its spec carrying the citation's number. The number (and the
 * version) are also attributes, because ProseMirror compares decorations by attributes, not spec:
 * a citation whose number changed without moving must still be redrawn.
 */
function numberDecorations(doc: PmNode, version: number): DecorationSet {
  const numbers = new Map<string, number>();
  const decorations: Decoration[] = [];
  doc.descendants((node, pos) => {
    if (node.type.name !== 'citation') return true;
    const id = String(node.attrs.claimId ?? '');
    if (!numbers.has(id)) numbers.set(id, numbers.size + 1);
    const n = numbers.get(id)!;
    decorations.push(Decoration.node(pos, pos + node.nodeSize, { 'data-n': String(n), 'data-v': String(version) }, { citationNumber: n }));
    return false;
  });
  return DecorationSet.create(doc, decorations);
}

export const Citation = Node.create<CitationOptions>({
  name: 'citation',
  group: 'inline',
  inline: true,
  atom: true,
  selectable: true,
  draggable: true,

  addOptions() {
    return { describe: () => null };
  },

  addAttributes() {
    return {
      claimId: {
        default: null,
        parseHTML: (el) => el.getAttribute('data-claim-id'),
        renderHTML: (attrs) => ({ 'data-claim-id': attrs.claimId as string | null }),
      },
    };
  },

  parseHTML() {
    return [{ tag: 'span[data-type="citation"]' }];
  },

  renderHTML({ HTMLAttributes }) {
    return ['span', mergeAttributes({ 'data-type': 'citation', class: 'brief-citation' }, HTMLAttributes), '[?]'];
  },

  renderText({ node }) {
    return `[cite:${String(node.attrs.claimId ?? '')}]`;
  },

  addCommands() {
    return {
      insertCitation:
        (claimId) =>
        ({ commands }) =>
          commands.insertContent({ type: this.name, attrs: { claimId } }),
    };
  },

  addNodeView() {
    const describe = this.options.describe;
    return ({ node, decorations }) => {
      const dom = document.createElement('span');
      dom.className = 'brief-citation';
      dom.dataset.type = 'citation';
      dom.contentEditable = 'false';
      dom.tabIndex = 0;
      let current = node;
      const paint = (n: PmNode, decos: readonly Decoration[]): void => {
        const id = String(n.attrs.claimId ?? '');
        const deco = decos.find((d) => typeof (d.spec as { citationNumber?: unknown }).citationNumber === 'number');
        const number = deco ? (deco.spec as { citationNumber: number }).citationNumber : null;
        dom.dataset.claimId = id;
        dom.textContent = number === null ? '[?]' : `[${number}]`;
        const about = describe(id);
        dom.setAttribute('aria-label', `Citation ${number ?? ''}: ${about ?? 'claim not found'}`.replace('  ', ' '));
        dom.classList.toggle('missing', about === null);
      };
      paint(node, decorations);
      const view: NodeView = {
        dom,
        update(next, decos) {
          if (next.type !== current.type) return false;
          current = next;
          paint(next, decos);
          return true;
        },
        ignoreMutation: () => true,
      };
      return view;
    };
  },

  addProseMirrorPlugins() {
    return [
      new Plugin<NumbersState>({
        key: citationNumbersKey,
        state: {
          init: (_, state) => ({ version: 0, set: numberDecorations(state.doc, 0) }),
          apply: (tr, old) => {
            if (tr.getMeta(citationNumbersKey) === 'refresh') return { version: old.version + 1, set: numberDecorations(tr.doc, old.version + 1) };
            return tr.docChanged ? { version: old.version, set: numberDecorations(tr.doc, old.version) } : old;
          },
        },
        props: {
          decorations: (state) => citationNumbersKey.getState(state)?.set,
        },
      }),
    ];
  },
});
