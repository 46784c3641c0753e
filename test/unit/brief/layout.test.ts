import { describe, expect, it } from 'vitest';
import { citation, doc, generatedSection, heading, judgment, paragraph, text, bulletList } from '../../../shared/brief/doc';
import { foldName, formatGrade, layoutBrief, MISSING_CLAIM_TEXT, sourceForOutlet } from '../../../shared/brief/layout';
import type { BriefBlock, BriefInline } from '../../../shared/brief/model';
import { BriefLayoutSchema } from '../../../shared/brief/schema';
import type { DocNode } from '../../../shared/brief/doc';
import { articles, claims, sources } from './fixtures';

const NOW = new Date('2026-11-23T12:00:00Z');
const lay = (d: DocNode) => layoutBrief({ brief: { id: 'b1', title: 'Terminal', doc: d }, notebookName: 'Port', claims, articles, sources, now: NOW });

/** Cite numbers in reading order, with the claim each points at. */
function cites(blocks: BriefBlock[]): Array<[number, string]> {
  const out: Array<[number, string]> = [];
  const visit = (inl: BriefInline[]) => inl.forEach((i) => i.type === 'cite' && out.push([i.n, i.claimId]));
  for (const b of blocks) {
    if (b.type === 'paragraph' || b.type === 'judgment') visit(b.inlines);
    else if (b.type === 'list') b.items.forEach(visit);
    else if (b.type === 'table') b.rows.forEach((r) => r.forEach(visit));
  }
  return out;
}

describe('layoutBrief numbering', () => {
  it('numbers footnotes in order of first citation; a claim cited again keeps its number', () => {
    const d = doc(
      paragraph(text('Vote.'), citation('c-vote')),
      paragraph(text('Rushed.'), citation('c-rushed'), text(' And the vote again.'), citation('c-vote')),
      judgment('likely', 'moderate', text('Winter.'), citation('c-winter')),
    );
    const layout = lay(d);
    expect(cites(layout.blocks)).toEqual([
      [1, 'c-vote'],
      [2, 'c-rushed'],
      [1, 'c-vote'],
      [3, 'c-winter'],
    ]);
    expect(layout.footnotes.map((f) => [f.n, f.claimId])).toEqual([
      [1, 'c-vote'],
      [2, 'c-rushed'],
      [3, 'c-winter'],
    ]);
    expect(layout.claims.map((c) => c.id)).toEqual(['c-vote', 'c-rushed', 'c-winter']);
    expect(BriefLayoutSchema.parse(layout)).toEqual(layout);
  });

  it('renumbers when citations move', () => {
    const before = lay(doc(paragraph(citation('c-vote')), paragraph(citation('c-winter'))));
    const after = lay(doc(paragraph(citation('c-winter')), paragraph(citation('c-vote'))));
    expect(before.footnotes.map((f) => f.claimId)).toEqual(['c-vote', 'c-winter']);
    expect(after.footnotes.map((f) => f.claimId)).toEqual(['c-winter', 'c-vote']);
    expect(cites(after.blocks)).toEqual([
      [1, 'c-winter'],
      [2, 'c-vote'],
    ]);
  });

  it('fills each footnote with the exact quote, outlet, title, date and both grades', () => {
    const [f] = lay(doc(paragraph(citation('c-vote')))).footnotes;
    expect(f).toMatchObject({
      n: 1,
      quote: 'voted 71 to 48',
      outlet: 'Baltic Lédger',
      title: 'Council backs terminal expansion',
      publishedAt: '2026-03-14T08:00:00Z',
      credibility: 2,
      // "Baltic Lédger" matches the source "baltic ledger": case and accents do not matter.
      reliability: 'B',
      url: 'https://ledger.example/2026/03/14/terminal',
    });
    expect(f!.selector).toEqual(claims[0]!.target);
  });

  it('renders a deleted or unknown claim as visible "[missing claim]" text and never numbers it', () => {
    const layout = lay(doc(paragraph(text('A '), citation('gone'), text(' B '), { type: 'citation' }, citation('c-vote'))));
    const p = layout.blocks[0];
    expect(p).toEqual({
      type: 'paragraph',
      inlines: [
        { type: 'text', text: 'A ' },
        { type: 'text', text: MISSING_CLAIM_TEXT },
        { type: 'text', text: ' B ' },
        { type: 'text', text: MISSING_CLAIM_TEXT },
        { type: 'cite', n: 1, claimId: 'c-vote' },
      ],
    });
    expect(layout.footnotes).toHaveLength(1);
  });

  it('keeps marks, headings (levels clamped), lists, judgments and unknown nodes', () => {
    const layout = lay(
      doc(
        heading(1, 'Terminal'),
        { type: 'heading', attrs: { level: 7 }, content: [text('Deep')] },
        paragraph(text('bold', ['bold']), text(' and '), text('it', ['italic']), { type: 'hardBreak' }, text('next')),
        bulletList([text('one'), citation('c-may')], [text('two')]),
        { type: 'blockquote', content: [paragraph(text('quoted'))] },
        judgment(null, null),
        paragraph(),
      ),
    );
    expect(layout.blocks[0]).toEqual({ type: 'heading', level: 1, text: 'Terminal' });
    expect(layout.blocks[1]).toEqual({ type: 'heading', level: 3, text: 'Deep' });
    expect(layout.blocks[2]).toEqual({
      type: 'paragraph',
      inlines: [
        { type: 'text', text: 'bold', bold: true },
        { type: 'text', text: ' and ' },
        { type: 'text', text: 'it', italic: true },
        { type: 'text', text: '\n' },
        { type: 'text', text: 'next' },
      ],
    });
    expect(layout.blocks[3]).toMatchObject({ type: 'list', ordered: false, items: [[{ text: 'one' }, { type: 'cite', n: 1 }], [{ text: 'two' }]] });
    expect(layout.blocks[4]).toEqual({ type: 'paragraph', inlines: [{ type: 'text', text: 'quoted' }] });
    expect(layout.blocks[5]).toMatchObject({ type: 'judgment', likelihood: null, confidence: null });
    // The empty paragraph is left out.
    expect(layout.blocks).toHaveLength(6);
  });

  it('survives a document without content, a null document and nonsense attributes', () => {
    expect(lay({ type: 'doc' }).blocks).toEqual([]);
    expect(layoutBrief({ brief: { id: null, title: 'T', doc: null }, notebookName: 'N', claims, articles, sources, now: NOW }).blocks).toEqual([]);
    const weird = lay(doc(judgment(null, null, text('x')), { type: 'judgment', attrs: { likelihood: 'perhaps', confidence: 'total' }, content: [text('y')] }));
    expect(weird.blocks[1]).toMatchObject({ likelihood: null, confidence: null });
  });
});

describe('generated sections', () => {
  const d = doc(
    paragraph(text('Vote'), citation('c-vote'), text(' May'), citation('c-may'), text(' Winter'), citation('c-winter')),
    generatedSection('sources'),
    generatedSection('discrepancies'),
    generatedSection('timeline'),
    generatedSection('annex'),
  );

  it('builds the source table from every footnote (the discrepancy section\'s too), matching outlets by folded name or alias', () => {
    const layout = lay(d);
    const table = layout.blocks[1];
    expect(table).toMatchObject({ type: 'table', header: ['Source', 'Reliability', 'State-affiliated', 'Claims cited'] });
    const rows = (table as Extract<BriefBlock, { type: 'table' }>).rows.map((r) => r.map((c) => c.map((i) => (i.type === 'text' ? i.text : `[${i.n}]`)).join('')));
    expect(rows).toEqual([
      ['baltic ledger', 'B', 'no', '2'],
      ['Kurjeris', 'ungraded', 'unknown', '1'],
      ['State Broadcaster', 'E', 'yes', '1'],
    ]);
  });

  it('lists the contradictions touching cited claims, citing both sides (a new claim gets the next number)', () => {
    const layout = lay(d);
    const list = layout.blocks[2] as Extract<BriefBlock, { type: 'list' }>;
    expect(list.type).toBe('list');
    expect(list.items).toHaveLength(1);
    expect(list.items[0]!.filter((i) => i.type === 'cite')).toEqual([
      { type: 'cite', n: 4, claimId: 'c-rushed' },
      { type: 'cite', n: 1, claimId: 'c-vote' },
    ]);
    expect(layout.footnotes.map((f) => f.claimId)).toEqual(['c-vote', 'c-may', 'c-winter', 'c-rushed']);
  });

  it('says so when there is no discrepancy, and uses the discrepancies given by the caller', () => {
    const none = lay(doc(paragraph(citation('c-may')), generatedSection('discrepancies')));
    expect(none.blocks[1]).toMatchObject({ type: 'paragraph', inlines: [{ text: 'No discrepancies recorded among the cited claims.' }] });
    const given = layoutBrief({
      brief: { id: 'b', title: 'T', doc: doc(paragraph(citation('c-may')), generatedSection('discrepancies')) },
      notebookName: 'N',
      claims,
      articles,
      sources,
      discrepancies: [{ claimIds: ['c-may'], description: 'Date unconfirmed' }],
      now: NOW,
    });
    expect(given.blocks[1]).toMatchObject({ type: 'list', items: [[{ text: 'Date unconfirmed' }, { type: 'cite', n: 1 }]] });
  });

  it('orders the timeline by date, undated last, pointing at existing numbers', () => {
    const layout = lay(d);
    const table = layout.blocks[3] as Extract<BriefBlock, { type: 'table' }>;
    const rows = table.rows.map((r) => [r[0]![0]!.type === 'text' ? (r[0]![0] as { text: string }).text : '', (r[2]![0] as { n: number } | undefined)?.n]);
    // Without event dates, each claim is placed at its report's publication date, and says so.
    expect(rows).toEqual([
      ['2026-03-13 (reported)', 4],
      ['2026-03-14 (reported)', 1],
      ['2026-03-14 (reported)', 3],
      ['undated', 2],
    ]);
    const dated = layoutBrief({ brief: { id: 'b', title: 'T', doc: d }, notebookName: 'N', claims, articles, sources, claimEventDates: new Map([['c-may', '2026-05-01']]), now: NOW });
    const last = (dated.blocks[3] as Extract<BriefBlock, { type: 'table' }>).rows.at(-1)!;
    expect([(last[0]![0] as { text: string }).text, (last[2]![0] as { n: number }).n]).toEqual(['2026-05-01', 2]);
  });

  it('annexes every cited claim with quote, outlet, title, date and grade', () => {
    const layout = lay(d);
    const annex = layout.blocks[4] as Extract<BriefBlock, { type: 'table' }>;
    expect(annex.header).toEqual(['#', 'Quote', 'Outlet', 'Title', 'Date', 'Grade']);
    expect(annex.rows).toHaveLength(4);
    expect(annex.rows[1]!.map((c) => c.map((i) => (i.type === 'text' ? i.text : i.n)))).toEqual([[2], ['will be finished by May'], ['State TV'], ['Terminal by May'], [''], ['E5']]);
  });

  it('a brief citing nothing says so in its generated sections', () => {
    const layout = lay(doc(generatedSection('sources'), generatedSection('annex'), generatedSection('timeline')));
    expect(layout.blocks.map((b) => (b.type === 'paragraph' ? (b.inlines[0] as { text: string }).text : b.type))).toEqual([
      'No sources cited yet.',
      'No claims cited yet.',
      'No dated events among the cited claims.',
    ]);
  });
});

describe('helpers', () => {
  it('folds names and grades', () => {
    expect(foldName('  Le   Mondé ')).toBe('le monde');
    expect(sourceForOutlet(sources, 'STATE tv')?.id).toBe('s2');
    expect(sourceForOutlet(sources, null)).toBeNull();
    expect(formatGrade('B', 2)).toBe('B2');
    expect(formatGrade(null, null)).toBe('––');
  });
});
