/** Handlers of the `entities.*`, `discrepancies.*` and `timeline.*` methods, over one EntityService. */
import type { Handlers } from '../../shared/api/contract';
import type { AliasProposalView, EntityListItem, EntitySummary, entityMethods } from '../../shared/api/methods/entities';
import { foldName } from '../../shared/analysis';
import type { ArticleSummary, Entity } from '../../shared/model/schemas';
import type { ServiceContext } from './context';
import { EntityService, sentenceFinder, shortContext, textLoader } from './entity-service';

/** Examples of each spelling shown with a proposal (from different articles first). */
const EXAMPLES_PER_NAME = 3;
const DEFAULT_LIST_LIMIT = 5_000;

export function createEntityHandlers(ctx: ServiceContext, service?: EntityService): Handlers<keyof typeof entityMethods> {
  const { store } = ctx;
  const entities = service ?? new EntityService(store, { emit: ctx.emit, now: ctx.now, search: ctx.search });
  const summaryOf = (id: string): ArticleSummary | null => store.getArticleSummary(id) ?? null;
  const ref = (articleId: string) => {
    const s = summaryOf(articleId);
    return { articleId, articleTitle: s?.title ?? '(deleted article)', outlet: s?.outlet ?? null, publishedAt: s?.publishedAt ?? null };
  };

  return {
    'entities.list': async ({ kind, query, limit, mentions }) => {
      const { entities: all } = await entities.entities();
      const q = query ? foldName(query) : '';
      const out: EntityListItem[] = [];
      for (const e of all) {
        if (kind && e.kind !== kind) continue;
        if (q && ![e.name, ...e.aliases].some((n) => foldName(n).includes(q))) continue;
        out.push(mentions ? { ...summarize(e), mentions: e.mentions } : summarize(e));
        if (out.length >= (limit ?? DEFAULT_LIST_LIMIT)) break;
      }
      return out;
    },

    'entities.get': async ({ id }) => {
      const e = await entities.entity(id);
      const around = sentenceFinder(textLoader(store));
      const contexts = [];
      for (const m of e.mentions) {
        if (!summaryOf(m.articleId)) continue;
        const s = await around(m.articleId, m.start, m.end);
        contexts.push({ ...m, sentenceStart: s.start, sentenceEnd: s.end, sentence: shortContext(s, m.start, m.end, 400) });
      }
      const articleIds = [...new Set(e.mentions.map((m) => m.articleId))];
      const articles = articleIds.flatMap((aid) => {
        const s = summaryOf(aid);
        return s ? [{ id: aid, title: s.title, outlet: s.outlet, publishedAt: s.publishedAt }] : [];
      });
      return { ...e, articles, contexts };
    },

    'entities.proposals': async ({ status = 'all' }) => {
      const proposals = (await entities.proposals()).filter((p) => status === 'all' || p.status === status);
      const mentions = await entities.mentionsOf(proposals.flatMap((p) => p.names.map((name) => ({ kind: p.kind, name }))));
      const around = sentenceFinder(textLoader(store));
      const out: AliasProposalView[] = [];
      for (const p of proposals) {
        const names = [];
        for (const [i, name] of p.names.entries()) {
          const list = (mentions.get(`${p.kind}|${name}`) ?? []).filter((m) => summaryOf(m.articleId));
          const examples = [];
          for (const m of pickExamples(list)) {
            const s = await around(m.articleId, m.start, m.end);
            examples.push({ ...ref(m.articleId), start: m.start, end: m.end, text: m.text, context: shortContext(s, m.start, m.end) });
          }
          names.push({ name, entityId: p.entityIds[i]!, mentionCount: list.length, articleCount: new Set(list.map((m) => m.articleId)).size, examples });
        }
        out.push({ id: p.id, kind: p.kind, status: p.status, score: p.score, reason: p.reason, names });
      }
      return out;
    },

    'entities.decide': async ({ proposalId, decision }) => {
      const { proposal, entityId } = await entities.decide(proposalId, decision);
      return { proposalId, decision, names: proposal.names, entityId };
    },

    'entities.undecide': async ({ proposalId }) => ({ removed: await entities.undecide(proposalId) }),

    'entities.split': async ({ id, name }) => summarize(await entities.split(id, name)),

    'discrepancies.list': async () => {
      const { list, texts } = await entities.discrepancies();
      const around = sentenceFinder(texts);
      const out = [];
      for (const d of list) {
        const items = [];
        for (const it of d.items) {
          if (!summaryOf(it.articleId)) continue;
          const s = await around(it.articleId, it.start, it.end);
          items.push({ ...ref(it.articleId), start: it.start, end: it.end, text: it.text, context: shortContext(s, it.start, it.end) });
        }
        out.push({ id: d.id, kind: d.kind, summary: d.summary, items });
      }
      return out;
    },

    'timeline.list': async ({ from, to, limit }) => {
      const events = await entities.timeline();
      const out = [];
      for (const e of events) {
        // A month or year event is inside [from, to] when its span overlaps it: compare on the shared prefix.
        if (from && e.date < from.slice(0, e.date.length)) continue;
        if (to && e.date > to.slice(0, e.date.length)) continue;
        out.push({ ...ref(e.articleId), date: e.date, label: e.label, start: e.start, end: e.end, dateText: e.dateText, dateStart: e.dateStart, dateEnd: e.dateEnd, relative: e.relative });
        if (limit && out.length >= limit) break;
      }
      return out;
    },
  };
}

function summarize(e: Entity): EntitySummary {
  return {
    id: e.id,
    name: e.name,
    kind: e.kind,
    aliases: e.aliases,
    mentionCount: e.mentions.length,
    articleCount: new Set(e.mentions.map((m) => m.articleId)).size,
  };
}

/** Up to EXAMPLES_PER_NAME mentions, one per article first. */
function pickExamples(list: Entity['mentions']): Entity['mentions'] {
  const seen = new Set<string>();
  const first = list.filter((m) => !seen.has(m.articleId) && seen.add(m.articleId));
  return [...first, ...list.filter((m) => !first.includes(m))].slice(0, EXAMPLES_PER_NAME);
}
