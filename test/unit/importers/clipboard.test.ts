import { describe, expect, it } from 'vitest';
import { DossierError } from '../../../shared/api/result';
import { MAX_PASTE_TITLE, parseClipboard } from '../../../electron/importers/clipboard';

function pasteError(content: Parameters<typeof parseClipboard>[0]): DossierError {
  try {
    parseClipboard(content);
  } catch (error) {
    expect(error).toBeInstanceOf(DossierError);
    return error as DossierError;
  }
  throw new Error('pasted without error');
}

const CHROME_COPY =
  "<meta charset='utf-8'><h1 style=\"font-family: Georgia\">Lagoon campaigners take “Second Berth” to court</h1>" +
  '<p style="margin: 0 0 1em"><span>By Lukas Adomaitis | Klaipėda Harbour Times</span></p>' +
  '<p>Curonian Lagoon Watch on Friday asked the court to suspend the dredging permit.</p>' +
  '<p>“Nobody is asking the court to decide energy policy,” said <a href="https://x.example/p">Eglė Rimkutė</a>.</p>' +
  '<ul><li>a new assessment</li><li>a public hearing</li></ul>' +
  '<script>alert("pasted")</script><img src="https://tracker.example/p.gif" onerror="steal()">';

describe('clipboard paste', () => {
  it('converts copied HTML with the page rules, paragraphs and lists kept, no markup or script left', () => {
    const doc = parseClipboard({ html: CHROME_COPY, text: 'ignored when the HTML has text' });
    expect(doc.mediaType).toBe('text/html');
    expect(doc.text).toBe(
      'Lagoon campaigners take “Second Berth” to court\n\n' +
        'By Lukas Adomaitis | Klaipėda Harbour Times\n\n' +
        'Curonian Lagoon Watch on Friday asked the court to suspend the dredging permit.\n\n' +
        '“Nobody is asking the court to decide energy policy,” said Eglė Rimkutė.\n\n' +
        '- a new assessment\n- a public hearing',
    );
    // The title is the first line; a byline line in the copied header is picked up.
    expect(doc).toMatchObject({ title: 'Lagoon campaigners take “Second Berth” to court', byline: 'Lukas Adomaitis', outlet: 'Klaipėda Harbour Times', noise: [] });
  });

  it('reads the Windows CF_HTML envelope: only the fragment, and the SourceURL as the URL', () => {
    const html =
      'Version:0.9\r\nStartHTML:0000000105\r\nEndHTML:0000000420\r\nStartFragment:0000000141\r\nEndFragment:0000000384\r\n' +
      'SourceURL:https://harbourtimes.example/port/2026/03/13/lagoon-campaigners-court\r\n' +
      '<html><body>\r\n<div>Menu outside the selection</div><!--StartFragment--><p>Selected paragraph about Klaipėda.</p><!--EndFragment-->\r\n</body></html>';
    const doc = parseClipboard({ html });
    expect(doc.text).toBe('Selected paragraph about Klaipėda.');
    expect(doc.url).toBe('https://harbourtimes.example/port/2026/03/13/lagoon-campaigners-court');
  });

  it('uses the given title', () => {
    expect(parseClipboard({ text: 'Some text\nmore', title: '  Notes from the   quay  ' }).title).toBe('Notes from the quay');
  });

  it('falls back to the plain text when the HTML has none (an image, an empty selection)', () => {
    const doc = parseClipboard({ html: '<img src="chart.png">', text: 'Chart: LNG imports 2025\r\nSource: ministry' });
    expect(doc).toMatchObject({ mediaType: 'text/plain', text: 'Chart: LNG imports 2025\nSource: ministry', title: 'Chart: LNG imports 2025' });
  });

  it('keeps plain text as pasted, apart from line endings', () => {
    const text = '\n  Seimas vote  \n\nThe Seimas voted 71 to 48.\r\nKasčiūnas   spoke.\n';
    expect(parseClipboard({ text })).toMatchObject({ text: '\n  Seimas vote  \n\nThe Seimas voted 71 to 48.\nKasčiūnas   spoke.\n', title: 'Seimas vote', mediaType: 'text/plain' });
  });

  it(`cuts a long first line to ${MAX_PASTE_TITLE} characters at a word`, () => {
    const line = 'The Seimas on Wednesday approved a plan to expand the liquefied natural gas terminal in the port of Klaipėda, clearing the way for a second floating storage unit.';
    const { title } = parseClipboard({ text: `${line}\nSecond line` });
    expect(title.length).toBeLessThanOrEqual(MAX_PASTE_TITLE);
    expect(title.endsWith('…')).toBe(true);
    expect(line.startsWith(title.slice(0, -1))).toBe(true);
    expect(title.at(-2)).not.toBe(' ');
  });

  it('says clearly when there is nothing to import', () => {
    for (const content of [{}, { text: '' }, { html: '', text: '   \n ' }, { html: '<p> </p><img src=x>' }]) {
      const error = pasteError(content);
      expect(error.code).toBe('invalid-input');
      expect(error.message).toBe('The clipboard holds no text to import');
    }
  });

  it('refuses copied HTML nested too deeply, with the page message', () => {
    expect(pasteError({ html: '<div>'.repeat(50_000) + 'x' }).message).toMatch(/^Pasted content: the page is nested too deeply to read \(over 2,000 levels\)$/);
  });
});
