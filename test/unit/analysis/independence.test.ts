import { describe, expect, it } from 'vitest';
import { findOriginators } from '../../../shared/analysis/attribution';
import { countIndependentOrigins, originKey } from '../../../shared/analysis/independence';
import { STORY } from '../../fixtures/analysis/articles';

describe('countIndependentOrigins', () => {
  it('counts two outlets resting on the same agency as one origin', () => {
    // The death toll: Nordpress itself, the Tribune citing Nordpress, the Wire citing Reuters/Interfax, the Ledger on its own.
    const items = STORY.map((a) => ({ claimId: `claim-${a.id}`, articleId: a.id, outlet: a.outlet, originators: findOriginators(a.text).map((o) => o.name).filter((n) => n !== 'Ministry of Defence') }));
    const result = countIndependentOrigins(items);
    expect(result.independent).toBe(3);
    expect(result.origins).toEqual(['Harbour Ledger', 'Nordpress', 'Reuters']);
    expect(result.groups.find((g) => g.origin === 'Nordpress')).toMatchObject({ articleIds: ['nordpress', 'tribune'], claimIds: ['claim-nordpress', 'claim-tribune'] });
  });

  it('joins articles that share any originator, and honours confirmed same-source names', () => {
    const result = countIndependentOrigins(
      [
        { articleId: 'a', outlet: 'Tidewater Gazette', originators: ['Zaria'] },
        { articleId: 'b', outlet: 'Amber Coast Herald', originators: ['Zaria', 'Reuters'] },
        { articleId: 'c', outlet: 'Lagoon Evening Post', originators: ['Reuters'] },
        { articleId: 'd', outlet: 'Northern Wire Service', originators: ['ZNA'] },
        { articleId: 'e', outlet: null, originators: [] },
      ],
      { sameSource: [['Zaria News Agency', 'ZNA']] },
    );
    expect(result.independent).toBe(2);
    expect(result.groups.map((g) => g.articleIds)).toEqual([['e'], ['a', 'b', 'c', 'd']]);
    expect(result.origins).toEqual(['article e', 'Zaria']);
  });

  it('counts independent outlets separately', () => {
    const r = countIndependentOrigins([
      { articleId: 'a', outlet: 'Harbour Ledger', originators: [] },
      { articleId: 'b', outlet: 'Coast Tribune', originators: [] },
      { articleId: 'c', outlet: 'the Coast Tribune.', originators: [] },
    ]);
    expect(r.independent).toBe(2);
  });

  it('keys an agency by its name without the generic words', () => {
    expect(originKey('Zaria News Agency (state information service), English edition')).toBe('zaria');
    expect(originKey('the state news agency')).toBe('state');
    expect(originKey('Reuters')).toBe('reuters');
  });
});
