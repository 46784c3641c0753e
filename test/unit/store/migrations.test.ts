import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { knownVersion, type Migration } from '../../../electron/store/migrate';
import { migrations as registered } from '../../../electron/store/migrations/index';
import { CURRENT_SCHEMA_VERSION, NotebookStore } from '../../../electron/store/notebook-store';
import { DossierError } from '../../../shared/api/result';
import { makeAnnotation, makeArticle, makeTag } from '../../helpers/store-fixtures';

let root: string;
let dir: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'dossier-migrate-'));
  const s = await NotebookStore.create(join(root, 'nb'));
  await s.addArticles([makeArticle('a1')]);
  await s.putAnnotation(makeAnnotation('a1', 'n1'));
  await s.putTag(makeTag('t1', '  Economy  '));
  await s.close();
  dir = s.dir;
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

/**
 * A test-only migration, written as a real one would be: version 1 -> 2 trims tag names.
 * Counts its runs so the test can see it ran once.
 */
function trimTagNames(runs: { count: number }): Migration {
  return {
    from: 1,
    name: 'trim tag names',
    touches: ['tags.json'],
    async up(ctx) {
      runs.count++;
      const data = (await ctx.readJson('tags.json')) as { tags: { name: string }[] } | undefined;
      if (!data) return;
      await ctx.writeJson('tags.json', { tags: data.tags.map((t) => ({ ...t, name: t.name.trim() })) });
    },
  };
}

async function readMeta(): Promise<{ schemaVersion: number }> {
  return JSON.parse(await readFile(join(dir, 'notebook.json'), 'utf8')) as { schemaVersion: number };
}

describe('migrations', () => {
  it('the registry reaches the current schema version', () => {
    expect(knownVersion(1, registered)).toBe(CURRENT_SCHEMA_VERSION);
  });

  it('runs a migration once, bumps the version and leaves a backup of what it touched', async () => {
    const tagsBefore = await readFile(join(dir, 'tags.json'), 'utf8');
    const runs = { count: 0 };
    const s = await NotebookStore.open(dir, { migrations: [trimTagNames(runs)] });
    expect(runs.count).toBe(1);
    expect(s.meta().schemaVersion).toBe(2);
    expect((await s.listTags())[0]!.name).toBe('Economy');
    expect((await s.listAnnotations('a1')).map((a) => a.id)).toEqual(['n1']);
    await s.close();
    expect((await readMeta()).schemaVersion).toBe(2);

    const backups = await readdir(join(dir, '.backups'));
    expect(backups).toHaveLength(1);
    expect(backups[0]).toMatch(/^\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z-v1$/);
    const backup = join(dir, '.backups', backups[0]!);
    expect(await readFile(join(backup, 'tags.json'), 'utf8')).toBe(tagsBefore);
    expect(JSON.parse(await readFile(join(backup, 'backup.json'), 'utf8'))).toMatchObject({ fromVersion: 1, files: ['tags.json'] });

    // Second open: already at version 2, nothing runs.
    const again = await NotebookStore.open(dir, { migrations: [trimTagNames(runs)] });
    expect(runs.count).toBe(1);
    await again.close();
    expect(await readdir(join(dir, '.backups'))).toHaveLength(1);
  });

  it('without `touches`, backs up every JSON file of the notebook', async () => {
    const migration: Migration = { from: 1, name: 'noop', up: async () => undefined };
    const s = await NotebookStore.open(dir, { migrations: [migration] });
    await s.close();
    const [backup] = await readdir(join(dir, '.backups'));
    const manifest = JSON.parse(await readFile(join(dir, '.backups', backup!, 'backup.json'), 'utf8')) as { files: string[] };
    expect(manifest.files.map((f) => f.replace(/\\/g, '/')).sort()).toEqual(
      ['annotations/a1.json', 'articles/a1.json', 'catalog.json', 'notebook.json', 'tags.json'].sort(),
    );
  });

  it('runs chained migrations in order and stops at a failure with the old version kept', async () => {
    const order: number[] = [];
    const chain: Migration[] = [
      { from: 2, name: 'second', up: async () => void order.push(2) },
      { from: 1, name: 'first', up: async () => void order.push(1) },
      { from: 3, name: 'broken', up: async () => { throw new Error('disk on fire'); } },
    ];
    const err = (await NotebookStore.open(dir, { migrations: chain }).catch((e: unknown) => e)) as DossierError;
    expect(order).toEqual([1, 2]);
    expect(err).toBeInstanceOf(DossierError);
    expect(err.message).toMatch(/from version 3 \(broken\) failed: disk on fire/);
    expect((await readMeta()).schemaVersion).toBe(3);
    expect(await readdir(dir)).not.toContain('.dossier.lock');
  });

  it('refuses a notebook newer than this build knows, without touching it', async () => {
    const file = join(dir, 'notebook.json');
    const meta = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    // A future format may also add or change fields of notebook.json.
    const newer = JSON.stringify({ ...meta, schemaVersion: 7, id: 42, shiny: true });
    await writeFile(file, newer);
    const err = (await NotebookStore.open(dir).catch((e: unknown) => e)) as DossierError;
    expect(err).toBeInstanceOf(DossierError);
    expect(err.code).toBe('unsupported');
    expect(err.message).toMatch(/schema version 7.*reads up to version 1.*Update Dossier/);
    expect(await readFile(file, 'utf8')).toBe(newer);
    expect(await readdir(dir)).not.toContain('.backups');
  });
});
