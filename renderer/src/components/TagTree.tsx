/**
 * The tag hierarchy: an ARIA tree (arrows move, Right/Left expand and collapse, Enter/Space choose) with
 * each tag's colour and how many highlights and claims carry it, and the actions on the current tag in a
 * toolbar above it: new tag / sub-tag, rename (inline), colour, move, merge, delete. Merge and delete
 * confirm first, saying how many highlights and claims they touch; every action goes on the undo stack.
 * Drag a tag onto another to move it under it (or onto the "top level" strip).
 */
import { useEffect, useId, useMemo, useRef, useState, type DragEvent, type FormEvent, type KeyboardEvent } from 'react';
import type { TagChangeReport, TagUsage } from '../../../shared/api/methods/tags';
import type { Tag } from '../../../shared/model/schemas';
import { useDossier } from '../api/client';
import { describeCounts, mergeTargets, moveTargets, tagPath, treeKey, visibleRows, buildTagTree, type TagCounts } from '../lib/tagTree';
import { useUndo } from '../lib/undo';
import '../styles/tags.css';

/** The same palette the Node side gives new tags. */
export const TAG_PALETTE = ['#e5b93c', '#5aa9e6', '#7bc67b', '#e57373', '#b085f5', '#4db6ac', '#ff9f5a', '#a1887f'];
const COLOR_NAMES: Record<string, string> = {
  '#e5b93c': 'Amber',
  '#5aa9e6': 'Blue',
  '#7bc67b': 'Green',
  '#e57373': 'Red',
  '#b085f5': 'Violet',
  '#4db6ac': 'Teal',
  '#ff9f5a': 'Orange',
  '#a1887f': 'Brown',
};

interface Props {
  tags: readonly Tag[];
  usage: readonly TagUsage[];
  /** Tags chosen as a filter (aria-selected); Enter/Space/click toggles. */
  selected: ReadonlySet<string>;
  onToggleSelected(id: string): void;
  /** After any change (the parent reloads tags and usage). */
  onChanged(): void;
  reportError(error: unknown, context?: string): void;
  label?: string;
}

type Panel =
  | { kind: 'create'; parentId: string | null }
  | { kind: 'color'; id: string }
  | { kind: 'move'; id: string }
  | { kind: 'merge'; id: string }
  | { kind: 'confirm-merge'; id: string; intoId: string }
  | { kind: 'confirm-delete'; id: string }
  | null;

export function TagTree({ tags, usage, selected, onToggleSelected, onChanged, reportError, label = 'Tags' }: Props) {
  const api = useDossier();
  const undo = useUndo();
  const [expanded, setExpanded] = useState<Set<string>>(() => new Set());
  const [current, setCurrent] = useState<string | null>(null);
  const [renaming, setRenaming] = useState<string | null>(null);
  const [panel, setPanel] = useState<Panel>(null);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  const treeRef = useRef<HTMLUListElement>(null);
  const focusAfterRender = useRef(false);
  const treeId = useId();

  const counts = useMemo(() => new Map<string, TagCounts>(usage.map((u) => [u.tagId, u])), [usage]);
  const tree = useMemo(() => buildTagTree(tags), [tags]);
  const rows = useMemo(() => visibleRows(tree, expanded), [tree, expanded]);
  const byId = useMemo(() => new Map(tags.map((t) => [t.id, t])), [tags]);
  const currentTag = current ? (byId.get(current) ?? null) : null;
  const focusId = rows.some((r) => r.tag.id === current) ? current : (rows[0]?.tag.id ?? null);

  // The current tag disappeared (merged, deleted, undone): fall back to the first row.
  useEffect(() => {
    if (current && !byId.has(current)) setCurrent(null);
  }, [byId, current]);

  useEffect(() => {
    if (!focusAfterRender.current || !focusId) return;
    focusAfterRender.current = false;
    treeRef.current?.querySelector<HTMLElement>(`[data-tag-id="${CSS.escape(focusId)}"]`)?.focus();
  });

  const nameOf = (id: string): string => `“${byId.get(id)?.name ?? id}”`;

  /** Runs an action, reports its failure, tells the parent to reload, and announces the result. */
  const run = async (what: string, action: () => Promise<string | void>): Promise<boolean> => {
    setBusy(true);
    try {
      const message = await action();
      if (message) setStatus(message);
      onChanged();
      return true;
    } catch (error) {
      reportError(error, what);
      return false;
    } finally {
      setBusy(false);
    }
  };

  const createTag = (name: string, parentId: string | null): Promise<boolean> =>
    run('Could not create the tag', async () => {
      const tag = await api.call('tags.create', { name, parentId });
      if (parentId) setExpanded((s) => new Set(s).add(parentId));
      setCurrent(tag.id);
      undo.push({
        label: `Create tag ${tag.name}`,
        undo: async () => {
          await api.call('tags.delete', { id: tag.id });
          onChanged();
        },
        redo: async () => {
          await api.call('tags.restore', { tags: [tag], highlights: [], claims: [] });
          onChanged();
        },
      });
      return `Created tag ${tagPath([...tags, tag], tag.id)}.`;
    });

  const updateTag = (tag: Tag, patch: { name?: string; color?: string; parentId?: string | null }, verb: string): Promise<boolean> =>
    run(`Could not ${verb.toLowerCase()} the tag ${tag.name}`, async () => {
      const before = { name: tag.name, color: tag.color, parentId: tag.parentId };
      const updated = await api.call('tags.update', { id: tag.id, ...patch });
      if (patch.parentId) setExpanded((s) => new Set(s).add(patch.parentId!));
      const after = { name: updated.name, color: updated.color, parentId: updated.parentId };
      undo.push({
        label: `${verb} tag ${tag.name}`,
        undo: async () => {
          await api.call('tags.update', { id: tag.id, ...before });
          onChanged();
        },
        redo: async () => {
          await api.call('tags.update', { id: tag.id, ...after });
          onChanged();
        },
      });
      return `${verb}: ${updated.name}.`;
    });

  const summarize = (report: TagChangeReport): string =>
    `${describeCounts(report)} changed` +
    (report.movedChildren > 0 ? `, ${report.movedChildren} sub-tag${report.movedChildren === 1 ? '' : 's'} moved` : '') +
    (report.mergedChildren > 0 ? `, ${report.mergedChildren} sub-tag${report.mergedChildren === 1 ? '' : 's'} merged` : '');

  const mergeTag = (fromId: string, intoId: string): Promise<boolean> => {
    const fromName = nameOf(fromId);
    const intoName = nameOf(intoId);
    return run(`Could not merge ${fromName} into ${intoName}`, async () => {
      let report = await api.call('tags.merge', { fromId, intoId });
      setCurrent(intoId);
      undo.push({
        label: `Merge tag ${fromName} into ${intoName}`,
        undo: async () => {
          await api.call('tags.restore', report.undo);
          onChanged();
        },
        redo: async () => {
          report = await api.call('tags.merge', { fromId, intoId });
          onChanged();
        },
      });
      return `Merged ${fromName} into ${intoName}: ${summarize(report)}.`;
    });
  };

  const deleteTag = (id: string): Promise<boolean> => {
    const name = nameOf(id);
    return run(`Could not delete ${name}`, async () => {
      let report = await api.call('tags.delete', { id });
      setCurrent(null);
      undo.push({
        label: `Delete tag ${name}`,
        undo: async () => {
          await api.call('tags.restore', report.undo);
          onChanged();
        },
        redo: async () => {
          report = await api.call('tags.delete', { id });
          onChanged();
        },
      });
      return `Deleted ${name}: ${summarize(report)}.`;
    });
  };

  const onTreeKeyDown = (event: KeyboardEvent<HTMLUListElement>): void => {
    if (renaming) return;
    if (event.key === 'F2' && focusId) {
      event.preventDefault();
      setRenaming(focusId);
      return;
    }
    if (event.key === 'Delete' && focusId) {
      event.preventDefault();
      setPanel({ kind: 'confirm-delete', id: focusId });
      return;
    }
    const action = treeKey(rows, focusId, event.key);
    if (!action) return;
    event.preventDefault();
    if ('focus' in action) {
      setCurrent(action.focus);
      focusAfterRender.current = true;
    } else if ('expand' in action) {
      setExpanded((s) => new Set(s).add(action.expand));
    } else if ('collapse' in action) {
      setExpanded((s) => {
        const next = new Set(s);
        next.delete(action.collapse);
        return next;
      });
    } else {
      onToggleSelected(action.activate);
    }
  };

  // ---- drag and drop: drop a tag on another to move it under it, or on the top strip ----
  const [dragging, setDragging] = useState<string | null>(null);
  const dropAllowed = (targetId: string | null): boolean => {
    if (!dragging) return false;
    if (targetId === null) return byId.get(dragging)?.parentId !== null;
    return moveTargets(tags, dragging).some((t) => t.id === targetId);
  };
  const onDrop = (event: DragEvent, targetId: string | null): void => {
    event.preventDefault();
    const id = dragging;
    setDragging(null);
    const tag = id ? byId.get(id) : undefined;
    if (!tag || !dropAllowed(targetId)) return;
    void updateTag(tag, { parentId: targetId }, 'Move');
  };

  const toolbarTarget = currentTag ?? (focusId ? (byId.get(focusId) ?? null) : null);

  return (
    <div className="tag-tree">
      <div className="tag-toolbar" role="toolbar" aria-label="Tag actions">
        <button type="button" className="button small" disabled={busy} onClick={() => setPanel({ kind: 'create', parentId: null })}>
          New tag
        </button>
        <button
          type="button"
          className="button small"
          disabled={busy || !toolbarTarget}
          aria-label={toolbarTarget ? `New sub-tag of ${toolbarTarget.name}` : 'New sub-tag'}
          onClick={() => toolbarTarget && setPanel({ kind: 'create', parentId: toolbarTarget.id })}
        >
          New sub-tag
        </button>
        <button
          type="button"
          className="button small"
          disabled={busy || !toolbarTarget}
          aria-label={toolbarTarget ? `Rename ${toolbarTarget.name}` : 'Rename'}
          onClick={() => toolbarTarget && setRenaming(toolbarTarget.id)}
        >
          Rename
        </button>
        <button
          type="button"
          className="button small"
          disabled={busy || !toolbarTarget}
          aria-label={toolbarTarget ? `Colour of ${toolbarTarget.name}` : 'Colour'}
          aria-expanded={panel?.kind === 'color'}
          onClick={() => toolbarTarget && setPanel(panel?.kind === 'color' ? null : { kind: 'color', id: toolbarTarget.id })}
        >
          Colour
        </button>
        <button
          type="button"
          className="button small"
          disabled={busy || !toolbarTarget}
          aria-label={toolbarTarget ? `Move ${toolbarTarget.name} to…` : 'Move to…'}
          onClick={() => toolbarTarget && setPanel({ kind: 'move', id: toolbarTarget.id })}
        >
          Move to…
        </button>
        <button
          type="button"
          className="button small"
          disabled={busy || !toolbarTarget || tags.length < 2}
          aria-label={toolbarTarget ? `Merge ${toolbarTarget.name} into…` : 'Merge into…'}
          onClick={() => toolbarTarget && setPanel({ kind: 'merge', id: toolbarTarget.id })}
        >
          Merge into…
        </button>
        <button
          type="button"
          className="button small warning"
          disabled={busy || !toolbarTarget}
          aria-label={toolbarTarget ? `Delete ${toolbarTarget.name}` : 'Delete'}
          onClick={() => toolbarTarget && setPanel({ kind: 'confirm-delete', id: toolbarTarget.id })}
        >
          Delete
        </button>
      </div>

      {panel ? (
        <TagPanel
          key={JSON.stringify(panel)}
          panel={panel}
          tags={tags}
          counts={counts}
          busy={busy}
          close={() => setPanel(null)}
          onCreate={async (name, parentId) => {
            if (await createTag(name, parentId)) setPanel(null);
          }}
          onColor={async (id, color) => {
            const tag = byId.get(id);
            if (tag && (await updateTag(tag, { color }, 'Recolour'))) setPanel(null);
          }}
          onMove={async (id, parentId) => {
            const tag = byId.get(id);
            if (tag && (await updateTag(tag, { parentId }, 'Move'))) setPanel(null);
          }}
          onChooseMerge={(id, intoId) => setPanel({ kind: 'confirm-merge', id, intoId })}
          onMerge={async (id, intoId) => {
            if (await mergeTag(id, intoId)) setPanel(null);
          }}
          onDelete={async (id) => {
            if (await deleteTag(id)) setPanel(null);
          }}
        />
      ) : null}

      {tags.length === 0 ? (
        <p className="muted tag-empty">No tags yet. Choose “New tag” to start a hierarchy (for example Actors › State).</p>
      ) : (
        <>
          {dragging ? (
            <div
              className={`tag-drop-top${dropAllowed(null) ? ' allowed' : ''}`}
              onDragOver={(e) => dropAllowed(null) && e.preventDefault()}
              onDrop={(e) => onDrop(e, null)}
            >
              Drop here to move to the top level
            </div>
          ) : null}
          <ul ref={treeRef} role="tree" id={treeId} aria-label={label} aria-multiselectable="true" className="tag-tree-list" onKeyDown={onTreeKeyDown}>
            {rows.map((row) => {
              const c = counts.get(row.tag.id);
              const total = (c?.highlights ?? 0) + (c?.claims ?? 0);
              const isFocus = row.tag.id === focusId;
              return (
                <li
                  key={row.tag.id}
                  role="treeitem"
                  data-tag-id={row.tag.id}
                  aria-level={row.depth + 1}
                  aria-posinset={row.position}
                  aria-setsize={row.siblings}
                  aria-expanded={row.hasChildren ? row.expanded : undefined}
                  aria-selected={selected.has(row.tag.id)}
                  aria-label={`${row.tag.name}, ${describeCounts(c)}`}
                  tabIndex={isFocus ? 0 : -1}
                  className={`tag-row${isFocus ? ' current' : ''}${selected.has(row.tag.id) ? ' chosen' : ''}`}
                  style={{ paddingInlineStart: `${0.4 + row.depth * 1.1}rem` }}
                  draggable={!renaming}
                  onDragStart={(e) => {
                    e.dataTransfer.setData('text/plain', row.tag.name);
                    e.dataTransfer.effectAllowed = 'move';
                    setDragging(row.tag.id);
                  }}
                  onDragEnd={() => setDragging(null)}
                  onDragOver={(e) => dropAllowed(row.tag.id) && e.preventDefault()}
                  onDrop={(e) => onDrop(e, row.tag.id)}
                  onFocus={(e) => {
                    if (e.target === e.currentTarget) setCurrent(row.tag.id);
                  }}
                  onClick={(e) => {
                    if ((e.target as HTMLElement).closest('input, .tag-twisty')) return;
                    setCurrent(row.tag.id);
                    onToggleSelected(row.tag.id);
                  }}
                >
                  <span
                    className="tag-twisty"
                    aria-hidden="true"
                    onClick={() =>
                      row.hasChildren &&
                      setExpanded((s) => {
                        const next = new Set(s);
                        if (next.has(row.tag.id)) next.delete(row.tag.id);
                        else next.add(row.tag.id);
                        return next;
                      })
                    }
                  >
                    {row.hasChildren ? (row.expanded ? '▾' : '▸') : ''}
                  </span>
                  <span className="tag-swatch" aria-hidden="true" style={{ background: row.tag.color }} />
                  {renaming === row.tag.id ? (
                    <RenameInput
                      tag={row.tag}
                      onDone={async (name) => {
                        setRenaming(null);
                        focusAfterRender.current = true;
                        if (name !== null && name.trim() && name.trim() !== row.tag.name) await updateTag(row.tag, { name: name.trim() }, 'Rename');
                      }}
                    />
                  ) : (
                    <span className="tag-name" aria-hidden="true">
                      {row.tag.name}
                    </span>
                  )}
                  <span className="tag-count" aria-hidden="true" title={describeCounts(c)}>
                    {total}
                  </span>
                </li>
              );
            })}
          </ul>
          <p className="muted tag-hint">Arrows move, Enter chooses for the filter, F2 renames, Delete deletes; drag a tag onto another to nest it.</p>
        </>
      )}
      <p role="status" className="visually-hidden tag-status">
        {status}
      </p>
    </div>
  );
}

function RenameInput({ tag, onDone }: { tag: Tag; onDone(name: string | null): void }) {
  const [value, setValue] = useState(tag.name);
  const done = useRef(false);
  const finish = (name: string | null): void => {
    if (done.current) return;
    done.current = true;
    onDone(name);
  };
  return (
    <input
      className="tag-rename"
      aria-label={`New name for ${tag.name}`}
      value={value}
      maxLength={200}
      autoFocus
      onChange={(e) => setValue(e.target.value)}
      onKeyDown={(e) => {
        e.stopPropagation();
        if (e.key === 'Enter') finish(value);
        if (e.key === 'Escape') finish(null);
      }}
      onBlur={() => finish(value)}
    />
  );
}

function TagPanel({
  panel,
  tags,
  counts,
  busy,
  close,
  onCreate,
  onColor,
  onMove,
  onChooseMerge,
  onMerge,
  onDelete,
}: {
  panel: NonNullable<Panel>;
  tags: readonly Tag[];
  counts: ReadonlyMap<string, TagCounts>;
  busy: boolean;
  close(): void;
  onCreate(name: string, parentId: string | null): void;
  onColor(id: string, color: string): void;
  onMove(id: string, parentId: string | null): void;
  onChooseMerge(id: string, intoId: string): void;
  onMerge(id: string, intoId: string): void;
  onDelete(id: string): void;
}) {
  const fieldId = useId();
  const [name, setName] = useState('');
  const [choice, setChoice] = useState('');
  const tagName = (id: string) => `“${tags.find((t) => t.id === id)?.name ?? id}”`;
  const cancel = (
    <button type="button" className="button small" onClick={close}>
      Cancel
    </button>
  );
  const onKeyDown = (e: KeyboardEvent): void => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      close();
    }
  };

  switch (panel.kind) {
    case 'create': {
      const submit = (e: FormEvent): void => {
        e.preventDefault();
        if (name.trim()) onCreate(name.trim(), panel.parentId);
      };
      return (
        <form className="tag-panel" onSubmit={submit} onKeyDown={onKeyDown} aria-label="New tag">
          <label htmlFor={fieldId}>{panel.parentId ? `New sub-tag of ${tagPath(tags, panel.parentId)}` : 'New tag name'}</label>
          <input id={fieldId} value={name} maxLength={200} autoFocus onChange={(e) => setName(e.target.value)} />
          <div className="tag-panel-actions">
            <button type="submit" className="button small primary" disabled={busy || !name.trim()}>
              Create
            </button>
            {cancel}
          </div>
        </form>
      );
    }
    case 'color': {
      const tag = tags.find((t) => t.id === panel.id);
      return (
        <div className="tag-panel" onKeyDown={onKeyDown}>
          <div role="radiogroup" aria-label={`Colour of ${tag?.name ?? 'tag'}`} className="tag-palette">
            {TAG_PALETTE.map((color) => (
              <button
                key={color}
                type="button"
                role="radio"
                aria-checked={tag?.color.toLowerCase() === color}
                aria-label={COLOR_NAMES[color] ?? color}
                className="tag-palette-swatch"
                style={{ background: color }}
                disabled={busy}
                onClick={() => onColor(panel.id, color)}
              />
            ))}
          </div>
          {cancel}
        </div>
      );
    }
    case 'move': {
      const targets = moveTargets(tags, panel.id);
      return (
        <form
          className="tag-panel"
          onKeyDown={onKeyDown}
          aria-label="Move tag"
          onSubmit={(e) => {
            e.preventDefault();
            if (choice) onMove(panel.id, choice === '__top' ? null : choice);
          }}
        >
          <label htmlFor={fieldId}>Move {tagName(panel.id)} to</label>
          <select id={fieldId} value={choice} autoFocus onChange={(e) => setChoice(e.target.value)}>
            <option value="">Choose a place…</option>
            {targets.map((t) => (
              <option key={t.id ?? '__top'} value={t.id ?? '__top'}>
                {t.label}
              </option>
            ))}
          </select>
          <div className="tag-panel-actions">
            <button type="submit" className="button small primary" disabled={busy || !choice}>
              Move
            </button>
            {cancel}
          </div>
        </form>
      );
    }
    case 'merge': {
      const targets = mergeTargets(tags, panel.id);
      return (
        <form
          className="tag-panel"
          onKeyDown={onKeyDown}
          aria-label="Merge tag"
          onSubmit={(e) => {
            e.preventDefault();
            if (choice) onChooseMerge(panel.id, choice);
          }}
        >
          <label htmlFor={fieldId}>Merge {tagName(panel.id)} into</label>
          <select id={fieldId} value={choice} autoFocus onChange={(e) => setChoice(e.target.value)}>
            <option value="">Choose a tag…</option>
            {targets.map((t) => (
              <option key={t.id} value={t.id}>
                {t.label}
              </option>
            ))}
          </select>
          <div className="tag-panel-actions">
            <button type="submit" className="button small primary" disabled={busy || !choice}>
              Continue…
            </button>
            {cancel}
          </div>
        </form>
      );
    }
    case 'confirm-merge':
      return (
        <div className="tag-panel confirm" role="alertdialog" aria-label="Confirm merge" onKeyDown={onKeyDown}>
          <p>
            Merge {tagName(panel.id)} into {tagName(panel.intoId)}? {capitalize(describeCounts(counts.get(panel.id)))} will carry {tagName(panel.intoId)}{' '}
            instead; its sub-tags move under {tagName(panel.intoId)}, and {tagName(panel.id)} is removed.
          </p>
          <div className="tag-panel-actions">
            <button type="button" className="button small warning" autoFocus disabled={busy} onClick={() => onMerge(panel.id, panel.intoId)}>
              Merge
            </button>
            {cancel}
          </div>
        </div>
      );
    case 'confirm-delete':
      return (
        <div className="tag-panel confirm" role="alertdialog" aria-label="Confirm delete" onKeyDown={onKeyDown}>
          <p>
            Delete {tagName(panel.id)}? It is removed from {describeCounts(counts.get(panel.id))}; its sub-tags move up one level. The highlights
            and claims themselves stay.
          </p>
          <div className="tag-panel-actions">
            <button type="button" className="button small warning" autoFocus disabled={busy} onClick={() => onDelete(panel.id)}>
              Delete tag
            </button>
            {cancel}
          </div>
        </div>
      );
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
