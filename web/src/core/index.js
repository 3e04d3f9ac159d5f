// The JS face of the wasm core: loadCore() resolves to an object of plain functions (the contract in README.md).
// It runs unchanged in the browser (Vite dev server and production build) and in plain Node >= 20.
import createLossLabModule from '../../../wasm-build/out/losslab.mjs';
import { wrapModule } from './wrap.js';

// Vite rewrites this pattern into a hashed asset URL at build time; in Node it is a file: URL.
const wasmUrl = new URL('../../../wasm-build/out/losslab.wasm', import.meta.url);

async function instantiate() {
  if (wasmUrl.protocol === 'file:') {
    // Node: the module is built for web/worker only (no require/__dirname), so hand it the bytes.
    const fsModule = 'node:fs/promises';
    const { readFile } = await import(/* @vite-ignore */ fsModule);
    return createLossLabModule({ wasmBinary: await readFile(wasmUrl) });
  }
  return createLossLabModule({ locateFile: (path) => (path.endsWith('.wasm') ? wasmUrl.href : path) });
}

/** Loads and instantiates the core. Every call makes a fresh, independent instance. */
export async function loadCore() {
  return wrapModule(await instantiate());
}
