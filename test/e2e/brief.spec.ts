/**
 * The brief, end to end through the browser host: claims made through the API, a brief created in
 * the Briefs view, a claim DRAGGED from the picker into the text (numbered [1]), a non-standard
 * likelihood word flagged by the checker in a key judgment, and every export format downloaded
 * through the Export menu with the right extension and a non-empty body.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { expect, test, type DossierHost } from '../helpers/host-process';

/** Two claims on the sample notebook's first article: its first two sentences of some length. */
async function makeTwoClaims(dossier: DossierHost): Promise<Array<{ id: string; quote: string }>> {
  const list = await dossier.call('articles.list', {});
  for (const summary of list.items) {
    const article = await dossier.call('articles.get', { id: summary.id });
    const sentences = [...article.text.matchAll(/[A-Z][^.!?\n]{30,160}[.!?]/g)].slice(0, 2);
    if (sentences.length < 2) continue;
    const made = [];
    for (const m of sentences) {
      const claim = await dossier.call('claims.create', { articleId: article.id, target: { start: m.index, end: m.index + m[0].length } });
      made.push({ id: claim.id, quote: claim.target.exact });
    }
    return made;
  }
  throw new Error('No sample article has two sentences to make claims on.');
}

async function openBriefs(page: Page, dossier: DossierHost): Promise<void> {
  await page.goto(dossier.url);
  await expect(page.getByRole('listbox', { name: 'Articles' })).toBeVisible();
  await page.getByRole('tab', { name: 'Briefs', exact: true }).click();
}

test('compose a brief by dragging a claim, see the checker flag "perhaps", export every format', async ({ page, dossier }) => {
  test.setTimeout(90_000);
  const claims = await makeTwoClaims(dossier);
  await openBriefs(page, dossier);

  await page.getByRole('button', { name: 'New empty brief' }).click();
  const editor = page.getByRole('textbox', { name: 'Brief text' });
  await expect(editor).toBeVisible();
  await expect(editor.getByRole('heading', { level: 2, name: 'Bottom line up front' })).toBeVisible();

  // The picker lists both claims with their quotes.
  const picker = page.getByRole('list', { name: 'Claims' });
  for (const c of claims) await expect(picker.locator(`[data-claim-id="${c.id}"]`)).toContainText(c.quote.slice(0, 30));

  // Drag the second claim into the empty bottom-line paragraph (real HTML5 drag and drop).
  const bottomLine = editor.locator('h2:has-text("Bottom line up front") + p');
  await picker.locator(`[data-claim-id="${claims[1]!.id}"]`).dragTo(bottomLine);
  const citations = editor.locator('[data-type="citation"]');
  await expect(citations).toHaveCount(1);
  await expect(citations.first()).toHaveText('[1]');
  await expect(citations.first()).toHaveAttribute('data-claim-id', claims[1]!.id);

  // The generated annex previews the cited claim with its number, as the export will print it.
  const annex = page.getByRole('region', { name: 'Annex: cited claims (generated): preview' });
  await expect(annex).toContainText(claims[1]!.quote.slice(0, 30));
  await expect(annex.getByRole('button', { name: 'Open the words of citation 1' })).toBeVisible();
  await page.getByRole('button', { name: 'Refresh Annex: cited claims (generated)' }).click();
  await expect(annex).toContainText(claims[1]!.quote.slice(0, 30));

  // Its card on hover: the quote and the grade.
  await citations.first().hover();
  await expect(page.getByRole('tooltip')).toContainText(claims[1]!.quote.slice(0, 30));
  await expect(page.getByRole('tooltip')).toContainText('Grade');

  // A key judgment with a non-standard likelihood word: the checker underlines it and explains why.
  const judgment = editor.locator('.brief-judgment').first();
  await judgment.getByLabel('Likelihood (ICD 203)').selectOption('likely');
  await judgment.locator('.judgment-text').click();
  await page.keyboard.type('The port council will perhaps approve the terminal.');
  const flagged = editor.locator('.brief-issue-non-standard-likelihood', { hasText: 'perhaps' });
  await expect(flagged).toBeVisible();
  await expect(flagged).toHaveAttribute('title', /not one of ICD 203's seven likelihood terms/);
  await page.getByRole('tab', { name: /Checks/ }).click();
  await expect(page.getByRole('list', { name: 'Checker advice' })).toContainText('Non-standard likelihood word');

  // Typing never waited for the checker; the autosave lands and the stored brief has the citation.
  await expect(page.getByTestId('brief-save-status')).toHaveText('Saved', { timeout: 10_000 });
  const [summary] = await dossier.call('briefs.list', {});
  const stored = await dossier.call('briefs.get', { id: summary!.id });
  expect(JSON.stringify(stored.doc)).toContain(claims[1]!.id);
  expect(JSON.stringify(stored.doc)).toContain('perhaps');

  await page.screenshot({ path: test.info().outputPath('brief-editor.png'), fullPage: true });

  // Every export format through the menu: a download named with its extension, never empty.
  const formats = await dossier.call('export.formats', {});
  expect(formats.map((f) => f.format).sort()).toEqual(['csl', 'csv', 'docx', 'html', 'json', 'jsonld', 'md', 'pdf', 'qdpx']);
  for (const f of formats) {
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    const downloaded = page.waitForEvent('download', { timeout: 30_000 });
    await page.getByRole('menuitem', { name: f.label, exact: true }).click();
    const download = await downloaded;
    expect(download.suggestedFilename(), f.format).toMatch(new RegExp(`\\.${f.extension.replace('.', '\\.')}$`));
    const bytes = await readFile((await download.path())!);
    expect(bytes.length, `${f.format} export is not empty`).toBeGreaterThan(0);
    if (f.format === 'md') expect(bytes.toString('utf8')).toContain(claims[1]!.quote.slice(0, 30));
    if (f.format === 'pdf') expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    if (f.format === 'docx' || f.format === 'qdpx') expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    await expect(page.getByRole('status').filter({ hasText: `Exported ${download.suggestedFilename()}` })).toBeVisible();
  }
});

test('cite from the typed command, renumber live, and restore a snapshot', async ({ page, dossier }) => {
  test.setTimeout(60_000);
  const claims = await makeTwoClaims(dossier);
  await openBriefs(page, dossier);
  await page.getByRole('button', { name: 'New empty brief' }).click();
  const editor = page.getByRole('textbox', { name: 'Brief text' });
  await expect(editor).toBeVisible();

  // "/cite" opens the claim search at the caret; Enter cites the first match.
  await editor.locator('h2:has-text("Bottom line up front") + p').click();
  await page.keyboard.type('First ');
  await page.keyboard.type('/cite');
  const dialog = page.getByRole('dialog', { name: 'Cite a claim' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('combobox').fill(claims[0]!.quote.slice(0, 25));
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(editor).not.toContainText('/cite');

  // A second claim cited BEFORE the first one takes number 1; the first becomes [2].
  await page.keyboard.press('Home');
  await page.keyboard.press('ControlOrMeta+Shift+C');
  await dialog.getByRole('combobox').fill(claims[1]!.quote.slice(0, 25));
  await page.keyboard.press('Enter');
  const citations = editor.locator('[data-type="citation"]');
  await expect(citations).toHaveText(['[1]', '[2]']);
  await expect(citations.nth(0)).toHaveAttribute('data-claim-id', claims[1]!.id);
  await expect(citations.nth(1)).toHaveAttribute('data-claim-id', claims[0]!.id);
  // The command's own text is gone, nothing else is.
  await expect(editor.locator('h2:has-text("Bottom line up front") + p')).toHaveText('[1]First [2]');

  // Snapshot, change, compare, restore.
  await page.getByRole('tab', { name: 'History' }).click();
  await page.getByLabel('Snapshot label').fill('Two citations');
  await page.getByRole('button', { name: 'Save snapshot' }).click();
  const snapshots = page.getByRole('list', { name: 'Snapshots' });
  await expect(snapshots.getByRole('listitem')).toHaveCount(1);
  await expect(snapshots).toContainText('Two citations');

  await editor.locator('h2:has-text("Bottom line up front") + p').click();
  await page.keyboard.press('End');
  await page.keyboard.type(' Added later.');
  await page.getByRole('button', { name: 'Compare Two citations with now' }).click();
  const comparison = page.getByRole('region', { name: 'Comparison' });
  await expect(comparison).toContainText('2 words added, 0 removed');
  await expect(comparison.locator('ins')).toHaveText('Added later.');

  await page.getByRole('button', { name: 'Restore Two citations' }).click();
  await page.getByRole('group', { name: 'Confirm restoring Two citations' }).getByRole('button', { name: 'Restore' }).click();
  await expect(editor).not.toContainText('Added later.');
  await expect(citations).toHaveText(['[1]', '[2]']);
  // The version before the restore was saved first, so the restore can be undone.
  await expect(snapshots.getByRole('listitem')).toHaveCount(2);
});

test('create a brief from every claim, rename it and delete it after confirming', async ({ page, dossier }) => {
  test.setTimeout(60_000);
  const claims = await makeTwoClaims(dossier);
  await openBriefs(page, dossier);
  await page.getByRole('button', { name: 'New brief from all claims' }).click();
  const editor = page.getByRole('textbox', { name: 'Brief text' });
  // The evidence section cites each claim once, numbered in order.
  await expect(editor.locator('[data-type="citation"]')).toHaveText(['[1]', '[2]']);
  const ids = await editor.locator('[data-type="citation"]').evaluateAll((els) => els.map((el) => el.getAttribute('data-claim-id')));
  expect(new Set(ids)).toEqual(new Set(claims.map((c) => c.id)));

  const briefs = page.getByRole('navigation', { name: 'Briefs' });
  await briefs.getByRole('button', { name: 'Rename Brief from all claims' }).click();
  await briefs.getByLabel('New title').fill('Klaipėda terminal brief');
  await briefs.getByLabel('New title').press('Enter');
  await expect(briefs).toContainText('Klaipėda terminal brief');
  expect((await dossier.call('briefs.list', {}))[0]?.title).toBe('Klaipėda terminal brief');

  await briefs.getByRole('button', { name: 'Delete Klaipėda terminal brief' }).click();
  const confirm = briefs.getByRole('group', { name: 'Confirm deleting Klaipėda terminal brief' });
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  expect(await dossier.call('briefs.list', {})).toHaveLength(1);
  await briefs.getByRole('button', { name: 'Delete Klaipėda terminal brief' }).click();
  await confirm.getByRole('button', { name: 'Delete' }).click();
  await expect(briefs).toContainText('No briefs yet');
  expect(await dossier.call('briefs.list', {})).toHaveLength(0);
});

test('dragging a highlight into a brief makes it a claim and cites it; citing it again reuses that claim', async ({ page, dossier }) => {
  test.setTimeout(90_000);
  const list = await dossier.call('articles.list', {});
  const article = await dossier.call('articles.get', { id: list.items[0]!.id });
  const m = /[A-Z][^.!?\n]{30,160}[.!?]/.exec(article.text)!;
  const highlight = await dossier.call('annotations.create', { articleId: article.id, target: { start: m.index, end: m.index + m[0].length } });
  await openBriefs(page, dossier);

  await page.getByRole('button', { name: 'New empty brief' }).click();
  const editor = page.getByRole('textbox', { name: 'Brief text' });
  await expect(editor.getByRole('heading', { level: 2, name: 'Bottom line up front' })).toBeVisible();
  await page.getByRole('tab', { name: 'Highlights', exact: true }).last().click();
  const rows = page.getByRole('list', { name: 'Highlights' });
  await expect(rows).toContainText(highlight.target.exact.slice(0, 30));

  await rows.getByRole('listitem').first().dragTo(editor.locator('h2:has-text("Bottom line up front") + p'));
  const citations = editor.locator('[data-type="citation"]');
  await expect(citations).toHaveCount(1);
  await expect(citations.first()).toHaveText('[1]');
  const claims = await dossier.call('claims.list', { articleId: article.id });
  expect(claims).toHaveLength(1);
  expect(claims[0]!.target.exact).toBe(highlight.target.exact);
  await expect(citations.first()).toHaveAttribute('data-claim-id', claims[0]!.id);

  // Citing the same highlight again cites the same claim: no duplicate claim, the same number.
  await rows.getByRole('button', { name: `Cite highlight “${highlight.target.exact.slice(0, 60)}”` }).click();
  await expect(citations).toHaveCount(2);
  await expect(citations.nth(1)).toHaveText('[1]');
  expect(await dossier.call('claims.list', { articleId: article.id })).toHaveLength(1);
});
