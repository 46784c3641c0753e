/**
 * The reader: an article's text as React text nodes only (imported content stays inert: no HTML is
 * ever interpreted). Paragraphs keep their offsets into the text, so noise ranges (and later
 * highlights) map onto them. Long articles render a chunk of paragraphs per tick.
 */
import { forwardRef, memo, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Article, ArticleSummary } from '../../../shared/model/schemas';
import { approxWords, formatDate } from '../lib/format';
import { describeNoise, normalizeNoise, segmentRange, type NoiseSpan } from '../lib/noise';
import { chunkBoundaries, splitLines, splitParagraphs, type Paragraph } from '../lib/paragraphs';

interface Props {
  /** The selected article's summary (shown at once while its text loads). */
  summary: ArticleSummary | null;
  /** The loaded article; ignored when it is not the selected one. */
  article: Article | null;
  loading: boolean;
  hideNoise: boolean;
  onHideNoiseChange(hide: boolean): void;
  onEscape(): void;
  onCopy(text: string, what: string): void;
  /** What to show when nothing is selected. */
  empty: ReactNode;
}

export const Reader = forwardRef<HTMLElement, Props>(function Reader(
  { summary, article, loading, hideNoise, onHideNoiseChange, onEscape, onCopy, empty },
  ref,
) {
  const current = article && summary && article.id === summary.id ? article : null;
  const head = current ?? summary;
  return (
    <main
      ref={ref}
      aria-label="Reader"
      className="pane reader"
      data-pane="reader"
      tabIndex={0}
      aria-busy={loading && !current}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && !event.defaultPrevented) {
          event.preventDefault();
          onEscape();
        }
      }}
    >
      {!head ? (
        <div className="empty-state">{empty}</div>
      ) : (
        <article className="reader-article" lang={head.language ?? undefined}>
          <header className="reader-head">
            <h1>{head.title || 'Untitled'}</h1>
            <p className="reader-meta">
              {[head.outlet, head.byline ? `By ${head.byline.replace(/^by\s+/i, '')}` : null, formatDate(head.publishedAt)]
                .filter((part): part is string => Boolean(part))
                .join(' · ') || 'No outlet, byline or date recorded'}
              {current ? <span className="reader-length"> · {approxWords(current.text.length)}</span> : null}
            </p>
            {head.url ? (
              <p className="reader-url">
                <span className="url-text" title="The article's original address (not opened from here)">
                  {head.url}
                </span>
                <button type="button" className="button small" onClick={() => onCopy(head.url ?? '', 'URL')} title="Copy the URL">
                  Copy URL
                </button>
              </p>
            ) : null}
            {current && current.noise.length > 0 ? (
              <label className="reader-toggle" title="Ads, boilerplate and other noise are dimmed; hide them to read without">
                <input type="checkbox" checked={hideNoise} onChange={(event) => onHideNoiseChange(event.target.checked)} /> Hide noise
                <span className="muted"> ({current.noise.length} {current.noise.length === 1 ? 'range' : 'ranges'})</span>
              </label>
            ) : null}
          </header>
          {current ? (
            <ArticleBody key={current.id} article={current} hideNoise={hideNoise} />
          ) : (
            <p className="muted reader-loading">{loading ? 'Loading the text…' : ''}</p>
          )}
        </article>
      )}
    </main>
  );
});

function ArticleBody({ article, hideNoise }: { article: Article; hideNoise: boolean }) {
  const paragraphs = useMemo(() => splitParagraphs(article.text), [article.text]);
  const spans = useMemo(() => normalizeNoise(article.noise, article.text.length), [article.noise, article.text.length]);
  const bounds = useMemo(() => chunkBoundaries(paragraphs), [paragraphs]);
  const [chunks, setChunks] = useState(1);

  // Render the first chunk at once, then one more per macrotask: the window stays responsive and
  // the top of a 100,000-word article shows immediately.
  useEffect(() => {
    if (chunks >= bounds.length) return;
    const timer = setTimeout(() => setChunks((c) => c + 1), 0);
    return () => clearTimeout(timer);
  }, [chunks, bounds.length]);

  const shown = bounds[Math.min(chunks, bounds.length) - 1] ?? 0;
  if (paragraphs.length === 0) return <p className="muted">This article has no text.</p>;
  return (
    <div className={hideNoise ? 'reader-body hide-noise' : 'reader-body'}>
      {paragraphs.slice(0, shown).map((p) => (
        <ParagraphView key={p.start} text={article.text} paragraph={p} spans={spans} />
      ))}
      {shown < paragraphs.length ? <p className="muted reader-loading">Loading the rest of the text…</p> : null}
    </div>
  );
}

const ParagraphView = memo(function ParagraphView({
  text,
  paragraph,
  spans,
}: {
  text: string;
  paragraph: Paragraph;
  spans: readonly NoiseSpan[];
}) {
  const segments = segmentRange(paragraph.start, paragraph.end, spans);
  const allNoise = segments.length > 0 && segments.every((s) => s.noise !== null);
  return (
    <p className={allNoise ? 'para para-noise' : 'para'} data-start={paragraph.start} data-end={paragraph.end}>
      {segments.map((segment) => {
        const content = withLineBreaks(text.slice(segment.start, segment.end), segment.start);
        if (!segment.noise) return <span key={segment.start}>{content}</span>;
        return (
          <span
            key={segment.start}
            className={`noise noise-${segment.noise.kinds[0] ?? 'manual'}`}
            title={describeNoise(segment.noise)}
            data-noise={segment.noise.kinds.join(' ')}
          >
            {content}
          </span>
        );
      })}
    </p>
  );
});

/** Text with its single line breaks as <br> (text nodes only; nothing is parsed as markup). */
function withLineBreaks(text: string, keyBase: number): ReactNode {
  const lines = splitLines(text);
  if (lines.length === 1) return text;
  const nodes: ReactNode[] = [];
  lines.forEach((line, index) => {
    if (index > 0) nodes.push(<br key={`${keyBase}-br-${index}`} />);
    if (line !== '') nodes.push(line);
  });
  return nodes;
}
