/// <reference types="vite/client" />
import type { DossierBridge } from './api/transport';

declare global {
  interface Window {
    /**
     * Present only in the desktop window: the preload's bridge,
     * `{ call(method, input): Promise<Result>, onEvent(listener): unsubscribe, host: 'electron' }`.
     */
    dossier?: DossierBridge;
  }
}

export {};
