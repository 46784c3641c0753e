/** Runs the `dossier` CLI in-process through the same `runCli` the executable calls, capturing its output. */
import { expect } from 'vitest';
import { runCli } from '../../electron/cli/run-cli';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

export async function dossier(...argv: string[]): Promise<CliRun> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) } });
  return { code, out, err };
}

/** Exactly one line on stderr, matching `pattern`, and nothing else. */
export function expectOneErrorLine(run: CliRun, pattern: RegExp): void {
  expect(run.err.trimEnd()).toMatch(pattern);
  expect(run.err.endsWith('\n')).toBe(true);
  expect(run.err.trimEnd().split('\n')).toHaveLength(1);
}
