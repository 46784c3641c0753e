/**
 * Search end to end through the browser host: a name typed without its diacritics finds the
 * passage, in the Search view and from the command palette (Ctrl+K), and opening the result lands
 * the reader on the words, marked and scrolled into view.
 */
import type { Page } from '@playwright/test';
import { expect, test, type DossierHost } from '../helpers/host-process';

const FILLER = Array.from({ length: 60 }, (_, i) => `Paragraph ${i + 1} of the harbour report covers berths, cranes and dredging schedules in detail.`).join('\n\n');
// The name sits far down the article, so revealing it needs a scroll.
const TEXT = [
  'Port council backs the new container terminal',
  '',
  FILLER,
  '',
  'KLAIPĖDA — Councillor Rūta Žemaitytė said the decision "was close, but the numbers held" in Klaipėda.',
  '',
  'Opponents in Šiauliai promised to appeal.',
  '',
].join('\n');

async function importArticle(dossier: DossierHost): Promise<string> {
  const [result] = await dossier.call('articles.import', { files: [{ name: 'zemaityte-council.txt', dataBase64: Buffer.from(TEXT).toString('base64') }] });
  if (!result?.articleId) throw new Error(`import failed: ${JSON.stringify(result)}`);
  return result.title!;
}

async function openApp(page: Page, dossier: DossierHost): Promise<void> {
  await page.goto(dossier.url);
  await expect(page.getByRole('listbox', { name: 'Articles' })).toBeVisible();
}

async function expectRevealed(page: Page, title: string): Promise<void> {
  await expect(page.getByRole('tab', { name: 'Reader' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('heading', { name: title })).toBeVisible();
  const mark = page.locator('mark.reveal');
  await expect(mark).toContainText('Žemaitytė');
  await expect(mark).toBeInViewport();
}

test('the Search view finds Žemaitytė typed without diacritics and opens the passage', async ({ page, dossier }) => {
  const title = await importArticle(dossier);
  await openApp(page, dossier);
  await page.getByRole('tab', { name: 'Search' }).click();
  const box = page.getByRole('searchbox', { name: 'Search the notebook' });
  await expect(box).toBeFocused();
  await expect(box).toHaveAttribute('placeholder', /tag:.*kind:/);
  await box.fill('zemaityte');
  await box.press('Enter');

  // The sample notebook's "Žemaitytės" matches too (the last word is a prefix): find ours by title.
  const results = page.getByRole('listbox', { name: 'Search results' });
  const ours = results.getByRole('option').filter({ hasText: title });
  // The first query builds the index (a worker thread, with a progress bar): allow for a slow machine.
  await expect(ours).toContainText('Article', { timeout: 30_000 });
  await expect(ours.locator('mark')).toHaveText(['Žemaitytė']);

  // Keyboard: down into the results, arrows to ours, Enter opens.
  await box.press('ArrowDown');
  await expect(results).toBeFocused();
  await expect(results.getByRole('option').first()).toHaveAttribute('aria-selected', 'true');
  const index = await results.getByRole('option').evaluateAll((els, t) => els.findIndex((e) => (e.textContent ?? '').includes(t)), title);
  for (let i = 0; i < index; i++) await results.press('ArrowDown');
  await expect(ours).toHaveAttribute('aria-selected', 'true');
  await results.press('Enter');
  await expectRevealed(page, title);
});

test('the command palette jumps to articles and runs a search', async ({ page, dossier }) => {
  const title = await importArticle(dossier);
  await openApp(page, dossier);
  const filter = page.getByRole('searchbox', { name: 'Filter articles' });
  await filter.focus();

  await page.keyboard.press('Control+K');
  const dialog = page.getByRole('dialog', { name: 'Command palette' });
  await expect(dialog).toBeVisible();
  const combo = dialog.getByRole('combobox');
  await expect(combo).toBeFocused();
  // Escape closes and gives focus back.
  await combo.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(filter).toBeFocused();

  // Articles by folded title, and actions.
  await page.keyboard.press('Control+K');
  await combo.fill('container termin');
  await expect(dialog.getByRole('option', { name: new RegExp(title) })).toBeVisible();
  await combo.fill('import fil');
  await expect(dialog.getByRole('option').first()).toContainText('Import files…');

  // "Search for …" opens the Search view with the query.
  await combo.fill('zemaityte');
  const searchFor = dialog.getByRole('option', { name: /Search for “zemaityte”/ });
  await expect(searchFor).toBeVisible();
  await searchFor.click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('tab', { name: 'Search' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('searchbox', { name: 'Search the notebook' })).toHaveValue('zemaityte');
  const result = page.getByRole('listbox', { name: 'Search results' }).getByRole('option').filter({ hasText: title });
  await expect(result.locator('mark')).toHaveText(['Žemaitytė'], { timeout: 30_000 });
  await result.click();
  await expectRevealed(page, title);

  // Ctrl+Shift+F still reaches the corpus filter.
  await page.keyboard.press('Control+Shift+F');
  await expect(filter).toBeFocused();
});
