import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { menuTemplate, type MenuActions, type MenuOptions } from './menu';

function actions(): MenuActions {
  return {
    newNotebook: vi.fn(),
    openNotebook: vi.fn(),
    openRecent: vi.fn(),
    importFiles: vi.fn(),
    about: vi.fn(),
    pageCommand: vi.fn(),
  };
}

function build(overrides: Partial<MenuOptions> = {}): MenuItemConstructorOptions[] {
  return menuTemplate({ platform: 'linux', isPackaged: true, appName: 'Dossier', recent: [], actions: actions(), ...overrides });
}

function submenu(item: MenuItemConstructorOptions | undefined): MenuItemConstructorOptions[] {
  const sub = item?.submenu;
  if (!Array.isArray(sub)) throw new Error(`no submenu on ${item?.label ?? item?.role}`);
  return sub as MenuItemConstructorOptions[];
}

const byLabel = (items: MenuItemConstructorOptions[], label: string) => items.find((i) => i.label === label);
const click = (item: MenuItemConstructorOptions | undefined) =>
  (item?.click as unknown as () => void | undefined)?.();

describe('menuTemplate', () => {
  it('has File, Edit, View, Window, Help on Linux and Windows, with Quit in File', () => {
    const menu = build();
    expect(menu.map((m) => m.label ?? m.role)).toEqual(['&File', '&Edit', '&View', 'windowMenu', 'help']);
    const file = submenu(menu[0]);
    expect(file.map((i) => i.label ?? i.type)).toEqual([
      'New Notebook…',
      'Open Notebook…',
      'Open Recent',
      'separator',
      'Import Files…',
      'separator',
      'Close Window',
      'Quit',
    ]);
    expect(byLabel(file, 'Open Notebook…')?.accelerator).toBe('CmdOrCtrl+O');
    expect(byLabel(file, 'Quit')).toMatchObject({ role: 'quit', accelerator: 'CmdOrCtrl+Q' });
  });

  it('puts the app menu first on macOS and leaves Quit there', () => {
    const menu = build({ platform: 'darwin' });
    expect(menu[0]?.label).toBe('Dossier');
    expect(submenu(menu[0]).some((i) => i.role === 'quit')).toBe(true);
    expect(submenu(menu[1]).some((i) => i.role === 'quit')).toBe(false);
  });

  it('lists recent notebooks and opens the one clicked', () => {
    const a = actions();
    const menu = build({
      actions: a,
      recent: [
        { path: '/cases/alpha', name: 'Alpha', openedAt: '2025-01-02T00:00:00Z' },
        { path: '/cases/beta', name: 'Beta', openedAt: '2025-01-01T00:00:00Z' },
      ],
    });
    const recent = submenu(byLabel(submenu(menu[0]), 'Open Recent'));
    expect(recent.map((i) => i.label)).toEqual(['Alpha — /cases/alpha', 'Beta — /cases/beta']);
    click(recent[1]);
    expect(a.openRecent).toHaveBeenCalledWith('/cases/beta');
  });

  it('shows a disabled placeholder when there is nothing recent', () => {
    const recent = submenu(byLabel(submenu(build()[0]), 'Open Recent'));
    expect(recent).toEqual([{ label: 'No Recent Notebooks', enabled: false }]);
  });

  it('wires File actions and page commands', () => {
    const a = actions();
    const menu = build({ actions: a });
    click(byLabel(submenu(menu[0]), 'Import Files…'));
    click(byLabel(submenu(menu[0]), 'New Notebook…'));
    click(byLabel(submenu(menu[1]), 'Find…'));
    click(byLabel(submenu(menu[4]), 'About Dossier'));
    expect(a.importFiles).toHaveBeenCalledOnce();
    expect(a.newNotebook).toHaveBeenCalledOnce();
    expect(a.pageCommand).toHaveBeenCalledWith('focus-search');
    expect(a.about).toHaveBeenCalledOnce();
  });

  it('has role-based editing and no accelerator that steals the editor’s Ctrl/Cmd+I', () => {
    const menu = build();
    expect(submenu(menu[1]).map((i) => i.role).filter(Boolean)).toEqual(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']);
    const accelerators = menu.flatMap((m) => submenu(m.role === 'windowMenu' ? { submenu: [] } : m)).map((i) => i.accelerator);
    expect(accelerators).not.toContain('CmdOrCtrl+I');
    expect(new Set(accelerators.filter(Boolean)).size).toBe(accelerators.filter(Boolean).length);
  });

  it('offers DevTools and reload only when not packaged', () => {
    const roles = (packaged: boolean) => submenu(build({ isPackaged: packaged })[2]).map((i) => i.role);
    expect(roles(true)).not.toContain('toggleDevTools');
    expect(roles(true)).not.toContain('reload');
    expect(roles(false)).toContain('toggleDevTools');
    expect(roles(true)).toEqual(expect.arrayContaining(['zoomIn', 'zoomOut', 'resetZoom', 'togglefullscreen']));
  });
});
