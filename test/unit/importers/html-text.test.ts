import { describe, expect, it } from 'vitest';
import { estimateTreeShape, parseDocument, stripInertMarkup, walkElements } from '../../../electron/importers/html-dom';
import { htmlToText } from '../../../electron/importers/html-text';

/** The text of a body fragment, as the importers convert it. */
function text(fragment: string): string {
  const document = parseDocument(`<!DOCTYPE html><html><head></head><body>${fragment}</body></html>`);
  return htmlToText(document.body!).trim();
}

describe('HTML to text', () => {
  it('gives block elements their own paragraphs and keeps inline runs together', () => {
    expect(text('<h1>Vote in the Seimas</h1><p>First <b>bold</b> and <i>italic</i>.</p><div>Second</div><p>Third</p>')).toBe(
      'Vote in the Seimas\n\nFirst bold and italic.\n\nSecond\n\nThird',
    );
    // Inline tags inside a word do not split it.
    expect(text('<p><b>Nau</b>sėda and Kas<span>čiū</span>nas</p>')).toBe('Nausėda and Kasčiūnas');
  });

  it('turns <br> into a line break, two of them into a paragraph break', () => {
    expect(text('<p>Line one<br>line two<br/><br>new paragraph</p>')).toBe('Line one\nline two\n\nnew paragraph');
  });

  it('collapses whitespace inside paragraphs, NBSP included, and drops soft hyphens', () => {
    expect(text('<p>  71&nbsp;votes\n   to\t48, Klai\u00adpėda  </p>')).toBe('71 votes to 48, Klaipėda');
  });

  it('decodes entities', () => {
    expect(text('<p>&ldquo;Second Berth&rdquo; &ndash; &euro;310m &amp; &#x17D;emaitytė &#171;ok&#187;</p>')).toBe('“Second Berth” – €310m & Žemaitytė «ok»');
  });

  it('writes list items as "- " lines, ordered ones numbered from their start, nested ones indented', () => {
    expect(text('<p>Demands:</p><ul><li>a new assessment</li><li>a public <b>hearing</b></li></ul><p>After</p>')).toBe(
      'Demands:\n\n- a new assessment\n- a public hearing\n\nAfter',
    );
    expect(text('<ol start="3"><li>third</li><li>fourth<ul><li>nested</li></ul></li><li value="9">ninth</li></ol>')).toBe(
      '3. third\n4. fourth\n  - nested\n9. ninth',
    );
    // Paragraphs inside an item stay lines of that item; an empty item leaves no marker.
    expect(text('<ul><li><p>one</p><p>more</p></li><li></li><li>two</li></ul>')).toBe('- one\nmore\n- two');
  });

  it('writes table rows as lines of " | " separated cells, the caption as its own paragraph', () => {
    expect(
      text('<table><caption>Costs</caption><tr><th>Item</th><th>€m</th></tr><tr><td><p>Jetty</p></td><td>262</td></tr><tr><td>Dredging<br>channel</td><td>31</td></tr></table><p>After</p>'),
    ).toBe('Costs\n\nItem | €m\nJetty | 262\nDredging channel | 31\n\nAfter');
  });

  it('keeps <pre> verbatim', () => {
    expect(text('<p>Before</p><pre>  71  for\n  48  against</pre><p>After</p>')).toBe('Before\n\n  71  for\n  48  against\n\nAfter');
    expect(text('<pre>a   b\n\n  c</pre>')).toBe('a   b\n\n  c');
  });

  it('leaves out scripts, styles, embedded objects, form controls, images and hidden elements', () => {
    const out = text(
      '<p>Story</p><script>steal(document.cookie)</script><style>p{color:red}</style><noscript>Enable JS</noscript>' +
        '<template>never shown</template><iframe>frame text</iframe><svg><title>logo</title></svg><object>obj</object>' +
        '<form><label>Email <input value="x"></label><button>Sign up</button><select><option>One</option></select><textarea>typed</textarea></form>' +
        '<img alt="alt text"><p hidden>hidden</p><div style="color:red; display: none">display none</div><p>End</p>',
    );
    expect(out).toBe('Story\n\nEmail\n\nEnd');
  });

  it('accepts a skip rule for extra elements', () => {
    const document = parseDocument('<body><nav>Home | News</nav><p>Story</p></body>');
    expect(htmlToText(document.body!, { skip: (el) => el.localName === 'nav' }).trim()).toBe('Story');
  });

  it('reads a tree deeper than the call stack allows for recursion', () => {
    const depth = 20_000;
    const document = parseDocument(`<body>${'<div>'.repeat(depth)}<p>deep text</p>${'</div>'.repeat(depth)}<p>after</p></body>`);
    expect(htmlToText(document.body!).trim()).toBe('deep text\n\nafter');
    let deepest = 0;
    walkElements(document.body!, (_el, ancestors) => {
      deepest = Math.max(deepest, ancestors.length);
    });
    expect(deepest).toBe(depth + 1);
  });

  it('copes with unclosed and stray tags', () => {
    // Unclosed <p>s close each other; the stray </ul> closes nothing, so "Three" is inside the last item.
    expect(text('<p>One<p>Two<li>item<li>item two</ul></span></div><p>Three')).toBe('One\n\nTwo\n- item\n- item two\nThree');
    expect(text('<div><span>unclosed <b>bold <i>and italic')).toBe('unclosed bold and italic');
  });
});

describe('markup pre-scan', () => {
  it('estimates depth as the parser builds it: void elements and implied closes do not nest', () => {
    expect(estimateTreeShape('<html><body><div><p>a<br><img src=x><p>b</div></body></html>', 100)).toEqual({ elements: 7, maxDepth: 4 });
    expect(estimateTreeShape('<ul>' + '<li>x'.repeat(5000) + '</ul>', 100).maxDepth).toBe(2);
    expect(estimateTreeShape('<p>x'.repeat(5000), 100).maxDepth).toBe(1);
    // Tags inside scripts and comments are text, not elements.
    expect(estimateTreeShape('<script>"<div><div><div>"</script><!-- <div><div> --><p>x</p>', 100)).toEqual({ elements: 2, maxDepth: 1 });
    // Self-closing syntax only counts inside SVG.
    expect(estimateTreeShape('<svg><path/><path/></svg><div/><div/><div/>', 100).maxDepth).toBe(3);
  });

  it('stops as soon as the limit is passed, in linear time', () => {
    const hostile = '<div>'.repeat(1_000_000);
    const started = performance.now();
    expect(estimateTreeShape(hostile, 2000).maxDepth).toBe(2001);
    expect(estimateTreeShape('<div><span>'.repeat(200_000), 10_000_000).maxDepth).toBe(400_000);
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it('strips scripts, styles, comments, SVG, templates, noscript and frames, but keeps JSON-LD', () => {
    const stripped = stripInertMarkup(
      '<p>a</p><script>x<div></script><SCRIPT type="text/javascript">y</SCRIPT><script type="application/ld+json">{"@type":"NewsArticle"}</script>' +
        '<style>p{}</style><!-- c --><svg><path/></svg><template><p>t</p></template><noscript><img></noscript><iframe src=x></iframe><p>b</p>',
    );
    expect(stripped).toBe('<p>a</p><script type="application/ld+json">{"@type":"NewsArticle"}</script><p>b</p>');
    // An unterminated script swallows the rest, as in a browser.
    expect(stripInertMarkup('<p>a</p><script>never closed <p>b</p>')).toBe('<p>a</p>');
  });
});
