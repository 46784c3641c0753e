/**
 * An offline guess of a text's language from function-word counts. Deliberately conservative: it
 * answers null unless one language clearly wins, because a wrong language silently mislabels an
 * article while null only asks the analyst to fill it in.
 */

const STOP_WORDS: Record<string, string> = {
  en: 'the and of to in is that it for was on with as by at from this be are have has said which not but were an or will would their its been who',
  lt: 'ir kad į su yra buvo bet tai iš ar jo jis nuo apie kaip už dėl taip bus per savo jau tik po prie nes kuris kuri ji jie tačiau bei mes',
  lv: 'un ir ka no uz ar par arī bet kas vai lai tas bija pie kā tikai jau savu viņš viņa tika ko gan',
  et: 'ja on et ei see oli kui mis aga ning ta nii siis kes või seda oma veel juba ka mida ole',
  de: 'der die und das ist nicht mit von den zu sich auf des für eine ein dem im auch es wird wurde sie bei dass nach werden hat',
  fr: 'le la les des et est une un du que qui dans pour pas sur au avec il ne par sont cette ont été aux ses mais plus',
  es: 'el los que y en se del las por con una para al lo como más pero su fue ha sus este',
  pl: 'w się nie na z że do jest to jak ale po co przez dla od był jego już tak oraz które który są jako może',
  ru: 'и в не на что с по это как из к за от о он для был также было но его при она они который',
  uk: 'і в не на що з у до це як та за від про він для був також його але при вона вони який',
};

const LEXICON = new Map<string, string[]>();
for (const [lang, words] of Object.entries(STOP_WORDS)) {
  for (const word of words.split(' ')) {
    const langs = LEXICON.get(word) ?? [];
    langs.push(lang);
    LEXICON.set(word, langs);
  }
}

/** Too few words and any guess is noise. */
const MIN_WORDS = 20;
/**
 * The guess reads the start of the text only: 4,000 characters are 600-700 words, far more than
 * the function-word counts need, and an article's opening is its own prose (not a footer).
 */
export const LANGUAGE_SAMPLE_CHARS = 4_000;
/** The longest stop word, in UTF-16 units: longer words are counted but never looked up. */
const LONGEST_STOP_WORD = Math.max(...[...LEXICON.keys()].map((w) => w.length));

/** Whether a non-ASCII code point is a letter, cached (a text repeats the same few letters). */
const letterCache = new Map<number, boolean>();
function isLetter(cp: number): boolean {
  let known = letterCache.get(cp);
  if (known === undefined) {
    known = /\p{L}/u.test(String.fromCodePoint(cp));
    letterCache.set(cp, known);
  }
  return known;
}

/** UTF-16 units of the letter at `i` (1, or 2 for a surrogate pair), or 0 when it is not a letter. */
function letterAt(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) ? 1 : 0;
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
    const cp = s.codePointAt(i)!;
    if (cp > 0xffff) return isLetter(cp) ? 2 : 0;
  }
  return isLetter(c) ? 1 : 0;
}

export function guessLanguage(text: string): string | null {
  // Lower-cased once; words (runs of letters) are found by a scan, and only words short enough
  // to be a stop word become strings.
  const sample = text.slice(0, LANGUAGE_SAMPLE_CHARS).toLowerCase();
  const scores = new Map<string, number>();
  let words = 0;
  for (let i = 0; i < sample.length; ) {
    let n = letterAt(sample, i);
    if (n === 0) {
      i++;
      continue;
    }
    const start = i;
    while (n > 0) {
      i += n;
      n = i < sample.length ? letterAt(sample, i) : 0;
    }
    words++;
    if (i - start > LONGEST_STOP_WORD) continue;
    const langs = LEXICON.get(sample.slice(start, i));
    if (!langs) continue;
    // A word shared by several languages counts for each, but less.
    for (const lang of langs) scores.set(lang, (scores.get(lang) ?? 0) + 1 / langs.length);
  }
  if (words < MIN_WORDS) return null;
  let lang: string | null = null;
  let score = 0;
  let runnerUp = 0;
  for (const [l, s] of scores) {
    if (s > score) {
      runnerUp = score;
      score = s;
      lang = l;
    } else if (s > runnerUp) runnerUp = s;
  }
  if (lang === null || score < 5 || score / words < 0.08 || score < runnerUp * 1.6) return null;
  return lang;
}
