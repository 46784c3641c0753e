/**
 * The only bridge between the page and the Node side. It exposes exactly `window.dossier`:
 * `call(method, input)` over the one IPC channel, `onEvent(listener)` for pushed events, and
 * `host`. No ipcRenderer, no Node, nothing else; the main process checks every call's sender and
 * DossierApp validates it against the API contract. Built as CommonJS (sandboxed preloads cannot
 * be ES modules) and may import only 'electron' at run time.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { DossierEvent } from '../../shared/api/contract';
import type { Result } from '../../shared/api/result';

// Kept in step with electron/main/ipc.ts (importing it would pull main-process code into the preload).
const CALL_CHANNEL = 'dossier:call';
const EVENT_CHANNEL = 'dossier:event';

const bridge = {
  call(method: string, input: unknown): Promise<Result<unknown>> {
    if (typeof method !== 'string' || method.length === 0) {
      return Promise.reject(new TypeError(`dossier.call: the method name must be a non-empty string, got ${typeof method}.`));
    }
    return ipcRenderer.invoke(CALL_CHANNEL, method, input) as Promise<Result<unknown>>;
  },
  onEvent(listener: (event: DossierEvent) => void): () => void {
    if (typeof listener !== 'function') {
      throw new TypeError('dossier.onEvent: the listener must be a function.');
    }
    // The page gets the event only, never the IpcRendererEvent (which carries `sender`, i.e. ipcRenderer).
    const wrapped = (_event: IpcRendererEvent, payload: DossierEvent): void => listener(payload);
    ipcRenderer.on(EVENT_CHANNEL, wrapped);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, wrapped);
    };
  },
  host: 'electron' as const,
};

contextBridge.exposeInMainWorld('dossier', bridge);
