/**
 * A generated section (source table, discrepancies, timeline, annex): an atom block whose content
 * is not stored but produced from the notebook at layout time. The editor shows a live preview of
 * what the export will print, with a Refresh button that reloads the notebook's claims and sources.
 */
import { Node } from '@tiptap/core';
import { NodeViewWrapper, ReactNodeViewRenderer, type ReactNodeViewProps } from '@tiptap/react';
import { createContext, useContext } from 'react';
import { GENERATED_SECTIONS } from '../../../../shared/brief/doc';
import type { BriefBlock, BriefInline } from '../../../../shared/brief/model';

export const SECTION_LABELS: Record<string, string> = {
  sources: 'Source assessment (generated)',
  discrepancies: 'Discrepancies and gaps (generated)',
  timeline: 'Timeline (generated)',
  annex: 'Annex: cited claims (generated)',
};

/** What the previews need from the editor: the laid-out blocks of each section, and a refresh. */
export interface GeneratedPreview {
  /** The blocks a generated section expands to, in document order of the sections (by index). */
  sectionBlocks(index: number): BriefBlock[] | null;
  refreshing: boolean;
  refresh(): void;
  openCitation(claimId: string): void;
}

export const GeneratedPreviewContext = createContext<GeneratedPreview | null>(null);

function Inlines({ inlines, onCite }: { inlines: readonly BriefInline[]; onCite(claimId: string): void }) {
  return (
    <>
      {inlines.map((inl, i) =>
        inl.type === 'text' ? (
          <span key={i} className={[inl.bold ? 'b' : '', inl.italic ? 'i' : ''].join(' ').trim() || undefined}>
            {inl.text}
          </span>
        ) : (
          <button key={i} type="button" className="preview-cite" onClick={() => onCite(inl.claimId)} aria-label={`Open the words of citation ${inl.n}`}>
            [{inl.n}]
          </button>
        ),
      )}
    </>
  );
}

export function PreviewBlocks({ blocks, onCite }: { blocks: readonly BriefBlock[]; onCite(claimId: string): void }) {
  return (
    <>
      {blocks.map((block, i) => {
        switch (block.type) {
          case 'table':
            return (
              <table key={i} className="preview-table">
                {block.caption ? <caption>{block.caption}</caption> : null}
                <thead>
                  <tr>
                    {block.header.map((h, j) => (
                      <th key={j} scope="col">
                        {h}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {block.rows.map((row, r) => (
                    <tr key={r}>
                      {row.map((cell, c) => (
                        <td key={c}>
                          <Inlines inlines={cell} onCite={onCite} />
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            );
          case 'list':
            return (
              <ul key={i}>
                {block.items.map((item, j) => (
                  <li key={j}>
                    <Inlines inlines={item} onCite={onCite} />
                  </li>
                ))}
              </ul>
            );
          case 'paragraph':
          case 'judgment':
            return (
              <p key={i}>
                <Inlines inlines={block.inlines} onCite={onCite} />
              </p>
            );
          case 'heading':
            return (
              <p key={i} className="b">
                {block.text}
              </p>
            );
          default:
            return null;
        }
      })}
    </>
  );
}

function GeneratedSectionView({ node, editor, getPos }: ReactNodeViewProps) {
  const preview = useContext(GeneratedPreviewContext);
  const section = String(node.attrs.section ?? '');
  // This section's index among the generated sections, so the preview finds its blocks.
  let index = -1;
  const pos = typeof getPos === 'function' ? getPos() : undefined;
  if (pos !== undefined) {
    let seen = 0;
    editor.state.doc.descendants((n, p) => {
      if (index >= 0) return false;
      if (n.type.name === 'generatedSection') {
        if (p === pos) index = seen;
        seen++;
        return false;
      }
      return true;
    });
  }
  const blocks = index >= 0 ? (preview?.sectionBlocks(index) ?? null) : null;
  const label = SECTION_LABELS[section] ?? `Unknown generated section “${section}”`;
  return (
    <NodeViewWrapper className="brief-generated" data-section={section} contentEditable={false}>
      <div className="generated-bar">
        <span className="generated-label">{label}</span>
        <button type="button" className="button small" onClick={() => preview?.refresh()} disabled={!preview || preview.refreshing} aria-label={`Refresh ${label}`}>
          {preview?.refreshing ? 'Refreshing…' : 'Refresh'}
        </button>
      </div>
      <div className="generated-body" role="region" aria-label={`${label}: preview`}>
        {blocks === null ? <p className="muted">Preview not available yet.</p> : <PreviewBlocks blocks={blocks} onCite={(id) => preview?.openCitation(id)} />}
      </div>
    </NodeViewWrapper>
  );
}

export const GeneratedSection = Node.create({
  name: 'generatedSection',
  group: 'block',
  atom: true,
  selectable: true,
  draggable: true,

  addAttributes() {
    return {
      section: {
        default: 'annex',
        parseHTML: (el) => {
          const value = el.getAttribute('data-section');
          return value && (GENERATED_SECTIONS as readonly string[]).includes(value) ? value : 'annex';
        },
        renderHTML: (attrs) => ({ 'data-section': attrs.section as string }),
      },
    };
  },

  parseHTML() {
    return [{ tag: 'div[data-type="generated-section"]' }];
  },

  renderHTML({ HTMLAttributes }) {
    return ['div', { 'data-type': 'generated-section', ...HTMLAttributes }];
  },

  addNodeView() {
    return ReactNodeViewRenderer(GeneratedSectionView);
  },
});
