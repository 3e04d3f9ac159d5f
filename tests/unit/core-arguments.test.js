// The core's JavaScript-side checks (web/src/core/wrap.js), without wasm: a stub module stands in for the C++
// adapters, so this pins what JavaScript refuses before anything crosses the boundary (array arguments and
// array-valued options take numbers only; NaN and +-Infinity are numbers) and that an Error the C++ side returns
// is thrown. Option names, types and defaults are C++'s and are tested through loadCore() in tests/wasm/options.
import { describe, expect, test } from 'vitest';
import { checkNumbers, checkOptionArrays, unwrap, wrapModule } from '../../web/src/core/wrap.js';
import { SIGNATURES } from '../../web/src/core/signatures.js';

function stubModule() {
  const calls = [];
  const module = { HEAPU8: { buffer: { byteLength: 65536 } }, heapBytesInUse: () => 123 };
  for (const name of Object.keys(SIGNATURES)) {
    module[name] = (...args) => {
      calls.push([name, args]);
      return args.at(-1)?.fail ? new Error(`${name}: from C++`) : { loss: 0, grad: new Float64Array() };
    };
  }
  return { module, calls };
}

describe('array arguments', () => {
  test('numbers only, with the function, argument and index named', () => {
    const { module } = stubModule();
    const core = wrapModule(module);
    expect(() => core.mse([1, null], [1, 2])).toThrow('mse: input[1] = null is not a number');
    expect(() => core.mse([1, 2], [1, '2'])).toThrow("mse: target[1] = '2' is not a number");
    expect(() => core.giou([0, 0, 1, 1], [0, 0, 1, {}])).toThrow('giou: boxes2[3] = a Object is not a number');
    expect(() => core.mse('12', [1, 2])).toThrow("mse: input must be an array or Float64Array, got '12'");
    expect(() => core.mse(new DataView(new ArrayBuffer(8)), [1])).toThrow(/^mse: input must be an array/);
    expect(() => core.mse([NaN, Infinity, -Infinity], new Float64Array(3))).not.toThrow();
  });
  test('array-valued options too, whatever their name', () => {
    const { module } = stubModule();
    const core = wrapModule(module);
    expect(() => core.bceWithLogits([1], [1], { posWeight: ['3'] })).toThrow("bceWithLogits: posWeight[0] = '3' is not a number");
    expect(() => core.crossEntropy([1, 2], [0], { weight: [1, undefined] })).toThrow('crossEntropy: weight[1] = undefined is not a number');
    expect(checkOptionArrays('f', undefined)).toBeUndefined();
    expect(checkOptionArrays('f', { reduction: 'sum', weight: Float64Array.of(1) }).reduction).toBe('sum');
  });
  test('an Error returned by C++ is thrown; a result is passed through', () => {
    const { module, calls } = stubModule();
    const core = wrapModule(module);
    expect(() => core.mse([1], [1], { fail: true })).toThrow('mse: from C++');
    expect(core.mse([1], [1]).loss).toBe(0);
    expect(calls.at(-1)[1]).toHaveLength(3);
    expect(unwrap(5)).toBe(5);
    expect(core.heapBytesInUse()).toBe(123);
    expect(Object.isFrozen(core)).toBe(true);
    expect(checkNumbers('f', 'x', [1, 2])).toEqual([1, 2]);
  });
});
