/**
 * The browser host hands its access token over in the URL fragment (`#token=...`): a fragment is
 * never sent to a server or kept in referrers. The page keeps it in sessionStorage (so reload works
 * in that tab only) and removes it from the address bar.
 */
export const TOKEN_STORAGE_KEY = 'dossier.token';

/** The token in a location hash like "#token=abc" or "#x=1&token=abc", or null. */
export function tokenFromHash(hash: string): string | null {
  const params = new URLSearchParams(hash.startsWith('#') ? hash.slice(1) : hash);
  const token = params.get('token');
  return token && token.trim() !== '' ? token.trim() : null;
}

/** The hash with the token removed ("" when nothing else was in it). */
export function hashWithoutToken(hash: string): string {
  const params = new URLSearchParams(hash.startsWith('#') ? hash.slice(1) : hash);
  params.delete('token');
  const rest = params.toString();
  return rest === '' ? '' : `#${rest}`;
}

export interface TokenEnvironment {
  location: { hash: string; pathname: string; search: string };
  history: { replaceState(data: unknown, unused: string, url?: string): void };
  storage: { getItem(key: string): string | null; setItem(key: string, value: string): void } | null;
}

/** Reads the token from the address bar (then stores it and cleans the address) or from storage. */
export function takeToken(env: TokenEnvironment): string | null {
  const fromHash = tokenFromHash(env.location.hash);
  if (fromHash) {
    try {
      env.storage?.setItem(TOKEN_STORAGE_KEY, fromHash);
    } catch {
      // Storage can be disabled; the token still works until the page is reloaded.
    }
    env.history.replaceState(null, '', env.location.pathname + env.location.search + hashWithoutToken(env.location.hash));
    return fromHash;
  }
  try {
    return env.storage?.getItem(TOKEN_STORAGE_KEY) ?? null;
  } catch {
    return null;
  }
}
