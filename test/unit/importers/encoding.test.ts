import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DossierError } from '../../../shared/api/result';
import { decodeText, encodingLabel } from '../../../electron/importers/decode';
import {
  decodeLegacy,
  detectLegacyEncoding,
  encodingFromLabel,
  isPlausibleAs,
  LEGACY_ENCODINGS,
  SAMPLE_BYTES,
  WINDOWS_1252_HIGH,
} from '../../../electron/importers/encoding-detect';
import { parseFile } from '../../../electron/importers/registry';
import { ENCODING_FIXTURES, ENCODINGS_DIR, encodeLegacy, generatedFixtures, SHORT_NAMES, undetectableBytes } from './encoding-fixtures';

const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(join(ENCODINGS_DIR, name)));

function errorOf(fn: () => unknown): DossierError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DossierError);
    return error as DossierError;
  }
  throw new Error('expected a DossierError');
}

describe("Node's legacy decoders on this machine (full ICU)", () => {
  it.each([
    ['windows-1257', 0xe8, 'č'],
    ['windows-1257', 0xeb, 'ė'],
    ['windows-1251', 0xb8, 'ё'],
    ['windows-1251', 0xbf, 'ї'],
    ['windows-1250', 0xb3, 'ł'],
    ['windows-1250', 0x9f, 'ź'],
    ['iso-8859-13', 0xa5, '„'],
    ['iso-8859-2', 0xb1, 'ą'],
    ['iso-8859-2', 0xbc, 'ź'],
  ])('%s decodes 0x%s as %s', (label, byte, char) => {
    expect(new TextDecoder(label).encoding).toBe(label);
    expect(new TextDecoder(label).decode(new Uint8Array([byte]))).toBe(char);
  });

  it("decodes windows-1252's 0x80-0x9F with Dossier's table, not as C1 controls", () => {
    expect(decodeLegacy(new Uint8Array([0x80, 0x93, 0x94, 0x96, 0x85]), 'windows-1252')).toBe('€“”–…');
    expect(WINDOWS_1252_HIGH).toHaveLength(32);
    // Undefined bytes keep their code points (WHATWG), so nothing is dropped.
    expect(decodeLegacy(new Uint8Array([0x41, 0x81, 0x42]), 'windows-1252')).toBe('A\u0081B');
  });
});

describe('legacy encodings: the fixtures', () => {
  it('the committed fixture bytes are exactly what the generator writes', () => {
    for (const { dir, file, bytes } of generatedFixtures()) {
      expect(new Uint8Array(readFileSync(join(dir, file))), file).toEqual(bytes);
    }
  });

  it.each(ENCODING_FIXTURES.map((f) => [f.file, f] as const))('%s decodes intact and names its encoding', (file, f) => {
    const bytes = fixture(file);
    // The file really is in a legacy encoding: not valid UTF-8.
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const decoded = decodeText(file, bytes);
    expect(decoded).toEqual({ text: f.text, encoding: f.detectedAs, bom: false });
    for (const name of f.names) expect(decoded.text).toContain(name);
  });

  it('keeps Windows line endings out of the text (CRLF becomes LF) with windows-1257', () => {
    const decoded = decodeText('crlf.txt', fixture('lt-windows-1257-crlf.txt'));
    expect(decoded.encoding).toBe('windows-1257');
    expect(decoded.text).toBe(ENCODING_FIXTURES[0]!.text);
  });

  it('every line of every fixture, saved alone, still decodes intact', () => {
    for (const f of ENCODING_FIXTURES) {
      for (const line of f.text.split('\n').filter((l) => /[^\t\n -~]/.test(l))) {
        const bytes = encodeLegacy(`${line}\n`, f.writtenAs);
        expect(decodeText(f.file, bytes).text, `${f.file}: ${line}`).toBe(`${line}\n`);
      }
    }
  });

  it.each(SHORT_NAMES.map((n) => [n.text, n.encoding] as const))('a file holding only "%s" (%s) decodes intact', (name, encoding) => {
    const decoded = decodeText('name.txt', encodeLegacy(`${name}\n`, encoding));
    expect(decoded.text).toBe(`${name}\n`);
    expect(decoded.encoding).toBe(encoding);
  });

  it('any mix of words from one story with three or more different accented words decodes intact (property)', () => {
    // One accented word alone can be ambiguous (French "prêts" is also Polish "pręts"); an article
    // holds many, and three are already enough.
    for (const f of ENCODING_FIXTURES) {
      const words = f.text.split(/\s+/).filter(Boolean);
      const accented = [...new Set(words.filter((w) => /[\u00c0-\u024f\u0400-\u04ff]/.test(w)))];
      const text = fc
        .tuple(fc.shuffledSubarray(accented, { minLength: 3, maxLength: 8 }), fc.array(fc.constantFrom(...words), { maxLength: 30 }))
        .chain(([a, b]) => fc.shuffledSubarray([...a, ...b], { minLength: a.length + b.length }))
        .map((picked) => `${picked.join(' ')}\n`);
      fc.assert(
        fc.property(text, (t) => {
          expect(decodeText(f.file, encodeLegacy(t, f.writtenAs)).text).toBe(t);
        }),
        { numRuns: 300, seed: 1403 },
      );
    }
  });

  it('the plain-text importer brings the names in through parseFile', async () => {
    const doc = await parseFile({ fileName: 'lt-windows-1257.txt', bytes: fixture('lt-windows-1257.txt') });
    expect(doc.title).toBe('Klaipėdos uosto taryba pritarė keltų terminalo plėtrai');
    expect(doc.text).toContain('Tomas Kasčiūnas');
    const ru = await parseFile({ fileName: 'ru.txt', bytes: fixture('ru-uk-windows-1251.txt') });
    expect(ru.title).toBe('Делегация из Киева посетила порт Клайпеды');
    const md = await parseFile({ fileName: 'pl.md', bytes: fixture('pl-windows-1250.txt') });
    expect(md.text).toContain('Anna Wałęsa');
  });
});

describe('legacy encodings: how the choice is made', () => {
  it('reads ISO-8859-1 as windows-1252 (the same text wherever ISO-8859-1 has characters)', () => {
    const text = 'Grüße, «großes Interesse», déjà vu\n';
    const latin1 = encodeLegacy(text, 'iso-8859-1');
    expect(decodeText('latin1.txt', latin1)).toEqual({ text, encoding: 'windows-1252', bom: false });
  });

  it('tells ISO-8859-13 from windows-1257 by its quotes, and ISO-8859-2 from windows-1250 by ą ś ź', () => {
    const lt = 'Jis sakė: „Nausėda atvyks.“\n';
    expect(decodeText('a.txt', encodeLegacy(lt, 'iso-8859-13')).encoding).toBe('iso-8859-13');
    expect(decodeText('b.txt', encodeLegacy(lt, 'windows-1257')).encoding).toBe('windows-1257');
    const pl = 'Źródło: są świadkowie w Łodzi.\n';
    expect(decodeText('c.txt', encodeLegacy(pl, 'iso-8859-2'))).toMatchObject({ text: pl, encoding: 'iso-8859-2' });
    expect(decodeText('d.txt', encodeLegacy(pl, 'windows-1250'))).toMatchObject({ text: pl, encoding: 'windows-1250' });
  });

  it('when candidates read the bytes identically, the documented order decides (Windows pages first)', () => {
    // ü and ’ are the same bytes in windows-1252/1257/1250: the text is the same whichever wins.
    const guess = detectLegacyEncoding(encodeLegacy('It’s Müller’s view.\n', 'windows-1252'));
    expect(guess.encoding).toBe('windows-1252');
    // A Polish word with no letter that differs between windows-1250 and ISO-8859-2: a tie.
    const tie = detectLegacyEncoding(encodeLegacy('Wałęsa\n', 'iso-8859-2'));
    const score = (e: string) => tie.scores.find((s) => s.encoding === e)!.score;
    expect(score('windows-1250')).toBe(score('iso-8859-2'));
    expect(tie.encoding).toBe('windows-1250');
    expect(LEGACY_ENCODINGS.indexOf('windows-1250')).toBeLessThan(LEGACY_ENCODINGS.indexOf('iso-8859-2'));
  });

  it('does not read a French è before a consonant as Lithuanian č, nor č before a vowel as è', () => {
    for (const text of ['M. Lefèvre\n', 'très cher\n', 'après\n']) {
      expect(decodeText('fr.txt', encodeLegacy(text, 'windows-1252')).text).toBe(text);
    }
    for (const text of ['čia\n', 'Kasčiūnas\n', 'kučas\n']) {
      expect(decodeText('lt.txt', encodeLegacy(text, 'windows-1257')).text).toBe(text);
    }
  });

  it('scores the right reading above the wrong ones by a margin', () => {
    const guess = detectLegacyEncoding(fixture('lt-windows-1257.txt'));
    const [first, second] = [...guess.scores].sort((a, b) => b.score - a.score);
    expect(first?.encoding).toBe('windows-1257');
    // The runner-up is ISO-8859-13, which differs only in the quotes and the dash.
    expect(second?.encoding).toBe('iso-8859-13');
    const western = guess.scores.find((s) => s.encoding === 'windows-1252')!;
    expect(first!.score - western.score).toBeGreaterThan(guess.highBytes);
  });

  it('accepts a text with one stray odd byte rather than refusing it', () => {
    const bytes = new TextEncoder().encode('Plain English report with one odd byte X in it.\n').map((b) => (b === 0x58 ? 0x9d : b));
    expect(decodeText('stray.txt', bytes).text).toMatch(/^Plain English report with one odd byte .{1} in it\.\n$/);
  });

  it('refuses random high bytes: the encoding could not be recognised, naming the file and what was tried', () => {
    const error = errorOf(() => decodeText('mystery.txt', undetectableBytes()));
    expect(error.code).toBe('unreadable');
    expect(error.message).toBe(
      'mystery.txt: the text encoding could not be recognised (tried UTF-8, UTF-16, Windows-1252/ISO-8859-1, Windows-1257, ' +
        'Windows-1250, Windows-1251, ISO-8859-13, ISO-8859-2); save it as UTF-8 and import it again',
    );
    expect(detectLegacyEncoding(undetectableBytes()).encoding).toBeNull();
  });

  it('finds the evidence after a long ASCII preamble and scores at most a sample of a long file', () => {
    const preamble = `${'Port notes in plain ASCII. '.repeat(4000)}\n`; // ~108 KB, more than the sample
    const text = `${preamble}Marius Nausėda ir Tomas Kasčiūnas.\n`;
    expect(preamble.length).toBeGreaterThan(SAMPLE_BYTES);
    expect(decodeText('long.txt', encodeLegacy(text, 'windows-1257'))).toMatchObject({ text, encoding: 'windows-1257' });
    const russian = `${'Пётр Ковалёв заявил, что «паромное сообщение будет открыто весной». '.repeat(3000)}\n`;
    const started = performance.now();
    expect(decodeText('ru.txt', encodeLegacy(russian, 'windows-1251')).text).toBe(russian);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('uses a declared charset when it reads as text, and detection when it does not', () => {
    const lt = encodeLegacy('Klaipėdos uostas, „Nausėda“.\n', 'windows-1257');
    expect(decodeText('page.html', lt, { declaredEncoding: 'windows-1257' }).encoding).toBe('windows-1257');
    // ISO-8859-13 declared on bytes that read the same in it: the declaration is honoured.
    const same = encodeLegacy('Nausėda\n', 'windows-1257');
    expect(decodeText('s.html', same, { declaredEncoding: 'ISO-8859-13' }).encoding).toBe('iso-8859-13');
    // Latin-1 declared on a Baltic file (a common lie) would give "Ðiauliø": detection wins.
    const wrong = encodeLegacy('Šiaulių ir Žemaitytės žodžiai.\n', 'windows-1257');
    expect(isPlausibleAs(wrong, 'windows-1252')).toBe(false);
    expect(decodeText('page.html', wrong, { declaredEncoding: 'iso-8859-1' })).toMatchObject({
      text: 'Šiaulių ir Žemaitytės žodžiai.\n',
      encoding: 'windows-1257',
    });
    // A declaration never overrides valid UTF-8; an unknown label is ignored.
    const utf8 = new TextEncoder().encode('Kasčiūnas\n');
    expect(decodeText('u.html', utf8, { declaredEncoding: 'iso-8859-1' }).encoding).toBe('utf-8');
    expect(decodeText('k.html', lt, { declaredEncoding: 'x-unknown' }).encoding).toBe('windows-1257');
    // Where detection gives up, the declaration is taken rather than refusing the file.
    expect(decodeText('odd.html', undetectableBytes(), { declaredEncoding: 'windows-1250' }).encoding).toBe('windows-1250');
  });

  it('trusts a declared charset detection does not cover (KOI8-R)', () => {
    const text = 'Пётр Ковалёв, порт Клайпеды\n';
    const koi8 = new TextDecoder('koi8-r').decode(new Uint8Array(256).map((_, i) => i));
    const bytes = new Uint8Array(Array.from(text, (c) => koi8.indexOf(c)));
    expect(decodeText('ru.html', bytes, { declaredEncoding: 'koi8-r' })).toEqual({ text, encoding: 'koi8-r', bom: false });
    expect(encodingLabel('koi8-r')).toBe('KOI8-R');
  });

  it('maps charset labels as browsers do', () => {
    expect(encodingFromLabel('latin1')).toBe('windows-1252');
    expect(encodingFromLabel('ISO-8859-1')).toBe('windows-1252');
    expect(encodingFromLabel(' cp1257 ')).toBe('windows-1257');
    expect(encodingFromLabel('windows-1257')).toBe('windows-1257');
    expect(encodingFromLabel('iso-8859-13')).toBe('iso-8859-13');
    expect(encodingFromLabel('l2')).toBe('iso-8859-2');
    expect(encodingFromLabel('cp1251')).toBe('windows-1251');
    expect(encodingFromLabel('utf8')).toBe('utf-8');
    expect(encodingFromLabel('koi8-r')).toBeNull(); // Node knows it, Dossier does not detect it
    expect(encodingFromLabel('no-such-charset')).toBeNull();
  });

  it('labels every encoding for the source information', () => {
    expect(encodingLabel('windows-1257')).toBe('Windows-1257 (Baltic)');
    expect(encodingLabel('windows-1252')).toBe('Windows-1252 / ISO-8859-1 (Western European)');
    expect(encodingLabel('utf-16le')).toBe('UTF-16 LE');
    for (const e of LEGACY_ENCODINGS) expect(encodingLabel(e).length).toBeGreaterThan(5);
  });
});
