/** Human output of `dossier entities`: entities by kind with their mentions, then the pending alias proposals. */
import type { AliasProposalView, EntityListItem } from '../../shared/api/methods/entities';
import type { EntityKind } from '../../shared/analysis';
import { alignColumns, shorten } from './format';

/** Mentions printed per entity; `--json` has them all. */
export const MENTIONS_SHOWN = 5;

const HEADINGS: [EntityKind, string][] = [
  ['person', 'People'],
  ['organization', 'Organisations'],
  ['place', 'Places'],
  ['other', 'Other names'],
  ['date', 'Dates'],
  ['number', 'Numbers'],
];

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

export function formatEntities(dir: string, entities: readonly EntityListItem[], proposals: readonly AliasProposalView[]): string {
  if (entities.length === 0) return 'No entities: import articles first (dossier import DIR FILE...).\n';
  const lines: string[] = [];
  for (const [kind, heading] of HEADINGS) {
    const list = entities.filter((e) => e.kind === kind);
    if (list.length === 0) continue;
    if (lines.length > 0) lines.push('');
    lines.push(`${heading} (${list.length})`);
    for (const e of list) {
      const also = e.aliases.length > 0 ? `  (also: ${e.aliases.join(', ')})` : '';
      lines.push(`  ${e.name}${also}  ${plural(e.mentionCount, 'mention')} in ${plural(e.articleCount, 'article')}  ${e.id}`);
      const mentions = e.mentions ?? [];
      const rows = mentions.slice(0, MENTIONS_SHOWN).map((m) => [`    ${m.articleId}`, `@${m.start}-${m.end}`, JSON.stringify(shorten(m.text, 60))]);
      lines.push(...alignColumns(rows));
      if (mentions.length > MENTIONS_SHOWN) lines.push(`    … ${mentions.length - MENTIONS_SHOWN} more (--json lists every mention)`);
    }
  }
  const pending = proposals.filter((p) => p.status === 'pending');
  lines.push('');
  if (pending.length === 0) {
    lines.push('No alias merges to propose.');
  } else {
    lines.push(`Proposed alias merges (${pending.length})`);
    for (const p of pending) {
      const names = p.names.map((n) => `"${n.name}" (${plural(n.mentionCount, 'mention')}, ${plural(n.articleCount, 'article')})`).join(' = ');
      lines.push(`  ${p.kind}: ${names}  [${p.reason}, score ${p.score}]`);
      lines.push(`    confirm: dossier call ${dir} entities.decide '${JSON.stringify({ proposalId: p.id, decision: 'confirm' })}'`);
    }
  }
  return `${lines.join('\n')}\n`;
}
