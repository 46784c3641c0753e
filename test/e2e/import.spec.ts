/**
 * The foundation, end to end through the browser host: first launch on the sample notebook,
 * importing a file through the file picker and by drag and drop, reading it back after a reload
 * with its diacritics intact, duplicates and bad files reported.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test, type DossierHost } from '../helpers/host-process';

const KLAIPEDA_TEXT = [
  'Klaipėda port council backs the new terminal',
  '',
  'KLAIPĖDA — The port council voted on Tuesday to go ahead with the container terminal.',
  'Councillor Rūta Žemaitytė said the decision "was close, but the numbers held".',
  'Opponents in Šiauliai and Panevėžys promised to appeal.',
  '',
].join('\n');

/** A file in this test's own output folder (test-results/...), as a user's file on disk. */
async function writeTempFile(name: string, content: string | Buffer): Promise<string> {
  const path = test.info().outputPath('files', name);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, content);
  return path;
}

async function openApp(page: Page, dossier: DossierHost): Promise<void> {
  await page.goto(dossier.url);
  await expect(page.getByRole('listbox', { name: 'Articles' })).toBeVisible();
}

function importSummary(page: Page) {
  return page.getByRole('status').filter({ hasText: /Imported \d+/ });
}

/** The title the importer gave the file, asked through the API, so the test does not guess it. */
async function titleOf(dossier: DossierHost, fileName: string): Promise<string> {
  const list = await dossier.call('articles.list', {});
  const item = list.items.find((a) => a.source.fileName === fileName);
  if (!item) throw new Error(`No article imported from ${fileName}; have: ${list.items.map((a) => a.source.fileName).join(', ')}`);
  return item.title;
}

function articleOption(page: Page, title: string) {
  return page.getByRole('listbox', { name: 'Articles' }).getByRole('option', { name: title });
}

test('first launch opens the sample notebook with its articles', async ({ page, dossier }) => {
  await openApp(page, dossier);
  await expect(page.getByTestId('notebook-name')).not.toBeEmpty();
  const options = page.getByRole('listbox', { name: 'Articles' }).getByRole('option');
  await expect.poll(() => options.count()).toBeGreaterThanOrEqual(6);
  for (const name of ['Import files…', 'Open notebook…', 'New notebook…']) {
    await expect(page.getByRole('button', { name })).toBeVisible();
  }
  const info = await dossier.call('app.info', {});
  expect(info.host).toBe('browser');
  expect(info.notebook?.articleCount).toBeGreaterThanOrEqual(6);
});

test('imports a text file with diacritics, keeps it across a reload, and reports a second import as a duplicate', async ({ page, dossier }) => {
  const file = await writeTempFile('klaipeda.txt', KLAIPEDA_TEXT);
  const fileName = basename(file);
  await openApp(page, dossier);

  await page.getByLabel('Choose files to import').setInputFiles(file);
  await expect(importSummary(page)).toContainText('Imported 1');
  await expect(importSummary(page)).toContainText('Failed 0');
  const title = await titleOf(dossier, fileName);
  await expect(articleOption(page, title)).toBeVisible();

  // The article must come from the notebook on disk, not from the page's memory.
  await page.reload();
  const option = articleOption(page, title);
  await expect(option).toBeVisible();
  await option.click();
  await expect(option).toHaveAttribute('aria-selected', 'true');
  const reader = page.getByRole('main', { name: 'Reader' });
  await expect(reader.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(reader).toContainText('Councillor Rūta Žemaitytė said the decision');
  await expect(reader).toContainText('Opponents in Šiauliai and Panevėžys promised to appeal.');
  await expect(reader).toContainText('KLAIPĖDA');

  await page.getByLabel('Choose files to import').setInputFiles(file);
  await expect(importSummary(page)).toContainText('Duplicates 1');
  await expect(importSummary(page)).toContainText('Imported 0');
  const list = await dossier.call('articles.list', {});
  expect(list.items.filter((a) => a.source.fileName === fileName)).toHaveLength(1);
});

test('a binary file named .txt is reported as failed, by name, and imports nothing', async ({ page, dossier }) => {
  // A PNG header and NUL bytes: not text in any encoding the importer should accept.
  const bytes = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 0), Buffer.from(Array.from({ length: 256 }, (_, i) => i))]);
  const file = await writeTempFile('scan-Žemaitytė.txt', bytes);
  const fileName = basename(file);
  await openApp(page, dossier);
  const before = (await dossier.call('articles.list', {})).total;

  await page.getByLabel('Choose files to import').setInputFiles(file);
  await expect(importSummary(page)).toContainText('Failed 1');
  await expect(importSummary(page)).toContainText('Imported 0');
  await expect(page.locator('[role="status"], [role="alert"]').filter({ hasText: fileName }).first()).toBeVisible();
  expect((await dossier.call('articles.list', {})).total).toBe(before);
});

test('dropping a file onto the window imports it', async ({ page, dossier }) => {
  await openApp(page, dossier);
  const fileName = `dropped-${Date.now()}.txt`;
  const text = 'Dropped note from Klaipėda\n\nŽemaitytė confirmed the vote count by phone.\n';
  // A synthetic drag: a DataTransfer built in the page carries a real File, as a desktop drop would.
  const dataTransfer = await page.evaluateHandle(
    ({ name, content }) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([content], name, { type: 'text/plain' }));
      return transfer;
    },
    { name: fileName, content: text },
  );
  for (const type of ['dragenter', 'dragover', 'drop']) {
    await page.dispatchEvent('body', type, { dataTransfer });
  }
  await expect(importSummary(page)).toContainText('Imported 1');
  const title = await titleOf(dossier, fileName);
  const option = articleOption(page, title);
  await expect(option).toBeVisible();
  await option.click();
  await expect(page.getByRole('main', { name: 'Reader' })).toContainText('Žemaitytė confirmed the vote count by phone.');
});

test('an import from another client reaches the open page through the event stream', async ({ page, dossier }) => {
  await openApp(page, dossier);
  await expect(page.getByRole('listbox', { name: 'Articles' }).getByRole('option').first()).toBeVisible();
  // Imported by a script over the API, not by this page: only the pushed event can tell the page.
  const [result] = await dossier.call('articles.import', {
    files: [{ name: 'pushed.txt', dataBase64: Buffer.from('Pushed from Klaipėda\n\nŽemaitytė, by script.\n').toString('base64') }],
  });
  expect(result?.status).toBe('imported');
  await expect(articleOption(page, result!.title!)).toBeVisible();
});
