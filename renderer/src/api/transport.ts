/**
 * How the page reaches the Node side. Two transports carry the same `(method, input) -> Result`:
 * the preload's bridge in Electron, and HTTP + Server-Sent Events in the browser host.
 */
import { DossierEvent, type MethodName } from '../../../shared/api/contract';
import type { Transport } from '../../../shared/api/client';
import { ResultEnvelope, type Result } from '../../../shared/api/result';
import { takeToken } from '../lib/token';

export type HostKind = 'electron' | 'browser';

/** What electron/preload exposes as `window.dossier` (contextBridge) in the desktop window. */
export interface DossierBridge {
  call(method: string, input: unknown): Promise<Result<unknown>>;
  onEvent(listener: (event: DossierEvent) => void): () => void;
  host: 'electron';
}
export type LiveStatus = 'connecting' | 'live' | 'reconnecting';

export interface Connection {
  host: HostKind;
  transport: Transport;
  /** Subscribes to events pushed by the Node side; returns the unsubscribe function. */
  subscribe(listener: (event: DossierEvent) => void): () => void;
  /** Whether pushed events are arriving (always live in Electron). */
  onLiveStatus(listener: (status: LiveStatus) => void): () => void;
}

export type ConnectionSetup = { kind: 'ready'; connection: Connection } | { kind: 'no-token' };

type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

/** `POST /api/call` with the token; HTTP 200 carries the Result either way, anything else is a transport failure. */
export function httpTransport(token: string, fetchImpl: FetchLike = (input, init) => fetch(input, init), base = ''): Transport {
  return async (method: MethodName, input: unknown): Promise<Result<unknown>> => {
    let response: Response;
    try {
      response = await fetchImpl(`${base}/api/call`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Dossier-Token': token },
        body: JSON.stringify({ method, input: input ?? {} }),
      });
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      return {
        ok: false,
        error: { code: 'io', message: `Cannot reach the Dossier host (${why}). Is the host still running? Start it again and open the address it prints.` },
      };
    }
    if (response.status === 401 || response.status === 403) {
      return {
        ok: false,
        error: {
          code: 'forbidden',
          message: `The Dossier host refused this page's access token (HTTP ${response.status}). Open the full address the host printed (it ends with #token=…) again.`,
        },
      };
    }
    if (response.status !== 200) {
      const detail = (await response.text().catch(() => '')).trim().slice(0, 300);
      return {
        ok: false,
        error: {
          code: 'internal',
          message: `The Dossier host answered ${method} with HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}${detail ? `: ${detail}` : ''}.`,
        },
      };
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      return { ok: false, error: { code: 'internal', message: `The Dossier host sent a reply to ${method} that is not JSON.` } };
    }
    const parsed = ResultEnvelope.safeParse(body);
    if (!parsed.success) {
      return { ok: false, error: { code: 'internal', message: `The Dossier host sent a reply to ${method} that is not a result.` } };
    }
    return parsed.data as Result<unknown>;
  };
}

/** Parses one event payload; malformed events are ignored (and logged) rather than breaking the page. */
export function parseEvent(data: unknown): DossierEvent | null {
  let value = data;
  if (typeof data === 'string') {
    try {
      value = JSON.parse(data);
    } catch {
      console.warn('Dossier: ignored an event that is not JSON', data);
      return null;
    }
  }
  const parsed = DossierEvent.safeParse(value);
  if (!parsed.success) {
    console.warn('Dossier: ignored an unknown event', value);
    return null;
  }
  return parsed.data;
}

function createEmitter<T>() {
  const listeners = new Set<(value: T) => void>();
  return {
    add(listener: (value: T) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit(value: T): void {
      for (const listener of [...listeners]) listener(value);
    },
  };
}

function electronConnection(bridge: DossierBridge): Connection {
  return {
    host: 'electron',
    transport: async (method, input) => {
      try {
        return await bridge.call(method, input ?? {});
      } catch (error) {
        const why = error instanceof Error ? error.message : String(error);
        return { ok: false, error: { code: 'internal', message: `The desktop shell did not answer ${method}: ${why}` } };
      }
    },
    subscribe: (listener) =>
      bridge.onEvent((event) => {
        const parsed = parseEvent(event);
        if (parsed) listener(parsed);
      }),
    onLiveStatus: (listener) => {
      listener('live');
      return () => undefined;
    },
  };
}

function browserConnection(token: string): Connection {
  const events = createEmitter<DossierEvent>();
  const statuses = createEmitter<LiveStatus>();
  let status: LiveStatus = 'connecting';
  let source: EventSource | null = null;
  // One EventSource for the page, opened on the first subscriber; it reconnects by itself.
  const ensureSource = (): void => {
    if (source) return;
    source = new EventSource(`/api/events?token=${encodeURIComponent(token)}`);
    const setStatus = (next: LiveStatus): void => {
      status = next;
      statuses.emit(next);
    };
    source.onopen = () => setStatus('live');
    source.onerror = () => setStatus('reconnecting');
    source.onmessage = (message: MessageEvent<string>) => {
      const event = parseEvent(message.data);
      if (event) events.emit(event);
    };
  };
  return {
    host: 'browser',
    transport: httpTransport(token),
    subscribe: (listener) => {
      ensureSource();
      return events.add(listener);
    },
    onLiveStatus: (listener) => {
      listener(status);
      return statuses.add(listener);
    },
  };
}

/** Picks the transport for where the page runs. */
export function connect(win: Window = window): ConnectionSetup {
  const bridge = (win as Window & { dossier?: DossierBridge }).dossier;
  if (bridge && bridge.host === 'electron') return { kind: 'ready', connection: electronConnection(bridge) };
  let storage: Storage | null = null;
  try {
    storage = win.sessionStorage;
  } catch {
    storage = null;
  }
  const token = takeToken({ location: win.location, history: win.history, storage });
  if (!token) return { kind: 'no-token' };
  return { kind: 'ready', connection: browserConnection(token) };
}
