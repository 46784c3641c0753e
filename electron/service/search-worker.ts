/**
 * The search index builder as a worker thread (worker_threads): tokenising and regrouping the
 * postings of a whole notebook takes seconds at 10,000 articles and minutes at 100,000, which must
 * not stall the main process's event loop (every API call and event goes through it).
 *
 * Built as its own entry (out/main/search-worker.js); from source it is bundled with esbuild like
 * parse-worker.ts (see SearchService in search-service.ts, which starts and feeds it). The main
 * thread reads the notebook and sends docs in batches; the worker acknowledges each batch (so the
 * main thread never queues a whole corpus in messages), then freezes and serializes the index.
 * It never touches the notebook's files.
 */
import { parentPort } from 'node:worker_threads';
import { SearchIndexBuilder, type SearchDocInput } from '../../shared/search/search-index';

export type SearchWorkerRequest =
  | { type: 'add'; batch: number; docs: SearchDocInput[] }
  | { type: 'finish'; fingerprint: string };

export type SearchWorkerReply =
  | { type: 'ready' }
  | { type: 'added'; batch: number; docs: number }
  | { type: 'built'; bytes: Uint8Array }
  | { type: 'failed'; message: string };

const port = parentPort;
if (port) {
  let builder = new SearchIndexBuilder();
  port.on('message', (request: SearchWorkerRequest) => {
    try {
      if (request.type === 'add') {
        for (const d of request.docs) builder.add(d);
        port.postMessage({ type: 'added', batch: request.batch, docs: builder.size } satisfies SearchWorkerReply);
      } else {
        const bytes = builder.finish(request.fingerprint).serialize();
        builder = new SearchIndexBuilder();
        port.postMessage({ type: 'built', bytes } satisfies SearchWorkerReply, [bytes.buffer as ArrayBuffer]);
      }
    } catch (error) {
      port.postMessage({ type: 'failed', message: error instanceof Error ? error.message : String(error) } satisfies SearchWorkerReply);
    }
  });
  port.postMessage({ type: 'ready' } satisfies SearchWorkerReply);
}
