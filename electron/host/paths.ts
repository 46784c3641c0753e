/**
 * Where the browser host keeps its own state (recent notebooks, the sample notebook) when no
 * `--data-dir` is given. It is the folder Electron uses as `userData` for an app named "Dossier"
 * (appData + name), so the desktop app and the browser host share recent notebooks and the sample.
 */
import { homedir } from 'node:os';
import { posix, win32 } from 'node:path';

export const APP_NAME = 'Dossier';

export function defaultDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
): string {
  if (platform === 'win32') {
    return win32.join(env.APPDATA || win32.join(home, 'AppData', 'Roaming'), APP_NAME);
  }
  if (platform === 'darwin') {
    return posix.join(home, 'Library', 'Application Support', APP_NAME);
  }
  // XDG says a relative XDG_CONFIG_HOME is invalid and must be ignored.
  const xdg = env.XDG_CONFIG_HOME;
  const configHome = xdg && posix.isAbsolute(xdg) ? xdg : posix.join(home, '.config');
  return posix.join(configHome, APP_NAME);
}
