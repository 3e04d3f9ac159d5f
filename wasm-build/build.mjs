#!/usr/bin/env node
// Builds LossLab: `node wasm-build/build.mjs <step...>` with steps
//   native  the native core + GoogleTest suite (build/native)
//   wasm    the WebAssembly module (build/wasm -> wasm-build/out/losslab.{mjs,wasm})
//   web     the static site (dist/), which needs the wasm module
//   lms     the SCORM package and the single-file pages, from dist/
//   all     wasm, web, then lms
// Builds are incremental; a lock file serialises concurrent builds of the same tree.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// Debian's emscripten needs Node to find its own modules (acorn) under /usr/share/nodejs.
const env = { ...process.env, NODE_PATH: '/usr/share/nodejs' };
const jobs = String(Math.max(2, Number(process.env.LOSSLAB_JOBS) || 2));

function run(command, args, options = {}) {
  console.log(`$ ${command} ${args.join(' ')}`);
  execFileSync(command, args, { cwd: root, env, stdio: 'inherit', ...options });
}

function locked(command, args) {
  mkdirSync(join(root, 'build'), { recursive: true });
  run('flock', [join(root, 'build', '.lock'), command, ...args]);
}

const steps = {
  native() {
    const dir = 'build/native';
    if (!existsSync(join(root, dir, 'CMakeCache.txt'))) {
      run('cmake', ['-S', '.', '-B', dir, '-DCMAKE_BUILD_TYPE=Release']);
    }
    locked('cmake', ['--build', dir, '-j', jobs]);
  },
  wasm() {
    const dir = 'build/wasm';
    if (!existsSync(join(root, dir, 'CMakeCache.txt'))) {
      run('emcmake', ['cmake', '-S', '.', '-B', dir, '-DCMAKE_BUILD_TYPE=Release',
        `-DLOSSLAB_WASM_OUT_DIR=${join(root, 'wasm-build', 'out')}`]);
    }
    locked('cmake', ['--build', dir, '-j', jobs]);
  },
  web() {
    run(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'web/vite.config.js']);
  },
  // The teacher deliverables: the SCORM 1.2 package (dist/lms/) and the single-file pages (dist/single/).
  lms() {
    run(process.execPath, [join(root, 'wasm-build', 'package-lms.mjs')]);
    run(process.execPath, [join(root, 'wasm-build', 'build-single.mjs')]);
  },
  all() {
    steps.wasm();
    steps.web();
    steps.lms();
  },
};

const requested = process.argv.slice(2);
if (requested.length === 0 || requested.some((s) => !(s in steps))) {
  console.error(`usage: node wasm-build/build.mjs ${Object.keys(steps).join('|')} [...]`);
  process.exit(2);
}
for (const step of requested) steps[step]();
