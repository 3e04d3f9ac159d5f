// The MLP trainer through loadCore(): determinism (two trainers, one seed; and the numbers pinned in
// tests/cpp/train_test.cpp, so native and wasm agree to 1e-12), record shapes, predictions, the loss equal to the
// core's, divergence detection, dispose, memory, and errors that name function, option and value.
import { beforeAll, describe, expect, test } from 'vitest';
import { loadCore } from '../../web/src/core/index.js';

let core;
beforeAll(async () => {
  core = await loadCore();
});

function relativeError(a, b) {
  return Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), 1e-300);
}

describe('trainer', () => {
  test('two trainers with the same seed give identical records; another seed differs', () => {
    const config = { dataset: 'spirals', hidden: [8, 8], activation: 'relu', batchSize: 50, seed: 5, dataSeed: 3 };
    const a = core.createTrainer(config);
    const b = core.createTrainer(config);
    const c = core.createTrainer({ ...config, seed: 6 });
    const ra = a.step(40);
    expect(b.step(40)).toEqual(ra);
    expect(c.step(40)).not.toEqual(ra);
    expect(c.info.x).toEqual(a.info.x);  // same dataSeed: same data, other weights and shuffling
    expect(core.createTrainer({ ...config, dataSeed: 4 }).info.x).not.toEqual(a.info.x);
    for (const t of [a, b, c]) t.dispose();
  });

  test('matches the native run pinned in train_test.cpp to 1e-12', () => {
    const t = core.createTrainer({});
    const r = t.step(200);
    const pinned = [[1, 0.81374942088382899], [10, 0.43044409489428326], [100, 0.16230157847990356],
      [200, 0.008925143928399205]];
    for (const [step, loss] of pinned) expect(relativeError(r[step - 1].loss, loss)).toBeLessThan(1e-12);
    let sum = 0;
    for (const layer of t.parameters()) {
      for (const w of layer.weight) sum += w;
      for (const b of layer.bias) sum += b;
    }
    expect(relativeError(sum, 4.347650644540519)).toBeLessThan(1e-12);
    t.dispose();
  });

  test('records, info, parameters and predictions have the documented shapes', () => {
    const t = core.createTrainer({ dataset: 'blobs', classes: 4, hidden: [6, 5, 4], imbalance: 4 });
    expect(t.info.head).toBe('multiclass');
    expect(t.info.outputs).toBe(4);
    expect(t.info.layers).toBe(4);
    expect(t.info.x.length).toBe(2 * t.info.samples);
    expect(t.info.extent.length).toBe(4);
    const records = t.step(3);
    expect(records.map((r) => r.step)).toEqual([1, 2, 3]);
    for (const r of records) {
      expect(r.gradNorms.length).toBe(4);
      expect(r.activations.length).toBe(3);
      expect(Object.keys(r.activations[0]).sort()).toEqual(['dead', 'mean', 'saturated', 'std']);
      expect(r.nonFinite).toBeNull();
      expect(r.clipped).toBe(false);
      expect(r.accuracy).toBeGreaterThanOrEqual(0);
    }
    expect(t.steps).toBe(3);
    const params = t.parameters();
    expect(params.map((p) => [p.inputs, p.outputs])).toEqual([[2, 6], [6, 5], [5, 4], [4, 4]]);
    expect(params[0].weight.length).toBe(12);
    const grid = t.predictGrid(7, [-3, 3, -3, 3]);
    expect(grid.length).toBe(7 * 7 * 4);
    const cell = t.predict([coordinate(-3, 3, 7, 2), coordinate(-3, 3, 7, 5)]);  // column 2, row 5
    expect(Array.from(grid.subarray((5 * 7 + 2) * 4, (5 * 7 + 2) * 4 + 4))).toEqual(Array.from(cell));
    expect(t.predictGrid(3).length).toBe(9 * 4);  // default extent = info.extent
    t.dispose();
  });

  test('the recorded loss is the core loss of the predictions (regression, full batch)', () => {
    const t = core.createTrainer({ dataset: 'regression1d', regressionLoss: 'huber', delta: 0.4, outliers: 0.1 });
    const predictions = t.predict(t.info.x);
    const [record] = t.step(1);
    expect(record.loss).toBe(core.huber(predictions, t.info.y, { delta: 0.4 }).loss);
    expect(Number.isNaN(record.accuracy)).toBe(true);
    t.dispose();
  });

  test('two moons trains to high accuracy', () => {
    const t = core.createTrainer({ dataset: 'moons', hidden: [16, 16], optimizer: 'adam' });
    const records = t.step(300);
    expect(records[299].accuracy).toBeGreaterThan(0.97);
    t.dispose();
  });

  test('a large learning rate is caught at its first non-finite step and layer', () => {
    const t = core.createTrainer({ dataset: 'regression1d', activation: 'relu', optimizer: 'sgd', learningRate: 10 });
    const records = t.step(200);
    const first = t.firstNonFinite();
    expect(first).not.toBeNull();
    expect(['forward', 'loss', 'backward', 'update']).toContain(first.stage);
    expect(records[first.step - 1].nonFinite).toEqual({ stage: first.stage, layer: first.layer });
    expect(records.slice(0, first.step - 1).every((r) => r.nonFinite === null)).toBe(true);
    t.dispose();
  });

  test('gradients(): the batch gradient is the next step\'s, one sample\'s is its own, nothing is updated', () => {
    const t = core.createTrainer({ samples: 20, hidden: [5], optimizer: 'sgd', learningRate: 0.1 });
    const before = t.parameters();
    const batch = t.gradients();
    expect(batch.map((l) => [l.inputs, l.outputs])).toEqual(before.map((l) => [l.inputs, l.outputs]));
    expect(batch[0].weight).toBeInstanceOf(Float64Array);
    expect(batch[0].weight.length).toBe(10);
    expect(t.parameters()).toEqual(before);
    expect(t.steps).toBe(0);
    // Mean over samples of the per-sample gradients is the batch gradient.
    const mean = batch.map((l) => ({ weight: new Float64Array(l.weight.length), bias: new Float64Array(l.bias.length) }));
    for (let s = 0; s < 20; s++) {
      t.gradients({ sample: s }).forEach((l, k) => {
        l.weight.forEach((v, i) => { mean[k].weight[i] += v / 20; });
        l.bias.forEach((v, i) => { mean[k].bias[i] += v / 20; });
      });
    }
    batch.forEach((l, k) => l.weight.forEach((v, i) => expect(Math.abs(mean[k].weight[i] - v)).toBeLessThan(1e-14)));
    // One SGD step moves every parameter by -lr * the batch gradient.
    t.step(1);
    const after = t.parameters();
    after.forEach((l, k) => l.bias.forEach((v, i) => expect(v).toBeCloseTo(before[k].bias[i] - 0.1 * batch[k].bias[i], 14)));
    expect(() => t.gradients({ sample: 20 })).toThrow('trainer.gradients: sample = 20 is out of range [0, 20)');
    expect(() => t.gradients({ sampel: 1 })).toThrow(/^trainer\.gradients: unknown option/);
    t.dispose();
  });

  test('custom data: hand-made points train, and their info is what was given', () => {
    const x = [-1, -0.6, -0.2, 0.2, 0.6, 1];
    const t = core.createTrainer({ data: 'custom', x, y: [0, 0, 0, 1, 1, 1], inputs: 1, hidden: [4] });
    expect(t.info.head).toBe('binary');
    expect(Array.from(t.info.x)).toEqual(x);
    expect(t.info.samples).toBe(6);
    t.step(300);
    expect(t.step(1)[0].accuracy).toBe(1);
    t.dispose();
    const r = core.createTrainer({ data: 'custom', x: [0, 1, 0, 1, 1, 0, 1, 1], y: [0.5, 2.5, 1, 3], inputs: 2, hidden: [3] });
    expect(r.info.head).toBe('regression');
    r.dispose();
    expect(() => core.createTrainer({ data: 'custom', x: [1, 2], y: [0, 1, 1], inputs: 1 })).toThrow(
      'createTrainer: x has length 2, expected y.length * inputs = 3');
    expect(() => core.createTrainer({ data: 'custom', y: [0, 1], inputs: 1 })).toThrow("createTrainer: data = 'custom' needs x");
    expect(() => core.createTrainer({ data: 'custom', x: [0, 1], y: [0, 1], inputs: 1, samples: 2 })).toThrow(
      "createTrainer: samples does not apply to data = 'custom' (its points are given)");
  });

  test('relu and tanh, 1 ... 6 hidden layers: no layer is dead at step 0 (init auto)', () => {
    for (const activation of ['relu', 'tanh']) {
      for (let depth = 1; depth <= 6; depth++) {
        for (const binaryLoss of ['bceWithLogits', 'mseSigmoid']) {
          const t = core.createTrainer({ samples: 40, hidden: Array(depth).fill(4), activation, binaryLoss, seed: 2 });
          const [r] = t.step(1);
          for (const g of r.gradNorms) expect(g).toBeGreaterThan(0);
          for (const a of r.activations) expect(a.dead).toBeLessThan(1);
          t.dispose();
        }
      }
    }
  });

  test('stepping does not grow memory once warm; dispose is idempotent', () => {
    const t = core.createTrainer({ batchSize: 16 });
    t.step(50);
    const bytes = core.memoryBytes();
    const heap = core.heapBytesInUse();
    for (let k = 0; k < 500; k++) t.step(2);
    expect(core.memoryBytes()).toBe(bytes);
    expect(core.heapBytesInUse() - heap).toBeLessThan(10_000); // 100 bytes per call would be 100,000+
    t.dispose();
    t.dispose();
    expect(t.disposed).toBe(true);
    expect(() => t.step(1)).toThrow(/^trainer\.step: the trainer has been disposed/);
  });

  test('bad configs and arguments throw Errors naming function, option and value', () => {
    expect(() => core.createTrainer({ hidden: [16, 0] })).toThrow('createTrainer: hidden[1] = 0 is out of range [1, 64]');
    expect(() => core.createTrainer({ dataset: 'circles' })).toThrow(/^createTrainer: dataset = 'circles' is not one of/);
    expect(() => core.createTrainer({ learningrate: 0.1 })).toThrow(
      'createTrainer: unknown option "learningrate" (did you mean "learningRate"?)');
    expect(() => core.createTrainer({ learningRate: 0 })).toThrow(
      'createTrainer: learningRate = 0 must be a positive finite number');
    expect(() => core.createTrainer({ head: 'focal', dataset: 'blobs' })).toThrow(
      "createTrainer: head = 'focal' needs 2 classes, got classes = 3");
    expect(() => core.createTrainer({ activation: 'gelu' })).toThrow(/^createTrainer: activation = 'gelu'/);
    expect(() => core.createTrainer([])).toThrow('createTrainer: options must be an object, got an array');
    const t = core.createTrainer({ dataset: 'regression1d' });
    expect(() => t.step(0)).toThrow('trainer.step: n = 0 must be a whole number in [1, 100000]');
    expect(() => t.predictGrid(4)).toThrow('trainer.predictGrid: needs a dataset with 2 inputs; this one has 1');
    expect(() => t.predict('x')).toThrow('trainer.predict: points must be an array or Float64Array');
    const bytes = core.memoryBytes();
    const heap = core.heapBytesInUse();
    for (let k = 0; k < 1000; k++) expect(() => core.createTrainer({ samples: 1 })).toThrow();
    expect(core.memoryBytes()).toBe(bytes);
    expect(core.heapBytesInUse() - heap).toBeLessThan(10_000); // 100 bytes per call would be 100,000+
    t.dispose();
  });
});

function coordinate(lo, hi, n, k) {
  return lo + k * ((hi - lo) / (n - 1));
}
