/// <reference types="vite/client" />
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_NUM_HASHES,
  estimateSimilarity,
  NEAR_DUPLICATE_THRESHOLD,
  NearDuplicateIndex,
  shingleSignature,
  shingleWords,
  signatureFromString,
  signatureToString,
} from './similarity';

const samples = import.meta.glob<string>('../../resources/sample/0*.{txt,md}', { query: '?raw', import: 'default', eager: true });
function sample(prefix: string): string {
  const entry = Object.entries(samples).find(([path]) => path.slice(path.lastIndexOf('/') + 1).startsWith(prefix));
  if (!entry) throw new Error(`Sample ${prefix} is missing from resources/sample`);
  return entry[1];
}

const wire = sample('01-');
const retold = sample('02-');

/** The wire story as a syndicating outlet prints it: new headline and byline, a few words changed, an ad line. */
function syndicatedCopy(text: string): string {
  const lines = text.split('\n');
  lines[0] = 'Seimas backs bigger Klaipeda gas terminal';
  lines[1] = 'By Staff | Baltic Morning Post';
  lines[3] = 'URL: https://balticmorningpost.example/energy/seimas-terminal';
  return (
    lines
      .join('\n')
      .replace('after a debate that ran for more than five hours', 'after a debate of over five hours')
      .replace('welcomed the vote', 'praised the vote')
      .replace('Environmental groups said', 'Green groups said')
      .replace('interrupted twice', 'interrupted two times') + '\nADVERTISEMENT: Subscribe to the Morning Post energy newsletter today\n'
  );
}

/** Deterministic pseudo-random articles from an invented vocabulary. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const syllables = ['ka', 'lo', 'mer', 'vis', 'tan', 'ro', 'shi', 'du', 'pel', 'na', 'gor', 'ti', 'bes', 'al', 'ur', 'zen'];
function randomArticles(count: number, seed: number): string[] {
  const rand = mulberry32(seed);
  const vocabulary = Array.from({ length: 4000 }, () => Array.from({ length: 2 + Math.floor(rand() * 3) }, () => syllables[Math.floor(rand() * syllables.length)]).join(''));
  // A few very common words, as in real text, so that articles share some shingles by chance.
  const common = ['the', 'of', 'and', 'to', 'in', 'a', 'said', 'on', 'that', 'for'];
  return Array.from({ length: count }, () => {
    const words: string[] = [];
    const n = 250 + Math.floor(rand() * 300);
    for (let i = 0; i < n; i++) words.push(rand() < 0.35 ? common[Math.floor(rand() * common.length)]! : vocabulary[Math.floor(rand() * vocabulary.length)]!);
    return words.join(' ');
  });
}

function trueJaccard(a: string, b: string, size = 5): number {
  const set = (t: string): Set<string> => {
    const w = shingleWords(t);
    const out = new Set<string>();
    for (let i = 0; i + size <= w.length; i++) out.add(w.slice(i, i + size).join(' '));
    return out;
  };
  const sa = set(a);
  const sb = set(b);
  let inter = 0;
  for (const x of sa) if (sb.has(x)) inter++;
  return inter / (sa.size + sb.size - inter);
}

describe('shingleSignature and estimateSimilarity', () => {
  it('gives an exact copy 1.0', () => {
    expect(estimateSimilarity(shingleSignature(wire), shingleSignature(String(wire)))).toBe(1);
  });

  it('keeps a syndicated copy with a new headline, small edits and an ad line above the threshold', () => {
    const copy = syndicatedCopy(wire);
    expect(copy).not.toBe(wire);
    const similarity = estimateSimilarity(shingleSignature(wire), shingleSignature(copy));
    expect(similarity).toBeGreaterThanOrEqual(NEAR_DUPLICATE_THRESHOLD);
    expect(similarity).toBeGreaterThan(0.7);
  });

  it('keeps the same wire story retold by another outlet below the threshold', () => {
    const similarity = estimateSimilarity(shingleSignature(wire), shingleSignature(retold));
    expect(similarity).toBeLessThan(0.2);
    // It shares the minister's quotation word for word, so it is not zero either.
    expect(trueJaccard(wire, retold)).toBeGreaterThan(0);
  });

  it('scores unrelated articles near zero', () => {
    for (const other of ['06-', '07-', '08-']) {
      expect(estimateSimilarity(shingleSignature(wire), shingleSignature(sample(other)))).toBeLessThan(0.05);
    }
  });

  it('folds case, diacritics and punctuation', () => {
    const plain = wire.normalize('NFD').replace(/\p{M}+/gu, '').toUpperCase().replace(/[,."]/gu, ' ; ');
    expect(estimateSimilarity(shingleSignature(wire), shingleSignature(plain))).toBe(1);
    expect(shingleWords('Łódź, Øresund — STRAßE!')).toEqual(['lodz', 'oresund', 'strasse']);
    // Decomposed input, Greek final sigma and astral letters fold like their composed forms.
    expect(shingleWords('Nause\u0301da ΟΔΟΣ οδος 𝐀b')).toEqual(['nauseda', 'οδοσ', 'οδοσ', '𝐀b']);
  });

  it('estimates the true shingle Jaccard closely', () => {
    const copy = syndicatedCopy(wire);
    for (const [a, b] of [
      [wire, copy],
      [wire, wire.slice(0, Math.floor(wire.length / 2))],
      [wire, retold],
    ] as const) {
      expect(Math.abs(estimateSimilarity(shingleSignature(a), shingleSignature(b)) - trueJaccard(a, b))).toBeLessThan(0.1);
    }
  });

  it('estimates Jaccard with the error MinHash theory allows, over many pairs', () => {
    // 120 pairs of random articles with 0-30% of words replaced, J spread from about 0 to 1:
    // the root-mean-square error of 128 slots should stay near sqrt(J(1-J)/128) <= 0.044.
    const rand = mulberry32(3);
    const bases = randomArticles(120, 21);
    let squared = 0;
    for (const base of bases) {
      const rate = rand() * 0.3;
      const edited = base
        .split(' ')
        .map((w) => (rand() < rate ? `edit${Math.floor(rand() * 1e6)}` : w))
        .join(' ');
      const error = estimateSimilarity(shingleSignature(base), shingleSignature(edited)) - trueJaccard(base, edited);
      squared += error * error;
    }
    expect(Math.sqrt(squared / bases.length)).toBeLessThan(0.05);
  });

  it('is deterministic across runs: fixed seeds, so stored signatures stay valid', () => {
    // Golden value of the one-permutation signature (changed deliberately with the method in
    // import index version 2; a change here means stored signatures must be rebuilt).
    expect(signatureToString(shingleSignature('The quick brown fox jumps over the lazy dog', { numHashes: 4 }))).toBe('a0680b1a26c7019426c70194b79a6139');
    expect(shingleSignature(wire)).toEqual(shingleSignature(wire));
    expect(shingleSignature(wire)).toHaveLength(DEFAULT_NUM_HASHES);
  });

  it('handles short and empty texts', () => {
    const short = shingleSignature('Port strike ends');
    expect(estimateSimilarity(short, shingleSignature('port STRIKE ends.'))).toBe(1);
    expect(estimateSimilarity(short, shingleSignature('Port strike continues'))).toBe(0);
    const empty = shingleSignature(' — ... ');
    expect(estimateSimilarity(empty, empty)).toBe(0);
    expect(estimateSimilarity(empty, short)).toBe(0);
  });

  it('refuses signatures of different lengths and bad options', () => {
    expect(() => estimateSimilarity(shingleSignature(wire), shingleSignature(wire, { numHashes: 64 }))).toThrow(/different options/u);
    expect(() => shingleSignature(wire, { numHashes: 0 })).toThrow(RangeError);
    expect(() => shingleSignature(wire, { shingleSize: 1.5 })).toThrow(RangeError);
  });

  it('round-trips signatures through their stored string form', () => {
    const sig = shingleSignature(wire);
    expect(signatureFromString(signatureToString(sig))).toEqual(sig);
    expect(() => signatureFromString('xyz')).toThrow(/hex/u);
  });

  it('is symmetric, bounded and 1 on itself for any text with words', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.string({ maxLength: 200 }), (a, b) => {
        const sa = shingleSignature(a, { numHashes: 32 });
        const sb = shingleSignature(b, { numHashes: 32 });
        const s = estimateSimilarity(sa, sb);
        expect(s).toBe(estimateSimilarity(sb, sa));
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(1);
        if (shingleWords(a).length > 0) expect(estimateSimilarity(sa, sa)).toBe(1);
      }),
      { numRuns: 200 },
    );
  });
});

describe('NearDuplicateIndex', () => {
  it('finds the syndicated copy among 2,000 random articles, comparing only a few candidates', () => {
    const index = new NearDuplicateIndex();
    const articles = randomArticles(2000, 7);
    articles.forEach((text, i) => index.add(`random-${i}`, shingleSignature(text)));
    index.add('wire', shingleSignature(wire));
    index.add('retold', shingleSignature(retold));
    expect(index.size).toBe(2002);

    const query = shingleSignature(syndicatedCopy(wire));
    const best = index.findBest(query);
    expect(best?.id).toBe('wire');
    expect(best!.similarity).toBeGreaterThan(0.7);
    expect(index.candidateCount(query)).toBeLessThan(20);

    // Each random article finds itself and nothing else.
    for (const i of [0, 999, 1999]) expect(index.findBest(shingleSignature(articles[i]!))).toEqual({ id: `random-${i}`, similarity: 1 });
    // A story retold in other words is no near-duplicate of the wire.
    expect(index.findBest(shingleSignature(sample('03-')))).toBeNull();
  });

  it('stays sub-linear over 10,000 articles', () => {
    const index = new NearDuplicateIndex();
    const rand = mulberry32(11);
    // Unrelated articles have independent minima: random signatures stand in for them.
    for (let i = 0; i < 10_000; i++) index.add(`a${i}`, Uint32Array.from({ length: DEFAULT_NUM_HASHES }, () => Math.floor(rand() * 2 ** 32)));
    index.add('wire', shingleSignature(wire));
    const query = shingleSignature(syndicatedCopy(wire));
    const t0 = performance.now();
    for (let k = 0; k < 100; k++) index.findBest(query);
    const perLookup = (performance.now() - t0) / 100;
    expect(index.candidateCount(query)).toBeLessThan(10);
    expect(index.findBest(query)?.id).toBe('wire');
    expect(perLookup).toBeLessThan(5);
  });

  it('applies the minimum similarity and breaks ties by the earliest article', () => {
    const index = new NearDuplicateIndex();
    const sig = shingleSignature(wire);
    index.add('first', sig);
    index.add('second', sig);
    expect(index.findBest(sig)).toEqual({ id: 'first', similarity: 1 });
    const copy = shingleSignature(syndicatedCopy(wire));
    const s = estimateSimilarity(sig, copy);
    expect(index.findBest(copy, s + 0.01)).toBeNull();
    expect(index.findBest(copy, s)?.similarity).toBe(s);
  });

  it('removes and replaces entries', () => {
    const index = new NearDuplicateIndex();
    index.add('x', shingleSignature(wire));
    expect(index.has('x')).toBe(true);
    index.add('x', shingleSignature(sample('08-')));
    expect(index.size).toBe(1);
    expect(index.findBest(shingleSignature(wire))).toBeNull();
    expect(index.remove('x')).toBe(true);
    expect(index.remove('x')).toBe(false);
    expect(index.findBest(shingleSignature(sample('08-')))).toBeNull();
  });

  it('never matches empty texts and refuses signatures too short for its bands', () => {
    const index = new NearDuplicateIndex();
    index.add('empty', shingleSignature(''));
    expect(index.findBest(shingleSignature(''), 0)).toBeNull();
    expect(() => index.add('short', shingleSignature(wire, { numHashes: 64 }))).toThrow(/needs 128/u);
    expect(() => new NearDuplicateIndex({ bands: 0 })).toThrow(RangeError);
  });
});
