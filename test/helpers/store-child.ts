/**
 * A second process for the store's lock tests. Usage: node store-child.mjs MODE DIR
 *   hold   open the notebook, print {"ready":true,"pid":...}, keep it until stdin ends, then close
 *   probe  try to open, print {"ok":true} or {"ok":false,"code":...,"message":...}, close, exit
 *   exit   open, then process.exit(0) without close (the exit handler must release the lock)
 */
import { NotebookStore } from '../../electron/store/notebook-store';
import { DossierError } from '../../shared/api/result';

const [mode, dir] = process.argv.slice(2);
if (!mode || !dir) {
  process.stderr.write('usage: store-child MODE DIR\n');
  process.exit(2);
}

try {
  const store = await NotebookStore.open(dir);
  if (mode === 'hold') {
    process.stdout.write(JSON.stringify({ ready: true, pid: process.pid }) + '\n');
    process.stdin.resume();
    process.stdin.on('end', () => {
      void store.close().then(() => process.exit(0));
    });
  } else if (mode === 'probe') {
    process.stdout.write(JSON.stringify({ ok: true }) + '\n');
    await store.close();
  } else if (mode === 'exit') {
    process.exit(0);
  }
} catch (err) {
  const code = err instanceof DossierError ? err.code : 'internal';
  process.stdout.write(JSON.stringify({ ok: false, code, message: (err as Error).message }) + '\n');
  process.exitCode = 1;
}
