// Strict options, for every public function and kernel: a misspelt option name is an Error that names the function
// and suggests the right name, an option of the wrong type is an Error naming it, and an array entry that is not a
// number is an Error naming the argument and index. The option names come from the C++ reader itself (it records
// what each function reads), so this test holds every adapter to it.
import { beforeAll, describe, expect, test } from 'vitest';
import { loadCore } from '../../web/src/core/index.js';
import { SIGNATURES } from '../../web/src/core/signatures.js';

let core;
beforeAll(async () => {
  core = await loadCore();
});

// name: [valid arguments, one option it reads, a value of the wrong type for it, options every call needs]
const CALLS = {
  mse: [[[1, 2], [1, 3]], 'reduction', 1],
  l1: [[[1, 2], [1, 3]], 'reduction', true],
  huber: [[[1, 2], [1, 3]], 'delta', '1'],
  smoothL1: [[[1, 2], [1, 3]], 'beta', '1'],
  bce: [[[0.2, 0.7], [0, 1]], 'weight', 2],
  bceWithLogits: [[[0.5, -1], [1, 0]], 'posWeight', 'three'],
  crossEntropy: [[[1, 2, 3], [0]], 'labelSmoothing', '0.1'],
  nll: [[[-1, -2, -0.5], [0]], 'ignoreIndex', '1'],
  klDiv: [[[-1, -2], [0.5, 0.5]], 'logTarget', 1],
  sigmoidFocal: [[[0.5, -1], [1, 0]], 'gamma', '2'],
  softmaxFocal: [[[1, 2, 3], [0]], 'gamma', '2'],
  tripletMargin: [[[1, 2], [1, 3], [0, 1]], 'margin', '1'],
  cosineEmbedding: [[[1, 2], [2, 1], [1]], 'margin', '0'],
  infoNCE: [[[1, 0, 0, 1], [1, 0, 0, 1]], 'temperature', '0.1'],
  dice: [[[0.2, 0.8], [0, 1]], 'smooth', '1'],
  iou: [[[0.2, 0.8], [0, 1]], 'smooth', '1'],
  tversky: [[[0.2, 0.8], [0, 1]], 'alpha', '0.3'],
  focalTversky: [[[0.2, 0.8], [0, 1]], 'gamma', '1'],
  giou: [[[0, 0, 1, 1], [0, 0, 2, 2]], 'eps', '1e-7'],
  classWeights: [[[10, 20]], 'beta', '0.9'],
  ece: [[[0.2, 0.8, 0.6, 0.4], [1, 0]], 'bins', '10', { classes: 2 }],
  fitTemperature: [[[1, 2, 3, 1], [0, 0]], 'classes', 'two', { classes: 2 }],
  logSumExp: [[[1, 2]], 'stable', 1],
  softmax: [[[1, 2]], 'precision', 64],
  logSoftmax: [[[1, 2]], 'stable', 'yes'],
};

// A one-letter slip: swap the last two letters.
const misspell = (name) => name.slice(0, -2) + name.at(-1) + name.at(-2);
const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

test('every exported loss function is in the table', () => {
  expect(Object.keys(CALLS).sort()).toEqual(Object.keys(SIGNATURES).sort());
});

describe.each(Object.entries(CALLS))('%s', (name, [args, option, wrong, base = {}]) => {
  const call = (options) => core[name](...args, { ...base, ...options });
  test('valid call', () => expect(() => call({})).not.toThrow());
  test('misspelt option', () => {
    expect(() => call({ [misspell(option)]: 1 })).toThrow(
      `${name}: unknown option "${misspell(option)}" (did you mean "${option}"?)`);
  });
  test('wrong-typed option', () => {
    expect(() => call({ [option]: wrong })).toThrow(new RegExp(`^${name}: ${option} = .* must be`));
  });
  test('non-number array entry', () => {
    const bad = [...args[0]];
    bad[bad.length - 1] = String(bad[bad.length - 1]);
    const argName = SIGNATURES[name][0];
    expect(() => core[name](bad, ...args.slice(1), base)).toThrow(
      `${name}: ${argName}[${bad.length - 1}] = '${bad.at(-1)}' is not a number`);
    expect(() => call({ [option]: [null] })).toThrow(new RegExp(`^${name}: ${option}`));
  });
});

describe('batch kernels', () => {
  const KERNELS = [
    ['curves', (o) => core.curves('error', o), 'count', '5', { gammas: [1, null] }, 'gammas[1] = null'],
    ['descentPath', (o) => core.descentPath('mse', o), 'learningRate', '0.1', { start: [0, '1'] }, "start[1] = '1'"],
    ['surfaceData', (o) => core.surfaceData('bce', o), 'samples', 'ten', { extent: [0, 1, 0, null] }, 'extent[3] = null'],
    ['surface.compute', (o) => core.createSurface(8).compute('mseSigmoid', o), 'samples', [], { extent: [0, 1, {}, 1] }, 'extent[2] = a Object'],
    ['createTrainer', (o) => core.createTrainer({ samples: 8, ...o }).dispose(), 'initScale', 'big', { hidden: [4, '4'] }, "hidden[1] = '4'"],
    ['trainer.gradients', (o) => core.createTrainer({ samples: 8 }).gradients(o), 'sample', '0', null, null],
  ];
  test.each(KERNELS)('%s', (name, call, option, wrong, badArray, badText) => {
    expect(() => call({})).not.toThrow();
    expect(() => call({ [misspell(option)]: 1 })).toThrow(
      `${name}: unknown option "${misspell(option)}" (did you mean "${option}"?)`);
    expect(() => call({ [option]: wrong })).toThrow(new RegExp(`^${escape(name)}: ${option} = .* must be`));
    if (badArray) expect(() => call(badArray)).toThrow(`${name}: ${badText} is not a number`);
  });
  test('trainer.predict and predictGrid take numbers only', () => {
    const t = core.createTrainer({ samples: 8 });
    expect(() => t.predict([0, null])).toThrow('trainer.predict: points[1] = null is not a number');
    expect(() => t.predictGrid(4, [0, 1, '0', 1])).toThrow("trainer.predictGrid: extent[2] = '0' is not a number");
    t.dispose();
  });
  test('misspelt names that used to return a number now fail; the right names give torch\'s numbers', () => {
    expect(() => core.mse([1, 2], [0, 0], { reductoin: 'sum' })).toThrow(/did you mean "reduction"/);
    expect(core.bceWithLogits([0.5, -1], [1, 0], { posWeight: [3] }).loss).toBeCloseTo(0.8677, 4);
    expect(core.klDiv(Float64Array.of(Math.log(0.25), Math.log(0.75)), [Math.log(0.5), Math.log(0.5)], { logTarget: true }).loss)
      .toBeCloseTo(0.5 * (0.5 * (Math.log(0.5) - Math.log(0.25)) + 0.5 * (Math.log(0.5) - Math.log(0.75))), 12);
  });
});
