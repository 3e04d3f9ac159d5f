// Bad input through loadCore(): every error is a JavaScript Error whose message names the function, the argument
// and the bad value; no C++ exception crosses the boundary as a bare pointer; and after thousands of failing and
// succeeding calls the module still answers correctly without its memory having grown.
import { beforeAll, describe, expect, test } from 'vitest';
import { loadCore } from '../../web/src/core/index.js';

let core;
beforeAll(async () => {
  core = await loadCore();
});

const BAD_CALLS = [
  [() => core.mse([1, 2, 3], [1, 2]), 'mse: target has length 2 but input has length 3'],
  [() => core.crossEntropy(new Float64Array(20), [0, 1, 2, 7], { classes: 5 }), 'crossEntropy: target[3] = 7 is out of range [0, 5)'],
  [() => core.crossEntropy([1, 2, 3], [0], { classes: 2 }), 'crossEntropy: logits has length 3, which is not a multiple of classes = 2'],
  [() => core.crossEntropy([1, 2, 3], [0], { classes: 0 }), 'crossEntropy: classes = 0 must be a positive whole number'],
  [() => core.crossEntropy([1, 2], [0.5]), 'crossEntropy: target[0] = 0.5 is not a whole class index'],
  [() => core.l1([1], [1], { reduction: 'avg' }), "l1: reduction = 'avg' is not one of 'none', 'mean', 'sum'"],
  [() => core.mse([1], [1], { reduction: 5 }), 'mse: reduction = 5 must be a string'],
  [() => core.bce([0.5, 1.5], [1, 0]), 'bce: probs[1] = 1.5 is out of range [0, 1]'],
  [() => core.bce([NaN], [1]), 'bce: probs[0] = NaN is out of range [0, 1]'],
  [() => core.bceWithLogits([1, 2, 3, 4], [0, 0, 0, 0], { posWeight: [1, 2, 3] }), 'bceWithLogits: posWeight has length 3, which does not divide the input\'s length 4'],
  [() => core.huber([1], [0], { delta: -1 }), 'huber: delta = -1 must be a positive finite number'],
  [() => core.softmax([1, 2], { precision: 'f16' }), "softmax: precision = 'f16' is not one of 'f64', 'f32'"],
  [() => core.mse([1], 'x'), "mse: target must be an array or Float64Array, got 'x'"],
  [() => core.mse([1], [1], 'mean'), 'mse: options must be an object, got a string'],
  [() => core.mse([1], [1], [1]), 'mse: options must be an object, got an array'],
  [() => core.mse([1, null], [1, 2]), 'mse: input[1] = null is not a number'],
  [() => core.mse([1, 2], [1, '2']), "mse: target[1] = '2' is not a number"],
  [() => core.mse([1], [1], { reductoin: 'sum' }), 'mse: unknown option "reductoin" (did you mean "reduction"?)'],
  [() => core.bceWithLogits([0.5, -1], [1, 0], { pos_weight: [3] }), 'bceWithLogits: unknown option "pos_weight" (did you mean "posWeight"?)'],
  [() => core.bceWithLogits([0.5, -1], [1, 0], { posWeight: [null] }), 'bceWithLogits: posWeight[0] = null is not a number'],
  [() => core.klDiv([-1, -2], [0.5, 0.5], { log_target: true }), 'klDiv: unknown option "log_target" (did you mean "logTarget"?)'],
  [() => core.crossEntropy([1, 2, 3], [0], { label_smoothing: 0.1 }), 'crossEntropy: unknown option "label_smoothing" (did you mean "labelSmoothing"?)'],
  [() => core.crossEntropy([1, 2, 3], [0], { ignore_index: 1 }), 'crossEntropy: unknown option "ignore_index" (did you mean "ignoreIndex"?)'],
  [() => core.crossEntropy([1, 2, 3], [0], { banana: 1 }), 'crossEntropy: unknown option "banana"'],
  [() => core.crossEntropy([1, 2, 3], [0], { labelSmoothing: 1.5 }), 'crossEntropy: labelSmoothing = 1.5 is out of range [0, 1]'],
  [() => core.crossEntropy([1, 2, 3], [0.2, 0.3, 0.5], { ignoreIndex: 1 }), 'crossEntropy: ignoreIndex = 1 is not supported with class-probability targets'],
];

describe('errors', () => {
  test.each(BAD_CALLS.map(([call, message]) => [message, call]))('%s', (message, call) => {
    let error;
    try {
      call();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(Error);
    expect(error.message.startsWith(message)).toBe(true);
  });

  test('10,000 bad calls leave the module answering correctly, with no memory growth', () => {
    for (const [call] of BAD_CALLS) { // warm-up: any first-use allocation happens before we measure
      try { call(); } catch { /* expected */ }
    }
    const before = core.memoryBytes();
    const heapBefore = core.heapBytesInUse();
    let thrown = 0;
    for (let i = 0; i < 10_000; i++) {
      try {
        BAD_CALLS[i % BAD_CALLS.length][0]();
      } catch {
        thrown += 1;
      }
    }
    expect(thrown).toBe(10_000);
    expect(core.memoryBytes()).toBe(before);
    // The allocator's own count, to the byte: a leak of 100 bytes per call would show as 1,000,000 here.
    expect(core.heapBytesInUse() - heapBefore).toBeLessThan(10_000);
    expect(core.mse([3, 1], [1, 1]).loss).toBe(2);
    expect(core.crossEntropy([2, 1, 0.1], [0]).loss).toBeCloseTo(0.4170300162778335, 15);
  });

  test('100,000 good calls on 1,000-element inputs do not grow memory either', () => {
    const logits = Float64Array.from({ length: 1000 }, (_, i) => Math.sin(i));
    const targets = Float64Array.from({ length: 100 }, (_, i) => i % 10);
    core.crossEntropy(logits, targets, { classes: 10 });
    core.crossEntropy(logits, targets, { classes: 10, reduction: 'none' });
    core.bceWithLogits(logits, logits, { reduction: 'sum' });
    const before = core.memoryBytes();
    const heapBefore = core.heapBytesInUse();
    for (let i = 0; i < 100_000; i++) {
      if (i % 2) core.crossEntropy(logits, targets, { classes: 10, reduction: 'none' });
      else core.bceWithLogits(logits, logits, { reduction: 'sum' });
    }
    expect(core.memoryBytes()).toBe(before);
    expect(core.heapBytesInUse() - heapBefore).toBeLessThan(10_000);
  });
});
