// The PyTorch golden fixtures through loadCore(): the same cases the native suite runs, now across the wasm
// boundary and the JS wrapper (values, gradients, and errors that name the function).
import { beforeAll, describe, expect, test } from 'vitest';
import { loadCore } from '../../web/src/core/index.js';
import { decode, goldenFiles, loadGolden, mismatch } from './golden-fixtures.js';

let core;
beforeAll(async () => {
  core = await loadCore();
});

for (const file of goldenFiles()) {
  describe(file, () => {
    const { cases } = loadGolden(file);
    test('has cases', () => expect(cases.length).toBeGreaterThan(0));
    for (const c of cases) {
      test(c.id, () => {
        const args = c.args.map(decode);
        const options = decode(c.options ?? {});
        expect(typeof core[c.fn], `core.${c.fn}`).toBe('function');
        if (c.error) {
          expect(() => core[c.fn](...args, options)).toThrow(new RegExp(`^${c.fn}: `));
        } else {
          expect(mismatch(core[c.fn](...args, options), decode(c.expected), c.tol ?? 1e-9)).toBeNull();
        }
      });
    }
  });
}
