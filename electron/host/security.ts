/**
 * The browser host's defences, kept apart from the server so each rule is small and testable:
 * response headers, the Host/Origin allow-list (DNS-rebinding defence) and the token compare.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { contentSecurityPolicy } from '../../shared/web/content-security-policy';

/** The renderer's policy (shared/web), sent on every response of the host. */
export const CONTENT_SECURITY_POLICY = contentSecurityPolicy();

/** Set on every response, API and static alike, so no path is left without them. */
export function setSecurityHeaders(res: ServerResponse): void {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
}

/**
 * A page on an attacker's domain that re-resolves to 127.0.0.1 still sends its own name in `Host`,
 * so only the two loopback spellings with our exact port are accepted.
 */
export function isAllowedHost(hostHeader: string | undefined, port: number): boolean {
  if (hostHeader === undefined) return false;
  return hostHeader === `127.0.0.1:${port}` || hostHeader === `localhost:${port}`;
}

export function isAllowedOrigin(originHeader: string | undefined, port: number): boolean {
  if (originHeader === undefined) return true; // same-origin GETs and non-browser clients send none
  return originHeader === `http://127.0.0.1:${port}` || originHeader === `http://localhost:${port}`;
}

/**
 * Constant-time token compare. Both sides are hashed first so that neither the length of the
 * expected token nor the position of the first wrong byte leaks through timing.
 */
export function tokenMatches(given: string | undefined | null, expected: string): boolean {
  if (typeof given !== 'string' || given.length === 0) return false;
  const a = createHash('sha256').update(given, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b);
}

/** 32 random bytes, base64url: unguessable and safe in a URL fragment and a header. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}
