/**
 * The reader: an article's text as React text nodes only (imported content stays inert: no HTML is
 * ever interpreted). Paragraphs keep their offsets into the text, so noise ranges, highlights and
 * claims map onto them. Long articles render a chunk of paragraphs per tick.
 *
 * Highlights: every paragraph is cut into flat segments by lib/highlightLayout, each carrying the
 * highlights covering it; overlapping and nested highlights all paint (stacked tints, a thicker
 * underline per depth, claims dotted) and a click selects the innermost, repeated clicks go outward.
 * Paragraphs are memoised on a signature of their own highlights, so a change re-renders only the
 * paragraphs it touches.
 */
import {
  forwardRef,
  Fragment,
  memo,
  useCallback,
  useEffect,
  useMemo,
  useLayoutEffect,
  useRef,
  useState,
  type CSSProperties,
  type MouseEvent,
  type PointerEvent as ReactPointerEvent,
  type ReactNode,
} from 'react';
import type { Annotation, Article, ArticleSummary, Claim, Tag } from '../../../shared/model/schemas';
import { useDossier, useDossierEvents } from '../api/client';
import { annotationActions } from '../lib/annotationActions';
import { approxWords, formatDate } from '../lib/format';
import {
  distributeHighlights,
  highlightLayout,
  layoutSignature,
  nextSelection,
  resizeByWord,
  tint,
  type HighlightInput,
  type LayoutSegment,
} from '../lib/highlightLayout';
import { describeNoise, effectiveNoise, normalizeNoise, spansOverlapping, type NoiseSpan } from '../lib/noise';
import { chunkBoundaries, lineRanges, splitParagraphs, type Paragraph } from '../lib/paragraphs';
import { pointToOffset, selectionToRange, trimRange } from '../lib/selectionOffsets';
import { useUndo } from '../lib/undo';
import '../styles/highlights.css';

/** A highlight or claim selected in the reader; the Inspector shows it. */
export interface SelectedRecord {
  kind: 'annotation' | 'claim';
  articleId: string;
  id: string;
}

/** The colour of a highlight without tags (the accent), and of a claim without tags. */
export const DEFAULT_HIGHLIGHT_COLOR = '#2f5fb3';
export const DEFAULT_CLAIM_COLOR = '#7a3fb0';
/** How many tags get a number key (1-9) in the selection toolbar. */
const QUICK_TAGS = 9;

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
  /** The highlight or claim selected (shown in the Inspector), and how the reader changes it. */
  selectedRecord?: SelectedRecord | null;
  onSelectRecord?(record: SelectedRecord | null): void;
  /** "Claim (C)" in the selection toolbar: make a claim on these words (offered only when given). */
  onCreateClaim?(range: { start: number; end: number }): void;
  /** Where failures of highlight actions go (the app's notices). */
  onError?(error: unknown, context: string): void;
  /** "Ctrl" or "Cmd", for shortcut hints. */
  mod: string;
  /** What to show when nothing is selected. */
  empty: ReactNode;
}

/** An article's highlights, claims and the notebook's tags, loaded beside its text and kept fresh from change events. */
interface Records {
  articleId: string;
  annotations: Annotation[];
  claims: Claim[];
}

function useArticleRecords(articleId: string | null, onError: (error: unknown, context: string) => void) {
  const api = useDossier();
  const [records, setRecords] = useState<Records | null>(null);
  const [tags, setTags] = useState<Tag[]>([]);
  const generation = useRef(0);
  /** Bumped by every change applied here: a load that started before it may miss that change and is redone. */
  const localVersion = useRef(0);
  const loadRef = useRef<(what: { annotations?: boolean; claims?: boolean }) => void>(() => {});
  const onErrorRef = useRef(onError);
  useEffect(() => {
    onErrorRef.current = onError;
  });

  const load = useCallback(
    (what: { annotations?: boolean; claims?: boolean }) => {
      if (!articleId) return;
      const gen = ++generation.current;
      const version = localVersion.current;
      Promise.all([
        what.annotations ? api.call('annotations.list', { articleId }) : null,
        what.claims ? api.call('claims.list', { articleId }) : null,
      ])
        .then(([annotations, claims]) => {
          if (gen !== generation.current) return;
          if (version !== localVersion.current) {
            loadRef.current(what);
            return;
          }
          setRecords((current) => {
            const base = current && current.articleId === articleId ? current : { articleId, annotations: [], claims: [] };
            return { articleId, annotations: annotations ?? base.annotations, claims: claims ?? base.claims };
          });
        })
        .catch((error: unknown) => {
          if (gen === generation.current) onErrorRef.current(error, 'Could not load the highlights of this article');
        });
    },
    [api, articleId],
  );
  useEffect(() => {
    loadRef.current = load;
  }, [load]);
  const loadTags = useCallback(() => {
    api
      .call('tags.list', {})
      .then(setTags)
      .catch((error: unknown) => onErrorRef.current(error, 'Could not load the tags'));
  }, [api]);

  // Loaded as soon as the article is selected, alongside (not after) its text.
  useEffect(() => {
    setRecords(null);
    load({ annotations: true, claims: true });
  }, [load]);
  useEffect(loadTags, [loadTags]);

  useDossierEvents((event) => {
    if (!articleId) return;
    if (event.type === 'annotations.changed' && event.articleIds.includes(articleId)) load({ annotations: true });
    else if (event.type === 'tags.changed') {
      loadTags();
      if (event.articleIds.includes(articleId)) load({ annotations: true, claims: true });
    } else if (event.type === 'articles.changed') load({ annotations: true, claims: true });
    else if ((event.type as string).startsWith('claims.')) load({ claims: true });
  });

  /** Applies a change made here at once (the event that follows reloads the same thing). */
  const patchAnnotations = useCallback(
    (change: (list: Annotation[]) => Annotation[]) => {
      localVersion.current++;
      setRecords((current) => (current && current.articleId === articleId ? { ...current, annotations: change(current.annotations) } : current));
    },
    [articleId],
  );
  const current = records && records.articleId === articleId ? records : null;
  return { records: current, tags, patchAnnotations, reloadTags: loadTags };
}

export const Reader = forwardRef<HTMLElement, Props>(function Reader(
  {
    reveal,
    summary,
    article,
    loading,
    hideNoise,
    onHideNoiseChange,
    onEscape,
    onCopy,
    onSetNoise,
    selectedRecord = null,
    onSelectRecord,
    onCreateClaim,
    onError,
    mod,
    empty,
  },
  ref,
) {
  const current = article && summary && article.id === summary.id ? article : null;
  const head = current ?? summary;
  const noiseCount = current ? effectiveNoise(current.noise, current.noiseDismissed).length : 0;
  const report = useCallback(
    (error: unknown, context: string) => {
      if (onError) onError(error, context);
      else console.error(context, error);
    },
    [onError],
  );
  const { records, tags, patchAnnotations, reloadTags } = useArticleRecords(summary?.id ?? null, report);
  const highlightCount = records ? records.annotations.length : null;
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
              {current && highlightCount !== null && highlightCount > 0 ? (
                <span className="reader-length">
                  {' '}
                  · {highlightCount} {highlightCount === 1 ? 'highlight' : 'highlights'}
                </span>
              ) : null}
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
              <details className="reader-hint muted" id="reader-hint">
                <summary>
                  Select text, then H highlights, 1–9 tag it{onCreateClaim ? ', C makes a claim' : ''}, N marks noise; {mod}+Z undoes.
                </summary>
                <p>
                  T opens a tag picker (type to filter; a new name creates the tag). N or {mod}+Shift+N marks the selection as noise; click
                  dimmed text to unmark it.
                </p>
                <p>
                  Keyboard selection: focus the text (F6) and press Shift+Arrow keys to select from the top of the view; {mod}+Shift+Arrow
                  extends by words, Shift+Up/Down by lines.
                </p>
                <p>
                  A selected highlight: Alt+← / Alt+→ move its start by a word, Alt+Shift+← / Alt+Shift+→ its end, Delete removes it; or
                  drag its handles. Click overlapping highlights again to select the outer ones. {mod}+Shift+Z redoes.
                </p>
              </details>
            ) : null}
          </header>
          {current ? (
            <ArticleBody
              key={current.id}
              article={current}
              hideNoise={hideNoise}
              onSetNoise={onSetNoise}
              mod={mod}
              reveal={reveal ?? null}
              annotations={records?.annotations ?? null}
              claims={records?.claims ?? null}
              tags={tags}
              patchAnnotations={patchAnnotations}
              reloadTags={reloadTags}
              selectedId={selectedRecord && selectedRecord.articleId === current.id ? selectedRecord.id : null}
              onSelectRecord={onSelectRecord}
              onCreateClaim={onCreateClaim}
              report={report}
            />
          ) : (
            <p className="muted reader-loading">{loading ? 'Loading the text…' : ''}</p>
          )}
        </article>
      )}
    </main>
  );
});

/** Where the floating toolbar is, and what it acts on. */
interface Tool {
  /** A text selection (offers highlighting, tags, claim, noise), or a click on dimmed text (offers Not noise). */
  source: 'selection' | 'click';
  start: number;
  end: number;
  overlapsNoise: boolean;
  x: number;
  y: number;
  /** The bottom of the selected words: the toolbar goes below them when there is no room above. */
  bottom: number;
}

function isEditable(target: EventTarget | null): boolean {
  const el = target instanceof Element ? target : null;
  return !!el && el.closest('input, textarea, select, [contenteditable="true"], [contenteditable=""]') !== null;
}

/** A resize drag in progress: which edge of which highlight, and the range shown meanwhile. */
interface Drag {
  id: string;
  edge: 'start' | 'end';
  start: number;
  end: number;
  pointerId: number;
}

function ArticleBody({
  article,
  hideNoise,
  onSetNoise,
  mod,
  reveal,
  annotations,
  claims,
  tags,
  patchAnnotations,
  reloadTags,
  selectedId,
  onSelectRecord,
  onCreateClaim,
  report,
}: {
  article: Article;
  hideNoise: boolean;
  onSetNoise: Props['onSetNoise'];
  mod: string;
  reveal: { start: number; end: number; key: number } | null;
  annotations: Annotation[] | null;
  claims: Claim[] | null;
  tags: Tag[];
  patchAnnotations(change: (list: Annotation[]) => Annotation[]): void;
  reloadTags(): void;
  selectedId: string | null;
  onSelectRecord: Props['onSelectRecord'];
  onCreateClaim: Props['onCreateClaim'];
  report(error: unknown, context: string): void;
}) {
  const api = useDossier();
  const { push } = useUndo();
  const actions = useMemo(() => annotationActions(api.call, push), [api, push]);
  const paragraphs = useMemo(() => splitParagraphs(article.text), [article.text]);
  const spans = useMemo(
    () => normalizeNoise(effectiveNoise(article.noise, article.noiseDismissed), article.text.length),
    [article.noise, article.noiseDismissed, article.text.length],
  );
  const bounds = useMemo(() => chunkBoundaries(paragraphs), [paragraphs]);
  const [chunks, setChunks] = useState(1);
  const bodyRef = useRef<HTMLDivElement>(null);
  const [tool, setTool] = useState<Tool | null>(null);
  const [busy, setBusy] = useState(false);
  /** The tag picker in the toolbar is open (it takes focus, so selection changes must not close the toolbar). */
  const [picking, setPicking] = useState(false);
  const pickingRef = useRef(false);
  pickingRef.current = picking;
  /** The dimmed element a click opened the toolbar on, to keep the toolbar next to it. */
  const clickedRef = useRef<HTMLElement | null>(null);
  const [drag, setDrag] = useState<Drag | null>(null);
  const toolbarRef = useRef<HTMLDivElement>(null);
  // Keep the floating toolbar inside the window: shift it sideways, or below the words when there is no room above.
  useLayoutEffect(() => {
    const el = toolbarRef.current;
    if (!el || !tool) return;
    el.style.transform = '';
    const r = el.getBoundingClientRect();
    const dx = r.left < 8 ? 8 - r.left : r.right > window.innerWidth - 8 ? window.innerWidth - 8 - r.right : 0;
    const dy = r.top < 8 ? tool.bottom - tool.y + r.height + 16 : r.bottom > window.innerHeight - 8 ? window.innerHeight - 8 - r.bottom : 0;
    if (dx !== 0 || dy !== 0) el.style.transform = `translate(calc(-50% + ${Math.round(dx)}px), calc(-100% + ${Math.round(dy)}px))`;
  });

  // Performance marks for the reader bench (test/bench/reader.bench.ts) and the browser's profiler.
  useEffect(() => {
    performance.mark('reader:text-mounted');
  }, []);
  useEffect(() => {
    if (annotations) performance.mark('reader:records-rendered');
  }, [annotations]);
  useEffect(() => {
    if (chunks >= bounds.length) performance.mark('reader:all-chunks');
  }, [chunks, bounds.length]);

  // Render the first chunk at once, then one more per macrotask: the window stays responsive and
  // the top of a 100,000-word article shows immediately.
  useEffect(() => {
    if (chunks >= bounds.length) return;
    const timer = setTimeout(() => setChunks((c) => c + 1), 0);
    return () => clearTimeout(timer);
  }, [chunks, bounds.length]);

  // ---- highlights ----
  const tagById = useMemo(() => new Map(tags.map((t) => [t.id, t])), [tags]);
  const annotationById = useMemo(() => new Map((annotations ?? []).map((a) => [a.id, a])), [annotations]);
  const highlights = useMemo<HighlightInput[]>(() => {
    const colorOf = (ids: readonly string[], fallback: string): string => {
      const first = ids[0];
      return (first !== undefined ? tagById.get(first)?.color : undefined) ?? fallback;
    };
    const list: HighlightInput[] = [];
    for (const a of annotations ?? []) {
      const range = drag && drag.id === a.id ? drag : a.target;
      list.push({ id: a.id, start: range.start, end: range.end, color: colorOf(a.tags, DEFAULT_HIGHLIGHT_COLOR), kind: 'annotation', status: a.anchor.status });
    }
    for (const c of claims ?? []) {
      // Claims carry an anchor once re-anchoring tracks them; read it when present.
      const status = (c as Claim & { anchor?: { status?: HighlightInput['status'] } }).anchor?.status;
      list.push({ id: c.id, start: c.target.start, end: c.target.end, color: colorOf(c.tags, DEFAULT_CLAIM_COLOR), kind: 'claim', ...(status ? { status } : {}) });
    }
    return list;
  }, [annotations, claims, tagById, drag]);
  const highlightById = useMemo(() => new Map(highlights.map((h) => [h.id, h])), [highlights]);
  // A highlight naming a tag this page has not loaded (made by another window or the CLI): reload
  // the tags once for that set, so its colour shows.
  const triedTags = useRef('');
  useEffect(() => {
    const missing = [...new Set([...(annotations ?? []), ...(claims ?? [])].flatMap((r) => r.tags).filter((id) => !tagById.has(id)))].sort().join(' ');
    if (missing === '' || missing === triedTags.current) return;
    triedTags.current = missing;
    reloadTags();
  }, [annotations, claims, tagById, reloadTags]);
  const perParagraph = useMemo(() => distributeHighlights(paragraphs, highlights, article.text.length), [paragraphs, highlights, article.text.length]);
  const selected = selectedId ? (highlightById.get(selectedId) ?? null) : null;
  const selectedAnnotation = selectedId ? (annotationById.get(selectedId) ?? null) : null;

  // ---- reveal: words asked for by search, a claim, a citation... ----
  /** The range marked as revealed; it stays until the next click in the text or the next reveal. */
  const [revealed, setRevealed] = useState<{ start: number; end: number; key: number } | null>(null);
  const scrolledKey = useRef<number | null>(null);
  /** Renders every chunk up to the one holding `offset`. */
  const renderThrough = useCallback(
    (offset: number) => {
      const last = paragraphs.findIndex((p) => p.end >= offset);
      const index = last < 0 ? paragraphs.length - 1 : last;
      const needed = bounds.findIndex((b) => b > index) + 1;
      setChunks((c) => Math.max(c, needed > 0 ? needed : bounds.length));
    },
    [paragraphs, bounds],
  );
  useEffect(() => {
    if (!reveal) return;
    const start = Math.max(0, Math.min(reveal.start, article.text.length));
    const end = Math.max(start, Math.min(reveal.end, article.text.length));
    setRevealed({ start, end, key: reveal.key });
    renderThrough(end);
  }, [reveal, article.text.length, renderThrough]);
  useEffect(() => {
    if (!revealed || scrolledKey.current === revealed.key) return;
    const mark = bodyRef.current?.querySelector<HTMLElement>('mark[data-reveal]');
    if (!mark && revealed.end > revealed.start) return; // not rendered yet: the next chunk render retries
    scrolledKey.current = revealed.key;
    const target = mark ?? bodyRef.current?.querySelector<HTMLElement>('.para');
    target?.scrollIntoView({ block: 'center' });
    // Focus the reader so keys (and screen readers) continue from here; the scroll above is kept.
    bodyRef.current?.closest<HTMLElement>('[data-pane="reader"]')?.focus({ preventScroll: true });
  });
  // A highlight selected elsewhere (a list, the review list) is brought into view.
  const shownSelection = useRef<string | null>(null);
  useEffect(() => {
    if (!selected || shownSelection.current === selected.id) return;
    const el = bodyRef.current?.querySelector<HTMLElement>(`[data-hl~="${CSS.escape(selected.id)}"]`);
    if (!el) {
      renderThrough(selected.end);
      return;
    }
    shownSelection.current = selected.id;
    const rect = el.getBoundingClientRect();
    if (rect.bottom < 0 || rect.top > window.innerHeight) el.scrollIntoView({ block: 'center' });
  });

  // ---- selection toolbar ----
  /** The current selection as a trimmed text range inside this article, with where to float the toolbar. */
  const readSelection = useCallback((): Tool | null => {
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
      bottom: rect.bottom,
    };
  }, [article.text, spans]);

  const done = useCallback(() => {
    setTool(null);
    setPicking(false);
    document.getSelection()?.removeAllRanges();
  }, []);

  const apply = useCallback(
    async (target: { start: number; end: number }, noise: boolean): Promise<void> => {
      setBusy(true);
      try {
        await onSetNoise(article.id, target.start, target.end, noise);
        done();
      } finally {
        setBusy(false);
      }
    },
    [article.id, onSetNoise, done],
  );

  const highlight = useCallback(
    async (target: { start: number; end: number }, tagIds: string[] = []): Promise<void> => {
      setBusy(true);
      try {
        const created = await actions.create(article.id, target, tagIds);
        patchAnnotations((list) => [...list.filter((a) => a.id !== created.id), created]);
        done();
        onSelectRecord?.({ kind: 'annotation', articleId: article.id, id: created.id });
      } catch (error) {
        report(error, 'Could not create the highlight');
      } finally {
        setBusy(false);
      }
    },
    [actions, article.id, patchAnnotations, done, onSelectRecord, report],
  );

  const highlightWithNewTag = useCallback(
    async (target: { start: number; end: number }, name: string): Promise<void> => {
      try {
        const tag = await api.call('tags.create', { name });
        reloadTags();
        await highlight(target, [tag.id]);
      } catch (error) {
        report(error, `Could not create the tag “${name}”`);
      }
    },
    [api, highlight, reloadTags, report],
  );

  const claim = useCallback(
    (target: { start: number; end: number }) => {
      if (!onCreateClaim) return;
      onCreateClaim({ start: target.start, end: target.end });
      done();
    },
    [onCreateClaim, done],
  );

  // Follow the selection: a selection in the text shows the toolbar; clearing it hides it.
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const update = (): void => {
      if (pickingRef.current) return; // the tag picker has focus; its range is already in the tool
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
        return { ...current, x: Math.min(Math.max(current.x, rect.left), rect.right), y: rect.top, bottom: rect.bottom };
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

  // ---- keyboard ----
  const resize = useCallback(
    async (annotation: Annotation, range: { start: number; end: number }): Promise<void> => {
      try {
        const updated = await actions.update(annotation, { target: range }, 'Resize highlight');
        patchAnnotations((list) => list.map((a) => (a.id === updated.id ? updated : a)));
      } catch (error) {
        report(error, 'Could not resize the highlight');
      }
    },
    [actions, patchAnnotations, report],
  );
  const remove = useCallback(
    async (annotation: Annotation): Promise<void> => {
      try {
        await actions.remove(annotation);
        patchAnnotations((list) => list.filter((a) => a.id !== annotation.id));
        onSelectRecord?.(null);
      } catch (error) {
        report(error, 'Could not delete the highlight');
      }
    },
    [actions, patchAnnotations, onSelectRecord, report],
  );

  useEffect(() => {
    const inReader = (): boolean => {
      const pane = bodyRef.current?.closest('[data-pane="reader"]');
      return !!pane && pane.contains(document.activeElement);
    };
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.key === 'Escape' && tool) {
        event.preventDefault();
        setTool(null);
        setPicking(false);
        return;
      }
      if (isEditable(event.target) || busy || event.defaultPrevented) return;
      const key = event.key.toLowerCase();
      const modKey = event.ctrlKey || event.metaKey;

      // Noise: Mod+Shift+N, or N alone for browsers that keep Mod+Shift+N for themselves.
      if (key === 'n' && !event.altKey && ((modKey && event.shiftKey) || (!modKey && !event.shiftKey))) {
        const selection = readSelection();
        if (!selection) return;
        event.preventDefault();
        void apply(selection, true);
        return;
      }

      // Keys on a text selection: H highlight, 1-9 tag, T tag picker, C claim.
      if (!modKey && !event.altKey && !event.shiftKey) {
        const quick = /^[1-9]$/.test(event.key) ? tags[Number(event.key) - 1] : undefined;
        if (key === 'h' || key === 't' || key === 'c' || quick) {
          const selection = readSelection();
          if (selection) {
            if (key === 'c' && !onCreateClaim) return;
            event.preventDefault();
            if (key === 'h') void highlight(selection);
            else if (quick) void highlight(selection, [quick.id]);
            else if (key === 'c') claim(selection);
            else {
              setTool(selection);
              setPicking(true);
            }
            return;
          }
        }
      }

      if (!inReader()) return;
      // The selected highlight: Delete removes it; Alt+Arrows move its start, Alt+Shift+Arrows its end.
      if (selectedAnnotation && !modKey && (event.key === 'Delete' || event.key === 'Backspace') && !event.altKey) {
        event.preventDefault();
        void remove(selectedAnnotation);
        return;
      }
      if (selectedAnnotation && event.altKey && !modKey && (event.key === 'ArrowLeft' || event.key === 'ArrowRight')) {
        event.preventDefault(); // also keeps Alt+Left from navigating back
        const next = resizeByWord(article.text, selectedAnnotation.target, event.shiftKey ? 'end' : 'start', event.key === 'ArrowRight' ? 1 : -1);
        if (next) void resize(selectedAnnotation, next);
        return;
      }
      // Keyboard selection (caret browsing is off): Shift+Arrows extend a selection that starts at
      // the first paragraph in view; Mod+Shift+Arrows by word.
      if (event.shiftKey && !event.altKey && ['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown'].includes(event.key)) {
        const root = bodyRef.current;
        const selection = document.getSelection();
        if (!root || !selection) return;
        event.preventDefault();
        if (selection.rangeCount === 0 || !root.contains(selection.anchorNode)) {
          const top = root.closest('[data-pane="reader"]')?.getBoundingClientRect().top ?? 0;
          const para = Array.from(root.querySelectorAll<HTMLElement>('.para')).find((p) => p.getBoundingClientRect().bottom > top + 4);
          const piece = para?.querySelector('[data-start]')?.firstChild;
          if (!piece) return;
          selection.collapse(piece, 0);
        }
        const forward = event.key === 'ArrowRight' || event.key === 'ArrowDown';
        const granularity = event.key === 'ArrowUp' || event.key === 'ArrowDown' ? 'line' : modKey ? 'word' : 'character';
        selection.modify('extend', forward ? 'forward' : 'backward', granularity);
      }
    };
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, [apply, busy, readSelection, tool, tags, highlight, claim, onCreateClaim, selectedAnnotation, remove, resize, article.text]);

  // ---- mouse: select highlights, open the noise toolbar, drag resize handles ----
  const onClick = (event: MouseEvent<HTMLDivElement>): void => {
    setRevealed(null);
    const selection = document.getSelection();
    if (selection && !selection.isCollapsed) return;
    if (event.target instanceof Element && event.target.closest('[data-handle]')) return;
    const hit = event.target instanceof Element ? event.target.closest<HTMLElement>('[data-hl]') : null;
    if (hit) {
      const covering = (hit.dataset.hl ?? '')
        .split(' ')
        .map((id) => highlightById.get(id))
        .filter((h): h is HighlightInput => h !== undefined);
      const next = nextSelection(covering, selectedId);
      if (next) {
        setTool(null);
        onSelectRecord?.({ kind: next.kind, articleId: article.id, id: next.id });
        return;
      }
    }
    if (selectedId) onSelectRecord?.(null);
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
      bottom: rect.bottom,
    });
  };

  const offsetAt = (x: number, y: number): number | null => {
    const root = bodyRef.current;
    if (!root) return null;
    const caret = document.caretPositionFromPoint?.(x, y);
    if (caret) return pointToOffset(root, caret.offsetNode, caret.offset);
    const range = document.caretRangeFromPoint?.(x, y);
    return range ? pointToOffset(root, range.startContainer, range.startOffset) : null;
  };
  const onPointerDown = (event: ReactPointerEvent<HTMLDivElement>): void => {
    const handle = event.target instanceof Element ? event.target.closest<HTMLElement>('[data-handle]') : null;
    if (!handle || !selectedAnnotation || event.button !== 0) return;
    event.preventDefault(); // no text selection while dragging
    bodyRef.current?.setPointerCapture(event.pointerId);
    const { start, end } = selectedAnnotation.target;
    setDrag({ id: selectedAnnotation.id, edge: handle.dataset.handle === 'start' ? 'start' : 'end', start, end, pointerId: event.pointerId });
  };
  const onPointerMove = (event: ReactPointerEvent<HTMLDivElement>): void => {
    if (!drag || event.pointerId !== drag.pointerId) return;
    const at = offsetAt(event.clientX, event.clientY);
    if (at === null) return;
    setDrag((d) => {
      if (!d) return d;
      const next = d.edge === 'start' ? { ...d, start: Math.min(at, d.end - 1) } : { ...d, end: Math.max(at, d.start + 1) };
      return next.start === d.start && next.end === d.end ? d : next;
    });
  };
  const onPointerUp = (event: ReactPointerEvent<HTMLDivElement>): void => {
    if (!drag || event.pointerId !== drag.pointerId) return;
    bodyRef.current?.releasePointerCapture(event.pointerId);
    const annotation = annotationById.get(drag.id);
    const range = trimRange(article.text, drag);
    setDrag(null);
    if (annotation && range && (range.start !== annotation.target.start || range.end !== annotation.target.end)) {
      // Show the new range until the saved record replaces it.
      patchAnnotations((list) => list.map((a) => (a.id === annotation.id ? { ...a, target: { ...a.target, ...range } } : a)));
      void resize(annotation, range);
    }
  };

  const shown = bounds[Math.min(chunks, bounds.length) - 1] ?? 0;
  if (paragraphs.length === 0) return <p className="muted">This article has no text.</p>;
  const quickTags = tags.slice(0, QUICK_TAGS);
  const bodyClass = ['reader-body', hideNoise ? 'hide-noise' : '', drag ? 'resizing' : ''].filter(Boolean).join(' ');
  return (
    <div
      ref={bodyRef}
      className={bodyClass}
      onClick={onClick}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={() => setDrag(null)}
      data-highlights={annotations ? annotations.length : undefined}
      aria-describedby="reader-hint"
    >
      {paragraphs.slice(0, shown).map((p, index) => {
        const list = perParagraph[index] ?? [];
        const selectedHere = selected && selected.start < p.end && selected.end > p.start ? selected.id : null;
        return (
          <ParagraphView
            key={p.start}
            text={article.text}
            paragraph={p}
            spans={spans}
            highlights={list}
            signature={list.length === 0 ? '' : layoutSignature(list)}
            selectedId={selectedHere}
            handles={selectedHere !== null && selected?.kind === 'annotation'}
            reveal={revealed && revealed.start < p.end && revealed.end > p.start ? revealed : null}
          />
        );
      })}
      {shown < paragraphs.length ? <p className="muted reader-loading">Loading the rest of the text…</p> : null}
      {tool ? (
        <div
          ref={toolbarRef}
          className="noise-toolbar selection-toolbar"
          role="toolbar"
          aria-label={tool.source === 'selection' ? 'Highlight, tag or mark as noise' : 'Noise'}
          style={{ left: `${Math.max(8, tool.x)}px`, top: `${Math.max(8, tool.y - 8)}px` }}
          // Keep the text selection when a button is pressed (the tag picker's field takes focus itself).
          onMouseDown={(event) => {
            if (!(event.target instanceof HTMLInputElement)) event.preventDefault();
          }}
          onClick={(event) => event.stopPropagation()}
        >
          {tool.source === 'selection' ? (
            <>
              <button type="button" className="button small primary" disabled={busy} onClick={() => void highlight(tool)} title="Highlight the selected words (H)">
                Highlight (H)
              </button>
              {quickTags.map((tag, i) => (
                <button
                  key={tag.id}
                  type="button"
                  className="button small quick-tag"
                  disabled={busy}
                  onClick={() => void highlight(tool, [tag.id])}
                  aria-label={`Highlight as ${tag.name} (${i + 1})`}
                  title={`Highlight and tag “${tag.name}” (${i + 1})`}
                >
                  <span className="tag-swatch" style={{ background: tag.color }} aria-hidden="true" />
                  <span aria-hidden="true">
                    {i + 1} {tag.name}
                  </span>
                </button>
              ))}
              {picking ? (
                <TagPicker
                  tags={tags}
                  onPick={(tag) => void highlight(tool, [tag.id])}
                  onCreate={(name) => void highlightWithNewTag(tool, name)}
                  onClose={() => setPicking(false)}
                />
              ) : (
                <button type="button" className="button small" disabled={busy} onClick={() => setPicking(true)} title="Choose or create a tag for a new highlight (T)">
                  Tag… (T)
                </button>
              )}
              {onCreateClaim ? (
                <button type="button" className="button small" disabled={busy} onClick={() => claim(tool)} title="Make a claim on the selected words (C)">
                  Claim (C)
                </button>
              ) : null}
              <button type="button" className="button small" disabled={busy} onClick={() => void apply(tool, true)} title={`Mark the selected text as noise (N or ${mod}+Shift+N)`}>
                Mark as noise
              </button>
            </>
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

/** A type-to-filter tag chooser inside the selection toolbar; Enter picks the active row or creates the typed tag. */
function TagPicker({ tags, onPick, onCreate, onClose }: { tags: Tag[]; onPick(tag: Tag): void; onCreate(name: string): void; onClose(): void }) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const needle = query.trim().toLowerCase();
  const matches = tags.filter((t) => t.name.toLowerCase().includes(needle)).slice(0, 30);
  const exact = tags.some((t) => t.name.toLowerCase() === needle);
  const rows: Array<{ kind: 'tag'; tag: Tag } | { kind: 'create'; name: string }> = [
    ...matches.map((tag) => ({ kind: 'tag' as const, tag })),
    ...(needle && !exact ? [{ kind: 'create' as const, name: query.trim() }] : []),
  ];
  const choose = (index: number): void => {
    const row = rows[index];
    if (!row) return;
    if (row.kind === 'tag') onPick(row.tag);
    else onCreate(row.name);
  };
  return (
    <div className="tag-picker">
      <input
        type="text"
        role="combobox"
        aria-label="Tag the highlight"
        aria-expanded="true"
        aria-controls="tag-picker-list"
        aria-activedescendant={rows[active] ? `tag-picker-${active}` : undefined}
        placeholder="Type a tag…"
        autoFocus
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setActive(0);
        }}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown') setActive((a) => Math.min(a + 1, rows.length - 1));
          else if (event.key === 'ArrowUp') setActive((a) => Math.max(a - 1, 0));
          else if (event.key === 'Enter') choose(active);
          else if (event.key === 'Escape') onClose();
          else return;
          event.preventDefault();
          event.stopPropagation();
        }}
      />
      <ul id="tag-picker-list" role="listbox" aria-label="Tags" className="tag-picker-list">
        {rows.length === 0 ? <li className="muted">No tags yet: type a name to create one.</li> : null}
        {rows.map((row, index) => (
          <li
            key={row.kind === 'tag' ? row.tag.id : 'create'}
            id={`tag-picker-${index}`}
            role="option"
            aria-selected={index === active}
            className={index === active ? 'active' : undefined}
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => choose(index)}
          >
            {row.kind === 'tag' ? (
              <>
                <span className="tag-swatch" style={{ background: row.tag.color }} aria-hidden="true" /> {row.tag.name}
              </>
            ) : (
              <>Create tag “{row.name}”</>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

interface ParagraphProps {
  text: string;
  paragraph: Paragraph;
  spans: readonly NoiseSpan[];
  /** This paragraph's highlights (outer first) and a signature of them: the memo compares the signature. */
  highlights: readonly HighlightInput[];
  signature: string;
  /** The selected highlight when it lies in this paragraph, else null (other paragraphs do not re-render). */
  selectedId: string | null;
  /** Draw resize handles at the selected highlight's ends. */
  handles: boolean;
  reveal: { start: number; end: number; key: number } | null;
}

const ParagraphView = memo(
  function ParagraphView({ text, paragraph, spans, highlights, selectedId, handles, reveal }: ParagraphProps) {
    const segments = highlightLayout(paragraph, spans, highlights, reveal);
    const allNoise = segments.length > 0 && segments.every((s) => s.noise !== null);
    const selected = handles && selectedId ? highlights.find((h) => h.id === selectedId) : undefined;
    const renderSegment = (segment: LayoutSegment): ReactNode => {
      let content: ReactNode;
      if (segment.covering.length === 0) content = textPieces(text, segment.start, segment.end);
      else if (text.indexOf('\n', segment.start) >= segment.end || text.indexOf('\n', segment.start) < 0) {
        // One line (the usual case): the run itself is the text piece, one element instead of two.
        content = (
          <HighlightRun segment={segment} selectedId={selectedId} piece>
            {text.slice(segment.start, segment.end)}
          </HighlightRun>
        );
      } else content = <HighlightRun segment={segment} selectedId={selectedId}>{textPieces(text, segment.start, segment.end)}</HighlightRun>;
      if (segment.noise) {
        content = (
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
      }
      const before = selected && selected.start === segment.start ? <span className="hl-handle hl-handle-start" data-handle="start" aria-hidden="true" title="Drag to move the start" /> : null;
      const after = selected && selected.end === segment.end ? <span className="hl-handle hl-handle-end" data-handle="end" aria-hidden="true" title="Drag to move the end" /> : null;
      return (
        <Fragment key={segment.start}>
          {before}
          {content}
          {after}
        </Fragment>
      );
    };
    // The revealed words are one contiguous run of segments: wrap them in a single <mark>.
    const first = segments.findIndex((s) => s.reveal);
    let body: ReactNode;
    if (first < 0) body = segments.map(renderSegment);
    else {
      let last = first;
      while (last + 1 < segments.length && segments[last + 1]?.reveal) last++;
      body = [
        ...segments.slice(0, first).map(renderSegment),
        <mark key={`reveal-${reveal?.key ?? 0}`} className="reveal" data-reveal="">
          {segments.slice(first, last + 1).map(renderSegment)}
        </mark>,
        ...segments.slice(last + 1).map(renderSegment),
      ];
    }
    return (
      <p className={allNoise ? 'para para-noise' : 'para'} data-para-start={paragraph.start} data-para-end={paragraph.end}>
        {body}
      </p>
    );
  },
  (a, b) =>
    a.text === b.text &&
    a.paragraph === b.paragraph &&
    a.spans === b.spans &&
    a.signature === b.signature &&
    a.selectedId === b.selectedId &&
    a.handles === b.handles &&
    a.reveal === b.reveal,
);

/** Colour strings are built once per colour (a thousand runs share a handful of tag colours). */
const tintCache = new Map<string, string>();
function layer(color: string): string {
  let value = tintCache.get(color);
  if (value === undefined) {
    value = tint(color, 0.24);
    tintCache.set(color, value);
  }
  return value;
}
function underline(color: string, depth: number): string {
  const key = `${color}/${depth}`;
  let value = tintCache.get(key);
  if (value === undefined) {
    value = `inset 0 -${depth * 2}px 0 ${tint(color, 0.85)}`;
    tintCache.set(key, value);
  }
  return value;
}

/**
 * One run of text under one or more highlights. Each annotation adds a translucent layer of its
 * colour (so overlaps darken and stay visible) and the underline thickens with the nesting depth;
 * claims add a dotted underline. `data-hl` lists the ids outer-first for the click handler.
 */
function HighlightRun({ segment, selectedId, piece = false, children }: { segment: LayoutSegment; selectedId: string | null; piece?: boolean; children: ReactNode }) {
  const notes = segment.covering.filter((h) => h.kind === 'annotation');
  const claims = segment.covering.filter((h) => h.kind === 'claim');
  const innermost = notes[notes.length - 1];
  const style: CSSProperties & Partial<Record<'--claim-color', string>> = {};
  if (claims.length > 0) style['--claim-color'] = claims[claims.length - 1]?.color ?? DEFAULT_CLAIM_COLOR;
  if (notes.length === 1) {
    // The common case, kept cheap for the style engine: one flat colour.
    style.backgroundColor = layer(notes[0]?.color ?? DEFAULT_HIGHLIGHT_COLOR);
    style.boxShadow = underline(innermost?.color ?? DEFAULT_HIGHLIGHT_COLOR, 1);
  } else if (notes.length > 1) {
    style.backgroundImage = notes.map((h) => `linear-gradient(${layer(h.color)}, ${layer(h.color)})`).join(', ');
    style.boxShadow = underline(innermost?.color ?? DEFAULT_HIGHLIGHT_COLOR, notes.length);
  }
  const className = [
    'hl',
    claims.length > 0 ? 'hl-claim' : '',
    notes.length > 1 || segment.covering.length > 1 ? 'hl-stacked' : '',
    selectedId && segment.covering.some((h) => h.id === selectedId) ? 'hl-selected' : '',
    segment.covering.some((h) => h.status === 'fuzzy') ? 'hl-fuzzy' : '',
  ]
    .filter(Boolean)
    .join(' ');
  const n = segment.covering.length;
  const title =
    (n > 1 ? `${n} highlights here: click again to select the next one outward` : segment.covering[0]?.kind === 'claim' ? 'Claim' : 'Highlight') +
    (segment.covering.some((h) => h.status === 'fuzzy') ? ' (moved by an edit: check it in the review list)' : '');
  return (
    <span
      className={className}
      style={style}
      data-hl={segment.covering.map((h) => h.id).join(' ')}
      data-depth={n}
      title={title}
      // A single-line run is also a text piece (its only child is the text), read by selectionOffsets.
      data-start={piece ? segment.start : undefined}
      data-end={piece ? segment.end : undefined}
    >
      {children}
    </span>
  );
}

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
