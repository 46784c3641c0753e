/**
 * How fast the HTML importer parses alone (decode + tree + Readability + text + metadata), on
 * synthetic saved news pages of about 30-55 KB. Not part of `npm test`; run:
 *   npx tsx test/unit/importers/html-parse-speed.ts [pages]
 */
import { htmlImporter } from '../../../electron/importers/html';
import { syntheticNewsPage } from '../../fixtures/import/html/synthetic';

const count = Number(process.argv[2] ?? 200);
const encoder = new TextEncoder();
const pages = Array.from({ length: count }, (_, i) => encoder.encode(syntheticNewsPage(i)));
const totalBytes = pages.reduce((n, p) => n + p.length, 0);

// One warm-up page so JIT compilation is not billed to the first measurement.
htmlImporter.parse({ fileName: 'warm-up.html', bytes: pages[0]! });

let chars = 0;
const start = performance.now();
const cpuStart = process.cpuUsage();
for (const [i, bytes] of pages.entries()) chars += htmlImporter.parse({ fileName: `page-${i}.html`, bytes }).text.length;
const seconds = (performance.now() - start) / 1000;
// CPU time as well: on a shared machine wall time includes waiting for other processes.
const cpu = process.cpuUsage(cpuStart);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;

console.log(
  `${count} pages, ${(totalBytes / count / 1024).toFixed(1)} KB average: ${seconds.toFixed(2)} s, ` +
    `${(count / seconds).toFixed(1)} pages/s (CPU ${cpuSeconds.toFixed(2)} s, ${(count / cpuSeconds).toFixed(1)} pages per CPU-second), ${Math.round(chars / count)} characters of text per page, ` +
    `peak RSS ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MB`,
);
