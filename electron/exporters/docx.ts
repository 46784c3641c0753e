/**
 * DOCX export: the laid-out brief as a Word document with Heading 1-3 styles, bold/italic runs,
 * bullet and numbered lists, judgments (likelihood and confidence in bold before the text),
 * tables with a repeated header row, and REAL Word footnotes for the citations.
 *
 * Citation numbers: every format shows a claim's number from the layout (numbered in order of
 * first citation), and a claim cited twice keeps its number. Word numbers footnotes itself, one
 * per reference, so giving each reference its own footnote would renumber a repeated citation
 * (claim 1 cited again after claim 3 would show "4"). Instead a claim's FIRST citation is a real
 * footnote (Word's automatic number then equals the layout's number, since both count first
 * citations in reading order; test/unit/exporters/docx.test.ts checks it on a template brief) and each later citation is a NOTEREF cross-reference to that
 * footnote's bookmark, Word's own way of citing a note again: it shows the same number, in the
 * footnote-reference style, and stays right if the reader adds footnotes in Word.
 */
import {
  AlignmentType,
  Bookmark,
  Document,
  FootnoteReferenceRun,
  HeadingLevel,
  LevelFormat,
  Packer,
  ImportedXmlComponent,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type ParagraphChild,
} from 'docx';
import { formatDate, formatGrade } from '../../shared/brief/layout';
import type { BriefBlock, BriefFootnote, BriefInline, BriefLayout } from '../../shared/brief/model';
import type { Exporter } from './types';

const HEADINGS = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const;
const BULLETS = 'dossier-bullets';
const NUMBERS = 'dossier-numbers';

/**
 * A footnote's text, as the Markdown and HTML exports word it: the exact quote in quotes, who said
 * it, the outlet, the title, the date and the Admiralty grade ("B2").
 */
export function footnoteText(fn: BriefFootnote): string {
  const where = [fn.speaker ? `said by ${fn.speaker}` : null, fn.outlet, fn.title, formatDate(fn.publishedAt) || null].filter((w) => w);
  return `“${fn.quote}” — ${where.join(', ')}. Grade ${formatGrade(fn.reliability, fn.credibility)}.`;
}

function footnoteParagraphs(fn: BriefFootnote): Paragraph[] {
  const children: ParagraphChild[] = [new TextRun(footnoteText(fn))];
  if (fn.url) children.push(new TextRun({ text: ` ${fn.url}`, italics: true }));
  return [new Paragraph({ children })];
}

/** Renders inlines; `seen` holds the numbers whose footnote is already placed (their first citation). */
class InlineRenderer {
  private readonly seen = new Set<number>();
  private readonly byN: Map<number, BriefFootnote>;

  constructor(footnotes: readonly BriefFootnote[]) {
    this.byN = new Map(footnotes.map((f) => [f.n, f]));
  }

  runs(inlines: readonly BriefInline[]): ParagraphChild[] {
    const out: ParagraphChild[] = [];
    for (const inline of inlines) {
      if (inline.type === 'text') {
        // A hard break arrives as "\n": Word shows a newline inside w:t as a space, so it becomes a w:br.
        inline.text.split('\n').forEach((part, i) => {
          out.push(new TextRun({ text: part, bold: inline.bold, italics: inline.italic, ...(i > 0 ? { break: 1 } : {}) }));
        });
        continue;
      }
      const n = inline.n;
      if (!this.byN.has(n)) {
        // A cite without its footnote is a layout bug; show the number rather than drop the citation.
        out.push(new TextRun({ text: `[${n}]`, superScript: true }));
      } else if (!this.seen.has(n)) {
        this.seen.add(n);
        out.push(new Bookmark({ id: bookmarkName(n), children: [new FootnoteReferenceRun(n)] }));
      } else {
        out.push(noteRefField(n));
      }
    }
    return out;
  }
}

function bookmarkName(n: number): string {
  return `_RefDossierNote${n}`;
}

/**
 * A NOTEREF field to footnote n's bookmark: \f formats it as a footnote reference, \h links to
 * the note. The cached result (shown until the reader updates fields) is the number in the
 * FootnoteReference style, so it is a superscript number even before Word recomputes it. Written
 * as XML because docx's SimpleField gives its cached result no run properties.
 */
function noteRefField(n: number): ParagraphChild {
  const xml =
    `<w:fldSimple w:instr="NOTEREF ${bookmarkName(n)} \\f \\h">` +
    `<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:t>${n}</w:t></w:r></w:fldSimple>`;
  // ImportedXmlComponent is written as the parsed element; docx's ParagraphChild type does not list it.
  return ImportedXmlComponent.fromXmlString(xml) as unknown as ParagraphChild;
}

function blockToDocx(block: BriefBlock, r: InlineRenderer, listInstance: number): (Paragraph | Table)[] {
  switch (block.type) {
    case 'heading':
      return [new Paragraph({ heading: HEADINGS[block.level], children: [new TextRun(block.text)] })];
    case 'paragraph':
      return [new Paragraph({ children: r.runs(block.inlines) })];
    case 'judgment': {
      // "Very likely (moderate confidence): ", as the HTML export shows it, in bold.
      const lead = [block.likelihood ? capitalise(block.likelihood) : null, block.confidence ? `(${block.confidence} confidence)` : null].filter((x) => x);
      const children: ParagraphChild[] = [];
      if (lead.length > 0) children.push(new TextRun({ text: `${lead.join(' ')}: `, bold: true }));
      children.push(...r.runs(block.inlines));
      return [new Paragraph({ style: 'DossierJudgment', children })];
    }
    case 'list':
      // One numbering instance per list, so each numbered list starts at 1 again.
      return block.items.map(
        (item) => new Paragraph({ numbering: { reference: block.ordered ? NUMBERS : BULLETS, level: 0, instance: listInstance }, children: r.runs(item) }),
      );
    case 'table': {
      const columns = Math.max(block.header.length, ...block.rows.map((row) => row.length), 1);
      const cell = (children: ParagraphChild[], header: boolean): TableCell =>
        new TableCell({ children: [new Paragraph({ children })], shading: header ? { fill: 'E7E6E6', type: 'clear', color: 'auto' } : undefined });
      const rows: TableRow[] = [];
      if (block.header.length > 0) {
        rows.push(
          new TableRow({
            tableHeader: true,
            children: Array.from({ length: columns }, (_, i) => cell([new TextRun({ text: block.header[i] ?? '', bold: true })], true)),
          }),
        );
      }
      for (const row of block.rows) {
        rows.push(new TableRow({ children: Array.from({ length: columns }, (_, i) => cell(r.runs(row[i] ?? []), false)) }));
      }
      const out: (Paragraph | Table)[] = [];
      if (block.caption) out.push(new Paragraph({ style: 'Caption', children: [new TextRun(block.caption)] }));
      out.push(new Table({ rows, width: { size: 100, type: WidthType.PERCENTAGE } }));
      // Word needs a paragraph between two adjacent tables, or it merges them.
      out.push(new Paragraph({ children: [] }));
      return out;
    }
  }
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The brief as a .docx file (a zip of WordprocessingML parts). */
export async function renderBriefDocx(layout: BriefLayout): Promise<Uint8Array> {
  const r = new InlineRenderer(layout.footnotes);
  const body: (Paragraph | Table)[] = [];
  const meta = new Paragraph({
    children: [
      new TextRun({
        text: `Notebook “${layout.notebookName}” · exported ${formatDate(layout.generatedAt)} · ${layout.footnotes.length} cited claim(s)`,
        italics: true,
        color: '555555',
      }),
    ],
  });
  // The template starts with the title as a level-1 heading; add one only when the brief has none (as html.ts does).
  const first = layout.blocks[0];
  const startsWithTitle = first?.type === 'heading' && first.level === 1;
  if (!startsWithTitle) body.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(layout.title)] }), meta);
  layout.blocks.forEach((block, i) => {
    body.push(...blockToDocx(block, r, i));
    if (i === 0 && startsWithTitle) body.push(meta);
  });
  const footnotes: Record<number, { children: Paragraph[] }> = {};
  for (const fn of layout.footnotes) footnotes[fn.n] = { children: footnoteParagraphs(fn) };

  const doc = new Document({
    title: layout.title,
    creator: 'Dossier',
    description: `Brief from the notebook ${layout.notebookName}`,
    styles: {
      paragraphStyles: [
        {
          id: 'DossierJudgment',
          name: 'Key Judgment',
          basedOn: 'Normal',
          next: 'Normal',
          paragraph: { indent: { left: 360 }, spacing: { before: 120, after: 120 } },
        },
      ],
    },
    numbering: {
      config: [
        { reference: BULLETS, levels: [{ level: 0, format: LevelFormat.BULLET, text: '•', alignment: AlignmentType.LEFT, style: { paragraph: { indent: { left: 720, hanging: 360 } } } }] },
        { reference: NUMBERS, levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.LEFT, style: { paragraph: { indent: { left: 720, hanging: 360 } } } }] },
      ],
    },
    footnotes,
    sections: [{ children: body }],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

export const docxExporter: Exporter = {
  format: 'docx',
  label: 'Word (.docx)',
  extension: 'docx',
  mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  binary: true,
  render: (input) => renderBriefDocx(input.layout),
};
