/**
 * Live previews of a brief's generated sections (source table, discrepancies, timeline, annex)
 * from the document being edited, laid out by the same `layoutBrief` the exporters use, so the
 * editor shows the numbers and rows the export will print. A marker heading is put before each
 * generated section to find, among the flat laid-out blocks, the block each one expanded to.
 */
import type { DocNode } from '../../../shared/brief/doc';
import { layoutBrief, type LayoutInput } from '../../../shared/brief/layout';
import type { BriefBlock } from '../../../shared/brief/model';

const MARKER = '\u0000dossier-generated-section:';

export type PreviewInput = Omit<LayoutInput, 'brief'> & { title: string };

/** For each generated section in document order (top level), the blocks it expands to. */
export function generatedSectionPreviews(doc: DocNode | null, input: PreviewInput): BriefBlock[][] {
  const content = doc?.content ?? [];
  let count = 0;
  const marked: DocNode[] = [];
  for (const node of content) {
    if (node.type === 'generatedSection') marked.push({ type: 'heading', attrs: { level: 3 }, content: [{ type: 'text', text: `${MARKER}${count++}` }] });
    marked.push(node);
  }
  if (count === 0) return [];
  const { title, ...rest } = input;
  const layout = layoutBrief({ ...rest, brief: { id: null, title, doc: { type: 'doc', content: marked } } });
  const out: BriefBlock[][] = Array.from({ length: count }, () => []);
  let current = -1;
  for (const block of layout.blocks) {
    if (block.type === 'heading' && block.text.startsWith(MARKER)) {
      current = Number(block.text.slice(MARKER.length));
      continue;
    }
    if (current >= 0) {
      out[current]?.push(block);
      current = -1; // a generated section expands to exactly one block
    }
  }
  return out;
}
