import { describe, expect, it } from 'vitest';
import { guessLanguage } from '../../../electron/importers/language';

const samples: Record<string, string> = {
  en: 'The council said on Tuesday that the plan for the new jetty would be published in the spring, and that residents of the city would be able to comment on it before any work starts at the port.',
  lt: 'Seimas trečiadienį pritarė terminalo plėtrai, tačiau opozicija teigė, kad sprendimas buvo priimtas per skubiai ir kad su gyventojais nebuvo tartasi apie tai, kas bus daroma uoste.',
  de: 'Der Stadtrat hat am Dienstag mitgeteilt, dass der Plan für den neuen Anleger im Frühjahr veröffentlicht wird und dass die Bürger sich dazu äußern können, bevor die Arbeiten im Hafen beginnen.',
  fr: "Le conseil municipal a indiqué mardi que le plan pour la nouvelle jetée sera publié au printemps et que les habitants pourront donner leur avis avant que les travaux ne commencent dans le port.",
  pl: 'Rada miasta poinformowała we wtorek, że plan nowego nabrzeża zostanie opublikowany wiosną i że mieszkańcy będą mogli się do niego odnieść, zanim w porcie rozpoczną się prace, które są już zaplanowane.',
  ru: 'Городской совет сообщил во вторник, что план нового причала будет опубликован весной и что жители смогут высказать свое мнение о нем до того, как в порту начнутся работы, которые уже были запланированы.',
};

describe('guessLanguage', () => {
  it.each(Object.entries(samples))('recognises %s', (lang, text) => {
    expect(guessLanguage(text)).toBe(lang);
  });

  it('answers null for short or unclear text rather than guessing', () => {
    expect(guessLanguage('Klaipėda 2026')).toBeNull();
    expect(guessLanguage('71 48 9 310 280 2027 2028 2029 '.repeat(10))).toBeNull();
    expect(guessLanguage('Klaipėda Smiltynė Nausėda Kasčiūnas Žemaitytė Stankūnas Rimkutė Jankūnas '.repeat(4))).toBeNull();
  });
});
