import { describe, expect, it } from 'vitest';
import type { Annotation, ArticleSummary, Claim, Tag } from '../model/schemas';
import { makeSelector } from '../text/selector';
import { richTextToPlain, toWebAnnotations, WEB_ANNOTATION_CONTEXT } from './web-annotation';

const TEXT_A = 'The city council of Klaipėda voted 71 to 48 on Tuesday to expand the terminal.';
const TEXT_B = 'Minister Dovilė Žemaitytė said the decision "secures the winter".';
const texts: Record<string, string> = { a: TEXT_A, b: TEXT_B };

function summary(id: string, url: string | null): ArticleSummary {
  return {
    id, title: `Article ${id}`, outlet: null, byline: null, publishedAt: null, url, language: 'en',
    contentHash: `sha256:${id}`, noise: [], nearDuplicateOf: null, nearDuplicateSimilarity: null, noiseDismissed: [],
    importedAt: '2026-03-01T00:00:00.000Z', source: { fileName: `${id}.txt`, mediaType: 'text/plain' }, length: texts[id]!.length,
  };
}
const on = (articleId: string, quote: string) => {
  const text = texts[articleId]!;
  const start = text.indexOf(quote);
  return makeSelector(text, start, start + quote.length);
};
const tags: Tag[] = [
  { id: 't1', name: 'Energy', parentId: null, color: '#e5b93c' },
  { id: 't2', name: 'LNG', parentId: 't1', color: '#5aa9e6' },
];
const annotation = (id: string, articleId: string, quote: string, extra: Partial<Annotation> = {}): Annotation => ({
  id, articleId, target: on(articleId, quote), tags: [], comment: null, anchor: { status: 'anchored', score: 1 },
  createdAt: '2026-03-02T10:00:00.000Z', updatedAt: '2026-03-02T11:00:00.000Z', ...extra,
});
const claim: Claim = {
  id: 'c1', articleId: 'b', target: on('b', 'secures the winter'), statement: 'The terminal secures the winter supply',
  speaker: 'Dovilė Žemaitytė', kind: 'quote', tags: ['t1'], status: 'unverified', credibility: null, links: [], note: '',
  createdAt: '2026-03-02T10:00:00.000Z', updatedAt: '2026-03-02T10:00:00.000Z',
};

describe('toWebAnnotations', () => {
  const articles = [summary('a', 'https://ledger.example/vote'), summary('b', null)];
  const doc = toWebAnnotations({ id: 'nb1', name: 'Port' }, articles, [
    annotation('h2', 'b', 'said the decision'),
    annotation('h1', 'a', 'voted 71 to 48', {
      tags: ['t2', 'unknown'],
      comment: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Check the count' }] }, { type: 'paragraph', content: [{ type: 'text', text: 'with the minutes' }] }] },
    }),
    { ...annotation('h3', 'a', 'council'), articleId: 'gone' },
  ], tags, [claim]);

  it('is an AnnotationCollection with one page, in article order, items on unknown articles left out', () => {
    expect(doc['@context']).toBe(WEB_ANNOTATION_CONTEXT);
    expect(doc.type).toBe('AnnotationCollection');
    expect(doc.first.type).toBe('AnnotationPage');
    expect(doc.total).toBe(3);
    expect(doc.first.items.map((i) => i.id)).toEqual(['urn:uuid:h1', 'urn:uuid:h2', 'urn:uuid:c1']);
    // Plain JSON: survives a round trip unchanged.
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
  });

  it('maps a highlight: motivation, comment and tag bodies, source, both selectors, dates', () => {
    const h1 = doc.first.items[0]!;
    expect(h1).toMatchObject({ type: 'Annotation', motivation: 'highlighting', created: '2026-03-02T10:00:00.000Z', modified: '2026-03-02T11:00:00.000Z' });
    expect(h1.body).toEqual([
      { type: 'TextualBody', value: 'Check the count\nwith the minutes', format: 'text/plain', purpose: 'commenting' },
      { type: 'TextualBody', value: 'Energy/LNG', format: 'text/plain', purpose: 'tagging' },
    ]);
    expect(h1.target.source).toBe('https://ledger.example/vote');
    expect(h1.target.selector[0]).toMatchObject({ type: 'TextQuoteSelector', exact: 'voted 71 to 48' });
    expect(h1.target.selector[1].type).toBe('TextPositionSelector');
    expect(doc.first.items[1]!.target.source).toBe('urn:dossier:article:b');
    expect(doc.first.items[1]!.body).toBeUndefined();
  });

  it('maps a claim as assessing, with statement, kind, status and speaker', () => {
    const c = doc.first.items[2]!;
    expect(c.motivation).toBe('assessing');
    expect(c.body?.map((b) => `${b.purpose}:${b.value}`)).toEqual([
      'describing:The terminal secures the winter supply', 'tagging:kind:quote', 'tagging:status:unverified', 'tagging:speaker:Dovilė Žemaitytė', 'tagging:Energy',
    ]);
  });

  it("every selector's exact is the article text at start..end, with its prefix and suffix around it", () => {
    for (const item of doc.first.items) {
      const id = item.target.source.startsWith('urn:') ? item.target.source.split(':').pop()! : 'a';
      const text = texts[id]!;
      const [quote, pos] = item.target.selector;
      expect(text.slice(pos.start, pos.end)).toBe(quote.exact);
      expect(text.slice(0, pos.start).endsWith(quote.prefix)).toBe(true);
      expect(text.slice(pos.end).startsWith(quote.suffix)).toBe(true);
    }
  });

  it('reads Tiptap text: nested lists, hard breaks, empty docs', () => {
    expect(richTextToPlain(null)).toBe('');
    expect(richTextToPlain({ type: 'doc', content: [{ type: 'paragraph' }] })).toBe('');
    expect(
      richTextToPlain({
        type: 'doc',
        content: [
          { type: 'paragraph', content: [{ type: 'text', text: 'One' }, { type: 'hardBreak' }, { type: 'text', text: 'two' }] },
          { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'item' }] }] }] },
        ],
      }),
    ).toBe('One\ntwo\nitem');
  });
});
