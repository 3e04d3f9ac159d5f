// Turns the raw Embind module into the documented API: argument checks with clear messages, option objects
// defaulted, and Errors returned by the C++ adapters thrown here (no C++ exception ever crosses the boundary).
import { SIGNATURES } from './signatures.js';
import { landscapeApi } from './landscape.js';
import { trainerApi } from './trainer.js';

function isNumberArray(value) {
  return Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView));
}

function describe(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? `a ${value.constructor?.name ?? 'object'}` : `${typeof value} ${String(value)}`;
}

function checked(module, name, argNames) {
  const raw = module[name];
  const fn = (...args) => {
    for (let i = 0; i < argNames.length; i++) {
      if (!isNumberArray(args[i])) {
        throw new TypeError(`${name}: ${argNames[i]} must be an array or Float64Array, got ${describe(args[i])}`);
      }
    }
    const options = args[argNames.length] ?? {};
    if (typeof options !== 'object' || Array.isArray(options)) {
      throw new TypeError(`${name}: options must be an object, got ${describe(options)}`);
    }
    const result = raw(...args.slice(0, argNames.length), options);
    if (result instanceof Error) throw result;
    return result;
  };
  Object.defineProperty(fn, 'name', { value: name });
  return fn;
}

export function wrapModule(module) {
  const api = {};
  for (const [name, argNames] of Object.entries(SIGNATURES)) api[name] = checked(module, name, argNames);
  /** Bytes of wasm linear memory now (it only ever grows): tests use it to prove calls do not leak. */
  api.memoryBytes = () => module.HEAPU8.buffer.byteLength;
  // Batch kernels and objects that own C++ memory (curves, surfaces, descent paths, the trainer).
  Object.assign(api, landscapeApi(module), trainerApi(module));
  return Object.freeze(api);
}
