/**
 * React access to the API: a context holding the typed client and the event stream, and hooks.
 * Components call `useDossier().call('articles.list', {})` and get typed values or a DossierError.
 */
import { createContext, createElement, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { createClient, type DossierClient } from '../../../shared/api/client';
import type { DossierEvent } from '../../../shared/api/contract';
import type { Connection, HostKind, LiveStatus } from './transport';

export interface DossierApi extends DossierClient {
  host: HostKind;
  subscribe: Connection['subscribe'];
  onLiveStatus: Connection['onLiveStatus'];
}

const DossierContext = createContext<DossierApi | null>(null);

export function DossierProvider({ connection, children }: { connection: Connection; children: ReactNode }) {
  const api = useMemo<DossierApi>(() => {
    const client = createClient(connection.transport);
    return {
      call: client.call,
      host: connection.host,
      subscribe: connection.subscribe,
      onLiveStatus: connection.onLiveStatus,
    };
  }, [connection]);
  return createElement(DossierContext.Provider, { value: api }, children);
}

export function useDossier(): DossierApi {
  const api = useContext(DossierContext);
  if (!api) throw new Error('useDossier must be used inside <DossierProvider>.');
  return api;
}

/** Calls `listener` for every pushed event; the latest listener is used without resubscribing. */
export function useDossierEvents(listener: (event: DossierEvent) => void): void {
  const api = useDossier();
  const latest = useRef(listener);
  useEffect(() => {
    latest.current = listener;
  });
  useEffect(() => api.subscribe((event) => latest.current(event)), [api]);
}

export function useLiveStatus(): LiveStatus {
  const api = useDossier();
  const [status, setStatus] = useState<LiveStatus>('connecting');
  useEffect(() => api.onLiveStatus(setStatus), [api]);
  return status;
}
