/** `dossier search DIR QUERY [--limit N] [--json]` end to end through runCli on a real notebook folder. */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SearchResponse } from '../../../shared/api/contract';
import { markSnippet } from '../../../electron/cli/search-format';
import { dossier } from '../../helpers/cli';
import { makeTempDir } from '../../helpers/temp-dir';

describe('dossier search', () => {
  let tmp: { dir: string; cleanup: () => Promise<void> };
  let nb: string;
  beforeEach(async () => {
    tmp = await makeTempDir();
    nb = join(tmp.dir, 'nb');
    const a = join(tmp.dir, 'a.txt');
    const b = join(tmp.dir, 'b.txt');
    await writeFile(a, 'Nausėda visits the port\n\nPresident Gitanas Nausėda visited the Klaipėda port on Monday.');
    await writeFile(b, 'Storm closes terminal\n\nThe gas terminal closed for the storm.');
    expect((await dossier('init', nb)).code).toBe(0);
    expect((await dossier('import', nb, a, b)).code).toBe(0);
  });
  afterEach(() => tmp.cleanup());

  it('prints JSON results with snippets, highlights and jump targets', async () => {
    const run = await dossier('search', nb, 'nauseda', 'klaipeda', '--json');
    expect(run.code).toBe(0);
    const res = JSON.parse(run.out) as SearchResponse;
    expect(res.total).toBe(1);
    const hit = res.results[0]!;
    expect(hit.title).toBe('Nausėda visits the port');
    expect(hit.highlights.map((h) => hit.snippet.slice(h.start, h.end))).toEqual(['Nausėda', 'Nausėda', 'Klaipėda']);
  });

  it('prints readable lines with the matches marked, and says when nothing matched', async () => {
    const run = await dossier('search', nb, '"gas terminal"');
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/^article {3}\S+ @27-39 {2}Storm closes terminal\n {10}Storm closes \[terminal\] {2}The \[gas terminal\] closed for the storm\.\n1 match\n$/);
    expect((await dossier('search', nb, 'zeppelin')).out).toBe('No matches for "zeppelin".\n');
  });

  it('says when more matches exist than --limit shows', async () => {
    const run = await dossier('search', nb, 'the', '--limit', '1');
    expect(run.out).toMatch(/1 of 2 matches \(more with --limit\)\n$/);
  });

  it('marks overlapping highlights once', () => {
    expect(markSnippet('abc def', [{ start: 4, end: 7 }, { start: 0, end: 3 }, { start: 1, end: 2 }])).toBe('[abc] [def]');
  });
});
