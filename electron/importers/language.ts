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

export function guessLanguage(text: string): string | null {
  // A few thousand words are plenty; long texts need not be scanned whole.
  const words = text.slice(0, 20_000).toLowerCase().match(/\p{L}+/gu) ?? [];
  if (words.length < MIN_WORDS) return null;
  const scores = new Map<string, number>();
  for (const word of words) {
    const langs = LEXICON.get(word);
    if (!langs) continue;
    // A word shared by several languages counts for each, but less.
    for (const lang of langs) scores.set(lang, (scores.get(lang) ?? 0) + 1 / langs.length);
  }
  const ranked = [...scores.entries()].sort((a, b) => b[1] - a[1]);
  const [best, second] = ranked;
  if (!best) return null;
  const [lang, score] = best;
  const runnerUp = second?.[1] ?? 0;
  if (score < 5 || score / words.length < 0.08 || score < runnerUp * 1.6) return null;
  return lang;
}
