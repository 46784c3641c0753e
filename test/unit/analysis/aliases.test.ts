import { describe, expect, it } from 'vitest';
import { AliasIndex, type AliasCandidate, foldName, proposeAliasMerges, transliterationKey } from '../../../shared/analysis/aliases';
import { clusterEntities, EntityIndex } from '../../../shared/analysis/cluster';
import { extractEntities } from '../../../shared/analysis/entities';
import { STORY } from '../../fixtures/analysis/articles';

const people = (...names: string[]): AliasCandidate[] => names.map((name, i) => ({ id: `p${i}`, name, kind: 'person', count: names.length - i }));
const groups = (candidates: AliasCandidate[]): string[][] => proposeAliasMerges(candidates).map((p) => [...p.names].sort());

describe('keys', () => {
  it('folds case, diacritics and punctuation', () => {
    expect(foldName('Dovilė ŽEMAITYTĖ')).toBe('dovile zemaityte');
    expect(foldName('the U.S.')).toBe('us');
    expect(foldName('Łódź-Kaliska')).toBe('lodz kaliska');
  });

  it('gives common transliterations one key', () => {
    expect(transliterationKey('Алексей Навальный')).toBe(transliterationKey('Alexey Navalny'));
    expect(transliterationKey('Aleksei Navalnyj')).toBe(transliterationKey('Alexey Navalny'));
    expect(transliterationKey('Чайковский')).toBe(transliterationKey('Tchaikovsky'));
    expect(transliterationKey('Tschaikowski')).toBe(transliterationKey('Tchaikowski'));
    expect(transliterationKey('Šimkus')).toBe(transliterationKey('Shimkus'));
    expect(transliterationKey('Volkov')).toBe(transliterationKey('Wolkow'));
  });
});

describe('proposeAliasMerges', () => {
  it('proposes a missing diacritic, a case variant, a transliteration and a dropped letter', () => {
    const proposals = proposeAliasMerges([
      ...people('Dovilė Žemaitytė', 'Dovile Zemaityte', 'Dovilė Žemaitė', 'Alexey Navalny', 'Алексей Навальный', 'Anna Kovacs', 'Anna Kovac'),
      { id: 'o1', name: 'NATO', kind: 'organization', count: 3 },
      { id: 'o2', name: 'Nato', kind: 'organization', count: 1 },
    ]);
    const byFirst = new Map(proposals.map((p) => [p.names[0], p]));
    expect(byFirst.get('NATO')).toMatchObject({ reason: 'case', names: ['NATO', 'Nato'], entityIds: ['o1', 'o2'] });
    expect(byFirst.get('Dovilė Žemaitytė')).toMatchObject({ reason: 'edit-distance', names: ['Dovilė Žemaitytė', 'Dovile Zemaityte', 'Dovilė Žemaitė'] });
    expect(byFirst.get('Alexey Navalny')).toMatchObject({ reason: 'transliteration' });
    expect(byFirst.get('Anna Kovacs')).toMatchObject({ reason: 'edit-distance', names: ['Anna Kovacs', 'Anna Kovac'] });
    expect(proposeAliasMerges(people('Dovilė Žemaitytė', 'Dovile Zemaityte'))[0]).toMatchObject({ reason: 'diacritics', status: 'pending' });
    for (const p of proposals) {
      expect(p.score).toBeGreaterThan(0);
      expect(p.score).toBeLessThanOrEqual(1);
    }
  });

  it('keeps look-alikes apart: countries, people sharing a first name, short names, numbers and dates', () => {
    const places = ['Austria', 'Australia', 'Slovakia', 'Slovenia', 'Iran', 'Iraq', 'Niger', 'Nigeria'].map((name, i): AliasCandidate => ({ id: `c${i}`, name, kind: 'place', count: 1 }));
    expect(groups(places)).toEqual([]);
    expect(groups(people('Anna Kovacs', 'Anna Novak', 'Anna Hanna', 'Hanna Kovacs', 'Tomas Kairys', 'Tomas Jankūnas', 'Li Wei', 'Li Wen'))).toEqual([]);
    expect(groups([{ id: 'n1', name: '61', kind: 'number', count: 1 }, { id: 'n2', name: '61', kind: 'number', count: 1 }])).toEqual([]);
    expect(groups([{ id: 'd1', name: '2026-03-12', kind: 'date', count: 1 }, { id: 'd2', name: '2026-03-11', kind: 'date', count: 1 }])).toEqual([]);
    // Same spelling, different kinds: not proposed (a person Jordan is not the country).
    expect(groups([{ id: 'a', name: 'Jordan', kind: 'person', count: 1 }, { id: 'b', name: 'Jordan', kind: 'place', count: 1 }])).toEqual([]);
  });

  it('gives proposals stable ids and applies decisions', () => {
    const names = people('Anna Kovacs', 'Anna Kovac', 'Jānis Ozoliņš', 'Janis Ozolins');
    const first = proposeAliasMerges(names);
    const again = proposeAliasMerges([...names].reverse());
    expect(again.map((p) => p.id).sort()).toEqual(first.map((p) => p.id).sort());
    const kovacs = first.find((p) => p.names.includes('Anna Kovac'))!;
    const ozolins = first.find((p) => p.names.includes('Janis Ozolins'))!;
    const decided = proposeAliasMerges(names, [
      { proposalId: kovacs.id, decision: 'reject', names: kovacs.names },
      { proposalId: ozolins.id, decision: 'confirm' },
    ]);
    expect(decided.map((p) => [p.id, p.status])).toEqual([[ozolins.id, 'confirmed']]);
  });

  it('keeps rejected names apart when a new spelling would link them again', () => {
    const index = new AliasIndex();
    index.add(people('Anna Kovacs', 'Anna Kovac'));
    const rejected = index.proposals()[0]!;
    index.add([{ id: 'p9', name: 'Anna Kovacz', kind: 'person', count: 1 }]);
    const after = index.proposals([{ proposalId: rejected.id, decision: 'reject', names: rejected.names }]);
    for (const p of after) expect(p.names.includes('Anna Kovacs') && p.names.includes('Anna Kovac')).toBe(false);
    expect(after).toHaveLength(1);
  });

  it('compares a new name only with its block, not with the whole index', () => {
    const index = new AliasIndex();
    const many: AliasCandidate[] = [];
    for (let i = 0; i < 2000; i++) many.push({ id: `x${i}`, name: `${String.fromCharCode(65 + (i % 26))}name${i} Surname${i}`, kind: 'person', count: 1 });
    index.add(many);
    const comparisons = index.add([{ id: 'new', name: 'Bname1 Surname1', kind: 'person', count: 1 }]);
    expect(comparisons).toBeLessThan(200);
  });
});

describe('clusterEntities and EntityIndex', () => {
  const mentions = STORY.map((a) => ({ articleId: a.id, mentions: extractEntities(a.text) }));

  it('groups mentions into entities with every mention, and applies confirmed merges', () => {
    const before = clusterEntities(mentions, [], ['person']);
    const ozolins = before.find((e) => e.name === 'Jānis Ozoliņš')!;
    expect(ozolins.mentions.map((m) => m.articleId)).toEqual(['ledger', 'ledger', 'tribune', 'wire']);
    expect(before.some((e) => e.name === 'Janis Ozolins')).toBe(true);
    const after = clusterEntities(mentions, [{ kind: 'person', names: ['Jānis Ozoliņš', 'Janis Ozolins'] }], ['person']);
    const merged = after.find((e) => e.name === 'Jānis Ozoliņš')!;
    expect(merged.aliases).toEqual(['Janis Ozolins']);
    expect(merged.mentions.map((m) => m.articleId)).toEqual(['ledger', 'ledger', 'nordpress', 'tribune', 'wire']);
    expect(merged.id).toBe(ozolins.id);
    expect(after.some((e) => e.name === 'Janis Ozolins')).toBe(false);
  });

  it('adds and removes one article without rebuilding the others', () => {
    const index = new EntityIndex();
    for (const m of mentions.slice(0, 3)) index.addArticle(m.articleId, m.mentions);
    expect(index.proposals().some((p) => p.names.includes('Alexander Wolkow'))).toBe(false);
    index.addArticle('wire', mentions[3]!.mentions);
    expect(index.proposals().find((p) => p.names.includes('Alexander Wolkow'))).toMatchObject({ reason: 'edit-distance', names: ['Aleksandr Volkov', 'Alexander Wolkow'] });
    index.removeArticle('wire');
    expect(index.entities().some((e) => e.name === 'Alexander Wolkow')).toBe(false);
    expect(index.proposals().some((p) => p.names.includes('Alexander Wolkow'))).toBe(false);
  });
});
