import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { lineRanges, splitParagraphs } from './paragraphs';
import { pointToOffset, selectionToRange, trimRange, type NodeLike } from './selectionOffsets';

/**
 * Builds the reader's markup for `text` the way Reader.tsx does: a <p> per paragraph, a piece span
 * per line (data-start/data-end), <br> between lines, and noise spans wrapping pieces.
 */
function render(text: string, noise: Array<[number, number]> = []) {
  const { document } = parseHTML('<!doctype html><html><body><div id="root"></div></body></html>');
  const root = document.getElementById('root') as unknown as HTMLElement;
  for (const para of splitParagraphs(text)) {
    const p = document.createElement('p');
    // Segment the paragraph at noise boundaries, as segmentRange does.
    const cuts = new Set([para.start, para.end]);
    for (const [s, e] of noise) for (const c of [s, e]) if (c > para.start && c < para.end) cuts.add(c);
    const points = [...cuts].sort((a, b) => a - b);
    for (let i = 0; i + 1 < points.length; i++) {
      const from = points[i]!;
      const to = points[i + 1]!;
      const isNoise = noise.some(([s, e]) => s <= from && e >= to);
      const holder = isNoise ? document.createElement('span') : p;
      if (isNoise) {
        holder.setAttribute('class', 'noise');
        p.appendChild(holder);
      }
      lineRanges(text, from, to).forEach((line, index) => {
        if (index > 0) holder.appendChild(document.createElement('br'));
        if (line.end === line.start) return;
        const piece = document.createElement('span');
        piece.setAttribute('data-start', String(line.start));
        piece.setAttribute('data-end', String(line.end));
        piece.appendChild(document.createTextNode(text.slice(line.start, line.end)));
        holder.appendChild(piece);
      });
    }
    root.appendChild(p);
  }
  return { document, root: root as unknown as NodeLike };
}

/** The text node holding `needle` and the offset of `needle` inside it. */
function findText(root: NodeLike, needle: string): { node: NodeLike; offset: number } {
  const stack: NodeLike[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.nodeType === 3) {
      const data = (node as unknown as Text).data;
      const at = data.indexOf(needle);
      if (at >= 0) return { node, offset: at };
    }
    for (let i = node.childNodes.length - 1; i >= 0; i--) stack.push(node.childNodes[i]!);
  }
  throw new Error(`no text node holds ${needle}`);
}

const TEXT = [
  'Vilnius — Gitanas Nausėda met the delegation on Monday.',
  'The talks lasted three hours.',
  '',
  'ADVERTISEMENT: subscribe for €1 a month',
  '',
  'Laurynas Kasčiūnas said the plan was "ready to sign".',
].join('\r\n');

describe('pointToOffset', () => {
  it('maps a point inside a line to its offset in the full text, across CRLF lines and paragraphs', () => {
    const { root } = render(TEXT);
    for (const needle of ['Nausėda', 'three hours', 'Kasčiūnas', 'ready to sign']) {
      const { node, offset } = findText(root, needle);
      expect(pointToOffset(root, node, offset)).toBe(TEXT.indexOf(needle));
      expect(pointToOffset(root, node, offset + needle.length)).toBe(TEXT.indexOf(needle) + needle.length);
    }
  });

  it('maps points inside dimmed noise spans the same way', () => {
    const start = TEXT.indexOf('ADVERTISEMENT');
    const { root } = render(TEXT, [[start, start + 'ADVERTISEMENT: subscribe for €1 a month'.length]]);
    const { node, offset } = findText(root, 'subscribe');
    expect(pointToOffset(root, node, offset)).toBe(TEXT.indexOf('subscribe'));
  });

  it('maps element boundaries to the next piece, or the end of the last one', () => {
    const { root } = render(TEXT);
    const paragraphs = root.childNodes;
    const second = paragraphs[1]!;
    // Before the second paragraph's first child: where its text starts.
    expect(pointToOffset(root, second, 0)).toBe(TEXT.indexOf('ADVERTISEMENT'));
    // Between the first and second paragraph (root, 1): the start of the second.
    expect(pointToOffset(root, root, 1)).toBe(TEXT.indexOf('ADVERTISEMENT'));
    // After everything: the end of the last piece.
    expect(pointToOffset(root, root, paragraphs.length)).toBe(TEXT.length);
    // At a <br> inside the first paragraph: the start of the line after it.
    const first = paragraphs[0]!;
    expect(pointToOffset(root, first, 1)).toBe(TEXT.indexOf('The talks'));
  });

  it('returns null outside the root', () => {
    const { document, root } = render(TEXT);
    const stranger = document.createElement('div');
    stranger.appendChild(document.createTextNode('elsewhere'));
    expect(pointToOffset(root, stranger.firstChild as unknown as NodeLike, 2)).toBeNull();
  });
});

describe('selectionToRange', () => {
  it('orders anchor and focus, so a backwards selection gives the same range', () => {
    const { root } = render(TEXT);
    const a = findText(root, 'Gitanas');
    const b = findText(root, 'lasted');
    const forward = selectionToRange(root, a.node, a.offset, b.node, b.offset);
    const backward = selectionToRange(root, b.node, b.offset, a.node, a.offset);
    expect(forward).toEqual({ start: TEXT.indexOf('Gitanas'), end: TEXT.indexOf('lasted') });
    expect(backward).toEqual(forward);
    expect(TEXT.slice(forward!.start, forward!.end)).toBe('Gitanas Nausėda met the delegation on Monday.\r\nThe talks ');
  });

  it('is null for a collapsed selection or one leaving the root', () => {
    const { document, root } = render(TEXT);
    const a = findText(root, 'Monday');
    expect(selectionToRange(root, a.node, a.offset, a.node, a.offset)).toBeNull();
    const outside = document.createTextNode('x') as unknown as NodeLike;
    expect(selectionToRange(root, a.node, a.offset, outside, 0)).toBeNull();
    expect(selectionToRange(root, null, 0, a.node, 1)).toBeNull();
  });
});

describe('trimRange', () => {
  it('drops surrounding whitespace and line breaks, and empties a blank range', () => {
    const text = 'One.\r\n\r\n  Two three.  \r\nFour';
    expect(trimRange(text, { start: 4, end: 22 })).toEqual({ start: text.indexOf('Two'), end: text.indexOf('three.') + 6 });
    expect(trimRange(text, { start: 4, end: 10 })).toBeNull();
    expect(trimRange(text, { start: -3, end: 999 })).toEqual({ start: 0, end: text.length });
  });
});
