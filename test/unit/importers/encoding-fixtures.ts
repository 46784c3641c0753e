/**
 * The legacy-encoding fixtures: original text written for Dossier (one invented story, a port and
 * a new ferry line, told in Lithuanian, Polish, Russian/Ukrainian and German/French), and the
 * encoder that saves it in each encoding. TextEncoder only writes UTF-8, so the encoder inverts
 * TextDecoder's table over 0x00-0xFF (plus the windows-1252 table Dossier keeps itself).
 *
 * The bytes are committed under test/fixtures/import/encodings/ and bad/; encoding.test.ts checks
 * they still equal what this file generates. To regenerate after editing a text:
 *   npx tsx test/unit/importers/encoding-fixtures.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeLegacy, type LegacyEncoding } from '../../../electron/importers/encoding-detect';

export const ENCODINGS_DIR = join(import.meta.dirname, '..', '..', 'fixtures', 'import', 'encodings');
export const BAD_DIR = join(import.meta.dirname, '..', '..', 'fixtures', 'import', 'bad');

/** ISO-8859-1 is written with its own table (no 0x80-0x9F), and read back as windows-1252. */
export type FixtureEncoding = LegacyEncoding | 'iso-8859-1';

export interface EncodingFixture {
  file: string;
  /** What the bytes are written in. */
  writtenAs: FixtureEncoding;
  /** What detection must report. */
  detectedAs: LegacyEncoding;
  /** The names that must arrive intact. */
  names: string[];
  text: string;
}

export const ENCODING_FIXTURES: EncodingFixture[] = [
  {
    file: 'lt-windows-1257.txt',
    writtenAs: 'windows-1257',
    detectedAs: 'windows-1257',
    names: ['Nausėda', 'Kasčiūnas', 'Žemaitytė', 'Klaipėda', 'Šiaulių'],
    text: `Klaipėdos uosto taryba pritarė keltų terminalo plėtrai
Jūros žinios, 2026-03-14

Klaipėda – Uosto taryba ketvirtadienį 9 balsais prieš 4 pritarė keltų terminalo plėtrai. Tarybos narys Marius Nausėda teigė, kad „sprendimas užtikrins darbo vietas visam regionui“.
Inžinierius Tomas Kasčiūnas priminė, jog pirmasis etapas kainuos 42 mln. eurų, o darbai prasidės rudenį.
Aplinkosaugininkė Rūta Žemaitytė perspėjo dėl kopų ir paukščių: „Šiaulių ir Klaipėdos gyventojai turi būti išklausyti.“
`,
  },
  {
    // ISO-8859-13 has no dashes; its quotes („ “ at 0xA5/0xB4) are what tells it from windows-1257.
    file: 'lt-iso-8859-13.txt',
    writtenAs: 'iso-8859-13',
    detectedAs: 'iso-8859-13',
    names: ['Nausėda', 'Kasčiūnas', 'Žemaitytė', 'Šiaulių'],
    text: `Uosto plėtra: gyventojai nori daugiau informacijos

Klaipėdos gyventojai penktadienį susirinko į susitikimą su uosto direkcija. Direktorius Marius Nausėda sakė, kad „keltų terminalas bus baigtas per dvejus metus“.
Tomas Kasčiūnas atsakė į klausimus apie triukšmą, o Rūta Žemaitytė pateikė Šiaulių universiteto tyrimą. Kitas susitikimas vyks balandžio mėnesį.
`,
  },
  {
    file: 'pl-windows-1250.txt',
    writtenAs: 'windows-1250',
    detectedAs: 'windows-1250',
    names: ['Łódź', 'Wałęsa', 'Żaneta Śliwińska'],
    text: `Delegacja z Łodzi odwiedziła port w Kłajpedzie
Gazeta Bałtycka, 14 marca 2026

Kłajpeda – Delegacja samorządowców z Łodzi spotkała się w czwartek z zarządem portu. Przewodnicząca Anna Wałęsa powiedziała, że „współpraca z Litwą to szansa dla naszych przedsiębiorstw”.
Źródła w urzędzie miasta Łódź potwierdziły, że umowa zostanie podpisana jesienią. Żaneta Śliwińska z izby gospodarczej dodała, iż połączenie promowe skróci podróż o pół dnia.
`,
  },
  {
    // ISO-8859-2 has no curly quotes or dashes: straight quotes and a hyphen, as such files have.
    file: 'pl-iso-8859-2.txt',
    writtenAs: 'iso-8859-2',
    detectedAs: 'iso-8859-2',
    names: ['Łodzi', 'Wałęsa', 'Źródło', 'świętokrzyska'],
    text: `Port w Kłajpedzie: mieszkańcy Łodzi pytają o prom

Mieszkańcy Łodzi pytali w piątek o nowe połączenie promowe. Anna Wałęsa odpowiadała na pytania o ceny biletów i zapewniła, że "pierwszy rejs odbędzie się wiosną".
Źródło w porcie dodało, iż świętokrzyska firma zbuduje nabrzeże - następne spotkanie odbędzie się w Gdańsku.
`,
  },
  {
    file: 'ru-uk-windows-1251.txt',
    writtenAs: 'windows-1251',
    detectedAs: 'windows-1251',
    names: ['Пётр Ковалёв', 'Київ', 'Києва', 'Ґудзь', 'її'],
    text: `Делегация из Киева посетила порт Клайпеды
Балтийский вестник, 14 марта 2026

Клайпеда – Делегация из Киева в четверг встретилась с руководством порта. Пётр Ковалёв заявил, что «паромное сообщение будет открыто весной».
Делегація з Києва обговорила поромне сполучення; її голова Олена Ґудзь сказала, що «співпраця вигідна обом сторонам». Місто Київ підтримує проєкт.
`,
  },
  {
    file: 'de-fr-windows-1252.txt',
    writtenAs: 'windows-1252',
    detectedAs: 'windows-1252',
    names: ['Jörg Müller', 'Lübeck', 'François Lefèvre', '12 Mio. €'],
    text: `Fährlinie nach Klaipeda: Lübecker Reederei zeigt Interesse
Ostsee-Kurier, 14. März 2026

Lübeck – Die Reederei Müller & Söhne prüft eine neue Fährlinie nach Klaipeda. Geschäftsführer Jörg Müller sagte, die Verbindung sei „für den Güterverkehr unverzichtbar“. Die Investition beträgt rund 12 Mio. €.
Le directeur de la société partenaire, François Lefèvre, a déclaré : « Nous sommes prêts à démarrer l’été prochain. »
`,
  },
  {
    // Written with ISO-8859-1's table (nothing at 0x80-0x9F): reads the same as windows-1252.
    file: 'de-fr-iso-8859-1.txt',
    writtenAs: 'iso-8859-1',
    detectedAs: 'windows-1252',
    names: ['Käthe Müller', 'Grüße', 'Hélène Dubois', 'Überfahrt'],
    text: `Grüße aus Kiel: Reederei plant Fähre nach Klaipeda

Die Kieler Reederei Bäumer möchte ab Herbst eine Fähre nach Klaipeda betreiben. Geschäftsführerin Käthe Müller sagte, man habe «großes Interesse» an der Strecke.
La maire adjointe, Hélène Dubois, a salué « une étape décisive pour la coopération ». Preis pro Überfahrt: etwa 90 Euro.
`,
  },
];

/** Single names on a line: the least evidence a file can hold, each must still come out intact. */
export const SHORT_NAMES: Array<{ text: string; encoding: LegacyEncoding }> = [
  { text: 'Nausėda', encoding: 'windows-1257' },
  { text: 'Kasčiūnas', encoding: 'windows-1257' },
  { text: 'Žemaitytė', encoding: 'windows-1257' },
  { text: 'Klaipėda', encoding: 'windows-1257' },
  { text: 'Šiauliai', encoding: 'windows-1257' },
  { text: 'Łódź', encoding: 'windows-1250' },
  { text: 'Wałęsa', encoding: 'windows-1250' },
  { text: 'Пётр', encoding: 'windows-1251' },
  { text: 'Київ', encoding: 'windows-1251' },
  { text: 'Müller', encoding: 'windows-1252' },
];

const ENCODERS = new Map<FixtureEncoding, Map<string, number>>();

function encoderFor(encoding: FixtureEncoding): Map<string, number> {
  let map = ENCODERS.get(encoding);
  if (!map) {
    map = new Map();
    const all = new Uint8Array(256).map((_, i) => i);
    const chars = encoding === 'iso-8859-1' ? String.fromCharCode(...all) : decodeLegacy(all, encoding);
    for (let b = 0; b < 256; b++) {
      const c = chars[b]!;
      // Undefined bytes decode to U+FFFD or their C1 code point; neither is a character to encode.
      if (c === '\ufffd' || (b >= 0x80 && b <= 0x9f && c.charCodeAt(0) === b)) continue;
      if (!map.has(c)) map.set(c, b);
    }
    ENCODERS.set(encoding, map);
  }
  return map;
}

/** Text → bytes in a legacy encoding. Throws naming the character when the encoding lacks it. */
export function encodeLegacy(text: string, encoding: FixtureEncoding): Uint8Array {
  const map = encoderFor(encoding);
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const b = map.get(c);
    if (b === undefined) throw new Error(`${encoding} cannot encode ${JSON.stringify(c)} (U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')})`);
    out[i] = b;
  }
  return out;
}

/**
 * A file no encoding explains: a few ASCII words with high bytes from a fixed pseudo-random
 * sequence (a linear congruential generator, so the bytes are the same on every run).
 */
export function undetectableBytes(): Uint8Array {
  let seed = 20260314;
  const next = (): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed;
  };
  const out: number[] = [];
  const words = ['Report', 'port', 'ferry', 'council', 'vote'];
  for (let line = 0; line < 24; line++) {
    out.push(...new TextEncoder().encode(`${words[line % words.length]} `));
    for (let i = 0; i < 40; i++) out.push(0x80 + ((next() >>> 16) % 128));
    out.push(0x0a);
  }
  return new Uint8Array(out);
}

/** The committed bad-input files other than the 100 MB one (made sparse at test time). */
export function badFixtures(): Record<string, Uint8Array> {
  // A PNG header and a few chunks: what a picture renamed to .txt starts with.
  const png = new Uint8Array([
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x10, 0x00, 0x00, 0x00,
    0x10, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0xf3, 0xff, 0x61, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
  ]);
  // An executable-like blob with no known signature: NUL bytes and control codes throughout.
  const blob = new Uint8Array(512).map((_, i) => (i * 37 + 11) % 256);
  return {
    'empty.txt': new Uint8Array(0),
    'blank-lines.txt': new TextEncoder().encode('\n\n   \r\n\t\n'),
    'photo-renamed.txt': png,
    'program-renamed.txt': blob,
    'unknown-encoding.txt': undetectableBytes(),
  };
}

export function generatedFixtures(): Array<{ dir: string; file: string; bytes: Uint8Array }> {
  const out = ENCODING_FIXTURES.map((f) => ({ dir: ENCODINGS_DIR, file: f.file, bytes: encodeLegacy(f.text, f.writtenAs) }));
  // The windows-1257 story with Windows line endings, as Notepad saves it.
  const lt = ENCODING_FIXTURES[0]!;
  out.push({ dir: ENCODINGS_DIR, file: 'lt-windows-1257-crlf.txt', bytes: encodeLegacy(lt.text.replace(/\n/g, '\r\n'), 'windows-1257') });
  for (const [file, bytes] of Object.entries(badFixtures())) out.push({ dir: BAD_DIR, file, bytes });
  return out;
}

// Run directly (not imported by a test): write the fixtures.
if (process.argv[1] && import.meta.filename === process.argv[1]) {
  for (const { dir, file, bytes } of generatedFixtures()) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, file), bytes);
    console.log(`${join(dir, file)}: ${bytes.length} bytes`);
  }
}
