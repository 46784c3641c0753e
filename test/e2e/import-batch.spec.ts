/**
 * Issue 3 end to end through the browser host: a folder of mixed real-world files (plain text,
 * Markdown, a page saved from a browser with an ad line and related-news links, a syndicated copy
 * with small edits in a subfolder, a binary file named .txt, a hidden file and an unsupported
 * format) dropped on the window; the summary, the near-duplicate badge and link, the dimmed
 * noise, and marking/unmarking noise by hand. Also: the folder picker, cancelling a large batch,
 * and paste.
 *
 * A page cannot build a dropped folder (a FileSystemDirectoryEntry) from script, so the drop is
 * dispatched by Chromium itself through the DevTools protocol with the real directory's path: the
 * page receives exactly what a drag from the file manager gives it and walks it with
 * webkitGetAsEntry.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { ArticleSummary } from '../../shared/model/schemas';
import { expect, ROOT, test, type DossierHost } from '../helpers/host-process';

const BATCH = join(ROOT, 'test', 'fixtures', 'e2e', 'batch');
const GRID_TITLE = 'Lithuania finishes the last link of its grid synchronisation with Europe';

async function openApp(page: Page, dossier: DossierHost): Promise<void> {
  await page.goto(dossier.url);
  await expect(page.getByRole('listbox', { name: 'Articles' })).toBeVisible();
  // The sample notebook's articles are listed: the page is connected and the notebook open.
  await expect(page.getByRole('listbox', { name: 'Articles' }).getByRole('option').first()).toBeVisible();
}

function importSummary(page: Page) {
  return page.getByRole('status').filter({ hasText: /Imported \d+/ });
}

async function articleFrom(dossier: DossierHost, fileName: string): Promise<ArticleSummary> {
  const list = await dossier.call('articles.list', {});
  const item = list.items.find((a) => a.source.fileName === fileName);
  if (!item) throw new Error(`No article imported from ${fileName}; have: ${list.items.map((a) => a.source.fileName).join(', ')}`);
  return item;
}

/** Drags real files or folders from disk onto the window and drops them, as a file manager would. */
async function dropPaths(page: Page, paths: string[]): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const data = { items: [], files: paths, dragOperationsMask: 1 };
  const { width, height } = page.viewportSize() ?? { width: 1280, height: 720 };
  for (const type of ['dragEnter', 'dragOver', 'drop'] as const) {
    await cdp.send('Input.dispatchDragEvent', { type, x: Math.round(width / 2), y: Math.round(height / 2), data });
  }
  await cdp.detach();
}

/** Narrows the (virtualised) list with the filter box, so the rows asked for are on screen. */
async function filterList(page: Page, text: string) {
  await page.getByLabel('Filter articles').fill(text);
  return page.getByRole('listbox', { name: 'Articles' }).getByRole('option');
}

/** Selects `sentence` in the reader as a user dragging over it would (a DOM Range over its text node). */
async function selectInReader(page: Page, sentence: string): Promise<void> {
  await page.evaluate((needle) => {
    const body = document.querySelector('.reader-body');
    if (!body) throw new Error('no reader body');
    const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = (node.nodeValue ?? '').indexOf(needle);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + needle.length);
      const selection = document.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
      return;
    }
    throw new Error(`"${needle}" is not in the reader`);
  }, sentence);
}

test('a folder of mixed files: summary, near-duplicate link, dimmed noise, and noise marked and unmarked by hand', async ({ page, dossier }) => {
  await openApp(page, dossier);
  const before = (await dossier.call('articles.list', {})).total;

  await dropPaths(page, [BATCH]);

  // The summary: three new articles, one near-duplicate, the binary file failed by name and reason,
  // the hidden file and the .csv skipped.
  const summary = importSummary(page);
  await expect(summary).toContainText('Imported 3', { timeout: 20_000 });
  await expect(summary).toContainText('Duplicates 0');
  await expect(summary).toContainText('Near-duplicates 1');
  await expect(summary).toContainText('Failed 1');
  await expect(summary).toContainText('Skipped 2');
  await expect(summary.getByRole('list', { name: 'Files that failed' })).toContainText('batch/scan.txt');
  expect((await dossier.call('articles.list', {})).total).toBe(before + 4);
  // Nothing from the imported page ran: its inline script would have renamed the window.
  await expect(page).toHaveTitle('Dossier');

  // The near-duplicate: the syndicated copy, linked to the original with a similarity score.
  const original = await articleFrom(dossier, 'baltic-grid.txt');
  const copy = await articleFrom(dossier, 'baltic-grid-wire.txt');
  expect(copy.nearDuplicateOf).toBe(original.id);
  expect(copy.nearDuplicateSimilarity).toBeGreaterThan(0.6);
  expect(original.nearDuplicateOf).toBeNull();
  const percent = `${Math.min(99, Math.round((copy.nearDuplicateSimilarity ?? 0) * 100))} %`;

  // In the list: both share a title; only the copy carries the badge, naming the original.
  const options = await filterList(page, 'grid synchronisation');
  await expect(options).toHaveCount(2);
  const badged = options.filter({ has: page.locator('.badge.near-duplicate') });
  await expect(badged).toHaveCount(1);
  const badge = badged.locator('.badge.near-duplicate');
  await expect(badge).toHaveText('near-duplicate');
  await expect(badge).toHaveAttribute('title', `Near-duplicate of “${GRID_TITLE}” (${percent} similar)`);

  // In the inspector: the link, and a button that opens the original.
  await badged.click();
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  await expect(inspector).toContainText(`Near-duplicate of ${GRID_TITLE} (${percent})`);
  await expect(inspector).toContainText('baltic-grid-wire.txt');
  await inspector.getByRole('button', { name: 'Open original' }).click();
  await expect(inspector).toContainText('baltic-grid.txt');
  await expect(inspector).not.toContainText('Near-duplicate of');
  const selected = page.getByRole('listbox', { name: 'Articles' }).getByRole('option', { selected: true });
  await expect(selected).toContainText(GRID_TITLE);
  await expect(selected.locator('.badge')).toHaveCount(0);
  await expect(options).toHaveCount(2); // the filter still applies: the original passes it

  // The saved page: its ad line is dimmed noise with the kind on hover; the story is not.
  const ferry = await articleFrom(dossier, 'ferry-page.html');
  await (await filterList(page, ferry.title)).first().click();
  const reader = page.getByRole('main', { name: 'Reader' });
  await expect(reader.getByRole('heading', { level: 1 })).toHaveText(ferry.title);
  const ad = reader.locator('.noise[data-noise~="ad"]').filter({ hasText: 'ADVERTISEMENT' });
  await expect(ad).toBeVisible();
  await expect(ad).toHaveAttribute('title', /^ad: /);
  expect(await ad.evaluate((el) => getComputedStyle(el).color)).not.toBe(
    await reader.locator('.reader-body span[data-start]').filter({ hasText: 'Council member' }).evaluate((el) => getComputedStyle(el).color),
  );
  await expect(reader.locator('.noise[data-noise~="navigation"]').filter({ hasText: 'Related news: Port container volumes' })).toBeVisible();
  await expect(reader.locator('.noise').filter({ hasText: 'Council member Dalia Žukauskienė' })).toHaveCount(0);
  await expect(inspector).toContainText(/Noise\s*\d+ ad/);

  // "Hide noise" hides the ad line and shows it again.
  await reader.getByLabel(/Hide noise/).check();
  await expect(ad).toBeHidden();
  await reader.getByLabel(/Hide noise/).uncheck();
  await expect(ad).toBeVisible();

  // Mark a story sentence as noise by hand, from the floating toolbar.
  const sentence = 'The operator carried more than two million passengers last year';
  await selectInReader(page, sentence);
  const toolbar = page.getByRole('toolbar', { name: 'Noise' });
  await toolbar.getByRole('button', { name: 'Mark as noise' }).click();
  const marked = reader.locator('.noise[data-noise~="manual"]').filter({ hasText: sentence });
  await expect(marked).toBeVisible();
  await expect(marked).toHaveAttribute('title', /^manual/);
  const stored = await dossier.call('articles.get', { id: ferry.id });
  const manual = stored.noise.filter((r) => r.kind === 'manual');
  expect(manual.map((r) => stored.text.slice(r.start, r.end))).toEqual([sentence]);

  // Click the dimmed sentence: "Not noise" clears it, in the page and in the notebook.
  await marked.click();
  await toolbar.getByRole('button', { name: 'Not noise' }).click();
  await expect(reader.locator('.noise').filter({ hasText: sentence })).toHaveCount(0);
  const cleared = await dossier.call('articles.get', { id: ferry.id });
  const start = cleared.text.indexOf(sentence);
  expect(cleared.noise.filter((r) => r.start < start + sentence.length && r.end > start)).toEqual([]);
  // The ad line is still noise: unmarking one range leaves the others alone.
  await expect(ad).toBeVisible();

  // The keyboard: a selection and Ctrl+Shift+N marks it too.
  await selectInReader(page, 'Passenger groups said they would ask the council');
  await page.keyboard.press('Control+Shift+N');
  await expect(reader.locator('.noise[data-noise~="manual"]').filter({ hasText: 'Passenger groups said' })).toBeVisible();
});

test('the folder picker imports a folder the same way, skipping hidden and unreadable formats', async ({ page, dossier }) => {
  await openApp(page, dossier);
  await page.getByLabel('Choose a folder to import').setInputFiles(BATCH);
  const summary = importSummary(page);
  await expect(summary).toContainText('Imported 3', { timeout: 20_000 });
  await expect(summary).toContainText('Near-duplicates 1');
  await expect(summary).toContainText('Failed 1');
  await expect(summary).toContainText('Skipped 2');
});

test('a large batch can be cancelled: files not yet read are reported as cancelled and nothing is half-stored', async ({ page, dossier }) => {
  // 600 small articles: three calls of 200; Cancel arrives long before the last call would be sent.
  const dir = test.info().outputPath('many');
  await mkdir(dir, { recursive: true });
  for (let i = 0; i < 600; i++) {
    const n = String(i).padStart(3, '0');
    await writeFile(
      join(dir, `note-${n}.txt`),
      `Field note ${n} from Šiauliai\n\nObserver ${n} counted ${i * 7 % 113} lorries at the Kybartai crossing on day ${n}; Žemaitis logged it.\n`,
    );
  }
  await openApp(page, dossier);
  const before = (await dossier.call('articles.list', {})).total;

  await page.getByLabel('Choose a folder to import').setInputFiles(dir);
  await expect(page.getByRole('progressbar', { name: 'Import progress' })).toBeVisible();
  await page.getByRole('button', { name: 'Cancel import' }).click();

  const summary = importSummary(page);
  await expect(summary).toContainText(/Cancelled \d+/, { timeout: 20_000 });
  const text = (await summary.locator('.import-summary-text').textContent()) ?? '';
  const count = (label: string) => Number(new RegExp(`${label} (\\d+)`).exec(text)?.[1] ?? '0');
  expect(count('Cancelled')).toBeGreaterThan(0);
  expect(count('Imported') + count('Duplicates') + count('Near-duplicates') + count('Failed') + count('Cancelled')).toBe(600);
  // What the summary calls imported is exactly what the notebook holds: no half-written article.
  const after = (await dossier.call('articles.list', {})).total;
  expect(after - before).toBe(count('Imported') + count('Near-duplicates'));
});

test('pasting HTML outside a text field imports it as an article', async ({ page, dossier }) => {
  await openApp(page, dossier);
  // What a browser puts on the clipboard when a reader copies part of a page: HTML and its plain text.
  const paragraphs = [
    'Officials in Kaunas reopened the tender for the Rail Baltica viaduct on Tuesday after the only bid came in far over budget.',
    'ADVERTISEMENT',
    'Transport minister Eugenijus Sabutis said a new deadline would be set within a month, and that the route itself would not change.',
  ];
  const html = `<h1>Rail Baltica tender reopened</h1>${paragraphs.map((p) => `<p>${p}</p>`).join('')}`;
  const text = ['Rail Baltica tender reopened', ...paragraphs].join('\n\n');
  await page.evaluate(
    ({ html, text }) => {
      const data = new DataTransfer();
      data.setData('text/html', html);
      data.setData('text/plain', text);
      document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    },
    { html, text },
  );
  await expect(importSummary(page)).toContainText('Imported 1');
  const list = await dossier.call('articles.list', {});
  const pasted = list.items.find((a) => a.title.includes('Rail Baltica'));
  expect(pasted, 'the pasted article is in the notebook').toBeDefined();
  const reader = page.getByRole('main', { name: 'Reader' });
  await expect(reader.getByRole('heading', { level: 1 })).toHaveText(pasted!.title);
  await expect(reader).toContainText('Transport minister Eugenijus Sabutis said a new deadline');
  await expect(reader.locator('.noise[data-noise~="ad"]').filter({ hasText: 'ADVERTISEMENT' })).toBeVisible();

  // Pasting into a text field stays an ordinary paste: nothing is imported.
  const filter = page.getByLabel('Filter articles');
  await filter.focus();
  await page.evaluate(() => {
    const data = new DataTransfer();
    data.setData('text/plain', 'Kaunas');
    document.activeElement!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  });
  await page.waitForTimeout(300);
  expect((await dossier.call('articles.list', {})).total).toBe(list.total);
});
