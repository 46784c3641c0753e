/**
 * The browser host as a process (`npm run serve`): its options, its one stdout line, and a
 * graceful shutdown that releases the notebook for the next process.
 */
import { spawn } from 'node:child_process';
import { HOST_JS, ROOT, expect, spawnHost, test } from '../helpers/host-process';

function runHost(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [HOST_JS, ...args], { cwd: ROOT, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

test('--notebook opens that notebook; it is locked while open and released by SIGTERM', async () => {
  const testInfo = test.info();
  const notebookDir = testInfo.outputPath('Ports notebook');
  const first = await spawnHost({ dataDir: testInfo.outputPath('data-1') });
  let firstStopped = false;
  try {
    const created = await first.call('notebook.create', { path: notebookDir, name: 'Ports' });
    expect(created.meta.name).toBe('Ports');
    const [imported] = await first.call('articles.import', {
      files: [{ name: 'note.txt', dataBase64: Buffer.from('Klaipėda note\n\nŽemaitytė.\n').toString('base64') }],
    });
    expect(imported?.status).toBe('imported');

    // While the first host holds the notebook, a second process must refuse to open it too.
    const busy = await runHost(['--port', '0', '--data-dir', testInfo.outputPath('data-busy'), '--notebook', notebookDir]);
    expect(busy.code).toBe(1);
    expect(busy.stdout).toBe('');
    expect(busy.stderr).toMatch(/lock|in use|another/i);

    const ended = await first.stop();
    firstStopped = true;
    expect(ended).toEqual({ code: 0, signal: null, forced: false });
  } finally {
    if (!firstStopped) await first.stop();
  }

  // The graceful shutdown released the lock: a new host opens the notebook with its article.
  const second = await spawnHost({ dataDir: testInfo.outputPath('data-2'), notebook: notebookDir });
  try {
    const info = await second.call('app.info', {});
    expect(info.notebook?.meta.name).toBe('Ports');
    expect(info.notebook?.articleCount).toBe(1);
  } finally {
    expect((await second.stop()).code).toBe(0);
  }
});

test('prints exactly one line, honours DOSSIER_TOKEN, and exits 0 on SIGTERM', async () => {
  const testInfo = test.info();
  const token = 'env-token-abcdefghijklmnop';
  const child = spawn(process.execPath, [HOST_JS, '--port', '0', '--data-dir', testInfo.outputPath('data')], {
    cwd: ROOT,
    env: { ...process.env, DOSSIER_TOKEN: token },
  });
  let stdout = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  await expect.poll(() => stdout, { timeout: 15_000 }).toContain('\n');
  expect(stdout).toMatch(new RegExp(`^Dossier is serving http://127\\.0\\.0\\.1:\\d+/#token=${token}\\n$`));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  expect(await exited).toBe(0);
  expect(stdout.split('\n').filter(Boolean)).toHaveLength(1);
});

test('bad options fail with a one-line reason and a non-zero exit', async () => {
  const testInfo = test.info();
  const badPort = await runHost(['--port', 'eighty', '--data-dir', testInfo.outputPath('d1')]);
  expect(badPort.code).not.toBe(0);
  expect(badPort.stderr).toContain('--port must be a whole number');
  expect(badPort.stdout).toBe('');

  const unknown = await runHost(['--bogus']);
  expect(unknown.code).not.toBe(0);
  expect(unknown.stderr).toContain("Unknown option '--bogus'");

  const missing = await runHost(['--port', '0', '--data-dir', testInfo.outputPath('d2'), '--notebook', testInfo.outputPath('no-such-notebook')]);
  expect(missing.code).toBe(1);
  expect(missing.stderr).toContain('no-such-notebook');
  expect(missing.stdout).toBe('');
});
