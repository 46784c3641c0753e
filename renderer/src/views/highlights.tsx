/**
 * The "Highlights" workspace view: the tag tree on the left (managed in place), and every highlight in
 * the notebook on the right, filtered by the tags chosen in the tree (a tag also admits the tags below
 * it). A row shows the quote, its article, its tags and the start of its comment; choosing it opens the
 * article at those words.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AnnotationHit } from '../../../shared/api/methods/annotations';
import type { TagUsage } from '../../../shared/api/methods/tags';
import type { Tag } from '../../../shared/model/schemas';
import { richTextToPlain } from '../../../shared/text/rich-text';
import { useDossier, useDossierEvents } from '../api/client';
import { TagTree } from '../components/TagTree';
import { filterIds, matchesTagFilter, tagPath } from '../lib/tagTree';
import type { ViewContext, WorkspaceView } from './types';
import '../styles/tags.css';

const PAGE = 200;

function excerpt(text: string, max = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

export function HighlightsView({ context }: { context: ViewContext }) {
  const api = useDossier();
  const { reportError, openArticle } = context;
  const [tags, setTags] = useState<Tag[]>([]);
  const [usage, setUsage] = useState<TagUsage[]>([]);
  const [hits, setHits] = useState<AnnotationHit[] | null>(null);
  const [selected, setSelected] = useState<Set<string>>(() => new Set());
  const [shown, setShown] = useState(PAGE);
  const generation = useRef(0);

  const loadTags = useCallback(async () => {
    try {
      const [list, counts] = await Promise.all([api.call('tags.list', {}), api.call('tags.usage', {})]);
      setTags(list);
      setUsage(counts);
      // Chosen tags that were merged or deleted leave the filter.
      setSelected((s) => {
        const ids = new Set(list.map((t) => t.id));
        return [...s].every((id) => ids.has(id)) ? s : new Set([...s].filter((id) => ids.has(id)));
      });
    } catch (error) {
      reportError(error, 'Could not load the tags');
    }
  }, [api, reportError]);

  const loadHits = useCallback(async () => {
    const mine = ++generation.current;
    try {
      const list = await api.call('annotations.query', {});
      if (mine === generation.current) setHits(list);
    } catch (error) {
      if (mine === generation.current) reportError(error, 'Could not load the highlights');
    }
  }, [api, reportError]);

  const reload = useCallback(() => {
    void loadTags();
    void loadHits();
  }, [loadTags, loadHits]);

  useEffect(() => reload(), [reload]);
  useDossierEvents((event) => {
    if (event.type === 'tags.changed' || event.type === 'annotations.changed' || event.type === 'articles.changed' || event.type === 'claims.changed') reload();
  });

  const accepted = useMemo(() => (selected.size > 0 ? filterIds(tags, selected) : null), [tags, selected]);
  const visible = useMemo(() => (hits ?? []).filter((h) => matchesTagFilter(h.annotation.tags, accepted)), [hits, accepted]);
  const byId = useMemo(() => new Map(tags.map((t) => [t.id, t])), [tags]);

  const toggle = useCallback((id: string) => {
    setShown(PAGE);
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }, []);

  const filterLabel = [...selected].map((id) => tagPath(tags, id)).join(', ');

  return (
    <div className="highlights-view">
      <section className="highlights-tags" aria-label="Tags">
        <h2>Tags</h2>
        <TagTree tags={tags} usage={usage} selected={selected} onToggleSelected={toggle} onChanged={reload} reportError={reportError} />
      </section>
      <section className="highlights-list-pane" aria-label="Highlights">
        <h2>Highlights</h2>
        <div className="highlights-filter-line">
          <span role="status">
            {hits === null
              ? 'Loading highlights…'
              : selected.size > 0
                ? `${visible.length} of ${hits.length} highlights tagged ${filterLabel}`
                : `${hits.length} highlight${hits.length === 1 ? '' : 's'} in this notebook`}
          </span>
          {selected.size > 0 ? (
            <button type="button" className="button small" onClick={() => setSelected(new Set())}>
              Clear tag filter
            </button>
          ) : null}
        </div>
        {hits !== null && hits.length === 0 ? (
          <p className="muted">No highlights yet. Open an article, select some words and press Highlight (or a tag shortcut).</p>
        ) : hits !== null && visible.length === 0 ? (
          <p className="muted">No highlight carries these tags. Choose other tags in the tree, or clear the filter.</p>
        ) : (
          <ul className="highlights-list" aria-label="Highlights">
            {visible.slice(0, shown).map(({ annotation, articleTitle, outlet }) => {
              const comment = excerpt(richTextToPlain(annotation.comment));
              return (
                <li key={`${annotation.articleId}/${annotation.id}`}>
                  <button
                    type="button"
                    className="highlight-card"
                    onClick={() => openArticle(annotation.articleId, { start: annotation.target.start, end: annotation.target.end })}
                  >
                    <q className="highlight-quote">{excerpt(annotation.target.exact, 300)}</q>
                    <span className="highlight-meta">
                      <span>
                        {articleTitle}
                        {outlet ? ` — ${outlet}` : ''}
                      </span>
                      {annotation.anchor.status !== 'anchored' ? <span className="muted">({annotation.anchor.status}: needs review)</span> : null}
                      {annotation.tags.map((id) => {
                        const tag = byId.get(id);
                        return tag ? (
                          <span key={id} className="tag-chip">
                            <span className="tag-swatch" aria-hidden="true" style={{ background: tag.color }} />
                            {tag.name}
                          </span>
                        ) : null;
                      })}
                    </span>
                    {comment ? <span className="highlight-comment">{comment}</span> : null}
                  </button>
                </li>
              );
            })}
          </ul>
        )}
        {visible.length > shown ? (
          <button type="button" className="button small" onClick={() => setShown((n) => n + PAGE)}>
            Show {Math.min(PAGE, visible.length - shown)} more ({visible.length - shown} not shown)
          </button>
        ) : null}
      </section>
    </div>
  );
}

export const highlightsView: WorkspaceView = {
  id: 'highlights',
  label: 'Highlights',
  render: (context) => <HighlightsView context={context} />,
};
