/**
 * The corpus list: a virtualised listbox, so 10,000+ articles cost only the rows on screen.
 * Focus stays on the listbox; the selected row is announced through aria-activedescendant.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { forwardRef, useEffect, useImperativeHandle, useRef, type KeyboardEvent } from 'react';
import type { ArticleSummary } from '../../../shared/model/schemas';
import { formatLength, outletAndDate } from '../lib/format';
import { formatSimilarity } from '../lib/importPlan';
import { nextIndex } from '../lib/listNavigation';

const ROW_HEIGHT = 60;

export interface CorpusListHandle {
  focus(): void;
}

interface Props {
  items: readonly ArticleSummary[];
  selectedId: string | null;
  onSelect(id: string): void;
  /** Enter / Right: move on to the reader. */
  onOpen(): void;
  emptyText: string;
  /** Names an article by id (for the near-duplicate badge); null when it is not in the notebook. */
  titleOf(id: string): string | null;
}

export function optionId(articleId: string): string {
  return `article-option-${articleId}`;
}

export const CorpusList = forwardRef<CorpusListHandle, Props>(function CorpusList({ items, selectedId, onSelect, onOpen, emptyText, titleOf }, ref) {
  const scrollRef = useRef<HTMLDivElement>(null);
  useImperativeHandle(ref, () => ({ focus: () => scrollRef.current?.focus() }), []);

  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    getItemKey: (index) => items[index]?.id ?? index,
  });

  const selectedIndex = selectedId === null ? -1 : items.findIndex((item) => item.id === selectedId);

  // Keep the selection in view when it changes (keyboard, import, reload), not on every scroll.
  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, virtualizer]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key === 'Enter' || event.key === 'ArrowRight') {
      if (selectedIndex >= 0) {
        event.preventDefault();
        onOpen();
      }
      return;
    }
    const pageSize = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? ROW_HEIGHT * 10) / ROW_HEIGHT) - 1);
    const next = nextIndex(event.key, selectedIndex, items.length, pageSize);
    if (next === null) return;
    event.preventDefault();
    const item = items[next];
    if (item && item.id !== selectedId) onSelect(item.id);
    else if (item) virtualizer.scrollToIndex(next, { align: 'auto' });
  };

  const virtualItems = virtualizer.getVirtualItems();
  return (
    <div
      ref={scrollRef}
      className="corpus-scroll"
      role="listbox"
      aria-label="Articles"
      tabIndex={0}
      aria-activedescendant={selectedId !== null && selectedIndex >= 0 ? optionId(selectedId) : undefined}
      onKeyDown={onKeyDown}
      title="Up/Down, PageUp/PageDown, Home/End to move; Enter to read"
    >
      {items.length === 0 ? (
        <p className="corpus-empty">{emptyText}</p>
      ) : (
        <div role="presentation" className="corpus-sizer" style={{ height: `${virtualizer.getTotalSize()}px` }}>
          {virtualItems.map((row) => {
            const item = items[row.index];
            if (!item) return null;
            const selected = item.id === selectedId;
            const meta = outletAndDate(item.outlet, item.publishedAt);
            return (
              <div
                key={row.key}
                id={optionId(item.id)}
                role="option"
                aria-selected={selected}
                aria-setsize={items.length}
                aria-posinset={row.index + 1}
                className={selected ? 'corpus-row selected' : 'corpus-row'}
                style={{ transform: `translateY(${row.start}px)`, height: `${ROW_HEIGHT}px` }}
                onMouseDown={(event) => {
                  // Keep focus on the listbox (it owns the keyboard), but still select.
                  event.preventDefault();
                  scrollRef.current?.focus();
                }}
                onClick={() => onSelect(item.id)}
                onDoubleClick={onOpen}
                title={item.title}
              >
                <span className="corpus-title">{item.title || 'Untitled'}</span>
                <span className="corpus-meta">
                  <span className="corpus-meta-text">{meta || item.source.fileName}</span>
                  {item.nearDuplicateOf ? <NearDuplicateBadge summary={item} titleOf={titleOf} /> : null}
                  <span className="corpus-size">{formatLength(item.length)}</span>
                </span>
              </div>
            );
          })}
        </div>
      )}
    </div>
  );
});

function NearDuplicateBadge({ summary, titleOf }: { summary: ArticleSummary; titleOf(id: string): string | null }) {
  const original = summary.nearDuplicateOf ? titleOf(summary.nearDuplicateOf) : null;
  const similarity = formatSimilarity(summary.nearDuplicateSimilarity);
  const hint = `Near-duplicate of ${original ? `“${original}”` : 'an article no longer in this notebook'}${similarity ? ` (${similarity} similar)` : ''}`;
  return (
    <span className="badge near-duplicate" title={hint}>
      near-duplicate
    </span>
  );
}
