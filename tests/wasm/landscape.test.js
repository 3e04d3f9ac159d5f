// The landscape kernels through loadCore(): curves and surface cells equal the core's own loss calls, the surface
// array is a view over wasm memory (no copy) that survives 1,000 computes with no memory growth, descent paths take
// the documented steps, dispose is idempotent, and bad options give Errors naming function, option and value.
import { beforeAll, describe, expect, test } from 'vitest';
import { loadCore } from '../../web/src/core/index.js';

let core;
beforeAll(async () => {
  core = await loadCore();
});

// The grid coordinate exactly as C++ computes it (landscape.js documents the formula).
const coordinate = (lo, hi, n, k) => lo + k * ((hi - lo) / (n - 1));

function relativeError(a, b) {
  return Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), 1e-300);
}

describe('curves', () => {
  test('error curves are the core regression losses point by point', () => {
    const c = core.curves('error', { count: 41, delta: 0.5, beta: 2 });
    expect(c.x).toBeInstanceOf(Float64Array);
    expect(c.series.map((s) => s.name)).toEqual(['mse', 'l1', 'huber', 'smoothL1']);
    const fns = { mse: {}, l1: {}, huber: { delta: 0.5 }, smoothL1: { beta: 2 } };
    for (const s of c.series) {
      for (let k = 0; k < c.x.length; k++) {
        const r = core[s.name]([c.x[k]], [0], fns[s.name]);
        expect(s.loss[k]).toBe(r.loss);
        expect(s.grad[k]).toBe(r.grad[0]);
      }
    }
  });

  test('probability, logit and focal curves agree with bce / bceWithLogits', () => {
    const p = core.curves('probability', { from: 0, to: 1, count: 11, target: 0.25 });
    const bce = p.series.find((s) => s.name === 'bce');
    for (let k = 0; k < p.x.length; k++) {
      const r = core.bce([p.x[k]], [0.25]);
      expect(bce.loss[k]).toBe(r.loss);
      expect(bce.grad[k]).toBe(r.grad[0]);
      expect(bce.gradLogit[k]).toBe(r.grad[0] * (p.x[k] * (1 - p.x[k])));
    }
    const z = core.curves('logit', { from: -50, to: 50, count: 9, target: 1 });
    const bwl = z.series.find((s) => s.name === 'bceWithLogits');
    for (let k = 0; k < z.x.length; k++) expect(bwl.loss[k]).toBe(core.bceWithLogits([z.x[k]], [1]).loss);
    const f = core.curves('focal', { gammas: [0, 2], count: 21 });
    expect(f.series.map((s) => s.gamma)).toEqual([0, 2]);
    for (let k = 0; k < f.x.length; k++) {
      expect(f.series[0].loss[k]).toBe(core.bce([f.x[k]], [1], { reduction: 'none' }).loss[0]);
      expect(f.series[1].loss[k]).toBeCloseTo(f.series[0].loss[k] * (1 - f.x[k]) ** 2, 14);
    }
  });
});

test('gap curves are the core cross-entropy of the gap row, one series per label smoothing', () => {
  const c = core.curves('gap', { count: 15, classes: 4, labelSmoothings: [0, 0.2] });
  expect(c.series.map((s) => s.labelSmoothing)).toEqual([0, 0.2]);
  for (const s of c.series) {
    for (let k = 0; k < c.x.length; k++) {
      const r = core.crossEntropy([c.x[k], 0, 0, 0], [0], { labelSmoothing: s.labelSmoothing });
      expect(s.loss[k]).toBe(r.loss);
      expect(s.grad[k]).toBe(r.grad[0]);
    }
  }
  expect(() => core.curves('gap', { labelSmoothings: [1.5] })).toThrow('curves: labelSmoothings[0] = 1.5 is out of range [0, 1]');
});

describe('surfaces', () => {
  test('cross-entropy cells equal core.crossEntropy at that point (float32)', () => {
    const surface = core.createSurface(128);
    const n = 97;
    const extent = [-6, 5, -4, 7];
    for (const [target, labelSmoothing] of [[0, 0], [2, 0.1]]) {
      const values = surface.compute('crossEntropy', { n, extent, z3: 0.5, target, labelSmoothing });
      expect(values).toBeInstanceOf(Float32Array);
      expect(values.length).toBe(n * n);
      for (const [i, j] of [[0, 0], [0, 96], [96, 0], [48, 48], [13, 71], [96, 96]]) {
        const x = coordinate(extent[0], extent[1], n, j);
        const y = coordinate(extent[2], extent[3], n, i);
        const expected = core.crossEntropy([x, y, 0.5], [target], { labelSmoothing }).loss;
        expect(values[i * n + j]).toBe(Math.fround(expected));  // the same double, rounded once to float32
        expect(relativeError(values[i * n + j], expected)).toBeLessThan(1e-6);
      }
      const stats = surface.stats();
      expect(stats.n).toBe(n);
      expect(stats.min).toBe(Math.min(...values));
      expect(stats.max).toBe(Math.max(...values));
    }
    surface.dispose();
  });

  test('(w, b) surfaces equal the core losses of the line on surfaceData', () => {
    const surface = core.createSurface(64);
    const options = { n: 21, seed: 4, samples: 25, outliers: 0.2, delta: 0.7 };
    const { x, y } = core.surfaceData('mse', options);
    expect(x.length).toBe(25);
    const loss = {
      mse: (z) => core.mse(z, y).loss,
      l1: (z) => core.l1(z, y).loss,
      huber: (z) => core.huber(z, y, { delta: 0.7 }).loss,
    };
    for (const kind of Object.keys(loss)) {
      const values = surface.compute(kind, options);
      for (const [i, j] of [[0, 0], [10, 10], [20, 3], [7, 19]]) {
        const w = coordinate(-5, 5, 21, j);
        const b = coordinate(-5, 5, 21, i);
        const expected = loss[kind](Array.from(x, (xi) => w * xi + b));
        expect(values[i * 21 + j]).toBe(Math.fround(expected));
      }
    }
    const labels = core.surfaceData('bce', options);
    expect(new Set(labels.y)).toEqual(new Set([0, 1]));
    const values = surface.compute('bceWithLogits', options);
    const w = coordinate(-5, 5, 21, 15);
    const b = coordinate(-5, 5, 21, 2);
    const expected = core.bceWithLogits(Array.from(labels.x, (xi) => w * xi + b), labels.y).loss;
    expect(relativeError(values[2 * 21 + 15], expected)).toBeLessThan(1e-6);
    surface.dispose();
  });

  test('the array is a view over wasm memory, and 1,000 computes do not grow memory', () => {
    const surface = core.createSurface(256);
    const first = surface.compute('crossEntropy', { n: 256 });
    const copy = Float32Array.from(first);
    const bytes = core.memoryBytes();
    const heap = core.heapBytesInUse();
    let last = first;
    for (let k = 0; k < 1000; k++) last = surface.compute('crossEntropy', { n: 256, z3: (k % 7) - 3, target: k % 3 });
    expect(core.memoryBytes()).toBe(bytes);
    expect(core.heapBytesInUse() - heap).toBeLessThan(10_000); // 100 bytes per call would be 100,000+
    // Same memory: the old array shows the new values (nothing was copied), and both views share one buffer.
    expect(first.length).toBe(256 * 256);
    expect(first.buffer).toBe(last.buffer);
    expect(first.byteOffset).toBe(last.byteOffset);
    expect(first[12345]).toBe(last[12345]);
    expect(first).not.toEqual(copy);
    expect(surface.view().byteOffset).toBe(first.byteOffset);
    surface.dispose();
  });

  test('a view detaches when memory grows; compute() and view() give a live one again', () => {
    const surface = core.createSurface(32);
    const old = surface.compute('mse', { n: 32 });
    expect(old.length).toBe(1024);
    // A large call grows the heap (8 million doubles in, per-item losses and gradients out).
    const big = new Float64Array(8_000_000);
    core.mse(big, big);
    expect(old.length).toBe(0);  // detached, as landscape.js documents
    expect(surface.view().length).toBe(1024);
    expect(surface.compute('mse', { n: 32 }).length).toBe(1024);
    surface.dispose();
  });

  test('dispose is idempotent and later calls throw', () => {
    const surface = core.createSurface(16);
    surface.dispose();
    surface.dispose();
    expect(surface.disposed).toBe(true);
    expect(() => surface.compute('mse')).toThrow(/^surface\.compute: the surface has been disposed/);
  });

  test('bad options throw Errors naming function, option and value; no leak over 1,000 errors', () => {
    const surface = core.createSurface(64);
    expect(() => surface.compute('mse', { n: 600 })).toThrow('surface.compute: n = 600 is out of range [2, 64]');
    expect(surface.compute('mse').length).toBe(64 * 64);  // n defaults to maxN
    expect(() => surface.compute('mse', { extent: [1, 0, 0, 1] })).toThrow(
      'surface.compute: extent[0] = 1 must be less than extent[1] = 0');
    expect(() => surface.compute('crossEntropy', { target: 3 })).toThrow(
      'surface.compute: target = 3 is out of range [0, 2]');
    expect(() => surface.compute('mse', { nn: 3 })).toThrow('surface.compute: unknown option "nn" (did you mean "n"?)');
    expect(() => surface.compute('hinge')).toThrow(/^surface\.compute: kind = 'hinge' is not one of/);
    expect(() => surface.compute('mse', { noise: 'x' })).toThrow("surface.compute: noise = 'x' must be a number");
    expect(() => core.createSurface(513)).toThrow('createSurface: maxN = 513 must be a whole number in [2, 512]');
    expect(() => core.curves('error', { count: 1 })).toThrow('curves: count = 1 is out of range [2, 100000]');
    expect(() => core.curves('focal', { gammas: [2, -1] })).toThrow(
      'curves: gammas[1] = -1 must be a non-negative finite number');
    expect(() => core.curves(3)).toThrow('curves: kind = 3 must be a string');
    expect(() => core.descentPath('mse', { optimizer: 'rmsprop' })).toThrow(
      "descentPath: optimizer = 'rmsprop' is not one of 'sgd', 'momentum', 'adam'");
    expect(() => core.descentPath('mse', { start: [1] })).toThrow('descentPath: start has length 1, expected 2');
    surface.compute('mse', { n: 8 });
    const bytes = core.memoryBytes();
    const heap = core.heapBytesInUse();
    for (let k = 0; k < 1000; k++) expect(() => surface.compute('mse', { n: 600 })).toThrow();
    expect(core.memoryBytes()).toBe(bytes);
    expect(core.heapBytesInUse() - heap).toBeLessThan(10_000); // 100 bytes per call would be 100,000+
    expect(surface.compute('mse', { n: 8 }).length).toBe(64);
    surface.dispose();
  });
});

describe('descent paths', () => {
  test('SGD takes p - lr * grad with the core cross-entropy gradient', () => {
    const path = core.descentPath('crossEntropy', { start: [1, -2], learningRate: 0.5, steps: 4, z3: 0.3, target: 1 });
    expect(path.x.length).toBe(5);
    let x = 1;
    let y = -2;
    for (let k = 0; k <= 4; k++) {
      const r = core.crossEntropy([x, y, 0.3], [1]);
      expect(path.x[k]).toBe(x);
      expect(path.y[k]).toBe(y);
      expect(path.loss[k]).toBe(r.loss);
      expect(path.gradX[k]).toBe(r.grad[0]);
      expect(path.gradY[k]).toBe(r.grad[1]);
      x -= 0.5 * r.grad[0];
      y -= 0.5 * r.grad[1];
    }
  });

  test('binary kinds carry accuracy: the share of points with (sigmoid(w x + b) > 0.5) == y', () => {
    const { x, y } = core.surfaceData('mseSigmoid', {});
    for (const kind of ['bce', 'bceWithLogits', 'mseSigmoid']) {
      const path = core.descentPath(kind, { start: [-4, 3], learningRate: 0.5, steps: 30 });
      expect(path.accuracy).toBeInstanceOf(Float64Array);
      expect(path.accuracy.length).toBe(31);
      for (let k = 0; k <= 30; k += 5) {
        let correct = 0;
        for (let i = 0; i < x.length; i++) correct += (1 / (1 + Math.exp(-(path.x[k] * x[i] + path.y[k]))) > 0.5) === (y[i] === 1);
        expect(path.accuracy[k]).toBe(correct / x.length);
      }
    }
    expect(core.descentPath('mse', { steps: 2 }).accuracy).toBeUndefined();
  });

  test('mseSigmoid: the surface is mse(sigmoid(w x + b), y) on the bce data, its path gradient is the chain rule', () => {
    const options = { seed: 3, samples: 40 };
    const data = core.surfaceData('mseSigmoid', options);
    expect(data).toEqual(core.surfaceData('bceWithLogits', options));
    const surface = core.createSurface(32);
    const values = surface.compute('mseSigmoid', { ...options, n: 32 });
    for (const [i, j] of [[0, 0], [31, 31], [5, 20], [17, 3]]) {
      const w = coordinate(-5, 5, 32, j);
      const b = coordinate(-5, 5, 32, i);
      const p = Array.from(data.x, (xi) => 1 / (1 + Math.exp(-(w * xi + b))));
      expect(relativeError(values[i * 32 + j], core.mse(p, data.y).loss)).toBeLessThan(1e-6);
    }
    surface.dispose();
    const path = core.descentPath('mseSigmoid', { ...options, start: [-3, 2], steps: 3 });
    for (let k = 0; k <= 3; k++) {
      const z = Array.from(data.x, (xi) => path.x[k] * xi + path.y[k]);
      const p = z.map((v) => 1 / (1 + Math.exp(-v)));
      const r = core.mse(p, data.y);
      expect(relativeError(path.loss[k], r.loss)).toBeLessThan(1e-12);
      let gw = 0;
      let gb = 0;
      for (let i = 0; i < p.length; i++) {
        const dz = r.grad[i] * (1 - p[i]) * p[i];
        gw += dz * data.x[i];
        gb += dz;
      }
      expect(relativeError(path.gradX[k], gw)).toBeLessThan(1e-12);
      expect(relativeError(path.gradY[k], gb)).toBeLessThan(1e-12);
      // Central differences of the path's own loss.
      const h = 1e-6;
      const at = (w, b) => core.descentPath('mseSigmoid', { ...options, start: [w, b], steps: 0 }).loss[0];
      expect(relativeError((at(path.x[k] + h, path.y[k]) - at(path.x[k] - h, path.y[k])) / (2 * h), gw)).toBeLessThan(1e-6);
      expect(relativeError((at(path.x[k], path.y[k] + h) - at(path.x[k], path.y[k] - h)) / (2 * h), gb)).toBeLessThan(1e-6);
    }
  });

  test('momentum and Adam descend the convex MSE surface', () => {
    for (const optimizer of ['sgd', 'momentum', 'adam']) {
      const path = core.descentPath('mse', { optimizer, learningRate: optimizer === 'adam' ? 0.2 : 0.1, steps: 300 });
      expect(path.loss[300]).toBeLessThan(0.2 * path.loss[0]);
    }
  });
});
