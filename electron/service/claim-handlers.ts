/**
 * Handlers of the `claims.*` and `sources.*` methods.
 *
 * Links: a link is stored on the claim that makes it (`links` of that claim); there is at most one
 * link between two claims (linking again replaces it, whichever side made it). `same-as` and
 * `contradicts` read the same both ways; `corroborates` and `cites` have a direction, but for
 * corroboration counting a `corroborates` link counts from either side.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Handlers } from '../../shared/api/contract';
import type { claimMethods, ClaimTableRow, IncomingLink, LinkedClaim, Origin, SuggestedClaim } from '../../shared/api/methods/claims';
import { DossierError } from '../../shared/api/result';
import { countIndependentOrigins, suggestClaims, type OriginInput } from '../../shared/analysis';
import type { ArticleSummary, Claim, Source } from '../../shared/model/schemas';
import { requireTags, resolveTarget, type ServiceContext } from './context';
import { claimAnchor, reviewTarget } from './edit-article';
import { indexSources, SourceRegistry, type ArticleOrigins } from './sources';

const Dismissed = z.object({
  dismissed: z.array(z.object({ start: z.number().int().nonnegative(), end: z.number().int().nonnegative(), text: z.string() })),
});
type Dismissed = z.infer<typeof Dismissed>;

/** Links that make two claims count as the same piece of information backed by their origins. */
const CORROBORATING = new Set(['corroborates', 'same-as']);

export function createClaimHandlers({ store, now, emit }: ServiceContext): Handlers<keyof typeof claimMethods> {
  const sources = new SourceRegistry(store);
  const dismissedDoc = (articleId: string) => store.document(`suggestions/${articleId}.json`, Dismissed, (): Dismissed => ({ dismissed: [] }));

  const findClaim = async (articleId: string, id: string): Promise<Claim> => {
    if (!store.getArticleSummary(articleId)) throw new DossierError('not-found', `No article with id ${articleId}.`);
    const claim = (await store.listClaims(articleId)).find((c) => c.id === id);
    if (!claim) throw new DossierError('not-found', `No claim ${id} on article ${articleId}.`);
    return claim;
  };
  /** A claim anywhere in the notebook (links may cross articles). */
  const findAnywhere = async (id: string): Promise<Claim> => {
    const claim = (await store.listClaims()).find((c) => c.id === id);
    if (!claim) throw new DossierError('not-found', `No claim ${id} in this notebook.`);
    return claim;
  };
  const stamp = (): string => now().toISOString();
  const changed = (...articleIds: string[]): void => emit({ type: 'claims.changed', articleIds: [...new Set(articleIds)] });
  /** Emits `sources.changed` when a sync added sources, so open views pick up the new rows. */
  const syncSources = async () => {
    const before = (await store.listSources()).length;
    const list = await sources.sync();
    if (list.length !== before) emit({ type: 'sources.changed' });
    return list;
  };

  /** Builds table rows for `claims` from the whole notebook's claims (links may point anywhere). */
  const buildRows = async (all: Claim[]): Promise<Map<string, ClaimTableRow>> => {
    const origins = await sources.originsByArticle();
    const sourceList = await store.listSources();
    const sourceIndex = indexSources(sourceList);
    // Confirmed spellings of one source count as one origin.
    const sameSource = sourceList.filter((src) => src.aliases.length > 0).map((src) => [src.name, ...src.aliases]);
    const byId = new Map(all.map((c) => [c.id, c]));
    const corroborating = new Map<string, Set<string>>();
    const contradicting = new Map<string, Set<string>>();
    const add = (map: Map<string, Set<string>>, a: string, b: string): void => {
      let set = map.get(a);
      if (!set) map.set(a, (set = new Set()));
      set.add(b);
    };
    for (const c of all) {
      for (const link of c.links) {
        if (!byId.has(link.claimId) || link.claimId === c.id) continue; // dangling links are ignored
        if (CORROBORATING.has(link.relation)) {
          add(corroborating, c.id, link.claimId);
          add(corroborating, link.claimId, c.id);
        } else if (link.relation === 'contradicts') {
          add(contradicting, c.id, link.claimId);
          add(contradicting, link.claimId, c.id);
        }
      }
    }
    const summaries = new Map<string, ArticleSummary>(store.listArticles().map((a) => [a.id, a]));
    const none: ArticleOrigins = { outlet: null, originators: [], origins: [] };
    const rows = new Map<string, ClaimTableRow>();
    for (const c of all) {
      const summary = summaries.get(c.articleId);
      const own = origins.get(c.articleId) ?? none;
      const group = [c.id, ...(corroborating.get(c.id) ?? [])];
      const inputs: OriginInput[] = group.map((id) => {
        const articleId = byId.get(id)!.articleId;
        const o = origins.get(articleId) ?? none;
        return { claimId: id, articleId, outlet: o.outlet?.name ?? summaries.get(articleId)?.outlet ?? null, originators: o.originators.map((src) => src.name) };
      });
      const counted = countIndependentOrigins(inputs, { sameSource });
      const corroboration = {
        independent: counted.independent,
        origins: counted.groups.map((g): Origin => {
          const source: Source | undefined = g.names.map((n) => sourceIndex.find(n)).find((src) => src !== undefined);
          return source
            ? { key: `source:${source.id}`, sourceId: source.id, name: source.name }
            : { key: `article:${g.articleIds[0] ?? ''}`, sourceId: null, name: summaries.get(g.articleIds[0] ?? '')?.title ?? g.origin };
        }),
      };
      rows.set(c.id, {
        claim: c,
        articleTitle: summary?.title ?? c.articleId,
        outlet: summary?.outlet ?? null,
        publishedAt: summary?.publishedAt ?? null,
        outletSourceId: own.outlet?.id ?? null,
        reliability: own.outlet?.reliability ?? null,
        stateAffiliated: own.outlet?.stateAffiliated ?? false,
        originSourceIds: own.origins.flatMap((o) => (o.sourceId ? [o.sourceId] : [])),
        corroboration,
        contradictions: contradicting.get(c.id)?.size ?? 0,
      });
    }
    return rows;
  };

  return {
    'claims.list': async ({ articleId }) => {
      if (articleId !== undefined && !store.getArticleSummary(articleId)) {
        throw new DossierError('not-found', `No article with id ${articleId}.`);
      }
      return store.listClaims(articleId);
    },

    'claims.create': async ({ articleId, target, statement, speaker, kind }) => {
      const article = await store.getArticle(articleId);
      const selector = resolveTarget(article, target);
      const time = stamp();
      const claim: Claim = {
        id: randomUUID(),
        articleId,
        target: selector,
        statement: statement?.trim() || selector.exact,
        speaker: speaker?.trim() || null,
        kind: kind ?? 'fact',
        tags: [],
        status: 'unverified',
        credibility: null,
        links: [],
        note: '',
        createdAt: time,
        updatedAt: time,
      };
      await store.putClaim(claim);
      changed(articleId);
      return claim;
    },

    'claims.update': async ({ articleId, id, patch }) => {
      const current = await findClaim(articleId, id);
      const next: Claim = { ...current, updatedAt: stamp() };
      if (patch.statement !== undefined) {
        const statement = patch.statement.trim();
        if (statement === '') throw new DossierError('invalid-input', `A claim's statement cannot be empty (claim ${id}).`);
        next.statement = statement;
      }
      if (patch.speaker !== undefined) next.speaker = patch.speaker?.trim() || null;
      if (patch.kind !== undefined) next.kind = patch.kind;
      if (patch.status !== undefined) next.status = patch.status;
      if (patch.credibility !== undefined) next.credibility = patch.credibility;
      if (patch.note !== undefined) next.note = patch.note;
      if (patch.tags !== undefined) next.tags = await requireTags(store, patch.tags);
      if (patch.target !== undefined) next.target = resolveTarget(await store.getArticle(articleId), patch.target);
      await store.putClaim(next);
      changed(articleId);
      return next;
    },

    'claims.delete': async ({ articleId, id }) => {
      if (!store.getArticleSummary(articleId)) throw new DossierError('not-found', `No article with id ${articleId}.`);
      const all = await store.listClaims();
      const claim = all.find((c) => c.id === id && c.articleId === articleId);
      if (!claim) return { deleted: false, claim: null, incoming: [] };
      // Links others make to it would dangle: remove them, and hand them back for an undo.
      const incoming: IncomingLink[] = [];
      const touched = new Map<string, Claim[]>();
      for (const other of all) {
        if (other.id === id) continue;
        const kept = other.links.filter((l) => l.claimId !== id);
        if (kept.length === other.links.length) continue;
        for (const l of other.links) if (l.claimId === id) incoming.push({ articleId: other.articleId, id: other.id, relation: l.relation });
        const list = touched.get(other.articleId) ?? [];
        list.push({ ...other, links: kept, updatedAt: stamp() });
        touched.set(other.articleId, list);
      }
      for (const [aid, list] of touched) await store.putClaims(aid, list);
      const deleted = await store.deleteClaim(articleId, id);
      changed(articleId, ...touched.keys());
      return { deleted, claim, incoming };
    },

    'claims.restore': async ({ claim, incoming }) => {
      if (!store.getArticleSummary(claim.articleId)) {
        throw new DossierError('not-found', `Cannot restore claim ${claim.id}: its article ${claim.articleId} is no longer in this notebook.`);
      }
      await store.putClaim(claim);
      const all = await store.listClaims();
      const byId = new Map(all.map((c) => [c.id, c]));
      for (const link of incoming) {
        const other = byId.get(link.id);
        if (!other || other.articleId !== link.articleId) continue; // deleted meanwhile: nothing to relink
        const links = [...other.links.filter((l) => l.claimId !== claim.id), { claimId: claim.id, relation: link.relation }];
        const updated = { ...other, links, updatedAt: stamp() };
        byId.set(other.id, updated);
        await store.putClaim(updated);
      }
      changed(claim.articleId, ...incoming.map((l) => l.articleId));
      return claim;
    },

    'claims.link': async ({ articleId, id, claimId, relation }) => {
      if (claimId === id) throw new DossierError('invalid-input', `A claim cannot be linked to itself (claim ${id}).`);
      const current = await findClaim(articleId, id);
      const other = await findAnywhere(claimId);
      // One link per pair: a link the other claim made to this one is replaced by this one.
      if (other.links.some((l) => l.claimId === id)) {
        await store.putClaim({ ...other, links: other.links.filter((l) => l.claimId !== id), updatedAt: stamp() });
      }
      const next: Claim = {
        ...current,
        links: [...current.links.filter((l) => l.claimId !== claimId), { claimId, relation }],
        updatedAt: stamp(),
      };
      await store.putClaim(next);
      changed(articleId, other.articleId);
      return next;
    },

    'claims.unlink': async ({ articleId, id, claimId }) => {
      const current = await findClaim(articleId, id);
      const other = (await store.listClaims()).find((c) => c.id === claimId);
      const mine = current.links.some((l) => l.claimId === claimId);
      const theirs = other?.links.some((l) => l.claimId === id) ?? false;
      if (!mine && !theirs) throw new DossierError('not-found', `Claim ${id} and claim ${claimId} are not linked.`);
      if (theirs && other) await store.putClaim({ ...other, links: other.links.filter((l) => l.claimId !== id), updatedAt: stamp() });
      if (!mine) {
        changed(articleId, other!.articleId);
        return current;
      }
      const next: Claim = { ...current, links: current.links.filter((l) => l.claimId !== claimId), updatedAt: stamp() };
      await store.putClaim(next);
      changed(articleId, ...(other ? [other.articleId] : []));
      return next;
    },

    'claims.table': async ({ articleId }) => {
      if (articleId !== undefined && !store.getArticleSummary(articleId)) throw new DossierError('not-found', `No article with id ${articleId}.`);
      const all = await store.listClaims();
      const rows = await buildRows(all);
      return all.filter((c) => articleId === undefined || c.articleId === articleId).map((c) => rows.get(c.id)!);
    },

    'claims.compare': async ({ articleId, id }) => {
      await findClaim(articleId, id);
      const all = await store.listClaims();
      const rows = await buildRows(all);
      const claim = rows.get(id)!.claim;
      const linked: LinkedClaim[] = [];
      const seen = new Set<string>();
      for (const link of claim.links) {
        const row = rows.get(link.claimId);
        if (!row || seen.has(link.claimId) || link.claimId === id) continue;
        seen.add(link.claimId);
        linked.push({ relation: link.relation, direction: 'outgoing', row });
      }
      for (const other of all) {
        if (other.id === id || seen.has(other.id)) continue;
        const link = other.links.find((l) => l.claimId === id);
        if (!link) continue;
        seen.add(other.id);
        linked.push({ relation: link.relation, direction: 'incoming', row: rows.get(other.id)! });
      }
      return { row: rows.get(id)!, linked };
    },

    'claims.suggest': async ({ articleId }) => {
      const article = await store.getArticle(articleId);
      const [claims, dismissed] = await Promise.all([store.listClaims(articleId), dismissedDoc(articleId).read()]);
      const found = suggestClaims(article.text, { skip: article.noise });
      const out: SuggestedClaim[] = [];
      for (const s of found) {
        if (dismissed.dismissed.some((d) => (d.start === s.start && d.end === s.end) || d.text === s.text)) continue;
        if (claims.some((c) => mostlyOverlaps(c.target, s))) continue;
        out.push({
          start: s.start,
          end: s.end,
          text: s.text,
          speaker: s.speaker,
          kind: s.kind,
          score: Math.max(0, Math.min(1, s.score)),
          reasons: [...s.reasons],
        });
      }
      return out;
    },

    'claims.dismissSuggestion': async ({ articleId, start, end }) => {
      const article = await store.getArticle(articleId);
      if (end <= start || end > article.text.length) {
        throw new DossierError('invalid-input', `The range ${start}-${end} is not inside "${article.title}" (${article.text.length} characters).`);
      }
      const text = article.text.slice(start, end);
      let dismissed = false;
      await dismissedDoc(articleId).update((data) => {
        if (data.dismissed.some((d) => d.start === start && d.end === end)) return null;
        dismissed = true;
        return { dismissed: [...data.dismissed, { start, end, text }] };
      });
      return { dismissed };
    },

    'claims.review': async ({ articleId, id, action, start, end }) => {
      const current = (await store.listClaims(articleId)).find((c) => c.id === id);
      if (!current) throw new DossierError('not-found', `No claim ${id} on article ${articleId}.`);
      if (action === 'delete') {
        const deleted = await store.deleteClaim(articleId, id);
        changed(articleId);
        return { deleted, claim: null };
      }
      const article = await store.getArticle(articleId);
      if (action === 'accept' && claimAnchor(current, article.text).status !== 'orphaned') {
        throw new DossierError('conflict', `The claim ${id} is anchored, not waiting for review; move or delete it instead.`);
      }
      const { target } = reviewTarget(article.title, article.text, current.target, action, { start, end });
      const updated: Claim = { ...current, target, updatedAt: stamp() };
      await store.putClaim(updated);
      changed(articleId);
      return { deleted: false, claim: updated };
    },

    'sources.list': async () => syncSources(),

    'sources.create': async ({ name, kind }) => {
      const source = await sources.create(name, kind);
      emit({ type: 'sources.changed' });
      return source;
    },

    'sources.update': async ({ id, patch }) => {
      const source = await sources.update(id, patch);
      // Claim rows show their source's grade: views of claims reload on this too.
      emit({ type: 'sources.changed' });
      return source;
    },

    'sources.merge': async ({ fromId, intoId }) => {
      const source = await sources.merge(fromId, intoId);
      emit({ type: 'sources.changed' });
      return source;
    },

    'sources.origins': async ({ articleId }) => {
      const { outlet, originators } = await sources.originsOfArticle(articleId);
      return { outlet, originators };
    },
  };
}

/** A claim already covers a suggestion when they share at least half of the shorter of the two. */
function mostlyOverlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  const shared = Math.min(a.end, b.end) - Math.max(a.start, b.start);
  if (shared <= 0) return false;
  return shared * 2 >= Math.min(a.end - a.start, b.end - b.start);
}
