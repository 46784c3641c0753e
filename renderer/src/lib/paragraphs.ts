/**
 * Splits an article's text into paragraphs without copying offsets away: every paragraph keeps its
 * start/end in the full text, because noise ranges, highlights and claims are offsets into that text.
 */
export interface Paragraph {
  /** UTF-16 offset of the first character (inclusive). */
  start: number;
  /** UTF-16 offset after the last character (exclusive). */
  end: number;
}

// A blank line: a line break, then any run of lines holding only spaces/tabs, then a line break.
const BLANK_LINES = /\r?\n(?:[ \t]*\r?\n)+/g;

/** Paragraphs separated by blank lines; surrounding whitespace is trimmed, empty paragraphs dropped. */
export function splitParagraphs(text: string): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  let cursor = 0;
  const push = (from: number, to: number): void => {
    let start = from;
    let end = to;
    while (start < end && isSpace(text.charCodeAt(start))) start++;
    while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
    if (end > start) paragraphs.push({ start, end });
  };
  BLANK_LINES.lastIndex = 0;
  for (let match = BLANK_LINES.exec(text); match; match = BLANK_LINES.exec(text)) {
    push(cursor, match.index);
    cursor = match.index + match[0].length;
  }
  push(cursor, text.length);
  return paragraphs;
}

function isSpace(code: number): boolean {
  // space, tab, LF, CR, no-break space, BOM
  return code === 32 || code === 9 || code === 10 || code === 13 || code === 0xa0 || code === 0xfeff;
}

/** Lines of a paragraph's text, for rendering single line breaks as <br>. CR of CRLF is dropped. */
export function splitLines(text: string): string[] {
  return text.split(/\r?\n/);
}

/**
 * The lines of text[start, end) as offset ranges into the full text, line breaks (LF or CRLF)
 * excluded. The reader renders each non-empty line as its own span carrying these offsets, so a
 * DOM selection maps back to exact text offsets (the span's text is exactly text.slice(start, end)).
 */
export function lineRanges(text: string, start: number, end: number): Paragraph[] {
  const lines: Paragraph[] = [];
  let from = start;
  for (let i = start; i < end; i++) {
    if (text.charCodeAt(i) !== 10) continue;
    const to = i > from && text.charCodeAt(i - 1) === 13 ? i - 1 : i;
    lines.push({ start: from, end: to });
    from = i + 1;
  }
  lines.push({ start: from, end });
  return lines;
}

/**
 * Groups paragraphs into chunks so a very long article can be rendered a chunk at a time
 * (a chunk closes after `maxParagraphs` paragraphs or `maxChars` characters, whichever comes first).
 * Returns the index after the last paragraph of each chunk.
 */
export function chunkBoundaries(paragraphs: readonly Paragraph[], maxParagraphs = 200, maxChars = 40_000): number[] {
  const bounds: number[] = [];
  let count = 0;
  let chars = 0;
  paragraphs.forEach((p, index) => {
    count++;
    chars += p.end - p.start;
    if (count >= maxParagraphs || chars >= maxChars) {
      bounds.push(index + 1);
      count = 0;
      chars = 0;
    }
  });
  if (count > 0) bounds.push(paragraphs.length);
  return bounds;
}
