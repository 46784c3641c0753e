/**
 * What every CLI command works with: where output goes, how a notebook is opened, and how a method
 * is called. Commands never touch the store: they call contract methods through `dispatch`, the
 * same path `dossier call` and the other front doors take.
 */
import { type Handlers, type MethodInput, type MethodName, type MethodOutput } from '../../shared/api/contract';
import { dispatch } from '../../shared/api/dispatch';
import type { ErrorValue } from '../../shared/api/result';

export interface CliStream {
  write(chunk: string): unknown;
}

export interface CliIo {
  stdout: CliStream;
  stderr: CliStream;
}

/** An open notebook as the CLI sees it: handlers to dispatch to, and how to let go of it. */
export interface NotebookSession {
  handlers: Partial<Handlers>;
  close(): Promise<void> | void;
}

/** How notebooks are created and opened; tests may pass their own. */
export interface CliEnv {
  createNotebook(dir: string, options: { name?: string }): Promise<NotebookSession>;
  openNotebook(dir: string): Promise<NotebookSession>;
  version: string;
}

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

/** A failure that ends the command: one line on stderr and this exit code. */
export class CliFailure extends Error {
  constructor(
    readonly exitCode: number,
    message: string,
  ) {
    super(message);
    this.name = 'CliFailure';
  }
}

export const usageError = (message: string): CliFailure => new CliFailure(EXIT_USAGE, message);
export const failure = (message: string): CliFailure => new CliFailure(EXIT_FAILED, message);

/** Arguments that do not fit a method are the caller's mistake (exit 2); anything else failed (exit 1). */
export function failureFromError(error: ErrorValue): CliFailure {
  const usage = error.code === 'invalid-input' || error.code === 'unknown-method';
  return new CliFailure(usage ? EXIT_USAGE : EXIT_FAILED, error.message);
}

export interface CommandContext {
  io: CliIo;
  env: CliEnv;
  positionals: string[];
  values: Record<string, string | boolean | string[] | undefined>;
  json: boolean;
}

/** Calls one contract method on an open session and returns its value, or throws a CliFailure. */
export async function callMethod<M extends MethodName>(
  session: NotebookSession,
  method: M,
  input: MethodInput<M>,
): Promise<MethodOutput<M>> {
  const result = await dispatch(session.handlers, method, input);
  if (!result.ok) throw failureFromError(result.error);
  return result.value as MethodOutput<M>;
}

/** Calls a method named at run time (`dossier call`). */
export async function callAny(session: NotebookSession, method: MethodName, input: unknown): Promise<unknown> {
  const result = await dispatch(session.handlers, method, input);
  if (!result.ok) throw failureFromError(result.error);
  return result.value;
}

function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

/** Makes sure a message names the input it is about. */
export function naming(input: string, message: string): string {
  return message.includes(input) ? message : `${input}: ${message}`;
}

/** Opens DIR, runs `body`, and always closes the notebook again, even when `body` fails. */
export async function withNotebook<T>(env: CliEnv, dir: string, body: (session: NotebookSession) => Promise<T>): Promise<T> {
  let session: NotebookSession;
  try {
    session = await env.openNotebook(dir);
  } catch (error) {
    if (error instanceof CliFailure) throw error;
    throw failure(naming(dir, messageOf(error)));
  }
  let value: T;
  try {
    value = await body(session);
  } catch (error) {
    // A failed close after a failed command must not hide the first error.
    await Promise.resolve()
      .then(() => session.close())
      .catch(() => undefined);
    throw error;
  }
  try {
    await session.close();
  } catch (error) {
    throw failure(naming(dir, `could not be closed cleanly: ${messageOf(error)}`));
  }
  return value;
}

export function writeJson(io: CliIo, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
