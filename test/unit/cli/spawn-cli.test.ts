/**
 * The `dossier` executable as a user runs it: a separate process, real argv, real exit codes and
 * streams. Runs the TypeScript entry through tsx, and the built out/main/cli.js when it exists.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../helpers/temp-dir';

const ROOT = resolve(import.meta.dirname, '..', '..', '..');
const FIXTURES = join(ROOT, 'test', 'fixtures', 'import');
const BUILT = join(ROOT, 'out', 'main', 'cli.js');

const launchers: Array<{ name: string; args: string[]; available: boolean; why: string }> = [
  {
    name: 'tsx electron/cli/main.ts',
    // tsx's loader by absolute URL: the commands run in a temp folder, where `--import tsx` would not resolve.
    args: ['--import', pathToFileURL(join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href, join(ROOT, 'electron', 'cli', 'main.ts')],
    available: true,
    why: '',
  },
  {
    name: 'node out/main/cli.js',
    args: [BUILT],
    available: existsSync(BUILT),
    why: 'out/main/cli.js is absent: run `npm run build` (with the cli entry in electron.vite.config.ts) to test the built CLI',
  },
];

let tmp: { dir: string; cleanup: () => Promise<void> };
beforeAll(async () => {
  tmp = await makeTempDir('dossier-cli-spawn-');
  // Relative file names, as a user types them, from the folder the command runs in.
  copyFileSync(join(FIXTURES, 'council-vote.txt'), join(tmp.dir, 'a.txt'));
  copyFileSync(join(FIXTURES, 'lagoon-notes.md'), join(tmp.dir, 'b.md'));
  copyFileSync(join(FIXTURES, 'binary.txt'), join(tmp.dir, 'photo.txt'));
});
afterAll(() => tmp.cleanup());

for (const launcher of launchers) {
  describe(launcher.name, () => {
    if (!launcher.available) {
      it.skip(`skipped: ${launcher.why}`, () => {});
      console.warn(`[spawn-cli] ${launcher.why}`);
      return;
    }
    const dossier = (...argv: string[]) => {
      const run = spawnSync(process.execPath, [...launcher.args, ...argv], { cwd: tmp.dir, encoding: 'utf8', timeout: 60_000 });
      return { code: run.status, out: run.stdout, err: run.stderr };
    };

    it('init NB && import NB a.txt b.md --json && list NB --json, then duplicate and bad input', { timeout: 120_000 }, () => {
      const nb = `NB-${launchers.indexOf(launcher)}`;
      expect(dossier('init', nb)).toMatchObject({ code: 0, err: '' });

      const imported = dossier('import', nb, 'a.txt', 'b.md', '--json');
      expect(imported.err).toBe('');
      expect(imported.code).toBe(0);
      const results = JSON.parse(imported.out) as Array<{ file: string; status: string }>;
      expect(results.map((r) => [r.file, r.status])).toEqual([
        ['a.txt', 'imported'],
        ['b.md', 'imported'],
      ]);

      const listed = dossier('list', nb, '--json');
      expect(listed.code).toBe(0);
      const titles = (JSON.parse(listed.out) as Array<{ title: string; byline: string }>).map((a) => `${a.title} / ${a.byline}`);
      expect(titles).toEqual([
        'Klaipėda councillors split over quay rezoning / Aušra Kasčiūnienė',
        'Lagoon Watch: notes from the ferry terminal / Gintarė Šimkūnaitė, Ąžuolas Nausėdas',
      ]);

      const again = dossier('import', nb, 'a.txt', '--json');
      expect(again.code).toBe(0);
      expect((JSON.parse(again.out) as Array<{ status: string }>)[0]!.status).toBe('duplicate');

      const bad = dossier('import', nb, 'photo.txt');
      expect(bad.code).toBe(1);
      expect(bad.err.trimEnd().split('\n')).toEqual([
        'dossier import: 1 of 1 file(s) could not be imported: photo.txt: this looks like a binary file, not text',
      ]);

      const usage = dossier('show', nb);
      expect(usage.code).toBe(2);
      expect(usage.out).toBe('');
      expect(usage.err).toBe('dossier show: missing ARTICLE_ID (usage: dossier show DIR ARTICLE_ID [--json])\n');

      const notebook = dossier('list', 'no-such-folder');
      expect(notebook.code).toBe(1);
      expect(notebook.err.trimEnd().split('\n')).toHaveLength(1);
      expect(notebook.err).toMatch(/^dossier list: .*no-such-folder/);
    });
  });
}
