/**
 * Save-as-you-type: changes are saved after a pause in typing (debounced), at most one save runs at a
 * time and the newest value always wins, `flush()` saves now (blur, switching records, leaving the page),
 * and a failed save keeps the value pending so the text is never dropped: the next change or flush
 * tries again. The pure class is tested with fake timers; `useAutosave` wires it into React.
 */
import { useEffect, useRef, useState } from 'react';

export type SaveStatus = 'idle' | 'pending' | 'saving' | 'saved' | 'error';

export interface AutosaverOptions<T> {
  save(value: T): Promise<void>;
  delayMs?: number;
  onStatus?(status: SaveStatus): void;
  /** A save failed; the value stays pending. */
  onError?(error: unknown): void;
}

export const AUTOSAVE_DELAY_MS = 600;

export class Autosaver<T> {
  private pending: { value: T } | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running: Promise<void> | null = null;
  private statusValue: SaveStatus = 'idle';
  private readonly delayMs: number;

  constructor(private readonly options: AutosaverOptions<T>) {
    this.delayMs = options.delayMs ?? AUTOSAVE_DELAY_MS;
  }

  get status(): SaveStatus {
    return this.statusValue;
  }

  /** True while something typed is not yet on disk. */
  get dirty(): boolean {
    return this.pending !== null || this.running !== null;
  }

  /** A new value to save after the pause. */
  change(value: T): void {
    this.pending = { value };
    this.setStatus('pending');
    this.clearTimer();
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush().catch(() => {});
    }, this.delayMs);
  }

  /** Saves the pending value now; resolves when everything typed so far is saved (rejects if that failed). */
  async flush(): Promise<void> {
    this.clearTimer();
    // Wait for a save in flight: its value may already be stale, and saves must not overlap.
    while (this.running) {
      try {
        await this.running;
      } catch {
        // reported by the run that failed; the value is pending again and retried below
      }
    }
    const next = this.pending;
    if (!next) return;
    this.pending = null;
    this.setStatus('saving');
    const run = this.options.save(next.value);
    this.running = run;
    try {
      await run;
      if (this.running === run) this.running = null;
      this.setStatus(this.pending ? 'pending' : 'saved');
    } catch (error) {
      if (this.running === run) this.running = null;
      // Keep what was typed: unless something newer came in meanwhile, this value is pending again.
      if (!this.pending) this.pending = next;
      this.setStatus('error');
      this.options.onError?.(error);
      throw error;
    }
    // Something typed during the save, with its timer already fired: save it too.
    if (this.pending && !this.timer) await this.flush();
  }

  /** Stops the timer without saving (the caller flushed already or discards). */
  dispose(): void {
    this.clearTimer();
  }

  private clearTimer(): void {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
  }

  private setStatus(status: SaveStatus): void {
    if (status === this.statusValue) return;
    this.statusValue = status;
    this.options.onStatus?.(status);
  }
}

/** Words for a status line ("Saving…", "Saved"); empty when there is nothing to say. */
export function statusText(status: SaveStatus): string {
  switch (status) {
    case 'pending':
      return 'Unsaved changes';
    case 'saving':
      return 'Saving…';
    case 'saved':
      return 'Saved';
    case 'error':
      return 'Not saved — will retry';
    default:
      return '';
  }
}

/**
 * An Autosaver for the lifetime of a component: flushes on unmount (switching records remounts the
 * editor with a new key) and when the page is hidden or unloaded. `save` and `onError` may change
 * between renders; the latest ones are used.
 */
export function useAutosave<T>(save: (value: T) => Promise<void>, onError: (error: unknown) => void, delayMs = AUTOSAVE_DELAY_MS) {
  const saveRef = useRef(save);
  const errorRef = useRef(onError);
  useEffect(() => {
    saveRef.current = save;
    errorRef.current = onError;
  });
  const [status, setStatus] = useState<SaveStatus>('idle');
  const [saver] = useState(
    () =>
      new Autosaver<T>({
        save: (value) => saveRef.current(value),
        delayMs,
        onStatus: setStatus,
        onError: (error) => errorRef.current(error),
      }),
  );
  useEffect(() => {
    const flush = (): void => {
      if (saver.dirty) void saver.flush().catch(() => {});
    };
    const onVisibility = (): void => {
      if (document.visibilityState === 'hidden') flush();
    };
    window.addEventListener('beforeunload', flush);
    window.addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('beforeunload', flush);
      window.removeEventListener('pagehide', flush);
      document.removeEventListener('visibilitychange', onVisibility);
      // Leaving this record: save what was typed (errors still reach onError).
      flush();
      saver.dispose();
    };
  }, [saver]);
  return { saver, status };
}
