/**
 * A new brief from the BLUF template (analysis-standards.md): title, bottom line up front, key
 * judgments, evidence, then the generated sections (source assessment, discrepancies and gaps,
 * timeline, annex of cited claims). `dossier export` without --brief lays out this template with
 * every claim of the notebook, so a script gets a complete brief.
 */
import type { ArticleSummary, Claim, Tag } from '../model/schemas';
import {
  citation,
  doc,
  generatedSection,
  heading,
  judgment,
  paragraph,
  text,
  type Confidence,
  type DocNode,
  type LikelihoodTerm,
} from './doc';

export interface TemplateJudgment {
  text: string;
  likelihood: LikelihoodTerm | null;
  confidence: Confidence | null;
  claimIds?: string[];
}

export interface BriefTemplateInput {
  title: string;
  /** Claims for the Evidence section, one paragraph each citing it. */
  claims: readonly Claim[];
  /** Used to group and order evidence by article (title, date). */
  articles?: readonly ArticleSummary[];
  /** Used to group evidence by tag when `groupBy` is 'tag'. */
  tags?: readonly Tag[];
  groupBy?: 'article' | 'tag';
  /** The bottom line; an empty paragraph to fill in when absent. */
  bottomLine?: string;
  /** Key judgments; one empty judgment placeholder when none. */
  judgments?: readonly TemplateJudgment[];
}

export const TEMPLATE_HEADINGS = {
  bluf: 'Bottom line up front',
  judgments: 'Key judgments',
  evidence: 'Evidence',
  sources: 'Source assessment',
  discrepancies: 'Discrepancies and gaps',
  timeline: 'Timeline',
  annex: 'Annex: cited claims',
} as const;

export function briefTemplate(input: BriefTemplateInput): DocNode {
  const blocks: DocNode[] = [heading(1, input.title)];
  blocks.push(heading(2, TEMPLATE_HEADINGS.bluf), input.bottomLine ? paragraph(text(input.bottomLine)) : paragraph());

  blocks.push(heading(2, TEMPLATE_HEADINGS.judgments));
  const judgments = input.judgments ?? [];
  if (judgments.length === 0) blocks.push(judgment(null, null));
  for (const j of judgments) {
    const inl: DocNode[] = j.text ? [text(j.text)] : [];
    for (const id of j.claimIds ?? []) inl.push(citation(id));
    blocks.push(judgment(j.likelihood, j.confidence, ...inl));
  }

  blocks.push(heading(2, TEMPLATE_HEADINGS.evidence));
  const groups = groupEvidence(input);
  if (groups.length === 0) blocks.push(paragraph());
  for (const group of groups) {
    if (group.heading !== null) blocks.push(heading(3, group.heading));
    for (const claim of group.claims) blocks.push(paragraph(text(evidenceSentence(claim)), citation(claim.id)));
  }

  blocks.push(heading(2, TEMPLATE_HEADINGS.sources), generatedSection('sources'));
  blocks.push(heading(2, TEMPLATE_HEADINGS.discrepancies), generatedSection('discrepancies'));
  blocks.push(heading(2, TEMPLATE_HEADINGS.timeline), generatedSection('timeline'));
  blocks.push(heading(2, TEMPLATE_HEADINGS.annex), generatedSection('annex'));
  return doc(...blocks);
}

/** The analyst's wording, else the quoted words; ends with a full stop so the citation follows a sentence. */
function evidenceSentence(claim: Claim): string {
  const base = (claim.statement.trim() || `“${claim.target.exact.trim()}”`).replace(/\s+/g, ' ');
  const speaker = claim.speaker && claim.statement.trim() === '' ? `${claim.speaker}: ` : '';
  return /[.!?…”"]$/.test(base) ? `${speaker}${base}` : `${speaker}${base}.`;
}

interface EvidenceGroup {
  heading: string | null;
  claims: Claim[];
}

function groupEvidence(input: BriefTemplateInput): EvidenceGroup[] {
  const claims = input.claims;
  if (claims.length === 0) return [];
  if (input.groupBy === 'tag') {
    const tags = input.tags ?? [];
    const groups: EvidenceGroup[] = tags.map((t) => ({ heading: t.name, claims: claims.filter((c) => c.tags.includes(t.id)) }));
    const known = new Set(tags.map((t) => t.id));
    const untagged = claims.filter((c) => !c.tags.some((id) => known.has(id)));
    if (untagged.length > 0) groups.push({ heading: 'Untagged', claims: untagged });
    return groups.filter((g) => g.claims.length > 0);
  }
  const articles = input.articles ?? [];
  if (articles.length === 0) return [{ heading: null, claims: [...claims].sort(byPosition) }];
  const byArticle = new Map<string, Claim[]>();
  for (const c of claims) byArticle.set(c.articleId, [...(byArticle.get(c.articleId) ?? []), c]);
  const groups: EvidenceGroup[] = [];
  for (const a of articles) {
    const list = byArticle.get(a.id);
    if (!list) continue;
    byArticle.delete(a.id);
    groups.push({ heading: a.outlet ? `${a.title} (${a.outlet})` : a.title, claims: list.sort(byPosition) });
  }
  // Claims whose article is not listed keep their place at the end rather than vanish.
  for (const [, list] of byArticle) groups.push({ heading: 'Other articles', claims: list.sort(byPosition) });
  return groups;
}

function byPosition(a: Claim, b: Claim): number {
  return a.articleId === b.articleId ? a.target.start - b.target.start : a.articleId < b.articleId ? -1 : 1;
}
