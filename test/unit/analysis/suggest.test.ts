import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { suggestClaims } from '../../../shared/analysis/suggest';
import { HARBOUR_LEDGER } from '../../fixtures/analysis/articles';

const wire = readFileSync(join(import.meta.dirname, '../../../resources/sample/01-nordic-energy-wire-seimas-approves.txt'), 'utf8');

describe('suggestClaims', () => {
  it('ranks votes and attributed figures and quotes first, with kind and speaker', () => {
    const s = suggestClaims(wire);
    const top = s.slice(0, 5);
    expect(top[0]!.text).toMatch(/^The Seimas passed the amendment .* by 71 votes to 48/);
    expect(top[0]).toMatchObject({ kind: 'number' });
    expect(top[0]!.reasons).toContain('vote 71–48');
    const cost = s.find((x) => x.text.includes('310 million euros'))!;
    expect(cost).toMatchObject({ kind: 'number', speaker: 'Dovilė Žemaitytė' });
    const quote = s.find((x) => x.text.startsWith('"This is not a vote about gas'))!;
    expect(quote).toMatchObject({ kind: 'quote', speaker: 'Žemaitytė' });
    // Scores are ranked and in 0-1.
    for (let i = 1; i < s.length; i++) expect(s[i - 1]!.score).toBeGreaterThanOrEqual(s[i]!.score);
    for (const x of s) expect(x.score).toBeGreaterThan(0);
    for (const x of s) expect(x.score).toBeLessThanOrEqual(1);
    for (const x of s) expect(wire.slice(x.start, x.end)).toBe(x.text);
  });

  it('does not suggest the headline, byline or metadata lines', () => {
    const texts = suggestClaims(wire).map((x) => x.text);
    expect(texts.some((t) => t.startsWith('By Marius Kairys') || t.startsWith('Published:') || t.startsWith('URL:'))).toBe(false);
  });

  it('classifies predictions, opinions and quotes whose speaker is in the sentence before', () => {
    const s = suggestClaims(HARBOUR_LEDGER.text);
    expect(s.find((x) => x.text.startsWith('The government expects'))).toMatchObject({ kind: 'prediction' });
    expect(s.find((x) => x.text.startsWith('Anna Kovacs'))).toMatchObject({ kind: 'opinion', speaker: 'Anna Kovacs' });
    const t = 'Rasa Kairys, the harbour master, said the berth was ready. "Every ship that arrives here is checked twice by our inspectors."';
    expect(suggestClaims(t).find((x) => x.kind === 'quote')).toMatchObject({ speaker: 'Rasa Kairys' });
  });

  it('skips sentences inside noise ranges and honours minScore and limit', () => {
    const t = 'ADVERTISEMENT: Spring sale, 50 percent off, the shop said. The council approved the budget by 16 votes to 13.';
    const ad = { start: 0, end: t.indexOf(' The council') };
    const s = suggestClaims(t, { skip: [ad] });
    expect(s.map((x) => x.text)).toEqual(['The council approved the budget by 16 votes to 13.']);
    expect(suggestClaims(t, { limit: 1 })).toHaveLength(1);
    expect(suggestClaims(t, { minScore: 0.99 })).toEqual([]);
  });
});
