/**
 * Reading a dropped folder in the page. A drop carries FileSystemEntry objects
 * (`DataTransferItem.webkitGetAsEntry()`); a directory is read with `createReader().readEntries()`,
 * which returns its children in pieces (Chromium: 100 at a time) and must be called until it
 * returns none. Written against minimal interfaces so the walk is tested with plain objects.
 */

export interface EntryLike {
  readonly isFile: boolean;
  readonly isDirectory: boolean;
  readonly name: string;
  /** "/folder/sub/file.txt" for dropped entries. */
  readonly fullPath: string;
}
export interface FileEntryLike<F> extends EntryLike {
  file(success: (file: F) => void, failure?: (error: unknown) => void): void;
}
export interface DirectoryEntryLike extends EntryLike {
  createReader(): { readEntries(success: (entries: EntryLike[]) => void, failure?: (error: unknown) => void): void };
}

export interface WalkedFile<F> {
  file: F;
  /** Relative path from the dropped item, e.g. "batch/sub/note.txt". */
  path: string;
}

export interface WalkResult<F> {
  files: WalkedFile<F>[];
  /** Entries that could not be read (permission, vanished), with the reason. */
  unreadable: Array<{ path: string; error: string }>;
  /** Hidden folders inside a dropped folder, not entered (a .git folder can hold thousands of files). */
  skippedHiddenFolders: number;
}

function isDirectory(entry: EntryLike): entry is DirectoryEntryLike {
  return entry.isDirectory && typeof (entry as Partial<DirectoryEntryLike>).createReader === 'function';
}
function isFileEntry<F>(entry: EntryLike): entry is FileEntryLike<F> {
  return entry.isFile && typeof (entry as Partial<FileEntryLike<F>>).file === 'function';
}

function relativePath(entry: EntryLike): string {
  const path = entry.fullPath || entry.name;
  return path.replace(/^\/+/, '');
}

function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (error && typeof error === 'object' && 'name' in error) return String((error as { name: unknown }).name);
  return String(error);
}

function readAll(dir: DirectoryEntryLike): Promise<EntryLike[]> {
  const reader = dir.createReader();
  const all: EntryLike[] = [];
  return new Promise((resolve, reject) => {
    const next = (): void => {
      reader.readEntries((entries) => {
        if (entries.length === 0) resolve(all);
        else {
          all.push(...entries);
          next();
        }
      }, reject);
    };
    next();
  });
}

function fileOf<F>(entry: FileEntryLike<F>): Promise<F> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

/**
 * Every file under the given entries (directories walked recursively, children in name order).
 * Hidden folders inside them are counted, not entered; hidden files are still listed, so the
 * caller's filter (selectFolderFiles) counts them as skipped.
 */
export async function walkEntries<F>(entries: readonly EntryLike[]): Promise<WalkResult<F>> {
  const result: WalkResult<F> = { files: [], unreadable: [], skippedHiddenFolders: 0 };
  const visit = async (entry: EntryLike): Promise<void> => {
    const path = relativePath(entry);
    if (isDirectory(entry)) {
      if (entry.name.startsWith('.') && path.includes('/')) {
        result.skippedHiddenFolders++;
        return;
      }
      let children: EntryLike[];
      try {
        children = await readAll(entry);
      } catch (error) {
        result.unreadable.push({ path, error: `could not read the folder (${messageOf(error)})` });
        return;
      }
      children.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      for (const child of children) await visit(child);
    } else if (isFileEntry<F>(entry)) {
      try {
        result.files.push({ file: await fileOf(entry), path });
      } catch (error) {
        result.unreadable.push({ path, error: `could not read the file (${messageOf(error)})` });
      }
    }
  };
  for (const entry of entries) await visit(entry);
  return result;
}
