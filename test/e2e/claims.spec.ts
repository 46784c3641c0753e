/**
 * Claims end to end in Chromium through the browser host: two articles about one vote from two
 * outlets; a mouse selection becomes a claim, its source is graded B in the Inspector, a claim in
 * the other article is linked as corroborating it, the Inspector counts two independent origins
 * (one article rests on an agency, the other on its own reporter), and the comparison view shows
 * both quotes side by side. The claims table and the sources view show the same facts.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test, type DossierHost } from '../helpers/host-process';

const LEDGER = [
  'Council backs terminal expansion',
  'Outlet: Baltic Ledger',
  'Published: 2026-03-14',
  '',
  'The Klaipėda city council voted 71 to 48 on Tuesday to expand the gas terminal, according to the state news agency Zaria.',
  '',
  'Minister Dovilė Žemaitytė said the decision "secures the winter".',
  '',
].join('\n');
const COASTAL = [
  'Terminal vote passes after long debate',
  'Outlet: Coastal Times',
  'Published: 2026-03-15',
  '',
  'Councillors in Klaipėda approved the terminal expansion by 71 votes to 48, our reporter in the chamber saw.',
  '',
  'The opposition said the plan would cost €310m.',
  '',
].join('\n');
const QUOTE_A = 'council voted 71 to 48 on Tuesday';
const QUOTE_B = 'approved the terminal expansion by 71 votes to 48';

async function importArticles(page: Page, dossier: DossierHost): Promise<Record<'ledger' | 'coastal', { id: string; title: string; text: string }>> {
  const paths = [];
  for (const [name, text] of [['ledger.txt', LEDGER], ['coastal.txt', COASTAL]] as const) {
    const path = test.info().outputPath('files', name);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, text);
    paths.push(path);
  }
  await page.getByLabel('Choose files to import').setInputFiles(paths);
  await expect(page.getByRole('status').filter({ hasText: /Imported 2/ })).toBeVisible();
  const list = await dossier.call('articles.list', {});
  const find = async (fileName: string) => {
    const summary = list.items.find((a) => a.source.fileName === fileName);
    if (!summary) throw new Error(`${fileName} was not imported`);
    expect(summary.outlet).not.toBeNull();
    const article = await dossier.call('articles.get', { id: summary.id });
    return { id: summary.id, title: summary.title, text: article.text };
  };
  return { ledger: await find('ledger.txt'), coastal: await find('coastal.txt') };
}

/** A real drag selection from the first to the last letter of `phrase` in the reader. */
async function dragSelect(page: Page, text: string, phrase: string): Promise<void> {
  const start = text.indexOf(phrase);
  expect(start).toBeGreaterThanOrEqual(0);
  const points = await page.evaluate(
    ({ start, end }) => {
      const rectOf = (offset: number): DOMRect => {
        for (const piece of Array.from(document.querySelectorAll<HTMLElement>('.reader-body [data-start]'))) {
          const s = Number(piece.dataset.start);
          const e = Number(piece.dataset.end);
          if (offset >= s && offset < e && piece.firstChild instanceof Text) {
            const range = document.createRange();
            range.setStart(piece.firstChild, offset - s);
            range.setEnd(piece.firstChild, offset - s + 1);
            return range.getBoundingClientRect();
          }
        }
        throw new Error(`offset ${offset} is not rendered`);
      };
      const a = rectOf(start);
      const b = rectOf(end - 1);
      return { x1: a.left + 1, y1: a.top + a.height / 2, x2: b.right - 1, y2: b.top + b.height / 2 };
    },
    { start, end: start + phrase.length },
  );
  await page.mouse.move(points.x1, points.y1);
  await page.mouse.down();
  await page.mouse.move((points.x1 + points.x2) / 2, (points.y1 + points.y2) / 2, { steps: 4 });
  await page.mouse.move(points.x2, points.y2, { steps: 4 });
  await page.mouse.up();
}

async function openArticle(page: Page, title: string): Promise<void> {
  await page.getByRole('listbox', { name: 'Articles' }).getByRole('option', { name: title }).click();
  await expect(page.getByRole('main', { name: 'Reader' }).getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(page.locator('.reader-body [data-start]').first()).toBeVisible();
}

async function claimSelection(page: Page, dossier: DossierHost, articleId: string, text: string, phrase: string) {
  await dragSelect(page, text, phrase);
  await page.getByRole('toolbar', { name: /Highlight, tag/ }).getByRole('button', { name: /^Claim/ }).click();
  await expect.poll(async () => (await dossier.call('claims.list', { articleId })).length).toBe(1);
  const [claim] = await dossier.call('claims.list', { articleId });
  if (!claim) throw new Error('no claim');
  expect(claim.target.exact).toBe(phrase);
  return claim;
}

test('a selection becomes a claim, its source is graded, a corroborating claim is linked, origins are counted and compared', async ({ page, dossier }) => {
  test.setTimeout(60_000);
  await page.goto(dossier.url);
  await expect(page.getByRole('listbox', { name: 'Articles' })).toBeVisible();
  const { ledger, coastal } = await importArticles(page, dossier);
  const inspector = page.getByRole('complementary', { name: 'Inspector' });

  // 1. A mouse selection in the Baltic Ledger article becomes a claim, selected in the Inspector.
  await openArticle(page, ledger.title);
  const first = await claimSelection(page, dossier, ledger.id, ledger.text, QUOTE_A);
  expect(first.kind).toBe('number'); // guessed from the words
  const section = inspector.getByRole('region', { name: 'Claim' });
  await expect(section.locator('blockquote')).toHaveText(QUOTE_A);

  // 2. Grade its source in place: reliability B belongs to the outlet, for every claim from it. The
  //    sample notebook already knows "The Baltic Ledger": the outlet is matched to it, not duplicated.
  await section.getByLabel('Source reliability: Baltic Ledger').selectOption('B');
  await expect
    .poll(async () => (await dossier.call('sources.list', {})).filter((s) => /Baltic Ledger$/.test(s.name)).map((s) => s.reliability))
    .toEqual(['B']);
  await section.getByLabel('Credibility (Admiralty 1-6)').selectOption('2');
  await expect.poll(async () => (await dossier.call('claims.list', { articleId: ledger.id }))[0]?.credibility).toBe(2);
  // Alone, the claim rests on one origin: the agency the article cites.
  await expect(section.getByTestId('corroboration-count')).toHaveText('1');
  await expect(section.getByRole('list', { name: 'Origins' })).toHaveText('Zaria');

  // 3. A claim in the Coastal Times article, linked as corroborating the first one.
  await openArticle(page, coastal.title);
  const second = await claimSelection(page, dossier, coastal.id, coastal.text, QUOTE_B);
  const secondSection = inspector.getByRole('region', { name: 'Claim' });
  await expect(secondSection.locator('blockquote')).toHaveText(QUOTE_B);
  await secondSection.getByLabel('This claim').selectOption('corroborates');
  await secondSection.getByRole('searchbox', { name: 'Find a claim to link' }).fill('voted 71');
  await secondSection.getByRole('list', { name: 'Claims to link' }).getByRole('button', { name: /^Link as corroborates/ }).click();
  await expect(secondSection.getByRole('list', { name: 'Linked claims' })).toContainText(QUOTE_A);
  const stored = (await dossier.call('claims.list', { articleId: coastal.id }))[0];
  expect(stored?.links).toEqual([{ claimId: first.id, relation: 'corroborates' }]);

  // 4. Two independent origins: the agency behind the Ledger, and the Coastal Times' own reporter.
  await expect(secondSection.getByTestId('corroboration-count')).toHaveText('2');
  await expect(secondSection.getByRole('list', { name: 'Origins' }).getByRole('listitem')).toHaveText(['Coastal Times', 'Zaria']);

  // 5. The comparison view shows both quotes side by side with their outlets and grades.
  await secondSection.getByRole('button', { name: 'Compare' }).click();
  await expect(page.getByRole('tab', { name: 'Claims' })).toHaveAttribute('aria-selected', 'true');
  const comparison = page.getByRole('region', { name: 'Comparison' });
  const cards = comparison.getByRole('list', { name: 'Claims compared' }).getByRole('listitem');
  await expect(cards).toHaveCount(2);
  await expect(cards.nth(0).locator('blockquote')).toHaveText(QUOTE_B);
  await expect(cards.nth(0)).toContainText('Coastal Times');
  await expect(cards.nth(1).locator('blockquote')).toHaveText(QUOTE_A);
  await expect(cards.nth(1)).toContainText('Baltic Ledger');
  await expect(cards.nth(1)).toContainText('B2');
  await expect(cards.nth(1)).toContainText('corroborated by this claim');

  // 6. The claims table: both claims, with their origins counted; the words are one click away.
  await comparison.getByRole('button', { name: '← All claims' }).click();
  const table = page.getByRole('table', { name: 'Claims' });
  await expect(table.getByRole('row')).toHaveCount(3);
  await table.getByRole('button', { name: 'Origins' }).click();
  await expect(table.getByRole('columnheader', { name: 'Origins' })).toHaveAttribute('aria-sort', 'ascending');
  await table.getByRole('combobox', { name: `Status of “${QUOTE_A}”` }).selectOption('corroborated');
  await expect.poll(async () => (await dossier.call('claims.list', { articleId: ledger.id }))[0]?.status).toBe('corroborated');
  await table.getByRole('button', { name: `Show the words of “${QUOTE_A}”` }).click();
  await expect(page.getByRole('main', { name: 'Reader' }).getByRole('heading', { level: 1 })).toHaveText(ledger.title);

  // 7. The sources view lists the outlets and the agency (an outlet of its own in the sample notebook), with the grade given above.
  await page.getByRole('tab', { name: 'Sources' }).click();
  const sources = page.getByRole('table', { name: 'Sources' });
  await expect(sources.getByRole('combobox', { name: 'Reliability of The Baltic Ledger' })).toHaveValue('B');
  await expect(sources.getByRole('row', { name: /^Zaria/ })).toContainText('outlet');
  await expect(sources.getByRole('row', { name: /^Coastal Times/ })).toContainText('1');
  await sources.getByRole('checkbox', { name: 'Zaria is state-affiliated' }).check();
  await expect.poll(async () => (await dossier.call('sources.list', {})).find((s) => s.name === 'Zaria')?.stateAffiliated).toBe(true);
  expect(second.id).not.toBe(first.id);

  // 8. One outlet found under two names: merging asks first, then keeps the grade and the other name as an alias.
  await sources.getByRole('combobox', { name: 'Merge Coastal Times into another source' }).selectOption({ label: 'The Baltic Ledger' });
  const confirm = page.getByRole('alertdialog', { name: 'Confirm merge' });
  await expect(confirm).toContainText('keeps its grade (B)');
  await confirm.getByRole('button', { name: 'Merge' }).click();
  await expect(sources.getByRole('row', { name: /^The Baltic Ledger/ })).toContainText('also Coastal Times');
  await expect(sources.getByRole('row', { name: /^Coastal Times/ })).toHaveCount(0);
  await expect.poll(async () => (await dossier.call('sources.list', {})).some((s) => s.name === 'Coastal Times')).toBe(false);
});

test('a long claims table renders only the rows in view, and filters, groups and sorts all of them', async ({ page, dossier }) => {
  test.setTimeout(120_000); // 260 claims made one call at each, each a durable write
  await page.goto(dossier.url);
  await expect(page.getByRole('listbox', { name: 'Articles' })).toBeVisible();
  const { items } = await dossier.call('articles.list', {});
  const article = items[0];
  if (!article) throw new Error('the sample notebook has no articles');
  const text = (await dossier.call('articles.get', { id: article.id })).text;
  // 260 claims on successive words of one article, numbered so the test can find them.
  const words = [...text.matchAll(/\p{L}{4,}/gu)].slice(0, 260);
  expect(words.length).toBe(260);
  for (const [i, w] of words.entries()) {
    await dossier.call('claims.create', {
      articleId: article.id,
      target: { start: w.index, end: w.index + w[0].length },
      statement: `Claim number ${String(i).padStart(3, '0')} ${i % 2 === 0 ? 'even' : 'odd'}`,
      kind: i % 3 === 0 ? 'quote' : 'fact',
    });
  }

  await page.getByRole('tab', { name: 'Claims' }).click();
  const table = page.getByRole('table', { name: 'Claims' });
  await expect(page.getByText('260 claims')).toBeVisible();
  await expect(table).toHaveAttribute('aria-rowcount', '261');
  const rendered = await table.locator('tbody tr.claims-row').count();
  expect(rendered).toBeGreaterThan(5);
  expect(rendered).toBeLessThan(120);

  // Sorting by statement, descending: the last claim comes first.
  await table.getByRole('button', { name: 'Statement' }).click();
  await table.getByRole('button', { name: 'Statement' }).click();
  await expect(table.getByRole('columnheader', { name: 'Statement' })).toHaveAttribute('aria-sort', 'descending');
  await expect(table.locator('tbody tr.claims-row').first()).toContainText('Claim number 259 odd');

  // Filtering works on every claim, not only the rendered ones.
  await page.getByRole('searchbox', { name: 'Filter claims by words' }).fill('number 007');
  await expect(page.getByText('1 of 260 claims')).toBeVisible();
  await expect(table.locator('tbody tr.claims-row')).toHaveCount(1);
  await page.getByRole('searchbox', { name: 'Filter claims by words' }).fill('');
  await page.getByRole('combobox', { name: 'Filter by kind' }).selectOption('quote');
  await expect(page.getByText('87 of 260 claims')).toBeVisible();

  // Grouping by kind shows a group header with its count.
  await page.getByRole('combobox', { name: 'Filter by kind' }).selectOption('');
  await page.getByLabel('Group by').selectOption('kind');
  await expect(table.locator('tr.claims-group-row').first()).toHaveText(/^fact\s*\(173\)$/);
});

test('suggested claims are accepted or dismissed, and a deleted claim comes back with undo', async ({ page, dossier }) => {
  await page.goto(dossier.url);
  await expect(page.getByRole('listbox', { name: 'Articles' })).toBeVisible();
  const { ledger } = await importArticles(page, dossier);
  await openArticle(page, ledger.title);
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  const suggestions = inspector.getByRole('list', { name: 'Suggested claims' });
  const minister = suggestions.getByRole('listitem').filter({ hasText: 'secures the winter' });
  await expect(minister).toContainText('Dovilė Žemaitytė');

  // Accept: the sentence becomes a claim with the suggested speaker and kind, and is selected.
  const suggested = (await dossier.call('claims.suggest', { articleId: ledger.id })).find((s) => s.text.includes('secures the winter'));
  await minister.getByRole('button', { name: /^Accept/ }).click();
  await expect.poll(async () => (await dossier.call('claims.list', { articleId: ledger.id })).length).toBe(1);
  const [claim] = await dossier.call('claims.list', { articleId: ledger.id });
  expect(claim).toMatchObject({ speaker: 'Dovilė Žemaitytė', kind: suggested?.kind, target: { start: suggested?.start, end: suggested?.end } });
  const section = inspector.getByRole('region', { name: 'Claim' });
  await expect(section.locator('blockquote')).toContainText('secures the winter');
  await expect(suggestions.getByRole('listitem').filter({ hasText: 'secures the winter' })).toHaveCount(0);

  // Dismiss: gone from the panel and from the notebook's suggestions for good.
  const vote = suggestions.getByRole('listitem').filter({ hasText: 'voted 71 to 48' });
  await vote.getByRole('button', { name: /^Dismiss/ }).click();
  await expect(vote).toHaveCount(0);
  expect((await dossier.call('claims.suggest', { articleId: ledger.id })).some((s) => s.text.includes('voted 71 to 48'))).toBe(false);

  // Delete, then undo from the keyboard: the claim is back with its id.
  await section.getByRole('button', { name: 'Delete claim' }).click();
  await expect.poll(async () => (await dossier.call('claims.list', { articleId: ledger.id })).length).toBe(0);
  await page.getByRole('main', { name: 'Reader' }).getByRole('heading', { level: 1 }).click();
  await page.keyboard.press('Control+z');
  await expect.poll(async () => (await dossier.call('claims.list', { articleId: ledger.id })).map((c) => c.id)).toEqual([claim?.id]);
});
