/**
 * Which single-byte ("legacy") encoding a non-UTF-8 text file is in.
 *
 * Every candidate decodes ASCII identically, so only the bytes 0x80-0xFF carry evidence. Each
 * candidate's reading of those bytes is scored as text: letters common in the candidate's language
 * family score up (ė ū č š ž for Baltic, ł ś ż ą ę for Polish, Cyrillic letters for 1251, umlauts
 * and accents for Western), and what real text does not contain scores down: undefined bytes and
 * C1 controls, symbols inside words (`s±` is Polish `są` read with the wrong table), Latin letters
 * glued to Cyrillic ones, a capital in the middle of a word, and long runs of accented Latin letters
 * (`Ïðåçèäåíò` is Cyrillic read as Latin). The best total wins; an exact tie goes to the earlier
 * candidate in `LEGACY_ENCODINGS`. Scoring reads a table per byte, so it costs a pass over the
 * sample and no decoding.
 *
 * ISO-8859-1 is decoded as windows-1252, as browsers do: the two differ only at 0x80-0x9F, which
 * ISO-8859-1 fills with control characters no text uses. ISO-8859-13 and ISO-8859-2 are reported
 * only when the bytes show them (their quotes, or ą ś ź at ISO positions); otherwise their text is
 * identical under windows-1257 / windows-1250, which come first in the order.
 */

/** In tie-break order: the Windows code pages (what Windows editors save) before the ISO ones. */
export const LEGACY_ENCODINGS = ['windows-1252', 'windows-1257', 'windows-1250', 'windows-1251', 'iso-8859-13', 'iso-8859-2'] as const;

export type LegacyEncoding = (typeof LEGACY_ENCODINGS)[number];

/** Names for messages and the article's source information. */
export const LEGACY_ENCODING_LABELS: Record<LegacyEncoding, string> = {
  'windows-1252': 'Windows-1252 / ISO-8859-1 (Western European)',
  'windows-1257': 'Windows-1257 (Baltic)',
  'windows-1250': 'Windows-1250 (Central European)',
  'windows-1251': 'Windows-1251 (Cyrillic)',
  'iso-8859-13': 'ISO-8859-13 (Baltic)',
  'iso-8859-2': 'ISO-8859-2 (Central European)',
};

type Family = 'western' | 'baltic' | 'central' | 'cyrillic';

const FAMILY: Record<LegacyEncoding, Family> = {
  'windows-1252': 'western',
  'windows-1257': 'baltic',
  'iso-8859-13': 'baltic',
  'windows-1250': 'central',
  'iso-8859-2': 'central',
  'windows-1251': 'cyrillic',
};

/**
 * windows-1252's 0x80-0x9F (€, dashes, curly quotes...). Node's TextDecoder('windows-1252') decodes
 * these as C1 control characters (it treats the label as ISO-8859-1), so the table is our own.
 * 0x81, 0x8D, 0x8F, 0x90 and 0x9D are unassigned and stay as their code points, as in the WHATWG
 * Encoding Standard.
 */
export const WINDOWS_1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

/** Decodes the whole buffer in one legacy encoding. Undefined bytes follow WHATWG: U+FFFD, or in 1252 their own code point. */
export function decodeLegacy(bytes: Uint8Array, encoding: LegacyEncoding): string {
  if (encoding === 'windows-1252') {
    // latin1 is a native one-to-one byte decode; only 0x80-0x9F then need the 1252 table.
    const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
    return latin1.replace(/[\u0080-\u009f]/g, (c) => WINDOWS_1252_HIGH[c.charCodeAt(0) - 0x80]!);
  }
  return new TextDecoder(encoding).decode(bytes);
}

/** Each candidate's characters for the bytes 0x80-0xFF (always one UTF-16 unit each). */
function highTable(encoding: LegacyEncoding): string {
  const high = new Uint8Array(128).map((_, i) => 0x80 + i);
  const table = decodeLegacy(high, encoding);
  if (table.length !== 128) throw new Error(`${encoding}: expected 128 characters for 0x80-0xFF, got ${table.length}`);
  return table;
}

// Letter weights per family: the family's own letters score 2, letters its other languages use
// score lower, letters the family never uses (for instance Icelandic ð þ read from Baltic š ž) score
// below zero, and letters not listed score DEFAULT_LETTER_WEIGHT. Letters that read the same in the
// Western table (ä ö ü é...) are no evidence for a Baltic or Central reading: they score 0 there,
// so a Western text full of them is not outvoted by one ę or č. Lower-case lists; capitals get half.
const WEIGHTS: Record<Family, Array<[string, number]>> = {
  western: [
    ['àáâäçèéêíîóôöúüñß', 1],
    ['ãõåæøœëïìòùûÿšž', 0.5],
    ['ðþ', -3],
    ['ý', -1],
  ],
  baltic: [
    ['ąčęėįšųūž', 2], // Lithuanian
    ['āēģīķļņŗ', 0.5], // Latvian
    ['õäöüé', 0], // Estonian, and as in Western
  ],
  central: [
    ['ąćęłńóśźż', 2], // Polish
    ['čďěňřšťůžĺľŕőűăşţđ', 0.5], // Czech, Slovak, Hungarian, Romanian, Croatian
    ['áéíúýâîôäöüç', 0], // as in Western
  ],
  cyrillic: [
    ['абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґ', 1], // Russian, Ukrainian
    ['ў', 0.5], // Belarusian
  ],
};

/** A non-ASCII letter standing alone as a word is normal only for these (French à, Lithuanian į...). */
const STANDALONE: Record<Family, string> = {
  western: 'àèéóÀÉ',
  baltic: 'įĮ',
  central: '',
  cyrillic: 'абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґўАВЖИКОСУЯІЄ',
};

/**
 * Letters whose evidence counts only before a vowel: Lithuanian č nearly always precedes one
 * (čia, kučas), while the French è it is confused with precedes a consonant (Lefèvre, très).
 */
const WANTS_VOWEL_NEXT: Record<Family, string> = { western: '', baltic: 'čČ', central: '', cyrillic: '' };

/** Punctuation and symbols ordinary text uses; anything else non-alphanumeric counts as odd. */
const COMMON_PUNCTUATION = '\u00a0\u00ad–—‘’‚“”„«»‹›…•€£°§©®™·';
/** May sit between two letters: apostrophe, soft hyphen, dashes (Vilnius–Klaipėda), middle dot. */
const INSIDE_WORD_OK = '’\u00ad–—·';

// Per candidate and byte (all 256, ASCII included, so neighbours need no special case): a class,
// a script, flags and a weight, in typed arrays so that scoring is one tight loop.
const INVALID = 0; // undefined byte (U+FFFD) or C1 control
const LETTER = 1;
const PUNCT = 2; // common punctuation
const SYMBOL = 3; // rare symbol: ¤ ¦ ¨ ± ³ ¹ ¿ ˇ ˛ ...
const OTHER = 4; // ASCII that is not a letter: digits, spaces, ASCII punctuation, controls

const LATIN = 0;
const CYRILLIC = 1;
const NO_SCRIPT = -1;

const UPPER = 1;
const LOWER = 2;
const STANDALONE_OK = 4;
const INSIDE_WORD = 8;
const VOWEL_NEXT = 16;
const ASCII_CONSONANT = 32;

interface Candidate {
  encoding: LegacyEncoding;
  latinScript: boolean;
  kind: Uint8Array;
  script: Int8Array;
  flags: Uint8Array;
  weight: Float64Array;
}

const DEFAULT_LETTER_WEIGHT = -0.5;

function buildCandidate(encoding: LegacyEncoding): Candidate {
  const family = FAMILY[encoding];
  const chars = String.fromCharCode(...Array.from({ length: 128 }, (_, i) => i)) + highTable(encoding);
  const candidate: Candidate = {
    encoding,
    latinScript: family !== 'cyrillic',
    kind: new Uint8Array(256),
    script: new Int8Array(256),
    flags: new Uint8Array(256),
    weight: new Float64Array(256),
  };
  for (let b = 0; b < 256; b++) {
    const c = chars[b]!;
    const code = c.charCodeAt(0);
    const letter = /\p{L}/u.test(c);
    const upper = letter && c !== c.toLowerCase();
    let weight = DEFAULT_LETTER_WEIGHT;
    if (letter) for (const [letters, w] of WEIGHTS[family]) if (letters.includes(c.toLowerCase())) weight = w;
    // Capitals are rarer than small letters: half the evidence.
    if (upper && weight > 0) weight /= 2;
    candidate.kind[b] =
      b < 0x80
        ? letter
          ? LETTER
          : OTHER
        : code === 0xfffd || (code >= 0x80 && code <= 0x9f)
          ? INVALID
          : letter
            ? LETTER
            : COMMON_PUNCTUATION.includes(c)
              ? PUNCT
              : SYMBOL;
    candidate.script[b] = !letter ? NO_SCRIPT : /\p{Script=Cyrillic}/u.test(c) ? CYRILLIC : LATIN;
    candidate.flags[b] =
      (upper ? UPPER : 0) |
      (letter && c !== c.toUpperCase() ? LOWER : 0) |
      (STANDALONE[family].includes(c) ? STANDALONE_OK : 0) |
      (INSIDE_WORD_OK.includes(c) ? INSIDE_WORD : 0) |
      (WANTS_VOWEL_NEXT[family].includes(c) ? VOWEL_NEXT : 0) |
      (b < 0x80 && letter && !'aeiouyAEIOUY'.includes(c) ? ASCII_CONSONANT : 0);
    candidate.weight[b] = letter ? weight : 0;
  }
  return candidate;
}

const CANDIDATES: Candidate[] = LEGACY_ENCODINGS.map(buildCandidate);

const PENALTY = {
  invalid: -10,
  mixedScript: -5,
  capitalInsideWord: -3,
  symbolTouchingLetter: -3,
  punctuationInsideWord: -4,
  oddSymbol: -1,
  lonelyLetter: -2,
  accentRun: -2,
  allAccentedWord: -2,
};

/**
 * Quotes, dashes and the like are what text is made of; a little credit for them lets a Windows
 * code page, which has them, beat an ISO one that reads the same bytes as rare letters (`»` vs `ť`).
 */
const COMMON_PUNCTUATION_WEIGHT = 0.5;

/** Bytes scored (see `sampleOf`): enough for any article's evidence, and cheap for huge files. */
export const SAMPLE_BYTES = 64 * 1024;
export const SAMPLE_HIGH_BYTES = 2048;

/**
 * No candidate reads as text when even the winner has more than this share of odd characters (and
 * at least `MIN_ODD_TO_REFUSE` of them). Correctly decoded text has next to none; random high bytes
 * have well over half under every candidate. A lone odd byte in a text is not evidence enough to
 * refuse the file.
 */
export const MAX_ODD_SHARE = 0.25;
export const MIN_ODD_TO_REFUSE = 8;

interface Score {
  score: number;
  /** Non-ASCII bytes that scored below zero: characters real text would not have there. */
  odd: number;
}

/** Score of one candidate over the sample's non-ASCII bytes. */
function scoreCandidate(sample: Uint8Array, candidate: Candidate): Score {
  const { kind, script, flags, weight, latinScript } = candidate;
  const n = sample.length;
  let score = 0;
  let odd = 0;
  // Whether the Latin-script word being scanned has no ASCII letter at all (`čē`, `Ïðåçèäåíò`):
  // decided at the word's first non-ASCII letter by looking ahead to the word's end.
  let wordEnd = -1;
  let wordAllHigh = false;
  for (let i = 0; i < n; i++) {
    const b = sample[i]!;
    if (b < 0x80) continue;
    const k = kind[b]!;
    // Outside the sample counts as a space.
    const prev = i > 0 ? sample[i - 1]! : 0x20;
    const next = i + 1 < n ? sample[i + 1]! : 0x20;
    const prevLetter = kind[prev] === LETTER;
    const nextLetter = kind[next] === LETTER;
    const scoreBefore = score;
    if (k === INVALID) {
      score += PENALTY.invalid;
    } else if (k === LETTER) {
      const s = script[b]!;
      const ps = script[prev]!;
      const ns = script[next]!;
      if ((ps !== NO_SCRIPT && ps !== s) || (ns !== NO_SCRIPT && ns !== s)) {
        score += PENALTY.mixedScript;
      } else if (!prevLetter && !nextLetter && !(flags[b]! & STANDALONE_OK)) {
        score += PENALTY.lonelyLetter;
      } else {
        if (!(flags[b]! & VOWEL_NEXT && flags[next]! & ASCII_CONSONANT)) score += weight[b]!;
        if (flags[b]! & UPPER && flags[prev]! & LOWER) score += PENALTY.capitalInsideWord;
        if (latinScript) {
          if (i > wordEnd) {
            let start = i;
            while (start > 0 && kind[sample[start - 1]!] === LETTER) start--;
            let end = i;
            while (end + 1 < n && kind[sample[end + 1]!] === LETTER) end++;
            let ascii = 0;
            for (let j = start; j <= end; j++) if (sample[j]! < 0x80) ascii++;
            wordEnd = end;
            wordAllHigh = ascii === 0 && end > start;
          }
          if (wordAllHigh) {
            score += PENALTY.allAccentedWord;
          } else if (i >= 2 && prev >= 0x80 && prevLetter && sample[i - 2]! >= 0x80 && kind[sample[i - 2]!] === LETTER) {
            // A third accented Latin letter in a row: Latin text does not do that, misread Cyrillic does.
            score += PENALTY.accentRun;
          }
        }
      }
    } else if (k === PUNCT) {
      if (prevLetter && nextLetter && !(flags[b]! & INSIDE_WORD)) score += PENALTY.punctuationInsideWord;
      else score += COMMON_PUNCTUATION_WEIGHT;
    } else {
      score += prevLetter || nextLetter ? PENALTY.symbolTouchingLetter : PENALTY.oddSymbol;
    }
    if (score < scoreBefore) odd++;
  }
  return { score, odd };
}

export interface EncodingGuess {
  /** The winner, or null when no candidate reads as plausible text. */
  encoding: LegacyEncoding | null;
  /** Every candidate's total score and odd characters, in `LEGACY_ENCODINGS` order (diagnostics, tests). */
  scores: Array<{ encoding: LegacyEncoding; score: number; odd: number }>;
  /** Non-ASCII bytes in the sample. */
  highBytes: number;
}

/** Scores every candidate on the first `SAMPLE_BYTES` bytes and picks the most plausible. */
export function detectLegacyEncoding(bytes: Uint8Array): EncodingGuess {
  const { sample, highBytes } = sampleOf(bytes);
  const scores = CANDIDATES.map((candidate) => ({ encoding: candidate.encoding, ...scoreCandidate(sample, candidate) }));
  let best = scores[0]!;
  // Strictly greater: an exact tie keeps the earlier candidate in the documented order.
  for (const s of scores) if (s.score > best.score) best = s;
  const plausible = best.odd < MIN_ODD_TO_REFUSE || best.odd / highBytes <= MAX_ODD_SHARE;
  return { encoding: plausible ? best.encoding : null, scores, highBytes };
}

/**
 * The bytes scored: from a little before the first non-ASCII byte (a long ASCII preamble holds no
 * evidence), SAMPLE_BYTES at most and no further than the SAMPLE_HIGH_BYTES-th non-ASCII byte
 * (plenty of evidence; a Cyrillic file, all high bytes, costs no more than a Latin one). The words
 * at both cuts are kept whole, so word-level rules see them as they are.
 */
function sampleOf(bytes: Uint8Array): { sample: Uint8Array; highBytes: number } {
  let first = 0;
  while (first < bytes.length && bytes[first]! < 0x80) first++;
  if (first === bytes.length) return { sample: bytes.subarray(0, 0), highBytes: 0 };
  let start = Math.max(0, first - 64);
  while (start > 0 && bytes[start - 1] !== 0x20 && bytes[start - 1] !== 0x0a) start--;
  const limit = Math.min(bytes.length, start + SAMPLE_BYTES);
  let highBytes = 0;
  let end = limit;
  for (let i = first; i < limit; i++) {
    if (bytes[i]! >= 0x80 && ++highBytes >= SAMPLE_HIGH_BYTES) {
      end = i + 1;
      break;
    }
  }
  const stop = Math.min(bytes.length, end + 64);
  while (end < stop && bytes[end] !== 0x20 && bytes[end] !== 0x0a) {
    if (bytes[end]! >= 0x80) highBytes++;
    end++;
  }
  return { sample: bytes.subarray(start, end), highBytes };
}

/**
 * A charset label as a file may declare it (HTML `<meta charset>`, a MIME header) mapped to what
 * Dossier decodes, or null when Dossier does not support it. Follows the WHATWG label names.
 */
export function encodingFromLabel(label: string): 'utf-8' | 'utf-16le' | 'utf-16be' | LegacyEncoding | null {
  const name = label.trim().toLowerCase();
  let canonical: string;
  try {
    canonical = new TextDecoder(name).encoding;
  } catch {
    return null;
  }
  // Node reports latin1/ascii/iso-8859-1 labels as windows-1252, as the standard says.
  if (canonical === 'utf-8' || canonical === 'utf-16le' || canonical === 'utf-16be') return canonical;
  return (LEGACY_ENCODINGS as readonly string[]).includes(canonical) ? (canonical as LegacyEncoding) : null;
}

/**
 * Whether a declared charset reads as text: no more odd characters than a lone stray byte or two
 * (`declaredOddLimit` of the non-ASCII bytes). A wrong declaration (Latin-1 on a Baltic file)
 * produces symbols inside words and fails.
 */
export function isPlausibleAs(bytes: Uint8Array, encoding: LegacyEncoding): boolean {
  const { sample, highBytes } = sampleOf(bytes);
  if (highBytes === 0) return true;
  const candidate = CANDIDATES.find((c) => c.encoding === encoding)!;
  const { odd } = scoreCandidate(sample, candidate);
  return odd <= Math.max(1, highBytes * DECLARED_ODD_SHARE);
}

const DECLARED_ODD_SHARE = 0.05;
