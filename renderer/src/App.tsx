/**
 * The application shell: top bar, corpus list, reader, inspector; import by button and by drop;
 * open/create notebooks; keyboard navigation between panes. All data comes through the API contract.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { FileContent, ImportResult, NotebookInfo, RecentNotebook } from '../../shared/api/contract';
import type { Article, ArticleSummary } from '../../shared/model/schemas';
import { useDossier, useDossierEvents, useLiveStatus } from './api/client';
import { CorpusList, type CorpusListHandle } from './components/CorpusList';
import { DropOverlay } from './components/DropOverlay';
import { Inspector } from './components/Inspector';
import { NotebookDialog, type NotebookPurpose } from './components/NotebookDialog';
import { ImportPanel } from './components/ImportPanel';
import { ErrorList, ImportSummary, type ImportOutcome, type Notice } from './components/Notices';
import { Reader, type SelectedRecord } from './components/Reader';
import { TopBar } from './components/TopBar';
import { bytesToBase64Async } from './lib/base64';
import { walkEntries, type EntryLike } from './lib/folderWalk';
import { baseName } from './lib/format';
import { applyProgress, applyResults, jobResults, settleWaiting, startJob, type ImportJob } from './lib/importJob';
import { articleToSelect, IMPORT_ACCEPT, newBatchId, planBatches, selectFolderFiles } from './lib/importPlan';
import { cyclePane } from './lib/listNavigation';
import { useUndo } from './lib/undo';
import type { MetaPatch } from './lib/metaForm';
import { guessClaim } from './lib/claimGuess';
import { onComparisonRequest } from './views/claims';
import { workspaceViews } from './views/registry';
import { CommandPalette, type PaletteAction } from './components/CommandPalette';
import { requestSearch } from './views/search';
import type { RevealTarget, ViewContext } from './views/types';

const LIST_PAGE = 20_000;
type Pane = 'toolbar' | 'list' | 'reader' | 'inspector';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const MOD = isMac ? 'Cmd' : 'Ctrl';

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function App() {
  const api = useDossier();
  const live = useLiveStatus();

  const [booting, setBooting] = useState(true);
  const [notebook, setNotebook] = useState<NotebookInfo | null>(null);
  const [articles, setArticles] = useState<ArticleSummary[]>([]);
  const [listLoading, setListLoading] = useState(false);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [article, setArticle] = useState<Article | null>(null);
  const [articleLoading, setArticleLoading] = useState(false);
  const [inspectorOpen, setInspectorOpen] = useState(true);
  const [errors, setErrors] = useState<Notice[]>([]);
  const [job, setJob] = useState<ImportJob | null>(null);
  const [summary, setSummary] = useState<ImportOutcome | null>(null);
  const [dialog, setDialog] = useState<NotebookPurpose | null>(null);
  const [recent, setRecent] = useState<RecentNotebook[]>([]);
  const [filter, setFilter] = useState('');
  const [hideNoise, setHideNoise] = useState(false);
  const [dragging, setDragging] = useState(false);
  /** The command palette (Ctrl/Cmd+K). */
  const [paletteOpen, setPaletteOpen] = useState(false);
  /** 'reader', or the id of a workspace view shown in the centre pane instead. */
  const [view, setView] = useState<string>('reader');
  /** Words to reveal in the reader; `key` changes on every request, so revealing the same place again works. */
  const [reveal, setReveal] = useState<(RevealTarget & { articleId: string; key: number }) | null>(null);
  const revealKey = useRef(0);
  /** The highlight or claim selected in the reader (shown in the Inspector); cleared when another article opens. */
  const [selectedRecord, setSelectedRecord] = useState<SelectedRecord | null>(null);

  const listRef = useRef<CorpusListHandle>(null);
  const readerRef = useRef<HTMLElement>(null);
  const inspectorRef = useRef<HTMLElement>(null);
  const toolbarRef = useRef<HTMLElement>(null);
  const filterRef = useRef<HTMLInputElement>(null);
  const fileInputRef = useRef<HTMLInputElement>(null);
  const folderInputRef = useRef<HTMLInputElement>(null);
  const listGeneration = useRef(0);
  const noticeId = useRef(0);
  /**
   * The running batch as the event handler and Cancel need it synchronously: its id, the rows the
   * call in flight covers (null for a path import, where the Node side expands folders), and
   * whether the user cancelled.
   */
  const running = useRef<{ batchId: string; callRows: number[] | null; cancelled: boolean } | null>(null);
  const notebookPath = useRef<string | null>(null);

  // ---- errors ----
  const reportError = useCallback((error: unknown, context?: string) => {
    const text = messageOf(error);
    const message = context ? `${context}: ${text}` : text;
    setErrors((list) => (list.some((n) => n.message === message) ? list : [...list, { id: ++noticeId.current, message }]));
  }, []);
  const dismissError = useCallback((id: number) => setErrors((list) => list.filter((n) => n.id !== id)), []);
  const { setErrorReporter } = useUndo();
  useEffect(() => setErrorReporter(reportError), [setErrorReporter, reportError]);
  useEffect(() => setSelectedRecord((r) => (r && r.articleId !== selectedId ? null : r)), [selectedId]);

  // ---- loading ----
  const loadList = useCallback(async (): Promise<ArticleSummary[] | null> => {
    const generation = ++listGeneration.current;
    setListLoading(true);
    try {
      const first = await api.call('articles.list', { offset: 0, limit: LIST_PAGE });
      let items = first.items;
      // Huge notebooks come in pages; stop if the host returns nothing more (no endless loop).
      while (items.length < first.total) {
        const next = await api.call('articles.list', { offset: items.length, limit: LIST_PAGE });
        if (next.items.length === 0) break;
        items = items.concat(next.items);
      }
      if (generation !== listGeneration.current) return null;
      setArticles(items);
      return items;
    } catch (error) {
      if (generation === listGeneration.current) reportError(error, 'Could not load the list of articles');
      return null;
    } finally {
      if (generation === listGeneration.current) setListLoading(false);
    }
  }, [api, reportError]);

  const applyNotebook = useCallback(
    (info: NotebookInfo | null) => {
      const changed = (info?.path ?? null) !== notebookPath.current;
      notebookPath.current = info?.path ?? null;
      setNotebook(info);
      if (changed) {
        setSelectedId(null);
        setArticle(null);
        setFilter('');
        setSummary(null);
        setArticles([]);
      }
      if (info) void loadList();
      else listGeneration.current++;
    },
    [loadList],
  );

  useEffect(() => {
    let cancelled = false;
    api
      .call('app.info', {})
      .then((info) => {
        if (!cancelled) applyNotebook(info.notebook);
      })
      .catch((error: unknown) => {
        if (!cancelled) reportError(error, 'Could not ask the Dossier host which notebook is open');
      })
      .finally(() => {
        if (!cancelled) setBooting(false);
      });
    return () => {
      cancelled = true;
    };
  }, [api, applyNotebook, reportError]);

  // Load the selected article's text. A short delay lets keyboard scanning through the list skip
  // the articles it only passes over.
  const loadedId = useRef<string | null>(null);
  useEffect(() => {
    if (selectedId === null) {
      loadedId.current = null;
      setArticle(null);
      setArticleLoading(false);
      return;
    }
    if (loadedId.current === selectedId) return;
    let cancelled = false;
    setArticleLoading(true);
    const timer = setTimeout(() => {
      api
        .call('articles.get', { id: selectedId })
        .then((loaded) => {
          if (cancelled) return;
          loadedId.current = loaded.id;
          setArticle(loaded);
        })
        .catch((error: unknown) => {
          if (!cancelled) reportError(error, 'Could not open the article');
        })
        .finally(() => {
          if (!cancelled) setArticleLoading(false);
        });
    }, 60);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [api, selectedId, reportError]);

  // When the list reloads with new metadata for the open article, show it in the reader too.
  useEffect(() => {
    setArticle((current) => {
      if (!current) return current;
      const fresh = articles.find((a) => a.id === current.id);
      if (!fresh) return current;
      const same =
        fresh.title === current.title &&
        fresh.outlet === current.outlet &&
        fresh.byline === current.byline &&
        fresh.publishedAt === current.publishedAt &&
        fresh.url === current.url &&
        fresh.language === current.language &&
        fresh.noise === current.noise &&
        fresh.noiseDismissed === current.noiseDismissed &&
        fresh.nearDuplicateOf === current.nearDuplicateOf;
      // The text and its hash stay together: a new text is loaded below, not patched in here.
      return same ? current : { ...current, ...fresh, text: current.text, contentHash: current.contentHash, length: current.length };
    });
  }, [articles]);

  // The open article's text changed elsewhere (an edit, the CLI, another window): load the new text,
  // so the reader and its highlights never show words the notebook no longer has.
  const openId = article?.id ?? null;
  const openHash = article?.contentHash ?? null;
  useEffect(() => {
    if (openId === null) return;
    const fresh = articles.find((a) => a.id === openId);
    if (!fresh || fresh.contentHash === openHash) return;
    let cancelled = false;
    api
      .call('articles.get', { id: openId })
      .then((loaded) => {
        if (!cancelled) setArticle((current) => (current && current.id === loaded.id ? loaded : current));
      })
      .catch((error: unknown) => {
        if (!cancelled) reportError(error, 'Could not reload the article');
      });
    return () => {
      cancelled = true;
    };
  }, [api, articles, openId, openHash, reportError]);

  // ---- events from the Node side ----
  const reloadTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const scheduleReload = useCallback(() => {
    if (reloadTimer.current) clearTimeout(reloadTimer.current);
    reloadTimer.current = setTimeout(() => {
      reloadTimer.current = null;
      if (notebookPath.current) void loadList();
    }, 150);
  }, [loadList]);
  useEffect(
    () => () => {
      if (reloadTimer.current) clearTimeout(reloadTimer.current);
    },
    [],
  );

  // ---- import ----
  const finishImport = useCallback(
    async (outcome: ImportOutcome) => {
      if (outcome.results.length === 0 && outcome.skipped === 0) return;
      setSummary(outcome);
      await loadList();
      const target = articleToSelect(outcome.results);
      if (target) setSelectedId(target);
    },
    [loadList],
  );

  const canStartImport = useCallback((): boolean => {
    if (!notebookPath.current) {
      reportError('Open or create a notebook before importing files.');
      return false;
    }
    if (running.current) {
      reportError('An import is already running; wait for it to finish or cancel it.');
      return false;
    }
    return true;
  }, [reportError]);

  /**
   * Imports files handed over by content, a batch of calls at a time, all under one batch id.
   * `path` is what the summary shows (a folder-relative path for files from a folder).
   */
  const importFiles = useCallback(
    async (files: ReadonlyArray<{ file: File; path: string }>, skipped = 0, extraFailures: ImportResult[] = []) => {
      if (files.length === 0 && extraFailures.length === 0) {
        if (skipped > 0) await finishImport({ results: [], skipped });
        return;
      }
      if (!canStartImport()) return;
      const batchId = newBatchId();
      running.current = { batchId, callRows: null, cancelled: false };
      let state = startJob(batchId, files.map((f) => f.path), skipped);
      const update = (next: ImportJob): void => {
        state = next;
        setJob(next);
      };
      update(state);
      setSummary(null);
      let stoppedBy: string | null = null;
      try {
        for (const batch of planBatches(files.map((f) => f.file.size))) {
          if (running.current.cancelled) break;
          const payload: FileContent[] = [];
          const payloadRows: number[] = [];
          const unreadable: Array<{ row: number; result: ImportResult }> = [];
          for (const index of batch) {
            const entry = files[index];
            if (!entry) continue;
            try {
              const bytes = new Uint8Array(await entry.file.arrayBuffer());
              payload.push({ name: entry.path, dataBase64: await bytesToBase64Async(bytes) });
              payloadRows.push(index);
            } catch (error) {
              unreadable.push({
                row: index,
                result: {
                  file: entry.path,
                  status: 'error',
                  articleId: null,
                  title: null,
                  error: `could not be read from the disk (${messageOf(error)})`,
                  nearDuplicateOf: null,
                  similarity: null,
                },
              });
            }
          }
          if (unreadable.length > 0) {
            update(
              applyResults(
                state,
                unreadable.map((u) => u.row),
                unreadable.map((u) => u.result),
              ),
            );
          }
          if (payload.length === 0 || running.current.cancelled) continue;
          running.current.callRows = payloadRows;
          const results = await api.call('articles.import', { files: payload, batchId });
          update(applyResults(state, payloadRows, results));
        }
      } catch (error) {
        stoppedBy = messageOf(error);
        reportError(error, 'The import stopped');
      } finally {
        running.current = null;
        update(settleWaiting(state, stoppedBy));
        setJob(null);
      }
      await finishImport({ results: [...extraFailures, ...jobResults(state)], skipped });
    },
    [api, canStartImport, finishImport, reportError],
  );

  /** Files and folders by path (the desktop app's dialog): the Node side reads and walks them. */
  const importPaths = useCallback(
    async (paths: string[]) => {
      if (paths.length === 0 || !canStartImport()) return;
      const batchId = newBatchId();
      running.current = { batchId, callRows: null, cancelled: false };
      setSummary(null);
      setJob(startJob(batchId, []));
      let results: ImportResult[] = [];
      try {
        results = await api.call('articles.importPaths', { paths, batchId });
      } catch (error) {
        reportError(error, 'Could not import the files');
      } finally {
        running.current = null;
        setJob(null);
      }
      await finishImport({ results, skipped: 0 });
    },
    [api, canStartImport, finishImport, reportError],
  );

  const cancelImport = useCallback(() => {
    const current = running.current;
    if (!current || current.cancelled) return;
    current.cancelled = true;
    setJob((j) => (j ? { ...j, cancelling: true } : j));
    // Files of later calls are never sent; the Node side stops the call in flight after its current file.
    api.call('articles.cancelImport', { batchId: current.batchId }).catch((error: unknown) => reportError(error, 'Could not cancel the import'));
  }, [api, reportError]);

  /** Files from a folder chosen with the folder picker (each carries its path inside the folder). */
  const importFolderFiles = useCallback(
    (list: readonly File[]) => {
      const found = list.map((file) => ({ file, path: file.webkitRelativePath || file.name }));
      const selection = selectFolderFiles(found);
      void importFiles(selection.files, selection.skippedHidden + selection.skippedUnsupported);
    },
    [importFiles],
  );

  /** A drop: loose files as they are, folders walked (hidden files and unknown formats skipped). */
  const importDrop = useCallback(
    async (loose: File[], folders: EntryLike[]) => {
      const walked = await walkEntries<File>(folders);
      const selection = selectFolderFiles(walked.files);
      const failures: ImportResult[] = walked.unreadable.map((u) => ({
        file: u.path,
        status: 'error',
        articleId: null,
        title: null,
        error: u.error,
        nearDuplicateOf: null,
        similarity: null,
      }));
      const files = [...loose.map((file) => ({ file, path: file.name })), ...selection.files];
      await importFiles(files, selection.skippedHidden + selection.skippedUnsupported + walked.skippedHiddenFolders, failures);
    },
    [importFiles],
  );

  const startImport = useCallback(async () => {
    if (!notebookPath.current) {
      reportError('Open or create a notebook before importing files.');
      return;
    }
    if (api.host === 'browser') {
      fileInputRef.current?.click();
      return;
    }
    try {
      const paths = await api.call('shell.chooseImportFiles', {});
      await importPaths(paths);
    } catch (error) {
      reportError(error, 'Could not import the files');
    }
  }, [api, importPaths, reportError]);

  const startFolderImport = useCallback(() => {
    if (!notebookPath.current) {
      reportError('Open or create a notebook before importing files.');
      return;
    }
    folderInputRef.current?.click();
  }, [reportError]);

  // ---- paste ----
  const importPaste = useCallback(
    async (content: { html: string; text: string }) => {
      if (!canStartImport()) return;
      const html = content.html.trim() === '' ? undefined : content.html;
      const text = content.text.trim() === '' ? undefined : content.text;
      if (!html && !text) {
        reportError('The clipboard holds no text to import as an article.');
        return;
      }
      setSummary(null);
      try {
        const result = await api.call('articles.paste', { ...(html ? { html } : {}), ...(text ? { text } : {}) });
        await finishImport({ results: [result], skipped: 0 });
      } catch (error) {
        reportError(error, 'Could not import the pasted content');
      }
    },
    [api, canStartImport, finishImport, reportError],
  );

  /** The "Paste as article" button: the asynchronous clipboard API (the browser may ask for permission). */
  const pasteFromClipboard = useCallback(async () => {
    if (!notebookPath.current) {
      reportError('Open or create a notebook before importing files.');
      return;
    }
    try {
      let html = '';
      let text = '';
      if (typeof navigator.clipboard.read === 'function') {
        for (const item of await navigator.clipboard.read()) {
          if (!html && item.types.includes('text/html')) html = await (await item.getType('text/html')).text();
          if (!text && item.types.includes('text/plain')) text = await (await item.getType('text/plain')).text();
        }
      } else {
        text = await navigator.clipboard.readText();
      }
      await importPaste({ html, text });
    } catch (error) {
      reportError(`Could not read the clipboard (${messageOf(error)}). Press ${MOD}+V in the window instead.`);
    }
  }, [importPaste, reportError]);

  useEffect(() => {
    const onPaste = (event: ClipboardEvent): void => {
      // Pasting into a field (the filter, the metadata form, a dialog) stays a normal paste.
      const target = event.target instanceof Element ? event.target : null;
      if (dialog || target?.closest('input, textarea, select, [contenteditable="true"], [contenteditable=""]')) return;
      const data = event.clipboardData;
      if (!data || !notebookPath.current) return;
      event.preventDefault();
      const files = Array.from(data.files);
      if (files.length > 0) {
        void importFiles(files.map((file) => ({ file, path: file.name })));
        return;
      }
      void importPaste({ html: data.getData('text/html'), text: data.getData('text/plain') });
    };
    window.addEventListener('paste', onPaste);
    return () => window.removeEventListener('paste', onPaste);
  }, [dialog, importFiles, importPaste]);

  // ---- noise ----
  const setNoise = useCallback(
    async (id: string, start: number, end: number, noise: boolean) => {
      try {
        const updated = await api.call('articles.setNoise', { id, start, end, noise });
        setArticles((list) => list.map((a) => (a.id === id ? updated : a)));
      } catch (error) {
        reportError(error, noise ? 'Could not mark the text as noise' : 'Could not unmark the noise');
      }
    },
    [api, reportError],
  );

  // ---- notebooks ----
  const openDialog = useCallback(
    (purpose: NotebookPurpose) => {
      setDialog(purpose);
      if (purpose === 'open') {
        api
          .call('notebook.recent', {})
          .then(setRecent)
          .catch(() => setRecent([])); // the list is a convenience; the path field still works
      }
    },
    [api],
  );

  const submitNotebook = useCallback(
    async (purpose: NotebookPurpose, path: string, name: string | null) => {
      const info =
        purpose === 'open'
          ? await api.call('notebook.open', { path })
          : await api.call('notebook.create', name ? { path, name } : { path });
      applyNotebook(info);
    },
    [api, applyNotebook],
  );

  const chooseFolder = useMemo(
    () =>
      api.host === 'electron'
        ? async () => api.call('shell.chooseNotebookFolder', { purpose: dialog ?? 'open' })
        : null,
    [api, dialog],
  );

  // ---- metadata ----
  const saveMeta = useCallback(
    async (id: string, patch: MetaPatch) => {
      const updated = await api.call('articles.updateMeta', { id, patch });
      setArticles((list) => list.map((a) => (a.id === id ? updated : a)));
      return updated;
    },
    [api],
  );

  const copyText = useCallback(
    (text: string, what: string) => {
      navigator.clipboard.writeText(text).catch((error: unknown) => reportError(error, `Could not copy the ${what}`));
    },
    [reportError],
  );

  // ---- panes and keyboard ----
  const focusPane = useCallback((pane: Pane | null) => {
    if (pane === 'list') listRef.current?.focus();
    else if (pane === 'reader') readerRef.current?.focus();
    else if (pane === 'inspector') inspectorRef.current?.focus();
    else if (pane === 'toolbar') toolbarRef.current?.querySelector<HTMLButtonElement>('button:not(:disabled)')?.focus();
  }, []);

  const toggleInspector = useCallback(() => setInspectorOpen((open) => !open), []);
  const focusFilter = useCallback(() => {
    filterRef.current?.focus();
    filterRef.current?.select();
  }, []);
  /** "Find…" (menu, Ctrl/Cmd+F in the desktop app): the Search view, its box focused. */
  const focusSearch = useCallback(() => {
    setView('search');
    setTimeout(() => document.querySelector<HTMLInputElement>('.search-input')?.focus(), 0);
  }, []);

  useDossierEvents((event) => {
    switch (event.type) {
      case 'import.progress': {
        // Only this page's batch: other windows and the CLI import into the same notebook too.
        const current = running.current;
        if (!current || event.batchId !== current.batchId) break;
        setJob((j) => (j ? applyProgress(j, current.callRows, event) : j));
        break;
      }
      case 'notebook.changed':
        applyNotebook(event.notebook);
        break;
      case 'articles.changed':
        scheduleReload();
        break;
      case 'menu.command':
        if (event.command === 'import') void startImport();
        else if (event.command === 'focus-search') focusSearch();
        else toggleInspector();
        break;
    }
  });

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (dialog) return;
      const mod = isMac ? event.metaKey : event.ctrlKey;
      if (event.key === 'F6') {
        event.preventDefault();
        const panes: Pane[] = ['toolbar', 'list', 'reader', ...(inspectorOpen ? (['inspector'] as const) : [])];
        const current = (document.activeElement?.closest('[data-pane]')?.getAttribute('data-pane') ?? null) as Pane | null;
        focusPane(cyclePane(panes, current, event.shiftKey));
        return;
      }
      if (!mod || event.altKey) return;
      const key = event.key.toLowerCase();
      if (key === 'i' && !event.shiftKey) {
        event.preventDefault();
        void startImport();
      } else if (key === 'o' && !event.shiftKey) {
        event.preventDefault();
        openDialog('open');
      } else if (key === '\\') {
        event.preventDefault();
        toggleInspector();
      } else if (key === 'k' && !event.shiftKey) {
        event.preventDefault();
        setPaletteOpen((open) => !open);
      } else if (key === 'f' && event.shiftKey) {
        event.preventDefault();
        focusFilter();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [dialog, inspectorOpen, focusPane, startImport, openDialog, toggleInspector, focusFilter]);

  // ---- drag and drop anywhere on the window ----
  useEffect(() => {
    let depth = 0;
    const hasFiles = (event: DragEvent): boolean => Array.from(event.dataTransfer?.types ?? []).includes('Files');
    const onEnter = (event: DragEvent): void => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      depth++;
      setDragging(true);
    };
    const onOver = (event: DragEvent): void => {
      // An in-page target (the brief editor taking a claim, the tag tree) accepted this drag: leave it.
      if (event.defaultPrevented && !hasFiles(event)) return;
      // Otherwise prevent the default: a file or link dropped outside a handler would navigate the window.
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = hasFiles(event) ? 'copy' : 'none';
    };
    const onLeave = (event: DragEvent): void => {
      if (!hasFiles(event)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const onDrop = (event: DragEvent): void => {
      event.preventDefault();
      depth = 0;
      setDragging(false);
      // Entries must be taken now: the drop's items are emptied once this handler returns.
      const loose: File[] = [];
      const folders: EntryLike[] = [];
      const items = Array.from(event.dataTransfer?.items ?? []).filter((item) => item.kind === 'file');
      for (const item of items) {
        const entry = typeof item.webkitGetAsEntry === 'function' ? item.webkitGetAsEntry() : null;
        if (entry?.isDirectory) folders.push(entry);
        else {
          const file = item.getAsFile();
          if (file) loose.push(file);
        }
      }
      if (items.length === 0) loose.push(...Array.from(event.dataTransfer?.files ?? []));
      if (loose.length > 0 || folders.length > 0) void importDrop(loose, folders);
    };
    window.addEventListener('dragenter', onEnter);
    window.addEventListener('dragover', onOver);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragenter', onEnter);
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('drop', onDrop);
    };
  }, [importDrop]);

  // ---- derived ----
  const visible = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    if (needle === '') return articles;
    return articles.filter(
      (a) => a.title.toLowerCase().includes(needle) || (a.outlet ?? '').toLowerCase().includes(needle) || (a.byline ?? '').toLowerCase().includes(needle),
    );
  }, [articles, filter]);
  const selectedSummary = useMemo(() => articles.find((a) => a.id === selectedId) ?? null, [articles, selectedId]);
  const titles = useMemo(() => new Map(articles.map((a) => [a.id, a.title])), [articles]);
  const titleOf = useCallback((id: string): string | null => titles.get(id) ?? null, [titles]);

  const openArticle = useCallback(
    (articleId: string, target?: RevealTarget) => {
      if (!visible.some((a) => a.id === articleId)) setFilter('');
      setSelectedId(articleId);
      setView('reader');
      setReveal(target ? { ...target, articleId, key: ++revealKey.current } : null);
    },
    [visible],
  );

  // ---- claims: the reader's "Claim" makes one on the selection, guessing speaker and kind ----
  const { push: pushUndo } = useUndo();
  const createClaim = useCallback(
    async (range: { start: number; end: number }) => {
      if (!article) return;
      const guess = guessClaim(article.text, range);
      try {
        const claim = await api.call('claims.create', { articleId: article.id, target: range, speaker: guess.speaker, kind: guess.kind });
        setSelectedRecord({ kind: 'claim', articleId: claim.articleId, id: claim.id });
        setInspectorOpen(true);
        pushUndo({
          label: 'Create claim',
          undo: async () => {
            await api.call('claims.delete', { articleId: claim.articleId, id: claim.id });
          },
          redo: async () => {
            await api.call('claims.restore', { claim, incoming: [] });
          },
        });
      } catch (error) {
        reportError(error, 'Could not make the claim');
      }
    },
    [api, article, pushUndo, reportError],
  );
  // "Compare" on a claim (Inspector) opens the comparison in the Claims view.
  useEffect(() => onComparisonRequest(() => setView('claims')), []);

  const viewContext = useMemo<ViewContext | null>(
    () =>
      notebook
        ? {
            notebook,
            articles,
            selectedArticleId: selectedId,
            openArticle,
            showView: setView,
            reportError,
            mod: MOD,
          }
        : null,
    [notebook, articles, selectedId, openArticle, reportError],
  );
  const activeView = view === 'reader' ? null : (workspaceViews.find((v) => v.id === view) ?? null);

  // ---- command palette: actions and every workspace view ----
  const paletteActions = useMemo<PaletteAction[]>(
    () => [
      { id: 'import', label: 'Import files…', detail: `${MOD}+I`, keywords: 'add open documents', run: () => void startImport() },
      { id: 'open', label: 'Open notebook…', detail: `${MOD}+O`, run: () => openDialog('open') },
      { id: 'create', label: 'New notebook…', keywords: 'create', run: () => openDialog('create') },
      { id: 'inspector', label: 'Toggle inspector', detail: `${MOD}+\\`, keywords: 'show hide panel', run: toggleInspector },
      { id: 'filter', label: 'Filter articles', detail: `${MOD}+Shift+F`, keywords: 'corpus list', run: () => setTimeout(focusFilter, 0) },
      ...(notebook
        ? [{ id: 'reader', label: 'Reader', group: 'view' as const, keywords: 'view go to', run: () => setView('reader') },
           ...workspaceViews.map((v) => ({ id: `view:${v.id}`, label: v.label, group: 'view' as const, keywords: 'view go to', run: () => setView(v.id) }))]
        : []),
    ],
    [notebook, startImport, openDialog, toggleInspector, focusFilter],
  );
  const searchFromPalette = useCallback((query: string) => {
    setView('search');
    requestSearch(query);
  }, []);

  const notebookName = notebook ? notebook.meta.name || baseName(notebook.path) : null;
  const problems = notebook?.problems ?? [];

  const noNotebook = (
    <div className="welcome">
      <h2>No notebook is open</h2>
      <p>A notebook is a folder that holds your articles, highlights and claims. Open one or create a new one to start.</p>
      <div className="form-actions">
        <button type="button" className="button primary" onClick={() => openDialog('open')}>
          Open existing notebook…
        </button>
        <button type="button" className="button" onClick={() => openDialog('create')}>
          Create a notebook…
        </button>
      </div>
    </div>
  );

  let readerEmpty: ReactNode;
  if (booting) readerEmpty = <p className="muted">Connecting to Dossier…</p>;
  else if (!notebook) readerEmpty = noNotebook;
  else if (articles.length === 0 && !listLoading)
    readerEmpty = (
      <div className="welcome">
        <h2>This notebook is empty</h2>
        <p>Drop files or folders here (text, Markdown, HTML, MHTML, PDF, Word), use Import files…, or paste with {MOD}+V.</p>
      </div>
    );
  else readerEmpty = <p className="muted">Select an article in the list to read it.</p>;

  return (
    <div className={inspectorOpen ? 'app with-inspector' : 'app'}>
      <TopBar
        ref={toolbarRef}
        notebookName={notebookName}
        notebookPath={notebook?.path ?? null}
        articleCount={articles.length}
        problemCount={problems.length}
        importing={job !== null}
        inspectorOpen={inspectorOpen}
        live={live}
        mod={MOD}
        onOpen={() => openDialog('open')}
        onCreate={() => openDialog('create')}
        onImport={() => void startImport()}
        onImportFolder={startFolderImport}
        onPaste={() => void pasteFromClipboard()}
        onToggleInspector={toggleInspector}
        onShowProblems={() => {
          setInspectorOpen(true);
          setTimeout(() => inspectorRef.current?.focus(), 0);
        }}
      />
      <input
        ref={fileInputRef}
        type="file"
        multiple
        accept={IMPORT_ACCEPT}
        aria-label="Choose files to import"
        className="visually-hidden"
        tabIndex={-1}
        onChange={(event) => {
          const files = Array.from(event.target.files ?? []);
          event.target.value = ''; // choosing the same files again must fire change again
          void importFiles(files.map((file) => ({ file, path: file.name })));
        }}
      />
      <input
        ref={(el) => {
          folderInputRef.current = el;
          // Not a React prop: set the DOM property so the picker chooses folders (Chromium, Electron).
          if (el) el.webkitdirectory = true;
        }}
        type="file"
        multiple
        aria-label="Choose a folder to import"
        className="visually-hidden"
        tabIndex={-1}
        onChange={(event) => {
          const files = Array.from(event.target.files ?? []);
          event.target.value = '';
          importFolderFiles(files);
        }}
      />
      <div className="notices">
        <ErrorList errors={errors} onDismiss={dismissError} />
        {job ? <ImportPanel job={job} titleOf={titleOf} onCancel={cancelImport} /> : null}
        <ImportSummary outcome={summary} titleOf={titleOf} onDismiss={() => setSummary(null)} />
      </div>
      <div className="panes">
        <nav
          className="pane corpus"
          aria-label="Corpus"
          data-pane="list"
          onKeyDown={(event) => {
            // "/" in the list jumps to its filter (typing "/" in the filter itself stays a character).
            if (event.key === '/' && !event.ctrlKey && !event.metaKey && !event.altKey && event.target !== filterRef.current) {
              event.preventDefault();
              focusFilter();
            }
          }}
        >
          <div className="corpus-header">
            <input
              ref={filterRef}
              type="search"
              className="corpus-filter"
              aria-label="Filter articles"
              placeholder={`Filter by title, outlet, byline (${MOD}+Shift+F or /)`}
              value={filter}
              disabled={!notebook}
              onChange={(event) => setFilter(event.target.value)}
              onKeyDown={(event) => {
                if (event.key === 'ArrowDown' || event.key === 'Enter') {
                  event.preventDefault();
                  if (selectedId === null || !visible.some((a) => a.id === selectedId)) {
                    const first = visible[0];
                    if (first) setSelectedId(first.id);
                  }
                  listRef.current?.focus();
                } else if (event.key === 'Escape' && filter !== '') {
                  event.preventDefault();
                  setFilter('');
                }
              }}
            />
            <span className="corpus-count muted" aria-live="off">
              {listLoading ? 'Loading…' : filter ? `${visible.length.toLocaleString()} of ${articles.length.toLocaleString()}` : ''}
            </span>
          </div>
          <CorpusList
            ref={listRef}
            items={visible}
            selectedId={selectedId}
            onSelect={setSelectedId}
            onOpen={() => focusPane('reader')}
            titleOf={titleOf}
            emptyText={
              !notebook ? 'No notebook open.' : listLoading ? 'Loading articles…' : filter ? `No articles match “${filter}”.` : 'No articles yet.'
            }
          />
        </nav>
        <div className="centre">
        {workspaceViews.length > 0 && notebook ? (
          <div className="view-tabs" role="tablist" aria-label="Views">
            {[{ id: 'reader', label: 'Reader' }, ...workspaceViews].map((v) => (
              <button
                key={v.id}
                type="button"
                role="tab"
                id={`view-tab-${v.id}`}
                aria-selected={(activeView?.id ?? 'reader') === v.id}
                aria-controls={v.id === 'reader' ? 'reader-pane' : `view-${v.id}`}
                tabIndex={(activeView?.id ?? 'reader') === v.id ? 0 : -1}
                className="view-tab"
                onClick={() => setView(v.id)}
                onKeyDown={(event) => {
                  if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
                  event.preventDefault();
                  const ids = ['reader', ...workspaceViews.map((w) => w.id)];
                  const next = ids[(ids.indexOf(v.id) + (event.key === 'ArrowRight' ? 1 : ids.length - 1)) % ids.length]!;
                  setView(next);
                  document.getElementById(`view-tab-${next}`)?.focus();
                }}
              >
                {v.label}
              </button>
            ))}
          </div>
        ) : null}
        {activeView && viewContext ? (
          <section
            id={`view-${activeView.id}`}
            className="pane workspace-view"
            role="tabpanel"
            aria-labelledby={`view-tab-${activeView.id}`}
            data-pane="reader"
            tabIndex={-1}
          >
            {activeView.render(viewContext)}
          </section>
        ) : (
        <Reader
          ref={readerRef}
          reveal={reveal && reveal.articleId === selectedId ? reveal : null}
          summary={selectedSummary}
          article={article}
          loading={articleLoading}
          hideNoise={hideNoise}
          onHideNoiseChange={setHideNoise}
          onEscape={() => focusPane('list')}
          onCopy={copyText}
          onSetNoise={setNoise}
          selectedRecord={selectedRecord}
          onSelectRecord={setSelectedRecord}
          onCreateClaim={(range) => void createClaim(range)}
          onError={reportError}
          mod={MOD}
          empty={readerEmpty}
        />
        )}
        </div>
        {inspectorOpen ? (
          <Inspector
            ref={inspectorRef}
            problems={problems}
            summary={selectedSummary}
            article={article}
            onSave={saveMeta}
            selectedRecord={selectedRecord}
            onSelectRecord={setSelectedRecord}
            onReveal={(articleId, range) => openArticle(articleId, range)}
            onError={reportError}
            titleOf={titleOf}
            onOpenArticle={(id) => {
              // Keep the filter when the article passes it; otherwise clear it so the selection is visible.
              if (!visible.some((a) => a.id === id)) setFilter('');
              setSelectedId(id);
            }}
          />
        ) : null}
      </div>
      {dragging ? <DropOverlay canImport={notebook !== null} /> : null}
      {paletteOpen && !dialog ? (
        <CommandPalette
          actions={paletteActions}
          articles={articles}
          hasNotebook={notebook !== null}
          onClose={() => setPaletteOpen(false)}
          openArticle={openArticle}
          showView={setView}
          onSearch={searchFromPalette}
          reportError={reportError}
        />
      ) : null}
      {dialog ? (
        <NotebookDialog
          key={dialog}
          purpose={dialog}
          recent={recent}
          chooseFolder={chooseFolder}
          onSubmit={submitNotebook}
          onClose={() => setDialog(null)}
        />
      ) : null}
    </div>
  );
}
