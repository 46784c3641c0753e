/** Small valid records for store tests, the crash writer and the benchmark. */
import { createHash } from 'node:crypto';
import type { Annotation, Article, Brief, Claim, Source, Tag } from '../../shared/model/schemas';

export function makeArticle(id: string, text = `Text of article ${id}. `.repeat(5), extra: Partial<Article> = {}): Article {
  return {
    id,
    title: `Article ${id}`,
    outlet: 'The Test Gazette',
    byline: null,
    publishedAt: '2025-01-02',
    url: null,
    language: 'en',
    contentHash: createHash('sha256').update(text).digest('hex'),
    noise: [],
    nearDuplicateOf: null,
    nearDuplicateSimilarity: null,
    noiseDismissed: [],
    importedAt: new Date().toISOString(),
    source: { fileName: `${id}.txt`, mediaType: 'text/plain' },
    length: text.length,
    text,
    ...extra,
  };
}

export function makeAnnotation(articleId: string, id: string, extra: Partial<Annotation> = {}): Annotation {
  const now = new Date().toISOString();
  return {
    id,
    articleId,
    target: { exact: 'Text of', prefix: '', suffix: ' article', start: 0, end: 7 },
    tags: [],
    comment: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: `note ${id}` }] }] },
    anchor: { status: 'anchored', score: 1 },
    createdAt: now,
    updatedAt: now,
    ...extra,
  };
}

export function makeClaim(articleId: string, id: string, extra: Partial<Claim> = {}): Claim {
  const now = new Date().toISOString();
  return {
    id,
    articleId,
    target: { exact: 'Text of', prefix: '', suffix: ' article', start: 0, end: 7 },
    statement: `Claim ${id}`,
    speaker: null,
    kind: 'fact',
    tags: [],
    status: 'unverified',
    credibility: null,
    links: [],
    note: '',
    createdAt: now,
    updatedAt: now,
    ...extra,
  };
}

export function makeTag(id: string, name = `tag ${id}`): Tag {
  return { id, name, parentId: null, color: '#336699' };
}

export function makeSource(id: string): Source {
  return { id, name: `Source ${id}`, reliability: 'B', stateAffiliated: false, notes: '', kind: 'outlet', aliases: [] };
}

export function makeBrief(id: string, title = `Brief ${id}`): Brief {
  const now = new Date().toISOString();
  return { id, title, doc: { type: 'doc', content: [] }, createdAt: now, updatedAt: now };
}
