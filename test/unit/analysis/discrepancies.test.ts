import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EntityIndex } from '../../../shared/analysis/cluster';
import { findDiscrepancies } from '../../../shared/analysis/discrepancies';
import { extractEntities } from '../../../shared/analysis/entities';
import { STORY } from '../../fixtures/analysis/articles';

function analyse(articles: readonly { id: string; text: string; publishedAt: string | null }[]) {
  const index = new EntityIndex();
  for (const a of articles) index.addArticle(a.id, extractEntities(a.text));
  return findDiscrepancies({ articles, spellings: index.proposals() });
}

describe('findDiscrepancies', () => {
  it('finds the death toll, the vote, the vote date and the spellings the outlets disagree on', () => {
    const found = analyse(STORY);
    const summaries = found.map((d) => `${d.kind}: ${d.summary}`);
    expect(summaries).toContain('number: Different vote counts: 59–41 (2 articles), 61–39 (1 article)');
    expect(summaries).toContain('number: Different figures for "killed" (people): 12 people (2 articles), 14 people (2 articles)');
    expect(summaries).toContain('date: Different dates for "vote": 2026-06-04 (1 article), 2026-06-05 (1 article)');
    expect(summaries).toContain('spelling: Name spelled 2 ways: "Jānis Ozoliņš" (3 articles), "Janis Ozolins" (1 article)');
    expect(summaries).toContain('spelling: Name spelled 2 ways: "Aleksandr Volkov" (1 article), "Alexander Wolkow" (1 article)');
    // Look-alikes are no discrepancy.
    expect(summaries.some((s) => s.includes('Austria') || s.includes('Anna Novak'))).toBe(false);
    const vote = found.find((d) => d.summary.startsWith('Different vote counts'))!;
    expect(vote.items.map((i) => [i.articleId, i.text])).toEqual([
      ['nordpress', '59 votes to 41'],
      ['tribune', '59 votes to 41'],
      ['ledger', '61 to 39'],
    ]);
    for (const d of found) for (const i of d.items) expect(STORY.find((a) => a.id === i.articleId)!.text.slice(i.start, i.end)).toBe(i.text);
  });

  it('does not flag an article that gives both the old and the new figure', () => {
    const a = { id: 'a', publishedAt: null, text: 'Rasa Kairys said the Klaipėda terminal in Palanga would cost 310 million euros.' };
    const b = { id: 'b', publishedAt: null, text: 'Rasa Kairys said the Klaipėda terminal in Palanga would cost 310 million euros, up from the 280 million euros the old estimate said it would cost.' };
    expect(analyse([a, b]).filter((d) => d.kind === 'number')).toEqual([]);
    const c = { id: 'c', publishedAt: null, text: 'Rasa Kairys said the Klaipėda terminal in Palanga would cost 280 million euros.' };
    expect(analyse([a, c]).filter((d) => d.kind === 'number')).toHaveLength(1);
  });

  it('does not compare figures of unrelated stories or of a different order', () => {
    const a = { id: 'a', publishedAt: null, text: 'Parliament in Vilnius voted 71 to 48 on the Klaipėda terminal.' };
    const b = { id: 'b', publishedAt: null, text: 'The council in Kaunas voted 16 to 13 on a school merger.' };
    expect(analyse([a, b])).toEqual([]);
  });

  it('lists claims linked as contradicting, once per pair', () => {
    const claims = [
      { id: 'c1', articleId: 'ledger', target: { start: 0, end: 10, exact: 'Parliament' }, statement: '12 people were killed', links: [{ claimId: 'c2', relation: 'contradicts' as const }] },
      { id: 'c2', articleId: 'nordpress', target: { start: 5, end: 9, exact: 'text' }, links: [{ claimId: 'c1', relation: 'contradicts' as const }] },
      { id: 'c3', articleId: 'wire', target: { start: 0, end: 4, exact: 'Rela' }, links: [{ claimId: 'c1', relation: 'corroborates' as const }] },
    ];
    const found = findDiscrepancies({ articles: [], claims });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ kind: 'contradiction', summary: '"12 people were killed" is contradicted by "text"' });
    expect(found[0]!.items.map((i) => i.articleId)).toEqual(['ledger', 'nordpress']);
  });

  it('reproduces the sample notebook\'s known disagreements', () => {
    const dir = join(import.meta.dirname, '../../../resources/sample');
    const published: Record<string, string> = { '01': '2026-03-11', '02': '2026-03-12', '03': '2026-03-12', '04': '2026-03-12', '05': '2026-03-12', '06': '2026-03-13', '07': '2026-03-11', '08': '2026-03-11' };
    const articles = readdirSync(dir)
      .filter((f) => /^0\d-/.test(f))
      .map((f) => ({ id: f.slice(0, 2), text: readFileSync(join(dir, f), 'utf8'), publishedAt: published[f.slice(0, 2)] ?? null }));
    const found = analyse(articles);
    const summaries = found.map((d) => d.summary);
    expect(summaries.find((s) => s.startsWith('Different vote counts'))).toMatch(/72–47 .*71–48|71–48 .*72–47/);
    expect(summaries.find((s) => s.startsWith('Different figures for "cost" (EUR)'))).toMatch(/280 million euros|€280m/);
    expect(summaries.some((s) => s.startsWith('Different dates for "vote": 2026-03-11') && s.includes('2026-03-12'))).toBe(true);
    expect(summaries.some((s) => s.includes('"Dovilė Žemaitė"'))).toBe(true);
  });
});
