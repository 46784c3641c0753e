// A stand-in parse worker for parse-pool.test.ts: echoes the bytes as the text, and dies on cue
// ("crash.html" exits the thread, "throw.html" throws inside it) so the pool's recovery can be tested.
import process from 'node:process';
import { TextDecoder } from 'node:util';
import { parentPort } from 'node:worker_threads';

parentPort.on('message', ({ id, fileName, bytes }) => {
  if (fileName === 'crash.html') process.exit(3);
  if (fileName === 'throw.html') throw new Error('the stand-in parser blew up');
  const text = new TextDecoder().decode(bytes);
  parentPort.postMessage({
    type: 'parsed',
    id,
    ok: true,
    doc: { title: fileName, outlet: null, byline: null, publishedAt: null, url: null, language: null, text, mediaType: 'text/html', noise: [] },
  });
});
parentPort.postMessage({ type: 'ready' });
