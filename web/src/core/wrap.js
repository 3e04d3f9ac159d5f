// Turns the raw Embind module into the documented API: array arguments checked entry by entry (numbers only, NaN and
// +-Infinity included), and Errors returned by the C++ adapters thrown here (no C++ exception ever crosses the
// boundary). Options are checked in C++ only (cpp/wasm/adapters.hpp, OptionReader): names, types and defaults.
import { SIGNATURES } from './signatures.js';
import { landscapeApi } from './landscape.js';
import { trainerApi } from './trainer.js';

function show(value) {
  if (typeof value === 'string') return `'${value}'`;
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? `a ${value.constructor?.name ?? 'object'}` : String(value);
}

function isNumberView(value) {
  return ArrayBuffer.isView(value) && !(value instanceof DataView)
    && !(value instanceof BigInt64Array) && !(value instanceof BigUint64Array);
}

/** Throws a TypeError naming `fn`, `name` and the index of the first entry of an array that is not a number. */
export function checkNumbers(fn, name, value) {
  if (isNumberView(value)) return value;
  if (!Array.isArray(value)) throw new TypeError(`${fn}: ${name} must be an array or Float64Array, got ${show(value)}`);
  for (let i = 0; i < value.length; i++) {
    if (typeof value[i] !== 'number') throw new TypeError(`${fn}: ${name}[${i}] = ${show(value[i])} is not a number`);
  }
  return value;
}

/** Checks the entries of every array-valued option (the option names, types and defaults are C++'s to check). */
export function checkOptionArrays(fn, options) {
  if (options === null || typeof options !== 'object' || Array.isArray(options) || isNumberView(options)) return options;
  for (const key of Object.keys(options)) {
    const value = options[key];
    if (Array.isArray(value) || ArrayBuffer.isView(value)) checkNumbers(fn, key, value);
  }
  return options;
}

/** Throws the Error a C++ adapter returned, else returns the result. */
export function unwrap(result) {
  if (result instanceof Error) throw result;
  return result;
}

/**
 * Ownership of one Embind object (a surface or a trainer): `alive(method)` returns it or throws
 * "<name>.<method>: the <name> has been disposed"; `disposed` and an idempotent `dispose()` for the facade.
 */
export function owned(handle, name) {
  let current = handle;
  return {
    alive(method) {
      if (current === null) throw new Error(`${name}.${method}: the ${name} has been disposed`);
      return current;
    },
    lifetime: {
      get disposed() {
        return current === null;
      },
      dispose() {
        if (current === null) return;
        current.delete();
        current = null;
      },
    },
  };
}

function checked(module, name, argNames) {
  const raw = module[name];
  const fn = (...args) => {
    for (let i = 0; i < argNames.length; i++) checkNumbers(name, argNames[i], args[i]);
    return unwrap(raw(...args.slice(0, argNames.length), checkOptionArrays(name, args[argNames.length])));
  };
  Object.defineProperty(fn, 'name', { value: name });
  return fn;
}

export function wrapModule(module) {
  const api = {};
  for (const [name, argNames] of Object.entries(SIGNATURES)) api[name] = checked(module, name, argNames);
  /** Bytes of wasm linear memory now (it only ever grows). */
  api.memoryBytes = () => module.HEAPU8.buffer.byteLength;
  /** Bytes the allocator holds for live allocations (mallinfo): what the leak tests watch. */
  api.heapBytesInUse = () => module.heapBytesInUse();
  // Batch kernels and objects that own C++ memory (curves, surfaces, descent paths, the trainer).
  Object.assign(api, landscapeApi(module), trainerApi(module));
  return Object.freeze(api);
}
