import { describe, expect, it } from 'vitest';
import { CITATION_CHAR, citation, doc, inlinePlainText, paragraph, parseBriefDoc, text, textblocks, wordCount, bulletList, MAX_DOC_DEPTH } from '../../../shared/brief/doc';

describe('brief document schema', () => {
  it('accepts editor documents with unknown nodes and attributes, refuses what is not a doc', () => {
    const d = { type: 'doc', content: [{ type: 'callout', attrs: { tone: 'info' }, content: [paragraph(text('x'))] }], extra: 1 };
    expect(parseBriefDoc(d)).toEqual(d);
    expect(() => parseBriefDoc({ type: 'paragraph' })).toThrow(/not a valid brief document at type/);
    expect(() => parseBriefDoc({ type: 'doc', content: [{ type: 5 }] })).toThrow(/at content\.0\.type/);
    expect(() => parseBriefDoc(null)).toThrow(/not a valid brief document/);
  });

  it('refuses documents nested deeper than the bound instead of walking them', () => {
    let node: Record<string, unknown> = { type: 'paragraph' };
    for (let i = 0; i < MAX_DOC_DEPTH + 5; i++) node = { type: 'blockquote', content: [node] };
    expect(() => parseBriefDoc({ type: 'doc', content: [node] })).toThrow(/nests deeper than/);
  });

  it('gives each textblock its plain text, a citation counting as one character', () => {
    const d = doc(paragraph(text('Ab'), citation('c1'), { type: 'hardBreak' }, text('c')), bulletList([text('item')]));
    expect(inlinePlainText(d.content![0]!)).toBe(`Ab${CITATION_CHAR}\nc`);
    expect(textblocks(d).map((b) => [b.blockIndex, b.path, b.text])).toEqual([
      [0, [0], `Ab${CITATION_CHAR}\nc`],
      [1, [1, 0, 0], 'item'],
    ]);
    expect(wordCount(d)).toBe(3);
    expect(wordCount(null)).toBe(0);
  });
});
