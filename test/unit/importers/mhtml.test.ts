import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DossierError } from '../../../shared/api/result';
import { decodeQuotedPrintable, extractMhtmlPage, mhtmlImporter } from '../../../electron/importers/mhtml';
import { findImporter, parseFile } from '../../../electron/importers/registry';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'import', 'html');
const read = (name: string): Uint8Array => new Uint8Array(readFileSync(join(FIXTURES, name)));
const ascii = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'latin1'));

function parseError(fileName: string, bytes: Uint8Array): DossierError {
  try {
    mhtmlImporter.parse({ fileName, bytes });
  } catch (error) {
    expect(error).toBeInstanceOf(DossierError);
    return error as DossierError;
  }
  throw new Error(`${fileName} parsed without error`);
}

describe('MHTML importer', () => {
  it('reads a Chrome "single file" archive: the quoted-printable page, its metadata and the snapshot URL', async () => {
    expect(findImporter('Saved Page.MHTML')?.id).toBe('mhtml');
    expect(findImporter('old.mht')?.id).toBe('mhtml');
    const doc = await parseFile({ fileName: 'baltic-ledger-dredging.mhtml', bytes: read('baltic-ledger-dredging.mhtml') });
    expect(doc).toMatchObject({
      title: 'Who pays for the dredging? The Second Berth bill, line by line',
      outlet: 'The Baltic Ledger',
      byline: 'Ieva Baranauskė, Mindaugas Šimkus',
      publishedAt: '2026-03-14T07:30:00Z',
      // No canonical link in the page: the part's Content-Location stands in.
      url: 'https://balticledger.example/2026/03/14/who-pays-for-the-dredging',
      language: 'en',
      mediaType: 'multipart/related',
      noise: [],
    });
    // Quoted-printable soft breaks and =XX escapes are gone; UTF-8 characters split across lines are whole.
    expect(doc.text.startsWith('The figure most quoted since Wednesday’s vote in the Seimas is 310 million euros.')).toBe(true);
    expect(doc.text).toContain('Its spokesperson, Eglė Rimkutė, pointed out');
    expect(doc.text).toContain('Klaipėda’s port director, Giedrius Stankūnas, said');
    expect(doc.text).not.toMatch(/=\n|=3D|=E2|font-size|Log in/);
    expect(doc.text.split('\n\n').length).toBeGreaterThanOrEqual(5);
  });

  it('reads an IE/Word-style archive: base64 page, charset in the part header, LF line ends', () => {
    const page = '<html><head><title>Uosto plėtra teisme | Uosto žinios</title></head><body><p>Ministrė Dovilė Žemaitytė ir Žydrūnas Nausėdaitis.</p></body></html>';
    // windows-1257 bytes of the page, with no charset of its own: only the part header says what it is.
    const windows1257: Record<string, number> = { ė: 0xeb, Ž: 0xde, ž: 0xfe, ū: 0xfb };
    const bytes = new Uint8Array([...page].map((c) => windows1257[c] ?? c.charCodeAt(0)));
    const base64 = Buffer.from(bytes).toString('base64').replace(/.{76}/g, '$&\n');
    const archive = [
      'MIME-Version: 1.0',
      'Content-Type: multipart/related; boundary="----=_NextPart_000_0000_01DA1234.ABCDEF00"; type="text/html"',
      '',
      'This is a multi-part message in MIME format.',
      '',
      '------=_NextPart_000_0000_01DA1234.ABCDEF00',
      'Content-Type: text/html;',
      '\tcharset="windows-1257"',
      'Content-Transfer-Encoding: base64',
      'Content-Location: http://uostozinios.example/straipsnis/123',
      '',
      base64,
      '',
      '------=_NextPart_000_0000_01DA1234.ABCDEF00--',
      '',
    ].join('\n');
    const doc = mhtmlImporter.parse({ fileName: 'uostas.mht', bytes: ascii(archive) });
    expect(doc.text).toBe('Ministrė Dovilė Žemaitytė ir Žydrūnas Nausėdaitis.');
    expect(doc.title).toBe('Uosto plėtra teisme');
    expect(doc.outlet).toBe('Uosto žinios');
    expect(doc.url).toBe('http://uostozinios.example/straipsnis/123');
  });

  it('reads a single-part archive (the message itself is the page)', () => {
    const archive = 'MIME-Version: 1.0\r\nContent-Type: text/html; charset="utf-8"\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n<p>Kas=C4=8Di=C5=ABnas sp=\r\noke.</p>\r\n';
    expect(mhtmlImporter.parse({ fileName: 'one.mht', bytes: ascii(archive) }).text).toBe('Kasčiūnas spoke.');
  });

  it('decodes quoted-printable: soft breaks, escapes, and a stray "=" left as it is', () => {
    expect(new TextDecoder().decode(decodeQuotedPrintable('a=3Db =C5=BDe=\r\nmaityt=C4=97=\nx =ZZ end='))).toBe('a=b Žemaitytėx =ZZ end=');
  });

  it('finds the root part by the "start" parameter when there is one', () => {
    const archive = [
      'MIME-Version: 1.0',
      'Content-Type: multipart/related; boundary=XYZ; start="<root@x>"',
      '',
      '--XYZ',
      'Content-Type: text/html',
      '',
      '<p>an embedded frame</p>',
      '--XYZ',
      'Content-Type: text/html',
      'Content-ID: <root@x>',
      '',
      '<p>the page</p>',
      '--XYZ--',
    ].join('\r\n');
    const page = extractMhtmlPage('s.mhtml', ascii(archive));
    expect(new TextDecoder().decode(page.bytes)).toBe('<p>the page</p>');
  });

  it('refuses broken archives with specific messages, naming the file', () => {
    expect(parseError('empty.mhtml', new Uint8Array()).message).toBe('empty.mhtml: the file is empty');
    expect(parseError('page.mhtml', ascii('<html><body>not an archive</body></html>')).message).toBe(
      'page.mhtml: this is not an MHTML web archive (no MIME headers at the start)',
    );
    expect(parseError('nob.mhtml', ascii('MIME-Version: 1.0\nContent-Type: multipart/related\n\n--x\n\n<p>a</p>')).message).toBe(
      'nob.mhtml: the web archive names no MIME boundary, so its parts cannot be found',
    );
    expect(parseError('gone.mhtml', ascii('MIME-Version: 1.0\nContent-Type: multipart/related; boundary="abc"\n\nnothing here')).message).toBe(
      'gone.mhtml: the web archive has no parts (boundary "abc" never appears)',
    );
    const imagesOnly = 'MIME-Version: 1.0\nContent-Type: multipart/related; boundary="b"\n\n--b\nContent-Type: image/png\nContent-Transfer-Encoding: base64\n\niVBORw0KGgo=\n--b\nContent-Type: text/css\n\np{}\n--b--\n';
    expect(parseError('pics.mhtml', ascii(imagesOnly)).message).toBe('pics.mhtml: the web archive holds no HTML page (its parts are image/png, text/css)');
    const error = parseError('binary.mhtml', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]));
    expect(error.code).toBe('unreadable');
    expect(error.message).toMatch(/^binary\.mhtml: /);
  });
});
