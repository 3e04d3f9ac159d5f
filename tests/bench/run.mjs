#!/usr/bin/env node
// `npm run bench`: measurements side by side in ONE run, printed as ratios. Not a test; nothing fails on speed.
//   (a) native core vs PyTorch CPU (float64, one thread): cross-entropy fwd+bwd on 4096x1000, BCE-with-logits on 4M
//   (b) wasm vs plain JavaScript in Node: the 256x256 cross-entropy surface; 512x512 in wasm
//   (c) the trainer's steps per second (two-moons MLP 2-16-16-1, Adam) in wasm
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const env = { ...process.env, NODE_PATH: '/usr/share/nodejs' };

function run(command, args, { quiet = false } = {}) {
  if (!quiet) console.error(`$ ${command} ${args.join(' ')}`);
  const r = spawnSync(command, args, { cwd: root, env, encoding: 'utf8', stdio: ['ignore', 'pipe', quiet ? 'pipe' : 'inherit'], maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`${command} failed (${r.status})`);
  return r.stdout;
}
const lastJson = (text) => JSON.parse(text.trim().split('\n').filter((l) => l.startsWith('{')).pop());
const ms = (s) => `${(s * 1e3).toFixed(2)} ms`;

run('cmake', ['-S', '.', '-B', 'build/bench', '-DCMAKE_BUILD_TYPE=Release', '-DLOSSLAB_BENCH=ON'], { quiet: true });
run('cmake', ['--build', 'build/bench', '--target', 'losslab_bench', '-j', '2'], { quiet: true });
run(process.execPath, ['wasm-build/build.mjs', 'wasm'], { quiet: true });

const reps = process.env.LOSSLAB_BENCH_REPS ?? '15';
const native = lastJson(run('build/bench/losslab_bench', [reps]));
const torch = lastJson(run('/usr/bin/python3', ['tests/bench/torch_bench.py', reps]));
const wasm = JSON.parse(run(process.execPath, ['tests/bench/wasm_bench.mjs']));

console.log('\n(a) native core vs PyTorch 1.13 CPU, float64, one thread (median of %s)', reps);
for (const name of Object.keys(native.benchmarks)) {
  const ours = native.benchmarks[name].median_s;
  const theirs = torch.benchmarks[name].median_s;
  console.log(`  ${name.padEnd(14)} ${String(native.benchmarks[name].shape).padEnd(10)} ours ${ms(ours).padStart(10)}  torch ${ms(theirs).padStart(10)}  torch/ours = ${(theirs / ours).toFixed(2)}x`);
}
const { surface256: s256, surface512: s512, trainer } = wasm;
console.log(`\n(b) cross-entropy surface in Node ${wasm.node} (median of ${wasm.runs})`);
console.log(`  256x256  wasm ${s256.wasmMs.toFixed(2)} ms  plain JS ${s256.jsMs.toFixed(2)} ms  js/wasm = ${s256.jsOverWasm.toFixed(2)}x`);
console.log(`  512x512  wasm ${s512.wasmMs.toFixed(2)} ms`);
console.log(`\n(c) trainer, two-moons MLP 2-16-16-1 (tanh, Adam, 200 points) in wasm: ${Math.round(trainer.stepsPerSecond)} steps/s`);
