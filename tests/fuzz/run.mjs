#!/usr/bin/env node
// Builds the libFuzzer harness (tests/fuzz/fuzz_core.cpp) with clang-14 + ASan/UBSan in build/fuzz and runs it for
// a bounded time:   node tests/fuzz/run.mjs [seconds = 30] [extra libFuzzer flags...]
// Exits non-zero on any crash, sanitizer report, leak or timeout (libFuzzer's own exit code), zero otherwise.
// The corpus lives in build/fuzz/corpus (kept between runs, never committed); crash inputs are written to
// build/fuzz/artifacts/.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dir = join(root, 'build', 'fuzz');
const seconds = Number(process.argv[2] ?? 30);
if (!Number.isFinite(seconds) || seconds <= 0) {
  console.error('usage: node tests/fuzz/run.mjs [seconds > 0] [libFuzzer flags...]');
  process.exit(2);
}
const extra = process.argv.slice(3);

function run(command, args, options = {}) {
  console.log(`$ ${command} ${args.join(' ')}`);
  const r = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  if (r.error) throw r.error;
  return r.status ?? 1;
}

const env = { ...process.env, CXX: 'clang++-14' };
// The harness target gets -fsanitize=fuzzer,address,undefined from CMakeLists.txt; the core library needs the
// same instrumentation (coverage counters for libFuzzer to steer by, ASan checks on its own loads and stores), so
// every target in this build tree is compiled with it. -fno-sanitize-recover makes a UBSan finding fatal.
const instrument = '-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer -g';
const cache = join(dir, 'CMakeCache.txt');
if (existsSync(cache) && !/CMAKE_CXX_COMPILER:[A-Z]+=.*clang/.test(readFileSync(cache, 'utf8'))) {
  console.error(`${dir} was configured with a compiler other than clang (libFuzzer needs clang): remove it and rerun`);
  process.exit(2);
}
// Configured on every run (cheap), so a tree configured by hand without the instrumentation flags gets them.
let status = run('cmake', ['-S', '.', '-B', dir, '-DCMAKE_BUILD_TYPE=Release', '-DLOSSLAB_FUZZ=ON',
  `-DCMAKE_CXX_FLAGS=${instrument}`], { env, stdio: ['ignore', 'ignore', 'inherit'] });
if (status !== 0) process.exit(status);
// Its own build tree, so it does not take the native/wasm build lock; -j2 matches the machine.
status = run('cmake', ['--build', dir, '--target', 'losslab_fuzz', '-j', '2'], { env });
if (status !== 0) process.exit(status);

const corpus = join(dir, 'corpus');
const artifacts = join(dir, 'artifacts') + '/';
mkdirSync(corpus, { recursive: true });
mkdirSync(artifacts, { recursive: true });
status = run(join(dir, 'losslab_fuzz'), [
  `-max_total_time=${seconds}`,
  '-timeout=10',          // one input taking > 10 s is a bug (every input is small)
  '-rss_limit_mb=2048',
  '-max_len=4096',
  '-print_final_stats=1',
  `-artifact_prefix=${artifacts}`,
  ...extra,
  corpus,
], { env: { ...process.env, UBSAN_OPTIONS: 'print_stacktrace=1:halt_on_error=1' } });
process.exit(status);
