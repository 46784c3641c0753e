/**
 * A key judgment: a block whose first line holds two selects (ICD 203's seven likelihood terms, and
 * a confidence level) and whose body is editable inline text with citations. The selects are
 * outside the editable content; changing one sets the node's attributes in one transaction, so
 * undo and autosave treat it like typing.
 */
import { mergeAttributes, Node } from '@tiptap/core';
import type { Node as PmNode } from '@tiptap/pm/model';
import type { NodeView } from '@tiptap/pm/view';
import { CONFIDENCE_LEVELS, LIKELIHOOD_TERMS } from '../../../../shared/brief/doc';

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    judgment: {
      /** Insert an empty key judgment after the current block. */
      insertJudgment: () => ReturnType;
    };
  }
}

function validOrNull(value: unknown, allowed: readonly string[]): string | null {
  return typeof value === 'string' && allowed.includes(value) ? value : null;
}

function makeSelect(label: string, emptyLabel: string, options: readonly string[]): HTMLSelectElement {
  const select = document.createElement('select');
  select.className = 'judgment-select';
  select.setAttribute('aria-label', label);
  const empty = document.createElement('option');
  empty.value = '';
  empty.textContent = emptyLabel;
  select.append(empty);
  for (const value of options) {
    const option = document.createElement('option');
    option.value = value;
    option.textContent = value;
    select.append(option);
  }
  return select;
}

export const Judgment = Node.create({
  name: 'judgment',
  group: 'block',
  content: 'inline*',
  defining: true,

  addAttributes() {
    return {
      likelihood: {
        default: null,
        parseHTML: (el) => validOrNull(el.getAttribute('data-likelihood'), LIKELIHOOD_TERMS),
        renderHTML: (attrs) => (attrs.likelihood ? { 'data-likelihood': attrs.likelihood as string } : {}),
      },
      confidence: {
        default: null,
        parseHTML: (el) => validOrNull(el.getAttribute('data-confidence'), CONFIDENCE_LEVELS),
        renderHTML: (attrs) => (attrs.confidence ? { 'data-confidence': attrs.confidence as string } : {}),
      },
    };
  },

  parseHTML() {
    return [{ tag: 'div[data-type="judgment"]' }];
  },

  renderHTML({ HTMLAttributes }) {
    return ['div', mergeAttributes({ 'data-type': 'judgment', class: 'brief-judgment' }, HTMLAttributes), 0];
  },

  addCommands() {
    return {
      insertJudgment:
        () =>
        ({ state, chain }) => {
          const after = state.selection.$from.after(1);
          return chain().insertContentAt(after, { type: this.name, attrs: { likelihood: null, confidence: null } }).setTextSelection(after + 1).run();
        },
    };
  },

  addNodeView() {
    return ({ node, getPos, editor }) => {
      const dom = document.createElement('div');
      dom.className = 'brief-judgment';
      dom.dataset.type = 'judgment';
      dom.setAttribute('role', 'group');
      dom.setAttribute('aria-label', 'Key judgment');

      const bar = document.createElement('div');
      bar.className = 'judgment-bar';
      bar.contentEditable = 'false';
      const tag = document.createElement('span');
      tag.className = 'judgment-tag';
      tag.textContent = 'Judgment';
      const likelihood = makeSelect('Likelihood (ICD 203)', 'Likelihood…', LIKELIHOOD_TERMS);
      const confidence = makeSelect('Confidence', 'Confidence…', CONFIDENCE_LEVELS);
      bar.append(tag, likelihood, confidence);

      const contentDOM = document.createElement('div');
      contentDOM.className = 'judgment-text';
      dom.append(bar, contentDOM);

      let current: PmNode = node;
      const paint = (n: PmNode): void => {
        likelihood.value = validOrNull(n.attrs.likelihood, LIKELIHOOD_TERMS) ?? '';
        confidence.value = validOrNull(n.attrs.confidence, CONFIDENCE_LEVELS) ?? '';
        contentDOM.classList.toggle('is-empty', n.content.size === 0);
      };
      paint(node);

      const setAttr = (name: 'likelihood' | 'confidence', value: string): void => {
        const pos = typeof getPos === 'function' ? getPos() : undefined;
        if (pos === undefined || !editor.isEditable) return;
        const tr = editor.state.tr.setNodeMarkup(pos, undefined, { ...current.attrs, [name]: value === '' ? null : value });
        editor.view.dispatch(tr);
      };
      likelihood.addEventListener('change', () => setAttr('likelihood', likelihood.value));
      confidence.addEventListener('change', () => setAttr('confidence', confidence.value));

      const view: NodeView = {
        dom,
        contentDOM,
        update(next) {
          if (next.type !== current.type) return false;
          current = next;
          paint(next);
          return true;
        },
        // The selects handle their own events; the editor must not treat them as editing.
        stopEvent: (event) => bar.contains(event.target as HTMLElement),
        ignoreMutation: (mutation) => mutation.type !== 'selection' && bar.contains(mutation.target),
      };
      return view;
    };
  },
});
