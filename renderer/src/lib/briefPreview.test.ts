import { describe, expect, it } from 'vitest';
import { citation, doc, generatedSection, heading, paragraph, text } from '../../../shared/brief/doc';
import type { ArticleSummary, Claim, Source } from '../../../shared/model/schemas';
import { generatedSectionPreviews } from './briefPreview';

function claim(id: string, exact: string, over: Partial<Claim> = {}): Claim {
  return {
    id,
    articleId: 'a1',
    target: { exact, prefix: '', suffix: '', start: 0, end: exact.length },
    statement: '',
    speaker: null,
    kind: 'factual',
    tags: [],
    status: 'open',
    credibility: 3,
    links: [],
    note: '',
    createdAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-11-01T00:00:00.000Z',
    ...over,
  } as Claim;
}

const articles = [{ id: 'a1', title: 'Council backs terminal', outlet: 'Baltic Wire', publishedAt: '2026-10-02T00:00:00Z' } as ArticleSummary];
const sources = [{ id: 's', name: 'Baltic Wire', reliability: 'C', stateAffiliated: true, notes: '' } as Source];
const base = { title: 'T', notebookName: 'N', articles, sources, now: new Date('2026-11-23T00:00:00Z') };

describe('generatedSectionPreviews', () => {
  it('gives each generated section the block it expands to, numbered like the text', () => {
    const claims = [claim('c1', 'the numbers held'), claim('c2', 'we will appeal')];
    const d = doc(
      heading(1, 'T'),
      paragraph(text('One'), citation('c2'), text(' two'), citation('c1')),
      heading(2, 'Sources'),
      generatedSection('sources'),
      generatedSection('annex'),
      generatedSection('discrepancies'),
    );
    const [sourcesBlocks, annex, discrepancies] = generatedSectionPreviews(d, { ...base, claims });
    expect(sourcesBlocks?.[0]).toMatchObject({ type: 'table', header: ['Source', 'Reliability', 'State-affiliated', 'Claims cited'] });
    const annexTable = annex?.[0];
    expect(annexTable?.type).toBe('table');
    if (annexTable?.type !== 'table') throw new Error('annex is not a table');
    // c2 is cited first, so it is [1] in the annex too.
    expect(annexTable.rows.map((r) => [r[0]?.[0], r[1]?.[0]])).toEqual([
      [{ type: 'cite', n: 1, claimId: 'c2' }, { type: 'text', text: 'we will appeal' }],
      [{ type: 'cite', n: 2, claimId: 'c1' }, { type: 'text', text: 'the numbers held' }],
    ]);
    expect(discrepancies?.[0]).toMatchObject({ type: 'paragraph' });
  });

  it('says what is missing when nothing is cited, and returns nothing without sections', () => {
    const [annex] = generatedSectionPreviews(doc(paragraph(text('x')), generatedSection('annex')), { ...base, claims: [] });
    expect(JSON.stringify(annex)).toContain('No claims cited yet.');
    expect(generatedSectionPreviews(doc(paragraph(text('x'))), { ...base, claims: [] })).toEqual([]);
    expect(generatedSectionPreviews(null, { ...base, claims: [] })).toEqual([]);
  });
});
