/**
 * The one rich-text editor of Dossier (highlight comments, article notes, memos, briefs): Tiptap 3 with
 * StarterKit trimmed to what an analyst's note needs. Links are off (no remote navigation from a note),
 * headings are h3 only (a note lives inside a page that already has headings).
 *
 * Contract: `value` is ProseMirror JSON or null (empty). Typing calls `onChange` on every change (the
 * caller debounces). A new `value` from outside (another record selected) replaces the content without
 * calling `onChange` and without entering the editor's own undo history (Tiptap's undo stays inside).
 */
import Placeholder from '@tiptap/extension-placeholder';
import { EditorContent, useEditor, useEditorState, type Editor, type JSONContent } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { useEffect, useRef } from 'react';
import type { RichText } from '../../../shared/model/schemas';
import '../styles/rich-text.css';

export interface RichTextEditorProps {
  value: RichText;
  onChange(doc: RichText): void;
  /** The editable region's accessible name. */
  label: string;
  placeholder?: string;
  autoFocus?: boolean;
  readOnly?: boolean;
  /** Called when focus leaves the editor (callers flush a pending save). */
  onBlur?(): void;
  className?: string;
}

/** The editor's document as stored: null when there is nothing but an empty paragraph. */
export function docOf(editor: Editor): RichText {
  return editor.isEmpty ? null : (editor.getJSON() as RichText);
}

function contentOf(value: RichText): JSONContent | string {
  return value ? (value as JSONContent) : '';
}

function keyOf(value: RichText): string {
  return value ? JSON.stringify(value) : '';
}

export function RichTextEditor({ value, onChange, label, placeholder, autoFocus, readOnly, onBlur, className }: RichTextEditorProps) {
  const onChangeRef = useRef(onChange);
  const onBlurRef = useRef(onBlur);
  useEffect(() => {
    onChangeRef.current = onChange;
    onBlurRef.current = onBlur;
  });
  // The serialised document the editor last showed or emitted: a `value` equal to it is our own echo.
  const shownRef = useRef(keyOf(value));

  const editor = useEditor({
    extensions: [
      StarterKit.configure({
        link: false,
        heading: { levels: [3] },
        codeBlock: false,
        horizontalRule: false,
      }),
      Placeholder.configure({ placeholder: placeholder ?? '' }),
    ],
    content: safeContent(value),
    // The CSP forbids Tiptap's injected <style>; rich-text.css carries what ProseMirror needs.
    injectCSS: false,
    editable: !readOnly,
    autofocus: autoFocus ? 'end' : false,
    immediatelyRender: true,
    shouldRerenderOnTransaction: false,
    editorProps: {
      attributes: {
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-label': label,
        class: 'rich-text-content',
        spellcheck: 'true',
      },
    },
    onUpdate: ({ editor: ed }) => {
      const doc = docOf(ed);
      shownRef.current = keyOf(doc);
      onChangeRef.current(doc);
    },
    onBlur: () => onBlurRef.current?.(),
  });

  // Outside changes of the value replace the content, silently and outside the undo history.
  useEffect(() => {
    const key = keyOf(value);
    if (key === shownRef.current) return;
    shownRef.current = key;
    if (keyOf(docOf(editor)) === key) return;
    editor
      .chain()
      .setMeta('addToHistory', false)
      .setContent(safeContent(value), { emitUpdate: false })
      .run();
  }, [editor, value]);

  useEffect(() => {
    editor.setEditable(!readOnly, false);
  }, [editor, readOnly]);

  // The accessible name and placeholder may change while the editor lives (another record).
  useEffect(() => {
    editor.setOptions({
      editorProps: {
        attributes: { role: 'textbox', 'aria-multiline': 'true', 'aria-label': label, class: 'rich-text-content', spellcheck: 'true' },
      },
    });
  }, [editor, label]);

  const active = useEditorState({
    editor,
    selector: ({ editor: ed }) => ({
      bold: ed.isActive('bold'),
      italic: ed.isActive('italic'),
      bulletList: ed.isActive('bulletList'),
    }),
  });

  return (
    <div className={`rich-text${readOnly ? ' read-only' : ''}${className ? ` ${className}` : ''}`}>
      {readOnly ? null : (
        <div className="rich-text-toolbar" role="toolbar" aria-label={`Formatting: ${label}`}>
          <ToolbarButton label="Bold" pressed={active.bold} onPress={() => editor.chain().focus().toggleBold().run()}>
            <b aria-hidden="true">B</b>
          </ToolbarButton>
          <ToolbarButton label="Italic" pressed={active.italic} onPress={() => editor.chain().focus().toggleItalic().run()}>
            <i aria-hidden="true">I</i>
          </ToolbarButton>
          <ToolbarButton label="Bullet list" pressed={active.bulletList} onPress={() => editor.chain().focus().toggleBulletList().run()}>
            <span aria-hidden="true">•≡</span>
          </ToolbarButton>
        </div>
      )}
      <EditorContent editor={editor} />
    </div>
  );
}

function ToolbarButton({ label, pressed, onPress, children }: { label: string; pressed: boolean; onPress(): void; children: React.ReactNode }) {
  return (
    <button
      type="button"
      className="button small rich-text-button"
      aria-label={label}
      title={label}
      aria-pressed={pressed}
      // Keep the caret and selection in the editor: the command applies to them.
      onMouseDown={(event) => event.preventDefault()}
      onClick={onPress}
    >
      {children}
    </button>
  );
}

/**
 * A stored document that the schema cannot read (written by a newer version, or hand-edited) must not
 * crash the page: fall back to its plain text so nothing is lost from view.
 */
function safeContent(value: RichText): JSONContent | string {
  if (!value) return '';
  if (value.type !== 'doc') return { type: 'doc', content: [{ type: 'paragraph', content: textNodes(value) }] };
  return contentOf(value);
}

function textNodes(value: NonNullable<RichText>): JSONContent[] {
  const parts: string[] = [];
  const walk = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    const n = node as { text?: unknown; content?: unknown };
    if (typeof n.text === 'string') parts.push(n.text);
    if (Array.isArray(n.content)) n.content.forEach(walk);
  };
  walk(value);
  const text = parts.join(' ');
  return text ? [{ type: 'text', text }] : [];
}
