import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Autosaver, statusText, type SaveStatus } from './autosave';

function deferred() {
  let resolve!: () => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('Autosaver', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('saves once after a pause in typing, with the newest value', async () => {
    const saved: string[] = [];
    const statuses: SaveStatus[] = [];
    const saver = new Autosaver<string>({ save: async (v) => void saved.push(v), delayMs: 600, onStatus: (s) => statuses.push(s) });
    saver.change('a');
    await vi.advanceTimersByTimeAsync(300);
    saver.change('ab');
    await vi.advanceTimersByTimeAsync(300);
    saver.change('abc');
    expect(saved).toEqual([]);
    await vi.advanceTimersByTimeAsync(600);
    expect(saved).toEqual(['abc']);
    expect(statuses).toEqual(['pending', 'saving', 'saved']);
    expect(saver.dirty).toBe(false);
  });

  it('flush saves immediately and does nothing when nothing is pending', async () => {
    const save = vi.fn(async () => {});
    const saver = new Autosaver<string>({ save });
    await saver.flush();
    expect(save).not.toHaveBeenCalled();
    saver.change('x');
    await saver.flush();
    expect(save).toHaveBeenCalledWith('x');
    await vi.advanceTimersByTimeAsync(2000);
    expect(save).toHaveBeenCalledTimes(1);
  });

  it('never overlaps saves, and a change during a save is saved after it', async () => {
    const calls: string[] = [];
    const gates: ReturnType<typeof deferred>[] = [];
    const saver = new Autosaver<string>({
      save: (v) => {
        calls.push(v);
        const gate = deferred();
        gates.push(gate);
        return gate.promise;
      },
      delayMs: 100,
    });
    saver.change('one');
    await vi.advanceTimersByTimeAsync(100);
    expect(calls).toEqual(['one']);
    saver.change('two');
    const flushed = saver.flush();
    await vi.advanceTimersByTimeAsync(500);
    expect(calls).toEqual(['one']); // waits for the save in flight
    gates[0]!.resolve();
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toEqual(['one', 'two']);
    gates[1]!.resolve();
    await flushed;
    expect(saver.status).toBe('saved');
  });

  it('keeps the value after a failed save and retries it on the next flush', async () => {
    let fail = true;
    const saved: string[] = [];
    const errors: unknown[] = [];
    const saver = new Autosaver<string>({
      save: async (v) => {
        if (fail) throw new Error('disk full');
        saved.push(v);
      },
      onError: (e) => errors.push(e),
    });
    saver.change('important');
    await expect(saver.flush()).rejects.toThrow('disk full');
    expect(saver.status).toBe('error');
    expect(saver.dirty).toBe(true);
    expect(errors).toHaveLength(1);
    fail = false;
    await saver.flush();
    expect(saved).toEqual(['important']);
    expect(saver.status).toBe('saved');
  });

  it('a newer value typed during a failing save wins over the failed one', async () => {
    const gate = deferred();
    const saved: string[] = [];
    let first = true;
    const saver = new Autosaver<string>({
      save: async (v) => {
        if (first) {
          first = false;
          await gate.promise;
          return;
        }
        saved.push(v);
      },
      onError: () => {},
    });
    saver.change('old');
    const firstFlush = saver.flush().catch(() => 'failed');
    saver.change('new');
    gate.reject(new Error('offline'));
    expect(await firstFlush).toBe('failed');
    await saver.flush();
    expect(saved).toEqual(['new']);
  });

  it('describes its status in words', () => {
    expect(statusText('saving')).toBe('Saving…');
    expect(statusText('saved')).toBe('Saved');
    expect(statusText('idle')).toBe('');
  });
});
