/**
 * Import benchmark: a synthetic batch of 1,000 plain-text articles (~5 KB, news-like, with ad,
 * related-news, share and footer lines; every 12th a syndicated near-duplicate of an earlier one)
 * and 1,000 HTML pages (30-80 KB of saved-page markup around the same kind of story), written to a
 * temp folder, then imported through the service (`articles.importPaths` on the folder) into a
 * fresh notebook each: parse, hash, duplicate and near-duplicate checks, noise detection, durable
 * writes, the index cache.
 *
 * Baseline, measured in the same run on the same files: reading and hashing each file (what any
 * import must do at least). Reported: articles/s, the ratio to the baseline, peak RSS (the process's
 * maximum so far, so the HTML figure includes the text phase), and what the import found.
 * Targets on the 2-core machine: text >= 300 articles/s, HTML >= 40 pages/s.
 *
 * Wall time depends on what else the machine runs, so the table also gives the import's CPU time
 * per file (all of this process's threads: main, GC, file system, parse workers), the main
 * thread's share of it, and the rate they imply with nothing else running (see quietRate), with
 * the load average at the start and at the end of the run.
 * BENCH_IMPORT_FILES overrides the batch size; BENCH_IMPORT_CORPORA=text (or html) runs one corpus.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { findImporter } from '../../electron/importers/registry';
import { createNotebookHandlers } from '../../electron/service/notebook-service';
import { NotebookStore } from '../../electron/store/notebook-store';
import { now, peakRssMb, printTable, round, type BenchResults } from './lib';
import { generateArticle, htmlPage, syndicatedCopy, type GeneratedArticle } from './news-corpus';

const FILES = Number(process.env.BENCH_IMPORT_FILES ?? 1000);
const CORPORA = (process.env.BENCH_IMPORT_CORPORA ?? 'text,html').split(',').map((c) => c.trim());
const TARGET_TEXT = 300;
const TARGET_HTML = 40;
/** Every NEAR_EVERY-th file is a syndicated copy of an earlier article. */
const NEAR_EVERY = 12;

async function writeCorpus(dir: string, kind: 'txt' | 'html'): Promise<number> {
  await mkdir(dir, { recursive: true });
  const originals: GeneratedArticle[] = [];
  let bytes = 0;
  for (let i = 0; i < FILES; i++) {
    const seed = (kind === 'txt' ? 1 : 100_000) + i;
    let content: string;
    if (i % NEAR_EVERY === NEAR_EVERY - 1 && originals.length > 0) {
      const source = originals[(i * 7) % originals.length]!;
      if (kind === 'txt') content = syndicatedCopy(source, seed);
      else {
        const copyText = syndicatedCopy(source, seed);
        content = htmlPage({ ...source, paragraphs: copyText.split('\n\n').slice(1, -1).filter((p) => p.length > 200) }, seed);
      }
    } else {
      const article = generateArticle(seed);
      originals.push(article);
      content = kind === 'txt' ? article.text : htmlPage(article, seed);
    }
    const name = `${String(i).padStart(4, '0')}-story.${kind}`;
    await writeFile(join(dir, name), content);
    bytes += Buffer.byteLength(content);
  }
  return bytes;
}

/**
 * CPU time of the main thread alone (Linux: /proc, in clock ticks of 10 ms), or null elsewhere.
 * Work on other threads (file system calls, GC helpers, parse workers) can run on the second core
 * at the same time as the main thread's, so the two together bound the rate a quiet machine gets.
 */
function mainThreadCpuMs(): number | null {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of the file, 12 and 13 after the command name.
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return null;
  }
}

/** Reading and hashing every file: the least any import does. */
async function baseline(dir: string): Promise<number> {
  const names = (await readdir(dir)).sort();
  const start = now();
  for (const name of names) {
    const bytes = await readFile(join(dir, name));
    createHash('sha256').update(bytes).digest('hex');
  }
  return now() - start;
}

interface Phase {
  ms: number;
  /** CPU time of this process during the import (user + system): what the work costs when the machine is shared. */
  cpuMs: number;
  /** The main thread's share of cpuMs (null where /proc is missing). */
  mainCpuMs: number | null;
  baselineMs: number;
  imported: number;
  nearDuplicates: number;
  failed: number;
  firstError: string | null;
  noiseRanges: number;
  articlesWithNoise: number;
  peakRss: number;
}

async function importPhase(root: string, dir: string, name: string): Promise<Phase> {
  const baselineMs = await baseline(dir);
  const store = await NotebookStore.create(join(root, `nb-${name}`), { name: `bench ${name}` });
  try {
    const handlers = createNotebookHandlers(store);
    const start = now();
    const cpu = process.cpuUsage();
    const mainBefore = mainThreadCpuMs();
    const results = await handlers['articles.importPaths']({ paths: [dir] });
    const ms = now() - start;
    const used = process.cpuUsage(cpu);
    const mainAfter = mainThreadCpuMs();
    const cpuMs = (used.user + used.system) / 1000;
    const mainCpuMs = mainBefore === null || mainAfter === null ? null : mainAfter - mainBefore;
    const articles = store.listArticles();
    const failed = results.filter((r) => r.status === 'error');
    return {
      ms,
      cpuMs,
      mainCpuMs,
      baselineMs,
      imported: results.filter((r) => r.status === 'imported').length,
      nearDuplicates: results.filter((r) => r.nearDuplicateOf !== null).length,
      failed: failed.length,
      firstError: failed[0]?.error ?? null,
      noiseRanges: articles.reduce((n, a) => n + a.noise.length, 0),
      articlesWithNoise: articles.filter((a) => a.noise.length > 0).length,
      peakRss: peakRssMb(),
    };
  } finally {
    await store.close();
  }
}

/**
 * The rate this CPU cost allows when nothing else runs on the machine: all the work spread over
 * its cores, but never faster than the main thread alone (the pipeline's in-order part runs there).
 * An estimate: it assumes the threads overlap perfectly, which the pipeline's lookahead and its
 * one write in flight approach. Without /proc, all CPU time is counted as main-thread time.
 */
function quietRate(p: Phase): number | null {
  const main = p.mainCpuMs ?? p.cpuMs;
  const perFile = Math.max(main, p.cpuMs / availableParallelism()) / FILES;
  return perFile > 0 ? 1000 / perFile : null;
}

export default async function run(): Promise<BenchResults> {
  const loadAtStart = loadavg()[0]!;
  console.log(`load average (1 min) at the start: ${round(loadAtStart)} on ${availableParallelism()} cores`);
  const root = await mkdtemp(join(tmpdir(), 'dossier-bench-import-'));
  try {
    const textDir = join(root, 'text');
    const htmlDir = join(root, 'html');
    const runText = CORPORA.includes('text');
    const textBytes = runText ? await writeCorpus(textDir, 'txt') : 0;
    const htmlAvailable = findImporter('page.html') !== undefined;
    const runHtml = htmlAvailable && CORPORA.includes('html');
    const htmlBytes = runHtml ? await writeCorpus(htmlDir, 'html') : 0;

    const text = runText ? await importPhase(root, textDir, 'text') : null;
    const html = runHtml ? await importPhase(root, htmlDir, 'html') : null;

    const textRate = text ? FILES / (text.ms / 1000) : null;
    const htmlRate = html ? FILES / (html.ms / 1000) : null;
    const row = (label: string, p: Phase | null, bytes: number, r: number | null, target: number): (string | number)[] =>
      p
        ? [label, FILES, round(bytes / FILES / 1024), round(p.ms), round(r!), target, round(p.cpuMs / FILES), p.mainCpuMs === null ? '-' : round(p.mainCpuMs / FILES), quietRate(p) === null ? '-' : round(quietRate(p)!), round(p.baselineMs), round(p.ms / p.baselineMs), p.imported, p.nearDuplicates, p.failed, p.articlesWithNoise, round(p.peakRss)]
        : [label, FILES, '-', label === 'HTML' && !htmlAvailable ? 'no HTML importer registered yet' : 'not run', '-', target, '-', '-', '-', '-', '-', '-', '-', '-', '-', '-'];
    printTable(`Import (${FILES} files each, through articles.importPaths into a fresh notebook)`, [
      ['corpus', 'files', 'KB/file', 'ms', 'files/s', 'target/s', 'CPU ms/file', 'main-thread ms/file', 'quiet files/s', 'baseline ms', 'x baseline', 'imported', 'near-dup', 'failed', 'with noise', 'peak RSS MB'],
      row('plain text', text, textBytes, textRate, TARGET_TEXT),
      row('HTML', html, htmlBytes, htmlRate, TARGET_HTML),
    ]);
    console.log(`load average (1 min): ${round(loadAtStart)} at the start, ${round(loadavg()[0]!)} at the end, on ${availableParallelism()} cores`);
    if (text?.firstError) console.log(`first text failure: ${text.firstError}`);
    if (html?.firstError) console.log(`first HTML failure: ${html.firstError}`);

    return {
      files: FILES,
      load_average_1m_start: round(loadAtStart),
      load_average_1m: round(loadavg()[0]!),
      text_kb_per_file: text ? round(textBytes / FILES / 1024) : null,
      text_ms: text ? round(text.ms) : null,
      text_per_s: textRate === null ? null : round(textRate),
      text_target_per_s: TARGET_TEXT,
      text_cpu_ms_per_file: text ? round(text.cpuMs / FILES) : null,
      text_main_thread_cpu_ms_per_file: text?.mainCpuMs != null ? round(text.mainCpuMs / FILES) : null,
      text_quiet_machine_per_s: text && quietRate(text) !== null ? round(quietRate(text)!) : null,
      text_ok: textRate === null ? null : textRate >= TARGET_TEXT,
      text_baseline_ms: text ? round(text.baselineMs) : null,
      text_ratio_to_baseline: text ? round(text.ms / text.baselineMs) : null,
      text_imported: text?.imported ?? null,
      text_near_duplicates: text?.nearDuplicates ?? null,
      text_failed: text?.failed ?? null,
      text_articles_with_noise: text?.articlesWithNoise ?? null,
      text_noise_ranges: text?.noiseRanges ?? null,
      text_peak_rss_mb: text ? round(text.peakRss) : null,
      html_available: htmlAvailable,
      html_kb_per_file: html ? round(htmlBytes / FILES / 1024) : null,
      html_ms: html ? round(html.ms) : null,
      html_per_s: htmlRate === null ? null : round(htmlRate),
      html_target_per_s: TARGET_HTML,
      html_cpu_ms_per_file: html ? round(html.cpuMs / FILES) : null,
      html_main_thread_cpu_ms_per_file: html?.mainCpuMs != null ? round(html.mainCpuMs / FILES) : null,
      html_quiet_machine_per_s: html && quietRate(html) !== null ? round(quietRate(html)!) : null,
      html_ok: htmlRate === null ? null : htmlRate >= TARGET_HTML,
      html_baseline_ms: html ? round(html.baselineMs) : null,
      html_ratio_to_baseline: html ? round(html.ms / html.baselineMs) : null,
      html_imported: html?.imported ?? null,
      html_near_duplicates: html?.nearDuplicates ?? null,
      html_failed: html?.failed ?? null,
      html_articles_with_noise: html?.articlesWithNoise ?? null,
      html_peak_rss_mb: html ? round(html.peakRss) : null,
    };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}
