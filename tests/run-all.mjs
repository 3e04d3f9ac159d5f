#!/usr/bin/env node
// `npm test`: builds everything and runs every test layer, then prints one summary line.
//   1. unit:   Vitest, pure JavaScript (state, formatting, decision rules, quiz storage, the core's argument checks)
//   2. native: GoogleTest via ctest (golden values from PyTorch, gradient checks, errors, trainer)
//   3. fuzz:   libFuzzer on every entry point under ASan + UBSan for a bounded time (LOSSLAB_FUZZ_SECONDS, 30)
//   4. wasm:   Vitest in Node through loadCore() (the same fixtures, strict options, errors, allocator bytes)
//   5. e2e:    Vitest + playwright-core + Debian Chromium against the production build under the strict CSP
// Each layer also runs alone: npm run test:unit | test:native | test:wasm | test:e2e.
// Every layer runs even when an earlier one fails, so one run shows every failure; the exit code is non-zero if any
// layer failed. The last line reads "total: N passed, M failed".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const env = { ...process.env, NODE_PATH: '/usr/share/nodejs' };
const reports = mkdtempSync(join(tmpdir(), 'losslab-tests-'));
const results = [];

function run(command, args, { capture = false } = {}) {
  console.log(`\n$ ${command} ${args.join(' ')}`);
  const r = spawnSync(command, args, { cwd: root, env, stdio: capture ? ['ignore', 'pipe', 'inherit'] : 'inherit', encoding: 'utf8', maxBuffer: 1 << 28 });
  if (capture) process.stdout.write(r.stdout ?? '');
  return { ok: r.status === 0, stdout: r.stdout ?? '' };
}

function record(layer, passed, failed, ok) {
  // A layer that crashed before reporting counts as one failure, so it can never look green.
  const failures = ok ? failed : Math.max(failed, 1);
  results.push({ layer, passed, failed: failures });
  console.log(`\n== ${layer}: ${passed} passed, ${failures} failed`);
}

function vitest(layer, config) {
  const out = join(reports, `${layer}.json`);
  const r = run(process.execPath, [join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--config', config,
    '--reporter=default', '--reporter=json', `--outputFile=${out}`]);
  let passed = 0, failed = 0;
  if (existsSync(out)) {
    const json = JSON.parse(readFileSync(out, 'utf8'));
    passed = json.numPassedTests;
    failed = json.numFailedTests + (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0);
  }
  record(layer, passed, failed, r.ok && passed > 0);
}

// 1. unit (no build needed)
vitest('unit (vitest)', 'tests/unit/vitest.config.js');

// 2. native
const nativeBuild = run(process.execPath, ['wasm-build/build.mjs', 'native']);
if (nativeBuild.ok) {
  const ctest = run('ctest', ['--test-dir', 'build/native', '--output-on-failure', '-j', '2'], { capture: true });
  const m = ctest.stdout.match(/(\d+)% tests passed, (\d+) tests? failed out of (\d+)/);
  const total = m ? Number(m[3]) : 0, failed = m ? Number(m[2]) : 0;
  record('native (ctest)', total - failed, failed, ctest.ok && total > 0);
} else record('native (ctest)', 0, 1, false);

// 3. fuzz
if (existsSync(join(root, 'tests/fuzz/run.mjs'))) {
  const fuzz = run(process.execPath, ['tests/fuzz/run.mjs', process.env.LOSSLAB_FUZZ_SECONDS ?? '30']);
  record('fuzz (libFuzzer, ASan+UBSan)', fuzz.ok ? 1 : 0, fuzz.ok ? 0 : 1, fuzz.ok);
}

// 4. wasm
const wasmBuild = run(process.execPath, ['wasm-build/build.mjs', 'wasm']);
if (wasmBuild.ok) vitest('wasm (vitest)', 'tests/vitest.config.js');
else record('wasm (vitest)', 0, 1, false);

// 5. e2e
const webBuild = wasmBuild.ok && run(process.execPath, ['wasm-build/build.mjs', 'web', 'lms']);
if (webBuild.ok) vitest('e2e (chromium)', 'tests/e2e/vitest.config.js');
else record('e2e (chromium)', 0, 1, false);

const passed = results.reduce((s, r) => s + r.passed, 0);
const failed = results.reduce((s, r) => s + r.failed, 0);
console.log('\nLayers:');
for (const r of results) console.log(`  ${r.layer}: ${r.passed} passed, ${r.failed} failed`);
console.log(`total: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
