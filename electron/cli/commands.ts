/**
 * The CLI's commands, one row each: usage, options, and what it does. Each goes through contract
 * methods (see context.ts), so `dossier list` and `dossier call DIR articles.list` agree.
 */
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { ParseArgsConfig } from 'node:util';
import { contract, isMethodName, type ImportResult } from '../../shared/api/contract';
import { describeMethods } from '../../shared/api/dispatch';
import { EXPORT_FORMATS, type ExportFormat } from '../../shared/export/formats';
import type { EntityKind } from '../../shared/analysis';
import type { ArticleSummary, ClaimKind, RichText } from '../../shared/model/schemas';
import { exportFormats } from '../exporters/registry';
import { decodeText } from '../importers/decode';
import {
  callAny,
  callMethod,
  CliFailure,
  EXIT_FAILED,
  EXIT_OK,
  failure,
  naming,
  usageError,
  withNotebook,
  writeJson,
  type CommandContext,
  type NotebookSession,
} from './context';
import { alignColumns, articleRows, describeAnchors, describeArticle, shorten } from './format';
import { formatSearchResults } from './search-format';
import { formatEntities } from './entities-format';

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
      const items = await withNotebook(env, dir, listAll);
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
    name: 'annotate',
    args: 'DIR ARTICLE_ID --quote TEXT [--tag NAME]... [--comment TEXT] [--json]',
    summary: 'Highlight the first occurrence of TEXT, with tags (created when missing) and a comment.',
    positionals: { min: 2, max: 2 },
    options: { ...jsonOption, quote: { type: 'string' }, tag: { type: 'string', multiple: true }, comment: { type: 'string' } },
    async run({ io, env, positionals, values, json }) {
      const [dir, articleId] = positionals as [string, string];
      const quote = requiredString(values, 'quote', 'annotate');
      const tagNames = Array.isArray(values.tag) ? values.tag : [];
      const comment = typeof values.comment === 'string' ? values.comment : undefined;
      const annotation = await withNotebook(env, dir, async (session) => {
        const tags: string[] = [];
        for (const name of tagNames) tags.push((await callMethod(session, 'tags.create', { name })).id);
        return quoteFailure(() =>
          callMethod(session, 'annotations.create', {
            articleId,
            target: { quote },
            ...(tags.length > 0 ? { tags } : {}),
            ...(comment !== undefined && comment.trim() !== '' ? { comment: commentDoc(comment) } : {}),
          }),
        );
      });
      if (json) writeJson(io, annotation);
      else io.stdout.write(`Highlighted [${annotation.target.start}-${annotation.target.end}] "${shorten(annotation.target.exact, 70)}" as ${annotation.id}\n`);
      return EXIT_OK;
    },
  },
  {
    name: 'claim',
    args: 'DIR ARTICLE_ID --quote TEXT [--statement S] [--speaker S] [--kind K] [--json]',
    summary: 'Make a claim on the first occurrence of TEXT.',
    positionals: { min: 2, max: 2 },
    options: { ...jsonOption, quote: { type: 'string' }, statement: { type: 'string' }, speaker: { type: 'string' }, kind: { type: 'string' } },
    async run({ io, env, positionals, values, json }) {
      const [dir, articleId] = positionals as [string, string];
      const quote = requiredString(values, 'quote', 'claim');
      const kind = typeof values.kind === 'string' ? values.kind : undefined;
      if (kind !== undefined && !CLAIM_KINDS.includes(kind as ClaimKind)) {
        throw usageError(`--kind must be one of ${CLAIM_KINDS.join(', ')} (got "${kind}")`);
      }
      const claim = await withNotebook(env, dir, (session) =>
        quoteFailure(() =>
          callMethod(session, 'claims.create', {
            articleId,
            target: { quote },
            ...(typeof values.statement === 'string' ? { statement: values.statement } : {}),
            ...(typeof values.speaker === 'string' ? { speaker: values.speaker } : {}),
            ...(kind !== undefined ? { kind: kind as ClaimKind } : {}),
          }),
        ),
      );
      if (json) writeJson(io, claim);
      else io.stdout.write(`Claim ${claim.id} (${claim.kind}) on [${claim.target.start}-${claim.target.end}]: ${shorten(claim.statement, 70)}\n`);
      return EXIT_OK;
    },
  },
  {
    name: 'edit',
    args: 'DIR ARTICLE_ID --text-file FILE [--json]',
    summary: "Replace an article's text with FILE's and re-anchor its highlights and claims.",
    positionals: { min: 2, max: 2 },
    options: { ...jsonOption, 'text-file': { type: 'string' } },
    async run({ io, env, positionals, values, json }) {
      const [dir, articleId] = positionals as [string, string];
      const file = requiredString(values, 'text-file', 'edit');
      let text: string;
      try {
        text = decodeText(file, new Uint8Array(await readFile(file))).text;
      } catch (error) {
        throw failure(naming(file, error instanceof Error ? error.message : String(error)));
      }
      const result = await withNotebook(env, dir, (session) => callMethod(session, 'articles.editText', { id: articleId, text }));
      if (json) {
        writeJson(io, result);
        return EXIT_OK;
      }
      io.stdout.write(`Replaced the text of "${result.article.title}" (${result.article.length} characters).\n${describeAnchors(result.anchors)}`);
      const review = result.anchors.filter((a) => a.needsReview).length;
      if (review > 0) {
        io.stderr.write(
          `dossier edit: ${review} of ${result.anchors.length} highlight(s)/claim(s) could not be re-anchored and need review; they keep their old place (see: dossier call ${dir} annotations.review)\n`,
        );
      }
      return EXIT_OK;
    },
  },
  {
    name: 'export',
    args: 'DIR --format FORMAT --out FILE [--brief ID]',
    summary: `Write a brief (--brief ID, or one generated from every claim) as ${exportFormats.join(', ')}; jsonld holds every highlight and claim.`,
    positionals: { min: 1, max: 1 },
    options: { format: { type: 'string' }, out: { type: 'string' }, brief: { type: 'string' } },
    async run({ io, env, positionals, values }) {
      const dir = positionals[0]!;
      const format = requiredString(values, 'format', 'export');
      const out = requiredString(values, 'out', 'export');
      if (!exportFormats.includes(format as ExportFormat)) {
        if ((EXPORT_FORMATS as readonly string[]).includes(format)) {
          throw usageError(`--format ${format} is not available in this build (its exporter is not registered); available: ${exportFormats.join(', ')}`);
        }
        throw usageError(`--format must be one of ${exportFormats.join(', ')} (got "${format}")`);
      }
      const briefId = typeof values.brief === 'string' ? values.brief : null;
      if (briefId === '') throw usageError('--brief needs a brief id (see: dossier call DIR briefs.list)');
      const file = await withNotebook(env, dir, (session) => callMethod(session, 'export.render', { briefId, format: format as ExportFormat }));
      const data = Buffer.from(file.dataBase64, 'base64');
      // Written beside the target and renamed, so a failed export never leaves half a file at FILE.
      const temp = join(dirname(out), `.${basename(out)}.${process.pid}.tmp`);
      try {
        await writeFile(temp, data);
        await rename(temp, out);
      } catch (error) {
        await rm(temp, { force: true }).catch(() => {});
        throw failure(naming(out, `could not be written: ${error instanceof Error ? error.message : String(error)}`));
      }
      if (format === 'jsonld') {
        const total = (JSON.parse(data.toString('utf8')) as { total: number }).total;
        io.stdout.write(`Exported ${total} annotation(s) to ${out}\n`);
      } else {
        io.stdout.write(`Exported ${briefId === null ? 'a brief generated from every claim' : `brief ${briefId}`} as ${format} (${data.length} bytes) to ${out}\n`);
      }
      return EXIT_OK;
    },
  },
  {
    name: 'search',
    args: 'DIR QUERY... [--limit N] [--json]',
    summary: 'Search articles, highlights, claims, notes, memos, briefs and entities ("phrases", prefix*, filters outlet: kind: tag: status: entity: from: to:).',
    positionals: { min: 2, max: Infinity },
    options: { ...jsonOption, limit: { type: 'string' } },
    async run({ io, env, positionals, values, json }) {
      const [dir, ...words] = positionals as [string, ...string[]];
      const query = words.join(' ');
      let limit: number | undefined;
      if (typeof values.limit === 'string') {
        limit = Number(values.limit);
        if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw usageError(`--limit must be a whole number from 1 to 500 (got "${values.limit}")`);
      }
      const response = await withNotebook(env, dir, (session) => callMethod(session, 'search.query', limit === undefined ? { query } : { query, limit }));
      if (json) writeJson(io, response);
      else io.stdout.write(formatSearchResults(query, response));
      return EXIT_OK;
    },
  },
  {
    name: 'entities',
    args: 'DIR [--kind KIND] [--json]',
    summary: 'Entities (people, organisations, places, dates, numbers) with their mentions, and the proposed alias merges.',
    positionals: { min: 1, max: 1 },
    options: { ...jsonOption, kind: { type: 'string' } },
    async run({ io, env, positionals, values, json }) {
      const dir = positionals[0]!;
      const kind = typeof values.kind === 'string' ? values.kind : undefined;
      if (kind !== undefined && !ENTITY_KINDS.includes(kind as EntityKind)) {
        throw usageError(`--kind must be one of ${ENTITY_KINDS.join(', ')} (got "${kind}")`);
      }
      const { entities, proposals } = await withNotebook(env, dir, async (session) => ({
        entities: await callMethod(session, 'entities.list', { mentions: true, limit: 100_000, ...(kind ? { kind: kind as EntityKind } : {}) }),
        proposals: (await callMethod(session, 'entities.proposals', {})).filter((p) => !kind || p.kind === kind),
      }));
      if (json) writeJson(io, { entities, proposals });
      else io.stdout.write(formatEntities(dir, entities, proposals));
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
export const plannedCommands: string[] = [];

const CLAIM_KINDS: readonly ClaimKind[] = ['fact', 'quote', 'number', 'assessment', 'opinion', 'prediction'];
const ENTITY_KINDS: readonly EntityKind[] = ['person', 'organization', 'place', 'date', 'number', 'other'];

async function listAll(session: NotebookSession): Promise<ArticleSummary[]> {
  const all: ArticleSummary[] = [];
  for (;;) {
    const page = await callMethod(session, 'articles.list', { offset: all.length, limit: LIST_PAGE });
    all.push(...page.items);
    if (page.items.length === 0 || all.length >= page.total) return all;
  }
}

function requiredString(values: CommandContext['values'], name: string, command: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value === '') throw usageError(`--${name} is required (see: dossier help ${command})`);
  return value;
}

/** A comment as the editor stores it: a minimal Tiptap document, one paragraph per line. */
export function commentDoc(text: string): NonNullable<RichText> {
  const paragraphs = text.split(/\r?\n/).map((line) => (line === '' ? { type: 'paragraph' } : { type: 'paragraph', content: [{ type: 'text', text: line }] }));
  return { type: 'doc', content: paragraphs };
}

/** "the quote "…" does not occur in <title>": the service's sentence, read as the rest of the CLI's line. */
async function quoteFailure<T>(body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (error) {
    if (error instanceof CliFailure && error.message.startsWith('The quote ')) {
      throw new CliFailure(error.exitCode, `t${error.message.slice(1).replace(/\.$/, '')}`);
    }
    throw error;
  }
}

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
