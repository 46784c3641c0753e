/**
 * Notes, memos and tags end to end through the browser host: an article note and a memo typed in
 * the Tiptap editors survive a reload (they are on disk, not in the page); a tag hierarchy is built,
 * renamed and merged in the Highlights view, with the counts of highlights shown and the merge undone.
 */
import type { Page } from '@playwright/test';
import { expect, test, type DossierHost } from '../helpers/host-process';

// Each test types, saves, reloads and reads back through a real host: more than the default 30 s on a busy 2-core machine.
test.describe.configure({ timeout: 90_000 });

async function openApp(page: Page, dossier: DossierHost): Promise<void> {
  await page.goto(dossier.url);
  await expect(page.getByRole('listbox', { name: 'Articles' })).toBeVisible();
}

async function firstArticle(dossier: DossierHost) {
  const list = await dossier.call('articles.list', {});
  const first = list.items[0];
  if (!first) throw new Error('The sample notebook has no articles');
  return first;
}

async function selectArticle(page: Page, title: string): Promise<void> {
  const option = page.getByRole('listbox', { name: 'Articles' }).getByRole('option', { name: title });
  await option.click();
  await expect(option).toHaveAttribute('aria-selected', 'true');
}

test('an article note and a memo are saved as you type and are there after a reload', async ({ page, dossier }) => {
  const article = await firstArticle(dossier);
  await openApp(page, dossier);
  await selectArticle(page, article.title);

  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  const note = inspector.getByRole('textbox', { name: `Note on ${article.title}` });
  await note.click();
  await page.keyboard.type('Check the tender dates ');
  await page.keyboard.press('Control+b');
  await page.keyboard.type('with the port authority');
  await expect(inspector.getByRole('status').filter({ hasText: /^Saved$/ })).toBeVisible();

  await page.getByRole('tab', { name: 'Memos' }).click();
  await page.getByRole('button', { name: 'New memo' }).click();
  const title = page.getByLabel('Memo title');
  await title.fill('Open questions');
  const memo = page.getByRole('textbox', { name: 'Memo: Open questions' });
  await memo.click();
  await page.keyboard.type('Who funded the study?');
  await expect(page.getByRole('status').filter({ hasText: /^Saved$/ })).toBeVisible();

  // On disk, through the API: bold survived as a mark.
  const stored = await dossier.call('notes.get', { articleId: article.id });
  expect(JSON.stringify(stored.doc)).toContain('"bold"');
  expect(JSON.stringify(stored.doc)).toContain('with the port authority');

  await page.reload();
  await expect(page.getByRole('listbox', { name: 'Articles' })).toBeVisible();
  await selectArticle(page, article.title);
  const noteAgain = page.getByRole('complementary', { name: 'Inspector' }).getByRole('textbox', { name: `Note on ${article.title}` });
  await expect(noteAgain).toContainText('Check the tender dates with the port authority');
  await expect(noteAgain.locator('strong')).toHaveText('with the port authority');

  await page.getByRole('tab', { name: 'Memos' }).click();
  await expect(page.getByRole('list', { name: 'Memo list' }).getByRole('button', { name: /Open questions/ })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Memo: Open questions' })).toContainText('Who funded the study?');
});

test('a tag tree is built, renamed and merged with the counts shown, and the merge undone', async ({ page, dossier }) => {
  const article = await firstArticle(dossier);
  await openApp(page, dossier);
  await page.getByRole('tab', { name: 'Highlights' }).click();
  const tree = page.getByRole('tree', { name: 'Tags' });

  // Parent and child through the UI.
  await page.getByRole('button', { name: 'New tag', exact: true }).click();
  await page.getByLabel('New tag name').fill('Actors');
  await page.getByRole('button', { name: 'Create' }).click();
  await expect(tree.getByRole('treeitem', { name: /^Actors,/ })).toBeVisible();
  await page.getByRole('button', { name: 'New sub-tag of Actors' }).click();
  await page.getByRole('textbox', { name: 'New sub-tag of Actors' }).fill('State');
  await page.getByRole('button', { name: 'Create' }).click();
  await expect(tree.getByRole('treeitem', { name: /^Actors,/ })).toHaveAttribute('aria-expanded', 'true');
  const state = tree.getByRole('treeitem', { name: /^State,/ });
  await expect(state).toHaveAttribute('aria-level', '2');
  await page.getByRole('button', { name: 'New tag', exact: true }).click();
  await page.getByLabel('New tag name').fill('Government');
  await page.getByRole('button', { name: 'Create' }).click();

  // Two highlights, one per tag (made through the API, as the reader would).
  const tags = await dossier.call('tags.list', {});
  const stateId = tags.find((t) => t.name === 'State')!.id;
  const govId = tags.find((t) => t.name === 'Government')!.id;
  await dossier.call('annotations.create', { articleId: article.id, target: { start: 0, end: 12 }, tags: [stateId] });
  await dossier.call('annotations.create', { articleId: article.id, target: { start: 20, end: 40 }, tags: [govId] });
  await expect(tree.getByRole('treeitem', { name: 'State, 1 highlight and 0 claims' })).toBeVisible();
  await expect(tree.getByRole('treeitem', { name: 'Government, 1 highlight and 0 claims' })).toBeVisible();

  // Rename inline.
  await tree.getByRole('treeitem', { name: /^Government,/ }).click();
  await page.getByRole('button', { name: 'Rename Government' }).click();
  const rename = page.getByLabel('New name for Government');
  await rename.fill('Gov');
  await rename.press('Enter');
  await expect(tree.getByRole('treeitem', { name: 'Gov, 1 highlight and 0 claims' })).toBeVisible();

  // Merge Gov into Actors / State, confirming with the count.
  await page.getByRole('button', { name: 'Merge Gov into…' }).click();
  await page.getByLabel('Merge “Gov” into').selectOption({ label: 'Actors / State' });
  await page.getByRole('button', { name: 'Continue…' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Confirm merge' });
  await expect(confirm).toContainText('1 highlight and 0 claims will carry “State”');
  await confirm.getByRole('button', { name: 'Merge' }).click();
  await expect(tree.getByRole('treeitem', { name: 'State, 2 highlights and 0 claims' })).toBeVisible();
  await expect(tree.getByRole('treeitem', { name: /^Gov,/ })).toHaveCount(0);
  const merged = await dossier.call('annotations.list', { articleId: article.id });
  expect(merged.every((a) => a.tags.length === 1 && a.tags[0] === stateId)).toBe(true);

  // Filtering by the parent admits the child's highlights.
  await tree.getByRole('treeitem', { name: /^Actors,/ }).click();
  await expect(page.getByRole('status').filter({ hasText: '2 of 2 highlights tagged Actors' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Highlights' }).getByRole('listitem')).toHaveCount(2);

  // Undo the merge: Gov is back with its highlight.
  await page.getByRole('heading', { name: 'Highlights', exact: true }).click();
  await page.keyboard.press('Control+z');
  await expect(tree.getByRole('treeitem', { name: 'Gov, 1 highlight and 0 claims' })).toBeVisible();
  await expect(tree.getByRole('treeitem', { name: 'State, 1 highlight and 0 claims' })).toBeVisible();
});

test('switching articles right after typing saves the note of the article left, and shows each its own', async ({ page, dossier }) => {
  const list = await dossier.call('articles.list', {});
  const [a, b] = list.items;
  if (!a || !b) throw new Error('The sample notebook needs two articles');
  await openApp(page, dossier);
  await selectArticle(page, a.title);
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  await inspector.getByRole('textbox', { name: `Note on ${a.title}` }).click();
  await page.keyboard.type('Lead: ask the harbour master');
  // No pause for the debounce: the switch itself must save.
  await selectArticle(page, b.title);
  const noteB = inspector.getByRole('textbox', { name: `Note on ${b.title}` });
  await expect(noteB).toBeVisible();
  await expect(noteB).toHaveText('');
  await expect.poll(async () => JSON.stringify((await dossier.call('notes.get', { articleId: a.id })).doc)).toContain('ask the harbour master');
  await selectArticle(page, a.title);
  await expect(inspector.getByRole('textbox', { name: `Note on ${a.title}` })).toHaveText('Lead: ask the harbour master');
});

test('memos keep what was typed when switching between them at once, and a confirmed delete removes one', async ({ page, dossier }) => {
  await openApp(page, dossier);
  await page.getByRole('tab', { name: 'Memos' }).click();
  const memoList = page.getByRole('list', { name: 'Memo list' });
  await page.getByRole('button', { name: 'New memo' }).click();
  await page.getByLabel('Memo title').fill('First');
  await page.getByRole('button', { name: 'New memo' }).click();
  await page.getByLabel('Memo title').fill('Second');
  await page.getByRole('textbox', { name: 'Memo: Second' }).click();
  await page.keyboard.type('Hypothesis B');
  // Straight to the other memo and back, before the pause that would save.
  await memoList.getByRole('button', { name: /First/ }).click();
  await expect(page.getByRole('textbox', { name: 'Memo: First' })).toHaveText('');
  await memoList.getByRole('button', { name: /Second/ }).click();
  await expect(page.getByRole('textbox', { name: 'Memo: Second' })).toHaveText('Hypothesis B');

  await memoList.getByRole('button', { name: /First/ }).click();
  await page.getByRole('button', { name: 'Delete memo' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Confirm delete' });
  await expect(confirm).toContainText('Delete the memo “First”');
  await confirm.getByRole('button', { name: 'Delete memo' }).click();
  await expect(memoList.getByRole('listitem')).toHaveCount(1);
  await expect(page.getByRole('alert')).toHaveCount(0);

  await page.reload();
  await page.getByRole('tab', { name: 'Memos' }).click();
  await expect(memoList.getByRole('listitem')).toHaveCount(1);
  await expect(page.getByRole('textbox', { name: 'Memo: Second' })).toHaveText('Hypothesis B');
  const stored = await dossier.call('memos.list', {});
  expect(stored.map((m) => m.title)).toEqual(['Second']);
});
