import { describe, expect, it } from 'vitest';
import { BriefDoc, citedClaimIds, type DocNode } from '../../../shared/brief/doc';
import { layoutBrief } from '../../../shared/brief/layout';
import { briefTemplate, TEMPLATE_HEADINGS } from '../../../shared/brief/template';
import { makeTag } from '../../helpers/store-fixtures';
import { articles, claims, sources } from './fixtures';

const headings = (d: DocNode) => (d.content ?? []).filter((n) => n.type === 'heading').map((n) => [n.attrs?.level, n.content?.[0]?.text]);

describe('briefTemplate', () => {
  it('lays out the BLUF sections in order, with the generated sections as atoms', () => {
    const d = briefTemplate({ title: 'Terminal', claims: [] });
    expect(BriefDoc.safeParse(d).success).toBe(true);
    expect(headings(d)).toEqual([
      [1, 'Terminal'],
      [2, TEMPLATE_HEADINGS.bluf],
      [2, TEMPLATE_HEADINGS.judgments],
      [2, TEMPLATE_HEADINGS.evidence],
      [2, TEMPLATE_HEADINGS.sources],
      [2, TEMPLATE_HEADINGS.discrepancies],
      [2, TEMPLATE_HEADINGS.timeline],
      [2, TEMPLATE_HEADINGS.annex],
    ]);
    expect((d.content ?? []).filter((n) => n.type === 'generatedSection').map((n) => n.attrs?.section)).toEqual(['sources', 'discrepancies', 'timeline', 'annex']);
    // One empty judgment to fill in.
    const judgments = (d.content ?? []).filter((n) => n.type === 'judgment');
    expect(judgments).toEqual([{ type: 'judgment', attrs: { likelihood: null, confidence: null } }]);
  });

  it('cites every claim once in the evidence, grouped by article in catalogue order', () => {
    const d = briefTemplate({ title: 'T', claims: [...claims].reverse(), articles });
    expect(citedClaimIds(d)).toEqual(['c-vote', 'c-winter', 'c-rushed', 'c-may']);
    expect(headings(d).filter(([level]) => level === 3).map(([, t]) => t)).toEqual([
      'Council backs terminal expansion (Baltic Lédger)',
      'Opposition calls the vote "rushed" <fast> (Kurjeris)',
      'Terminal by May (State TV)',
    ]);
    // A claim without a statement shows its quoted words and speaker.
    const winter = (d.content ?? []).find((n) => n.content?.some((c) => c.attrs?.claimId === 'c-winter'));
    expect(winter?.content?.[0]?.text).toBe('the minister: “secures the winter”');
  });

  it('groups by tag when asked, untagged claims last', () => {
    const tagged = claims.map((c, i) => (i === 0 ? { ...c, tags: ['t1'] } : c));
    const d = briefTemplate({ title: 'T', claims: tagged, tags: [makeTag('t1', 'Votes')], groupBy: 'tag' });
    expect(headings(d).filter(([level]) => level === 3).map(([, t]) => t)).toEqual(['Votes', 'Untagged']);
  });

  it('writes the given bottom line and judgments with their terms and citations', () => {
    const d = briefTemplate({
      title: 'T',
      claims: [],
      bottomLine: 'The terminal will be built.',
      judgments: [{ text: 'Construction starts this year.', likelihood: 'likely', confidence: 'moderate', claimIds: ['c-vote'] }],
    });
    const j = (d.content ?? []).find((n) => n.type === 'judgment')!;
    expect(j).toEqual({
      type: 'judgment',
      attrs: { likelihood: 'likely', confidence: 'moderate' },
      content: [{ type: 'text', text: 'Construction starts this year.' }, { type: 'citation', attrs: { claimId: 'c-vote' } }],
    });
    expect(JSON.stringify(d)).toContain('The terminal will be built.');
  });

  it('with every claim, lays out into a complete brief: every claim footnoted and annexed', () => {
    const d = briefTemplate({ title: 'T', claims, articles });
    const layout = layoutBrief({ brief: { id: null, title: 'T', doc: d }, notebookName: 'N', claims, articles, sources, now: new Date() });
    expect(layout.footnotes.map((f) => f.claimId).sort()).toEqual(claims.map((c) => c.id).sort());
    const annex = layout.blocks.at(-1)!;
    expect(annex).toMatchObject({ type: 'table', header: ['#', 'Quote', 'Outlet', 'Title', 'Date', 'Grade'] });
    expect((annex as { rows: unknown[] }).rows).toHaveLength(claims.length);
  });
});
