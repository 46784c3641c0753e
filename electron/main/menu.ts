/**
 * The native menu as data. `menuTemplate` only builds the template (types from electron, no
 * runtime import), so its structure is unit-tested without Electron; index.ts turns it into a Menu
 * and rebuilds it whenever the recent notebooks change.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { RecentNotebook } from '../../shared/api/contract';

export type PageCommand = 'focus-search' | 'toggle-inspector';

export interface MenuActions {
  newNotebook(): void;
  openNotebook(): void;
  openRecent(path: string): void;
  importFiles(): void;
  about(): void;
  /** Ask the page to do something only the page can do (menu.command event). */
  pageCommand(command: PageCommand): void;
}

export interface MenuOptions {
  platform: NodeJS.Platform;
  isPackaged: boolean;
  appName: string;
  recent: readonly RecentNotebook[];
  actions: MenuActions;
}

const MAX_RECENT = 10;

export function menuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const { actions } = options;
  const mac = options.platform === 'darwin';

  const recentItems: MenuItemConstructorOptions[] =
    options.recent.length === 0
      ? [{ label: 'No Recent Notebooks', enabled: false }]
      : options.recent.slice(0, MAX_RECENT).map((notebook) => ({
          // Name for the eye, folder for telling two notebooks of the same name apart.
          label: `${notebook.name} — ${notebook.path}`,
          click: () => actions.openRecent(notebook.path),
        }));

  const appMenu: MenuItemConstructorOptions = {
    label: options.appName,
    submenu: [
      { label: `About ${options.appName}`, click: () => actions.about() },
      { type: 'separator' },
      { role: 'services' },
      { type: 'separator' },
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      { type: 'separator' },
      { role: 'quit' },
    ],
  };

  const fileMenu: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      { label: 'New Notebook…', accelerator: 'CmdOrCtrl+Shift+N', click: () => actions.newNotebook() },
      { label: 'Open Notebook…', accelerator: 'CmdOrCtrl+O', click: () => actions.openNotebook() },
      { label: 'Open Recent', submenu: recentItems },
      { type: 'separator' },
      // Not Ctrl/Cmd+I: the brief editor uses it for italics, and menu accelerators win over the page.
      { label: 'Import Files…', accelerator: 'CmdOrCtrl+Shift+A', click: () => actions.importFiles() },
      { type: 'separator' },
      { role: 'close', label: 'Close Window', accelerator: 'CmdOrCtrl+W' },
      ...(mac ? [] : [{ role: 'quit', label: 'Quit', accelerator: 'CmdOrCtrl+Q' } as const]),
    ],
  };

  const editMenu: MenuItemConstructorOptions = {
    label: '&Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
      { type: 'separator' },
      { label: 'Find…', accelerator: 'CmdOrCtrl+F', click: () => actions.pageCommand('focus-search') },
    ],
  };

  const viewMenu: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      {
        label: 'Toggle Inspector',
        accelerator: 'CmdOrCtrl+Alt+B',
        click: () => actions.pageCommand('toggle-inspector'),
      },
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
      // Reload and DevTools are for development only: a packaged build has neither.
      ...(options.isPackaged
        ? []
        : ([{ type: 'separator' }, { role: 'reload' }, { role: 'toggleDevTools' }] as const)),
    ],
  };

  const windowMenu: MenuItemConstructorOptions = { role: 'windowMenu' };

  const helpMenu: MenuItemConstructorOptions = {
    role: 'help',
    submenu: [{ label: `About ${options.appName}`, click: () => actions.about() }],
  };

  return [...(mac ? [appMenu] : []), fileMenu, editMenu, viewMenu, windowMenu, helpMenu];
}
