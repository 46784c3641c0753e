/** The `dossier` executable (built to out/main/cli.js with a `#!/usr/bin/env node` banner). */
import { runCli } from './run-cli';

process.exitCode = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });
