#!/usr/bin/env node
/* global process, console */
/**
 * `npm run security`: Electronegativity over the Electron shell and the renderer, every finding
 * compared against the reviewed list (.ci/electronegativity-reviewed.json) by check id + file.
 * Exits non-zero on any finding not on that list, on any file the tool could not parse (an
 * unparsed file is an unreviewed file), and when the tool itself fails.
 *
 * electron/ and renderer/ are copied (without tests) into one temporary folder and scanned in
 * one run, so the tool's global checks (navigation limits, permission handler, CSP) see the
 * main process and the page together, and paths in the report read electron/main/window.ts.
 *
 * Usage: node .ci/electronegativity.mjs [--keep] [--report <file.csv>] [--root <dir>]
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const REVIEWED_FILE = path.join(REPO, '.ci', 'electronegativity-reviewed.json');
const SCANNED = ['electron', 'renderer'];
const args = process.argv.slice(2);
// --root DIR scans another checkout's electron/ and renderer/ against this reviewed list
// (used to check that the gate really fails on a new finding).
const rootArg = args.indexOf('--root');
const ROOT = rootArg >= 0 && args[rootArg + 1] ? path.resolve(args[rootArg + 1]) : REPO;
const keep = args.includes('--keep');
const reportArg = args.indexOf('--report');
const reportCopy = reportArg >= 0 ? args[reportArg + 1] : undefined;

function die(message) {
  console.error(`security: ${message}`);
  process.exit(2);
}

/** The Electron version to assume: offline, the tool cannot fetch the release list to detect it. */
function electronVersion() {
  try {
    return JSON.parse(readFileSync(path.join(REPO, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
  } catch {
    const range = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')).devDependencies?.electron ?? '';
    const match = /(\d+)\.(\d+)\.(\d+)/.exec(range);
    if (!match) die('cannot tell which Electron version to assume: node_modules/electron is missing and package.json names none.');
    return match[0];
  }
}

/**
 * The tool's documented programmatic entry (its package "main"). Unlike the CLI with -o, it
 * returns the files it could not parse instead of dropping them silently.
 */
function loadElectronegativity() {
  const require = createRequire(path.join(REPO, 'package.json'));
  try {
    const mod = require('@doyensec/electronegativity');
    return typeof mod === 'function' ? mod : mod.default;
  } catch (error) {
    die(`@doyensec/electronegativity cannot be loaded (${error.message}); it is a devDependency: run npm install.`);
  }
}

const format = (level) => (level && typeof level.format === 'function' ? level.format() : String(level ?? ''));

function toFinding(issue) {
  return {
    check: String(issue.id),
    file: String(issue.file ?? 'N/A').replaceAll('\\', '/'),
    location: issue.location ? `${issue.location.line}:${issue.location.column}` : '0:0',
    severity: format(issue.severity),
    confidence: format(issue.confidence),
    manualReview: Boolean(issue.manualReview),
    description: String(issue.description ?? ''),
    sample: String(issue.sample ?? issue.properties?.CSPstring ?? ''),
  };
}

function readReviewed() {
  if (!existsSync(REVIEWED_FILE)) return [];
  let entries;
  try {
    entries = JSON.parse(readFileSync(REVIEWED_FILE, 'utf8'));
  } catch (error) {
    die(`${path.relative(REPO, REVIEWED_FILE)} is not valid JSON: ${error.message}`);
  }
  const list = Array.isArray(entries) ? entries : entries.reviewed;
  if (!Array.isArray(list)) die(`${path.relative(REPO, REVIEWED_FILE)} must hold a "reviewed" array.`);
  list.forEach((entry, i) => {
    for (const key of ['check', 'file', 'reason']) {
      if (typeof entry[key] !== 'string' || entry[key].trim() === '') {
        die(`${path.relative(REPO, REVIEWED_FILE)}: entry ${i} needs a non-empty "${key}".`);
      }
    }
  });
  return list;
}

const key = (check, file) => `${check}\u0000${file}`;

async function main() {
  const work = mkdtempSync(path.join(os.tmpdir(), 'dossier-electronegativity-'));
  const csv = path.join(work, 'report.csv');
  const scanRoot = path.join(work, 'src');
  try {
    for (const dir of SCANNED) {
      const from = path.join(ROOT, dir);
      if (!existsSync(from)) die(`${dir}/ is missing: nothing to scan.`);
      cpSync(from, path.join(scanRoot, dir), {
        recursive: true,
        // Tests and type declarations are not shipped code; they would only add noise.
        filter: (src) => !/\.test\.tsx?$|\.d\.ts$/.test(src) && !src.includes(`${path.sep}node_modules`),
      });
    }

    const version = electronVersion();
    console.log(`Electronegativity: scanning ${SCANNED.map((d) => `${d}/`).join(' and ')} as Electron ${version}…`);
    const run = loadElectronegativity();
    let result;
    try {
      result = await run({
        input: scanRoot,
        output: csv,
        isSarif: false,
        isRelative: true,
        isVerbose: false,
        customScan: [],
        excludeFromScan: [],
        electronVersionOverride: version,
        parserPlugins: [],
      });
    } catch (error) {
      die(`Electronegativity failed: ${error instanceof Error ? error.stack : String(error)}`);
    }
    if (!result || !Array.isArray(result.issues)) die('Electronegativity returned no result.');
    if (reportCopy && existsSync(csv)) writeFileSync(path.resolve(reportCopy), readFileSync(csv));

    // A file the tool could not parse was not checked at all.
    const errors = Array.isArray(result.errors) ? result.errors : [];
    const relative = (file) => path.relative(scanRoot, String(file)).replaceAll('\\', '/');
    const parseErrors = errors.filter((e) => !e.tolerable).map((e) => `${relative(e.file)}: ${e.message}`);
    const tolerable = errors.filter((e) => e.tolerable).map((e) => `${relative(e.file)}: ${e.message}`);

    const findings = result.issues.map(toFinding);
    const reviewed = readReviewed();
    const reviewedKeys = new Map(reviewed.map((r) => [key(r.check, r.file), r]));
    const seen = new Set();
    const accepted = [];
    const unreviewed = [];
    for (const f of findings) {
      const k = key(f.check, f.file);
      seen.add(k);
      (reviewedKeys.has(k) ? accepted : unreviewed).push(f);
    }
    const stale = reviewed.filter((r) => !seen.has(key(r.check, r.file)));

    console.log(`\n${findings.length} finding(s): ${accepted.length} reviewed, ${unreviewed.length} not reviewed.`);
    for (const f of accepted) {
      console.log(`  reviewed  ${f.check}  ${f.file}:${f.location}  (${f.severity}/${f.confidence})`);
      console.log(`            ${reviewedKeys.get(key(f.check, f.file)).reason}`);
    }
    for (const f of unreviewed) {
      console.log(`  NEW       ${f.check}  ${f.file}:${f.location}  (${f.severity}/${f.confidence})`);
      console.log(`            ${f.description}${f.sample && f.sample !== 'N/A' ? `  [${f.sample}]` : ''}`);
    }
    for (const r of stale) {
      console.log(`  stale     ${r.check}  ${r.file}: on the reviewed list but no longer reported; remove it.`);
    }
    for (const line of tolerable) console.log(`  warning   ${line}`);
    for (const line of parseErrors) console.log(`  UNPARSED  ${line}`);

    if (unreviewed.length > 0 || parseErrors.length > 0) {
      console.error(
        `\nsecurity: FAILED. ${unreviewed.length} finding(s) not on ${path.relative(REPO, REVIEWED_FILE)}` +
          `${parseErrors.length ? ` and ${parseErrors.length} file(s) Electronegativity could not parse` : ''}. ` +
          'Fix them, or review them and add {check, file, reason} entries (and a row in docs/SECURITY.md).',
      );
      process.exitCode = 1;
    } else {
      console.log('\nsecurity: OK. Every finding is reviewed (see docs/SECURITY.md).');
    }
  } finally {
    if (keep) console.log(`(scan folder kept: ${work})`);
    else rmSync(work, { recursive: true, force: true });
  }
}

await main();
