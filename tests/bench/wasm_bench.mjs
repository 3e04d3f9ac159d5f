#!/usr/bin/env node
// Measures the wasm batch kernels side by side with plain JavaScript, in one run, and prints ONE JSON object on
// stdout (tests/bench/run.mjs reads it; nothing else is printed). Not a test: it never fails on speed.
//   surface:  the 3-class cross-entropy surface over (z1, z2) (z3 = 0, class 0), N x N float32 cells, in wasm
//             (core.createSurface().compute, which also returns the surface's min, max and argmin) and in the
//             plain-JS kernel below (the same math per cell: max, three Math.exp, one Math.log, float64, written
//             into a preallocated Float32Array; no statistics). Warm-up, then RUNS timed runs of each, interleaved
//             (wasm, JS, wasm, JS, ...) so that load hits both alike. jsOverWasm is the median of the per-pair
//             ratios JS_k / wasm_k (each pair ran back to back, so a busy moment cancels out of its ratio);
//             jsOverWasmOfMedians is the ratio of the two medians, for comparison. N = 256 for the ratio; N = 512
//             wasm only.
//   trainer:  steps per second of a two-moons MLP 2-16-16-1 (tanh, Adam, full batch of 200) in wasm: the median
//             over CHUNKS calls of trainer.step(200) (wall clock), and per second of this process's CPU time
//             (process.cpuUsage), which leaves out the time the machine gave to other processes.
// Usage: node tests/bench/wasm_bench.mjs   (needs the wasm build: node wasm-build/build.mjs wasm)
import { loadCore } from '../../web/src/core/index.js';

const RUNS = 60;
const CHUNKS = 15;
const WARMUP = 5;
const EXTENT = [-8, 8, -8, 8];

// The plain-JS kernel: crossEntropy([z1, z2, z3], [0]) per cell as the core computes it (log-softmax shifted by the
// row maximum, then -log p_0), written the way a careful JS author would, into a preallocated Float32Array.
function jsCrossEntropySurface(out, n, [xMin, xMax, yMin, yMax], z3) {
  const stepX = (xMax - xMin) / (n - 1);
  const stepY = (yMax - yMin) / (n - 1);
  for (let i = 0; i < n; i++) {
    const z2 = yMin + i * stepY;
    for (let j = 0; j < n; j++) {
      const z1 = xMin + j * stepX;
      const m = Math.max(z1, z2, z3);
      const logSum = Math.log(Math.exp(z1 - m) + Math.exp(z2 - m) + Math.exp(z3 - m));
      out[i * n + j] = -(z1 - m - logSum);
    }
  }
  return out;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function time(fn) {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

function benchSurface(core, n, withJs) {
  const surface = core.createSurface(n);
  const options = { n, extent: EXTENT, z3: 0, target: 0 };
  const js = new Float32Array(n * n);
  for (let k = 0; k < WARMUP; k++) {
    surface.compute('crossEntropy', options);
    if (withJs) jsCrossEntropySurface(js, n, EXTENT, 0);
  }
  const wasmTimes = [];
  const jsTimes = [];
  for (let k = 0; k < RUNS; k++) {
    wasmTimes.push(time(() => surface.compute('crossEntropy', options)));
    if (withJs) jsTimes.push(time(() => jsCrossEntropySurface(js, n, EXTENT, 0)));
  }
  const result = { n, wasmMs: median(wasmTimes) };
  if (withJs) {
    const view = surface.compute('crossEntropy', options);
    let maxRelDiff = 0;
    for (let i = 0; i < view.length; i++) {
      maxRelDiff = Math.max(maxRelDiff, Math.abs(view[i] - js[i]) / Math.max(Math.abs(view[i]), 1e-30));
    }
    result.jsMs = median(jsTimes);
    result.jsOverWasm = median(jsTimes.map((t, k) => t / wasmTimes[k]));  // > 1: wasm is faster
    result.jsOverWasmOfMedians = result.jsMs / result.wasmMs;
    result.maxRelDiff = maxRelDiff;  // both are float32 roundings of nearly the same double
  }
  surface.dispose();
  return result;
}

function benchTrainer(core) {
  const config = { dataset: 'moons', samples: 200, hidden: [16, 16], activation: 'tanh', optimizer: 'adam' };
  const trainer = core.createTrainer(config);
  trainer.step(20);
  const chunk = 200;
  const rates = [];
  const cpuRates = [];
  for (let k = 0; k < CHUNKS; k++) {
    const cpu = process.cpuUsage();
    rates.push(chunk / (time(() => trainer.step(chunk)) / 1000));
    const used = process.cpuUsage(cpu);
    cpuRates.push(chunk / ((used.user + used.system) / 1e6));
  }
  trainer.dispose();
  return { config, stepsPerSecond: median(rates), stepsPerCpuSecond: median(cpuRates), stepsPerCall: chunk,
    calls: CHUNKS };
}

const core = await loadCore();
const result = {
  name: 'wasm_bench',
  node: process.version,
  runs: RUNS,
  surface256: benchSurface(core, 256, true),
  surface512: benchSurface(core, 512, false),
  trainer: benchTrainer(core),
};
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
