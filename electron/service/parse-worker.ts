/**
 * A parse worker (worker_threads): parses files with the importer registry off the main thread,
 * so that the pipeline's hashing, duplicate checks, noise detection and writes run at the same time
 * as the next pages are parsed. See parse-pool.ts, which starts and feeds these workers.
 *
 * Built as its own entry (out/main/parse-worker.js). It only turns bytes into a ParsedDocument;
 * it never touches a notebook, so a crash here costs one file's result, never stored data.
 */
import { parentPort } from 'node:worker_threads';
import { DossierError } from '../../shared/api/result';
import { parseFile } from '../importers/registry';
import type { ParseReply, ParseRequest } from './parse-protocol';

const port = parentPort;
if (port) {
  port.on('message', (request: ParseRequest) => {
    void handle(request).then((reply) => port.postMessage(reply));
  });
  // The pool sends work only after this: a worker that cannot load its modules never gets any.
  port.postMessage({ type: 'ready' } satisfies ParseReply);
}

async function handle({ id, fileName, bytes }: ParseRequest): Promise<ParseReply> {
  try {
    const doc = await parseFile({ fileName, bytes });
    return { type: 'parsed', id, ok: true, doc };
  } catch (error) {
    const code = error instanceof DossierError ? error.code : null;
    const message = error instanceof Error ? error.message : String(error);
    return { type: 'parsed', id, ok: false, error: { code, message } };
  }
}
