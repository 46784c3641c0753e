/**
 * Search benchmark (issue 6): synthetic notebooks of 10,000 and 100,000 articles (2-5 KB each, plus
 * a claim on every 20th), built in memory (generation is not measured). Measures index build
 * time, size on disk, load time, and query latency (median and p95 over a fixed mixed set: word,
 * diacritics-insensitive name, phrase, prefix, fuzzy, filters; each query includes parsing and 20
 * snippets), against a brute-force scan of the same texts (pre-folded text `includes`, so the
 * baseline is not charged for folding) measured in the same run.
 * Also: index size with and without postings compression (delta + varint), and the incremental
 * update (one article added or edited, until the first query answers) against the full build.
 * Targets: p95 < 30 ms at 10,000 and < 100 ms at 100,000; load < 1 s at 10,000.
 * SEARCH_BENCH_SIZES=10000 limits the sizes.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Claim } from '../../shared/model/schemas';
import { fold, terms } from '../../shared/search/fold';
import { parseQuery } from '../../shared/search/query';
import { mergeSegments, SearchIndex, SearchIndexBuilder, SearchView } from '../../shared/search/search-index';
import { makeSnippet } from '../../shared/search/snippet';
import { docsForArticle } from '../../electron/service/search-service';
import { generateArticle, mulberry32 } from './news-corpus';
import { median, now, p95, peakRssMb, printTable, round, type BenchResults } from './lib';

const QUERIES = [
  'terminal',
  'Nauseda',
  'zemaityte council',
  '"harbour master"',
  '"fish quota" klaipėda',
  'dredg*',
  'port bud',
  'goverror',
  'council outlet:"tidewater gazette"',
  'quota from:2026-03-10 to:2026-03-20',
  'kind:claim status:contested port',
  'smiltyne ferry timetable',
];
const REPEATS = 10;
const SYLLABLES = ['ka', 'ro', 'mi', 'tu', 'le', 'na', 'vy', 'ša', 'gė', 'po', 'ri', 'da', 'ūn', 'bel', 'tor', 'kas'];
const STATUSES = ['unverified', 'corroborated', 'contested', 'refuted'] as const;

interface Corpus {
  texts: string[];
  folded: string[];
  meta: { outlet: string; publishedAt: string }[];
}

/** Rare words (invented names, codes) so the vocabulary has a long tail like real news. */
function rareWords(seed: number): string {
  const rand = mulberry32(seed ^ 0x5bd1e995);
  return Array.from({ length: 12 }, () => Array.from({ length: 2 + Math.floor(rand() * 3) }, () => SYLLABLES[Math.floor(rand() * SYLLABLES.length)]!).join('')).join(' ');
}

function claimFor(articleId: string, text: string, i: number): Claim {
  const start = text.indexOf('port');
  const s = start >= 0 ? start : 0;
  return {
    id: `c${i}`, articleId, target: { exact: text.slice(s, s + 40), prefix: '', suffix: '', start: s, end: s + 40 },
    statement: `The port budget claim number ${i}`, speaker: null, kind: 'number', tags: [], status: STATUSES[(i / 20) % 4]!,
    credibility: null, links: [], note: '', createdAt: '2026-03-01', updatedAt: '2026-03-01',
  };
}

async function runSize(n: number, dir: string): Promise<BenchResults> {
  const tag = n >= 1000 ? `${n / 1000}k` : String(n);
  console.log(`\n-- ${n} articles: generating...`);
  const corpus: Corpus = { texts: [], folded: [], meta: [] };
  const builder = new SearchIndexBuilder();
  let buildMs = 0;
  let bytesOfText = 0;
  for (let i = 0; i < n; i++) {
    const g = generateArticle(i + 1, { size: 2000 + ((i * 7919) % 3000), noise: false });
    const text = `${g.text}\n${rareWords(i)}\n`;
    const publishedAt = `2026-03-${String(1 + ((i + 1) % 28)).padStart(2, '0')}`;
    corpus.texts.push(text);
    corpus.folded.push(fold(text));
    corpus.meta.push({ outlet: g.outlet.name, publishedAt });
    bytesOfText += text.length;
    const claims = i % 20 === 0 ? [claimFor(`a${i}`, text, i)] : [];
    const docs = docsForArticle({ id: `a${i}`, title: g.title, outlet: g.outlet.name, byline: null, publishedAt, text }, [], claims);
    // Only adding to the index is timed, not generating the article.
    const t0 = now();
    for (const d of docs) builder.add(d);
    buildMs += now() - t0;
  }
  const t0 = now();
  const built = builder.finish('bench');
  buildMs += now() - t0;

  const path = join(dir, `search-index-${n}.bin`);
  const uncompressedBytes = built.serialize({ compressed: false }).length;
  const tw = now();
  const bytes = built.serialize();
  await writeFile(path, bytes);
  const writeMs = now() - tw;
  const loads: number[] = [];
  let index: SearchIndex = built;
  for (let r = 0; r < 3; r++) {
    const tl = now();
    index = SearchIndex.deserialize(await readFile(path));
    loads.push(now() - tl);
  }

  // Text of a doc for snippets: article docs point at the in-memory text (the store, in the app).
  const bodyOf = (d: number): string => index.docs[d]!.body ?? corpus.texts[Number(index.docs[d]!.articleId!.slice(1))]!;
  const samples: number[] = [];
  const perQuery: (string | number)[][] = [['query', 'hits', 'index median ms', 'brute median ms']];
  const bruteSamples: number[] = [];
  for (const q of QUERIES) {
    const times: number[] = [];
    let total = 0;
    for (let r = 0; r < REPEATS; r++) {
      const tq = now();
      const out = index.search(parseQuery(q), { limit: 20 });
      for (const h of out.hits) makeSnippet(bodyOf(h.doc), out.matchedTerms, out.phrases);
      times.push(now() - tq);
      total = out.total;
    }
    samples.push(...times);
    const brute: number[] = [];
    for (let r = 0; r < 3; r++) {
      const tb = now();
      bruteForce(q, corpus);
      brute.push(now() - tb);
    }
    bruteSamples.push(...brute);
    perQuery.push([q, total, median(times), median(brute)]);
  }
  const incremental = measureIncremental(index, n);
  printTable(`Search, ${n} articles (${round(bytesOfText / 1e6)} M characters, ${index.docs.length} docs, ${index.termCount} terms)`, perQuery);
  const results = {
    [`articles_${tag}`]: n,
    [`build_ms_${tag}`]: round(buildMs),
    [`size_mb_${tag}`]: round(bytes.length / 1e6),
    [`size_uncompressed_mb_${tag}`]: round(uncompressedBytes / 1e6),
    [`incremental_add_ms_${tag}`]: incremental.addMs,
    [`incremental_edit_ms_${tag}`]: incremental.editMs,
    [`incremental_merge_ms_${tag}`]: incremental.mergeMs,
    [`write_ms_${tag}`]: round(writeMs),
    [`load_ms_${tag}`]: round(median(loads)),
    [`query_median_ms_${tag}`]: round(median(samples)),
    [`query_p95_ms_${tag}`]: round(p95(samples)),
    [`brute_median_ms_${tag}`]: round(median(bruteSamples)),
    [`brute_p95_ms_${tag}`]: round(p95(bruteSamples)),
    [`terms_${tag}`]: index.termCount,
    [`peak_rss_mb_after_${tag}`]: round(peakRssMb()),
  };
  printTable(`Summary, ${n} articles`, Object.entries(results).map(([k, v]) => [k, v as number]).reduce<(string | number)[][]>((rows, r) => [...rows, r], [['figure', 'value']]));
  return results;
}

/**
 * What the search service does on a change (store.onChange): one article added, or one edited
 * (its docs tombstoned in the base, the new ones in a delta segment), until the first query over
 * the new view has answered; and merging the delta into the base (compaction before a cache write).
 * Compare with build_ms, the full rebuild of the same notebook in the same run.
 */
function measureIncremental(base: SearchIndex, n: number): { addMs: number; editMs: number; mergeMs: number } {
  const articleDocs = (i: number, extra: string) => {
    const g = generateArticle(n + i + 1, { size: 3000, noise: false });
    return docsForArticle({ id: `a${i}`, title: g.title, outlet: g.outlet.name, byline: null, publishedAt: '2026-03-05', text: `${g.text}\n${extra}\n` }, [], []);
  };
  const apply = (dead: Uint8Array, docs: ReturnType<typeof articleDocs>): SearchView => {
    const b = new SearchIndexBuilder();
    for (const d of docs) b.add(d);
    const view = new SearchView([{ index: base, dead }, { index: b.finish('delta'), dead: null }]);
    view.search(parseQuery('council'), { limit: 20 });
    return view;
  };
  const adds: number[] = [];
  const edits: number[] = [];
  let last: SearchView | null = null;
  for (let r = 0; r < 5; r++) {
    const t0 = now();
    apply(new Uint8Array(base.docs.length), articleDocs(n + r, 'a new article'));
    adds.push(now() - t0);
    const t1 = now();
    const target = 7 + r * 13;
    const dead = new Uint8Array(base.docs.length);
    base.docs.forEach((d, i) => {
      if (d.articleId === `a${target}`) dead[i] = 1;
    });
    last = apply(dead, articleDocs(target, 'an edited paragraph'));
    edits.push(now() - t1);
  }
  const tm = now();
  mergeSegments(last!.segments, 'merged');
  const mergeMs = now() - tm;
  return { addMs: round(median(adds)), editMs: round(median(edits)), mergeMs: round(mergeMs) };
}

/** The baseline: every doc's folded text scanned for every word, phrase and filter. */
function bruteForce(q: string, corpus: Corpus): number {
  const parsed = parseQuery(q);
  const needles = [...parsed.words.map((w) => w.term), ...parsed.phrases.map((p) => p.join(' '))];
  const f = parsed.filters;
  let count = 0;
  for (let i = 0; i < corpus.folded.length; i++) {
    const m = corpus.meta[i]!;
    if (f.outlet.length && !f.outlet.some((o) => fold(m.outlet).includes(o))) continue;
    if (f.from && m.publishedAt < f.from) continue;
    if (f.to && m.publishedAt.slice(0, f.to.length) > f.to) continue;
    const text = corpus.folded[i]!;
    if (needles.every((n) => text.includes(n))) count++;
  }
  return count + terms('').length;
}

export default async function searchBench(): Promise<BenchResults> {
  const sizes = (process.env.SEARCH_BENCH_SIZES ?? '10000,100000').split(',').map(Number).filter((n) => n > 0);
  const dir = await mkdtemp(join(tmpdir(), 'dossier-search-bench-'));
  const out: BenchResults = {};
  try {
    for (const n of sizes) Object.assign(out, await runSize(n, dir));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return out;
}
