/**
 * How one method of the API contract is declared: its scope, a one-line summary (shown by
 * `dossier methods`), and the zod schemas of its input and output.
 */
import { z } from 'zod';

export type MethodScope = 'app' | 'notebook' | 'shell';

export interface MethodSpec<
  I extends z.ZodType = z.ZodType,
  O extends z.ZodType = z.ZodType,
  S extends MethodScope = MethodScope,
> {
  scope: S;
  summary: string;
  input: I;
  output: O;
}

export function method<S extends MethodScope, I extends z.ZodType, O extends z.ZodType>(
  scope: S,
  summary: string,
  input: I,
  output: O,
): MethodSpec<I, O, S> {
  return { scope, summary, input, output };
}

export const Empty = z.object({}).strict();
