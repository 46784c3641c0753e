import { describe, expect, it } from 'vitest';
import { contract, methodNames } from './contract';
import { describeMethods, dispatch } from './dispatch';
import { DossierError } from './result';

describe('dispatch', () => {
  it('refuses a method the contract does not have', async () => {
    expect(await dispatch({}, 'articles.drop', {})).toEqual({
      ok: false,
      error: { code: 'unknown-method', message: 'There is no method called "articles.drop".' },
    });
    expect((await dispatch({}, 42, {})).ok).toBe(false);
  });

  it('validates arguments against the schema before any handler runs, naming the field', async () => {
    let ran = false;
    const result = await dispatch(
      { 'articles.get': async () => ((ran = true), null as never) },
      'articles.get',
      { id: 7 },
    );
    expect(ran).toBe(false);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(!result.ok && result.error.message).toContain('id');
    const extra = await dispatch({}, 'notebook.open', { path: '/x', evil: true });
    expect(extra).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });

  it('turns thrown errors into values: DossierError keeps its code, anything else is internal', async () => {
    const notFound = await dispatch(
      { 'articles.get': async () => { throw new DossierError('not-found', 'No article with id x.'); } },
      'articles.get',
      { id: 'x' },
    );
    expect(notFound).toEqual({ ok: false, error: { code: 'not-found', message: 'No article with id x.' } });
    const crash = await dispatch(
      { 'articles.get': async () => { throw new TypeError('boom'); } },
      'articles.get',
      { id: 'x' },
    );
    expect(crash).toMatchObject({ ok: false, error: { code: 'internal', message: expect.stringContaining('boom') } });
  });

  it('answers unsupported for a method this host does not serve', async () => {
    expect(await dispatch({}, 'shell.chooseImportFiles', {})).toMatchObject({ ok: false, error: { code: 'unsupported' } });
  });

  it('passes the parsed input (defaults applied) and returns the value', async () => {
    const result = await dispatch({ 'articles.list': async (input) => ({ total: input.offset ?? -1, items: [] }) }, 'articles.list', {});
    expect(result).toEqual({ ok: true, value: { total: -1, items: [] } });
  });
});

describe('describeMethods', () => {
  it('gives every method of the contract with JSON Schemas for input and output', () => {
    const described = describeMethods();
    expect(described.map((m) => m.name)).toEqual(methodNames);
    for (const m of described) {
      expect(m.summary.length).toBeGreaterThan(5);
      expect(m.input).toHaveProperty('type');
      expect(m.scope).toBe(contract[m.name].scope);
    }
  });
});
