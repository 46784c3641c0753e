/**
 * Highlighting end to end in Chromium through the browser host: select words with the mouse, tag
 * the highlight (creating the tag), comment on it in the rich-text editor, overlap a second
 * highlight, check both are visible and clickable, undo and redo, reload: everything as left.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test, type DossierHost } from '../helpers/host-process';

const TEXT = [
  'Harbour dredging contract questioned',
  '',
  'The harbour authority confirmed on Monday that the dredging contract worth €14 million went to a firm registered two weeks before the tender closed.',
  '',
  'Auditors said they would review the award. The authority declined to comment further.',
  '',
].join('\n');
// Many steps, each a real round trip through the host: more than the default 30 s on a busy 2-core machine.
test.describe.configure({ timeout: 90_000 });

const FIRST = 'dredging contract worth €14 million';
const SECOND = '€14 million went to a firm';
const OVERLAP = '€14 million';

async function importArticle(page: Page, dossier: DossierHost): Promise<{ id: string; text: string }> {
  const path = test.info().outputPath('files', 'dredging.txt');
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, TEXT);
  await page.getByLabel('Choose files to import').setInputFiles(path);
  await expect(page.getByRole('status').filter({ hasText: /Imported 1/ })).toBeVisible();
  const list = await dossier.call('articles.list', {});
  const summary = list.items.find((a) => a.source.fileName === 'dredging.txt');
  if (!summary) throw new Error('the article was not imported');
  const article = await dossier.call('articles.get', { id: summary.id });
  return { id: summary.id, text: article.text };
}

/** Presses the mouse on the first letter of `phrase` in the reader and releases it on the last: a real drag selection. */
async function dragSelect(page: Page, text: string, phrase: string): Promise<void> {
  const start = text.indexOf(phrase);
  expect(start).toBeGreaterThanOrEqual(0);
  const end = start + phrase.length;
  const points = await page.evaluate(
    ({ start, end }) => {
      const at = (offset: number): { node: Text; offset: number } => {
        for (const piece of Array.from(document.querySelectorAll<HTMLElement>('.reader-body [data-start]'))) {
          const s = Number(piece.dataset.start);
          const e = Number(piece.dataset.end);
          if (offset >= s && offset < e && piece.firstChild instanceof Text) return { node: piece.firstChild, offset: offset - s };
        }
        throw new Error(`offset ${offset} is not rendered`);
      };
      const rectOf = (offset: number): DOMRect => {
        const { node, offset: o } = at(offset);
        const range = document.createRange();
        range.setStart(node, o);
        range.setEnd(node, o + 1);
        return range.getBoundingClientRect();
      };
      const a = rectOf(start);
      const b = rectOf(end - 1);
      return { x1: a.left + 1, y1: a.top + a.height / 2, x2: b.right - 1, y2: b.top + b.height / 2 };
    },
    { start, end },
  );
  await page.mouse.move(points.x1, points.y1);
  await page.mouse.down();
  await page.mouse.move((points.x1 + points.x2) / 2, (points.y1 + points.y2) / 2, { steps: 4 });
  await page.mouse.move(points.x2, points.y2, { steps: 4 });
  await page.mouse.up();
}

/** The highlight runs (segments) of the reader whose data-hl lists `id`. */
function runsOf(page: Page, id: string) {
  return page.locator(`.reader-body .hl[data-hl~="${id}"]`);
}

test('select with the mouse, tag, comment, overlap, undo, redo, reload: everything as left', async ({ page, dossier }) => {
  await page.goto(dossier.url);
  await expect(page.getByRole('listbox', { name: 'Articles' })).toBeVisible();
  const article = await importArticle(page, dossier);
  const reader = page.getByRole('main', { name: 'Reader' });
  await expect(reader.getByRole('heading', { level: 1 })).toHaveText('Harbour dredging contract questioned');
  const inspector = page.getByRole('complementary', { name: 'Inspector' });

  // 1. Mouse selection, then a tag created from the toolbar's picker: one step makes a tagged highlight.
  await dragSelect(page, article.text, FIRST);
  const toolbar = page.getByRole('toolbar', { name: /Highlight, tag/ });
  await expect(toolbar).toBeVisible();
  await toolbar.getByRole('button', { name: /Tag…/ }).click();
  await toolbar.getByRole('combobox', { name: 'Tag the highlight' }).fill('Procurement');
  await expect(toolbar.getByRole('option', { name: 'Create tag “Procurement”' })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await dossier.call('annotations.list', { articleId: article.id })).length).toBe(1);
  const [first] = await dossier.call('annotations.list', { articleId: article.id });
  if (!first) throw new Error('no highlight');
  expect(first.target.exact).toBe(FIRST);
  const tags = await dossier.call('tags.list', {});
  const procurement = tags.find((t) => t.name === 'Procurement');
  expect(procurement).toBeDefined();
  expect(first.tags).toEqual([procurement?.id]);
  await expect(runsOf(page, first.id).first()).toBeVisible();
  expect(await runsOf(page, first.id).allTextContents().then((parts) => parts.join(''))).toBe(FIRST);

  // 2. The new highlight is selected: the Inspector shows it; comment in the rich-text editor.
  const section = inspector.getByRole('region', { name: 'Highlight' });
  await expect(section.locator('blockquote')).toHaveText(FIRST);
  await expect(section.getByRole('list', { name: 'Tags of this highlight' })).toContainText('Procurement');
  const comment = section.getByRole('textbox', { name: 'Comment on the highlight' });
  await comment.click();
  await page.keyboard.type('Check the registration date');
  await expect
    .poll(async () => JSON.stringify((await dossier.call('annotations.list', { articleId: article.id }))[0]?.comment ?? null), { timeout: 5_000 })
    .toContain('Check the registration date');

  // 3. A second highlight overlapping the first, with the keyboard shortcut H.
  await dragSelect(page, article.text, SECOND);
  await expect(toolbar).toBeVisible();
  await page.keyboard.press('h');
  await expect.poll(async () => (await dossier.call('annotations.list', { articleId: article.id })).length).toBe(2);
  const second = (await dossier.call('annotations.list', { articleId: article.id })).find((a) => a.id !== first.id);
  if (!second) throw new Error('no second highlight');
  expect(second.target.exact).toBe(SECOND);

  // Both visible: the overlap is one run carrying both, the rest of each its own.
  const overlap = page.locator(`.reader-body .hl[data-hl~="${first.id}"][data-hl~="${second.id}"]`);
  await expect(overlap).toHaveText(OVERLAP);
  await expect(overlap).toHaveAttribute('data-depth', '2');
  expect((await runsOf(page, second.id).allTextContents()).join('')).toBe(SECOND);
  // The overlap paints both layers (two stacked gradients).
  expect(await overlap.evaluate((el) => getComputedStyle(el).backgroundImage.split('linear-gradient').length - 1)).toBe(2);

  // Both clickable: the part only the first covers selects the first; the overlap cycles through both.
  await runsOf(page, first.id).filter({ hasText: 'dredging' }).click();
  await expect(section.locator('blockquote')).toHaveText(FIRST);
  await expect(section.getByRole('textbox', { name: 'Comment on the highlight' })).toContainText('Check the registration date');
  await runsOf(page, second.id).filter({ hasText: 'went to a firm' }).click();
  await expect(section.locator('blockquote')).toHaveText(SECOND);
  await overlap.click();
  const afterOne = await section.locator('blockquote').textContent();
  await overlap.click();
  const afterTwo = await section.locator('blockquote').textContent();
  expect([afterOne, afterTwo].sort()).toEqual([SECOND, FIRST].sort());

  // 4. Undo (Ctrl+Z with the reader focused): the second highlight disappears, on screen and on disk.
  await reader.focus();
  await page.keyboard.press('Control+z');
  await expect(runsOf(page, second.id)).toHaveCount(0);
  await expect.poll(async () => (await dossier.call('annotations.list', { articleId: article.id })).map((a) => a.id)).toEqual([first.id]);
  await expect(runsOf(page, first.id).first()).toBeVisible();

  // 5. Redo: it is back, the same highlight.
  await page.keyboard.press('Control+Shift+Z');
  await expect(runsOf(page, second.id).first()).toBeVisible();
  await expect.poll(async () => (await dossier.call('annotations.list', { articleId: article.id })).length).toBe(2);

  // 6. Reload: both highlights, the tag and the comment are as left.
  await page.reload();
  await page.getByRole('listbox', { name: 'Articles' }).getByRole('option', { name: 'Harbour dredging contract questioned' }).click();
  await expect(reader.getByRole('heading', { level: 1 })).toHaveText('Harbour dredging contract questioned');
  await expect(overlap).toHaveText(OVERLAP);
  expect((await runsOf(page, first.id).allTextContents()).join('')).toBe(FIRST);
  expect((await runsOf(page, second.id).allTextContents()).join('')).toBe(SECOND);
  await runsOf(page, first.id).filter({ hasText: 'dredging' }).click();
  await expect(section.locator('blockquote')).toHaveText(FIRST);
  await expect(section.getByRole('list', { name: 'Tags of this highlight' })).toContainText('Procurement');
  await expect(section.getByRole('textbox', { name: 'Comment on the highlight' })).toContainText('Check the registration date');
});

test('keyboard: select with Shift+Arrow, highlight with H, resize with Alt+Shift+Arrow, delete with Delete and undo it', async ({ page, dossier }) => {
  await page.goto(dossier.url);
  await expect(page.getByRole('listbox', { name: 'Articles' })).toBeVisible();
  const article = await importArticle(page, dossier);
  const reader = page.getByRole('main', { name: 'Reader' });
  await expect(reader.getByRole('heading', { level: 1 })).toHaveText('Harbour dredging contract questioned');
  await expect(page.locator('.reader-body .para').first()).toBeVisible();

  // From the top of the text: Ctrl+Shift+Right twice selects the first two words.
  await reader.focus();
  await page.keyboard.press('Control+Shift+ArrowRight');
  await page.keyboard.press('Control+Shift+ArrowRight');
  await expect(page.getByRole('toolbar', { name: /Highlight, tag/ })).toBeVisible();
  await page.keyboard.press('h');
  await expect.poll(async () => (await dossier.call('annotations.list', { articleId: article.id })).length).toBe(1);
  const [created] = await dossier.call('annotations.list', { articleId: article.id });
  expect(created?.target.exact).toBe('Harbour dredging');

  // The new highlight is selected: Alt+Shift+Right grows its end by a word.
  await reader.focus();
  await page.keyboard.press('Alt+Shift+ArrowRight');
  await expect.poll(async () => (await dossier.call('annotations.list', { articleId: article.id }))[0]?.target.exact).toBe('Harbour dredging contract');
  await expect(page.locator('.reader-body .hl-handle')).toHaveCount(2);

  // Delete removes it; Ctrl+Z brings it back exactly.
  await page.keyboard.press('Delete');
  await expect.poll(async () => (await dossier.call('annotations.list', { articleId: article.id })).length).toBe(0);
  await expect(page.locator('.reader-body .hl')).toHaveCount(0);
  await page.keyboard.press('Control+z');
  await expect.poll(async () => (await dossier.call('annotations.list', { articleId: article.id }))[0]?.target.exact).toBe('Harbour dredging contract');
  await expect(page.locator('.reader-body .hl')).toHaveText('Harbour dredging contract');
});

test('review after an edit: the old quote beside the best candidate, Show reveals it, Accept then Move re-anchor it', async ({ page, dossier }) => {
  await page.goto(dossier.url);
  await expect(page.getByRole('listbox', { name: 'Articles' })).toBeVisible();
  const article = await importArticle(page, dossier);
  const old = 'Auditors said they would review the award';
  const created = await dossier.call('annotations.create', { articleId: article.id, target: { quote: old } });
  const edited = article.text.replace(old, 'Auditors said they might look again at the award');
  const report = await dossier.call('articles.editText', { id: article.id, text: edited });
  expect(report.anchors.map((a) => a.status)).toEqual(['orphaned']);

  // A fresh page shows the edited text; the Inspector lists the orphan with the old words and the candidate.
  await page.reload();
  await page.getByRole('listbox', { name: 'Articles' }).getByRole('option', { name: 'Harbour dredging contract questioned' }).click();
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  const inInspector = inspector.getByRole('region', { name: /Needs review/ });
  await expect(inInspector.getByRole('listitem')).toHaveCount(1);
  await expect(inInspector.locator('.review-old')).toHaveText(old);
  await expect(inInspector.locator('.review-new')).toHaveText('Auditors said they might look again at the award');
  // An orphan is not drawn in the text (its place is unknown).
  await expect(page.locator('.reader-body .hl')).toHaveCount(0);

  // The notebook-wide Review view lists it too; Show opens the reader on the candidate and marks it.
  await page.getByRole('tab', { name: 'Review' }).click();
  const view = page.getByRole('region', { name: 'Highlights and claims that need review' });
  await expect(view.getByRole('listitem')).toContainText('Harbour dredging contract questioned');
  await view.getByRole('button', { name: /^Show/ }).click();
  const reveal = page.locator('.reader-body mark[data-reveal]');
  await expect(reveal).toHaveText('Auditors said they might look again at the award');
  await expect(page.getByRole('main', { name: 'Reader' })).toBeFocused();

  // Accept: applied to the candidate (the words changed, so it is "moved", still listed to confirm).
  await inInspector.getByRole('button', { name: /^Accept/ }).click();
  await expect.poll(async () => (await dossier.call('annotations.list', { articleId: article.id }))[0]?.anchor.status).toBe('fuzzy');
  await expect(inInspector.locator('.review-badge')).toHaveText('Moved');
  await expect(page.locator(`.reader-body .hl[data-hl~="${created.id}"]`).first()).toBeVisible();

  // Move: select the right words with the mouse, then Move: anchored there, and the list empties.
  await dragSelect(page, edited, 'look again at the award');
  await inInspector.getByRole('button', { name: /^Move/ }).click();
  await expect.poll(async () => (await dossier.call('annotations.list', { articleId: article.id }))[0]?.target.exact).toBe('look again at the award');
  expect((await dossier.call('annotations.list', { articleId: article.id }))[0]?.anchor.status).toBe('anchored');
  await expect(inInspector).toHaveCount(0);
  expect((await page.locator(`.reader-body .hl[data-hl~="${created.id}"]`).allTextContents()).join('')).toBe('look again at the award');
});
