/**
 * PDF read back: the brief's HTML printed by Chromium headless, then read with pdftotext -layout
 * (title, headings, every quote, footnote numbers) and pdfinfo (pages). Without Chromium or
 * poppler's tools the read-back tests are skipped with a message; the launcher's failure modes
 * (no binary, a crash, a hang) are tested with small stand-in scripts.
 */
import { execFile, execFileSync } from 'node:child_process';
import { chmod, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium } from '../../../electron/exporters/chromium';
import { renderBriefHtml } from '../../../electron/exporters/html';
import { pdfExporter, printHtmlToPdf } from '../../../electron/exporters/pdf';
import type { ExportInput } from '../../../electron/exporters/types';
import { fixtureArticles, fixtureBriefLayout, fixtureClaims, fixtureSources, fixtureTags } from '../../fixtures/brief-layout';
import { makeTempDir } from '../../helpers/temp-dir';

const run = promisify(execFile);

function which(cmd: string): string | null {
  try {
    return execFileSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

function chromiumOrNull(): string | null {
  try {
    return findChromium();
  } catch {
    return null;
  }
}

const CHROMIUM = chromiumOrNull();
const PDFTOTEXT = which('pdftotext');
const PDFINFO = which('pdfinfo');
if (!CHROMIUM) console.warn('pdf.test: no Chromium found (DOSSIER_CHROMIUM, /usr/bin/chromium, PATH): skipping the PDF print tests.');
if (!PDFTOTEXT || !PDFINFO) console.warn('pdf.test: pdftotext/pdfinfo not installed: skipping the PDF read-back tests (apt-get install poppler-utils).');

const squash = (s: string): string => s.replace(/\s+/g, ' ').trim();

function exportInput(extra: Partial<ExportInput> = {}): ExportInput {
  const layout = fixtureBriefLayout();
  return {
    layout,
    brief: null,
    notebook: { id: 'nb', name: layout.notebookName, createdAt: '2026-11-01T00:00:00Z' },
    articles: fixtureArticles().map(({ text: _t, ...s }) => s),
    citedArticles: fixtureArticles(),
    annotations: [],
    tags: fixtureTags(),
    claims: fixtureClaims(),
    sources: fixtureSources(),
    exportedAt: layout.generatedAt,
    ...extra,
  };
}


describe.skipIf(!CHROMIUM || !PDFTOTEXT || !PDFINFO)('PDF export printed by Chromium, read by pdftotext', () => {
  let dir = '';
  let cleanup: () => Promise<void> = async () => {};
  let text = '';
  let pages = 0;
  const layout = fixtureBriefLayout();

  beforeAll(async () => {
    ({ dir, cleanup } = await makeTempDir('dossier-pdftest-'));
    const bytes = await pdfExporter.render(exportInput());
    expect(bytes).toBeInstanceOf(Uint8Array);
    const file = join(dir, 'brief.pdf');
    await writeFile(file, bytes as Uint8Array);
    text = (await run(PDFTOTEXT!, ['-layout', file, '-'], { timeout: 60_000 })).stdout;
    const info = (await run(PDFINFO!, [file], { timeout: 60_000 })).stdout;
    pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? 0);
  }, 120_000);

  afterAll(() => cleanup());

  it('has pages, the title and every heading', () => {
    expect(pages).toBeGreaterThan(0);
    const flat = squash(text);
    expect(flat).toContain('Klaipėda terminal: closure rumours & shipping record');
    for (const h of ['Bottom line up front', 'Key judgments', 'Gaps', 'Source assessment', 'Sources']) expect(text).toMatch(new RegExp(`^\\s*${h}\\s*$`, 'm'));
    expect(flat).toContain('Very likely (moderate confidence): The terminal operated normally');
  });

  it('carries every quote, exactly, with its footnote number', () => {
    const flat = squash(text);
    for (const f of layout.footnotes) {
      expect(flat).toContain(squash(f.quote));
      // The numbered source list: "1. “three tankers…", the number then the opening quote.
      expect(flat).toMatch(new RegExp(`(^| )${f.n}\\. “${squash(f.quote).slice(0, 12).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    }
    // Citation marks in the text: claim 1 cited in the BLUF and again in a judgment.
    expect(flat).toMatch(/routine inspection ?1 and the port director/);
    expect(flat).toMatch(/3–9 November ?1 ?\./);
  });

  it('prints any HTML given to printHtmlToPdf, and removes its temp dir', async () => {
    const root = join(dir, 'tmp');
    await mkdir(root);
    const bytes = await printHtmlToPdf(renderBriefHtml({ ...layout, blocks: [{ type: 'paragraph', inlines: [{ type: 'text', text: 'Žemaitytė & “Klaipėda”' }] }] }), {
      tempRoot: root,
    });
    expect(await readdir(root)).toEqual([]);
    expect(Buffer.from(bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    const file = join(dir, 'small.pdf');
    await writeFile(file, bytes);
    expect(squash((await run(PDFTOTEXT!, [file, '-'])).stdout)).toContain('Žemaitytė & “Klaipėda”');
  }, 60_000);
});

describe('PDF export: how it gets a printer', () => {
  it('uses the printToPdf the desktop app passes (Electron), with the brief HTML', async () => {
    let seen = '';
    const fake = new Uint8Array([37, 80, 68, 70, 45]);
    const out = await pdfExporter.render(
      exportInput({
        printToPdf: async (html) => {
          seen = html;
          return fake;
        },
      }),
    );
    expect(out).toBe(fake);
    expect(seen).toBe(renderBriefHtml(fixtureBriefLayout()));
  });

  it('names what it tried when no Chromium can be found', () => {
    expect(() => findChromium({ DOSSIER_CHROMIUM: '/nonexistent/chromium' })).toThrow('DOSSIER_CHROMIUM is set to /nonexistent/chromium, which is not an executable file.');
    expect(() => findChromium({ PATH: '/nonexistent-bin' }, '/nonexistent/chromium')).toThrow(
      'No Chromium found to print the PDF. Tried: DOSSIER_CHROMIUM (not set), /nonexistent/chromium, chromium on PATH, chromium-browser on PATH, google-chrome on PATH, google-chrome-stable on PATH.',
    );
  });

  describe('with a stand-in Chromium', () => {
    let dir = '';
    let cleanup: () => Promise<void> = async () => {};
    beforeAll(async () => {
      ({ dir, cleanup } = await makeTempDir('dossier-fakechrome-'));
    });
    afterAll(() => cleanup());

    async function script(name: string, body: string): Promise<string> {
      const file = join(dir, name);
      await writeFile(file, `#!/bin/sh\n${body}\n`);
      await chmod(file, 0o755);
      return file;
    }

    it('finds a browser on PATH when there is none at the system path', async () => {
      const bin = await script('google-chrome', 'exit 0');
      expect(findChromium({ PATH: `/nonexistent-bin:${dir}` }, '/nonexistent/chromium')).toBe(bin);
    });

    it('reports a crash with its stderr, and cleans up', async () => {
      const root = join(dir, 'tmp-crash');
      await mkdir(root);
      const bin = await script('crash.sh', 'echo "[1:1:ERROR:dbus/bus.cc] Failed to connect to the bus" >&2; echo "fatal: cannot open display" >&2; exit 3');
      const failure = printHtmlToPdf('<p>x</p>', { env: { DOSSIER_CHROMIUM: bin }, tempRoot: root });
      await expect(failure).rejects.toThrow(/failed printing .*exit 3\): fatal: cannot open display$/);
      expect(await readdir(root)).toEqual([]);
    });

    it('says so when Chromium exits without a PDF', async () => {
      const bin = await script('nothing.sh', 'exit 0');
      await expect(printHtmlToPdf('<p>x</p>', { env: { DOSSIER_CHROMIUM: bin } })).rejects.toThrow(/exited without writing .*brief\.pdf/);
    });

    it('stops a Chromium that hangs, after the timeout', async () => {
      const bin = await script('hang.sh', 'sleep 30');
      const started = Date.now();
      await expect(printHtmlToPdf('<p>x</p>', { env: { DOSSIER_CHROMIUM: bin }, timeoutMs: 500 })).rejects.toThrow(/did not finish printing .* within 1 s and was stopped/);
      expect(Date.now() - started).toBeLessThan(10_000);
    });

    it('passes the offline headless flags and the file URL of the page', async () => {
      const log = join(dir, 'args.txt');
      // Writes its arguments, then a minimal PDF where --print-to-pdf asks.
      const bin = await script(
        'args.sh',
        `printf '%s\\n' "$@" > '${log}'\nfor a in "$@"; do case "$a" in --print-to-pdf=*) printf '%%PDF-1.4\\n' > "\${a#--print-to-pdf=}";; esac; done`,
      );
      const bytes = await printHtmlToPdf('<p>x</p>', { env: { DOSSIER_CHROMIUM: bin } });
      expect(Buffer.from(bytes).toString('latin1')).toBe('%PDF-1.4\n');
      const args = (await readFile(log, 'utf8')).trim().split('\n');
      for (const flag of ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-pdf-header-footer']) {
        expect(args).toContain(flag);
      }
      expect(args.find((a) => a.startsWith('--user-data-dir='))).toMatch(/dossier-pdf-/);
      expect(args.at(-1)).toMatch(/^file:\/\/.*\/brief\.html$/);
    });
  });
});
