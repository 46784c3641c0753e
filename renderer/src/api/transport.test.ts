import { describe, expect, it } from 'vitest';
import { httpTransport, parseEvent } from './transport';

type Call = { url: string; init: RequestInit };

function fakeFetch(respond: () => Response | Promise<Response>) {
  const calls: Call[] = [];
  const fetchImpl = async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return respond();
  };
  return { calls, fetchImpl };
}

describe('httpTransport', () => {
  it('posts {method, input} with the token and returns the Result body', async () => {
    const { calls, fetchImpl } = fakeFetch(() => new Response(JSON.stringify({ ok: true, value: { total: 0, items: [] } }), { status: 200 }));
    const result = await httpTransport('tok', fetchImpl)('articles.list', {});
    expect(result).toEqual({ ok: true, value: { total: 0, items: [] } });
    expect(calls[0]?.url).toBe('/api/call');
    expect(calls[0]?.init.method).toBe('POST');
    expect((calls[0]?.init.headers as Record<string, string>)['X-Dossier-Token']).toBe('tok');
    expect(JSON.parse(String(calls[0]?.init.body))).toEqual({ method: 'articles.list', input: {} });
  });

  it('passes an error Result through unchanged', async () => {
    const error = { ok: false, error: { code: 'not-found', message: 'No article a1.' } };
    const { fetchImpl } = fakeFetch(() => new Response(JSON.stringify(error), { status: 200 }));
    expect(await httpTransport('tok', fetchImpl)('articles.get', { id: 'a1' })).toEqual(error);
  });

  it('turns a refused token, a server error and an unreachable host into messages a person can act on', async () => {
    const refused = await httpTransport('bad', fakeFetch(() => new Response('no', { status: 403 })).fetchImpl)('app.info', {});
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(!refused.ok && refused.error.message).toMatch(/#token=/);

    const broken = await httpTransport('t', fakeFetch(() => new Response('boom', { status: 500, statusText: 'Internal Server Error' })).fetchImpl)('app.info', {});
    expect(!broken.ok && broken.error.message).toBe('The Dossier host answered app.info with HTTP 500 Internal Server Error: boom.');

    const down = await httpTransport('t', async () => {
      throw new TypeError('Failed to fetch');
    })('app.info', {});
    expect(down).toMatchObject({ ok: false, error: { code: 'io' } });
    expect(!down.ok && down.error.message).toMatch(/Cannot reach the Dossier host \(Failed to fetch\)/);

    const notJson = await httpTransport('t', fakeFetch(() => new Response('<html>', { status: 200 })).fetchImpl)('app.info', {});
    expect(!notJson.ok && notJson.error.message).toMatch(/not JSON/);
  });
});

describe('parseEvent', () => {
  it('accepts contract events from JSON text or objects and ignores anything else', () => {
    expect(parseEvent('{"type":"articles.changed"}')).toEqual({ type: 'articles.changed' });
    expect(parseEvent({ type: 'menu.command', command: 'import' })).toEqual({ type: 'menu.command', command: 'import' });
    const quiet = console.warn;
    console.warn = () => undefined;
    try {
      expect(parseEvent('not json')).toBeNull();
      expect(parseEvent({ type: 'unknown.event' })).toBeNull();
    } finally {
      console.warn = quiet;
    }
  });
});
