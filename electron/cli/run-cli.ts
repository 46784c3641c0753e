/**
 * `dossier`: argv in, exit code out. Kept apart from main.ts (which only wires process streams and
 * the exit code) so tests run the CLI in-process.
 */
import { parseArgs } from 'node:util';
import { commands, plannedCommands, type Command } from './commands';
import { CliFailure, EXIT_FAILED, EXIT_OK, usageError, type CliEnv, type CliIo } from './context';
import { alignColumns } from './format';

export type { CliEnv, CliIo } from './context';

function usageLine(command: Command): string {
  return `dossier ${command.name} ${command.args}`.trimEnd();
}

export function helpText(): string {
  const rows = commands.map((c) => [`dossier ${c.name} ${c.args}`.trimEnd(), c.summary]);
  return [
    'dossier: the command line of Dossier, the offline research notebook.',
    '',
    'Usage:',
    ...alignColumns(rows).map((line) => `  ${line}`),
    '  dossier help [COMMAND]  |  dossier --help  |  dossier --version',
    '',
    'DIR is a notebook folder. With --json, stdout holds exactly one JSON document.',
    'Exit status: 0 success, 1 the operation failed, 2 the command line is wrong.',
    '',
  ].join('\n');
}

function commandHelp(command: Command): string {
  return `Usage: ${usageLine(command)}\n\n${command.summary}\n`;
}

function findCommand(name: string): Command {
  const command = commands.find((c) => c.name === name);
  if (command) return command;
  if (plannedCommands.includes(name)) {
    throw usageError(`"${name}" is not available in this version yet; \`dossier call DIR METHOD\` reaches every notebook method`);
  }
  throw usageError(`unknown command "${name}" (see: dossier --help)`);
}

function parseCommandArgs(command: Command, args: string[]): { positionals: string[]; values: Record<string, string | boolean | string[] | undefined> } {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: { ...command.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    // parseArgs explains itself ("Unknown option '--x'..."); keep its first sentence.
    const message = error instanceof Error ? error.message.split('\n')[0]! : String(error);
    throw usageError(`${message} (usage: ${usageLine(command)})`);
  }
  const values = parsed.values as Record<string, string | boolean | string[] | undefined>;
  if (values.help) return { positionals: parsed.positionals, values };
  const { min, max } = command.positionals;
  if (parsed.positionals.length < min) {
    const missing = command.args.split(' ').filter((a) => !a.startsWith('['))[parsed.positionals.length] ?? 'an argument';
    throw usageError(`missing ${missing.replace(/\.\.\.$/, '')} (usage: ${usageLine(command)})`);
  }
  if (parsed.positionals.length > max) {
    throw usageError(`unexpected argument "${parsed.positionals[max]}" (usage: ${usageLine(command)})`);
  }
  return { positionals: parsed.positionals, values };
}

/** Runs one `dossier` command line (without the program name) and returns the exit code. */
export async function runCli(argv: string[], io: CliIo, env?: CliEnv): Promise<number> {
  const [first, ...rest] = argv;
  // Named in error messages once the command is known: "dossier import: ...".
  let commandName = '';
  try {
    if (first === undefined) throw usageError('no command given (see: dossier --help)');
    if (first === '--help' || first === '-h' || first === 'help') {
      if (first === 'help' && rest[0] !== undefined) io.stdout.write(commandHelp(findCommand(rest[0])));
      else io.stdout.write(helpText());
      return EXIT_OK;
    }
    const resolvedEnv = env ?? (await import('./env')).defaultEnv;
    if (first === '--version' || first === '-V' || first === 'version') {
      io.stdout.write(`${resolvedEnv.version}\n`);
      return EXIT_OK;
    }
    if (first.startsWith('-')) throw usageError(`unknown option "${first}" (see: dossier --help)`);
    if (plannedCommands.includes(first)) commandName = first;
    const command = findCommand(first);
    commandName = command.name;
    const { positionals, values } = parseCommandArgs(command, rest);
    if (values.help) {
      io.stdout.write(commandHelp(command));
      return EXIT_OK;
    }
    return await command.run({ io, env: resolvedEnv, positionals, values, json: values.json === true });
  } catch (error) {
    const exitCode = error instanceof CliFailure ? error.exitCode : EXIT_FAILED;
    const message = error instanceof Error ? error.message : String(error);
    const prefix = commandName ? `dossier ${commandName}` : 'dossier';
    // Exactly one line, whatever the message holds.
    io.stderr.write(`${prefix}: ${message.replace(/\s*\n\s*/g, ' ')}\n`);
    return exitCode;
  }
}
