import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inlineToText, markdownImporter, markdownToText, splitFrontMatter } from '../../../electron/importers/markdown';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'import');
const parseFixture = (name: string) =>
  markdownImporter.parse({ fileName: name, bytes: new Uint8Array(readFileSync(join(FIXTURES, name))) });
const encode = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('markdown importer', () => {
  it('takes metadata from front matter over the heading, and converts the body to readable text', () => {
    const doc = parseFixture('lagoon-notes.md');
    expect(doc).toMatchObject({
      title: 'Lagoon Watch: notes from the ferry terminal',
      outlet: 'Marių Balsas',
      byline: 'Gintarė Šimkūnaitė, Ąžuolas Nausėdas',
      publishedAt: '2026-03-14',
      url: 'https://mariubalsas.example/notes/ferry-terminal',
      language: 'lt',
      mediaType: 'text/markdown',
      noise: [],
    });
    expect(doc.text).toBe(
      [
        'A different heading that front matter overrides',
        '',
        'Campaigners from Curonian Lagoon Watch met at the ferry terminal in Klaipėda on Saturday. They handed out leaflets.',
        '',
        'What they asked for',
        '',
        '- a new environmental assessment',
        '- public meetings in Smiltynė and Klaipėda',
        '1. first numbered point',
        '2. second numbered point',
        '',
        'Read the full statement or see a photo of the banner.',
        '',
        'code_block_kept *as is* [not a link](x)',
        '',
        'A quoted line with inline *code* and an escaped *star*.',
        '',
        'Prices: 2 * 3 = 6, and snake_case_name stays.',
      ].join('\n'),
    );
    expect(doc.text).not.toContain('---');
  });

  it('without front matter: the # heading is the title, and byline/date lines are read from the text', () => {
    const doc = parseFixture('heading-only-meta.md');
    expect(doc).toMatchObject({
      title: 'Ferry timetable changes for Smiltynė',
      byline: 'Kęstutis Žukauskas',
      outlet: 'Harbour Times',
      publishedAt: '2026-04-03',
    });
    expect(doc.text).toContain('Ferries to Smiltynė will run every 30 minutes from 1 April.\nA second line after a hard break.');
  });

  it('refuses a file with front matter and nothing else', () => {
    expect(() => markdownImporter.parse({ fileName: 'meta-only.md', bytes: encode('---\ntitle: x\n---\n\n') })).toThrow(
      /^meta-only\.md: the file has no readable text/,
    );
  });

  it('falls back to the first line of text, then the file name, for a title', () => {
    expect(markdownImporter.parse({ fileName: 'n.md', bytes: encode('Just a *line* of text.\n') }).title).toBe('Just a line of text.');
  });
});

describe('splitFrontMatter', () => {
  it('reads scalars, quoted values, inline and block lists, and ignores comments', () => {
    const split = splitFrontMatter(
      "---\ntitle: 'It''s a title'\nquoted: \"a \\\"b\\\"\"\ntags: [one, 'two']\n# comment\nauthors:\n  - A\n  - B\nplain: value # trailing\n---\nBody\n",
    );
    expect(split).toEqual({
      data: { title: "It's a title", quoted: 'a "b"', tags: ['one', 'two'], authors: ['A', 'B'], plain: 'value' },
      body: 'Body\n',
    });
  });

  it('needs the block at the very start', () => {
    expect(splitFrontMatter('Intro\n---\ntitle: x\n---\n')).toBeNull();
  });
});

describe('markdownToText', () => {
  it('keeps fenced code verbatim, including blank lines and markup characters', () => {
    const { text } = markdownToText('Before\n\n~~~js\nconst a = **1**;\n\n// _x_\n~~~\nAfter');
    expect(text).toBe('Before\n\nconst a = **1**;\n\n// _x_\n\nAfter');
  });

  it('turns setext headings, rules, tables and nested lists into plain text', () => {
    const { text, headings } = markdownToText(
      'Title\n=====\n\nSub\n---\n\n***\n\n| A | B |\n|---|:-:|\n| 1 | **2** |\n\n- top\n  - nested\n    - deeper\n- back\n',
    );
    expect(text).toBe('Title\n\nSub\n\nA | B\n1 | 2\n\n- top\n  - nested\n    - deeper\n- back');
    expect(headings).toEqual([
      { level: 1, text: 'Title' },
      { level: 2, text: 'Sub' },
    ]);
  });

  it('drops link reference definitions and HTML comments, keeps autolinks', () => {
    const { text } = markdownToText('See [the report][r] and <https://x.example/a_b>.\n\n<!-- hidden\nnote -->\n[r]: https://x.example/report\n');
    expect(text).toBe('See the report and https://x.example/a_b.');
  });
});

describe('inlineToText', () => {
  it.each([
    ['**bold** and __strong__', 'bold and strong'],
    ['*em* and _em_ and ***both***', 'em and em and both'],
    ['~~gone~~ not gone', 'gone not gone'],
    ['[text](https://x.example/a_(b) "t")', 'text'],
    ['`a*b*c` then *d*', 'a*b*c then d'],
    ['2 * 3 * 4 and file_name_here', '2 * 3 * 4 and file_name_here'],
    ['&amp; &euro;5 &#8212; &#x2014;', '& €5 — —'],
    ['Kasčiūnas **Nausėda** _Klaipėda_', 'Kasčiūnas Nausėda Klaipėda'],
    ['line<br>break <span class="x">inline</span>', 'line\nbreak inline'],
  ])('%j → %j', (input, expected) => {
    expect(inlineToText(input)).toBe(expected);
  });
});
