/** The `dossier` executable (built to out/main/cli.js with a `#!/usr/bin/env node` banner). */
import { runCli } from './run-cli';

// `dossier list NB | head` closes the pipe early; that is the reader's choice, not a failure.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

process.exitCode = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });
