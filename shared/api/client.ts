/**
 * A typed client over any transport that carries `(method, input) -> Result`. The renderer uses it
 * over IPC (preload) or HTTP (browser host); tests use it too. Errors arrive as DossierError.
 */
import type { MethodInput, MethodName, MethodOutput } from './contract';
import { DossierError, type Result } from './result';

export type Transport = (method: MethodName, input: unknown) => Promise<Result<unknown>>;

export interface DossierClient {
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
}

export function createClient(transport: Transport): DossierClient {
  return {
    async call(method, input) {
      const result = await transport(method, input);
      if (result.ok) return result.value as never;
      throw new DossierError(result.error.code, result.error.message);
    },
  };
}
