import { describe, expect, it } from 'vitest';
import { walkEntries, type EntryLike } from './folderWalk';
import { selectFolderFiles } from './importPlan';

type FakeFile = { name: string };

function file(fullPath: string, fail = false): EntryLike {
  const name = fullPath.split('/').pop()!;
  return {
    isFile: true,
    isDirectory: false,
    name,
    fullPath,
    file: (ok: (f: FakeFile) => void, ko?: (e: unknown) => void) =>
      setTimeout(() => (fail ? ko?.(new Error('NotReadableError')) : ok({ name })), 0),
  } as EntryLike;
}

/** A directory whose reader hands out children `pageSize` at a time, as Chromium does (100 per call). */
function dir(fullPath: string, children: EntryLike[], pageSize = 2): EntryLike & { calls: number } {
  const name = fullPath.split('/').pop()!;
  const entry = {
    isFile: false,
    isDirectory: true,
    name,
    fullPath,
    calls: 0,
    createReader: () => {
      let offset = 0;
      return {
        readEntries: (ok: (e: EntryLike[]) => void) => {
          entry.calls++;
          const page = children.slice(offset, offset + pageSize);
          offset += page.length;
          setTimeout(() => ok(page), 0);
        },
      };
    },
  };
  return entry;
}

describe('walkEntries', () => {
  it('reads every page of every folder, recursively, in name order', async () => {
    const sub = dir('/batch/sub', [file('/batch/sub/z.txt'), file('/batch/sub/a.md')]);
    const root = dir('/batch', [file('/batch/c.html'), sub, file('/batch/b.txt'), file('/batch/a.txt'), file('/batch/d.pdf')], 2);
    const result = await walkEntries<FakeFile>([root]);
    expect(result.files.map((f) => f.path)).toEqual(['batch/a.txt', 'batch/b.txt', 'batch/c.html', 'batch/d.pdf', 'batch/sub/a.md', 'batch/sub/z.txt']);
    // 5 children, 2 per page: three pages with entries, then the empty one that ends the loop.
    expect(root.calls).toBe(4);
    expect(result.unreadable).toEqual([]);
  });

  it('does not enter hidden folders and reports unreadable files without stopping', async () => {
    const git = dir('/batch/.git', [file('/batch/.git/HEAD')]);
    const root = dir('/batch', [git, file('/batch/locked.txt', true), file('/batch/ok.txt')]);
    const result = await walkEntries<FakeFile>([root, file('/loose.md')]);
    expect(result.files.map((f) => f.path)).toEqual(['batch/ok.txt', 'loose.md']);
    expect(result.skippedHiddenFolders).toBe(1);
    expect(result.unreadable).toEqual([{ path: 'batch/locked.txt', error: 'could not read the file (NotReadableError)' }]);
  });
});

describe('selectFolderFiles', () => {
  it('skips hidden files and unsupported formats, counting each, and sorts by path', () => {
    const found = ['b/z.txt', 'b/.DS_Store', 'b/photo.jpg', 'b/sub/.hidden.md', 'b/a.HTML', 'b/notes.docx', 'b/data.csv', 'b/sub/story.mhtml'].map((path) => ({
      file: path,
      path,
    }));
    const selection = selectFolderFiles(found);
    expect(selection.files.map((f) => f.path)).toEqual(['b/a.HTML', 'b/notes.docx', 'b/sub/story.mhtml', 'b/z.txt']);
    expect(selection.skippedHidden).toBe(2);
    expect(selection.skippedUnsupported).toBe(2);
  });
});
