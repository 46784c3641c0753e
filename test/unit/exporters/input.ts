/** One ExportInput for every exporter test: the fixture notebook with a brief citing its claims. */
import { citation, doc, generatedSection, heading, judgment, paragraph, text } from '../../../shared/brief/doc';
import { layoutBrief } from '../../../shared/brief/layout';
import type { Brief } from '../../../shared/model/schemas';
import type { ExportInput } from '../../../electron/exporters/types';
import { makeAnnotation, makeTag } from '../../helpers/store-fixtures';
import { articleA, articleB, articleC, articles, claims, sources } from '../brief/fixtures';

export const NOW = new Date('2026-11-23T12:00:00Z');

export const briefDoc = doc(
  heading(1, 'Terminal & <the> "winter"'),
  heading(2, 'Bottom line up front'),
  paragraph(text('The expansion passed', ['bold']), text(' but its timing is '), text('contested', ['italic']), text('.'), citation('c-vote'), citation('c-rushed')),
  heading(2, 'Key judgments'),
  judgment('likely', 'moderate', text('Work is likely to start; 50% | pipes * _under_ [x].'), citation('c-vote'), citation('c-may')),
  paragraph(text('Again the vote'), citation('c-vote'), text(' and a gone claim '), citation('deleted-claim')),
  heading(2, 'Annex'),
  generatedSection('annex'),
);

export function exportInput(): ExportInput {
  const brief: Brief = { id: 'b1', title: 'Terminal & <the> "winter"', doc: briefDoc as Brief['doc'], createdAt: NOW.toISOString(), updatedAt: NOW.toISOString() };
  const tagged = claims.map((c) => (c.id === 'c-vote' ? { ...c, tags: ['t1'] } : c));
  const layout = layoutBrief({ brief: { id: 'b1', title: brief.title, doc: briefDoc }, notebookName: 'Port', claims: tagged, articles, sources, now: NOW });
  return {
    layout,
    brief,
    notebook: { id: 'nb-1', name: 'Port', createdAt: NOW.toISOString() },
    articles,
    citedArticles: [articleA, articleB, articleC],
    annotations: [makeAnnotation('a1', 'h1', { tags: ['t1'] })],
    tags: [makeTag('t1', 'Votes')],
    claims: tagged,
    sources,
    exportedAt: NOW.toISOString(),
  };
}
