// Lighthouse 12 (node_modules, mobile preset = its default config, performance category only) against a URL,
// `runs` times in a row; returns each run's figures and their medians. Chromium is Debian's, with the flags the
// issue fixes (software GL through SwiftShader, no background traffic).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CHROME_FLAGS = ['--headless', '--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export const median = (xs) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

function runOnce(root, url, outPath) {
  const bin = join(root, 'node_modules', 'lighthouse', 'cli', 'index.js');
  const args = [bin, url, '--only-categories=performance', '--output=json', `--output-path=${outPath}`, '--quiet',
    `--chrome-flags=${CHROME_FLAGS.join(' ')}`];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: root, env: { ...process.env, CHROME_PATH: process.env.CHROME_PATH || '/usr/bin/chromium' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d) => { err += d; });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`lighthouse exited ${code}: ${err.trim().slice(-600)}`))));
  });
}

/** The figures issue 13 asks for, from one Lighthouse JSON report. */
export function figures(lhr) {
  const audit = (id) => lhr.audits[id] ?? {};
  const requests = audit('network-requests').details?.items ?? [];
  const wasm = requests.filter((r) => /\.wasm(\?|$)/.test(r.url));
  const breakdown = Object.fromEntries((audit('mainthread-work-breakdown').details?.items ?? [])
    .map((i) => [i.group, i.duration]));
  const bootup = (audit('bootup-time').details?.items ?? [])
    .map((i) => ({ url: i.url, total: i.total, scripting: i.scripting, parse: i.scriptParseCompile }));
  const longTasks = (audit('long-tasks').details?.items ?? []).map((i) => ({ url: i.url, start: i.startTime, duration: i.duration }));
  return {
    score: lhr.categories.performance.score,
    tbtMs: audit('total-blocking-time').numericValue,
    ttiMs: audit('interactive').numericValue,
    fcpMs: audit('first-contentful-paint').numericValue,
    lcpMs: audit('largest-contentful-paint').numericValue,
    domElements: audit('dom-size').numericValue,
    mainThreadMs: audit('mainthread-work-breakdown').numericValue,
    bytes: audit('total-byte-weight').numericValue,
    requests: requests.length,
    wasmTransfer: wasm.reduce((s, r) => s + (r.transferSize ?? 0), 0),
    wasmResource: wasm.reduce((s, r) => s + (r.resourceSize ?? 0), 0),
    breakdown,
    bootup,
    longTasks,
    urls: requests.map((r) => ({ url: r.url, transferSize: r.transferSize, resourceSize: r.resourceSize, mimeType: r.mimeType })),
    lighthouseVersion: lhr.lighthouseVersion,
    userAgent: lhr.environment?.hostUserAgent,
    benchmarkIndex: lhr.environment?.benchmarkIndex,
    warnings: lhr.runWarnings ?? [],
    error: lhr.runtimeError?.message,
  };
}

const NUMERIC = ['score', 'tbtMs', 'ttiMs', 'fcpMs', 'lcpMs', 'domElements', 'mainThreadMs', 'bytes', 'requests',
  'wasmTransfer', 'wasmResource'];

export async function runLighthouse(root, url, { runs = 3, log = () => {} } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'losslab-lh-'));
  const results = [];
  try {
    for (let i = 0; i < runs; i++) {
      const out = join(dir, `run${i}.json`);
      const t0 = Date.now();
      await runOnce(root, url, out);
      const lhr = JSON.parse(readFileSync(out, 'utf8'));
      const f = figures(lhr);
      results.push(f);
      log(`lighthouse run ${i + 1}/${runs}: score ${f.score} TBT ${Math.round(f.tbtMs)} ms (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const med = Object.fromEntries(NUMERIC.map((k) => [k, median(results.map((r) => r[k]))]));
  const groups = [...new Set(results.flatMap((r) => Object.keys(r.breakdown)))];
  med.breakdown = Object.fromEntries(groups.map((g) => [g, median(results.map((r) => r.breakdown[g] ?? 0))]));
  // The run whose score is the median one, for its lists (long tasks, scripts).
  const byScore = [...results].sort((a, b) => a.score - b.score);
  return { runs: results, median: med, representative: byScore[byScore.length >> 1] };
}
