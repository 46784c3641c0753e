/** Handlers of the `claims.*` and `sources.*` methods. */
import { randomUUID } from 'node:crypto';
import type { Handlers } from '../../shared/api/contract';
import type { claimMethods } from '../../shared/api/methods/claims';
import { DossierError } from '../../shared/api/result';
import type { Claim } from '../../shared/model/schemas';
import { resolveTarget, type ServiceContext } from './context';
import { claimAnchor, reviewTarget } from './edit-article';

export function createClaimHandlers({ store, now }: ServiceContext): Handlers<keyof typeof claimMethods> {
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
      const stamp = now().toISOString();
      const claim: Claim = {
        id: randomUUID(),
        articleId,
        target: selector,
        statement: statement?.trim() || selector.exact,
        speaker: speaker ?? null,
        kind: kind ?? 'fact',
        tags: [],
        status: 'unverified',
        credibility: null,
        links: [],
        note: '',
        createdAt: stamp,
        updatedAt: stamp,
      };
      await store.putClaim(claim);
      return claim;
    },

    'claims.review': async ({ articleId, id, action, start, end }) => {
      const current = (await store.listClaims(articleId)).find((c) => c.id === id);
      if (!current) throw new DossierError('not-found', `No claim ${id} on article ${articleId}.`);
      if (action === 'delete') return { deleted: await store.deleteClaim(articleId, id), claim: null };
      const article = await store.getArticle(articleId);
      if (action === 'accept' && claimAnchor(current, article.text).status !== 'orphaned') {
        throw new DossierError('conflict', `The claim ${id} is anchored, not waiting for review; move or delete it instead.`);
      }
      const { target } = reviewTarget(article.title, article.text, current.target, action, { start, end });
      const updated: Claim = { ...current, target, updatedAt: now().toISOString() };
      await store.putClaim(updated);
      return { deleted: false, claim: updated };
    },

    'sources.list': async () => store.listSources(),

  };
}
