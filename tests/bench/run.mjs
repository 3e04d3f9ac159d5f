#!/usr/bin/env node
// `npm run bench`: every figure of issue 13, measured side by side in ONE run and printed as "now vs goal".
// Not a test: nothing fails on speed. The exit code is 0 unless a tool crashed (a build, a benchmark binary,
// Lighthouse, Chromium); a crashed part is reported in its row and the rest still runs.
//   core     native core vs PyTorch 1.13 CPU (float64, one thread), wasm vs plain JS in Node, trainer steps/s
//            (tests/bench/native_bench.cpp, torch_bench.py, wasm_bench.mjs)
//   browser  `npm start`'s server (wasm-build/serve.mjs on a free port) + Debian's Chromium:
//            input -> next frame for every 2D widget beside a trivial page (tests/bench/browser/latency.mjs),
//            the 3D landscape's orbit rate (orbit.mjs), Lighthouse 12 mobile (lighthouse.mjs), bytes on the wire
//            (transfer.mjs)
// Options (environment): LOSSLAB_BENCH_SKIP_BUILD=1 (use the existing dist/ and wasm), LOSSLAB_BENCH_ONLY=core,browser (= latency + orbit),
//   lighthouse (a subset), LOSSLAB_BENCH_LH_RUNS (3), LOSSLAB_BENCH_SAMPLES (15 per widget), LOSSLAB_BENCH_REPS (15,
//   native/torch), LOSSLAB_BENCH_JSON (where the full results go; default build/bench/results.json).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from './browser/chromium.mjs';
import { measureWidgets } from './browser/latency.mjs';
import { runLighthouse } from './browser/lighthouse.mjs';
import { measureOrbit } from './browser/orbit.mjs';
import { startServer } from './browser/server.mjs';
import { checkTransfer } from './browser/transfer.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const env = { ...process.env, NODE_PATH: '/usr/share/nodejs' };
const only = new Set((process.env.LOSSLAB_BENCH_ONLY || 'core,browser,lighthouse').split(','));
const started = Date.now();
const crashed = [];
const results = { date: new Date().toISOString(), machine: machine() };

const log = (...a) => console.error(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(3)} s]`, ...a);

function machine() {
  const c = cpus();
  return { cpus: c.length, model: c[0]?.model, node: process.version, load: loadavg().map((x) => x.toFixed(2)).join(' ') };
}

function run(command, args, { quiet = true } = {}) {
  const r = spawnSync(command, args, { cwd: root, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 26 });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${r.status}): ${(r.stderr || r.stdout).trim().slice(-600)}`);
  if (!quiet && r.stderr) process.stderr.write(r.stderr);
  return r.stdout;
}
const lastJson = (text) => JSON.parse(text.trim().split('\n').filter((l) => l.startsWith('{')).pop());

/** Runs one part; a throw is recorded as a crash (exit code 1) and the part's rows say so. */
async function part(name, fn) {
  const t0 = Date.now();
  try {
    results[name] = await fn();
  } catch (error) {
    crashed.push(name);
    results[name] = { crashed: error.message };
    log(`${name} CRASHED: ${error.message}`);
  }
  log(`${name}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

// ---------------------------------------------------------------- build
if (!process.env.LOSSLAB_BENCH_SKIP_BUILD) {
  await part('build', () => {
    log('building the wasm module and the site (node wasm-build/build.mjs all)');
    run(process.execPath, ['wasm-build/build.mjs', 'all']);
    if (only.has('core')) {
      log('building the native benchmark (build/bench)');
      run('cmake', ['-S', '.', '-B', 'build/bench', '-DCMAKE_BUILD_TYPE=Release', '-DLOSSLAB_BENCH=ON']);
      run('cmake', ['--build', 'build/bench', '--target', 'losslab_bench', '-j', '2']);
    }
    return { ok: true };
  });
}

// ---------------------------------------------------------------- core (C++ / wasm / torch)
if (only.has('core')) {
  const reps = process.env.LOSSLAB_BENCH_REPS ?? '15';
  await part('native', () => lastJson(run('build/bench/losslab_bench', [reps])));
  await part('torch', () => {
    const probe = spawnSync('/usr/bin/python3', ['-c', 'import torch'], { encoding: 'utf8' });
    if (probe.error || probe.status !== 0) return { missing: 'torch not installed' };
    return lastJson(run('/usr/bin/python3', ['tests/bench/torch_bench.py', reps]));
  });
  await part('wasm', () => JSON.parse(run(process.execPath, ['tests/bench/wasm_bench.mjs'])));
}

// ---------------------------------------------------------------- browser
// 'browser' = latency + orbit; each can also be asked for alone.
const want = (k) => only.has(k) || ((k === 'latency' || k === 'orbit') && only.has('browser'));
const doLatency = want('latency'), doOrbit = want('orbit');
if (doLatency || doOrbit) only.add('browser');
if (only.has('browser') || only.has('lighthouse')) {
  let server = null;
  await part('server', async () => {
    server = await startServer(root);
    log(`serving dist/ at ${server.url} (pid ${server.pid})`);
    return { url: server.url };
  });
  if (server) {
    try {
      if (only.has('browser')) {
        let browser = null;
        try {
          if (doLatency) await part('latency', async () => {
            browser = await launch();
            results.chromium = browser.version();
            log(`Chromium ${browser.version()}: input -> next frame, every 2D widget on the section page`);
            return measureWidgets(browser, server.url, root, { samples: Number(process.env.LOSSLAB_BENCH_SAMPLES) || 15, log });
          });
          if (doOrbit) await part('orbit', async () => {
            browser ??= await launch();
            log('3D landscape orbit: rAF rate while dragging on its canvas (section page, then embed.html)');
            const page = await measureOrbit(browser, server.url, { path: '' });
            const embed = await measureOrbit(browser, server.url, { path: 'embed.html?widget=loss-landscape' });
            return { page, embed };
          });
        } finally {
          await browser?.close();
        }
      }
      if (only.has('lighthouse')) {
        const runs = Number(process.env.LOSSLAB_BENCH_LH_RUNS) || 3;
        await part('lighthouse', () => {
          log(`Lighthouse 12, mobile preset, performance only, ${runs} runs`);
          return runLighthouse(root, server.url, { runs, log });
        });
        await part('transfer', () => {
          const urls = results.lighthouse?.representative?.urls?.map((u) => u.url) ?? [server.url];
          return checkTransfer(urls, server.url);
        });
        // The wasm is fetched when the first widget comes near, not on the first load: its size is measured here.
        await part('wasmTransfer', async () => {
          const file = readdirSync(join(root, 'dist', 'assets')).find((f) => f.endsWith('.wasm'));
          return (await checkTransfer([new URL(`assets/${file}`, server.url).href], server.url)).wasm;
        });
      }
    } finally {
      await server.stop();
      log('server stopped');
    }
  }
}

// ---------------------------------------------------------------- the table
const KiB = (b) => `${(b / 1024).toFixed(0)} KiB`;
const fmtMs = (v) => `${Math.round(v).toLocaleString('en-US')} ms`;
const rows = [];
const row = (figure, now, goal, met) => rows.push({ figure, now, goal, met: met === undefined ? '?' : met ? 'yes' : 'no' });
const crashNote = (name) => `not measured: ${name} crashed (${String(results[name]?.crashed ?? 'skipped').split('\n')[0].slice(0, 80)})`;
const skipped = (name) => `not measured (LOSSLAB_BENCH_ONLY without ${name})`;

{
  const lh = results.lighthouse;
  const m = lh?.median;
  const miss = !only.has('lighthouse') ? skipped('lighthouse') : crashNote('lighthouse');
  row('Lighthouse 12 performance score, mobile preset', m ? m.score.toFixed(2) : miss, '≥ 0.95', m && m.score >= 0.95);
  row('Total blocking time (Lighthouse)', m ? fmtMs(m.tbtMs) : miss, '≤ 200 ms', m && m.tbtMs <= 200);
  row('Time to interactive (Lighthouse)', m ? `${(m.ttiMs / 1000).toFixed(1)} s` : miss, '≤ 3.0 s', m && m.ttiMs <= 3000);
  row('DOM elements at load', m ? Math.round(m.domElements).toLocaleString('en-US') : miss, '≤ 8,000', m && m.domElements <= 8000);
  row('Main-thread work at load', m ? `${(m.mainThreadMs / 1000).toFixed(1)} s` : miss, '≤ 2.0 s', m && m.mainThreadMs <= 2000);
  const t = results.transfer;
  if (m && t && !t.crashed) {
    const enc = {};
    for (const f of t.files) enc[f.encoding] = (enc[f.encoding] ?? 0) + 1;
    const encodings = Object.entries(enc).map(([e, n]) => `${n} ${e}`).join(', ');
    // The wasm as sent: from the first load if it is part of it, else fetched on its own (it loads with the first widget).
    const w = t.wasm.wire ? { ...t.wasm, when: 'in the first load' } : { ...results.wasmTransfer, when: 'not in the first load; fetched with the first widget' };
    const now = `${KiB(m.bytes)} (files: ${encodings}; all as brotli would be ${KiB(t.brotli)}); wasm ${KiB(w.wire)} `
      + `(${w.encoding}, ${w.when}; as brotli ${KiB(w.brotli)})`;
    row('Bytes sent on first load', now, '≤ 250 KiB compressed, wasm ≤ 90 KiB compressed',
      m.bytes <= 250 * 1024 && w.wire > 0 && w.wire <= 90 * 1024 && t.compressed > 0);
  } else {
    row('Bytes sent on first load', m ? `${KiB(m.bytes)}; wasm ${KiB(m.wasmTransfer)}` : miss, '≤ 250 KiB compressed, wasm ≤ 90 KiB compressed',
      m ? (m.bytes <= 250 * 1024 && m.wasmTransfer <= 90 * 1024) : undefined);
  }
}
{
  const l = results.latency;
  if (l && !l.crashed) {
    const ok = l.widgets.filter((w) => !w.error);
    const worst = ok.reduce((a, w) => (!a || w.ratio > a.ratio ? w : a), null);
    const within = ok.filter((w) => w.ratio <= 1.2).length;
    row('Input → next frame, every 2D widget (median): summary',
      `trivial page ${l.trivial.median.toFixed(1)} ms; ${within} of ${ok.length} within 1.2×; worst ${worst?.tag} ${worst?.ratio.toFixed(2)}×`,
      '≤ 1.2 × the trivial page, every 2D widget', ok.length > 0 && within === ok.length && ok.length === l.widgets.length);
    for (const w of l.widgets) {
      if (w.error) row(`  ${w.tag}`, `not measured: ${w.error}`, '≤ 1.2×', undefined);
      else row(`  ${w.tag} (${w.kind} "${w.label}")`, `${w.median.toFixed(1)} ms = ${w.ratio.toFixed(2)}× (trivial ${w.trivialMedian.toFixed(1)} ms)`, '≤ 1.2×', w.ratio <= 1.2);
    }
  } else {
    row('Input → next frame, every 2D widget (median)', only.has('browser') ? crashNote('latency') : skipped('browser'), '≤ 1.2 × the trivial page', undefined);
  }
  const o = results.orbit;
  if (o && !o.crashed) {
    const p = o.page, e = o.embed;
    const fmt = (x) => (x.error ? `not measured: ${x.error}` : `${x.fps.toFixed(1)} fps (${x.panels} 3D view${x.panels > 1 ? 's' : ''}, dragged ${x.canvas} px, ${x.validDrags}/${x.drags.length} drags, longest frame ${x.longestFrameMs.toFixed(0)} ms${x.moved ? '' : '; THE VIEW DID NOT MOVE'})`);
    row('3D landscape orbit (rAF rate while dragging), section page', fmt(p), '≥ 30 fps with the two-panel landscape', p.error ? undefined : p.fps >= 30 && p.panels >= 2);
    row('3D landscape orbit, alone in embed.html', fmt(e), '≥ 30 fps', e.error ? undefined : e.fps >= 30);
  } else {
    row('3D landscape orbit (rAF rate while dragging)', only.has('browser') ? crashNote('orbit') : skipped('browser'), '≥ 30 fps with the two-panel landscape', undefined);
  }
}
{
  const w = results.wasm;
  const ok = w && !w.crashed;
  const miss = only.has('core') ? crashNote('wasm') : skipped('core');
  row('256² cross-entropy surface, wasm vs plain JS (Node, same run)',
    ok ? `${w.surface256.jsOverWasm.toFixed(2)}× (wasm ${w.surface256.wasmMs.toFixed(2)} ms, JS ${w.surface256.jsMs.toFixed(2)} ms)` : miss,
    '≥ 2.5×', ok && w.surface256.jsOverWasm >= 2.5);
  const n = results.native, t = results.torch;
  const ce = n?.benchmarks?.crossEntropy;
  let now, met;
  if (!ce) now = only.has('core') ? crashNote('native') : skipped('core');
  else if (!t || t.crashed) now = `native ${(ce.median_s * 1e3).toFixed(1)} ms; ${t ? crashNote('torch') : 'torch not measured'}`;
  else if (t.missing) now = `native ${(ce.median_s * 1e3).toFixed(1)} ms; torch not installed (bash wasm-build/setup.sh --bench installs python3-torch)`;
  else {
    const r = t.benchmarks.crossEntropy.median_s / ce.median_s;
    now = `${r.toFixed(2)}× ${r >= 1 ? 'faster' : 'slower'} (native ${(ce.median_s * 1e3).toFixed(1)} ms, torch ${(t.benchmarks.crossEntropy.median_s * 1e3).toFixed(1)} ms)`;
    met = r >= 1.5;
  }
  row('cross-entropy 4096×1000 fwd+bwd, native vs PyTorch 1 thread', now, '≥ 1.5× faster', met);
  row('trainer 2-16-16-1 Adam on 200 points, wasm', ok ? `${Math.round(w.trainer.stepsPerSecond).toLocaleString('en-US')} steps/s` : miss,
    '≥ 10,000 steps/s', ok && w.trainer.stepsPerSecond >= 10000);
}

results.rows = rows;
results.crashed = crashed;
results.seconds = (Date.now() - started) / 1000;
const jsonPath = process.env.LOSSLAB_BENCH_JSON || join(root, 'build', 'bench', 'results.json');
mkdirSync(dirname(jsonPath), { recursive: true });
writeFileSync(jsonPath, `${JSON.stringify(results, null, 2)}\n`);

// Details first (stdout), then the table.
const out = [];
if (results.native?.benchmarks) {
  out.push('', 'Core, native vs PyTorch 1.13 CPU (float64, one thread, median):');
  for (const [name, b] of Object.entries(results.native.benchmarks)) {
    const tb = results.torch?.benchmarks?.[name];
    out.push(`  ${name.padEnd(14)} ${JSON.stringify(b.shape).padEnd(12)} native ${(b.median_s * 1e3).toFixed(2)} ms` +
      (tb ? `  torch ${(tb.median_s * 1e3).toFixed(2)} ms  torch/native ${(tb.median_s / b.median_s).toFixed(2)}x` : '  torch not installed'));
  }
}
if (results.wasm?.surface512) out.push(`  512² surface in wasm: ${results.wasm.surface512.wasmMs.toFixed(2)} ms (Node ${results.wasm.node})`);
const lm = results.lighthouse?.median;
if (lm) {
  out.push('', `Lighthouse ${results.lighthouse.representative.lighthouseVersion} (median of ${results.lighthouse.runs.length}): FCP ${fmtMs(lm.fcpMs)}, LCP ${fmtMs(lm.lcpMs)}, ${lm.requests} requests; main-thread work by kind:`);
  out.push(`  ${Object.entries(lm.breakdown).sort((a, b) => b[1] - a[1]).map(([g, v]) => `${g} ${fmtMs(v)}`).join(', ')}`);
  const rep = results.lighthouse.representative;
  const scripts = rep.bootup.slice(0, 5).map((b) => `${(b.url.replace(/^https?:\/\/[^/]+\//, '') || '(the HTML document)')} ${fmtMs(b.total)}`).join(', ');
  if (scripts) out.push(`  script time by file (median-score run): ${scripts}`);
  const long = rep.longTasks.slice(0, 5).map((t) => `${t.url.replace(/^https?:\/\/[^/]+\//, '') || '(the HTML document)'} at ${fmtMs(t.start)}: ${fmtMs(t.duration)}`).join(', ');
  if (long) out.push(`  longest main-thread tasks: ${long}`);
  out.push(`  per run: ${results.lighthouse.runs.map((r) => `score ${r.score} TBT ${fmtMs(r.tbtMs)} (Lighthouse CPU benchmark index ${Math.round(r.benchmarkIndex)})`).join('; ')}`);
  out.push('  (the benchmark index is Lighthouse\'s own CPU speed probe; it falls as the machine gets busier: compare runs by it)');
}
const widths = ['figure', 'now', 'goal', 'met'].map((k) => Math.max(k.length, ...rows.map((r) => String(r[k]).length)));
const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`;
out.push('', `LossLab bench, ${results.date}, ${results.machine.cpus} × ${results.machine.model}, Node ${results.machine.node}` +
  `${results.chromium ? `, Chromium ${results.chromium}` : ''}, load average at start ${results.machine.load}; ${results.seconds.toFixed(0)} s`);
out.push(line(['figure', 'now', 'goal', 'met']));
out.push(line(widths.map((w) => '-'.repeat(w))));
for (const r of rows) out.push(line([r.figure, r.now, r.goal, r.met]));
out.push('', `Full results: ${jsonPath}${crashed.length ? `\nCRASHED: ${crashed.join(', ')} (exit code 1)` : ''}`);
console.log(out.join('\n'));
process.exitCode = crashed.length ? 1 : 0;
