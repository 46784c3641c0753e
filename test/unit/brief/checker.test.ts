import { describe, expect, it } from 'vitest';
import { checkBrief, sentences } from '../../../shared/brief/checker';
import { CITATION_CHAR, citation, doc, judgment, paragraph, text, textblocks } from '../../../shared/brief/doc';
import { makeClaim } from '../../helpers/store-fixtures';
import { claims } from './fixtures';

const kinds = (issues: ReturnType<typeof checkBrief>) => issues.map((i) => i.kind);
const under = (d: ReturnType<typeof doc>, i: ReturnType<typeof checkBrief>[number]) => textblocks(d).find((b) => b.path.join() === i.path.join())!.text.slice(i.from, i.to);

describe('checkBrief', () => {
  it('passes clean, standard text', () => {
    const d = doc(
      paragraph(text('The council will very likely approve the budget.'), citation('c-vote')),
      paragraph(text('We have moderate confidence in this judgment because two outlets agree.')),
      judgment('likely', 'moderate', text('Construction is likely to start in spring.'), citation('c-vote'), citation('c-rushed')),
      paragraph(text('It is almost certainly finished, and unlikely to stop.')),
    );
    expect(checkBrief(d, { claims })).toEqual([]);
  });

  it('flags likelihood words outside the seven ICD 203 terms, underlining the word', () => {
    const d = doc(paragraph(text('Perhaps the vote was rigged; it will probably pass and is highly likely to surely hold.')));
    const issues = checkBrief(d);
    expect(kinds(issues)).toEqual(['non-standard-likelihood', 'non-standard-likelihood', 'non-standard-likelihood', 'non-standard-likelihood']);
    expect(issues.map((i) => under(d, i))).toEqual(['Perhaps', 'probably', 'highly likely', 'surely']);
    expect(issues[0]!.message).toMatch(/ICD 203/);
    expect(issues[2]!.message).toMatch(/“very likely”/);
    for (const w of ['might', 'possibly', 'definitely', 'maybe']) expect(kinds(checkBrief(doc(paragraph(text(`It ${w} happens.`)))))).toEqual(['non-standard-likelihood']);
    // "almost certainly" is one of the seven; "certainly" alone is not.
    expect(checkBrief(doc(paragraph(text('It will almost certainly pass.'))))).toEqual([]);
    expect(kinds(checkBrief(doc(paragraph(text('It will certainly pass.')))))).toEqual(['non-standard-likelihood']);
  });

  it('flags a sentence stating a likelihood and a confidence, and only that sentence', () => {
    const d = doc(paragraph(text('The port opens in May. We assess with high confidence that it is likely to open.'), citation('c-vote'), text(' Later, maybe.')));
    const issues = checkBrief(d).filter((i) => i.kind === 'mixed-likelihood-confidence');
    expect(issues).toHaveLength(1);
    expect(under(d, issues[0]!)).toBe(`We assess with high confidence that it is likely to open.${CITATION_CHAR}`);
    expect(issues[0]!.message).toMatch(/ICD 203 keeps them apart/);
  });

  it('flags judgments without a citation, over the whole judgment', () => {
    const d = doc(paragraph(text('Intro')), judgment('likely', 'low', text('The terminal is likely to open.')));
    const issues = checkBrief(d, { claims });
    expect(issues).toMatchObject([{ kind: 'uncited-judgment', blockIndex: 1, path: [1], from: 0, to: 'The terminal is likely to open.'.length }]);
  });

  it('flags a judgment resting on a single origin: one claim, one article, or reports citing one another', () => {
    expect(kinds(checkBrief(doc(judgment('likely', 'low', text('x'), citation('c-vote'))), { claims }))).toEqual(['single-origin']);
    // Two claims from the same article are one origin.
    const same = checkBrief(doc(judgment('likely', 'low', text('x'), citation('c-vote'), citation('c-winter'))), { claims });
    expect(kinds(same)).toEqual(['single-origin']);
    expect(same[0]!.message).toMatch(/share one origin/);
    // Independent articles pass...
    expect(checkBrief(doc(judgment('likely', 'low', text('x'), citation('c-vote'), citation('c-rushed'))), { claims })).toEqual([]);
    // ...unless one repeats the other (a `cites` link), or the caller's originOf says they are one wire report.
    const repeat = claims.map((c) => (c.id === 'c-rushed' ? { ...c, links: [{ claimId: 'c-vote', relation: 'cites' as const }] } : c));
    expect(kinds(checkBrief(doc(judgment('likely', 'low', text('x'), citation('c-vote'), citation('c-rushed'))), { claims: repeat }))).toEqual(['single-origin']);
    expect(kinds(checkBrief(doc(judgment('likely', 'low', text('x'), citation('c-vote'), citation('c-rushed'))), { claims, originsOf: () => ['wire'] }))).toEqual(['single-origin']);
  });

  it('counts outlets and agencies as origins when told an article\'s origins', () => {
    const j = doc(judgment('likely', 'low', text('x'), citation('c-vote'), citation('c-rushed')));
    // Both articles relay the same agency: one origin.
    expect(kinds(checkBrief(j, { claims, articleOrigins: () => ['source:agency'] }))).toEqual(['single-origin']);
    // One article names two agencies: two origins, even from a single claim's article.
    const two = doc(judgment('likely', 'low', text('x'), citation('c-vote'), citation('c-winter')));
    expect(checkBrief(two, { claims, articleOrigins: (id) => (id === 'a1' ? ['source:x', 'source:y'] : []) })).toEqual([]);
    // No origins known for an article: the article is its own origin.
    expect(checkBrief(j, { claims, articleOrigins: () => [] })).toEqual([]);
  });

  it('flags each citation of low-credibility information (5-6) at the citation itself', () => {
    const six = makeClaim('a9', 'c-six', { credibility: 6 });
    const d = doc(paragraph(text('Finished by May'), citation('c-may'), text(' and'), citation('c-six'), citation('c-vote')));
    const issues = checkBrief(d, { claims: [...claims, six] });
    expect(issues.map((i) => [i.kind, i.from, i.to])).toEqual([
      ['low-credibility', 15, 16],
      ['low-credibility', 20, 21],
    ]);
    expect(issues.map((i) => under(d, i))).toEqual([CITATION_CHAR, CITATION_CHAR]);
    expect(issues[0]!.message).toMatch(/graded 5 \(improbable\)/);
    expect(issues[1]!.message).toMatch(/truth cannot be judged/);
  });

  it('splits sentences with offsets', () => {
    expect(sentences('One. Two?  Three')).toEqual([
      { text: 'One.', from: 0, to: 4 },
      { text: 'Two?', from: 5, to: 9 },
      { text: 'Three', from: 11, to: 16 },
    ]);
    expect(checkBrief(null)).toEqual([]);
  });
});
