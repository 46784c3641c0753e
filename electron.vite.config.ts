import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';

/**
 * The dev server needs an inline React-refresh script, injected <style> tags and a websocket; the
 * production CSP in renderer/index.html forbids all three. Relax it in `electron-vite dev` only.
 */
function devServerCsp(): Plugin {
  return {
    name: 'dossier-dev-csp',
    apply: 'serve',
    transformIndexHtml(html) {
      return html
        .replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
        .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
        .replace("connect-src 'self'", "connect-src 'self' ws://localhost:* ws://127.0.0.1:*");
    },
  };
}

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        // The desktop shell, the CLI and the browser host share the Node-side code and one build.
        input: {
          index: resolve('electron/main/index.ts'),
          cli: resolve('electron/cli/main.ts'),
          host: resolve('electron/host/main.ts'),
          // Imports parse HTML, PDF and DOCX in worker threads so both cores work (electron/service/parse-pool.ts).
          'parse-worker': resolve('electron/service/parse-worker.ts'),
          // Full search index builds run in a worker thread, off the main event loop (electron/service/search-service.ts).
          'search-worker': resolve('electron/service/search-worker.ts'),
        },
        output: {
          banner: (chunk) => (chunk.isEntry && chunk.name === 'cli' ? '#!/usr/bin/env node' : ''),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve('electron/preload/index.ts') },
        // Sandboxed preloads cannot be ES modules.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve('renderer'),
    build: {
      outDir: resolve('out/renderer'),
      rollupOptions: { input: resolve('renderer/index.html') },
    },
    plugins: [react(), devServerCsp()],
  },
});
