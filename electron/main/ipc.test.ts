import { describe, expect, it, vi } from 'vitest';
import type { Result } from '../../shared/api/result';
import { createCallHandler, senderProblem, type SenderInfo } from './ipc';
import { rendererSource, type RendererSource } from './policy';

const prod: RendererSource = { kind: 'app' };
const trusted = new Set([7]);
const mainFrame = (url: string) => ({ url, parent: null });

function event(id: number, frame: SenderInfo['senderFrame']): SenderInfo {
  return { sender: { id }, senderFrame: frame };
}

describe('senderProblem', () => {
  it('trusts the main frame of our window showing the app page', () => {
    expect(senderProblem(event(7, mainFrame('app://dossier/index.html')), trusted, prod)).toBeNull();
  });

  it('refuses other web contents, vanished frames, subframes and foreign pages', () => {
    expect(senderProblem(event(8, mainFrame('app://dossier/index.html')), trusted, prod)).toMatch(/not one of Dossier/);
    expect(senderProblem(event(7, null), trusted, prod)).toMatch(/no longer exists/);
    expect(senderProblem(event(7, { url: 'app://dossier/index.html', parent: {} }), trusted, prod)).toMatch(/subframe/);
    expect(senderProblem(event(7, mainFrame('https://evil.example/')), trusted, prod)).toMatch(/evil\.example.*not Dossier/);
    expect(senderProblem(event(7, mainFrame('file:///tmp/x.html')), trusted, prod)).toMatch(/not Dossier/);
    expect(senderProblem(event(7, mainFrame('')), trusted, prod)).toMatch(/about:blank/);
  });

  it('in development trusts the dev server page, and in production does not', () => {
    const dev = rendererSource('http://localhost:5173', false);
    expect(senderProblem(event(7, mainFrame('http://localhost:5173/')), trusted, dev)).toBeNull();
    expect(senderProblem(event(7, mainFrame('http://localhost:5173/')), trusted, prod)).not.toBeNull();
  });
});

describe('createCallHandler', () => {
  const okCall = vi.fn(async (method: unknown, input: unknown): Promise<Result<unknown>> => ({
    ok: true,
    value: { method, input },
  }));

  it('passes a trusted call through unchanged', async () => {
    const handle = createCallHandler({ trustedWebContentsIds: () => trusted, source: prod, call: okCall });
    const result = await handle(event(7, mainFrame('app://dossier/index.html')), 'articles.list', { limit: 5 });
    expect(result).toEqual({ ok: true, value: { method: 'articles.list', input: { limit: 5 } } });
  });

  it('answers forbidden without calling the app when the sender is wrong', async () => {
    const call = vi.fn(async (): Promise<Result<unknown>> => ({ ok: true, value: null }));
    const log = vi.fn();
    const handle = createCallHandler({ trustedWebContentsIds: () => trusted, source: prod, call, log });
    const result = await handle(event(7, mainFrame('https://evil.example/')), 'notebook.open', { path: '/' });
    expect(call).not.toHaveBeenCalled();
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('forbidden');
      expect(result.error.message).toContain('notebook.open');
    }
    expect(log).toHaveBeenCalledWith(expect.stringContaining('Refused dossier:call notebook.open'));
  });

  it('follows the live set of windows (a closed window loses its trust)', async () => {
    const ids = new Set([7]);
    const handle = createCallHandler({ trustedWebContentsIds: () => ids, source: prod, call: okCall, log: () => {} });
    const from7 = event(7, mainFrame('app://dossier/index.html'));
    expect((await handle(from7, 'app.info', {})).ok).toBe(true);
    ids.delete(7);
    expect(await handle(from7, 'app.info', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('turns an exception in the app into an internal error result', async () => {
    const handle = createCallHandler({
      trustedWebContentsIds: () => trusted,
      source: prod,
      call: async () => {
        throw new Error('disk on fire');
      },
    });
    const result = await handle(event(7, mainFrame('app://dossier/')), 'app.info', {});
    expect(result).toEqual({ ok: false, error: { code: 'internal', message: 'Unexpected error in app.info: disk on fire' } });
  });
});
