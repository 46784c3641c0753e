/** `dossier export` through runCli, on a real notebook: every text format, --brief, and failures. */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NotebookStore } from '../../../electron/store/notebook-store';
import { citation, doc, paragraph, text } from '../../../shared/brief/doc';
import { makeBrief } from '../../helpers/store-fixtures';
import { dossier } from '../../helpers/cli';
import { makeTempDir } from '../../helpers/temp-dir';
import { articleA, articleB, articleC, claims, sources } from './fixtures';

let tmp: { dir: string; cleanup: () => Promise<void> };
let nb: string;

beforeEach(async () => {
  tmp = await makeTempDir('dossier-cli-export-');
  nb = join(tmp.dir, 'NB');
  const store = await NotebookStore.create(nb, { name: 'Port' });
  await store.addArticles([articleA, articleB, articleC]);
  for (const c of claims) await store.putClaim(c);
  for (const s of sources) await store.putSource(s);
  await store.putBrief({ ...makeBrief('brief-1', 'Only May'), doc: doc(paragraph(text('May'), citation('c-may'))) as never });
  await store.close();
});
afterEach(() => tmp.cleanup());

describe('dossier export', () => {
  it('without --brief writes a complete brief with every claim, in each text format', async () => {
    for (const format of ['md', 'html', 'json', 'csv', 'csl']) {
      const out = join(tmp.dir, `brief.${format}`);
      const run = await dossier('export', nb, '--format', format, '--out', out);
      expect(run).toMatchObject({ code: 0, err: '' });
      expect(run.out).toMatch(new RegExp(`^Exported a brief generated from every claim as ${format} \\(\\d+ bytes\\) to `));
      const body = await readFile(out, 'utf8');
      if (format === 'csl') {
        expect((JSON.parse(body) as unknown[]).length).toBe(3);
        continue;
      }
      for (const c of claims) expect(body).toContain(c.target.exact);
    }
    const json = JSON.parse(await readFile(join(tmp.dir, 'brief.json'), 'utf8')) as { brief: unknown; layout: { footnotes: unknown[] } };
    expect(json.brief).toBeNull();
    expect(json.layout.footnotes).toHaveLength(claims.length);
    expect((await readdir(tmp.dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('with --brief exports that brief only', async () => {
    const out = join(tmp.dir, 'may.md');
    const run = await dossier('export', nb, '--format', 'md', '--out', out, '--brief', 'brief-1');
    expect(run).toMatchObject({ code: 0, err: '' });
    const md = await readFile(out, 'utf8');
    expect(md).toContain('[^1]: “will be finished by May”');
    expect(md).not.toContain('voted 71 to 48');
  });

  it('keeps jsonld: every highlight and claim', async () => {
    const out = join(tmp.dir, 'a.jsonld');
    const run = await dossier('export', nb, '--format', 'jsonld', '--out', out);
    expect(run).toEqual({ code: 0, out: `Exported ${claims.length} annotation(s) to ${out}\n`, err: '' });
  });

  it('fails with one line and leaves no file: unknown format, unknown brief, unwritable target', async () => {
    const out = join(tmp.dir, 'x.md');
    const bad = await dossier('export', nb, '--format', 'xml', '--out', out);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/^dossier export: --format must be one of md, html, .*\(got "xml"\)\n$/);
    const missing = await dossier('export', nb, '--format', 'md', '--out', out, '--brief', 'nope');
    expect(missing.code).not.toBe(0);
    expect(missing.err.trimEnd().split('\n')).toHaveLength(1);
    expect(missing.err).toMatch(/nope/);
    // The target's folder is a file: the write fails, and neither FILE nor a temp file is left.
    await writeFile(join(tmp.dir, 'blocker'), 'x');
    const unwritable = await dossier('export', nb, '--format', 'md', '--out', join(tmp.dir, 'blocker', 'b.md'));
    expect(unwritable.code).not.toBe(0);
    expect(unwritable.err).toMatch(/blocker\/b\.md: could not be written/);
    await mkdir(join(tmp.dir, 'dir-target'));
    const isDir = await dossier('export', nb, '--format', 'md', '--out', join(tmp.dir, 'dir-target'));
    expect(isDir.code).not.toBe(0);
    expect((await readdir(tmp.dir)).filter((f) => f.endsWith('.tmp') || f === 'x.md')).toEqual([]);
  });
});
