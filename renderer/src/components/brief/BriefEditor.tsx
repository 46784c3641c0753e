/**
 * The brief editor: Tiptap with Dossier's brief nodes (citations numbered live, key judgments with
 * ICD 203 selects, generated sections previewed from the notebook), citing by drag and drop or by
 * the typed command, the checker's advice as underlines and a side list, history and export.
 * Autosaves (debounced ~800 ms; flushed on blur, before export/snapshot/restore, on switching
 * brief and on unload); "Saving…/Saved" is announced in a status region.
 */
import Placeholder from '@tiptap/extension-placeholder';
import { EditorContent, useEditor, useEditorState, type JSONContent } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { useCallback, useEffect, useId, useMemo, useRef, useState, type FocusEvent, type KeyboardEvent, type MouseEvent } from 'react';
import { checkBrief, type BriefIssue } from '../../../../shared/brief/checker';
import { wordCount, type DocNode } from '../../../../shared/brief/doc';
import type { BriefBlock } from '../../../../shared/brief/model';
import type { Brief, Claim, Source } from '../../../../shared/model/schemas';
import { useDossier } from '../../api/client';
import { editorSafeDoc, type ClaimCard } from '../../lib/briefClaims';
import { generatedSectionPreviews } from '../../lib/briefPreview';
import type { ViewContext } from '../../views/types';
import { CheckerDecorations, checkerKey, issuesAt, placeIssues, setCheckerIssues } from './CheckerDecorations';
import { Citation, refreshCitations } from './Citation';
import { ClaimDrop } from './ClaimDrop';
import { ClaimPicker, CiteDialog } from './ClaimPicker';
import { HighlightPicker } from './HighlightPicker';
import { ExportMenu } from './ExportMenu';
import { GeneratedPreviewContext, GeneratedSection, type GeneratedPreview } from './GeneratedSection';
import { HistoryPanel } from './HistoryPanel';
import { Judgment } from './Judgment';
import './brief.css';

const SAVE_DELAY_MS = 800;
const CHECK_DELAY_MS = 300;

type SaveState = 'saved' | 'unsaved' | 'saving' | 'error';

const ISSUE_LABELS: Record<BriefIssue['kind'], string> = {
  'non-standard-likelihood': 'Non-standard likelihood word',
  'mixed-likelihood-confidence': 'Likelihood and confidence in one sentence',
  'uncited-judgment': 'Judgment without a citation',
  'single-origin': 'Single origin',
  'low-credibility': 'Low-credibility source',
};

export interface BriefEditorProps {
  briefId: string;
  context: ViewContext;
  claims: readonly Claim[];
  cards: readonly ClaimCard[];
  sources: readonly Source[];
  claimsLoading: boolean;
  /** Reloads claims and sources (the Refresh of generated sections). */
  reloadData(): Promise<void>;
  /** After each save: the brief as stored (the list shows its updated time). */
  onSaved(brief: Brief): void;
}

export function BriefEditor({ briefId, context, claims, cards, sources, claimsLoading, reloadData, onSaved }: BriefEditorProps) {
  const api = useDossier();
  const { reportError, openArticle, articles, notebook } = context;
  const [brief, setBrief] = useState<Brief | null>(null);
  const [saveState, setSaveState] = useState<SaveState>('saved');
  const [rev, setRev] = useState(0);
  const [issues, setIssues] = useState<BriefIssue[]>([]);
  const [caretIssues, setCaretIssues] = useState<number[]>([]);
  const [previews, setPreviews] = useState<BriefBlock[][]>([]);
  const [refreshing, setRefreshing] = useState(false);
  const [tab, setTab] = useState<'claims' | 'highlights' | 'checks' | 'history'>('claims');
  const [citeAt, setCiteAt] = useState<{ left: number; top: number } | null>(null);
  const [hover, setHover] = useState<{ claimId: string; rect: DOMRect } | null>(null);
  const [readOnlyReason, setReadOnlyReason] = useState<string | null>(null);
  const tooltipId = useId();
  const tabsId = useId();

  const cardsById = useMemo(() => new Map(cards.map((c) => [c.claimId, c])), [cards]);
  const cardsRef = useRef(cardsById);
  cardsRef.current = cardsById;
  const openCiteRef = useRef<() => void>(() => undefined);
  /** Makes a highlight a claim (or finds the claim already on its words); resolves with the claim id. */
  const claimForHighlightRef = useRef<(h: { articleId: string; id: string }) => Promise<string | null>>(async () => null);

  // ---- autosave ----
  const pending = useRef<DocNode | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const chain = useRef<Promise<void>>(Promise.resolve());
  const onSavedRef = useRef(onSaved);
  onSavedRef.current = onSaved;

  const flush = useCallback((): Promise<void> => {
    if (timer.current) {
      clearTimeout(timer.current);
      timer.current = null;
    }
    const doc = pending.current;
    if (doc) {
      pending.current = null;
      setSaveState('saving');
      chain.current = chain.current.then(async () => {
        try {
          const saved = await api.call('briefs.update', { id: briefId, doc: doc as { type: string } });
          onSavedRef.current(saved);
          if (!pending.current) setSaveState('saved');
        } catch (error) {
          // Keep the words to retry with the next change or flush; never drop them silently.
          pending.current ??= doc;
          setSaveState('error');
          reportError(error, 'Could not save the brief');
        }
      });
    }
    return chain.current;
  }, [api, briefId, reportError]);
  const flushRef = useRef(flush);
  flushRef.current = flush;

  const editor = useEditor({
    extensions: [
      StarterKit.configure({
        link: false,
        code: false,
        codeBlock: false,
        blockquote: false,
        strike: false,
        underline: false,
        horizontalRule: false,
        heading: { levels: [1, 2, 3] },
      }),
      Placeholder.configure({ placeholder: 'Write the brief. Drag claims here from the panel, or type /cite.' }),
      Citation.configure({
        describe: (id) => {
          const card = cardsRef.current.get(id);
          return card ? `“${card.quote}”${card.outlet ? ` — ${card.outlet}` : ''}` : null;
        },
      }),
      Judgment,
      GeneratedSection,
      CheckerDecorations,
      ClaimDrop.configure({ onCiteCommand: () => openCiteRef.current(), onHighlightDrop: (h) => claimForHighlightRef.current(h) }),
    ],
    content: null,
    injectCSS: false, // the CSP forbids injected <style>; brief.css has what the editor needs
    immediatelyRender: true,
    shouldRerenderOnTransaction: false,
    editable: false, // until the brief is loaded
    editorProps: {
      attributes: { role: 'textbox', 'aria-multiline': 'true', 'aria-label': 'Brief text', class: 'brief-content', spellcheck: 'true' },
    },
    onUpdate: ({ editor: ed }) => {
      pending.current = ed.getJSON() as DocNode;
      setSaveState('unsaved');
      setRev((r) => r + 1);
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void flushRef.current(), SAVE_DELAY_MS);
    },
    onBlur: () => void flushRef.current(),
    onSelectionUpdate: ({ editor: ed }) => setCaretIssues(issuesAt(ed.state, ed.state.selection.from)),
  });

  // Load the brief into the editor (outside its undo history: loading is not an edit).
  const showDoc = useCallback(
    (loaded: Brief) => {
      if (editor.isDestroyed) return; // an undo of a restore may land after the editor closed
      const names = { nodes: new Set(Object.keys(editor.schema.nodes)), marks: new Set(Object.keys(editor.schema.marks)) };
      const doc = editorSafeDoc(loaded.doc as DocNode | null, names);
      editor.chain().setMeta('addToHistory', false).setContent(doc as JSONContent, { emitUpdate: false }).run();
      if (wordCount(doc) > 0 && editor.isEmpty) {
        // The schema refused the document: show nothing editable rather than overwrite it on the next save.
        setReadOnlyReason('This brief’s document could not be shown in the editor; it is left unchanged on disk. Export it, or restore a snapshot.');
        editor.setEditable(false);
      } else {
        setReadOnlyReason(null);
        editor.setEditable(true);
      }
      pending.current = null;
      setSaveState('saved');
      setRev((r) => r + 1);
    },
    [editor],
  );

  useEffect(() => {
    let cancelled = false;
    api
      .call('briefs.get', { id: briefId })
      .then((loaded) => {
        if (cancelled) return;
        setBrief(loaded);
        showDoc(loaded);
      })
      .catch((error: unknown) => {
        if (!cancelled) reportError(error, 'Could not open the brief');
      });
    return () => {
      cancelled = true;
    };
  }, [api, briefId, reportError, showDoc]);

  // Switching brief or leaving the view saves what was typed; so does closing the window.
  useEffect(() => {
    const onUnload = (): void => void flushRef.current();
    window.addEventListener('beforeunload', onUnload);
    return () => {
      window.removeEventListener('beforeunload', onUnload);
      void flushRef.current();
    };
  }, []);

  // Citations describe their claims: redraw them when the claims arrive or change.
  useEffect(() => {
    if (!editor.isDestroyed) refreshCitations(editor.view);
  }, [editor, cardsById]);

  // ---- checker and previews, debounced: typing never waits for them ----
  useEffect(() => {
    const t = setTimeout(() => {
      if (editor.isDestroyed) return;
      const doc = editor.state.doc;
      const found = checkBrief(doc.toJSON() as DocNode, { claims });
      setCheckerIssues(editor.view, placeIssues(doc, found));
      setIssues(found);
      setCaretIssues(issuesAt(editor.state, editor.state.selection.from));
    }, CHECK_DELAY_MS);
    return () => clearTimeout(t);
  }, [editor, rev, claims]);

  useEffect(() => {
    const t = setTimeout(() => {
      if (editor.isDestroyed) return;
      try {
        setPreviews(
          generatedSectionPreviews(editor.state.doc.toJSON() as DocNode, {
            title: brief?.title ?? '',
            notebookName: notebook.meta.name,
            claims,
            articles,
            sources,
            now: new Date(),
          }),
        );
      } catch (error) {
        reportError(error, 'Could not preview the generated sections');
      }
    }, CHECK_DELAY_MS);
    return () => clearTimeout(t);
  }, [editor, rev, claims, articles, sources, brief?.title, notebook.meta.name, reportError]);

  // ---- citing ----
  const openCitation = useCallback(
    (claimId: string) => {
      const card = cardsRef.current.get(claimId);
      if (!card) {
        reportError(`The claim this citation points to (${claimId}) is no longer in the notebook.`, 'Cannot open the citation');
        return;
      }
      void flushRef.current();
      openArticle(card.articleId, { start: card.start, end: card.end });
    },
    [openArticle, reportError],
  );

  const cite = useCallback(
    (claimId: string) => {
      setCiteAt(null);
      if (!editor.isEditable) return;
      editor.chain().focus().insertCitation(claimId).run();
    },
    [editor],
  );

  claimForHighlightRef.current = async ({ articleId, id }) => {
    try {
      const highlight = (await api.call('annotations.list', { articleId })).find((a) => a.id === id);
      if (!highlight) throw new Error('This highlight no longer exists.');
      const { start, end } = highlight.target;
      const existing = (await api.call('claims.list', { articleId })).find((c) => c.target.start === start && c.target.end === end);
      const claim =
        existing ??
        (await api.call('claims.create', { articleId, target: { start, end }, statement: highlight.target.exact }));
      if (!existing) await reloadData();
      return claim.id;
    } catch (error) {
      reportError(error, 'Could not cite the highlight');
      return null;
    }
  };

  const citeHighlight = useCallback(
    (highlight: { articleId: string; id: string }) => {
      void claimForHighlightRef.current(highlight).then((claimId) => {
        if (claimId) cite(claimId);
      });
    },
    [cite],
  );

  openCiteRef.current = () => {
    if (!editor.isEditable) return;
    const coords = editor.view.coordsAtPos(editor.state.selection.from);
    setCiteAt({ left: coords.left, top: coords.bottom });
  };

  const citationAt = (target: EventTarget | null): HTMLElement | null =>
    target instanceof Element ? (target.closest('[data-type="citation"]') as HTMLElement | null) : null;

  const showCard = (el: HTMLElement | null): void => {
    const id = el?.dataset.claimId;
    if (!el || !id) return;
    el.setAttribute('aria-describedby', tooltipId);
    setHover({ claimId: id, rect: el.getBoundingClientRect() });
  };
  const hideCard = (): void => setHover(null);

  const onEditorClick = (event: MouseEvent<HTMLDivElement>): void => {
    const el = citationAt(event.target);
    if (!el?.dataset.claimId || event.shiftKey || event.metaKey || event.ctrlKey || event.altKey) return;
    event.preventDefault();
    openCitation(el.dataset.claimId);
  };
  const onEditorKey = (event: KeyboardEvent<HTMLDivElement>): void => {
    const el = citationAt(event.target);
    if (el?.dataset.claimId && (event.key === 'Enter' || event.key === ' ') && event.target === el) {
      event.preventDefault();
      openCitation(el.dataset.claimId);
    }
  };

  const tooltipRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = tooltipRef.current;
    if (!el || !hover) return;
    el.style.left = `${Math.max(8, Math.min(hover.rect.left, window.innerWidth - 380))}px`;
    el.style.top = `${hover.rect.bottom + 6}px`;
  }, [hover]);
  const hoverCard = hover ? (cardsById.get(hover.claimId) ?? null) : null;

  // ---- generated sections ----
  const refresh = useCallback(async () => {
    setRefreshing(true);
    try {
      await reloadData();
      setRev((r) => r + 1);
    } finally {
      setRefreshing(false);
    }
  }, [reloadData]);
  const preview = useMemo<GeneratedPreview>(
    () => ({ sectionBlocks: (i) => previews[i] ?? null, refreshing, refresh: () => void refresh(), openCitation }),
    [previews, refreshing, refresh, openCitation],
  );

  // ---- checks list ----
  const showIssue = (index: number): void => {
    const set = checkerKey.getState(editor.state);
    const deco = set?.find(undefined, undefined, (spec) => (spec as { issue?: number }).issue === index)[0];
    if (!deco) return;
    // A whole-block issue (a node decoration) selects the block's text, not across its edges.
    const block = (deco.spec as { block?: boolean }).block === true;
    const from = block ? deco.from + 1 : deco.from;
    const to = block ? Math.max(from, deco.to - 1) : deco.to;
    editor.chain().focus().setTextSelection({ from, to }).scrollIntoView().run();
  };

  const active = useEditorState({
    editor,
    selector: ({ editor: ed }) => ({
      bold: ed.isActive('bold'),
      italic: ed.isActive('italic'),
      h2: ed.isActive('heading', { level: 2 }),
      h3: ed.isActive('heading', { level: 3 }),
      bullet: ed.isActive('bulletList'),
      ordered: ed.isActive('orderedList'),
    }),
  });

  const saveLabel = saveState === 'saving' ? 'Saving…' : saveState === 'unsaved' ? 'Unsaved changes' : saveState === 'error' ? 'Not saved' : 'Saved';
  const mod = context.mod;

  return (
    <div className="brief-editor">
      <div className="brief-main">
        <div className="brief-toolbar" role="toolbar" aria-label="Brief formatting">
          <Tool label="Bold" shortcut={`${mod}+B`} pressed={active.bold} onPress={() => editor.chain().focus().toggleBold().run()}>
            <b aria-hidden="true">B</b>
          </Tool>
          <Tool label="Italic" shortcut={`${mod}+I`} pressed={active.italic} onPress={() => editor.chain().focus().toggleItalic().run()}>
            <i aria-hidden="true">I</i>
          </Tool>
          <Tool label="Section heading" pressed={active.h2} onPress={() => editor.chain().focus().toggleHeading({ level: 2 }).run()}>
            H2
          </Tool>
          <Tool label="Subheading" pressed={active.h3} onPress={() => editor.chain().focus().toggleHeading({ level: 3 }).run()}>
            H3
          </Tool>
          <Tool label="Bullet list" pressed={active.bullet} onPress={() => editor.chain().focus().toggleBulletList().run()}>
            •≡
          </Tool>
          <Tool label="Numbered list" pressed={active.ordered} onPress={() => editor.chain().focus().toggleOrderedList().run()}>
            1.≡
          </Tool>
          <Tool label="Key judgment" onPress={() => editor.chain().focus().insertJudgment().run()}>
            Judgment
          </Tool>
          <Tool label="Cite a claim" shortcut={`${mod}+Shift+C or /cite`} onPress={() => openCiteRef.current()}>
            Cite…
          </Tool>
          <span className="toolbar-spacer" />
          <ExportMenu briefId={briefId} beforeExport={flush} reportError={reportError} />
          <span role="status" className={`save-status ${saveState}`} data-testid="brief-save-status">
            {saveLabel}
          </span>
        </div>
        {readOnlyReason ? (
          <p className="brief-readonly" role="note">
            {readOnlyReason}
          </p>
        ) : null}
        <GeneratedPreviewContext.Provider value={preview}>
          <div
            className="brief-page"
            onClick={onEditorClick}
            onKeyDown={onEditorKey}
            onMouseOver={(event) => showCard(citationAt(event.target))}
            onMouseOut={(event) => citationAt(event.target) && hideCard()}
            onFocus={(event: FocusEvent<HTMLDivElement>) => showCard(citationAt(event.target))}
            onBlur={(event: FocusEvent<HTMLDivElement>) => citationAt(event.target) && hideCard()}
          >
            {brief ? null : <p className="muted">Opening the brief…</p>}
            <EditorContent editor={editor} />
          </div>
        </GeneratedPreviewContext.Provider>
        <div className="caret-issues" aria-live="polite">
          {caretIssues.map((i) => {
            const issue = issues[i];
            return issue ? (
              <p key={i} className={`caret-issue brief-issue-${issue.kind}`}>
                <strong>{ISSUE_LABELS[issue.kind]}:</strong> {issue.message}
              </p>
            ) : null;
          })}
        </div>
        {hover ? (
          <div ref={tooltipRef} id={tooltipId} role="tooltip" className="citation-card">
            {hoverCard ? (
              <>
                <p className="claim-quote">“{hoverCard.quote}”</p>
                <p className="small">
                  {hoverCard.outlet ?? 'Unknown outlet'} — <cite>{hoverCard.title}</cite>
                  {hoverCard.date ? `, ${hoverCard.date}` : ''}
                </p>
                <p className="small">
                  Grade <strong>{hoverCard.grade}</strong> (source reliability A–F, information credibility 1–6). Click to open the words in the article.
                </p>
              </>
            ) : (
              <p>This claim is no longer in the notebook; the export shows it as “[missing claim]”.</p>
            )}
          </div>
        ) : null}
        {citeAt ? <CiteDialog cards={cards} at={citeAt} onCite={cite} onClose={() => {
          setCiteAt(null);
          editor.commands.focus();
        }} /> : null}
      </div>
      <aside className="brief-side" aria-label="Brief tools">
        <div role="tablist" aria-label="Brief tools" className="brief-tabs">
          {(
            [
              ['claims', 'Cite claims'],
              ['highlights', 'Highlights'],
              ['checks', `Checks (${issues.length})`],
              ['history', 'History'],
            ] as const
          ).map(([id, label]) => (
            <button
              key={id}
              type="button"
              role="tab"
              id={`${tabsId}-${id}`}
              aria-controls={`${tabsId}-${id}-panel`}
              aria-selected={tab === id}
              tabIndex={tab === id ? 0 : -1}
              className="view-tab"
              onClick={() => setTab(id)}
              onKeyDown={(event) => {
                const order = ['claims', 'highlights', 'checks', 'history'] as const;
                const at = order.indexOf(id);
                if (event.key === 'ArrowRight' || event.key === 'ArrowLeft') {
                  event.preventDefault();
                  const next = order[(at + (event.key === 'ArrowRight' ? 1 : order.length - 1)) % order.length]!;
                  setTab(next);
                  document.getElementById(`${tabsId}-${next}`)?.focus();
                }
              }}
            >
              {label}
            </button>
          ))}
        </div>
        <div role="tabpanel" id={`${tabsId}-${tab}-panel`} aria-labelledby={`${tabsId}-${tab}`} className="brief-tabpanel">
          {tab === 'claims' ? <ClaimPicker cards={cards} loading={claimsLoading} onCite={cite} /> : null}
          {tab === 'highlights' ? <HighlightPicker onCite={citeHighlight} reportError={reportError} /> : null}
          {tab === 'checks' ? (
            <section className="brief-panel" aria-label="Checks">
              {issues.length === 0 ? <p className="muted">No advice: the wording follows ICD 203 and every judgment cites its evidence.</p> : null}
              <ul className="issue-list" aria-label="Checker advice">
                {issues.map((issue, i) => (
                  <li key={i} className={`issue brief-issue-${issue.kind}`}>
                    <strong>{ISSUE_LABELS[issue.kind]}</strong>
                    <p className="small">{issue.message}</p>
                    <button type="button" className="button small" onClick={() => showIssue(i)}>
                      Show in the brief
                    </button>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          {tab === 'history' ? (
            <HistoryPanel
              briefId={briefId}
              flush={flush}
              currentDoc={() => (editor.isDestroyed ? null : (editor.getJSON() as DocNode))}
              onRestored={(restored) => {
                setBrief(restored);
                showDoc(restored);
                onSavedRef.current(restored);
              }}
              reportError={reportError}
            />
          ) : null}
        </div>
      </aside>
    </div>
  );
}

function Tool({ label, shortcut, pressed, onPress, children }: { label: string; shortcut?: string; pressed?: boolean; onPress(): void; children: React.ReactNode }) {
  return (
    <button
      type="button"
      className="button small"
      aria-label={label}
      title={shortcut ? `${label} (${shortcut})` : label}
      aria-pressed={pressed}
      // Keep the caret in the editor: the command applies there.
      onMouseDown={(event) => event.preventDefault()}
      onClick={onPress}
    >
      {children}
    </button>
  );
}
