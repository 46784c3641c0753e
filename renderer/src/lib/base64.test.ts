import { describe, expect, it } from 'vitest';
import { bytesToBase64, bytesToBase64Async } from './base64';

// An independent, bit-by-bit reference encoder (Node's Buffer is off limits in renderer code).
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
function reference(b: Uint8Array): string {
  let out = '';
  for (let i = 0; i < b.length; i += 3) {
    const n = ((b[i] ?? 0) << 16) | ((b[i + 1] ?? 0) << 8) | (b[i + 2] ?? 0);
    out += ALPHABET[(n >> 18) & 63]! + ALPHABET[(n >> 12) & 63]!;
    out += i + 1 < b.length ? ALPHABET[(n >> 6) & 63]! : '=';
    out += i + 2 < b.length ? ALPHABET[n & 63]! : '=';
  }
  return out;
}

function bytes(length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = (i * 131 + 7) & 0xff;
  return out;
}

describe('bytesToBase64', () => {
  it('matches the reference encoder for small and odd sizes', () => {
    for (const n of [0, 1, 2, 3, 4, 5, 100, 255]) {
      const b = bytes(n);
      expect(bytesToBase64(b)).toBe(reference(b));
    }
  });

  it('matches the reference encoder across chunk boundaries (no padding in the middle)', () => {
    for (const n of [3 * 0x4000 - 1, 3 * 0x4000, 3 * 0x4000 + 1, 200_003]) {
      const b = bytes(n);
      const encoded = bytesToBase64(b);
      expect(encoded).toBe(reference(b));
      expect(encoded.slice(0, -2)).not.toContain('=');
    }
  });

  it('converts a multi-megabyte file in pieces, asynchronously, to the same result', async () => {
    const b = bytes(5 * 1024 * 1024 + 7);
    expect(await bytesToBase64Async(b, 8)).toBe(reference(b));
  });

  it('round-trips UTF-8 text', () => {
    const text = 'Zaporizhzhia — «Запоріжжя» 🌍';
    const encoded = bytesToBase64(new TextEncoder().encode(text));
    const decoded = Uint8Array.from(atob(encoded), (c) => c.charCodeAt(0));
    expect(new TextDecoder().decode(decoded)).toBe(text);
  });
});
