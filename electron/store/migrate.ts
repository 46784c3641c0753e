/**
 * Notebook migrations: numbered steps that each take the on-disk format from `schemaVersion = from`
 * to `from + 1`. Before each step the files it touches (or, when it does not say, every JSON file of
 * the notebook) are copied to `<dir>/.backups/<timestamp>-v<from>/`, keeping their relative paths;
 * after it, notebook.json is rewritten with the new version. A crash in the middle leaves the old
 * version in notebook.json, so the step runs again on the next open: migrations must be idempotent
 * (write whole files through `ctx.writeJson`, which is atomic, and accept files already converted).
 */
import { mkdir, readdir, readFile, stat } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { DossierError } from '../../shared/api/result';
import type { NotebookMeta } from '../../shared/model/schemas';
import { fsyncDir, TEMP_FILE_PATTERN, writeFileDurably } from './durable-file';

export interface MigrationContext {
  /** The notebook folder (absolute). */
  readonly dir: string;
  /** Parse a JSON file, by path relative to the notebook; undefined when it does not exist. */
  readJson(rel: string): Promise<unknown>;
  /** Write a JSON file durably and atomically, by path relative to the notebook. */
  writeJson(rel: string, value: unknown): Promise<void>;
  /** File names (not paths) of the `.json` files in a folder of the notebook; [] when it does not exist. */
  listJson(relDir: string): Promise<string[]>;
}

export interface Migration {
  /** The schemaVersion this step upgrades from; it leaves the notebook at `from + 1`. */
  readonly from: number;
  /** Short description, used in messages and in the backup folder's manifest. */
  readonly name: string;
  /**
   * Files or folders (relative to the notebook) that the step changes, backed up before it runs.
   * Omitted: every JSON file in the notebook is backed up.
   */
  readonly touches?: readonly string[];
  up(ctx: MigrationContext): Promise<void>;
}

export const BACKUP_DIR = '.backups';

/** Folders and files that are never part of a backup: other backups, caches, the lock. */
function skipInBackup(rel: string): boolean {
  const top = rel.split(sep)[0] ?? rel;
  return top === BACKUP_DIR || top === 'cache' || top === '.dossier.lock';
}

function isJsonFile(name: string): boolean {
  return name.endsWith('.json') && !TEMP_FILE_PATTERN.test(name);
}

async function walkJson(root: string, relDir: string, out: string[]): Promise<void> {
  let entries;
  try {
    entries = await readdir(join(root, relDir), { withFileTypes: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  for (const e of entries) {
    const rel = relDir ? join(relDir, e.name) : e.name;
    if (skipInBackup(rel)) continue;
    if (e.isDirectory()) await walkJson(root, rel, out);
    else if (e.isFile() && isJsonFile(e.name)) out.push(rel);
  }
}

async function filesToBackUp(dir: string, migration: Migration): Promise<string[]> {
  if (!migration.touches) {
    const all: string[] = [];
    await walkJson(dir, '', all);
    return all;
  }
  const out: string[] = [];
  for (const rel of migration.touches) {
    try {
      const st = await stat(join(dir, rel));
      if (st.isDirectory()) await walkJson(dir, rel, out);
      else out.push(rel);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }
  return out;
}

function timestampForFileName(date = new Date()): string {
  // Colons are not allowed in Windows file names.
  return date.toISOString().replace(/[:.]/g, '-');
}

/** Copy `files` into a new backup folder and fsync them; returns the folder. */
async function backUp(dir: string, files: string[], from: number, migration: Migration): Promise<string> {
  const base = join(dir, BACKUP_DIR, `${timestampForFileName()}-v${from}`);
  let target = base;
  for (let n = 1; ; n++) {
    try {
      await mkdir(target, { recursive: false });
      break;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') await mkdir(join(dir, BACKUP_DIR), { recursive: true });
      else if (code === 'EEXIST') target = `${base}-${n}`;
      else throw err;
    }
  }
  const dirs = new Set<string>([target]);
  // Read and write durably (not copyFile): the copies must be on disk before the originals change.
  for (const rel of files) {
    const dest = join(target, rel);
    await mkdir(dirname(dest), { recursive: true });
    dirs.add(dirname(dest));
    await writeFileDurably(dest, await readFile(join(dir, rel)));
  }
  await writeFileDurably(
    join(target, 'backup.json'),
    JSON.stringify({ fromVersion: from, migration: migration.name, createdAt: new Date().toISOString(), files }, null, 2),
  );
  for (const d of dirs) await fsyncDir(d);
  await fsyncDir(join(dir, BACKUP_DIR));
  return target;
}

function contextFor(dir: string): MigrationContext {
  const inside = (rel: string): string => {
    const abs = join(dir, rel);
    if (relative(dir, abs).startsWith('..')) throw new DossierError('invalid-input', `Migration path ${rel} leaves the notebook folder`);
    return abs;
  };
  return {
    dir,
    async readJson(rel) {
      try {
        return JSON.parse(await readFile(inside(rel), 'utf8')) as unknown;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw err;
      }
    },
    async writeJson(rel, value) {
      const abs = inside(rel);
      await mkdir(dirname(abs), { recursive: true });
      await writeFileDurably(abs, JSON.stringify(value, null, 2) + '\n');
    },
    async listJson(relDir) {
      try {
        return (await readdir(inside(relDir))).filter(isJsonFile).sort();
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw err;
      }
    },
  };
}

/** The highest version this build can read: the base format or what the migrations reach. */
export function knownVersion(baseVersion: number, list: readonly Migration[]): number {
  return list.reduce((v, m) => Math.max(v, m.from + 1), baseVersion);
}

export interface MigrationOutcome {
  meta: NotebookMeta;
  /** One entry per step run: name, from-version and backup folder. */
  applied: { name: string; from: number; backup: string }[];
}

/**
 * Bring the notebook at `dir` (whose notebook.json holds `meta`) up to the newest known version.
 * Refuses (DossierError 'unsupported') a notebook newer than that, or one with no path up.
 */
export async function migrateNotebook(
  dir: string,
  meta: NotebookMeta,
  list: readonly Migration[],
  baseVersion: number,
  writeMeta: (meta: NotebookMeta) => Promise<void>,
): Promise<MigrationOutcome> {
  const target = knownVersion(baseVersion, list);
  if (meta.schemaVersion > target) {
    throw new DossierError(
      'unsupported',
      `Notebook ${dir} has schema version ${meta.schemaVersion}, but this version of Dossier reads up to version ${target}. Update Dossier to open it.`,
    );
  }
  const applied: MigrationOutcome['applied'] = [];
  let current = meta;
  while (current.schemaVersion < target) {
    const from = current.schemaVersion;
    const steps = list.filter((m) => m.from === from);
    if (steps.length !== 1) {
      throw new DossierError(
        'unsupported',
        `Notebook ${dir} has schema version ${from}, and this version of Dossier has ${steps.length === 0 ? 'no' : 'more than one'} migration from it.`,
      );
    }
    const step = steps[0]!;
    const backup = await backUp(dir, await filesToBackUp(dir, step), from, step);
    try {
      await step.up(contextFor(dir));
    } catch (err) {
      throw new DossierError(
        'io',
        `Migrating notebook ${dir} from version ${from} (${step.name}) failed: ${(err as Error).message}. The files it touches were backed up to ${backup}.`,
      );
    }
    current = { ...current, schemaVersion: from + 1 };
    await writeMeta(current);
    applied.push({ name: step.name, from, backup });
  }
  return { meta: current, applied };
}
