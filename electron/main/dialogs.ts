/**
 * Native dialogs: the two `shell.*` contract methods (handed to DossierApp) and the error box
 * every menu action uses. Dialogs are attached to the focused Dossier window when there is one.
 */
import { BrowserWindow, dialog, type OpenDialogOptions } from 'electron';
import type { Handlers, MethodsOfScope } from '../../shared/api/contract';

function parentWindow(): BrowserWindow | undefined {
  return BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows().find((w) => !w.isDestroyed());
}

async function showOpenDialog(options: OpenDialogOptions): Promise<string[]> {
  const parent = parentWindow();
  const result = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
  return result.canceled ? [] : result.filePaths;
}

export async function chooseNotebookFolder(purpose: 'open' | 'create'): Promise<string | null> {
  const paths = await showOpenDialog(
    purpose === 'create'
      ? {
          title: 'New Notebook — choose or create an empty folder',
          buttonLabel: 'Create Notebook Here',
          properties: ['openDirectory', 'createDirectory'],
        }
      : {
          title: 'Open Notebook — choose a notebook folder',
          buttonLabel: 'Open Notebook',
          properties: ['openDirectory', 'createDirectory'],
        },
  );
  return paths[0] ?? null;
}

export async function chooseImportFiles(): Promise<string[]> {
  return showOpenDialog({
    title: 'Import Files',
    buttonLabel: 'Import',
    properties: ['openFile', 'multiSelections'],
    filters: [
      { name: 'Text and Markdown', extensions: ['txt', 'md', 'markdown'] },
      { name: 'All files', extensions: ['*'] },
    ],
  });
}

export const shellHandlers: Handlers<MethodsOfScope<'shell'>> = {
  'shell.chooseNotebookFolder': async ({ purpose }) => chooseNotebookFolder(purpose),
  'shell.chooseImportFiles': async () => chooseImportFiles(),
};

/** One error box: a title saying what failed, then the folder or file, then the problem. */
export function showError(title: string, subject: string, problem: string): void {
  dialog.showErrorBox(title, `${subject}\n\n${problem}`);
}
