/**
 * An inverted index with positions over articles, highlights and claims, BM25 ranking, filters,
 * prefix and fuzzy expansion, and a compact binary form for the notebook's cache folder. Pure.
 *
 * Postings live in flat typed arrays (term → range of postings; posting → doc, weighted tf, positions)
 * so an index of 100,000 articles loads as a few array views plus one JSON header.
 */
import { fold, terms as foldedTerms, withinOneEdit } from './fold';
import type { ParsedQuery, QueryWord } from './query';

export type SearchDocKind = 'article' | 'highlight' | 'claim';

export interface SearchDocInput {
  kind: SearchDocKind;
  articleId: string;
  /** The highlight or claim id; null for an article. */
  id: string | null;
  title: string;
  outlet: string | null;
  publishedAt: string | null;
  /** Tag names (any case; folded here). */
  tags: string[];
  /** Claim status, null otherwise. */
  status: string | null;
  /** Claim kind, null otherwise. */
  claimKind: string | null;
  /** Where a highlight or claim sits in Article.text; null for an article. */
  target: { start: number; end: number } | null;
  /** Short fields ranked above the body (title, outlet, byline, speaker...). */
  header: string[];
  /** The body: Article.text for an article; comment/quote/statement for the others. */
  body: string;
  /** Keep the body in the index for snippets (small records); articles' bodies stay in the store. */
  keepBody: boolean;
}

/** What the index keeps of a doc (no article bodies): the input's fields, less what only building needs. */
export interface SearchDoc extends Omit<SearchDocInput, 'header' | 'body' | 'keepBody'> {
  /** Body text kept for snippets, or null (fetch Article.text). */
  body: string | null;
  /** First position of the body: positions before it are header words. */
  bodyStart: number;
  /** Token count, for BM25 length normalisation. */
  length: number;
}

export interface SearchHit {
  doc: number;
  score: number;
}

export interface SearchOutcome {
  hits: SearchHit[];
  /** Total matching docs (hits is cut to the limit). */
  total: number;
  /** Folded vocabulary terms the query matched (after prefix/fuzzy expansion), for highlighting. */
  matchedTerms: Set<string>;
  phrases: string[][];
  warnings: string[];
}

export const SEARCH_INDEX_VERSION = 1;
// Every runtime Dossier runs in (Node, Chromium) has these; shared/ compiles without DOM or Node types.
const codec = globalThis as unknown as {
  TextEncoder: new () => { encode(text: string): Uint8Array };
  TextDecoder: new (label: string, options: { fatal: boolean }) => { decode(bytes: Uint8Array): string };
};
const MAGIC = 0x58495344; // "DSIX" little-endian
const HEADER_WEIGHT = 3;
/** Positions between fields so a phrase never spans two fields. */
const FIELD_GAP = 16;
const MAX_PREFIX_TERMS = 256;
const BM25_K1 = 1.2;
const BM25_B = 0.75;

class GrowableU32 {
  data = new Uint32Array(1024);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Uint32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  view(): Uint32Array {
    return this.data.subarray(0, this.length);
  }
}

/** Collects docs and freezes them into a SearchIndex. */
export class SearchIndexBuilder {
  private readonly docs: SearchDoc[] = [];
  private readonly termIds = new Map<string, number>();
  private readonly termNames: string[] = [];
  // Postings in doc order: term id, doc, weighted tf, position start, position count.
  private readonly pTerm = new GrowableU32();
  private readonly pDoc = new GrowableU32();
  private readonly pTf = new GrowableU32();
  private readonly pPosStart = new GrowableU32();
  private readonly pPosCount = new GrowableU32();
  private readonly positions = new GrowableU32();

  add(input: SearchDocInput): number {
    const docIdx = this.docs.length;
    const perTerm = new Map<number, number[]>();
    let pos = 0;
    const addField = (text: string): void => {
      for (const term of foldedTerms(text)) {
        let id = this.termIds.get(term);
        if (id === undefined) {
          id = this.termNames.length;
          this.termIds.set(term, id);
          this.termNames.push(term);
        }
        let list = perTerm.get(id);
        if (!list) perTerm.set(id, (list = []));
        list.push(pos++);
      }
      pos += FIELD_GAP;
    };
    for (const h of input.header) addField(h);
    const bodyStart = pos;
    addField(input.body);
    for (const [termId, list] of perTerm) {
      let tf = 0;
      for (const p of list) tf += p < bodyStart ? HEADER_WEIGHT : 1;
      this.pTerm.push(termId);
      this.pDoc.push(docIdx);
      this.pTf.push(tf);
      this.pPosStart.push(this.positions.length);
      this.pPosCount.push(list.length);
      for (const p of list) this.positions.push(p);
    }
    this.docs.push({
      kind: input.kind,
      articleId: input.articleId,
      id: input.id,
      title: input.title,
      outlet: input.outlet,
      publishedAt: input.publishedAt,
      tags: input.tags.map((t) => foldedTerms(t).join(' ')),
      status: input.status,
      claimKind: input.claimKind,
      target: input.target,
      body: input.keepBody ? input.body : null,
      bodyStart,
      length: Math.max(1, pos - (input.header.length + 1) * FIELD_GAP),
    });
    return docIdx;
  }

  finish(fingerprint: string): SearchIndex {
    // Sort the vocabulary so prefixes are a binary search; regroup postings by term (counting sort).
    const order = this.termNames.map((_, i) => i).sort((a, b) => (this.termNames[a]! < this.termNames[b]! ? -1 : 1));
    const rank = new Uint32Array(order.length);
    order.forEach((old, i) => (rank[old] = i));
    const n = this.pDoc.length;
    const termStart = new Uint32Array(order.length + 1);
    const pTerm = this.pTerm.view();
    for (let i = 0; i < n; i++) termStart[rank[pTerm[i]!]! + 1]!++;
    for (let t = 0; t < order.length; t++) termStart[t + 1]! += termStart[t]!;
    const fill = termStart.slice(0, order.length);
    const docs = new Uint32Array(n);
    const tf = new Uint32Array(n);
    const posStart = new Uint32Array(n);
    const posCount = new Uint32Array(n);
    const srcDoc = this.pDoc.view();
    const srcTf = this.pTf.view();
    const srcPs = this.pPosStart.view();
    const srcPc = this.pPosCount.view();
    for (let i = 0; i < n; i++) {
      const at = fill[rank[pTerm[i]!]!]!++;
      docs[at] = srcDoc[i]!;
      tf[at] = srcTf[i]!;
      posStart[at] = srcPs[i]!;
      posCount[at] = srcPc[i]!;
    }
    const vocab = order.map((i) => this.termNames[i]!);
    return new SearchIndex(fingerprint, this.docs, vocab, { termStart, docs, tf, posStart, posCount, positions: this.positions.view().slice() });
  }
}

const better = (a: SearchHit, b: SearchHit): boolean => a.score > b.score || (a.score === b.score && a.doc < b.doc);

/** The k best hits, best first, without sorting them all (a bounded min-heap). */
function topK(hits: SearchHit[], k: number): SearchHit[] {
  if (hits.length <= k * 4) return hits.sort((a, b) => (better(a, b) ? -1 : better(b, a) ? 1 : 0)).slice(0, k);
  const heap: SearchHit[] = [];
  const down = (i: number): void => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && better(heap[m]!, heap[l]!)) m = l;
      if (r < heap.length && better(heap[m]!, heap[r]!)) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m]!, heap[i]!];
      i = m;
    }
  };
  for (const h of hits) {
    if (heap.length < k) {
      heap.push(h);
      for (let i = heap.length - 1; i > 0; ) {
        const p = (i - 1) >> 1;
        if (!better(heap[p]!, heap[i]!)) break;
        [heap[i], heap[p]] = [heap[p]!, heap[i]!];
        i = p;
      }
    } else if (k > 0 && better(h, heap[0]!)) {
      heap[0] = h;
      down(0);
    }
  }
  return heap.sort((a, b) => (better(a, b) ? -1 : better(b, a) ? 1 : 0));
}

interface Postings {
  termStart: Uint32Array;
  docs: Uint32Array;
  tf: Uint32Array;
  posStart: Uint32Array;
  posCount: Uint32Array;
  positions: Uint32Array;
}

type DocRow = [SearchDocKind, string, string | null, string, string | null, string | null, string[], string | null, string | null, number | null, number | null, string | null, number, number];

export class SearchIndexFormatError extends Error {}

export class SearchIndex {
  private readonly avgLength: number;
  private byLength: Map<number, number[]> | null = null;

  constructor(
    readonly fingerprint: string,
    readonly docs: readonly SearchDoc[],
    /** Sorted folded terms. */
    readonly vocab: readonly string[],
    private readonly p: Postings,
  ) {
    let total = 0;
    for (const d of docs) total += d.length;
    this.avgLength = docs.length ? total / docs.length : 1;
  }

  get termCount(): number {
    return this.vocab.length;
  }

  termId(term: string): number {
    let lo = 0;
    let hi = this.vocab.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const v = this.vocab[mid]!;
      if (v === term) return mid;
      if (v < term) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  private lowerBound(term: string): number {
    let lo = 0;
    let hi = this.vocab.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.vocab[mid]! < term) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private df(termId: number): number {
    return this.p.termStart[termId + 1]! - this.p.termStart[termId]!;
  }

  /** Vocabulary terms a query word stands for, with a weight (exact 1, prefix 0.8, fuzzy 0.6). */
  expand(word: QueryWord): Map<number, number> {
    const out = new Map<number, number>();
    const exact = word.explicitPrefix ? -1 : this.termId(word.term);
    if (exact >= 0) out.set(exact, 1);
    if (word.prefix) {
      // The most frequent completions first, so a short prefix stays bounded.
      const from = this.lowerBound(word.term);
      const found: number[] = [];
      for (let t = from; t < this.vocab.length && this.vocab[t]!.startsWith(word.term); t++) found.push(t);
      found.sort((a, b) => this.df(b) - this.df(a));
      for (const t of found.slice(0, MAX_PREFIX_TERMS)) if (!out.has(t)) out.set(t, 0.8);
    }
    if (out.size === 0 && !word.explicitPrefix && word.term.length >= 5) {
      for (const t of this.fuzzy(word.term)) out.set(t, 0.6);
    }
    return out;
  }

  /** Terms one edit away, looked up among terms of length ±1 only (buckets built on first use). */
  private fuzzy(term: string): number[] {
    if (!this.byLength) {
      this.byLength = new Map();
      this.vocab.forEach((v, i) => {
        let b = this.byLength!.get(v.length);
        if (!b) this.byLength!.set(v.length, (b = []));
        b.push(i);
      });
    }
    const out: number[] = [];
    for (let len = term.length - 1; len <= term.length + 1; len++) {
      for (const t of this.byLength.get(len) ?? []) if (withinOneEdit(term, this.vocab[t]!)) out.push(t);
    }
    return out;
  }

  search(query: ParsedQuery, options: { limit?: number; offset?: number } = {}): SearchOutcome {
    const limit = options.limit ?? 20;
    const offset = options.offset ?? 0;
    const warnings = [...query.warnings];
    if (query.filters.entity.length > 0) warnings.push('entity: filters are not supported yet; ignored.');
    const matchedTerms = new Set<string>();
    const N = this.docs.length;
    const scores = new Float64Array(N);
    let candidates: Uint8Array | null = null;

    const requireDocs = (hit: Uint8Array): void => {
      if (!candidates) candidates = hit;
      else for (let d = 0; d < N; d++) candidates[d] = candidates[d]! & hit[d]!;
    };

    for (const word of query.words) {
      const expansion = this.expand(word);
      const hit = new Uint8Array(N);
      for (const [t, weight] of expansion) {
        matchedTerms.add(this.vocab[t]!);
        this.scoreTerm(t, weight, scores, hit);
      }
      requireDocs(hit);
    }
    for (const phrase of query.phrases) {
      const hit = this.phraseDocs(phrase, scores);
      for (const t of phrase) matchedTerms.add(t);
      requireDocs(hit);
    }
    const hits: SearchHit[] = [];
    const anyText = query.words.length + query.phrases.length > 0;
    const cand = candidates as Uint8Array | null;
    const f = query.filters;
    const kinds = f.kind;
    for (let d = 0; d < N; d++) {
      if (anyText && !cand![d]) continue;
      const doc = this.docs[d]!;
      if (kinds.length && !kinds.some((k) => k === doc.kind || k === doc.claimKind)) continue;
      if (f.status.length && !f.status.includes(doc.status ?? '')) continue;
      if (f.outlet.length && !f.outlet.some((o) => this.foldedOutlet(d).includes(o))) continue;
      if (f.tag.length && !f.tag.some((t) => doc.tags.includes(t))) continue;
      if (f.from && !(doc.publishedAt && doc.publishedAt.slice(0, f.from.length) >= f.from)) continue;
      if (f.to && !(doc.publishedAt && doc.publishedAt.slice(0, f.to.length) <= f.to)) continue;
      hits.push({ doc: d, score: scores[d]! });
    }
    if (!anyText && !(f.outlet.length || f.kind.length || f.tag.length || f.status.length || f.from || f.to)) {
      return { hits: [], total: 0, matchedTerms, phrases: query.phrases, warnings };
    }
    return { hits: topK(hits, offset + limit).slice(offset), total: hits.length, matchedTerms, phrases: query.phrases, warnings };
  }

  private foldedOutlets: string[] | null = null;
  private foldedOutlet(d: number): string {
    this.foldedOutlets ??= this.docs.map((doc) => fold(doc.outlet ?? ''));
    return this.foldedOutlets[d]!;
  }

  private scoreTerm(t: number, weight: number, scores: Float64Array, hit: Uint8Array): void {
    const { termStart, docs, tf } = this.p;
    const s = termStart[t]!;
    const e = termStart[t + 1]!;
    const N = this.docs.length;
    const idf = Math.log(1 + (N - (e - s) + 0.5) / (e - s + 0.5));
    for (let i = s; i < e; i++) {
      const d = docs[i]!;
      const f = tf[i]!;
      const len = this.docs[d]!.length;
      scores[d]! += weight * idf * ((f * (BM25_K1 + 1)) / (f + BM25_K1 * (1 - BM25_B + (BM25_B * len) / this.avgLength)));
      hit[d] = 1;
    }
  }

  /** Docs where the phrase's terms occur at consecutive positions; each occurrence adds to the score. */
  private phraseDocs(phrase: string[], scores: Float64Array): Uint8Array {
    const hit = new Uint8Array(this.docs.length);
    const ids = phrase.map((t) => this.termId(t));
    if (ids.some((id) => id < 0)) return hit;
    const { termStart, docs, posStart, posCount, positions } = this.p;
    // Walk the rarest term's postings; look the others up per doc (postings are in doc order).
    const lists = ids.map((id) => ({ s: termStart[id]!, e: termStart[id + 1]! }));
    const findPosting = (k: number, d: number): number => {
      let lo = lists[k]!.s;
      let hi = lists[k]!.e - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const v = docs[mid]!;
        if (v === d) return mid;
        if (v < d) lo = mid + 1;
        else hi = mid - 1;
      }
      return -1;
    };
    const N = this.docs.length;
    let idf = 0;
    for (const l of lists) idf += Math.log(1 + (N - (l.e - l.s) + 0.5) / (l.e - l.s + 0.5));
    const first = lists[0]!;
    for (let i = first.s; i < first.e; i++) {
      const d = docs[i]!;
      const others: number[] = [];
      for (let k = 1; k < lists.length; k++) {
        const o = findPosting(k, d);
        if (o < 0) break;
        others.push(o);
      }
      if (others.length !== lists.length - 1) continue;
      // Positions are ascending within a posting: walk every list once with a cursor each.
      const cursors = others.map((o) => posStart[o]!);
      let count = 0;
      for (let j = posStart[i]!; j < posStart[i]! + posCount[i]!; j++) {
        const p0 = positions[j]!;
        let all = true;
        for (let k = 0; k < others.length; k++) {
          const o = others[k]!;
          const end = posStart[o]! + posCount[o]!;
          let c = cursors[k]!;
          while (c < end && positions[c]! < p0 + k + 1) c++;
          cursors[k] = c;
          if (c >= end || positions[c] !== p0 + k + 1) {
            all = false;
            break;
          }
        }
        if (all) count++;
      }
      if (count > 0) {
        hit[d] = 1;
        scores[d]! += 2 * idf * ((count * (BM25_K1 + 1)) / (count + BM25_K1));
      }
    }
    return hit;
  }

  // ------------------------------------------------------------ binary form

  serialize(): Uint8Array {
    const rows: DocRow[] = this.docs.map((d) => [
      d.kind, d.articleId, d.id, d.title, d.outlet, d.publishedAt, d.tags, d.status, d.claimKind,
      d.target ? d.target.start : null, d.target ? d.target.end : null, d.body, d.bodyStart, d.length,
    ]);
    const sections = [this.p.termStart, this.p.docs, this.p.tf, this.p.posStart, this.p.posCount, this.p.positions];
    const header = new codec.TextEncoder().encode(
      JSON.stringify({ fingerprint: this.fingerprint, vocab: this.vocab, docs: rows, sections: sections.map((s) => s.length) }),
    );
    const headerPadded = Math.ceil(header.length / 4) * 4;
    const total = 12 + headerPadded + sections.reduce((n, s) => n + s.byteLength, 0);
    const out = new Uint8Array(total);
    const dv = new DataView(out.buffer);
    dv.setUint32(0, MAGIC, true);
    dv.setUint32(4, SEARCH_INDEX_VERSION, true);
    dv.setUint32(8, header.length, true);
    out.set(header, 12);
    let at = 12 + headerPadded;
    for (const s of sections) {
      out.set(new Uint8Array(s.buffer, s.byteOffset, s.byteLength), at);
      at += s.byteLength;
    }
    return out;
  }

  /** Reads an index written by serialize(); throws SearchIndexFormatError on anything unexpected. */
  static deserialize(bytes: Uint8Array): SearchIndex {
    const bad = (why: string): never => {
      throw new SearchIndexFormatError(`search index is unreadable: ${why}`);
    };
    if (bytes.length < 12) bad('too short');
    const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (dv.getUint32(0, true) !== MAGIC) bad('not a Dossier search index');
    const version = dv.getUint32(4, true);
    if (version !== SEARCH_INDEX_VERSION) bad(`format version ${version}, expected ${SEARCH_INDEX_VERSION}`);
    const headerLen = dv.getUint32(8, true);
    if (12 + headerLen > bytes.length) bad('header runs past the end');
    let header: { fingerprint: unknown; vocab: unknown; docs: unknown; sections: unknown };
    try {
      header = JSON.parse(new codec.TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(12, 12 + headerLen)));
    } catch (error) {
      return bad(`header is not valid JSON (${(error as Error).message})`);
    }
    const { fingerprint, vocab, docs, sections } = header;
    if (typeof fingerprint !== 'string' || !Array.isArray(vocab) || !Array.isArray(docs) || !Array.isArray(sections) || sections.length !== 6) {
      bad('header is missing fields');
    }
    const lengths = sections as number[];
    let at = 12 + Math.ceil(headerLen / 4) * 4;
    const need = lengths.reduce((n, l) => n + l * 4, 0);
    if (at + need !== bytes.length) bad(`size ${bytes.length} does not match its sections (${at + need})`);
    // Copy into an aligned buffer once: the file's bytes may not sit on a 4-byte boundary.
    const body = new Uint32Array(need / 4);
    new Uint8Array(body.buffer).set(bytes.subarray(at, at + need));
    at = 0;
    const arrays = lengths.map((l) => {
      const a = body.subarray(at, at + l);
      at += l;
      return a;
    }) as [Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array];
    const [termStart, pDocs, tf, posStart, posCount, positions] = arrays;
    const v = vocab as string[];
    const rows = docs as DocRow[];
    if (termStart.length !== v.length + 1 || termStart[v.length] !== pDocs.length) bad('term table does not match the vocabulary');
    if (tf.length !== pDocs.length || posStart.length !== pDocs.length || posCount.length !== pDocs.length) bad('posting arrays differ in length');
    for (let i = 0; i < pDocs.length; i++) {
      if (pDocs[i]! >= rows.length || posStart[i]! + posCount[i]! > positions.length) bad(`posting ${i} points outside the index`);
    }
    const parsed: SearchDoc[] = rows.map((r, i) => {
      if (!Array.isArray(r) || r.length !== 14 || typeof r[1] !== 'string') bad(`doc ${i} is malformed`);
      return {
        kind: r[0], articleId: r[1], id: r[2], title: r[3], outlet: r[4], publishedAt: r[5], tags: r[6], status: r[7],
        claimKind: r[8], target: r[9] === null || r[10] === null ? null : { start: r[9], end: r[10] }, body: r[11],
        bodyStart: r[12], length: r[13],
      };
    });
    return new SearchIndex(fingerprint as string, parsed, v, { termStart, docs: pDocs, tf, posStart, posCount, positions });
  }
}


