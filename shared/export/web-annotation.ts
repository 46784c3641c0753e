/**
 * Highlights (and optionally claims) as a W3C Web Annotation document (JSON-LD,
 * https://www.w3.org/TR/annotation-model/): one AnnotationCollection whose first page holds every
 * annotation, so other tools (Hypothesis, annotation servers, qualitative-analysis software) can
 * read them. Pure: the caller gathers the records.
 *
 * Mapping:
 * - a highlight: motivation `highlighting`; its comment becomes a TextualBody (`commenting`,
 *   text/plain, the Tiptap document's text) and each tag a TextualBody (`tagging`, the tag's path
 *   "Parent/Child");
 * - a claim: motivation `assessing`, its statement a TextualBody (`describing`), and the kind,
 *   status and speaker as `tagging` bodies ("kind:fact"...);
 * - the target: the article's URL when it has one, else urn:dossier:article:<id>, with a
 *   TextQuoteSelector and a TextPositionSelector (UTF-16 offsets into the article's plain text,
 *   as Dossier stores them). Orphaned highlights (not re-anchored after an edit) are still
 *   exported, with the extension term `dossier:anchorStatus` saying so, since their positions
 *   refer to an older text (claims carry no stored anchor status).
 */
import { richTextToPlain } from '../text/rich-text';
import type { Annotation, ArticleSummary, Claim, Selector, Tag } from '../model/schemas';

export const WEB_ANNOTATION_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';

export interface NotebookRef {
  /** The notebook's id (NotebookMeta.id). */
  id: string;
  name: string;
}

export interface TextualBody {
  type: 'TextualBody';
  value: string;
  format: 'text/plain';
  purpose: 'commenting' | 'tagging' | 'describing';
}

export interface WebAnnotation {
  id: string;
  type: 'Annotation';
  motivation: 'highlighting' | 'assessing';
  created: string;
  modified: string;
  body?: TextualBody[];
  target: {
    source: string;
    selector: [
      { type: 'TextQuoteSelector'; exact: string; prefix: string; suffix: string },
      { type: 'TextPositionSelector'; start: number; end: number },
    ];
  };
  /** Dossier's extension (highlights only): 'orphaned' when the positions refer to an older text. */
  'dossier:anchorStatus'?: 'anchored' | 'fuzzy' | 'orphaned';
}

export interface WebAnnotationCollection {
  '@context': string;
  id: string;
  type: 'AnnotationCollection';
  label: string;
  total: number;
  first: {
    id: string;
    type: 'AnnotationPage';
    startIndex: 0;
    items: WebAnnotation[];
  };
}


/** "Parent/Child" names, so a tag's place in the hierarchy survives the export. */
function tagPaths(tags: readonly Tag[]): Map<string, string> {
  const byId = new Map(tags.map((t) => [t.id, t]));
  const paths = new Map<string, string>();
  for (const tag of tags) {
    const names: string[] = [];
    const seen = new Set<string>();
    let t: Tag | undefined = tag;
    while (t && !seen.has(t.id)) {
      seen.add(t.id);
      names.unshift(t.name);
      t = t.parentId ? byId.get(t.parentId) : undefined;
    }
    paths.set(tag.id, names.join('/'));
  }
  return paths;
}

function body(value: string, purpose: TextualBody['purpose']): TextualBody {
  return { type: 'TextualBody', value, format: 'text/plain', purpose };
}

function targetOf(source: string, s: Selector): WebAnnotation['target'] {
  return {
    source,
    selector: [
      { type: 'TextQuoteSelector', exact: s.exact, prefix: s.prefix, suffix: s.suffix },
      { type: 'TextPositionSelector', start: s.start, end: s.end },
    ],
  };
}

export function articleSource(article: Pick<ArticleSummary, 'id' | 'url'>): string {
  return article.url && /^https?:\/\//i.test(article.url) ? article.url : `urn:dossier:article:${article.id}`;
}

/**
 * The Web Annotation document for `annotations` (and `claims`) on `articles`, in article order.
 * Items on articles not in `articles` are left out; unknown tag ids are skipped.
 */
export function toWebAnnotations(
  notebook: NotebookRef,
  articles: readonly ArticleSummary[],
  annotations: readonly Annotation[],
  tags: readonly Tag[],
  claims: readonly Claim[] = [],
): WebAnnotationCollection {
  const paths = tagPaths(tags);
  const order = new Map(articles.map((a, i) => [a.id, i]));
  const sources = new Map(articles.map((a) => [a.id, articleSource(a)]));
  const byPlace = <T extends { articleId: string; target: Selector }>(list: readonly T[]): T[] =>
    list
      .filter((x) => order.has(x.articleId))
      .slice()
      .sort((a, b) => order.get(a.articleId)! - order.get(b.articleId)! || a.target.start - b.target.start);

  const items: WebAnnotation[] = [];
  for (const a of byPlace(annotations)) {
    const bodies: TextualBody[] = [];
    const comment = richTextToPlain(a.comment);
    if (comment) bodies.push(body(comment, 'commenting'));
    for (const id of a.tags) {
      const path = paths.get(id);
      if (path) bodies.push(body(path, 'tagging'));
    }
    items.push({
      id: `urn:uuid:${a.id}`,
      type: 'Annotation',
      motivation: 'highlighting',
      created: a.createdAt,
      modified: a.updatedAt,
      ...(bodies.length > 0 ? { body: bodies } : {}),
      target: targetOf(sources.get(a.articleId)!, a.target),
      'dossier:anchorStatus': a.anchor.status,
    });
  }
  for (const c of byPlace(claims)) {
    const bodies: TextualBody[] = [body(c.statement || c.target.exact, 'describing'), body(`kind:${c.kind}`, 'tagging'), body(`status:${c.status}`, 'tagging')];
    if (c.speaker) bodies.push(body(`speaker:${c.speaker}`, 'tagging'));
    for (const id of c.tags) {
      const path = paths.get(id);
      if (path) bodies.push(body(path, 'tagging'));
    }
    items.push({
      id: `urn:uuid:${c.id}`,
      type: 'Annotation',
      motivation: 'assessing',
      created: c.createdAt,
      modified: c.updatedAt,
      body: bodies,
      target: targetOf(sources.get(c.articleId)!, c.target),
    });
  }
  const id = `urn:dossier:notebook:${notebook.id}:annotations`;
  return {
    '@context': WEB_ANNOTATION_CONTEXT,
    id,
    type: 'AnnotationCollection',
    label: `${notebook.name}: highlights and claims`,
    total: items.length,
    first: { id: `${id}:page1`, type: 'AnnotationPage', startIndex: 0, items },
  };
}

export { richTextToPlain };
