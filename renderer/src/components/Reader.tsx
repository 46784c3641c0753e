/**
 * The reader: an article's text as React text nodes only (imported content stays inert: no HTML is
 * ever interpreted). Paragraphs keep their offsets into the text, so noise ranges (and later
 * highlights) map onto them. Long articles render a chunk of paragraphs per tick.
 */
import { forwardRef, Fragment, memo, useCallback, useEffect, useMemo, useRef, useState, type MouseEvent, type ReactNode } from 'react';
import type { Article, ArticleSummary } from '../../../shared/model/schemas';
import { approxWords, formatDate } from '../lib/format';
import { describeNoise, effectiveNoise, normalizeNoise, segmentRange, spansOverlapping, type NoiseSpan } from '../lib/noise';
import { chunkBoundaries, lineRanges, splitParagraphs, type Paragraph } from '../lib/paragraphs';
import { selectionToRange, trimRange } from '../lib/selectionOffsets';

interface Props {
  /**
   * Words to reveal (from search, a claim, a citation...): scroll to them and mark them. `key`
   * changes on every request. Null: nothing to reveal.
   */
  reveal?: { start: number; end: number; key: number } | null;
  /** The selected article's summary (shown at once while its text loads). */
  summary: ArticleSummary | null;
  /** The loaded article; ignored when it is not the selected one. */
  article: Article | null;
  loading: boolean;
  hideNoise: boolean;
  onHideNoiseChange(hide: boolean): void;
  onEscape(): void;
  onCopy(text: string, what: string): void;
  /** Marks [start, end) of the open article as noise, or clears noise there; resolves when saved (errors are reported by the caller). */
  onSetNoise(id: string, start: number, end: number, noise: boolean): Promise<void>;
  /** "Ctrl" or "Cmd", for shortcut hints. */
  mod: string;
  /** What to show when nothing is selected. */
  empty: ReactNode;
}

export const Reader = forwardRef<HTMLElement, Props>(function Reader(
  { summary, article, loading, hideNoise, onHideNoiseChange, onEscape, onCopy, onSetNoise, mod, empty },
  ref,
) {
  const current = article && summary && article.id === summary.id ? article : null;
  const head = current ?? summary;
  const noiseCount = current ? effectiveNoise(current.noise, current.noiseDismissed).length : 0;
  return (
    <main
      ref={ref}
      id="reader-pane"
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
            {current && noiseCount > 0 ? (
              <label className="reader-toggle" title="Ads, boilerplate and other noise are dimmed; hide them to read without">
                <input type="checkbox" checked={hideNoise} onChange={(event) => onHideNoiseChange(event.target.checked)} /> Hide noise
                <span className="muted"> ({noiseCount} {noiseCount === 1 ? 'range' : 'ranges'})</span>
              </label>
            ) : null}
            {current ? (
              <p className="reader-hint muted">
                Select text and press {mod}+Shift+N (or N) to mark it as noise; click dimmed text to unmark it.
              </p>
            ) : null}
          </header>
          {current ? (
            <ArticleBody key={current.id} article={current} hideNoise={hideNoise} onSetNoise={onSetNoise} mod={mod} />
          ) : (
            <p className="muted reader-loading">{loading ? 'Loading the text…' : ''}</p>
          )}
        </article>
      )}
    </main>
  );
});

/** Where the floating noise toolbar is, and what it acts on. */
interface NoiseTool {
  /** A text selection (offers Mark as noise), or a click on dimmed text (offers Not noise). */
  source: 'selection' | 'click';
  start: number;
  end: number;
  overlapsNoise: boolean;
  x: number;
  y: number;
}

function isEditable(target: EventTarget | null): boolean {
  const el = target instanceof Element ? target : null;
  return !!el && (el.closest('input, textarea, select, [contenteditable="true"], [contenteditable=""]') !== null);
}

function ArticleBody({
  article,
  hideNoise,
  onSetNoise,
  mod,
}: {
  article: Article;
  hideNoise: boolean;
  onSetNoise: Props['onSetNoise'];
  mod: string;
}) {
  const paragraphs = useMemo(() => splitParagraphs(article.text), [article.text]);
  const spans = useMemo(
    () => normalizeNoise(effectiveNoise(article.noise, article.noiseDismissed), article.text.length),
    [article.noise, article.noiseDismissed, article.text.length],
  );
  const bounds = useMemo(() => chunkBoundaries(paragraphs), [paragraphs]);
  const [chunks, setChunks] = useState(1);
  const bodyRef = useRef<HTMLDivElement>(null);
  const [tool, setTool] = useState<NoiseTool | null>(null);
  const [busy, setBusy] = useState(false);
  /** The dimmed element a click opened the toolbar on, to keep the toolbar next to it. */
  const clickedRef = useRef<HTMLElement | null>(null);

  // Render the first chunk at once, then one more per macrotask: the window stays responsive and
  // the top of a 100,000-word article shows immediately.
  useEffect(() => {
    if (chunks >= bounds.length) return;
    const timer = setTimeout(() => setChunks((c) => c + 1), 0);
    return () => clearTimeout(timer);
  }, [chunks, bounds.length]);

  /** The current selection as a trimmed text range inside this article, with where to float the toolbar. */
  const readSelection = useCallback((): NoiseTool | null => {
    const root = bodyRef.current;
    const selection = document.getSelection();
    if (!root || !selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
    const raw = selectionToRange(root, selection.anchorNode, selection.anchorOffset, selection.focusNode, selection.focusOffset);
    const range = raw ? trimRange(article.text, raw) : null;
    if (!range) return null;
    const rect = selection.getRangeAt(0).getBoundingClientRect();
    return {
      source: 'selection',
      ...range,
      overlapsNoise: spansOverlapping(spans, range.start, range.end).length > 0,
      x: rect.left + rect.width / 2,
      y: rect.top,
    };
  }, [article.text, spans]);

  const apply = useCallback(
    async (target: { start: number; end: number }, noise: boolean): Promise<void> => {
      setBusy(true);
      try {
        await onSetNoise(article.id, target.start, target.end, noise);
        setTool(null);
        document.getSelection()?.removeAllRanges();
      } finally {
        setBusy(false);
      }
    },
    [article.id, onSetNoise],
  );

  // Follow the selection: a selection in the text shows the toolbar; clearing it hides it.
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const update = (): void => {
      const next = readSelection();
      setTool((current) => (next ? next : current?.source === 'selection' ? null : current));
    };
    const onSelectionChange = (): void => {
      clearTimeout(timer);
      timer = setTimeout(update, 40);
    };
    const onScroll = (): void => {
      // The toolbar is fixed-position: follow the clicked range (or the selection) as the text scrolls.
      const anchor = clickedRef.current;
      setTool((current) => {
        if (current?.source !== 'click') return current;
        if (!anchor || !anchor.isConnected) return null;
        const rect = anchor.getBoundingClientRect();
        return { ...current, x: Math.min(Math.max(current.x, rect.left), rect.right), y: rect.top };
      });
      onSelectionChange();
    };
    document.addEventListener('selectionchange', onSelectionChange);
    document.addEventListener('scroll', onScroll, true);
    return () => {
      clearTimeout(timer);
      document.removeEventListener('selectionchange', onSelectionChange);
      document.removeEventListener('scroll', onScroll, true);
    };
  }, [readSelection]);

  // Keyboard: Mod+Shift+N (or N alone, for browsers that keep Mod+Shift+N for themselves) marks the
  // selection; Escape closes the toolbar before the reader's own Escape moves focus to the list.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.key === 'Escape' && tool) {
        event.preventDefault();
        setTool(null);
        return;
      }
      if (event.key.toLowerCase() !== 'n' || event.altKey || isEditable(event.target) || busy) return;
      const mod = event.ctrlKey || event.metaKey;
      if (!(mod && event.shiftKey) && (mod || event.shiftKey)) return;
      const selected = readSelection();
      if (!selected) return;
      event.preventDefault();
      void apply(selected, true);
    };
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, [apply, busy, readSelection, tool]);

  const onClick = (event: MouseEvent<HTMLDivElement>): void => {
    const selection = document.getSelection();
    if (selection && !selection.isCollapsed) return;
    const target = event.target instanceof Element ? event.target.closest<HTMLElement>('[data-noise-start]') : null;
    clickedRef.current = target;
    if (!target) {
      setTool(null);
      return;
    }
    const rect = target.getBoundingClientRect();
    setTool({
      source: 'click',
      start: Number(target.dataset.noiseStart),
      end: Number(target.dataset.noiseEnd),
      overlapsNoise: true,
      x: Math.min(event.clientX, rect.right),
      y: rect.top,
    });
  };

  const shown = bounds[Math.min(chunks, bounds.length) - 1] ?? 0;
  if (paragraphs.length === 0) return <p className="muted">This article has no text.</p>;
  return (
    <div ref={bodyRef} className={hideNoise ? 'reader-body hide-noise' : 'reader-body'} onClick={onClick}>
      {paragraphs.slice(0, shown).map((p) => (
        <ParagraphView key={p.start} text={article.text} paragraph={p} spans={spans} />
      ))}
      {shown < paragraphs.length ? <p className="muted reader-loading">Loading the rest of the text…</p> : null}
      {tool ? (
        <div
          className="noise-toolbar"
          role="toolbar"
          aria-label="Noise"
          style={{ left: `${Math.max(8, tool.x)}px`, top: `${Math.max(8, tool.y - 8)}px` }}
          // Keep the text selection when a button is pressed.
          onMouseDown={(event) => event.preventDefault()}
          onClick={(event) => event.stopPropagation()}
        >
          {tool.source === 'selection' ? (
            <button type="button" className="button small" disabled={busy} onClick={() => void apply(tool, true)} title={`Mark the selected text as noise (${mod}+Shift+N)`}>
              Mark as noise
            </button>
          ) : null}
          {tool.overlapsNoise ? (
            <button type="button" className="button small" disabled={busy} onClick={() => void apply(tool, false)} title="This is part of the story: stop dimming it">
              Not noise
            </button>
          ) : null}
        </div>
      ) : null}
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
    <p className={allNoise ? 'para para-noise' : 'para'} data-para-start={paragraph.start} data-para-end={paragraph.end}>
      {segments.map((segment) => {
        const content = textPieces(text, segment.start, segment.end);
        if (!segment.noise) return <Fragment key={segment.start}>{content}</Fragment>;
        return (
          <span
            key={segment.start}
            className={`noise noise-${segment.noise.kinds[0] ?? 'manual'}`}
            title={describeNoise(segment.noise)}
            data-noise={segment.noise.kinds.join(' ')}
            data-noise-start={segment.noise.start}
            data-noise-end={segment.noise.end}
          >
            {content}
          </span>
        );
      })}
    </p>
  );
});

/**
 * text[start, end) as one span per line, each carrying its offsets (data-start/data-end, read by
 * selectionOffsets), with <br> between lines. Text nodes only: nothing is parsed as markup.
 */
function textPieces(text: string, start: number, end: number): ReactNode[] {
  const nodes: ReactNode[] = [];
  lineRanges(text, start, end).forEach((line, index) => {
    if (index > 0) nodes.push(<br key={`br-${line.start}`} />);
    if (line.end > line.start) {
      nodes.push(
        <span key={line.start} data-start={line.start} data-end={line.end}>
          {text.slice(line.start, line.end)}
        </span>,
      );
    }
  });
  return nodes;
}
