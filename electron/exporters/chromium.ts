/**
 * Finding and launching Chromium headless outside Electron (the CLI, the browser host, tests), to
 * print the brief's HTML to PDF with the same engine Electron's printToPDF uses.
 *
 * Where: `DOSSIER_CHROMIUM`, then /usr/bin/chromium, then chromium, chromium-browser,
 * google-chrome and google-chrome-stable on PATH. The flags keep it off the network (without them
 * Chromium floods a closed network with refused connections) and away from the user's profile.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DossierError } from '../../shared/api/result';

export const SYSTEM_CHROMIUM = '/usr/bin/chromium';
const PATH_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

/** Flags for a headless, offline, profile-less Chromium. */
export const HEADLESS_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-extensions',
  '--mute-audio',
] as const;

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * The Chromium binary to use. Throws (code `unsupported`) naming every place it looked when none
 * is found, or when DOSSIER_CHROMIUM names a file that is not an executable (an explicit choice
 * is never silently replaced by another browser).
 */
export function findChromium(env: NodeJS.ProcessEnv = process.env, systemPath: string = SYSTEM_CHROMIUM): string {
  const fromEnv = env.DOSSIER_CHROMIUM?.trim();
  if (fromEnv) {
    if (isExecutable(fromEnv)) return fromEnv;
    throw new DossierError('unsupported', `DOSSIER_CHROMIUM is set to ${fromEnv}, which is not an executable file.`);
  }
  const tried: string[] = ['DOSSIER_CHROMIUM (not set)', systemPath];
  if (isExecutable(systemPath)) return systemPath;
  const dirs = (env.PATH ?? '').split(delimiter).filter(Boolean);
  for (const name of PATH_NAMES) {
    tried.push(`${name} on PATH`);
    for (const dir of dirs) {
      const candidate = join(dir, name);
      if (isExecutable(candidate)) return candidate;
    }
  }
  throw new DossierError(
    'unsupported',
    `No Chromium found to print the PDF. Tried: ${tried.join(', ')}. Install Chromium (e.g. apt-get install chromium) or set DOSSIER_CHROMIUM to its path.`,
  );
}

export interface PrintOptions {
  /** Kill Chromium and fail after this long. Default 60 s. */
  timeoutMs?: number;
  env?: NodeJS.ProcessEnv;
}

/**
 * Prints a local HTML file to `pdfPath` with Chromium headless. `workDir` is a private directory
 * the caller owns (it receives Chromium's throwaway profile). Resolves when Chromium exits with
 * status 0; rejects with Chromium's last stderr lines otherwise, or on timeout.
 */
export async function chromiumPrintToPdf(htmlPath: string, pdfPath: string, workDir: string, options: PrintOptions = {}): Promise<void> {
  const binary = findChromium(options.env);
  const timeoutMs = options.timeoutMs ?? 60_000;
  const args = [
    ...HEADLESS_FLAGS,
    `--user-data-dir=${join(workDir, 'profile')}`,
    '--no-pdf-header-footer',
    `--print-to-pdf=${pdfPath}`,
    pathToFileURL(htmlPath).href,
  ];
  await new Promise<void>((resolve, reject) => {
    // Own process group, so a timeout can end Chromium's helper processes too.
    const child = spawn(binary, args, { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-20_000);
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child.pid);
    }, timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(new DossierError('unsupported', `Could not start Chromium at ${binary}: ${err.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (timedOut) {
        reject(new DossierError('internal', `Chromium (${binary}) did not finish printing ${htmlPath} within ${Math.round(timeoutMs / 1000)} s and was stopped.`));
      } else if (code === 0) {
        resolve();
      } else {
        reject(new DossierError('internal', `Chromium (${binary}) failed printing ${htmlPath} (${signal ? `signal ${signal}` : `exit ${code}`}): ${usefulStderr(stderr)}`));
      }
    });
  });
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

/** Chromium's stderr without the D-Bus complaints every headless run prints on a server. */
function usefulStderr(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !/dbus|Failed to connect to the bus/i.test(l));
  return lines.slice(-5).join(' | ') || '(no output)';
}
