/**
 * Lays a brief out for export (BriefLayout, see model.ts): the document's blocks flattened into
 * headings, paragraphs, lists, judgments and tables; citations numbered in order of first citation
 * (a claim cited again keeps its number); the generated sections (source assessment,
 * discrepancies, timeline, annex) expanded from the notebook's data at this moment, so every export
 * is "refreshed". A citation of a claim that no longer exists renders as "[missing claim]": a
 * deleted claim must be visible in the brief, never a crash.
 */
import type { ArticleSummary, Claim, Source } from '../model/schemas';
import { attrString, citationClaimId, type DocNode, LIKELIHOOD_TERMS, TEXTBLOCK_TYPES } from './doc';
import type { BriefBlock, BriefFootnote, BriefInline, BriefLayout } from './model';

export const MISSING_CLAIM_TEXT = '[missing claim]';

/** Two or more claims that disagree, as the analysis module (or the claims' links) records them. */
export interface LayoutDiscrepancy {
  /** Claims on the disagreeing words: cited (numbered) in the section. */
  claimIds: string[];
  description: string;
  /** Articles the disagreement is found in: shown when one of them is cited, even without a claim. */
  articleIds?: string[];
}

/** One dated event for the timeline. */
export interface LayoutEvent {
  /** ISO date or null (undated events come last). */
  date: string | null;
  text: string;
  claimId: string | null;
  /** True when `date` is the publication date of the report, not the date of the event. */
  reported?: boolean;
}

export interface LayoutInput {
  brief: { id: string | null; title: string; doc: DocNode | null };
  notebookName: string;
  /** The notebook's claims (at least every cited one). */
  claims: readonly Claim[];
  articles: readonly ArticleSummary[];
  sources: readonly Source[];
  /** When absent, derived from the cited claims' `contradicts` links. */
  discrepancies?: readonly LayoutDiscrepancy[];
  /** When absent, the cited claims in order of date: the date of the event their sentence reports, else their article's publication date. */
  timeline?: readonly LayoutEvent[];
  /** Claim id -> ISO date of the event the claim's sentence reports (shared/analysis extractEvents). */
  claimEventDates?: ReadonlyMap<string, string>;
  now: Date;
}

/** Case-, accent- and spacing-insensitive name, so "Le Monde" matches "le  monde" and "Écho" "echo". */
export function foldName(name: string): string {
  return name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** The source record of an outlet, matched by folded name or alias (outlet records first). */
export function sourceForOutlet(sources: readonly Source[], outlet: string | null): Source | null {
  if (!outlet) return null;
  const key = foldName(outlet);
  const names = (s: Source): string[] => [s.name, ...((s as { aliases?: unknown }).aliases instanceof Array ? ((s as { aliases: unknown[] }).aliases.filter((a) => typeof a === 'string') as string[]) : [])];
  const matches = sources.filter((s) => names(s).some((n) => foldName(n) === key));
  return matches.find((s) => (s as { kind?: unknown }).kind !== 'originator') ?? matches[0] ?? null;
}

/** Admiralty grade as written together, e.g. "B2"; "–" stands for a grade not given. */
export function formatGrade(reliability: string | null, credibility: number | null): string {
  return `${reliability ?? '–'}${credibility ?? '–'}`;
}

/** YYYY-MM-DD of an ISO date, or the string as given when it does not start with one. */
export function formatDate(iso: string | null): string {
  if (!iso) return '';
  const m = /^(\d{4}-\d{2}-\d{2})/.exec(iso);
  return m ? m[1]! : iso;
}

export function layoutBrief(input: LayoutInput): BriefLayout {
  const claimsById = new Map(input.claims.map((c) => [c.id, c]));
  const articlesById = new Map(input.articles.map((a) => [a.id, a]));
  const footnotes: BriefFootnote[] = [];
  const numberOf = new Map<string, number>();

  const footnoteFor = (claim: Claim): BriefFootnote => {
    const article = articlesById.get(claim.articleId);
    const outlet = article?.outlet ?? null;
    return {
      n: footnotes.length + 1,
      claimId: claim.id,
      articleId: claim.articleId,
      quote: claim.target.exact,
      statement: claim.statement,
      speaker: claim.speaker,
      outlet,
      title: article?.title ?? `Article ${claim.articleId}`,
      publishedAt: article?.publishedAt ?? null,
      url: article?.url ?? null,
      credibility: claim.credibility,
      reliability: sourceForOutlet(input.sources, outlet)?.reliability ?? null,
      selector: claim.target,
    };
  };

  /** The cite inline of a claim (numbered on first citation), or the visible missing-claim text. */
  const cite = (claimId: string | null): BriefInline => {
    const claim = claimId ? claimsById.get(claimId) : undefined;
    if (!claim) return { type: 'text', text: MISSING_CLAIM_TEXT };
    let n = numberOf.get(claim.id);
    if (n === undefined) {
      const note = footnoteFor(claim);
      footnotes.push(note);
      n = note.n;
      numberOf.set(claim.id, n);
    }
    return { type: 'cite', n, claimId: claim.id };
  };

  const inlines = (node: DocNode): BriefInline[] => {
    const out: BriefInline[] = [];
    for (const child of node.content ?? []) {
      if (child.type === 'text') {
        if (!child.text) continue;
        const marks = new Set((child.marks ?? []).map((m) => m.type));
        out.push({ type: 'text', text: child.text, ...(marks.has('bold') ? { bold: true } : {}), ...(marks.has('italic') ? { italic: true } : {}) });
      } else if (child.type === 'hardBreak') out.push({ type: 'text', text: '\n' });
      else if (child.type === 'citation') out.push(cite(citationClaimId(child)));
      else out.push(...inlines(child));
    }
    return out;
  };

  const plain = (node: DocNode): string => {
    let s = '';
    for (const child of node.content ?? []) s += child.type === 'text' ? (child.text ?? '') : child.type === 'hardBreak' ? ' ' : plain(child);
    return s;
  };

  // Claims the written text cites: the discrepancy section shows the disagreements touching them.
  const citedInText = new Set<string>();
  const collect = (node: DocNode, depth: number): void => {
    if (depth > 64) return;
    const id = citationClaimId(node);
    if (id && claimsById.has(id)) citedInText.add(id);
    for (const child of node.content ?? []) collect(child, depth + 1);
  };
  if (input.brief.doc) collect(input.brief.doc, 0);

  const blocks: BriefBlock[] = [];
  /** Generated sections needing every footnote: filled after the walk, in place. */
  const deferred: Array<{ index: number; section: 'sources' | 'timeline' | 'annex' }> = [];

  const listItems = (list: DocNode, items: BriefInline[][], depth: number): void => {
    for (const item of list.content ?? []) {
      const own: BriefInline[] = [];
      const nested: DocNode[] = [];
      for (const part of item.content ?? []) {
        if (part.type === 'bulletList' || part.type === 'orderedList') nested.push(part);
        else if (TEXTBLOCK_TYPES.has(part.type) || part.type === 'text') {
          if (own.length > 0) own.push({ type: 'text', text: '\n' });
          own.push(...inlines(part.type === 'text' ? { type: 'x', content: [part] } : part));
        }
      }
      if (own.length > 0) items.push(depth > 0 ? [{ type: 'text', text: `${'  '.repeat(depth)}– ` }, ...own] : own);
      // Nested lists are flattened into indented items: every format can show that.
      for (const n of nested) if (depth < 8) listItems(n, items, depth + 1);
    }
  };

  const block = (node: DocNode, depth: number): void => {
    if (depth > 64) return;
    switch (node.type) {
      case 'heading': {
        const raw = Number(node.attrs?.level);
        const level = (raw === 1 || raw === 2 || raw === 3 ? raw : raw > 3 ? 3 : 2) as 1 | 2 | 3;
        const value = plain(node).trim();
        if (value) blocks.push({ type: 'heading', level, text: value });
        return;
      }
      case 'paragraph': {
        const inl = inlines(node);
        if (inl.some((i) => i.type === 'cite' || i.text.trim() !== '')) blocks.push({ type: 'paragraph', inlines: inl });
        return;
      }
      case 'judgment': {
        const likelihoodAttr = attrString(node, 'likelihood');
        const likelihood = likelihoodAttr && (LIKELIHOOD_TERMS as readonly string[]).includes(likelihoodAttr) ? likelihoodAttr : null;
        const conf = attrString(node, 'confidence');
        const confidence = conf === 'low' || conf === 'moderate' || conf === 'high' ? conf : null;
        const inl = inlines(node);
        const empty = !inl.some((i) => i.type === 'cite' || i.text.trim() !== '');
        blocks.push({ type: 'judgment', likelihood, confidence, inlines: empty ? [{ type: 'text', text: 'No judgment written yet.', italic: true }] : inl });
        return;
      }
      case 'bulletList':
      case 'orderedList': {
        const items: BriefInline[][] = [];
        listItems(node, items, 0);
        if (items.length > 0) blocks.push({ type: 'list', ordered: node.type === 'orderedList', items });
        return;
      }
      case 'generatedSection': {
        const section = attrString(node, 'section');
        if (section === 'discrepancies') blocks.push(...discrepancyBlocks());
        else if (section === 'sources' || section === 'timeline' || section === 'annex') {
          deferred.push({ index: blocks.length, section });
          blocks.push({ type: 'paragraph', inlines: [] });
        }
        return;
      }
      case 'text':
        if (node.text) blocks.push({ type: 'paragraph', inlines: [{ type: 'text', text: node.text }] });
        return;
      default: {
        // Unknown node (a future or foreign type): keep its content rather than drop the analyst's words.
        const children = node.content ?? [];
        if (children.length === 0) return;
        if (children.every((c) => c.type === 'text' || c.type === 'citation' || c.type === 'hardBreak')) block({ ...node, type: 'paragraph' }, depth + 1);
        else for (const c of children) block(c, depth + 1);
      }
    }
  };

  const discrepancyBlocks = (): BriefBlock[] => {
    const citedArticles = new Set([...citedInText].map((id) => claimsById.get(id)!.articleId));
    const list = (input.discrepancies ?? derivedDiscrepancies(input.claims)).filter(
      (d) => d.claimIds.some((id) => citedInText.has(id)) || (d.articleIds ?? []).some((id) => citedArticles.has(id)),
    );
    if (list.length === 0) return [{ type: 'paragraph', inlines: [{ type: 'text', text: 'No discrepancies recorded among the cited claims.', italic: true }] }];
    return [
      {
        type: 'list',
        ordered: false,
        items: list.map((d) => {
          const inl: BriefInline[] = [{ type: 'text', text: d.description }];
          for (const id of d.claimIds) inl.push(cite(id));
          return inl;
        }),
      },
    ];
  };

  for (const node of input.brief.doc?.content ?? []) block(node, 0);

  for (const { index, section } of deferred) {
    const expanded = section === 'sources' ? sourceTable() : section === 'timeline' ? timelineTable() : annexTable();
    blocks.splice(index, 1, expanded);
  }

  function sourceTable(): BriefBlock {
    if (footnotes.length === 0) return emptyNote('No sources cited yet.');
    const rows = new Map<string, { name: string; source: Source | null; count: number }>();
    for (const f of footnotes) {
      const source = sourceForOutlet(input.sources, f.outlet);
      const name = source?.name ?? f.outlet ?? 'Unknown outlet';
      const key = foldName(name);
      const row = rows.get(key) ?? { name, source, count: 0 };
      row.count++;
      rows.set(key, row);
    }
    return {
      type: 'table',
      caption: 'Sources of the cited claims (Admiralty reliability A–F)',
      header: ['Source', 'Reliability', 'State-affiliated', 'Claims cited'],
      rows: [...rows.values()]
        .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name))
        .map((r) => [
          [t(r.name)],
          [t(r.source?.reliability ?? 'ungraded')],
          [t(r.source ? (r.source.stateAffiliated ? 'yes' : 'no') : 'unknown')],
          [t(String(r.count))],
        ]),
    };
  }

  function timelineTable(): BriefBlock {
    const events: LayoutEvent[] = input.timeline
      ? [...input.timeline]
      : footnotes.map((f) => {
          const event = input.claimEventDates?.get(f.claimId);
          // A publication date says when it was reported, not when it happened: the table says which.
          return { date: event ?? f.publishedAt, text: f.statement.trim() || f.quote, claimId: f.claimId, reported: event === undefined && f.publishedAt !== null };
        });
    if (events.length === 0) return emptyNote('No dated events among the cited claims.');
    events.sort((a, b) => (a.date === b.date ? 0 : a.date === null ? 1 : b.date === null ? -1 : a.date < b.date ? -1 : 1));
    return {
      type: 'table',
      caption: 'Events in order of date',
      header: ['Date', 'Event', 'Source'],
      // The timeline only points at numbers already given: it never adds a footnote of its own.
      rows: events.map((e) => [[t(e.date ? `${formatDate(e.date)}${e.reported ? ' (reported)' : ''}` : 'undated')], [t(e.text)], e.claimId && numberOf.has(e.claimId) ? [{ type: 'cite', n: numberOf.get(e.claimId)!, claimId: e.claimId }] : []]),
    };
  }

  function annexTable(): BriefBlock {
    if (footnotes.length === 0) return emptyNote('No claims cited yet.');
    return {
      type: 'table',
      caption: 'Every cited claim with the exact words of its source',
      header: ['#', 'Quote', 'Outlet', 'Title', 'Date', 'Grade'],
      rows: footnotes.map((f) => [
        [{ type: 'cite', n: f.n, claimId: f.claimId }],
        [t(f.quote)],
        [t(f.outlet ?? '')],
        [t(f.title)],
        [t(formatDate(f.publishedAt))],
        [t(formatGrade(f.reliability, f.credibility))],
      ]),
    };
  }

  return {
    briefId: input.brief.id,
    title: input.brief.title,
    notebookName: input.notebookName,
    generatedAt: input.now.toISOString(),
    blocks,
    footnotes,
    claims: footnotes.map((f) => claimsById.get(f.claimId)!),
  };
}

function t(text: string): BriefInline {
  return { type: 'text', text };
}

function emptyNote(text: string): BriefBlock {
  return { type: 'paragraph', inlines: [{ type: 'text', text, italic: true }] };
}

/** Disagreements the analyst recorded: `contradicts` links between claims, each pair once. */
export function derivedDiscrepancies(claims: readonly Claim[]): LayoutDiscrepancy[] {
  const byId = new Map(claims.map((c) => [c.id, c]));
  const seen = new Set<string>();
  const out: LayoutDiscrepancy[] = [];
  for (const c of claims) {
    for (const link of c.links) {
      if (link.relation !== 'contradicts') continue;
      const other = byId.get(link.claimId);
      if (!other) continue;
      const key = [c.id, other.id].sort().join('|');
      if (seen.has(key)) continue;
      seen.add(key);
      const a = c.statement.trim() || `“${c.target.exact}”`;
      const b = other.statement.trim() || `“${other.target.exact}”`;
      out.push({ claimIds: [c.id, other.id], description: `${a} — contradicted by: ${b}` });
    }
  }
  return out;
}
