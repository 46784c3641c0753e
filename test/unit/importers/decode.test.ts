import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DossierError } from '../../../shared/api/result';
import { decodeText, MAX_IMPORT_BYTES } from '../../../electron/importers/decode';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'import');
const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(join(FIXTURES, name)));

const EXPECTED = 'Kasčiūnas and Nausėda visited Klaipėda.\nSecond line – with an en dash and €.\n';

function errorOf(fn: () => unknown): DossierError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DossierError);
    return error as DossierError;
  }
  throw new Error('expected a DossierError');
}

describe('decodeText', () => {
  it('decodes UTF-8 with a BOM and CRLF into the same text as plain UTF-8 with LF', () => {
    const decoded = decodeText('bom-crlf-utf8.txt', fixture('bom-crlf-utf8.txt'));
    expect(decoded).toEqual({ text: EXPECTED, encoding: 'utf-8', bom: true });
    expect(decoded.text.charCodeAt(0)).not.toBe(0xfeff);
  });

  it('decodes UTF-16 LE and BE with a BOM, keeping diacritics intact', () => {
    expect(decodeText('le.txt', fixture('utf16le-bom.txt'))).toEqual({ text: EXPECTED, encoding: 'utf-16le', bom: true });
    expect(decodeText('be.txt', fixture('utf16be-bom.txt'))).toEqual({ text: EXPECTED, encoding: 'utf-16be', bom: true });
  });

  it('decodes UTF-16 LE without a BOM instead of calling it binary', () => {
    const bytes = new Uint8Array(Buffer.from('Klaipėda port news, plain Latin text.\n', 'utf16le'));
    expect(decodeText('nobom.txt', bytes).text).toBe('Klaipėda port news, plain Latin text.\n');
  });

  it('turns lone CR line endings into LF', () => {
    expect(decodeText('mac.txt', fixture('old-mac-cr.txt')).text).toBe(EXPECTED);
  });

  it('keeps everything else as is: tabs, trailing spaces, blank lines, NBSP', () => {
    const text = '  Title\t \n\n\nBody\u00a0text  \n';
    expect(decodeText('keep.txt', new TextEncoder().encode(text)).text).toBe(text);
  });

  it('falls back to windows-1252 when the bytes are not valid UTF-8', () => {
    const decoded = decodeText('legacy.txt', fixture('windows-1252.txt'));
    expect(decoded.encoding).toBe('windows-1252');
    expect(decoded.text).toBe('Café – €5\nNaïve résumé “quoted”\n');
  });

  it('refuses binary content with a message naming the file', () => {
    expect(errorOf(() => decodeText('report.txt', fixture('binary.txt'))).message).toBe(
      'report.txt: this looks like a binary file, not text',
    );
    const noNul = new Uint8Array(400).map((_, i) => (i % 3 === 0 ? 0x01 : 0x90 + (i % 7)));
    const error = errorOf(() => decodeText('noise.txt', noNul));
    expect(error.code).toBe('unreadable');
    expect(error.message).toBe('noise.txt: this looks like a binary file, not text');
  });

  it('names the format of a renamed PDF', () => {
    expect(errorOf(() => decodeText('article.txt', fixture('renamed-pdf.txt'))).message).toBe(
      'article.txt: this looks like a PDF file, not text',
    );
  });

  it('refuses empty and whitespace-only files', () => {
    const empty = errorOf(() => decodeText('x.txt', fixture('empty.txt')));
    expect(empty.code).toBe('unreadable');
    expect(empty.message).toBe('x.txt: the file is empty');
    expect(errorOf(() => decodeText('blank.txt', fixture('whitespace-only.txt'))).message).toBe(
      'blank.txt: the file holds only blank lines and spaces, no text',
    );
  });

  it('refuses files over 50 MB, naming the size', () => {
    const big = new Uint8Array(MAX_IMPORT_BYTES + 3 * 1024 * 1024);
    const error = errorOf(() => decodeText('huge.txt', big));
    expect(error.code).toBe('unsupported');
    expect(error.message).toBe('huge.txt: the file is 53.0 MB; Dossier imports files up to 50.0 MB');
  });

  it('rejects a UTF-8 BOM followed by invalid UTF-8', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, 0x41, 0xff, 0x42]);
    expect(errorOf(() => decodeText('bad.txt', bytes)).message).toMatch(/^bad\.txt: .*not valid UTF-8/);
  });
});
