/// <reference types="vite/client" />
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NoiseKind, type NoiseRange } from '../model/schemas';
import { countRecurringLines, detectNoise, lineKeys, normaliseLine, type NoiseContext } from './noise';

// Fixtures are read through Vite's raw imports: shared/ code (tests included) may not import node:fs.
const fixtureTexts = import.meta.glob<string>('../../test/fixtures/noise/*.txt', { query: '?raw', import: 'default', eager: true });
const fixtureExpectations = import.meta.glob<Expected>('../../test/fixtures/noise/*.expected.json', { import: 'default', eager: true });
const notebookTexts = import.meta.glob<string>('../../test/fixtures/noise/notebook/*.txt', { query: '?raw', import: 'default', eager: true });
const sampleTexts = import.meta.glob<string>('../../resources/sample/*.{txt,md}', { query: '?raw', import: 'default', eager: true });

interface Expected {
  context?: NoiseContext;
  flagged: { kind: NoiseKind; text: string }[];
}

const slices = (text: string, ranges: NoiseRange[]): { kind: string; text: string }[] => ranges.map((r) => ({ kind: r.kind, text: text.slice(r.start, r.end) }));

/** Every non-blank line that no expected range contains: the story, which must stay unflagged. */
function storyLines(text: string, expected: Expected['flagged']): { start: number; end: number; line: string }[] {
  const covered: [number, number][] = [];
  let from = 0;
  for (const e of expected) {
    const at = text.indexOf(e.text, from);
    if (at < 0) throw new Error(`Expected slice not found in fixture: ${e.text}`);
    covered.push([at, at + e.text.length]);
    from = at + e.text.length;
  }
  const out: { start: number; end: number; line: string }[] = [];
  let pos = 0;
  for (const line of text.split('\n')) {
    const start = pos;
    pos += line.length + 1;
    if (line.trim() === '') continue;
    if (covered.some(([a, b]) => start >= a && start < b)) continue;
    out.push({ start, end: start + line.length, line });
  }
  return out;
}

function byName<T>(files: Record<string, T>, suffix: string): Map<string, T> {
  return new Map(Object.entries(files).map(([path, v]) => [path.slice(path.lastIndexOf('/') + 1, path.length - suffix.length), v]));
}

/** Ranges are sorted, disjoint, inside the text, non-empty, and start and end on line content. */
function assertWellFormed(text: string, ranges: NoiseRange[]): void {
  let previousEnd = -1;
  for (const r of ranges) {
    expect(NoiseKind.options).toContain(r.kind);
    expect(r.reason.length).toBeGreaterThan(0);
    expect(r.start).toBeGreaterThan(previousEnd);
    expect(r.end).toBeGreaterThan(r.start);
    expect(r.end).toBeLessThanOrEqual(text.length);
    const lineStart = text.lastIndexOf('\n', r.start - 1) + 1;
    const lineEnd = text.indexOf('\n', r.end) < 0 ? text.length : text.indexOf('\n', r.end);
    expect(text.slice(lineStart, r.start).trim()).toBe('');
    expect(text.slice(r.end, lineEnd).trim()).toBe('');
    previousEnd = r.end;
  }
}

describe('detectNoise on the fixtures', () => {
  const texts = byName(fixtureTexts, '.txt');
  const expectations = byName(fixtureExpectations, '.expected.json');

  it('has an expectation for every fixture', () => {
    expect([...texts.keys()].sort()).toEqual([...expectations.keys()].sort());
    expect(texts.size).toBeGreaterThanOrEqual(6);
  });

  for (const [name, expected] of expectations) {
    describe(name, () => {
      const text = texts.get(name)!;
      const ranges = detectNoise(text, expected.context);

      it('flags exactly the expected lines, with their kind', () => {
        expect(slices(text, ranges)).toEqual(expected.flagged);
        assertWellFormed(text, ranges);
      });

      it('leaves every story line unflagged', () => {
        for (const story of storyLines(text, expected.flagged)) {
          const hit = ranges.find((r) => r.start < story.end && r.end > story.start);
          expect(hit, `story line flagged: ${story.line}`).toBeUndefined();
        }
      });

      it('gives each range a human reason', () => {
        for (const r of ranges) expect(r.reason).toMatch(/^[a-z].{8,}/u);
      });

      it('finds the same lines in a CRLF copy', () => {
        const crlf = text.replace(/\n/gu, '\r\n');
        const crlfRanges = detectNoise(crlf, expected.context);
        expect(slices(crlf, crlfRanges).map((s) => ({ kind: s.kind, text: s.text.replace(/\r\n/gu, '\n') }))).toEqual(expected.flagged);
        for (const r of crlfRanges) expect(crlf.slice(r.start, r.end)).not.toMatch(/^\s|\s$/u);
      });
    });
  }

  it('names the reason an analyst needs: how often a line repeats, what kind of call it is', () => {
    const text = texts.get('ads')!;
    const reasons = detectNoise(text).map((r) => r.reason);
    expect(reasons).toContain('line repeated 2 times in this article');
    expect(reasons).toContain('repeats a paragraph that appears earlier in this article');
    expect(reasons).toContain('advertisement placeholder');
    const calls = detectNoise(texts.get('calls')!).map((r) => r.reason);
    expect(calls).toEqual(expect.arrayContaining(['share/follow buttons', 'subscribe/sign-up call', 'click-here link', 'outlet sign-off']));
  });

  it('does not judge filler in an article known to be in another language', () => {
    const text = texts.get('filler')!;
    expect(detectNoise(text, { language: 'de' }).filter((r) => r.kind === 'filler')).toEqual([]);
    expect(detectNoise(text, { language: 'en-GB' }).filter((r) => r.kind === 'filler').length).toBe(4);
  });

  it('keeps a paragraph naming the outlet when the outlet is not known (it may be a named source)', () => {
    const text = texts.get('filler')!;
    const flagged = slices(text, detectNoise(text)).map((s) => s.text);
    expect(flagged.some((t) => t.includes('Northern Tidings'))).toBe(false);
  });
});

describe('detectNoise with notebook-wide boilerplate', () => {
  const texts = byName(notebookTexts, '.txt');
  const context = countRecurringLines(texts.values());

  it('counts each line once per article, across the notebook', () => {
    expect(context.articleCount).toBe(6);
    expect(context.recurringLines.get(normaliseLine('The Meridian Courier is an independent newspaper funded by its readers.'))).toBe(3);
    expect(context.recurringLines.get(normaliseLine('Northern Tidings is published by Tidings Media Group in Vessmar.'))).toBe(2);
  });

  it("flags the outlet's recurring header and footer lines, with how many articles carry them", () => {
    const text = texts.get('courier-1')!;
    const ranges = detectNoise(text, context);
    expect(slices(text, ranges)).toEqual([
      { kind: 'boilerplate', text: 'Meridian Courier - Coastal edition' },
      {
        kind: 'boilerplate',
        text: 'Got a tip? Write to the newsroom through our secure form.\nThe Meridian Courier is an independent newspaper funded by its readers.',
      },
    ]);
    expect(ranges[0]!.reason).toBe('appears in 3 of 6 articles of this notebook');
  });

  it('keeps a wire sentence that several outlets carried inside their stories', () => {
    for (const name of ['courier-1', 'courier-3', 'tidings-1']) {
      const text = texts.get(name)!;
      const flagged = slices(text, detectNoise(text, context)).map((s) => s.text).join('\n');
      expect(text).toContain('Port officials welcomed the decision');
      expect(flagged).not.toContain('Port officials welcomed the decision');
    }
  });

  it('needs three articles and 30% of the notebook', () => {
    const tidings = texts.get('tidings-1')!;
    expect(detectNoise(tidings, context).filter((r) => r.kind === 'boilerplate')).toEqual([]);
    const courier = texts.get('courier-2')!;
    expect(detectNoise(courier, { ...context, articleCount: 20 }).filter((r) => r.kind === 'boilerplate')).toEqual([]);
    expect(detectNoise(courier, context).filter((r) => r.kind === 'boilerplate')).toHaveLength(2);
  });

  it('never flags a recurring line that quotes, attributes or gives a figure', () => {
    const lines = ['"We will build it," the mayor said.', 'The council voted 19 to 6 on the plan.', 'Prices rose sharply, according to the harbour office.'];
    const recurringLines = new Map(lines.map((l) => [normaliseLine(l), 10]));
    const text = ['Title of the story', '', ...lines].join('\n');
    expect(detectNoise(text, { recurringLines, articleCount: 10 })).toEqual([]);
  });
});

describe('detectNoise on the sample notebook', () => {
  const samples = byName(sampleTexts, '');
  const get = (prefix: string): string => {
    const entry = [...samples].find(([name]) => name.startsWith(prefix));
    if (!entry) throw new Error(`Sample ${prefix} is missing from resources/sample`);
    return entry[1];
  };
  const context = countRecurringLines([...samples].filter(([n]) => n !== 'README.md').map(([, t]) => t));

  it('flags the ads, menu, related links, share buttons, footer and repeated app promo of the Harbour Times page', () => {
    const text = get('03-');
    const flagged = slices(text, detectNoise(text, context));
    expect(flagged).toEqual([
      { kind: 'navigation', text: 'Home | News | Port | Business | Sport | Weather | Subscribe' },
      { kind: 'repeated', text: 'Get the Harbour Times app: news from the port, first.' },
      { kind: 'ad', text: 'ADVERTISEMENT\nSpring sale at Marių Baldai: up to 40% off garden furniture. Visit our showroom on Taikos Avenue.\nADVERTISEMENT' },
      { kind: 'ad', text: 'Subscribe for €1 for your first month and read every Harbour Times story without limits.' },
      { kind: 'navigation', text: 'Related news: Ferry timetable changes for Smiltynė from April 1\nRelated news: Port container volumes fell 3% in February' },
      { kind: 'repeated', text: 'Get the Harbour Times app: news from the port, first.' },
      { kind: 'navigation', text: 'Share on Facebook | Share on X | Share by email | Copy link' },
      { kind: 'repeated', text: 'Get the Harbour Times app: news from the port, first.' },
      { kind: 'boilerplate', text: '© 2026 Klaipėda Harbour Times. All rights reserved. Terms | Privacy | Cookie settings' },
    ]);
  });

  it("flags Coastline Daily's filler paragraphs and sign-off, and none of its reporting", () => {
    const text = get('02-');
    const flagged = slices(text, detectNoise(text, { ...context, outlet: 'Coastline Daily', language: 'en' }));
    expect(flagged.map((f) => f.kind)).toEqual(['filler', 'filler', 'filler', 'boilerplate']);
    expect(flagged[0]!.text).toMatch(/^In today's fast-moving world/u);
    expect(flagged[1]!.text).toMatch(/^As many observers have noted/u);
    expect(flagged[2]!.text).toMatch(/^Only time will tell/u);
    expect(flagged[3]!.text).toBe('Stay with Coastline Daily for more news from the coast and beyond.');
  });

  it('leaves every sentence with a number, a name or a quotation unflagged, in every sample', () => {
    for (const [name, text] of samples) {
      if (name === 'README.md') continue;
      const ranges = detectNoise(text, context);
      assertWellFormed(text, ranges);
      let pos = 0;
      for (const line of text.split('\n')) {
        const start = pos;
        pos += line.length + 1;
        const hit = ranges.some((r) => r.start < start + line.length && r.end > start);
        if (!hit) continue;
        // The only flagged lines with a figure or a quote are the ad and nav lines listed above.
        const allowed = /ADVERTISEMENT|Spring sale|Subscribe for €1|Related news:|© 2026/u.test(line);
        const evidence = /\d|["“”„]/u.test(line) || /\b(?:said|says|told)\b/u.test(line);
        expect(evidence && !allowed, `${name}: evidence flagged: ${line}`).toBe(false);
      }
    }
  });

  it('flags nothing in the wire original, the reconciliation, the press release or the Lithuanian article', () => {
    for (const prefix of ['01-', '04-', '05-', '06-', '07-', '08-']) expect(detectNoise(get(prefix), context)).toEqual([]);
  });
});

describe('normaliseLine and lineKeys', () => {
  it('folds case, spaces, digits and quote styles', () => {
    expect(normaliseLine('  © 2025   Meridian  COURIER ')).toBe(normaliseLine('© 2026 Meridian Courier'));
    expect(normaliseLine('“Quoted” — it’s here')).toBe('"quoted" - it\'s here');
    expect(normaliseLine('- Related: Item 12')).toBe('related: item 0');
  });

  it('returns distinct countable lines only (not blank, single-word or paragraph-length lines)', () => {
    const long = 'word '.repeat(80).trim() + '.';
    const keys = lineKeys('Share on Facebook\nShare on  facebook\n\nADVERTISEMENT\nok\n' + long + '\nThe footer line of the outlet.');
    expect(keys).toEqual(['share on facebook', 'the footer line of the outlet.']);
  });
});

describe('detectNoise precision guards', () => {
  it('keeps markdown table rows, slash-separated alternatives and a "Latest:" headline', () => {
    const text = [
      'Latest: harbour council delays breakwater vote',
      '',
      '| Name | Party | Region | Vote | Date |',
      '|---|---|---|---|---|',
      '| Ines Varga | Greens | North | Against | Today |',
      '',
      'Yes / No / Abstain',
      '',
      'News / World / Europe',
    ].join('\n');
    expect(slices(text, detectNoise(text))).toEqual([{ kind: 'navigation', text: 'News / World / Europe' }]);
  });

  it('flags only the label of an ad when paragraphs are not separated by blank lines', () => {
    const text = 'Title of the story\nFirst paragraph of the story.\nADVERTISEMENT\nThe council voted on the plan.\nThe mayor left early.';
    expect(slices(text, detectNoise(text))).toEqual([{ kind: 'ad', text: 'ADVERTISEMENT' }]);
    const between = 'Title of the story\nFirst paragraph.\nADVERTISEMENT\nThe council voted on the plan.\nADVERTISEMENT\nThe mayor left early.';
    expect(slices(between, detectNoise(between)).map((s) => s.text)).toEqual(['ADVERTISEMENT', 'ADVERTISEMENT']);
  });

  it('never takes story paragraphs between two ad labels for the ad', () => {
    const text = 'Title\n\nADVERTISEMENT\n\nThe council voted on the plan.\n\nThe mayor left early.\n\nADVERTISEMENT\n\nThe end of the story.';
    expect(slices(text, detectNoise(text))).toEqual([
      { kind: 'ad', text: 'ADVERTISEMENT' },
      { kind: 'ad', text: 'ADVERTISEMENT' },
    ]);
  });

  it('keeps a story subheading that starts like a related-news heading', () => {
    const text = 'Title\n\nMore from the minister\'s speech\n\nShe told the chamber the port was ready and the tender would open soon.';
    expect(detectNoise(text)).toEqual([]);
  });
});

describe('detectNoise invariants', () => {
  const pieces = [
    'ADVERTISEMENT',
    'Related news: Something happened',
    'Home | News | Sport | Weather',
    'Share on Facebook | Copy link',
    'The situation continues to develop and observers are watching closely.',
    'The council voted 19 to 6 on Tuesday, the mayor said.',
    '"We will not wait," said Ola Brenne.',
    'Latest news',
    'A short headline here',
    '',
    '   ',
    'Subscribe now for €1',
  ];

  it('returns sorted, disjoint ranges on whole lines for any text', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 60 })), { maxLength: 30 }), fc.constantFrom('\n', '\r\n', '\n\n'), (parts, sep) => {
        const text = parts.join(sep);
        assertWellFormed(text, detectNoise(text));
      }),
      { numRuns: 300 },
    );
  });

  it('never calls a paragraph filler when it carries a number, a quotation or a name', () => {
    const filler = ['The situation continues to develop', 'observers are watching closely', 'experts say it could have far-reaching consequences for the region', 'only time will tell'];
    const evidence = ['in 2027', 'by 12 percent', '"this is bad," one said', 'in Tallinn', 'on Monday', 'said Ola Brenne', 'two ferries', 'the EU'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...filler), { minLength: 1, maxLength: 4 }), fc.constantFrom(...evidence), fc.nat(), (parts, ev, at) => {
        const words = parts.join(' and ').split(' ');
        words.splice(1 + (at % words.length), 0, ev);
        const text = `Title\n\n${words.join(' ')}.`;
        expect(detectNoise(text).filter((r) => r.kind === 'filler')).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('never alters the text it is given', () => {
    const text = fixtureTexts[Object.keys(fixtureTexts)[0]!]!;
    const copy = String(text);
    detectNoise(text);
    expect(text).toBe(copy);
  });
});
