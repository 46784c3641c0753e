/**
 * Which Chromium the end-to-end tests drive. Playwright's own browser download does not work on
 * the project's build machines, so the system Chromium is used where present; a developer laptop
 * without one falls back to Playwright's browsers.
 */
import { existsSync } from 'node:fs';

export const SYSTEM_CHROMIUM = '/usr/bin/chromium';

/** `DOSSIER_CHROMIUM`, else /usr/bin/chromium if it exists, else undefined (Playwright's own). */
export function chromiumExecutable(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const fromEnv = env.DOSSIER_CHROMIUM;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`DOSSIER_CHROMIUM points at ${fromEnv}, which does not exist.`);
    return fromEnv;
  }
  return existsSync(SYSTEM_CHROMIUM) ? SYSTEM_CHROMIUM : undefined;
}

/**
 * Without the networking flags Chromium floods a closed network with refused connections;
 * --no-sandbox because CI runs as root in a container.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
