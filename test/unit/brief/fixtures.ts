/** A small notebook in memory for brief and exporter tests: three articles, four claims, two sources. */
import type { ArticleSummary, Claim, Source } from '../../../shared/model/schemas';
import { makeArticle, makeClaim } from '../../helpers/store-fixtures';

export const TEXT_A = 'The council of Klaipėda voted 71 to 48 on Tuesday to expand the terminal. The minister said the decision "secures the winter".';
export const TEXT_B = 'Opposition leaders said the council had too little time to read the €310m plan, and called the vote rushed.';
export const TEXT_C = 'State television claimed, without evidence, that the terminal "will be finished by May".';

function quoteClaim(articleId: string, id: string, text: string, quote: string, extra: Partial<Claim> = {}): Claim {
  const start = text.indexOf(quote);
  if (start < 0) throw new Error(`fixture: "${quote}" not in article ${articleId}`);
  const end = start + quote.length;
  return makeClaim(articleId, id, {
    target: { exact: quote, prefix: text.slice(Math.max(0, start - 32), start), suffix: text.slice(end, end + 32), start, end },
    ...extra,
  });
}

export const articleA = makeArticle('a1', TEXT_A, {
  title: 'Council backs terminal expansion',
  outlet: 'Baltic Lédger',
  byline: 'By Rasa Petrauskienė and Jonas Jonaitis',
  publishedAt: '2026-03-14T08:00:00Z',
  url: 'https://ledger.example/2026/03/14/terminal',
});
export const articleB = makeArticle('a2', TEXT_B, {
  title: 'Opposition calls the vote "rushed" <fast>',
  outlet: 'Kurjeris',
  byline: 'Reuters',
  publishedAt: '2026-03-13',
});
export const articleC = makeArticle('a3', TEXT_C, { title: 'Terminal by May', outlet: 'State TV', byline: null, publishedAt: null, url: null });

const summary = ({ text: _t, ...rest }: typeof articleA): ArticleSummary => rest;
export const articles: ArticleSummary[] = [summary(articleA), summary(articleB), summary(articleC)];

export const claimVote = quoteClaim('a1', 'c-vote', TEXT_A, 'voted 71 to 48', { statement: 'The council approved the expansion 71-48', credibility: 2, kind: 'number' });
export const claimWinter = quoteClaim('a1', 'c-winter', TEXT_A, 'secures the winter', { statement: '', speaker: 'the minister', kind: 'quote', credibility: 3 });
export const claimRushed = quoteClaim('a2', 'c-rushed', TEXT_B, 'called the vote rushed', {
  statement: 'The opposition, says "the vote was rushed", & more',
  credibility: 3,
  kind: 'opinion',
  links: [{ claimId: 'c-vote', relation: 'contradicts' }],
});
export const claimMay = quoteClaim('a3', 'c-may', TEXT_C, 'will be finished by May', { statement: 'The terminal will be finished by May', credibility: 5, kind: 'prediction' });
export const claims: Claim[] = [claimVote, claimWinter, claimRushed, claimMay];

export const sources: Source[] = [
  { id: 's1', name: 'baltic ledger', reliability: 'B', stateAffiliated: false, notes: '', kind: 'outlet', aliases: [] },
  { id: 's2', name: 'State Broadcaster', reliability: 'E', stateAffiliated: true, notes: '', kind: 'outlet', aliases: ['State TV'] },
];
