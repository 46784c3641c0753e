/**
 * Bytes to base64 in the page, where Buffer does not exist. `btoa` takes a binary string, and
 * building one string from a 50 MB file at once either overflows the argument limit of
 * String.fromCharCode or stalls; so we convert in chunks whose size is a multiple of 3 (then the
 * base64 pieces concatenate without padding in the middle).
 */
const CHUNK = 3 * 0x4000; // 48 KiB of input per piece

export function bytesToBase64(bytes: Uint8Array): string {
  const pieces: string[] = [];
  for (let offset = 0; offset < bytes.length; offset += CHUNK) {
    const slice = bytes.subarray(offset, offset + CHUNK);
    let binary = '';
    // fromCharCode.apply on 48K arguments is within every engine's limit, and far faster than a loop.
    for (let i = 0; i < slice.length; i += 0x2000) {
      binary += String.fromCharCode.apply(null, Array.from(slice.subarray(i, i + 0x2000)));
    }
    pieces.push(btoa(binary));
  }
  return pieces.join('');
}

/** Same, yielding to the event loop between pieces so a large file does not freeze the window. */
export async function bytesToBase64Async(bytes: Uint8Array, piecesPerYield = 64): Promise<string> {
  if (bytes.length <= CHUNK * piecesPerYield) return bytesToBase64(bytes);
  const parts: string[] = [];
  const step = CHUNK * piecesPerYield;
  for (let offset = 0; offset < bytes.length; offset += step) {
    parts.push(bytesToBase64(bytes.subarray(offset, offset + step)));
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
  }
  return parts.join('');
}
