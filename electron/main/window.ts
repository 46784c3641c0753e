/**
 * The main window. Its webPreferences are written out in full (not inherited from defaults) so
 * that a reader, Electronegativity and the e2e test can all see every security-relevant switch.
 */
import { BrowserWindow, dialog } from 'electron';
import { entryUrl, type RendererSource } from './policy';

export interface MainWindowOptions {
  preloadPath: string;
  source: RendererSource;
  /** DevTools exist only in unpackaged (development) runs. */
  devTools: boolean;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    width: 1320,
    height: 860,
    minWidth: 720,
    minHeight: 480,
    title: 'Dossier',
    show: false,
    backgroundColor: '#1e1f22',
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: true,
      // Middle-click (auxclick) cannot open or navigate anything.
      disableBlinkFeatures: 'Auxclick',
      devTools: options.devTools,
    },
  });

  win.once('ready-to-show', () => win.show());

  const url = entryUrl(options.source);
  win.webContents.on('did-fail-load', (_event, errorCode, errorDescription, validatedUrl, isMainFrame) => {
    // -3 (ABORTED) is what a blocked navigation reports; only a failed load of our own page matters.
    if (!isMainFrame || errorCode === -3) return;
    dialog.showErrorBox(
      'Dossier could not load its window',
      `${validatedUrl}: ${errorDescription} (${errorCode}).\n\nThe built renderer may be missing; run "npm run build".`,
    );
    if (!win.isVisible()) win.show();
  });
  let lastCrash = 0;
  win.webContents.on('render-process-gone', (_event, details) => {
    if (details.reason === 'clean-exit') return;
    console.error(`The window's renderer process ended: ${details.reason} (exit code ${details.exitCode}).`);
    if (win.isDestroyed()) return;
    // Reload once; a page that dies again within a minute is left for the user to close, not looped.
    const again = Date.now() - lastCrash < 60_000;
    lastCrash = Date.now();
    dialog.showErrorBox(
      'Dossier’s window stopped',
      again
        ? `The page ended unexpectedly again (${details.reason}). Your notebook is saved on disk; restart Dossier.`
        : `The page ended unexpectedly (${details.reason}). It will be reloaded; your notebook is saved on disk.`,
    );
    if (!again) win.webContents.reload();
  });

  void win.loadURL(url).catch((error: unknown) => {
    // did-fail-load reports it to the user; keep the detail in the log.
    console.error(`Loading ${url} failed: ${error instanceof Error ? error.message : String(error)}`);
  });
  return win;
}
