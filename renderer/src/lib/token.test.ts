import { describe, expect, it } from 'vitest';
import { hashWithoutToken, takeToken, TOKEN_STORAGE_KEY, tokenFromHash, type TokenEnvironment } from './token';

function env(hash: string, stored: string | null = null) {
  const storage = new Map<string, string>(stored ? [[TOKEN_STORAGE_KEY, stored]] : []);
  const replaced: string[] = [];
  const e: TokenEnvironment = {
    location: { hash, pathname: '/', search: '?x=1' },
    history: { replaceState: (_d, _u, url) => replaced.push(url ?? '') },
    storage: { getItem: (k) => storage.get(k) ?? null, setItem: (k, v) => void storage.set(k, v) },
  };
  return { e, storage, replaced };
}

describe('token handling', () => {
  it('parses the token from the fragment', () => {
    expect(tokenFromHash('#token=abc123')).toBe('abc123');
    expect(tokenFromHash('#view=x&token=a%2Bb')).toBe('a+b');
    expect(tokenFromHash('#token=')).toBeNull();
    expect(tokenFromHash('')).toBeNull();
    expect(hashWithoutToken('#view=x&token=abc')).toBe('#view=x');
    expect(hashWithoutToken('#token=abc')).toBe('');
  });

  it('stores a token from the address bar and removes it from the address', () => {
    const { e, storage, replaced } = env('#token=s3cret');
    expect(takeToken(e)).toBe('s3cret');
    expect(storage.get(TOKEN_STORAGE_KEY)).toBe('s3cret');
    expect(replaced).toEqual(['/?x=1']);
  });

  it('uses the stored token after a reload, and has none otherwise', () => {
    expect(takeToken(env('', 'kept').e)).toBe('kept');
    const none = env('');
    expect(takeToken(none.e)).toBeNull();
    expect(none.replaced).toEqual([]);
  });

  it('prefers a new token in the address bar over a stored one', () => {
    const { e, storage } = env('#token=new', 'old');
    expect(takeToken(e)).toBe('new');
    expect(storage.get(TOKEN_STORAGE_KEY)).toBe('new');
  });
});
