/**
 * The notebook analysis a brief's generated sections draw on (shared/analysis): the disagreements
 * among the cited articles (figures, dates, contradictions the analyst linked) for "Discrepancies
 * and gaps", and the date of the event each claim's sentence reports for the timeline.
 */
import { findDiscrepancies } from '../analysis/discrepancies';
import { extractEntities, type Mention } from '../analysis/entities';
import { extractEvents, type TimelineEvent } from '../analysis/timeline';
import type { Article, Claim } from '../model/schemas';
import type { LayoutDiscrepancy } from './layout';

/** Items listed per disagreement before "and N more". */
const MAX_ITEMS_SHOWN = 6;

/**
 * Entity mentions and events per article version: reading an article is the costly part (about
 * 20 ms for a long one) and a brief is laid out again at every export and preview, while its
 * articles rarely change. Keyed by content hash and noise ranges; bounded, oldest dropped first.
 */
const MAX_CACHED = 2000;
const perArticle = new Map<string, { mentions: Mention[]; events: TimelineEvent[] }>();

function readArticle(a: Article): { mentions: Mention[]; events: TimelineEvent[] } {
  const key = `${a.id}\u0001${a.contentHash}\u0001${a.publishedAt ?? ''}\u0001${a.noise.map((n) => `${n.start}-${n.end}`).join(',')}`;
  let hit = perArticle.get(key);
  if (hit) {
    perArticle.delete(key);
    perArticle.set(key, hit); // most recently used last
    return hit;
  }
  hit = {
    // The same options findDiscrepancies uses when it extracts mentions itself.
    mentions: extractEntities(a.text, { skip: a.noise, kinds: ['person', 'organization', 'place', 'other'] }),
    events: extractEvents(a.text, a.publishedAt, { skip: a.noise }),
  };
  perArticle.set(key, hit);
  if (perArticle.size > MAX_CACHED) perArticle.delete(perArticle.keys().next().value!);
  return hit;
}

export interface BriefAnalysis {
  discrepancies: LayoutDiscrepancy[];
  claimEventDates: Map<string, string>;
}

/** `articles`: the articles to compare (with text), usually those the brief cites. */
export function analyseForBrief(articles: readonly Article[], claims: readonly Claim[]): BriefAnalysis {
  const byId = new Map(articles.map((a) => [a.id, a]));
  const claimsOn = (articleId: string): Claim[] => claims.filter((c) => c.articleId === articleId);

  const found = findDiscrepancies({
    articles: articles.map((a) => ({ id: a.id, text: a.text, publishedAt: a.publishedAt, skip: a.noise, mentions: readArticle(a).mentions })),
    claims: claims.map((c) => ({ id: c.id, articleId: c.articleId, target: c.target, statement: c.statement, links: c.links })),
  });
  const discrepancies: LayoutDiscrepancy[] = found.map((d) => {
    // The claims made on the disagreeing words are cited, so the reader can check each side.
    const claimIds = new Set<string>();
    for (const item of d.items) {
      for (const c of claimsOn(item.articleId)) if (c.target.start < item.end && item.start < c.target.end) claimIds.add(c.id);
    }
    const shown = d.items.slice(0, MAX_ITEMS_SHOWN).map((i) => `“${i.text}” (${byId.get(i.articleId)?.title ?? i.articleId})`);
    const more = d.items.length > MAX_ITEMS_SHOWN ? `; and ${d.items.length - MAX_ITEMS_SHOWN} more` : '';
    return {
      claimIds: [...claimIds],
      description: d.kind === 'contradiction' ? d.summary : `${d.summary}: ${shown.join('; ')}${more}.`,
      articleIds: [...new Set(d.items.map((i) => i.articleId))],
    };
  });

  const claimEventDates = new Map<string, string>();
  for (const a of articles) {
    const on = claimsOn(a.id);
    if (on.length === 0) continue;
    const { events } = readArticle(a);
    for (const c of on) {
      const event = events.find((e) => e.start <= c.target.start && c.target.start < e.end);
      if (event) claimEventDates.set(c.id, event.date);
    }
  }
  return { discrepancies, claimEventDates };
}
