import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DossierError } from '../../../shared/api/result';
import { MAX_HTML_DEPTH, htmlImporter, parseHtmlMarkup } from '../../../electron/importers/html';
import { decodeHtmlBytes, sniffDeclaredCharset } from '../../../electron/importers/html-decode';
import { stripSiteName } from '../../../electron/importers/html-metadata';
import { findImporter, parseFile } from '../../../electron/importers/registry';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'import', 'html');
const read = (name: string): Uint8Array => new Uint8Array(readFileSync(join(FIXTURES, name)));
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

function parseError(fileName: string, bytes: Uint8Array): DossierError {
  try {
    htmlImporter.parse({ fileName, bytes });
  } catch (error) {
    expect(error).toBeInstanceOf(DossierError);
    return error as DossierError;
  }
  throw new Error(`${fileName} parsed without error`);
}

/** Asserts the paragraphs appear in the text in this order. */
function expectInOrder(text: string, parts: string[]): void {
  let at = -1;
  for (const part of parts) {
    const found = text.indexOf(part, at + 1);
    expect(found, `"${part}" after position ${at}`).toBeGreaterThan(at);
    at = found;
  }
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('HTML importer: a news page saved from a browser', () => {
  const parse = () => parseHtmlMarkup('harbour-times-lagoon-suit.html', decodeHtmlBytes('x', read('harbour-times-lagoon-suit.html')).html);

  it('reads the metadata from JSON-LD (@graph, @id references), Open Graph and the head', () => {
    const doc = htmlImporter.parse({ fileName: 'harbour-times-lagoon-suit.html', bytes: read('harbour-times-lagoon-suit.html') });
    expect(doc).toMatchObject({
      title: 'Lagoon campaigners take “Second Berth” dredging plan to court',
      outlet: 'Klaipėda Harbour Times',
      byline: 'Lukas Adomaitis, Eglė Vaitkutė',
      publishedAt: '2026-03-13T09:05:00+02:00',
      url: 'https://harbourtimes.example/port/2026/03/13/lagoon-campaigners-court',
      language: 'en',
      mediaType: 'text/html',
      noise: [],
    });
  });

  it('keeps the story paragraphs in order, as text with blank lines between them, diacritics intact', () => {
    const { text, extraction } = parse();
    expect(extraction).toBe('readability');
    expectInOrder(text, [
      'Curonian Lagoon Watch, the coalition of conservation groups that has opposed the expansion of Klaipėda’s LNG terminal',
      'The request, filed two days after the Seimas approved the expansion by 71 votes to 48,',
      '“Nobody is asking the court to decide energy policy.',
      'said Eglė Rimkutė, the coalition’s spokesperson, outside the courthouse on Taikos Avenue.',
      'The filing names the Klaipėda State Seaport Authority',
      'What the campaigners want',
      '- a new environmental impact assessment covering the approach channel;',
      '- an independent review of the ministry’s demand forecast.',
      'Giedrius Stankūnas, director of the port authority,',
      'would go ahead.\n“We have followed every step the law requires,” he said.',
      'Councillor Žydrūnas Nausėdaitis, who voted for the rezoning',
      'Jetty and storage unit | €262m\nDredging | €31m\nPipeline link | €17m',
      'The court has 14 days to decide',
      '“Second Berth is a matter of national security,',
      'Energy Minister Dovilė Žemaitytė has said construction should begin in early 2027.',
    ]);
    expect(text).toContain('\n\nThe request, filed two days after');
    expect(text).not.toMatch(/\n{3}/);
    expect(text).not.toMatch(/[ \t]\n|\u00a0/);
  });

  it('drops the page chrome: navigation, cookie banner, share bars, sidebar, footer, forms', () => {
    const { text } = parse();
    for (const chrome of [
      'We use cookies',
      'Accept all',
      'Subscribe for €1',
      'Search the Harbour Times',
      'Most read',
      'All rights reserved',
      'Privacy policy',
      'Share on Facebook',
      'Sign up for the morning briefing',
      'Template text that is never shown',
      'X logo',
    ]) {
      expect(text).not.toContain(chrome);
    }
  });

  it('leaves ad and promo lines inside the story body in the text, for noise detection to flag', () => {
    const { text } = parse();
    expect(text).toContain('\n\nADVERTISEMENT\n\n');
    expect(text).toContain('Get the Harbour Times app: news from the port, first.');
  });

  it('is inert: no script runs, nothing is fetched, no markup or code reaches the text', () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const { text } = parse();
    expect(fetchSpy).not.toHaveBeenCalled();
    expect((globalThis as Record<string, unknown>).__harbourTimesPwned).toBeUndefined();
    expect(text).not.toMatch(/<\/?[a-z][^>]*>/i);
    for (const code of ['document.cookie', 'child_process', 'onerror', 'onload', 'alert(', 'fetch(', 'phish.example', 'tracker.example']) {
      expect(text).not.toContain(code);
    }
  });

  it('is chosen by the registry for .html, .htm and .xhtml, case-insensitively', async () => {
    expect(findImporter('page.HTML')?.id).toBe('html');
    expect(findImporter('C:\\Saved\\page.htm')?.id).toBe('html');
    expect(findImporter('page.xhtml')?.id).toBe('html');
    const doc = await parseFile({ fileName: 'saved/Story.HTM', bytes: read('harbour-times-lagoon-suit.html') });
    expect(doc.title).toBe('Lagoon campaigners take “Second Berth” dredging plan to court');
  });
});

describe('HTML importer: legacy encodings and odd pages', () => {
  it('reads a windows-1257 page by its http-equiv declaration: Lithuanian names and „quotes“ intact', () => {
    const bytes = read('uosto-zinios-windows-1257.html');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow(); // really not UTF-8
    const doc = htmlImporter.parse({ fileName: 'uosto-zinios-windows-1257.html', bytes });
    expect(doc).toMatchObject({
      title: 'Marių gynėjai kreipėsi į teismą dėl „Antrosios prieplaukos“',
      outlet: 'Uosto žinios', // the " | Site" suffix of <title>
      byline: 'Rūta Kasčiūnienė',
      publishedAt: '2026-03-13',
      url: null,
      language: 'lt',
    });
    expectInOrder(doc.text, [
      'Koalicija „Kuršių marių sargyba“ penktadienį paprašė',
      'Seimas 71 balsu prieš 48 pritarė terminalo plėtrai.',
      '– sakė koalicijos atstovė Eglė Rimkutė.',
      'Klaipėdos miesto tarybos narys Žydrūnas Nausėdaitis sakė',
      'Energetikos ministrė Dovilė Žemaitytė',
    ]);
    expect(doc.text).not.toMatch(/[\u0080-\u009f\ufffd]|Ã|Ä|Å/);
    expect(doc.text).not.toContain('Pradžia'); // the menu table
  });

  it('reads a short ISO-8859-13 notice; its headline comes from the page when there is no metadata', () => {
    const doc = htmlImporter.parse({ fileName: 'port-notice-short.htm', bytes: read('port-notice-short.htm') });
    expect(doc.title).toBe('Notice to mariners No. 14/2026');
    expect(doc.text).toContain('Survey vessels will work in the approach channel\nfrom 4 to 15 May 2026, 07:00-19:00.');
    expect(doc.text).toContain('- Contact VTS Klaipėda on channel 9 before passing.');
    expect(doc.text).toContain('Issued by G. Stankūnas, director.');
    expect(doc.text).not.toContain('Notices'); // the <nav>
  });

  it('honours the charset declared in <meta>, but a BOM or valid UTF-8 wins over it', () => {
    // windows-1252 bytes: “Café” – with curly quotes (0x93/0x94), é (0xE9) and an en dash (0x96)
    const body = [0x93, 0x43, 0x61, 0x66, 0xe9, 0x94, 0x20, 0x96, 0x20, 0x6f, 0x6b];
    const page = (head: string, bytes: number[]) => new Uint8Array([...utf8(`<html><head>${head}</head><body><p>`), ...bytes, ...utf8('</p></body></html>')]);
    const decoded = decodeHtmlBytes('a.html', page('<meta charset="windows-1252">', body));
    expect(decoded).toMatchObject({ encoding: 'windows-1252', source: 'meta' });
    expect(decoded.html).toContain('<p>“Café” – ok</p>');
    // The same bytes declared as latin1 (which browsers read as windows-1252) via http-equiv, single quotes.
    expect(decodeHtmlBytes('a.html', page(`<meta http-equiv='Content-Type' content='text/html; charset=ISO-8859-1'>`, body)).html).toContain('“Café” – ok');
    // A transport charset (an MHTML part header) outranks the page's own declaration.
    expect(decodeHtmlBytes('a.html', page('<meta charset="utf-8">', [0xc8, 0xe0]), 'windows-1257')).toMatchObject({ html: expect.stringContaining('<p>Čą</p>'), source: 'transport' });
    // A stale legacy declaration on a page re-saved as UTF-8.
    expect(decodeHtmlBytes('a.html', utf8('<meta charset="windows-1257"><p>Nausėda</p>'))).toMatchObject({ encoding: 'utf-8', html: expect.stringContaining('Nausėda') });
    // A UTF-8 BOM.
    expect(decodeHtmlBytes('a.html', new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('<meta charset="windows-1252"><p>Kasčiūnas</p>')]))).toMatchObject({ source: 'bom', html: '<meta charset="windows-1252"><p>Kasčiūnas</p>' });
    // UTF-16 with a BOM.
    const utf16 = new Uint8Array([0xff, 0xfe, ...Array.from('<p>Žemaitytė</p>').flatMap((c) => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8])]);
    expect(decodeHtmlBytes('a.html', utf16).html).toBe('<p>Žemaitytė</p>');
  });

  it('finds the declared charset only in real meta tags', () => {
    expect(sniffDeclaredCharset(utf8('<!-- <meta charset="koi8-r"> --><meta charset=windows-1257>'))).toBe('windows-1257');
    expect(sniffDeclaredCharset(utf8('<meta content="text/html; charset=iso-8859-13" http-equiv="content-type">'))).toBe('iso-8859-13');
    expect(sniffDeclaredCharset(utf8('<p>charset=x</p>'))).toBeNull();
  });

  it('without a declaration, falls back to the legacy guess for bytes that are not UTF-8', () => {
    const bytes = new Uint8Array([...utf8('<p>Caf'), 0xe9, ...utf8(' Hafen</p>')]);
    expect(htmlImporter.parse({ fileName: 'old.html', bytes }).text).toBe('Café Hafen');
  });

  it('reads the whole body when Readability finds no article (a short page), minus the page chrome', () => {
    const html = '<html><body><header>Site header</header><nav>Home | News</nav><h1>Ferry timetable</h1><p>Ferries run every 30 minutes.</p><footer>© Site</footer></body></html>';
    const result = parseHtmlMarkup('short.html', html);
    expect(result.extraction).toBe('body');
    expect(result.text).toBe('Ferry timetable\n\nFerries run every 30 minutes.');
    expect(result.title).toBe('Ferry timetable');
  });

  it('reads pages missing <html>, <head> or <body>, and content after a premature </body>', () => {
    expect(parseHtmlMarkup('a.html', '<title>Old page</title><p>First.</p><p>Second.</p>')).toMatchObject({ title: 'Old page', text: 'First.\n\nSecond.' });
    expect(parseHtmlMarkup('b.html', '<html><body><p>Inside.</p></body><p>After the body.</p></html>').text).toBe('Inside.\n\nAfter the body.');
  });
});

describe('HTML importer: metadata conventions', () => {
  const meta = (head: string, body = '<p>Body text of the story.</p>', attrs = '') => parseHtmlMarkup('m.html', `<html${attrs}><head>${head}</head><body>${body}</body></html>`);

  it('JSON-LD: an array of blocks, @type lists, string authors, nested publisher; broken blocks are skipped', () => {
    const result = meta(`
      <script type="application/ld+json">{ this is not json </script>
      <script type="application/ld+json">[{"@type":"BreadcrumbList"},{"@type":["Article","ReportageNewsArticle"],"headline":"Seimas backs Second Berth",
        "author":["Marius Kairys",{"@type":"Person","name":"Ieva Baranauskė"}],"publisher":{"@type":"NewsMediaOrganization","name":"Nordic Energy Wire"},
        "datePublished":"2026-03-11T16:40:00+02:00","mainEntityOfPage":{"@type":"WebPage","@id":"https://nordicenergywire.example/2026/03/11/vote"},"inLanguage":"lt-LT"}]</script>`);
    expect(result).toMatchObject({
      title: 'Seimas backs Second Berth',
      byline: 'Marius Kairys, Ieva Baranauskė',
      outlet: 'Nordic Energy Wire',
      publishedAt: '2026-03-11T16:40:00+02:00',
      url: 'https://nordicenergywire.example/2026/03/11/vote',
      language: 'lt',
    });
  });

  it('JSON-LD with raw newlines inside strings (a common CMS bug) still parses', () => {
    const result = meta('<script type="application/ld+json">{"@type":"NewsArticle","headline":"Line one\nline two","author":{"name":"Rūta Mockutė"}}</script>');
    expect(result.title).toBe('Line one line two');
    expect(result.byline).toBe('Rūta Mockutė');
  });

  it('Highwire, Dublin Core and Parse.ly meta; a profile URL is not a byline', () => {
    expect(
      meta('<meta name="citation_title" content="Dredging and spawning grounds"><meta name="citation_author" content="Eglė Rimkutė"><meta name="citation_author" content="Tomas Jankūnas"><meta name="citation_publication_date" content="2026/03/12"><meta name="citation_journal_title" content="Baltic Coastal Studies">'),
    ).toMatchObject({ title: 'Dredging and spawning grounds', byline: 'Eglė Rimkutė, Tomas Jankūnas', publishedAt: '2026-03-12', outlet: 'Baltic Coastal Studies' });
    expect(meta('<meta name="DC.title" content="DC title"><meta name="DC.creator" content="By Jonas Petraitis"><meta name="DC.date" content="2026-03-10">')).toMatchObject({
      title: 'DC title',
      byline: 'Jonas Petraitis',
      publishedAt: '2026-03-10',
    });
    expect(meta('<meta name="parsely-title" content="P title"><meta name="parsely-author" content="Lina Petrauskienė"><meta name="parsely-pub-date" content="2026-03-09T10:00:00Z">')).toMatchObject({
      title: 'P title',
      byline: 'Lina Petrauskienė',
      publishedAt: '2026-03-09T10:00:00Z',
    });
    expect(meta('<meta property="article:author" content="https://social.example/harbourtimes"><title>T</title>').byline).toBeNull();
  });

  it('byline and date from the page itself when the head has none', () => {
    const result = meta('<title>Story</title>', '<article><p class="byline">By <a rel="author" href="/a/k">Marius Kairys</a></p><time datetime="2026-03-11">11 March</time><p>Body text.</p></article>');
    expect(result.byline).toBe('Marius Kairys');
    expect(result.publishedAt).toBe('2026-03-11');
  });

  it('URL: canonical first, relative ones resolved against og:url; only http(s)', () => {
    expect(meta('<link rel="canonical" href="/news/1"><meta property="og:url" content="https://site.example/x?utm=1">').url).toBe('https://site.example/news/1');
    expect(meta('<link rel="canonical" href="javascript:alert(1)">').url).toBeNull();
    expect(meta('<meta property="og:url" content="https://site.example/og">').url).toBe('https://site.example/og');
  });

  it('language from <html lang>, else from the text', () => {
    expect(meta('', '<p>x</p>', ' lang="lt-LT"').language).toBe('lt');
    const english = '<p>' + 'The council said that it was ready and that the plan would be put to the vote in the port of the city. '.repeat(3) + '</p>';
    expect(meta('', english).language).toBe('en');
  });

  it('strips a site name from <title> only when it is clearly one', () => {
    expect(stripSiteName('Seimas approves terminal | Nordic Energy Wire', [])).toEqual({ title: 'Seimas approves terminal', site: 'Nordic Energy Wire' });
    expect(stripSiteName('Seimas approves terminal - Nordic Energy Wire', ['Nordic Energy Wire'])).toEqual({ title: 'Seimas approves terminal', site: 'Nordic Energy Wire' });
    expect(stripSiteName('Uosto žinios – Marių gynėjai kreipėsi į teismą', ['Uosto zinios'])).toEqual({ title: 'Marių gynėjai kreipėsi į teismą', site: 'Uosto žinios' });
    // A dash inside a headline, with no known site name, stays.
    expect(stripSiteName('Vilnius pushes plan - critics object', []).title).toBe('Vilnius pushes plan - critics object');
    // A long tail is part of the headline.
    expect(stripSiteName('Vote | what the five hours of debate in the Seimas were really about', []).site).toBeNull();
  });
});

describe('HTML importer: bad input', () => {
  it('refuses an empty file, a binary file renamed .html and a page with no text, naming the file', () => {
    expect(parseError('empty.html', new Uint8Array()).message).toBe('empty.html: the file is empty');
    expect(parseError('scan.html', new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37, 0x0a, 0x00, 0x01]))).toMatchObject({
      code: 'unreadable',
      message: 'scan.html: this looks like a PDF file, not text',
    });
    expect(parseError('blank.html', utf8('<html><head><script>alert(1)</script></head><body><img src="x.png"></body></html>')).message).toBe(
      'blank.html: the page has no readable text (only markup, scripts or images)',
    );
  });

  it('refuses 100,000 nested <div>s at once with a clear message instead of stalling', () => {
    const started = performance.now();
    const error = parseError('deep.html', utf8(`<html><body>${'<div>'.repeat(100_000)}text${'</div>'.repeat(100_000)}</body></html>`));
    expect(error.message).toBe(`deep.html: the page is nested too deeply to read (over ${MAX_HTML_DEPTH.toLocaleString('en')} levels)`);
    expect(error.code).toBe('unreadable');
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('reads a page nested deeper than Readability is given (1,500 levels) through the body walk', () => {
    const result = parseHtmlMarkup('nested.html', `<html><body>${'<div>'.repeat(1500)}<p>Deep paragraph.</p>${'</div>'.repeat(1500)}</body></html>`);
    expect(result).toMatchObject({ extraction: 'body', text: 'Deep paragraph.' });
  });

  it('reads malformed markup: thousands of unclosed <p>, <li> and inline tags, stray end tags', () => {
    const html = `<html><body><h1>Minutes</h1>${Array.from({ length: 3000 }, (_, i) => `<p>Item ${i} <b>bold <i>italic`).join('')}</span></div></table><ul><li>one<li>two</body>`;
    const result = parseHtmlMarkup('malformed.html', html);
    expect(result.text).toContain('Item 0 bold italic');
    expect(result.text).toContain('Item 2999 bold italic');
    expect(result.text).toContain('- two');
  });

  it('reads a 20 MB page without crashing or stalling', { timeout: 120_000 }, () => {
    const paragraph = '<p>The Seimas voted on the terminal expansion in Klaipėda after a debate that ran for five hours. </p>\n';
    const html = `<html><head><title>Long record</title></head><body><article>${paragraph.repeat(Math.ceil(20e6 / paragraph.length))}</article></body></html>`;
    const bytes = utf8(html);
    expect(bytes.length).toBeGreaterThan(20e6);
    const doc = htmlImporter.parse({ fileName: 'long.html', bytes });
    expect(doc.title).toBe('Long record');
    expect(doc.text.startsWith('The Seimas voted')).toBe(true);
    expect(doc.text.split('\n\n').length).toBe(Math.ceil(20e6 / paragraph.length));
  });
});
