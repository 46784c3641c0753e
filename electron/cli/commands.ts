/**
 * The CLI's commands, one row each: usage, options, and what it does. Each goes through contract
 * methods (see context.ts), so `dossier list` and `dossier call DIR articles.list` agree.
 */
import { basename } from 'node:path';
import type { ParseArgsConfig } from 'node:util';
import { contract, isMethodName, type ImportResult } from '../../shared/api/contract';
import { describeMethods } from '../../shared/api/dispatch';
import type { ArticleSummary } from '../../shared/model/schemas';
import {
  callAny,
  callMethod,
  EXIT_FAILED,
  EXIT_OK,
  failure,
  naming,
  usageError,
  withNotebook,
  writeJson,
  type CommandContext,
} from './context';
import { alignColumns, articleRows, describeArticle, shorten } from './format';

export interface Command {
  name: string;
  /** Arguments after the command name, for help and usage errors. */
  args: string;
  summary: string;
  positionals: { min: number; max: number };
  options: NonNullable<ParseArgsConfig['options']>;
  run(ctx: CommandContext): Promise<number>;
}

const jsonOption = { json: { type: 'boolean' } } as const;

/** Articles are listed a page at a time so that a large notebook does not need one huge call. */
const LIST_PAGE = 10_000;

export const commands: Command[] = [
  {
    name: 'init',
    args: 'DIR [--name NAME] [--json]',
    summary: 'Create an empty notebook in the folder DIR (new or empty).',
    positionals: { min: 1, max: 1 },
    options: { ...jsonOption, name: { type: 'string' } },
    async run({ io, env, positionals, values, json }) {
      const dir = positionals[0]!;
      const name = typeof values.name === 'string' ? values.name : undefined;
      let session;
      try {
        session = await env.createNotebook(dir, name === undefined ? {} : { name });
      } catch (error) {
        throw failure(naming(dir, error instanceof Error ? error.message : String(error)));
      }
      try {
        const info = await callMethod(session, 'notebook.info', {});
        if (json) writeJson(io, info);
        else io.stdout.write(`Created notebook "${info.meta.name}" in ${dir}\n`);
      } finally {
        await session.close();
      }
      return EXIT_OK;
    },
  },
  {
    name: 'import',
    args: 'DIR FILE... [--json]',
    summary: 'Import files (or folders of them) into the notebook; one result per file.',
    positionals: { min: 2, max: Infinity },
    options: jsonOption,
    async run({ io, env, positionals, json }) {
      const [dir, ...paths] = positionals as [string, ...string[]];
      const results = await withNotebook(env, dir, (session) => callMethod(session, 'articles.importPaths', { paths }));
      if (json) writeJson(io, results);
      else io.stdout.write(formatImportResults(results));
      const failed = results.filter((r) => r.status === 'error');
      if (failed.length === 0) return EXIT_OK;
      const first = failed[0]!;
      const more = failed.length > 1 ? ` (and ${failed.length - 1} more)` : '';
      io.stderr.write(
        `dossier import: ${failed.length} of ${results.length} file(s) could not be imported: ${oneLine(naming(basename(first.file), first.error ?? 'failed'))}${more}\n`,
      );
      return EXIT_FAILED;
    },
  },
  {
    name: 'list',
    args: 'DIR [--json]',
    summary: 'List the articles (without their text).',
    positionals: { min: 1, max: 1 },
    options: jsonOption,
    async run({ io, env, positionals, json }) {
      const dir = positionals[0]!;
      const items = await withNotebook(env, dir, async (session) => {
        const all: ArticleSummary[] = [];
        for (;;) {
          const page = await callMethod(session, 'articles.list', { offset: all.length, limit: LIST_PAGE });
          all.push(...page.items);
          if (page.items.length === 0 || all.length >= page.total) return all;
        }
      });
      if (json) writeJson(io, items);
      else if (items.length === 0) io.stdout.write(`No articles in ${dir} yet (add some with: dossier import ${dir} FILE...)\n`);
      else io.stdout.write(`${articleRows(items).join('\n')}\n`);
      return EXIT_OK;
    },
  },
  {
    name: 'show',
    args: 'DIR ARTICLE_ID [--json]',
    summary: 'Show one article with its text, highlights and claims.',
    positionals: { min: 2, max: 2 },
    options: jsonOption,
    async run({ io, env, positionals, json }) {
      const [dir, id] = positionals as [string, string];
      const article = await withNotebook(env, dir, (session) => callMethod(session, 'articles.show', { id }));
      if (json) writeJson(io, article);
      else io.stdout.write(describeArticle(article));
      return EXIT_OK;
    },
  },
  {
    name: 'call',
    args: 'DIR METHOD [JSON_ARGS]',
    summary: 'Call any notebook method of the API by name; prints its JSON result.',
    positionals: { min: 2, max: 3 },
    options: jsonOption,
    async run({ io, env, positionals }) {
      const [dir, method, rawArgs] = positionals as [string, string, string | undefined];
      if (!isMethodName(method)) throw usageError(`there is no method "${method}" (see: dossier methods)`);
      const scope = contract[method].scope;
      if (scope !== 'notebook') {
        throw usageError(`${method} is ${scope === 'app' ? 'an app' : 'a shell'} method; the CLI serves notebook methods only (see: dossier methods)`);
      }
      let args: unknown = {};
      if (rawArgs !== undefined) {
        try {
          args = JSON.parse(rawArgs);
        } catch (error) {
          throw usageError(`JSON_ARGS is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
        }
      }
      const value = await withNotebook(env, dir, (session) => callAny(session, method, args));
      writeJson(io, value ?? null);
      return EXIT_OK;
    },
  },
  {
    name: 'methods',
    args: '[--json]',
    summary: "List the API's methods (with their JSON Schemas when --json).",
    positionals: { min: 0, max: 0 },
    options: jsonOption,
    async run({ io, json }) {
      const methods = describeMethods();
      if (json) {
        writeJson(io, methods);
        return EXIT_OK;
      }
      const rows = methods.map((m) => [m.name, m.scope, m.summary]);
      io.stdout.write(`${alignColumns([['METHOD', 'SCOPE', 'SUMMARY'], ...rows]).join('\n')}\n`);
      io.stdout.write('\n`dossier call DIR METHOD [JSON_ARGS]` serves the notebook methods; app and shell methods belong to the desktop app and the browser host.\n');
      return EXIT_OK;
    },
  },
];

/** Commands of the domain's CLI that later versions add: a clear message instead of "unknown command". */
export const plannedCommands = ['annotate', 'claim', 'edit', 'search', 'entities', 'export'];

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ');
}

export function formatImportResults(results: ImportResult[]): string {
  if (results.length === 0) return 'Nothing to import.\n';
  const rows = results.map((r) => {
    switch (r.status) {
      case 'imported': {
        const near = r.nearDuplicateOf ? ` (near-duplicate of ${r.nearDuplicateOf}, ${(r.similarity ?? 0).toFixed(2)})` : '';
        return [r.status, r.file, `${shorten(r.title ?? '', 70)}  (${r.articleId})${near}`];
      }
      case 'duplicate':
        return [r.status, r.file, `already in the notebook as ${r.articleId}`];
      case 'cancelled':
        return [r.status, r.file, 'not imported: the import was cancelled'];
      default:
        return [r.status, r.file, oneLine(r.error ?? 'failed')];
    }
  });
  const count = (status: ImportResult['status']): number => results.filter((r) => r.status === status).length;
  const near = results.filter((r) => r.status === 'imported' && r.nearDuplicateOf).length;
  const cancelled = count('cancelled');
  const summary =
    `${count('imported')} imported${near > 0 ? ` (${near} near-duplicate${near === 1 ? '' : 's'})` : ''}, ` +
    `${count('duplicate')} duplicate, ${count('error')} failed${cancelled > 0 ? `, ${cancelled} cancelled` : ''}`;
  return `${alignColumns(rows).join('\n')}\n${summary}\n`;
}
