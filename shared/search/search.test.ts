import { describe, expect, it } from 'vitest';
import { fold, tokenize, withinOneEdit } from './fold';
import { parseQuery } from './query';
import { mergeSegments, SearchIndex, SearchIndexBuilder, SearchIndexFormatError, SearchView, type SearchDoc, type SearchDocInput } from './search-index';
import { makeSnippet } from './snippet';

function article(articleId: string, title: string, body: string, extra: Partial<SearchDocInput> = {}): SearchDocInput {
  return {
    kind: 'article', articleId, id: null, title, outlet: 'Baltic Ledger', publishedAt: '2026-03-14', tags: [], status: null,
    claimKind: null, target: null, header: [title, 'Baltic Ledger'], body, keepBody: true, ...extra,
  };
}

function build(docs: SearchDocInput[]): SearchIndex {
  const b = new SearchIndexBuilder();
  for (const d of docs) b.add(d);
  return b.finish('fp');
}

const ids = (index: SearchIndex, q: string): string[] =>
  index.search(parseQuery(q)).hits.map((h) => {
    const d = index.docs[h.doc]!;
    return d.id ?? d.articleId ?? '';
  });

const corpus = build([
  article('a1', 'President Nausėda visits Klaipėda', 'Gitanas Nausėda met the port council in Klaipėda on Tuesday.'),
  article('a2', 'Port council backs terminal expansion', 'The council voted to expand the liquefied gas terminal. Nauseda was absent.', { outlet: 'LRT', header: ['Port council backs terminal expansion', 'LRT'], publishedAt: '2026-04-02' }),
  article('a3', 'Łódź and Gdańsk sign pact', 'Straße closures in Łódź; Æsir festival. Путин не упоминался.', { publishedAt: '2025-12-01' }),
  article('a4', 'Weather', 'Rain over the coast. The terminal was closed for the storm; a gas leak was ruled out.'),
  {
    kind: 'claim', articleId: 'a2', id: 'c1', title: 'Port council backs terminal expansion', outlet: 'LRT', publishedAt: '2026-04-02',
    tags: ['Energy'], status: 'contested', claimKind: 'number', target: { start: 4, end: 11 }, header: ['Ingrida Šimonytė'],
    body: 'The council voted 71 to 48 for the terminal', keepBody: true,
  },
  {
    kind: 'highlight', articleId: 'a1', id: 'h1', title: 'President Nausėda visits Klaipėda', outlet: 'Baltic Ledger', publishedAt: '2026-03-14',
    tags: ['Visits'], status: null, claimKind: null, target: { start: 0, end: 15 }, header: [], body: 'Gitanas Nausėda — check the date of the visit', keepBody: true,
  },
]);

describe('folding', () => {
  it('drops case and diacritics and spells out special letters', () => {
    expect(fold('Nausėda')).toBe('nauseda');
    expect(fold('ŁÓDŹ Straße Æsir Øresund Đoković')).toBe('lodz strasse aesir oresund dokovic');
    expect(fold('Путин')).toBe('путин');
  });
  it('keeps offsets in the original text, also for decomposed input', () => {
    const text = 'Mr Nause\u0307da, hi';
    const [, t] = tokenize(text);
    expect(t).toEqual({ term: 'nauseda', start: 3, end: 11 });
    expect(text.slice(t!.start, t!.end)).toBe('Nause\u0307da');
  });
  it('tells one edit from two', () => {
    expect(withinOneEdit('terminal', 'terminl')).toBe(true);
    expect(withinOneEdit('terminal', 'termimal')).toBe(true);
    expect(withinOneEdit('terminal', 'terminals')).toBe(true);
    expect(withinOneEdit('terminal', 'termnial')).toBe(false);
  });
});

describe('query parsing', () => {
  it('reads words, phrases, prefixes and filters', () => {
    const q = parseQuery('gas "port council" klaip* outlet:"Baltic Ledger" kind:claim from:2026-01-01 to:2026-12 status:contested');
    expect(q.words).toEqual([
      { term: 'gas', prefix: false, explicitPrefix: false },
      { term: 'klaip', prefix: true, explicitPrefix: true },
    ]);
    expect(q.phrases).toEqual([['port', 'council']]);
    expect(q.filters).toMatchObject({ outlet: ['baltic ledger'], kind: ['claim'], from: '2026-01-01', to: '2026-12', status: ['contested'] });
  });
  it('treats the last bare word as a prefix unless the query ends with a space', () => {
    expect(parseQuery('port coun').words[1]).toMatchObject({ term: 'coun', prefix: true });
    expect(parseQuery('port coun ').words[1]).toMatchObject({ term: 'coun', prefix: false });
  });
  it('warns about a bad date instead of failing', () => {
    expect(parseQuery('from:yesterday gas').warnings[0]).toMatch(/from:yesterday is not a date/);
  });
});

describe('search', () => {
  it('finds names with and without diacritics, both ways', () => {
    expect(ids(corpus, 'Nauseda ')).toEqual(expect.arrayContaining(['a1', 'a2', 'h1']));
    expect(ids(corpus, 'Nausėda ').sort()).toEqual(ids(corpus, 'Nauseda ').sort());
    expect(ids(corpus, 'Lodz ')).toEqual(['a3']);
    expect(ids(corpus, 'strasse ')).toEqual(['a3']);
    expect(ids(corpus, 'путин ')).toEqual(['a3']);
  });
  it('requires every word', () => {
    expect(ids(corpus, 'terminal storm ')).toEqual(['a4']);
  });
  it('matches exact phrases only at consecutive positions', () => {
    expect(ids(corpus, '"gas terminal"')).toEqual(['a2']);
    expect(ids(corpus, '"terminal gas"')).toEqual([]);
    // A phrase never spans two fields (title then outlet).
    expect(ids(corpus, '"klaipeda baltic"')).toEqual([]);
  });
  it('expands prefixes, explicit and implicit', () => {
    expect(ids(corpus, 'klaip*')).toEqual(['a1']);
    expect(ids(corpus, 'liquef').sort()).toEqual(['a2']);
    expect(ids(corpus, 'liquef ')).toEqual([]);
  });
  it('matches one typo in long words only when the word has no exact hit', () => {
    expect(ids(corpus, 'termnal ').sort()).toEqual(['a2', 'a4', 'c1']);
    expect(ids(corpus, 'gaz ')).toEqual([]);
    expect(corpus.expand({ term: 'council', prefix: false, explicitPrefix: false }).size).toBe(1);
  });
  it('applies filters', () => {
    expect(ids(corpus, 'terminal kind:claim')).toEqual(['c1']);
    expect(ids(corpus, 'kind:number')).toEqual(['c1']);
    expect(ids(corpus, 'council status:contested')).toEqual(['c1']);
    expect(ids(corpus, 'tag:energy')).toEqual(['c1']);
    expect(ids(corpus, 'terminal outlet:lrt').sort()).toEqual(['a2', 'c1']);
    expect(ids(corpus, 'council from:2026-04-01').sort()).toEqual(['a2', 'c1']);
    expect(ids(corpus, 'council to:2026-03').sort()).toEqual(['a1']);
    expect(ids(corpus, 'kind:highlight')).toEqual(['h1']);
  });
  it('ranks a title match above a passing mention', () => {
    const index = build([
      article('x', 'Other news', 'Many things happened. Among them the terminal.' + ' filler'.repeat(50)),
      article('y', 'Terminal opens', 'The terminal opened today.'),
    ]);
    expect(ids(index, 'terminal ')).toEqual(['y', 'x']);
  });
  it('keeps the best hits, in order, when there are many more than the limit', () => {
    const many = build(Array.from({ length: 200 }, (_, i) => article(`m${i}`, `Item ${i}`, `${'port '.repeat(1 + (i * 37) % 23)} ${'filler '.repeat(i % 7)}`)));
    const all = many.search(parseQuery('port '), { limit: 200 }).hits;
    const top = many.search(parseQuery('port '), { limit: 5, offset: 3 });
    expect(top.total).toBe(200);
    expect(top.hits).toEqual(all.slice(3, 8));
    for (let i = 1; i < all.length; i++) expect(all[i - 1]!.score).toBeGreaterThanOrEqual(all[i]!.score);
  });
  it('gives the total and pages with the limit', () => {
    const out = corpus.search(parseQuery('council '), { limit: 1 });
    expect(out.hits).toHaveLength(1);
    expect(out.total).toBe(3);
  });
});

describe('snippets', () => {
  it('highlights matches and points at them in the text', () => {
    const text = `${'Lorem ipsum dolor sit amet. '.repeat(20)}Then Nausėda met the port council in Klaipėda.${' More text.'.repeat(20)}`;
    const s = makeSnippet(text, new Set(['nauseda', 'klaipeda']), []);
    expect(s.snippet.startsWith('…')).toBe(true);
    expect(s.highlights.map((h) => s.snippet.slice(h.start, h.end))).toEqual(['Nausėda', 'Klaipėda']);
    expect(text.slice(s.target!.start, s.target!.end)).toBe('Nausėda');
  });
  it('anchors on a phrase and highlights it as one span', () => {
    const text = 'The terminal was closed. The council voted for the gas terminal today.';
    const s = makeSnippet(text, new Set(['gas', 'terminal']), [['gas', 'terminal']]);
    expect(text.slice(s.target!.start, s.target!.end)).toBe('gas terminal');
    expect(s.highlights.map((h) => s.snippet.slice(h.start, h.end))).toContain('gas terminal');
  });
  it('has no target when nothing in the text matched', () => {
    expect(makeSnippet('Nothing here.', new Set(['x']), []).target).toBeNull();
  });
});

describe('binary form', () => {
  it('round-trips', () => {
    const bytes = corpus.serialize();
    const back = SearchIndex.deserialize(bytes);
    expect(back.fingerprint).toBe('fp');
    expect(back.docs).toEqual(corpus.docs);
    for (const q of ['Nauseda ', '"gas terminal"', 'klaip*', 'termnal ', 'tag:energy']) expect(ids(back, q)).toEqual(ids(corpus, q));
    // Unaligned bytes (a Buffer slice) read the same.
    const shifted = new Uint8Array(bytes.length + 1);
    shifted.set(bytes, 1);
    expect(SearchIndex.deserialize(shifted.subarray(1)).docs.length).toBe(corpus.docs.length);
  });
  it('rejects damaged bytes with a clear error', () => {
    const bytes = corpus.serialize();
    expect(() => SearchIndex.deserialize(bytes.subarray(0, bytes.length - 4))).toThrow(SearchIndexFormatError);
    const wrongVersion = bytes.slice();
    wrongVersion[4] = 99;
    expect(() => SearchIndex.deserialize(wrongVersion)).toThrow(/format version 99/);
    const garbage = bytes.slice();
    garbage[20] = 0xff;
    expect(() => SearchIndex.deserialize(garbage)).toThrow(SearchIndexFormatError);
    expect(() => SearchIndex.deserialize(new Uint8Array(5))).toThrow(/too short/);
  });
});

describe('segments, merging and compression', () => {
  const docs = [
    article('a1', 'President Nausėda visits Klaipėda', 'Gitanas Nausėda met the port council in Klaipėda on Tuesday.'),
    article('a2', 'Port council backs terminal expansion', 'The council voted to expand the liquefied gas terminal.', { outlet: 'LRT' }),
    article('a3', 'Weather', 'Rain over the coast. The terminal was closed for the storm.'),
  ];
  const edited = article('a2', 'Port council backs terminal expansion', 'The council postponed the gas terminal vote again.', { outlet: 'LRT' });
  const rows = (view: { search: SearchView['search']; doc(n: number): SearchDoc }, q: string): string[] =>
    view.search(parseQuery(q), { limit: 100 }).hits.map((h) => `${view.doc(h.doc).articleId}:${h.score.toFixed(6)}`).sort();

  it('a base with tombstones plus a delta ranks exactly as a rebuild, and merges into the same index', () => {
    const base = build(docs);
    const dead = new Uint8Array(base.docs.length);
    dead[1] = 1; // a2 superseded
    const delta = build([edited]);
    const view = new SearchView([{ index: base, dead }, { index: delta, dead: null }]);
    const rebuilt = build([docs[0]!, docs[2]!, edited]);
    const rebuiltView = new SearchView([{ index: rebuilt, dead: null }]);
    for (const q of ['council', 'terminal', 'postponed', 'liquefied', '"gas terminal"', 'klaip*', 'termnal ', 'outlet:lrt']) {
      expect(rows(view, q), q).toEqual(rows(rebuiltView, q));
    }
    const merged = mergeSegments(view.segments, 'm');
    expect(merged.docs.map((d) => d.articleId)).toEqual(['a1', 'a3', 'a2']);
    // A term only the dead doc had leaves the vocabulary.
    expect(merged.termId('liquefied')).toBe(-1);
    for (const q of ['council', '"gas terminal"', 'postponed']) expect(rows(new SearchView([{ index: merged, dead: null }]), q)).toEqual(rows(rebuiltView, q));
  });

  it('filters entity: by the folded name, or by any alias given', () => {
    const index = build([
      article('a1', 'Visit', 'Ingrida Šimonytė visited the port.'),
      article('a2', 'Budget', 'The premier presented the budget.'),
      article('a3', 'Weather', 'Rain.'),
    ]);
    const q = (s: string, aliases?: (n: string) => readonly string[]) =>
      index.search(parseQuery(s), { entityAliases: aliases }).hits.map((h) => index.docs[h.doc]!.articleId).sort();
    expect(q('entity:"Ingrida Simonyte"')).toEqual(['a1']);
    expect(q('entity:"ingrida simonyte"', (n) => (n === 'ingrida simonyte' ? ['Premier'] : []))).toEqual(['a1', 'a2']);
    expect(q('entity:nobody')).toEqual([]);
  });

  it('compresses postings (delta + varint) and still reads version 1', () => {
    const big = build(Array.from({ length: 300 }, (_, i) => article(`m${i}`, `Item ${i}`, `${'port council terminal '.repeat(1 + (i % 9))} word${i % 40}`)));
    const v2 = big.serialize();
    const v1 = big.serialize({ compressed: false });
    expect(v2.length).toBeLessThan(v1.length * 0.7);
    const a = SearchIndex.deserialize(v1);
    const b = SearchIndex.deserialize(v2);
    for (const q of ['port ', '"council terminal"', 'word1*']) expect(ids(b, q)).toEqual(ids(big, q));
    for (const q of ['port ', '"council terminal"', 'word1*']) expect(ids(a, q)).toEqual(ids(big, q));
  });
});
