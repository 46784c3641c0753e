/**
 * Export benchmark: a brief citing 500 claims (50 articles, every tenth claim cited twice, a
 * 100-row annex table; test/fixtures/brief-layout.ts largeBriefLayout) rendered to DOCX (docx
 * package, real footnotes) and to PDF (the brief's HTML printed by Chromium headless, including
 * Chromium's start), plus the QDPX of the same claims. Wall time per export, median and worst of
 * a few runs, after one warm-up (module loading, the first Chromium start from a cold disk).
 * Targets on the 2-core machine: DOCX under 2 s, PDF under 5 s.
 * BENCH_EXPORT_CLAIMS overrides the claim count; BENCH_EXPORT_RUNS the runs per format.
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { renderBriefDocx } from '../../electron/exporters/docx';
import { renderBriefHtml } from '../../electron/exporters/html';
import { printHtmlToPdf } from '../../electron/exporters/pdf';
import { renderQdpx } from '../../electron/exporters/qdpx';
import { largeBriefLayout } from '../fixtures/brief-layout';
import { median, peakRssMb, printTable, round, time, type BenchResults } from './lib';

const CLAIMS = Number(process.env.BENCH_EXPORT_CLAIMS ?? 500);
const RUNS = Number(process.env.BENCH_EXPORT_RUNS ?? 5);
const TARGET_DOCX_MS = 2000;
const TARGET_PDF_MS = 5000;

/**
 * CPU time (ms) of this process's finished children (Chromium and the helpers it waited for), from
 * /proc/self/stat cutime+cstime; null off Linux. With a busy machine the wall time of a PDF says
 * little, the CPU it cost says what a quiet machine would take at least.
 */
function childCpuMs(): number | null {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 16 and 17 of proc(5) (cutime, cstime) are at 13 and 14 after the name; clock ticks (100/s).
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return null;
  }
}

async function measure(fn: () => Promise<Uint8Array>): Promise<{ samples: number[]; cpu: number[]; bytes: number }> {
  await fn(); // warm-up
  const samples: number[] = [];
  const cpu: number[] = [];
  let bytes = 0;
  for (let i = 0; i < RUNS; i++) {
    const cpuBefore = childCpuMs();
    const { ms, value } = await time(fn);
    const cpuAfter = childCpuMs();
    samples.push(ms);
    if (cpuBefore !== null && cpuAfter !== null) cpu.push(cpuAfter - cpuBefore);
    bytes = value.byteLength;
  }
  return { samples, cpu, bytes };
}

export default async function run(): Promise<BenchResults> {
  const { layout, articles, claims } = largeBriefLayout(CLAIMS);
  const loadStart = loadavg()[0]!;
  const docx = await measure(() => renderBriefDocx(layout));
  const pdf = await measure(() => printHtmlToPdf(renderBriefHtml(layout)));
  const qdpx = await measure(async () => renderQdpx({ projectName: 'bench', notebookId: 'bench', exportedAt: layout.generatedAt, articles, annotations: [], tags: [], claims }).bytes);

  const loadEnd = loadavg()[0]!;
  const row = (name: string, m: { samples: number[]; bytes: number }, target: number | null): (string | number)[] => [
    name,
    median(m.samples),
    Math.max(...m.samples),
    target ?? '-',
    target === null ? '-' : median(m.samples) < target ? 'yes' : 'NO',
    round(m.bytes / 1024),
  ];
  printTable(`Export of a brief citing ${CLAIMS} claims (${RUNS} runs each after a warm-up)`, [
    ['format', 'median ms', 'max ms', 'target ms', 'met', 'KB'],
    row('DOCX', docx, TARGET_DOCX_MS),
    row('PDF (Chromium)', pdf, TARGET_PDF_MS),
    row('QDPX', qdpx, null),
  ]);
  const pdfCpu = pdf.cpu.length > 0 ? median(pdf.cpu) : null;
  console.log(`Chromium CPU per PDF (median, all its processes): ${pdfCpu === null ? 'n/a' : `${round(pdfCpu)} ms`}; load average ${round(loadStart)} -> ${round(loadEnd)}`);
  return {
    claims: CLAIMS,
    runs: RUNS,
    docxMedianMs: round(median(docx.samples)),
    docxMaxMs: round(Math.max(...docx.samples)),
    docxKb: round(docx.bytes / 1024),
    docxTargetMet: median(docx.samples) < TARGET_DOCX_MS,
    pdfMedianMs: round(median(pdf.samples)),
    pdfMaxMs: round(Math.max(...pdf.samples)),
    pdfKb: round(pdf.bytes / 1024),
    pdfTargetMet: median(pdf.samples) < TARGET_PDF_MS,
    pdfChromiumCpuMs: pdfCpu === null ? null : round(pdfCpu),
    qdpxMedianMs: round(median(qdpx.samples)),
    loadStart: round(loadStart),
    loadEnd: round(loadEnd),
    peakRssMb: round(peakRssMb()),
  };
}
