/**
 * PDF export in the desktop app: Electron's printToPDF of the brief's self-contained HTML (the same
 * HTML the HTML export writes, and that the CLI and tests print with headless Chromium).
 *
 * The HTML is written to a private temp file and loaded in a hidden window of its own session, with
 * JavaScript off; that session lets through the one file and nothing else, so an export can never
 * reach the network or another file, whatever the brief contains.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { BrowserWindow, session } from 'electron';

const PRINT_PARTITION = 'dossier-print';

export async function printHtmlToPdf(html: string): Promise<Uint8Array> {
  const dir = await mkdtemp(path.join(tmpdir(), 'dossier-print-'));
  const file = path.join(dir, 'brief.html');
  await writeFile(file, html, 'utf8');
  const allowed = pathToFileURL(file).href;
  const printSession = session.fromPartition(PRINT_PARTITION);
  printSession.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !(details.url === allowed || details.url.startsWith('data:')) });
  });
  printSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  const win = new BrowserWindow({
    show: false,
    webPreferences: {
      session: printSession,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      javascript: false,
      // As in the main window: a middle-click must never open anything (app-wide guards deny it too).
      disableBlinkFeatures: 'Auxclick',
    },
  });
  try {
    await win.loadURL(allowed);
    const pdf = await win.webContents.printToPDF({ printBackground: true, pageSize: 'A4', generateDocumentOutline: true });
    return new Uint8Array(pdf);
  } finally {
    win.destroy();
    await rm(dir, { recursive: true, force: true });
  }
}
