import { Schema } from '@tiptap/pm/model';
import { describe, expect, it } from 'vitest';
import { checkBrief } from '../../../shared/brief/checker';
import { bulletList, citation, doc, heading, judgment, paragraph, text } from '../../../shared/brief/doc';
import type { ArticleSummary, Claim, Source } from '../../../shared/model/schemas';
import { briefPlainText, citationNumbers, claimCards, editorSafeDoc, filterClaimCards, textblockContentStart } from './briefClaims';

// The editor's node types as ProseMirror sees them (same names and content as the Tiptap extensions).
const schema = new Schema({
  nodes: {
    doc: { content: 'block+' },
    paragraph: { group: 'block', content: 'inline*' },
    heading: { group: 'block', content: 'inline*', attrs: { level: { default: 1 } } },
    judgment: { group: 'block', content: 'inline*', attrs: { likelihood: { default: null }, confidence: { default: null } } },
    bulletList: { group: 'block', content: 'listItem+' },
    listItem: { content: 'paragraph block*' },
    generatedSection: { group: 'block', atom: true, attrs: { section: { default: 'annex' } } },
    text: { group: 'inline' },
    citation: { group: 'inline', inline: true, atom: true, attrs: { claimId: { default: null } } },
    hardBreak: { group: 'inline', inline: true },
  },
});

function claim(id: string, articleId: string, exact: string, over: Partial<Claim> = {}): Claim {
  return {
    id,
    articleId,
    target: { exact, prefix: '', suffix: '', start: 10, end: 10 + exact.length },
    statement: '',
    speaker: null,
    kind: 'factual',
    tags: [],
    status: 'open',
    credibility: 2,
    links: [],
    note: '',
    createdAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-11-01T00:00:00.000Z',
    ...over,
  } as Claim;
}

describe('claim cards', () => {
  const articles = [{ id: 'a1', title: 'Port council backs the terminal', outlet: 'Klaipėdos žinios', publishedAt: '2026-10-02T08:00:00Z' } as ArticleSummary];
  const sources = [{ id: 's1', name: 'klaipedos  zinios', reliability: 'B', stateAffiliated: false, notes: '' } as Source];

  it('carry quote, outlet, title, date and Admiralty grade', () => {
    const [card] = claimCards([claim('c1', 'a1', 'the numbers held', { credibility: 2 })], articles, sources);
    expect(card).toMatchObject({ quote: 'the numbers held', outlet: 'Klaipėdos žinios', title: 'Port council backs the terminal', date: '2026-10-02', grade: 'B2' });
  });

  it('say so when the article is gone and the grade is missing', () => {
    const [card] = claimCards([claim('c2', 'zz', 'words', { credibility: null })], articles, sources);
    expect(card).toMatchObject({ title: 'Article not in this notebook', outlet: null, grade: '––' });
  });

  it('filter by every word, ignoring accents and case', () => {
    const cards = claimCards([claim('c1', 'a1', 'the numbers held'), claim('c3', 'a1', 'appeal promised', { statement: 'Opponents will appeal' })], articles, sources);
    expect(filterClaimCards(cards, 'KLAIPEDOS numbers').map((c) => c.claimId)).toEqual(['c1']);
    expect(filterClaimCards(cards, 'opponents').map((c) => c.claimId)).toEqual(['c3']);
    expect(filterClaimCards(cards, '   ')).toHaveLength(2);
    expect(filterClaimCards(cards, 'nothing-like-this')).toEqual([]);
  });
});

describe('citation numbers and plain text', () => {
  const d = doc(heading(1, 'Brief'), paragraph(text('First'), citation('b'), text(' then'), citation('a')), judgment('likely', 'high', text('Again'), citation('b')));

  it('number claims in order of first citation; a repeat keeps its number', () => {
    expect([...citationNumbers(d)]).toEqual([
      ['b', 1],
      ['a', 2],
    ]);
  });

  it('renders citations as [n] in the plain text', () => {
    expect(briefPlainText(d)).toBe('Brief\nFirst [1] then [2]\nAgain [1]');
  });
});

describe('textblockContentStart', () => {
  it('maps checker offsets onto the editor positions of the flagged words', () => {
    const json = doc(
      heading(1, 'Title'),
      paragraph(text('Cited'), citation('c1'), text(' fact.')),
      bulletList([text('A list item that is perhaps wrong.')]),
      judgment(null, null, text('The terminal will '), citation('c1'), text(' maybe open.')),
    );
    const pm = schema.nodeFromJSON(json);
    const issues = checkBrief(json, { claims: [] }).filter((i) => i.kind === 'non-standard-likelihood');
    expect(issues.map((i) => i.path)).toEqual([[2, 0, 0], [3]]);
    for (const issue of issues) {
      const start = textblockContentStart(pm, issue.path);
      expect(start).not.toBeNull();
      const flagged = pm.textBetween(start! + issue.from, start! + issue.to);
      expect(['perhaps', 'maybe']).toContain(flagged);
    }
  });

  it('returns null for a path that no longer exists', () => {
    const pm = schema.nodeFromJSON(doc(paragraph(text('x'))));
    expect(textblockContentStart(pm, [3])).toBeNull();
    expect(textblockContentStart(pm, [0, 5])).toBeNull();
    expect(textblockContentStart(pm, [])).toBeNull();
  });
});

describe('editorSafeDoc', () => {
  const names = { nodes: new Set(Object.keys(schema.nodes)), marks: new Set(['bold', 'italic']) };

  it('keeps known content as it is', () => {
    const d = doc(heading(1, 'T'), paragraph(text('bold', ['bold']), citation('c1')), judgment('likely', 'high', text('J')));
    expect(editorSafeDoc(d, names)).toEqual(d);
  });

  it('turns unknown nodes into their text and drops unknown marks, so nothing is lost from view', () => {
    const d = {
      type: 'doc',
      content: [
        { type: 'callout', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Kept words' }] }] },
        { type: 'paragraph', content: [{ type: 'mention', attrs: { id: 'x' }, content: [{ type: 'text', text: '@Rūta' }] }, { type: 'text', text: ' said', marks: [{ type: 'strike' }] }] },
      ],
    };
    const safe = editorSafeDoc(d, names);
    expect(safe).toEqual({
      type: 'doc',
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: 'Kept words' }] },
        { type: 'paragraph', content: [{ type: 'text', text: '@Rūta' }, { type: 'text', text: ' said' }] },
      ],
    });
    expect(() => schema.nodeFromJSON(safe).check()).not.toThrow();
  });

  it('gives an empty paragraph for an empty or missing document', () => {
    expect(editorSafeDoc(null, names)).toEqual({ type: 'doc', content: [{ type: 'paragraph' }] });
  });
});
