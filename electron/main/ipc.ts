/**
 * The one IPC channel between the page and the Node side. Every call names a contract method;
 * the sender is checked first (main frame of one of our windows, showing the app's own page),
 * then DossierApp.call validates the method name and input against the contract.
 */
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import type { Result } from '../../shared/api/result';
import { isAppUrl, type RendererSource } from './policy';

export const CALL_CHANNEL = 'dossier:call';
export const EVENT_CHANNEL = 'dossier:event';

/** The parts of an IpcMainInvokeEvent the sender check reads (structural, so tests can fake it). */
export interface SenderInfo {
  sender: { id: number };
  senderFrame: { url: string; parent: unknown } | null;
}

/** Why a sender is refused, or null when it is trusted. */
export function senderProblem(
  event: SenderInfo,
  trustedWebContentsIds: ReadonlySet<number>,
  source: RendererSource,
): string | null {
  if (!trustedWebContentsIds.has(event.sender.id)) return 'the sender is not one of Dossier’s windows';
  const frame = event.senderFrame;
  // senderFrame is null when the frame navigated away or was destroyed before the message arrived.
  if (!frame) return 'the sending frame no longer exists';
  if (frame.parent !== null) return 'the sender is a subframe, not the window’s main frame';
  if (!isAppUrl(frame.url, source)) return `the sending page (${frame.url || 'about:blank'}) is not Dossier’s own page`;
  return null;
}

export type CallFn = (method: unknown, input: unknown) => Promise<Result<unknown>>;

export function createCallHandler(options: {
  trustedWebContentsIds: () => ReadonlySet<number>;
  source: RendererSource;
  call: CallFn;
  log?: (message: string) => void;
}): (event: SenderInfo, method: unknown, input: unknown) => Promise<Result<unknown>> {
  const log = options.log ?? ((message: string) => console.warn(message));
  return async (event, method, input) => {
    const problem = senderProblem(event, options.trustedWebContentsIds(), options.source);
    if (problem) {
      const name = typeof method === 'string' ? method : typeof method;
      log(`Refused ${CALL_CHANNEL} ${name}: ${problem}.`);
      return { ok: false, error: { code: 'forbidden', message: `Call to ${name} refused: ${problem}.` } };
    }
    try {
      return await options.call(method, input);
    } catch (error) {
      // DossierApp.call turns handler errors into results; this guards the channel itself.
      const message = error instanceof Error ? error.message : String(error);
      return { ok: false, error: { code: 'internal', message: `Unexpected error in ${String(method)}: ${message}` } };
    }
  };
}

export function registerCallChannel(ipcMain: IpcMain, handler: ReturnType<typeof createCallHandler>): () => void {
  ipcMain.handle(CALL_CHANNEL, (event: IpcMainInvokeEvent, method: unknown, input: unknown) =>
    handler(event, method, input),
  );
  return () => ipcMain.removeHandler(CALL_CHANNEL);
}
