/**
 * Plain text of a rich-text (Tiptap/ProseMirror JSON) document: block nodes become lines, hard
 * breaks newlines. Used wherever a comment or note must be shown, searched or exported as text.
 */
import type { RichText } from '../model/schemas';

/** The plain text of a Tiptap/ProseMirror document: text nodes joined, blocks separated by newlines. */
export function richTextToPlain(doc: RichText): string {
  if (!doc) return '';
  const blocks: string[] = [];
  const walk = (node: unknown, out: string[]): void => {
    if (!node || typeof node !== 'object') return;
    const n = node as { type?: unknown; text?: unknown; content?: unknown };
    if (n.type === 'text' && typeof n.text === 'string') out.push(n.text);
    else if (n.type === 'hardBreak') out.push('\n');
    if (Array.isArray(n.content)) {
      const isBlockContainer = n.content.some((c) => c && typeof c === 'object' && (c as { type?: unknown }).type !== 'text' && (c as { type?: unknown }).type !== 'hardBreak');
      if (isBlockContainer) {
        for (const child of n.content) {
          const inner: string[] = [];
          walk(child, inner);
          const text = inner.join('');
          if (text !== '') blocks.push(text);
        }
      } else {
        for (const child of n.content) walk(child, out);
      }
    }
  };
  const top: string[] = [];
  walk(doc, top);
  if (top.length > 0) blocks.unshift(top.join(''));
  return blocks.join('\n').trim();
}
