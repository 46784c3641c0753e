/**
 * Entities end to end in Chromium through the browser host: two outlets spell one minister
 * differently ("Žemaitytė" / "Zemaityte") and disagree on a vote count. The Entities view proposes
 * the two spellings as one person with where each occurs; confirming merges them (undo and redo work) (the entity page
 * lists mentions from both articles and jumps to the words); the Discrepancies view lists both the
 * spelling and the vote count side by side with their outlets; the Timeline shows the dated event.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { expect, test } from '../helpers/host-process';

const LEDGER = [
  'Parliament backs terminal expansion',
  'Outlet: Baltic Ledger',
  'Published: 2026-03-12',
  '',
  'Minister Dovilė Žemaitytė said on Tuesday that parliament in Vilnius voted 71 to 48 to expand the Klaipėda terminal.',
  '',
  'Žemaitytė called the decision vital for the winter.',
  '',
].join('\n');
const NORDPRESS = [
  'Terminal vote passes',
  'Outlet: Nordpress',
  'Published: 2026-03-13',
  '',
  'Minister Dovile Zemaityte told reporters that parliament in Vilnius voted 69 to 50 to expand the Klaipėda terminal.',
  '',
  'The expansion will open on 1 December 2026, the ministry said.',
  '',
].join('\n');

test('an alias proposal is confirmed in Entities, and the spelling and the vote count show in Discrepancies', async ({ page, dossier }) => {
  // An empty notebook of its own (the sample notebook already spells this minister several ways).
  await dossier.call('notebook.create', { path: test.info().outputPath('notebook') });
  await page.goto(dossier.url);
  const paths = [];
  for (const [name, text] of [['ledger.txt', LEDGER], ['nordpress.txt', NORDPRESS]] as const) {
    const path = test.info().outputPath('files', name);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, text);
    paths.push(path);
  }
  await page.getByLabel('Choose files to import').setInputFiles(paths);
  await expect(page.getByRole('status').filter({ hasText: /Imported 2/ })).toBeVisible();

  // The proposal: both spellings, each with the outlet it occurs in.
  await page.getByRole('tab', { name: 'Entities' }).click();
  const proposal = page.getByRole('listitem', { name: 'Proposal: Dovilė Žemaitytė = Dovile Zemaityte' });
  await expect(proposal).toBeVisible();
  await expect(proposal.getByRole('list', { name: 'Where “Dovilė Žemaitytė” occurs' })).toContainText('Baltic Ledger');
  await expect(proposal.getByRole('list', { name: 'Where “Dovile Zemaityte” occurs' })).toContainText('Nordpress');
  await expect(proposal.getByRole('list', { name: 'Where “Dovile Zemaityte” occurs' })).toContainText('told reporters that parliament in Vilnius voted 69 to 50');

  await proposal.getByRole('button', { name: 'Confirm' }).click();
  await expect(proposal).toHaveCount(0);
  // Undo brings the proposal back; redo confirms it again.
  await page.locator('body').press('Control+z');
  await expect(proposal).toBeVisible();
  await page.locator('body').press('Control+Shift+z');
  await expect(proposal).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Proposed aliases (0)' })).toBeVisible();
  await expect
    .poll(async () => (await dossier.call('entities.list', { kind: 'person', query: 'zemaityte' })).map((e) => [e.name, e.aliases, e.articleCount]))
    .toEqual([['Dovilė Žemaitytė', ['Dovile Zemaityte'], 2]]);

  // The merged entity's page: mentions from both articles, each opening the reader at the words.
  await page.getByLabel('Kind of entity').selectOption('person');
  await page.getByRole('searchbox', { name: 'Filter entities' }).fill('zemaityte');
  const row = page.getByRole('list', { name: 'Entities' }).getByRole('button', { name: /Dovilė Žemaitytė \(also Dovile Zemaityte\)/ });
  await expect(row).toContainText('3 mentions in 2 articles');
  await row.click();
  await expect(page.getByRole('heading', { name: /^Dovilė Žemaitytė/, level: 2 })).toBeFocused();
  await expect(page.getByRole('list', { name: 'Mentions in Terminal vote passes' }).getByRole('listitem')).toHaveCount(1);
  await expect(page.getByRole('list', { name: 'Mentions in Parliament backs terminal expansion' }).getByRole('listitem')).toHaveCount(2);
  await page.getByRole('button', { name: 'Open “Dovile Zemaityte” in Terminal vote passes' }).click();
  await expect(page.locator('.reader-body mark[data-reveal]')).toHaveText('Dovile Zemaityte');

  // Discrepancies: the spelling and the vote count, side by side with their outlets.
  await page.getByRole('tab', { name: 'Discrepancies' }).click();
  const spelling = page.getByRole('list', { name: 'Spellings of one name' }).getByRole('listitem', { name: /Name spelled 2 ways: "Dovile Zemaityte" \(1 article\), "Dovilė Žemaitytė" \(1 article\)/ });
  await expect(spelling).toBeVisible();
  const votes = page.getByRole('list', { name: 'Different numbers for one fact' }).getByRole('listitem', { name: 'Different vote counts: 69–50 (1 article), 71–48 (1 article)' });
  await expect(votes).toBeVisible();
  const values = votes.getByRole('list', { name: 'Values side by side' }).getByRole('listitem');
  await expect(values).toHaveCount(2);
  await expect(values.nth(0)).toContainText('69 to 50');
  await expect(values.nth(0)).toContainText('Nordpress');
  await expect(values.nth(1)).toContainText('71 to 48');
  await expect(values.nth(1)).toContainText('Baltic Ledger');
  await values.nth(1).getByRole('button', { name: 'Show “71 to 48” in Parliament backs terminal expansion' }).click();
  await expect(page.locator('.reader-body mark[data-reveal]')).toHaveText('71 to 48');

  // Timeline: the event date apart from the publication date, linked to its sentence.
  await page.getByRole('tab', { name: 'Timeline' }).click();
  await expect(page.getByRole('heading', { name: '10 March 2026' })).toBeVisible();
  const tuesday = page.getByRole('list', { name: 'Events on 10 March 2026' }).getByRole('listitem');
  await expect(tuesday).toContainText('dated from “on Tuesday”');
  await expect(tuesday).toContainText(/Baltic Ledger · published (Mar 12, 2026|12 Mar 2026)/);
  await expect(page.getByRole('heading', { name: '1 December 2026' })).toBeVisible();
  await tuesday.getByRole('button').click();
  await expect(page.locator('.reader-body mark[data-reveal]')).toContainText('Minister Dovilė Žemaitytė said on Tuesday');
});
