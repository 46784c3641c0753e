import { describe, expect, it } from 'vitest';
import { base64ToBytes, safeFileName } from './briefDownload';

/** Reference encoding through btoa over a binary string (independent of the decoder under test). */
function encode(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes));
}

describe('base64ToBytes', () => {
  it('decodes what btoa encodes, including binary and UTF-8 text', () => {
    const bytes = new Uint8Array([0, 1, 2, 250, 251, 255, 37, 80, 68, 70]);
    expect([...base64ToBytes(encode(bytes))]).toEqual([...bytes]);
    const text = 'Klaipėda “curly” & Žemaitytė';
    expect(new TextDecoder().decode(base64ToBytes(encode(new TextEncoder().encode(text))))).toBe(text);
    expect(base64ToBytes('')).toEqual(new Uint8Array());
  });

  it('refuses what is not base64', () => {
    expect(() => base64ToBytes('not base64!')).toThrow(/not base64/);
  });
});

describe('safeFileName', () => {
  it('keeps ordinary names and strips separators and control characters', () => {
    expect(safeFileName('Port brief.docx')).toBe('Port brief.docx');
    expect(safeFileName('../etc/passwd')).toBe('etc-passwd');
    expect(safeFileName('a\u0000b:c.md')).toBe('a-b-c.md');
    expect(safeFileName('   ')).toBe('brief');
  });
});
