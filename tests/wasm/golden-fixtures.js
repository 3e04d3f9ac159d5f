// Reads tests/golden/*.json and compares results in the JS API's shape (numbers, arrays, objects) at a relative
// tolerance, with NaN and Infinity encoded as strings in the JSON.
import { readFileSync, readdirSync } from 'node:fs';

const goldenDir = new URL('../golden/', import.meta.url);

export function goldenFiles() {
  return readdirSync(goldenDir).filter((f) => f.endsWith('.json')).sort();
}

export function loadGolden(file) {
  return JSON.parse(readFileSync(new URL(file, goldenDir), 'utf8'));
}

const SPECIAL = { NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity };

export function decode(value) {
  if (typeof value === 'string' && value in SPECIAL) return SPECIAL[value];
  if (Array.isArray(value)) return value.map(decode);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, decode(v)]));
  return value;
}

function closeNumbers(a, b, tol) {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
  if (!Number.isFinite(a) || !Number.isFinite(b)) return a === b;
  return Math.abs(a - b) <= tol * Math.max(Math.abs(a), Math.abs(b)) + 1e-300;
}

/** Returns null when `actual` matches `expected`, else a description of the first difference. */
export function mismatch(actual, expected, tol, path = '') {
  if (typeof expected === 'number') {
    return typeof actual === 'number' && closeNumbers(actual, expected, tol) ? null : `${path}: ${actual} != torch ${expected}`;
  }
  if (Array.isArray(expected)) {
    if (!actual || actual.length !== expected.length) return `${path}: length ${actual?.length} != ${expected.length}`;
    for (let i = 0; i < expected.length; i++) {
      const m = mismatch(actual[i], expected[i], tol, `${path}[${i}]`);
      if (m) return m;
    }
    return null;
  }
  for (const [key, value] of Object.entries(expected)) {
    const m = mismatch(actual?.[key], value, tol, `${path}.${key}`);
    if (m) return m;
  }
  return null;
}
