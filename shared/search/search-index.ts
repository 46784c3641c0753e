/**
 * An inverted index with positions over articles, highlights, claims, notes, memos, briefs and
 * entities, BM25 ranking, filters, prefix and fuzzy expansion, and a compact binary form for the
 * notebook's cache folder. Pure.
 *
 * Postings live in flat typed arrays (term → range of postings; posting → doc, weighted tf, positions)
 * so an index of 100,000 articles loads as a few arrays plus one JSON header.
 *
 * Incremental updates are segment-based: a `SearchIndex` is one immutable segment, and a
 * `SearchView` searches several as one (a large base plus a small delta of what changed), with
 * tombstones (`dead`) hiding the base's superseded docs. Collection statistics (live doc count,
 * document frequency, average length) are taken over live docs of all segments, so a view ranks
 * exactly as a full rebuild of the same notebook would. `mergeSegments` compacts a view into one
 * segment by a linear walk over the postings, without re-reading or re-tokenising any text.
 * Why segments rather than mutable postings: typed arrays stay flat and fast to search and to
 * write, a change costs work in proportion to the changed article only, and compaction is cheap.
 *
 * The binary form (version 2) stores postings delta- and varint-coded (doc gaps within a term,
 * position gaps within a posting); version 1 (raw 32-bit arrays) is still read.
 */
import { fold, terms as foldedTerms, withinOneEdit } from './fold';
import type { ParsedQuery, QueryWord } from './query';

export type SearchDocKind = 'article' | 'highlight' | 'claim' | 'note' | 'memo' | 'brief' | 'entity';
export const SEARCH_DOC_KINDS: readonly SearchDocKind[] = ['article', 'highlight', 'claim', 'note', 'memo', 'brief', 'entity'];

export interface SearchDocInput {
  kind: SearchDocKind;
  /** The article the doc belongs to; null for memos, briefs and entities. */
  articleId: string | null;
  /** The highlight, claim, memo, brief or entity id; null for an article or its note. */
  id: string | null;
  title: string;
  outlet: string | null;
  publishedAt: string | null;
  /** Tags as stored: ids (resolved to names at query time by SearchOptions.tagName) or names. */
  tags: string[];
  /** Claim status, null otherwise. */
  status: string | null;
  /** Claim kind (or entity type), null otherwise. */
  claimKind: string | null;
  /** Where a highlight or claim sits in Article.text; null otherwise. */
  target: { start: number; end: number } | null;
  /** Short fields ranked above the body (title, outlet, byline, speaker...). */
  header: string[];
  /** The body: Article.text for an article; comment/quote/statement/note text for the others. */
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
  /** The doc's number in the index (or view) searched. */
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

export interface SearchOptions {
  limit?: number;
  offset?: number;
  /** A stored tag value (an id) → its current name; undefined keeps the value. Renames need no re-index. */
  tagName?: (stored: string) => string | undefined;
  /**
   * `entity:NAME` (folded) → the folded names that also count (confirmed aliases). Without it an
   * entity filter matches articles whose text mentions the folded name itself.
   */
  entityAliases?: (foldedName: string) => readonly string[];
}

export const SEARCH_INDEX_VERSION = 2;
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

  get size(): number {
    return this.docs.length;
  }

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
      tags: [...input.tags],
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

export interface Postings {
  termStart: Uint32Array;
  docs: Uint32Array;
  tf: Uint32Array;
  posStart: Uint32Array;
  posCount: Uint32Array;
  positions: Uint32Array;
}

type DocRow = [SearchDocKind, string | null, string | null, string, string | null, string | null, string[], string | null, string | null, number | null, number | null, string | null, number, number];

export class SearchIndexFormatError extends Error {}

/** One immutable segment of the index. */
export class SearchIndex {
  private byLength: Map<number, number[]> | null = null;
  private view: SearchView | null = null;

  constructor(
    readonly fingerprint: string,
    readonly docs: readonly SearchDoc[],
    /** Sorted folded terms. */
    readonly vocab: readonly string[],
    /** The postings; read by SearchView and mergeSegments only. */
    readonly p: Postings,
  ) {}

  get termCount(): number {
    return this.vocab.length;
  }

  get postingCount(): number {
    return this.p.docs.length;
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

  lowerBound(term: string): number {
    let lo = 0;
    let hi = this.vocab.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.vocab[mid]! < term) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  df(termId: number): number {
    return this.p.termStart[termId + 1]! - this.p.termStart[termId]!;
  }

  /** Term ids one edit away from `term`, among terms of length ±1 only (buckets built on first use). */
  fuzzyIds(term: string): number[] {
    if (!this.byLength) {
      const buckets = new Map<number, number[]>();
      this.vocab.forEach((v, i) => {
        let b = buckets.get(v.length);
        if (!b) buckets.set(v.length, (b = []));
        b.push(i);
      });
      this.byLength = buckets;
    }
    const out: number[] = [];
    for (let len = term.length - 1; len <= term.length + 1; len++) {
      for (const t of this.byLength.get(len) ?? []) if (withinOneEdit(term, this.vocab[t]!)) out.push(t);
    }
    return out;
  }

  /** Vocabulary terms a query word stands for, with a weight (exact 1, prefix 0.8, fuzzy 0.6). */
  expand(word: QueryWord): Map<number, number> {
    const out = new Map<number, number>();
    for (const [term, weight] of this.asView().expand(word)) out.set(this.termId(term), weight);
    return out;
  }

  search(query: ParsedQuery, options: SearchOptions = {}): SearchOutcome {
    return this.asView().search(query, options);
  }

  private asView(): SearchView {
    this.view ??= new SearchView([{ index: this, dead: null }]);
    return this.view;
  }

  // ------------------------------------------------------------ binary form

  /** The binary form; `compressed: false` writes version 1 (raw 32-bit arrays), for size comparisons. */
  serialize(options: { compressed?: boolean } = {}): Uint8Array {
    const rows: DocRow[] = this.docs.map((d) => [
      d.kind, d.articleId, d.id, d.title, d.outlet, d.publishedAt, d.tags, d.status, d.claimKind,
      d.target ? d.target.start : null, d.target ? d.target.end : null, d.body, d.bodyStart, d.length,
    ]);
    if (options.compressed === false) {
      const sections = [this.p.termStart, this.p.docs, this.p.tf, this.p.posStart, this.p.posCount, this.p.positions];
      const header = new codec.TextEncoder().encode(
        JSON.stringify({ fingerprint: this.fingerprint, vocab: this.vocab, docs: rows, sections: sections.map((s) => s.length) }),
      );
      const headerPadded = Math.ceil(header.length / 4) * 4;
      const out = new Uint8Array(12 + headerPadded + sections.reduce((n, s) => n + s.byteLength, 0));
      const dv = new DataView(out.buffer);
      dv.setUint32(0, MAGIC, true);
      dv.setUint32(4, 1, true);
      dv.setUint32(8, header.length, true);
      out.set(header, 12);
      let at = 12 + headerPadded;
      for (const s of sections) {
        out.set(new Uint8Array(s.buffer, s.byteOffset, s.byteLength), at);
        at += s.byteLength;
      }
      return out;
    }
    // Version 2: per term its df; per posting the doc gap, tf, position count and position gaps, all varints.
    const { termStart, docs, tf, posStart, posCount, positions } = this.p;
    // No closures here: variables captured by a closure live in a heap context, which made this loop
    // several times slower. Room is checked once per posting (5 bytes per value at most).
    let buf: Uint8Array = new Uint8Array(Math.max(1024, docs.length * 4 + positions.length * 2));
    let at = 0;
    for (let t = 0; t < this.vocab.length; t++) {
      const s = termStart[t]!;
      const e = termStart[t + 1]!;
      if (at + 5 > buf.length) buf = grow(buf, at, 5);
      at = writeVarint(buf, at, e - s);
      let prevDoc = 0;
      for (let i = s; i < e; i++) {
        const c = posCount[i]!;
        if (at + (3 + c) * 5 > buf.length) buf = grow(buf, at, (3 + c) * 5);
        at = writeVarint(buf, at, docs[i]! - prevDoc);
        prevDoc = docs[i]!;
        at = writeVarint(buf, at, tf[i]!);
        at = writeVarint(buf, at, c);
        let prev = 0;
        for (let j = posStart[i]!, end = j + c; j < end; j++) {
          const p = positions[j]!;
          const gap = p - prev;
          if (gap < 0x80) buf[at++] = gap;
          else at = writeVarint(buf, at, gap);
          prev = p;
        }
      }
    }
    const body = buf.subarray(0, at);
    const header = new codec.TextEncoder().encode(
      JSON.stringify({ fingerprint: this.fingerprint, vocab: this.vocab, docs: rows, postings: docs.length, positions: positions.length, bodyBytes: body.length }),
    );
    const out = new Uint8Array(12 + header.length + body.length);
    const dv = new DataView(out.buffer);
    dv.setUint32(0, MAGIC, true);
    dv.setUint32(4, SEARCH_INDEX_VERSION, true);
    dv.setUint32(8, header.length, true);
    out.set(header, 12);
    out.set(body, 12 + header.length);
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
    if (version !== 1 && version !== SEARCH_INDEX_VERSION) bad(`format version ${version}, expected ${SEARCH_INDEX_VERSION}`);
    const headerLen = dv.getUint32(8, true);
    if (12 + headerLen > bytes.length) bad('header runs past the end');
    let header: Record<string, unknown>;
    try {
      header = JSON.parse(new codec.TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(12, 12 + headerLen)));
    } catch (error) {
      return bad(`header is not valid JSON (${(error as Error).message})`);
    }
    const { fingerprint, vocab, docs } = header;
    if (typeof fingerprint !== 'string' || !Array.isArray(vocab) || !Array.isArray(docs)) bad('header is missing fields');
    const v = vocab as string[];
    const rows = docs as DocRow[];
    const parsed: SearchDoc[] = rows.map((r, i) => {
      if (!Array.isArray(r) || r.length !== 14 || !SEARCH_DOC_KINDS.includes(r[0]) || !(typeof r[1] === 'string' || r[1] === null)) bad(`doc ${i} is malformed`);
      return {
        kind: r[0], articleId: r[1], id: r[2], title: r[3], outlet: r[4], publishedAt: r[5], tags: r[6], status: r[7],
        claimKind: r[8], target: r[9] === null || r[10] === null ? null : { start: r[9], end: r[10] }, body: r[11],
        bodyStart: r[12], length: r[13],
      };
    });
    const p = version === 1 ? readV1(bytes, headerLen, header, v, rows.length, bad) : readV2(bytes, headerLen, header, v, rows.length, bad);
    return new SearchIndex(fingerprint as string, parsed, v, p);
  }
}

function grow(buf: Uint8Array, used: number, need: number): Uint8Array {
  const next = new Uint8Array(Math.max(buf.length * 2, used + need));
  next.set(buf.subarray(0, used));
  return next;
}

/** Writes `value` (0 ≤ value < 2^32) as a varint at `at`; returns the next free offset. */
function writeVarint(buf: Uint8Array, at: number, value: number): number {
  let v = value >>> 0;
  while (v >= 0x80) {
    buf[at++] = (v & 0x7f) | 0x80;
    v >>>= 7;
  }
  buf[at++] = v;
  return at;
}

/** Reads a varint at VARINT.at (advancing it); -1 when it runs past `end` or is too long. */
const VARINT = { at: 0 };
function readVarint(bytes: Uint8Array, end: number): number {
  let at = VARINT.at;
  let result = 0;
  for (let shift = 0; shift <= 28; shift += 7) {
    if (at >= end) return -1;
    const b = bytes[at++]!;
    if (shift === 28) {
      if (b > 0x0f) return -1;
      VARINT.at = at;
      return result + b * 0x10000000;
    }
    result |= (b & 0x7f) << shift;
    if (b < 0x80) {
      VARINT.at = at;
      return result;
    }
  }
  return -1;
}

function readV1(bytes: Uint8Array, headerLen: number, header: Record<string, unknown>, v: string[], docCount: number, bad: (why: string) => never): Postings {
  const sections = header.sections;
  if (!Array.isArray(sections) || sections.length !== 6) bad('header is missing fields');
  const lengths = sections as number[];
  let at = 12 + Math.ceil(headerLen / 4) * 4;
  const need = lengths.reduce((n, l) => n + l * 4, 0);
  if (at + need !== bytes.length) bad(`size ${bytes.length} does not match its sections (${at + need})`);
  // Copy into an aligned buffer once: the file's bytes may not sit on a 4-byte boundary.
  const body = new Uint32Array(need / 4);
  new Uint8Array(body.buffer).set(bytes.subarray(at, at + need));
  at = 0;
  const [termStart, docs, tf, posStart, posCount, positions] = lengths.map((l) => {
    const a = body.subarray(at, at + l);
    at += l;
    return a;
  }) as [Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array];
  if (termStart.length !== v.length + 1 || termStart[v.length] !== docs.length) bad('term table does not match the vocabulary');
  if (tf.length !== docs.length || posStart.length !== docs.length || posCount.length !== docs.length) bad('posting arrays differ in length');
  for (let i = 0; i < docs.length; i++) {
    if (docs[i]! >= docCount || posStart[i]! + posCount[i]! > positions.length) bad(`posting ${i} points outside the index`);
  }
  return { termStart, docs, tf, posStart, posCount, positions };
}

function readV2(bytes: Uint8Array, headerLen: number, header: Record<string, unknown>, v: string[], docCount: number, bad: (why: string) => never): Postings {
  const { postings, positions: positionCount, bodyBytes } = header;
  if (typeof postings !== 'number' || typeof positionCount !== 'number' || typeof bodyBytes !== 'number') bad('header is missing fields');
  const start = 12 + headerLen;
  if (start + (bodyBytes as number) !== bytes.length) bad(`size ${bytes.length} does not match its header (${start + (bodyBytes as number)})`);
  const n = postings as number;
  const termStart = new Uint32Array(v.length + 1);
  const docs = new Uint32Array(n);
  const tf = new Uint32Array(n);
  const posStart = new Uint32Array(n);
  const posCount = new Uint32Array(n);
  const positions = new Uint32Array(positionCount as number);
  const end = bytes.length;
  // This loop is the whole cost of loading an index: one-byte values (most gaps) are read inline,
  // longer ones by readVarint; no closures (captured variables would live in a heap context).
  let pi = 0;
  let qi = 0;
  VARINT.at = start;
  for (let t = 0; t < v.length; t++) {
    termStart[t] = pi;
    const df = readVarint(bytes, end);
    if (df < 0 || pi + df > n) bad(`term ${t} has more postings than the header says`);
    let doc = 0;
    for (let k = 0; k < df; k++, pi++) {
      const gap = readVarint(bytes, end);
      const f = readVarint(bytes, end);
      const c = readVarint(bytes, end);
      if (gap < 0 || f < 0 || c < 0) bad('postings run past the end');
      doc += gap;
      if (doc >= docCount || (k > 0 && gap === 0)) bad(`posting ${pi} points outside the index`);
      docs[pi] = doc;
      tf[pi] = f;
      if (qi + c > positions.length) bad(`posting ${pi} has more positions than the header says`);
      posStart[pi] = qi;
      posCount[pi] = c;
      let pos = 0;
      let at = VARINT.at;
      for (let j = 0; j < c; j++) {
        const b = at < end ? bytes[at]! : 0x80;
        if (b < 0x80) {
          at++;
          pos += b;
        } else {
          VARINT.at = at;
          const g = readVarint(bytes, end);
          if (g < 0) bad('postings run past the end');
          at = VARINT.at;
          pos += g;
        }
        positions[qi++] = pos;
      }
      VARINT.at = at;
    }
  }
  const at = VARINT.at;
  termStart[v.length] = pi;
  if (pi !== n || qi !== positions.length || at !== end) bad('postings do not match the header');
  return { termStart, docs, tf, posStart, posCount, positions };
}


export interface SearchSegment {
  index: SearchIndex;
  /** Tombstones: dead[d] = 1 hides doc d of this segment (superseded by a later segment). */
  dead: Uint8Array | null;
}

/**
 * Several segments searched as one. Docs are numbered across segments (the first segment's docs,
 * then the next's...); statistics count live docs only, so ranking equals a rebuild's.
 */
export class SearchView {
  /** Docs in all segments, dead ones included (the range of doc numbers). */
  readonly size: number;
  readonly liveCount: number;
  private readonly bases: number[] = [];
  private readonly avgLength: number;
  private foldedOutlets: (string | null)[];

  constructor(readonly segments: readonly SearchSegment[]) {
    let size = 0;
    let live = 0;
    let total = 0;
    for (const s of segments) {
      this.bases.push(size);
      size += s.index.docs.length;
      s.index.docs.forEach((d, i) => {
        if (s.dead?.[i]) return;
        live++;
        total += d.length;
      });
    }
    this.size = size;
    this.liveCount = live;
    this.avgLength = live ? total / live : 1;
    this.foldedOutlets = new Array<string | null>(size).fill(null);
  }

  doc(n: number): SearchDoc {
    const [s, d] = this.locate(n);
    return this.segments[s]!.index.docs[d]!;
  }

  isLive(n: number): boolean {
    const [s, d] = this.locate(n);
    return !this.segments[s]!.dead?.[d];
  }

  private locate(n: number): [number, number] {
    for (let s = this.segments.length - 1; s >= 0; s--) if (n >= this.bases[s]!) return [s, n - this.bases[s]!];
    throw new RangeError(`doc ${n} is outside the index`);
  }

  /** Postings of a term in one segment that belong to live docs. */
  private liveDf(seg: SearchSegment, t: number): number {
    const { termStart, docs } = seg.index.p;
    if (!seg.dead) return termStart[t + 1]! - termStart[t]!;
    let n = 0;
    for (let i = termStart[t]!, e = termStart[t + 1]!; i < e; i++) if (!seg.dead[docs[i]!]) n++;
    return n;
  }

  /** Live document frequency of a folded term across all segments. */
  df(term: string): number {
    let n = 0;
    for (const seg of this.segments) {
      const t = seg.index.termId(term);
      if (t >= 0) n += this.liveDf(seg, t);
    }
    return n;
  }

  /** Folded terms a query word stands for, with a weight (exact 1, prefix 0.8, fuzzy 0.6). */
  expand(word: QueryWord): Map<string, number> {
    const out = new Map<string, number>();
    if (!word.explicitPrefix && this.df(word.term) > 0) out.set(word.term, 1);
    if (word.prefix) {
      // The most frequent completions first, so a short prefix stays bounded.
      const found = new Map<string, number>();
      for (const seg of this.segments) {
        const { vocab } = seg.index;
        for (let t = seg.index.lowerBound(word.term); t < vocab.length && vocab[t]!.startsWith(word.term); t++) {
          found.set(vocab[t]!, (found.get(vocab[t]!) ?? 0) + seg.index.df(t));
        }
      }
      const ranked = [...found].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
      for (const [term] of ranked.slice(0, MAX_PREFIX_TERMS)) if (!out.has(term) && this.df(term) > 0) out.set(term, 0.8);
    }
    if (out.size === 0 && !word.explicitPrefix && word.term.length >= 5) {
      for (const seg of this.segments) {
        for (const t of seg.index.fuzzyIds(word.term)) {
          const term = seg.index.vocab[t]!;
          if (!out.has(term) && this.df(term) > 0) out.set(term, 0.6);
        }
      }
    }
    return out;
  }

  private idf(df: number): number {
    const N = this.liveCount;
    return Math.log(1 + (N - df + 0.5) / (df + 0.5));
  }

  search(query: ParsedQuery, options: SearchOptions = {}): SearchOutcome {
    const limit = options.limit ?? 20;
    const offset = options.offset ?? 0;
    const warnings = [...query.warnings];
    const matchedTerms = new Set<string>();
    const N = this.size;
    const scores = new Float64Array(N);
    let candidates: Uint8Array | null = null;

    const requireDocs = (hit: Uint8Array): void => {
      if (!candidates) candidates = hit;
      else for (let d = 0; d < N; d++) candidates[d] = candidates[d]! & hit[d]!;
    };

    for (const word of query.words) {
      const hit = new Uint8Array(N);
      for (const [term, weight] of this.expand(word)) {
        matchedTerms.add(term);
        this.scoreTerm(term, weight, scores, hit);
      }
      requireDocs(hit);
    }
    for (const phrase of query.phrases) {
      const hit = new Uint8Array(N);
      let idf = 0;
      for (const t of phrase) idf += this.idf(this.df(t));
      this.phraseDocs(phrase, (d, count) => {
        hit[d] = 1;
        scores[d]! += 2 * idf * ((count * (BM25_K1 + 1)) / (count + BM25_K1));
      });
      for (const t of phrase) matchedTerms.add(t);
      requireDocs(hit);
    }
    const f = query.filters;
    const entityArticles = f.entity.length ? this.entityArticles(f.entity, options.entityAliases) : null;
    const tagCache = new Map<string, string>();
    const foldTag = (stored: string): string => {
      let folded = tagCache.get(stored);
      if (folded === undefined) tagCache.set(stored, (folded = foldedTerms(options.tagName?.(stored) ?? stored).join(' ')));
      return folded;
    };
    const hits: SearchHit[] = [];
    const anyText = query.words.length + query.phrases.length > 0;
    const cand = candidates as Uint8Array | null;
    const kinds = f.kind;
    if (!anyText && !(f.outlet.length || f.kind.length || f.tag.length || f.status.length || f.entity.length || f.from || f.to)) {
      return { hits: [], total: 0, matchedTerms, phrases: query.phrases, warnings };
    }
    for (let s = 0; s < this.segments.length; s++) {
      const seg = this.segments[s]!;
      const base = this.bases[s]!;
      const docs = seg.index.docs;
      for (let i = 0; i < docs.length; i++) {
        const d = base + i;
        if (anyText && !cand![d]) continue;
        if (seg.dead?.[i]) continue;
        const doc = docs[i]!;
        if (kinds.length && !kinds.some((k) => k === doc.kind || k === doc.claimKind)) continue;
        if (f.status.length && !f.status.includes(doc.status ?? '')) continue;
        if (f.outlet.length && !f.outlet.some((o) => this.foldedOutlet(d, doc).includes(o))) continue;
        if (f.tag.length && !f.tag.some((t) => doc.tags.some((x) => foldTag(x) === t))) continue;
        if (f.from && !(doc.publishedAt && doc.publishedAt.slice(0, f.from.length) >= f.from)) continue;
        if (f.to && !(doc.publishedAt && doc.publishedAt.slice(0, f.to.length) <= f.to)) continue;
        if (entityArticles && !(doc.articleId !== null && entityArticles.has(doc.articleId))) continue;
        hits.push({ doc: d, score: scores[d]! });
      }
    }
    return { hits: topK(hits, offset + limit).slice(offset), total: hits.length, matchedTerms, phrases: query.phrases, warnings };
  }

  private foldedOutlet(d: number, doc: SearchDoc): string {
    let o = this.foldedOutlets[d];
    if (o === null || o === undefined) this.foldedOutlets[d] = o = fold(doc.outlet ?? '');
    return o;
  }

  /**
   * Articles whose text (or title) mentions any of the entities: the folded name as a phrase, or any
   * alias the provider gives for it.
   */
  private entityArticles(names: readonly string[], aliases: SearchOptions['entityAliases']): Set<string> {
    const out = new Set<string>();
    for (const name of names) {
      const spellings = new Set([name, ...(aliases?.(name) ?? []).map((a) => foldedTerms(a).join(' '))]);
      for (const spelling of spellings) {
        const words = spelling.split(' ').filter(Boolean);
        if (words.length === 0) continue;
        this.phraseDocs(words, (d) => {
          const doc = this.doc(d);
          if (doc.kind === 'article' && doc.articleId) out.add(doc.articleId);
        });
      }
    }
    return out;
  }

  private scoreTerm(term: string, weight: number, scores: Float64Array, hit: Uint8Array): void {
    const df = this.df(term);
    if (df === 0) return;
    const idf = this.idf(df);
    for (let s = 0; s < this.segments.length; s++) {
      const seg = this.segments[s]!;
      const t = seg.index.termId(term);
      if (t < 0) continue;
      const base = this.bases[s]!;
      const dead = seg.dead;
      const { termStart, docs, tf } = seg.index.p;
      const segDocs = seg.index.docs;
      for (let i = termStart[t]!, e = termStart[t + 1]!; i < e; i++) {
        const d = docs[i]!;
        if (dead?.[d]) continue;
        const f = tf[i]!;
        const len = segDocs[d]!.length;
        scores[base + d]! += weight * idf * ((f * (BM25_K1 + 1)) / (f + BM25_K1 * (1 - BM25_B + (BM25_B * len) / this.avgLength)));
        hit[base + d] = 1;
      }
    }
  }

  /** Calls `found(doc, occurrences)` for each live doc where the phrase's terms occur at consecutive positions. */
  private phraseDocs(phrase: readonly string[], found: (doc: number, count: number) => void): void {
    for (let s = 0; s < this.segments.length; s++) {
      const seg = this.segments[s]!;
      const ids = phrase.map((t) => seg.index.termId(t));
      if (ids.some((id) => id < 0)) continue;
      const { termStart, docs, posStart, posCount, positions } = seg.index.p;
      // Walk the first term's postings; look the others up per doc (postings are in doc order).
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
      const first = lists[0]!;
      for (let i = first.s; i < first.e; i++) {
        const d = docs[i]!;
        if (seg.dead?.[d]) continue;
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
        if (count > 0) found(this.bases[s]! + d, count);
      }
    }
  }
}

/**
 * Compacts segments into one: live docs in segment order, postings merged term by term (a k-way walk
 * over the sorted vocabularies), positions copied. Nothing is re-tokenised.
 */
export function mergeSegments(segments: readonly SearchSegment[], fingerprint: string): SearchIndex {
  const remap = segments.map((s) => new Int32Array(s.index.docs.length).fill(-1));
  const docs: SearchDoc[] = [];
  segments.forEach((s, si) => {
    s.index.docs.forEach((d, i) => {
      if (s.dead?.[i]) return;
      remap[si]![i] = docs.length;
      docs.push(d);
    });
  });
  const vocab: string[] = [];
  const termStart = new GrowableU32();
  const pDocs = new GrowableU32();
  const pTf = new GrowableU32();
  const pPosStart = new GrowableU32();
  const pPosCount = new GrowableU32();
  const positions = new GrowableU32();
  const cursors = segments.map(() => 0);
  for (;;) {
    // The smallest term not yet merged, across segments.
    let term: string | null = null;
    segments.forEach((s, si) => {
      const v = s.index.vocab[cursors[si]!];
      if (v !== undefined && (term === null || v < term)) term = v;
    });
    if (term === null) break;
    const before = pDocs.length;
    segments.forEach((s, si) => {
      const t = cursors[si]!;
      if (s.index.vocab[t] !== term) return;
      cursors[si] = t + 1;
      const p = s.index.p;
      const map = remap[si]!;
      for (let i = p.termStart[t]!, e = p.termStart[t + 1]!; i < e; i++) {
        const nd = map[p.docs[i]!]!;
        if (nd < 0) continue;
        pDocs.push(nd);
        pTf.push(p.tf[i]!);
        pPosStart.push(positions.length);
        pPosCount.push(p.posCount[i]!);
        for (let j = p.posStart[i]!, end = j + p.posCount[i]!; j < end; j++) positions.push(p.positions[j]!);
      }
    });
    // Terms left only in dead docs drop out of the vocabulary.
    if (pDocs.length > before) {
      termStart.push(before);
      vocab.push(term);
    }
  }
  termStart.push(pDocs.length);
  return new SearchIndex(fingerprint, docs, vocab, {
    termStart: termStart.view().slice(),
    docs: pDocs.view().slice(),
    tf: pTf.view().slice(),
    posStart: pPosStart.view().slice(),
    posCount: pPosCount.view().slice(),
    positions: positions.view().slice(),
  });
}
