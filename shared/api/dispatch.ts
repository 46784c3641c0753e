/**
 * The one place where a call from outside meets a handler: the method name is checked against the
 * contract, the arguments are parsed with its schema, and every outcome becomes a Result value.
 * Every front door (IPC, HTTP, CLI) goes through `dispatch`.
 */
import { z } from 'zod';
import { contract, isMethodName, type Handlers, type MethodName } from './contract';
import { DossierError, type Result } from './result';

export function describeZodError(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => {
      const path = issue.path.length > 0 ? issue.path.join('.') : '(arguments)';
      return `${path}: ${issue.message}`;
    })
    .join('; ');
}

export function toErrorValue(error: unknown): { code: DossierError['code']; message: string } {
  if (error instanceof DossierError) return error.toValue();
  if (error instanceof z.ZodError) return { code: 'invalid-input', message: describeZodError(error) };
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'internal', message: `Unexpected error: ${message}` };
}

export async function dispatch(
  handlers: Partial<Handlers>,
  method: unknown,
  rawInput: unknown,
): Promise<Result<unknown>> {
  if (!isMethodName(method)) {
    return {
      ok: false,
      error: { code: 'unknown-method', message: `There is no method called ${JSON.stringify(method)}.` },
    };
  }
  const spec = contract[method];
  const parsed = spec.input.safeParse(rawInput ?? {});
  if (!parsed.success) {
    return {
      ok: false,
      error: { code: 'invalid-input', message: `${method}: ${describeZodError(parsed.error)}` },
    };
  }
  const handler = handlers[method] as ((input: unknown) => Promise<unknown>) | undefined;
  if (!handler) {
    return {
      ok: false,
      error: { code: 'unsupported', message: `${method} is not available here.` },
    };
  }
  try {
    return { ok: true, value: await handler(parsed.data) };
  } catch (error) {
    return { ok: false, error: toErrorValue(error) };
  }
}

/** JSON Schemas of every method, for `dossier methods --json` and for scripts. */
export function describeMethods(): Array<{
  name: MethodName;
  scope: string;
  summary: string;
  input: unknown;
  output: unknown;
}> {
  return (Object.keys(contract) as MethodName[]).map((name) => {
    const spec = contract[name];
    return {
      name,
      scope: spec.scope,
      summary: spec.summary,
      input: z.toJSONSchema(spec.input, { unrepresentable: 'any' }),
      output: z.toJSONSchema(spec.output, { unrepresentable: 'any' }),
    };
  });
}
