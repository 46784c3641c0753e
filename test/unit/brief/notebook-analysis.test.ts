import { describe, expect, it } from 'vitest';
import { citation, doc, generatedSection, paragraph, text } from '../../../shared/brief/doc';
import { layoutBrief } from '../../../shared/brief/layout';
import type { BriefBlock } from '../../../shared/brief/model';
import { analyseForBrief } from '../../../shared/brief/notebook-analysis';
import { makeArticle, makeClaim } from '../../helpers/store-fixtures';

const X = 'The Klaipėda city council voted 71 to 48 on Tuesday to approve the Klaipėda LNG terminal expansion. Mayor Vytautas Grubliauskas welcomed it.';
const Y = 'The Klaipėda city council voted 70 to 49 on Tuesday to approve the Klaipėda LNG terminal expansion. Mayor Vytautas Grubliauskas welcomed it.';

describe('analyseForBrief', () => {
  const x = makeArticle('x', X, { title: 'Ledger report', publishedAt: '2026-03-14' });
  const y = makeArticle('y', Y, { title: 'Kurjeris report', publishedAt: '2026-03-14' });
  const at = (text: string, quote: string) => {
    const start = text.indexOf(quote);
    return { exact: quote, prefix: '', suffix: '', start, end: start + quote.length };
  };
  const cx = makeClaim('x', 'cx', { target: at(X, 'voted 71 to 48'), statement: 'Vote 71-48' });

  it('finds differing figures among the cited articles and cites the claims on them', () => {
    const { discrepancies, claimEventDates } = analyseForBrief([x, y], [cx]);
    const vote = discrepancies.find((d) => d.description.includes('71'));
    expect(vote).toBeDefined();
    expect(vote!.description).toMatch(/Ledger report/);
    expect(vote!.description).toMatch(/Kurjeris report/);
    expect(vote!.claimIds).toEqual(['cx']);
    expect(vote!.articleIds!.sort()).toEqual(['x', 'y']);
    // "on Tuesday" in an article published Saturday 14 March 2026: Tuesday 10 March.
    expect(claimEventDates.get('cx')).toBe('2026-03-10');

    const layout = layoutBrief({
      brief: { id: 'b', title: 'T', doc: doc(paragraph(text('Vote'), citation('cx')), generatedSection('discrepancies'), generatedSection('timeline')) },
      notebookName: 'N',
      claims: [cx],
      articles: [x, y],
      sources: [],
      discrepancies,
      claimEventDates,
      now: new Date(),
    });
    const list = layout.blocks[1] as Extract<BriefBlock, { type: 'list' }>;
    expect(list.type).toBe('list');
    expect(list.items.some((item) => item.some((i) => i.type === 'cite' && i.claimId === 'cx'))).toBe(true);
    const timeline = layout.blocks[2] as Extract<BriefBlock, { type: 'table' }>;
    expect(timeline.rows[0]![0]).toEqual([{ type: 'text', text: '2026-03-10' }]);
  });

  it('finds nothing among articles that agree', () => {
    expect(analyseForBrief([x], [cx]).discrepancies).toEqual([]);
  });
});
