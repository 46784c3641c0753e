/**
 * Saving an exported file from the page: the bytes come from `export.render` as base64; a Blob URL
 * and an <a download> click hand them to the browser's (or Electron's) download handling. The URL
 * is revoked afterwards so exported briefs do not pile up in memory.
 */

/** Decodes base64 (standard alphabet, padding optional) to bytes; throws on anything else. */
export function base64ToBytes(base64: string): Uint8Array {
  const clean = base64.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 === 1) throw new Error('the exported file came back in an unreadable form (not base64)');
  const binary = atob(clean);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** A file name safe to offer for saving: no path separators or control characters, never empty. */
export function safeFileName(name: string, fallback = 'brief'): string {
  // eslint-disable-next-line no-control-regex
  const cleaned = name.replace(/[\u0000-\u001f\u007f/\\:*?"<>|]+/g, '-').replace(/^[.\s-]+/, '').trim();
  return cleaned.slice(0, 200) || fallback;
}

export function downloadFile(fileName: string, mediaType: string, dataBase64: string): void {
  const bytes = base64ToBytes(dataBase64);
  const blob = new Blob([bytes as BlobPart], { type: mediaType || 'application/octet-stream' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = safeFileName(fileName);
  a.rel = 'noopener';
  a.hidden = true;
  document.body.append(a);
  try {
    a.click();
  } finally {
    a.remove();
    // Revoking at once can cancel the download in some browsers; a minute is plenty to start it.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
}
