/**
 * Export menu: one item per format the host offers (export.formats, whose labels name the file
 * extension; the shared list when that call fails). Each renders the brief on the Node side (export.render) and downloads the bytes.
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { EXPORT_FORMATS, type ExportFormat } from '../../../../shared/export/formats';
import { useDossier } from '../../api/client';
import { downloadFile } from '../../lib/briefDownload';

interface FormatItem {
  format: ExportFormat;
  label: string;
  extension: string;
}

const FALLBACK_LABELS: Record<ExportFormat, string> = {
  md: 'Markdown',
  html: 'HTML (printable)',
  pdf: 'PDF',
  docx: 'Word (DOCX)',
  json: 'JSON',
  csv: 'CSV of claims',
  jsonld: 'Web Annotation (JSON-LD)',
  qdpx: 'REFI-QDA (QDPX)',
  csl: 'CSL-JSON citations',
};

export function ExportMenu({ briefId, beforeExport, reportError }: { briefId: string; beforeExport(): Promise<void>; reportError(error: unknown, context?: string): void }) {
  const api = useDossier();
  const [open, setOpen] = useState(false);
  const [formats, setFormats] = useState<FormatItem[]>(() => EXPORT_FORMATS.map((format) => {
    const extension = format === 'csl' ? 'csl.json' : format;
    return { format, label: `${FALLBACK_LABELS[format]} (.${extension})`, extension };
  }));
  const [busy, setBusy] = useState<ExportFormat | null>(null);
  const [status, setStatus] = useState('');
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLUListElement>(null);

  useEffect(() => {
    let cancelled = false;
    api
      .call('export.formats', {})
      .then((list) => {
        if (!cancelled && list.length > 0) setFormats(list.map((f) => ({ format: f.format, label: f.label, extension: f.extension })));
      })
      .catch(() => undefined); // the shared list stands in; an export will report a real problem
    return () => {
      cancelled = true;
    };
  }, [api]);

  useEffect(() => {
    if (open) menuRef.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
  }, [open]);

  const run = async (item: FormatItem): Promise<void> => {
    setOpen(false);
    buttonRef.current?.focus();
    setBusy(item.format);
    setStatus(`Exporting ${item.label}…`);
    try {
      await beforeExport();
      const file = await api.call('export.render', { briefId, format: item.format });
      if (!file.dataBase64) throw new Error(`the ${item.label} export came back empty`);
      downloadFile(file.fileName, file.mediaType, file.dataBase64);
      setStatus(`Exported ${file.fileName}`);
    } catch (error) {
      setStatus('');
      reportError(error, `Could not export the brief as ${item.label}`);
    } finally {
      setBusy(null);
    }
  };

  const onMenuKey = (event: KeyboardEvent<HTMLUListElement>): void => {
    const items = [...(menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const at = items.indexOf(document.activeElement as HTMLElement);
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const next = (at + (event.key === 'ArrowDown' ? 1 : -1) + items.length) % items.length;
      items[next]?.focus();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      setOpen(false);
      buttonRef.current?.focus();
    }
  };

  return (
    <div
      className="export-menu"
      // Focus leaving the menu (a click elsewhere, Tab) closes it.
      onBlur={(event) => {
        if (open && !event.currentTarget.contains(event.relatedTarget)) setOpen(false);
      }}
    >
      <button
        ref={buttonRef}
        type="button"
        className="button"
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
        disabled={busy !== null}
      >
        {busy ? 'Exporting…' : 'Export'}
      </button>
      {open ? (
        <ul ref={menuRef} role="menu" aria-label="Export formats" className="export-items" onKeyDown={onMenuKey}>
          {formats.map((item) => (
            <li key={item.format} role="none">
              <button type="button" role="menuitem" className="export-item" onClick={() => void run(item)}>
                {item.label}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <span role="status" className="export-status muted">
        {status}
      </span>
    </div>
  );
}
