import { describe, expect, it } from 'vitest';
import { findAttributions, findOriginators, primaryAttribution } from '../../../shared/analysis/attribution';

const speaker = (s: string): string | null => primaryAttribution(findAttributions(s))?.speaker ?? null;

describe('findAttributions', () => {
  it('finds the speaker before the verb, after a title, around an apposition, and after a quote', () => {
    expect(speaker('Energy Minister Dovilė Žemaitytė said the project would cost 310 million euros.')).toBe('Dovilė Žemaitytė');
    expect(speaker('Its director, Giedrius Stankūnas, said the port had reserved space.')).toBe('Giedrius Stankūnas');
    expect(speaker('Tomas Jankūnas, who leads the opposition group, said the plan was rushed.')).toBe('Tomas Jankūnas');
    expect(speaker('"This is a vote about our future," said Tomas Jankūnas.')).toBe('Tomas Jankūnas');
    expect(speaker('"We will find out who knew what," Ozoliņš told reporters.')).toBe('Ozoliņš');
    expect(speaker('A ministry spokesperson said an application would follow.')).toBe('ministry spokesperson');
    expect(speaker('Opposition lawmakers argued that the expansion had been rushed.')).toBe('Opposition lawmakers');
  });

  it('reads "according to", "reported by" and "citing"', () => {
    const a = findAttributions('The collision killed 14 people, according to the Ministry of Defence.');
    expect(a[0]).toMatchObject({ cueKind: 'according-to', speaker: 'Ministry of Defence' });
    expect(findAttributions('The vote was 72 to 47, as reported by Zaria.')[0]).toMatchObject({ cueKind: 'reported-by', speaker: 'Zaria' });
  });

  it('leaves the speaker empty for a pronoun and ignores nouns that look like verbs', () => {
    expect(speaker('Mostly, he said.')).toBeNull();
    expect(findAttributions('It will make the Baltic states less exposed.')).toEqual([]);
    expect(findAttributions('Reports of the meeting were brief.')).toEqual([]);
  });
});

describe('findOriginators', () => {
  it('finds who an article attributes its information to, with names normalised and offsets', () => {
    const t =
      'The expansion will cost at least €280 million, according to the state news agency Zaria. ' +
      'The collision killed 14 people, according to the Ministry of Defence. ' +
      'Relatives gathered, citing Reuters, Interfax news agency reported. The vote passed, as reported by the Baltic Wire Service.';
    const found = findOriginators(t);
    expect(found.map((o) => [o.name, o.cue])).toEqual([
      ['Zaria', 'according to'],
      ['Ministry of Defence', 'according to'],
      ['Reuters', 'citing'],
      ['Interfax', 'news agency reported'],
      ['Baltic Wire Service', 'as reported by'],
    ]);
    for (const o of found) expect(t.slice(o.start, o.end)).toBe(o.name);
  });

  it('reads a "Source:" line and "documents reviewed by" phrasing', () => {
    expect(findOriginators('Headline\nSource: Zaria\n\nBody.').map((o) => o.name)).toEqual(['Zaria']);
    expect(findOriginators('According to documents reviewed by Zaria, the cost rose.').map((o) => o.name)).toEqual(['Zaria']);
  });

  it('leaves out the article\'s own outlet', () => {
    const t = 'Headline\nSource: Klaipėda Harbour Times\n\nThe vote passed, according to Zaria.';
    expect(findOriginators(t).map((o) => o.name)).toEqual(['Klaipėda Harbour Times', 'Zaria']);
    expect(findOriginators(t, { outlet: 'Klaipėda Harbour Times' }).map((o) => o.name)).toEqual(['Zaria']);
  });

  it('finds nothing in reporting that names no originator', () => {
    expect(findOriginators('The minister said the ferry would run on Sunday. According to local sources, it was late.')).toEqual([]);
  });
});
