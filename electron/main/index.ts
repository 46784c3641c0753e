/**
 * The Electron main process: a thin shell around DossierApp. It owns the window, the one IPC
 * channel, the native menu and dialogs, and the security set-up; everything a notebook does
 * happens in DossierApp, which the browser host and the CLI share.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, session } from 'electron';
import type { DossierEvent, ImportResult } from '../../shared/api/contract';
import type { Result } from '../../shared/api/result';
import { DossierApp } from '../app/dossier-app';
import { chooseImportFiles, chooseNotebookFolder, shellHandlers, showError } from './dialogs';
import { createCallHandler, EVENT_CHANNEL, registerCallChannel } from './ipc';
import { menuTemplate, type MenuActions, type PageCommand } from './menu';
import { notebookArg, rendererSource } from './policy';
import { printHtmlToPdf } from './print';
import { guardAllWebContents, hardenSession, registerAppScheme, serveAppProtocol } from './security';
import { createMainWindow } from './window';

// out/main/index.js → out/preload/index.cjs and out/renderer/ (inside app.asar when packaged).
const here = path.dirname(fileURLToPath(import.meta.url));
const PRELOAD_PATH = path.join(here, '../preload/index.cjs');
const RENDERER_DIR = path.join(here, '../renderer');

// --- Before `ready` -------------------------------------------------------------------------
// Tests point the data dir elsewhere; it must be set before anything (the single-instance lock
// included) reads userData.
if (process.env.DOSSIER_USER_DATA) app.setPath('userData', path.resolve(process.env.DOSSIER_USER_DATA));
// Every renderer sandboxed, whatever a future window forgets to say.
app.enableSandbox();
registerAppScheme();
const source = rendererSource(process.env.ELECTRON_RENDERER_URL, app.isPackaged);
guardAllWebContents(source);

if (!app.requestSingleInstanceLock()) {
  // Another Dossier owns this data dir (and its notebook's lock); it gets focused via second-instance.
  app.quit();
} else {
  runShell();
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function runShell(): void {
  const windows = new Set<BrowserWindow>();
  const trustedIds = new Set<number>();
  let dossier: DossierApp | null = null;

  const emit = (event: DossierEvent): void => {
    for (const win of windows) {
      if (!win.isDestroyed()) win.webContents.send(EVENT_CHANNEL, event);
    }
    // Opening or creating a notebook (from the menu or the page) changes the recent list.
    if (event.type === 'notebook.changed') refreshMenu();
  };

  const call = (method: unknown, input: unknown): Promise<Result<unknown>> =>
    dossier
      ? dossier.call(method, input)
      : Promise.resolve({ ok: false, error: { code: 'internal', message: 'Dossier is still starting.' } });

  function focusedOrFirstWindow(): BrowserWindow | undefined {
    const focused = BrowserWindow.getFocusedWindow();
    if (focused && windows.has(focused)) return focused;
    return [...windows].find((w) => !w.isDestroyed());
  }

  function openWindow(): BrowserWindow {
    const win = createMainWindow({ preloadPath: PRELOAD_PATH, source, devTools: !app.isPackaged });
    // Keep the id: webContents cannot be read once the window is closed.
    const id = win.webContents.id;
    windows.add(win);
    trustedIds.add(id);
    win.on('closed', () => {
      windows.delete(win);
      trustedIds.delete(id);
    });
    return win;
  }

  function showWindow(): void {
    const win = focusedOrFirstWindow() ?? openWindow();
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  }

  /** Runs a menu action; anything unexpected still reaches the user instead of vanishing. */
  function menuAction(title: string, action: () => Promise<void>): () => void {
    return () => {
      action().catch((error: unknown) => showError(title, 'Dossier', message(error)));
    };
  }

  async function openFolder(folder: string): Promise<void> {
    const result = await call('notebook.open', { path: folder });
    if (!result.ok) showError('Could not open the notebook', folder, result.error.message);
    else showWindow();
  }

  const actions: MenuActions = {
    newNotebook: menuAction('Could not create a notebook', async () => {
      const folder = await chooseNotebookFolder('create');
      if (!folder) return;
      const result = await call('notebook.create', { path: folder });
      if (!result.ok) showError('Could not create a notebook', folder, result.error.message);
    }),
    openNotebook: menuAction('Could not open the notebook', async () => {
      const folder = await chooseNotebookFolder('open');
      if (folder) await openFolder(folder);
    }),
    openRecent: (folder) => menuAction('Could not open the notebook', () => openFolder(folder))(),
    importFiles: menuAction('Could not import files', async () => {
      const paths = await chooseImportFiles();
      if (paths.length === 0) return;
      // Progress and articles.changed reach the page as events from the import itself.
      const result = await call('articles.importPaths', { paths });
      if (!result.ok) {
        showError('Could not import files', paths.join('\n'), result.error.message);
        return;
      }
      const failed = (result.value as ImportResult[]).filter((r) => r.status === 'error');
      if (failed.length > 0) {
        showError(
          `${failed.length} of ${paths.length} files could not be imported`,
          failed.map((r) => `${r.file}: ${r.error ?? 'unknown error'}`).join('\n'),
          'The other files were imported.',
        );
      }
    }),
    about: menuAction('About Dossier', async () => {
      const options = {
        type: 'info' as const,
        title: 'About Dossier',
        message: `Dossier ${app.getVersion()}`,
        detail: [
          'An offline research notebook for analysts.',
          `Electron ${process.versions.electron}, Chromium ${process.versions.chrome}, Node ${process.versions.node}`,
          `App data: ${app.getPath('userData')}`,
        ].join('\n'),
        buttons: ['OK'],
      };
      const parent = focusedOrFirstWindow();
      await (parent ? dialog.showMessageBox(parent, options) : dialog.showMessageBox(options));
    }),
    pageCommand: (command: PageCommand) => {
      focusedOrFirstWindow()?.webContents.send(EVENT_CHANNEL, { type: 'menu.command', command } satisfies DossierEvent);
    },
  };

  function refreshMenu(): void {
    if (!app.isReady()) return;
    const template = menuTemplate({
      platform: process.platform,
      isPackaged: app.isPackaged,
      appName: app.name || 'Dossier',
      recent: dossier?.recent() ?? [],
      actions,
    });
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  }

  app.on('second-instance', (_event, argv, workingDirectory) => {
    // `dossier --notebook DIR` while Dossier runs: open DIR here rather than in a second process.
    const folder = notebookArg(argv, workingDirectory);
    if (app.isReady()) showWindow();
    if (folder && dossier) void menuAction('Could not open the notebook', () => openFolder(folder))();
  });

  app.on('activate', () => {
    // macOS: clicking the dock icon with no window open brings one back.
    if (app.isReady() && windows.size === 0) openWindow();
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  // Quit waits for the notebook to be closed (its lock released, pending writes flushed).
  // before-quit cannot be awaited, so the first one is cancelled and quit is called again when done.
  let shutdown: 'running' | 'closing' | 'done' = 'running';
  app.on('before-quit', (event) => {
    if (shutdown === 'done' || !dossier) return;
    event.preventDefault();
    if (shutdown === 'closing') return;
    shutdown = 'closing';
    dossier
      .close()
      .catch((error: unknown) => console.error(`Closing the notebook failed: ${message(error)}`))
      .finally(() => {
        shutdown = 'done';
        app.quit();
      });
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => app.quit());
  }

  app
    .whenReady()
    .then(async () => {
      hardenSession(session.defaultSession, source);
      serveAppProtocol(session.defaultSession, RENDERER_DIR, source);

      dossier = new DossierApp({
        host: 'electron',
        dataDir: app.getPath('userData'),
        resourcesDir: app.isPackaged
          ? path.join(process.resourcesPath, 'resources')
          : path.join(app.getAppPath(), 'resources'),
        version: app.getVersion(),
        emit,
        shell: shellHandlers,
        printToPdf: printHtmlToPdf,
      });
      registerCallChannel(
        ipcMain,
        createCallHandler({ trustedWebContentsIds: () => trustedIds, source, call }),
      );
      refreshMenu();

      const requested = notebookArg(process.argv, process.cwd());
      try {
        await dossier.start(requested ? { notebook: requested } : {});
      } catch (error) {
        // The window still opens, on the "no notebook" screen, so the user can pick another one.
        showError('Dossier could not open a notebook', requested ?? 'The sample notebook', message(error));
      }
      refreshMenu();
      openWindow();
    })
    .catch((error: unknown) => {
      dialog.showErrorBox('Dossier could not start', message(error));
      app.exit(1);
    });
}
