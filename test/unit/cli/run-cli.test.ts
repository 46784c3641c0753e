/**
 * The `dossier` CLI in-process, against real notebooks on disk (store + service), through the same
 * `runCli` the executable calls.
 */
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeMethods } from '../../../shared/api/dispatch';
import { dossier, expectOneErrorLine } from '../../helpers/cli';
import { makeTempDir } from '../../helpers/temp-dir';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'import');
const SAMPLES = join(import.meta.dirname, '..', '..', '..', 'resources', 'sample');

let tmp: { dir: string; cleanup: () => Promise<void> };
let nb: string;
let a: string;
let b: string;

beforeEach(async () => {
  tmp = await makeTempDir('dossier-cli-');
  nb = join(tmp.dir, 'NB');
  a = join(tmp.dir, 'a.txt');
  b = join(tmp.dir, 'b.md');
  await copyFile(join(FIXTURES, 'council-vote.txt'), a);
  await copyFile(join(FIXTURES, 'lagoon-notes.md'), b);
});
afterEach(() => tmp.cleanup());

describe('dossier init / import / list (the acceptance check)', () => {
  it('creates a notebook, imports a .txt and a .md, lists both with names intact', async () => {
    const init = await dossier('init', nb);
    expect(init).toMatchObject({ code: 0, err: '' });
    expect(init.out).toBe(`Created notebook "NB" in ${nb}\n`);
    expect(JSON.parse(await readFile(join(nb, 'notebook.json'), 'utf8'))).toMatchObject({ format: 'dossier-notebook' });

    const imported = await dossier('import', nb, a, b, '--json');
    expect(imported.code).toBe(0);
    expect(imported.err).toBe('');
    const results = JSON.parse(imported.out) as Array<Record<string, unknown>>;
    expect(results).toEqual([
      { file: a, status: 'imported', articleId: expect.any(String), title: 'Klaipėda councillors split over quay rezoning', error: null, nearDuplicateOf: null, similarity: null },
      { file: b, status: 'imported', articleId: expect.any(String), title: 'Lagoon Watch: notes from the ferry terminal', error: null, nearDuplicateOf: null, similarity: null },
    ]);

    const listed = await dossier('list', nb, '--json');
    expect(listed.code).toBe(0);
    const items = JSON.parse(listed.out) as Array<Record<string, unknown>>;
    expect(items.map((i) => i.title)).toEqual(['Klaipėda councillors split over quay rezoning', 'Lagoon Watch: notes from the ferry terminal']);
    expect(items.map((i) => i.id)).toEqual(results.map((r) => r.articleId));
    expect(items[0]).toMatchObject({ byline: 'Aušra Kasčiūnienė', outlet: 'Pajūrio Kurjeris', publishedAt: '2026-01-22', source: { fileName: 'a.txt', mediaType: 'text/plain' } });
    expect(items[1]).toMatchObject({ byline: 'Gintarė Šimkūnaitė, Ąžuolas Nausėdas', language: 'lt', source: { fileName: 'b.md', mediaType: 'text/markdown' } });
    for (const item of items) expect(item).not.toHaveProperty('text');
  });

  it('reports a second import of the same file as duplicate of the first, and exits 0', async () => {
    await dossier('init', nb);
    const first = JSON.parse((await dossier('import', nb, a, '--json')).out) as Array<{ articleId: string }>;
    const again = await dossier('import', nb, a, '--json');
    expect(again.code).toBe(0);
    expect(JSON.parse(again.out)).toEqual([
      { file: a, status: 'duplicate', articleId: first[0]!.articleId, title: 'Klaipėda councillors split over quay rezoning', error: null, nearDuplicateOf: null, similarity: null },
    ]);
    // The same text under another name is the same article too.
    const copy = join(tmp.dir, 'copy.txt');
    await copyFile(a, copy);
    expect((await dossier('import', nb, copy)).out).toMatch(/^duplicate {2}.*copy\.txt {2}already in the notebook as /);
    expect(JSON.parse((await dossier('list', nb, '--json')).out)).toHaveLength(1);
  });

  it('prints every result and exits 1 with one stderr line when some files fail', async () => {
    await dossier('init', nb);
    const binary = join(tmp.dir, 'report.txt');
    await copyFile(join(FIXTURES, 'binary.txt'), binary);
    const missing = join(tmp.dir, 'missing.txt');
    const run = await dossier('import', nb, a, binary, missing, '--json');
    expect(run.code).toBe(1);
    const results = JSON.parse(run.out) as Array<{ status: string; error: string | null }>;
    expect(results.map((r) => r.status)).toEqual(['imported', 'error', 'error']);
    expect(results[1]!.error).toBe('report.txt: this looks like a binary file, not text');
    expect(results[2]!.error).toContain('missing.txt');
    expectOneErrorLine(run, /^dossier import: 2 of 3 file\(s\) could not be imported: report\.txt: this looks like a binary file, not text \(and 1 more\)$/);
    // The good file went in regardless.
    expect(JSON.parse((await dossier('list', nb, '--json')).out)).toHaveLength(1);
  });

  it('imports a folder of samples and prints compact aligned lines', async () => {
    await dossier('init', nb);
    const run = await dossier('import', nb, SAMPLES);
    expect(run.code).toBe(0);
    const lines = run.out.trimEnd().split('\n');
    const summary = lines.pop();
    expect(summary).toMatch(/^\d+ imported, 0 duplicate, 0 failed$/);
    expect(lines.length).toBeGreaterThanOrEqual(6);
    for (const line of lines) expect(line).toMatch(/^imported {2}\S/);
    // Aligned: the third column starts at the same place on every line.
    const starts = lines.map((l) => /^imported {2}\S+ +/.exec(l)![0].length);
    expect(new Set(starts).size).toBe(1);

    const list = await dossier('list', nb);
    expect(list.code).toBe(0);
    const rows = list.out.trimEnd().split('\n');
    expect(rows[0]).toMatch(/^ID +DATE +OUTLET +TITLE$/);
    expect(rows).toHaveLength(lines.length + 1);
    expect(list.out).toContain('Seimas pritarė SGD terminalo plėtrai Klaipėdoje');
    const titleColumn = rows[0]!.indexOf('TITLE');
    for (const row of rows.slice(1)) expect(row[titleColumn - 1]).toBe(' ');
  });
});

describe('dossier show / call / methods', () => {
  let id: string;
  beforeEach(async () => {
    await dossier('init', nb, '--name', 'Klaipėda terminal');
    id = (JSON.parse((await dossier('import', nb, a, '--json')).out) as Array<{ articleId: string }>)[0]!.articleId;
  });

  it('show --json prints the article with its text, annotations and claims', async () => {
    const run = await dossier('show', nb, id, '--json');
    expect(run.code).toBe(0);
    const article = JSON.parse(run.out) as Record<string, unknown>;
    expect(article).toMatchObject({ id, annotations: [], claims: [], title: 'Klaipėda councillors split over quay rezoning' });
    expect(article.text).toBe(await readFile(a, 'utf8'));
  });

  it('show without --json prints the metadata and the text', async () => {
    const run = await dossier('show', nb, id);
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/^Klaipėda councillors split over quay rezoning\n\nId: +\S+\nOutlet: +Pajūrio Kurjeris\nByline: +Aušra Kasčiūnienė\n/);
    expect(run.out).toContain('Councillor Žydrūnas Nausėdaitis said');
    expect(run.out).toContain('Highlights: 0\nClaims: 0\n');
  });

  it('show with an unknown id fails with one line, and still closes the notebook', async () => {
    const run = await dossier('show', nb, 'no-such-article');
    expect(run.code).toBe(1);
    expect(run.out).toBe('');
    expectOneErrorLine(run, /^dossier show: .*no-such-article/);
    // Closed: the next command can open the notebook again.
    expect((await dossier('list', nb, '--json')).code).toBe(0);
  });

  it('call goes through the same contract as the named commands', async () => {
    const listed = JSON.parse((await dossier('list', nb, '--json')).out) as unknown[];
    const called = await dossier('call', nb, 'articles.list');
    expect(called.code).toBe(0);
    expect(JSON.parse(called.out)).toEqual({ total: 1, items: listed });
    const shown = JSON.parse((await dossier('show', nb, id, '--json')).out) as unknown;
    expect(JSON.parse((await dossier('call', nb, 'articles.show', JSON.stringify({ id }))).out)).toEqual(shown);
    const info = JSON.parse((await dossier('call', nb, 'notebook.info', '{}')).out) as { meta: { name: string }; articleCount: number };
    expect(info.meta.name).toBe('Klaipėda terminal');
    expect(info.articleCount).toBe(1);
  });

  it('call can change the notebook (a highlight), and show then carries it', async () => {
    const created = await dossier('call', nb, 'annotations.create', JSON.stringify({ articleId: id, target: { quote: 'Nausėdaitis' } }));
    expect(created.code).toBe(0);
    const annotation = JSON.parse(created.out) as { target: { exact: string } };
    expect(annotation.target.exact).toBe('Nausėdaitis');
    const shown = JSON.parse((await dossier('show', nb, id, '--json')).out) as { annotations: unknown[] };
    expect(shown.annotations).toHaveLength(1);
  });

  it('call refuses app and shell methods, unknown methods, bad JSON and bad arguments with exit 2', async () => {
    const app = await dossier('call', nb, 'notebook.open', '{"path":"x"}');
    expect(app.code).toBe(2);
    expectOneErrorLine(app, /^dossier call: notebook\.open is an app method; the CLI serves notebook methods only \(see: dossier methods\)$/);
    const shell = await dossier('call', nb, 'shell.chooseImportFiles');
    expect(shell.code).toBe(2);
    expectOneErrorLine(shell, /a shell method/);
    expectOneErrorLine(await dossier('call', nb, 'articles.frobnicate'), /^dossier call: there is no method "articles\.frobnicate"/);
    const badJson = await dossier('call', nb, 'articles.get', '{id:');
    expect(badJson.code).toBe(2);
    expectOneErrorLine(badJson, /^dossier call: JSON_ARGS is not valid JSON/);
    const badArgs = await dossier('call', nb, 'articles.get', '{"id": 5}');
    expect(badArgs.code).toBe(2);
    expectOneErrorLine(badArgs, /^dossier call: articles\.get: id: /);
  });

  it('methods --json prints describeMethods(); methods prints an aligned table', async () => {
    const json = await dossier('methods', '--json');
    expect(json.code).toBe(0);
    expect(JSON.parse(json.out)).toEqual(JSON.parse(JSON.stringify(describeMethods())));
    const human = await dossier('methods');
    expect(human.out).toMatch(/^METHOD +SCOPE +SUMMARY\n/);
    expect(human.out).toMatch(/\narticles\.importPaths +notebook +Import files or folders/);
  });
});

describe('dossier: failures and usage', () => {
  it('init refuses a folder that already holds a notebook', async () => {
    expect((await dossier('init', nb)).code).toBe(0);
    const again = await dossier('init', nb);
    expect(again.code).toBe(1);
    expectOneErrorLine(again, new RegExp(`^dossier init: .*${nb.replace(/[/\\.]/g, '\\$&')}`));
  });

  it('commands on a folder that is not a notebook fail naming the folder', async () => {
    const plain = join(tmp.dir, 'plain');
    await mkdir(plain);
    await writeFile(join(plain, 'x.txt'), 'hello');
    for (const argv of [['list', plain], ['show', plain, 'x'], ['import', plain, a], ['call', plain, 'articles.list']]) {
      const run = await dossier(...argv);
      expect(run.code, argv.join(' ')).toBe(1);
      expect(run.out).toBe('');
      expectOneErrorLine(run, new RegExp(`^dossier ${argv[0]}: .*plain`));
    }
  });

  it.each([
    [[], /^dossier: no command given \(see: dossier --help\)$/],
    [['frob'], /^dossier: unknown command "frob" \(see: dossier --help\)$/],
    [['--frob'], /^dossier: unknown option "--frob"/],
    [['list'], /^dossier list: missing DIR \(usage: dossier list DIR \[--json\]\)$/],
    [['import', 'NB'], /^dossier import: missing FILE \(usage: dossier import DIR FILE\.\.\. \[--json\]\)$/],
    [['show', 'NB'], /^dossier show: missing ARTICLE_ID/],
    [['list', 'NB', 'extra'], /^dossier list: unexpected argument "extra"/],
    [['list', 'NB', '--jsn'], /^dossier list: Unknown option '--jsn'/],
    [['methods', 'x'], /^dossier methods: unexpected argument "x"/],
    [['entities', 'NB', '--kind', 'animal'], /^dossier entities: --kind must be one of person, organization, place, date, number, other \(got "animal"\)$/],
    [['search', 'NB', 'q', '--limit', '0'], /^dossier search: --limit must be a whole number from 1 to 500 \(got "0"\)$/],
  ])('%j is a usage error (exit 2, one line)', async (argv, pattern) => {
    const run = await dossier(...argv);
    expect(run.code).toBe(2);
    expect(run.out).toBe('');
    expectOneErrorLine(run, pattern);
  });

  it('--help, help COMMAND and --version succeed', async () => {
    const help = await dossier('--help');
    expect(help.code).toBe(0);
    expect(help.out).toContain('dossier import DIR FILE... [--json]');
    expect((await dossier('help', 'import')).out).toBe(
      'Usage: dossier import DIR FILE... [--json]\n\nImport files (or folders of them) into the notebook; one result per file.\n',
    );
    expect((await dossier('list', '--help')).out).toMatch(/^Usage: dossier list DIR/);
    const version = await dossier('--version');
    const pkg = JSON.parse(await readFile(join(import.meta.dirname, '..', '..', '..', 'package.json'), 'utf8')) as { version: string };
    expect(version).toEqual({ code: 0, out: `${pkg.version}\n`, err: '' });
  });
});
