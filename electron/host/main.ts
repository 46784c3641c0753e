/**
 * `npm run serve` (node out/main/host.js): Dossier in any browser, served on 127.0.0.1.
 * Prints exactly one line to stdout, the URL with the token, which tests and users read.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { defaultDataDir } from './paths';
import { DEFAULT_PORT, startHost, type RunningHost } from './server';

const USAGE = `Usage: node out/main/host.js [options]
  --port N            port on 127.0.0.1 (default ${DEFAULT_PORT}; 0 picks a free one)
  --data-dir DIR      app state: recent notebooks, sample notebook (default ${defaultDataDir()})
  --notebook DIR      open this notebook instead of the last one
  --token T           access token (default: $DOSSIER_TOKEN, else a random one per run)
  --renderer-dir DIR  the built renderer (default: out/renderer next to this file)
  --resources-dir DIR bundled resources (default: resources/ of the project)
  --verbose           log each request to stderr
  --help`;

function fail(message: string): never {
  process.stderr.write(`dossier host: ${message}\n`);
  process.exit(2);
}

function parsePort(text: string | undefined): number {
  if (text === undefined) return DEFAULT_PORT;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be a whole number from 0 to 65535, not ${JSON.stringify(text)}.`);
  return port;
}

/** The built file is out/main/host.js and the source electron/host/main.ts: both two levels below the project. */
function projectFile(relative: string): string {
  return fileURLToPath(new URL(`../../${relative}`, import.meta.url));
}

function readVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(projectFile('package.json'), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string' },
        'data-dir': { type: 'string' },
        notebook: { type: 'string' },
        token: { type: 'string' },
        'renderer-dir': { type: 'string' },
        'resources-dir': { type: 'string' },
        verbose: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    fail(`${(error as Error).message}\n${USAGE}`);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const token = values.token ?? (process.env.DOSSIER_TOKEN || undefined);
  if (token !== undefined && !/^[A-Za-z0-9._~-]{16,512}$/.test(token)) {
    // It travels in a URL fragment and a header: keep it to URL-safe characters and long enough.
    fail('the token must be 16 to 512 characters of A-Z a-z 0-9 . _ ~ -');
  }

  let host: RunningHost;
  try {
    host = await startHost({
      port: parsePort(values.port),
      dataDir: values['data-dir'] ?? defaultDataDir(),
      notebook: values.notebook,
      token,
      rendererDir: values['renderer-dir'] ?? fileURLToPath(new URL('../renderer/', import.meta.url)),
      resourcesDir: values['resources-dir'] ?? projectFile('resources'),
      version: readVersion(),
      verbose: values.verbose,
    });
  } catch (error) {
    process.stderr.write(`dossier host: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }

  process.stdout.write(`Dossier is serving ${host.url}\n`);

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) {
      // A second Ctrl+C means "now": the store writes atomically and drops its lock at exit.
      process.stderr.write('dossier host: stopping without waiting\n');
      process.exit(130);
    }
    stopping = true;
    if (values.verbose) process.stderr.write(`dossier host: ${signal}, shutting down\n`);
    host.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`dossier host: shutdown failed: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

void main();
