// Batch kernels for the plots (cpp/include/losslab/landscape.hpp): a whole curve family, a whole N x N surface or
// a whole descent path per call, so a widget crosses into wasm once per frame, never once per point.
//
// ---- core.curves(kind, options) -> { x, series: [{ name, gamma?, labelSmoothing?, loss, grad, gradLogit? }] } ---
//   Loss and gradient of several losses along one swept variable, computed by the core's own loss functions.
//   x_k = from + k (to - from) / (count - 1), k = 0 ... count - 1, the last point exactly `to`.
//   kind 'error'        x = e = input - target. series: mse, l1, huber, smoothL1 (grad = dl/de).
//   kind 'probability'  x = p, target y. series: mse (p - y)^2, bce (torch's clamps: log >= -100, grad denominator
//                       >= 1e-12, torch's float epsilon). grad = dl/dp; gradLogit = dl/dz through p = sigmoid(z), i.e. grad * p (1 - p).
//   kind 'logit'        x = z, target y. series: bceWithLogits, mseSigmoid (sigmoid(z) - y)^2, bceSigmoid
//                       bce(sigmoid(z), y) (the naive composition, saturating above z ~ 36.7). grad = dl/dz.
//   kind 'focal'        x = p_t. One series per gamma (name 'focal', its gamma in `gamma`):
//                       loss = -alpha (1 - p_t)^gamma log p_t (log clamped at -100 as bce does), grad = dl/dp_t
//                       (as torch's autograd: NaN at p_t = 1 when 0 < gamma < 1, where (1 - p_t)^(gamma - 1) is
//                       Infinity times log 1 = 0; a plot should end its gradient line before p_t = 1 for those gammas).
//   kind 'gap'          x = g, the logit gap: a row of `classes` logits with the true class at g and the others at 0.
//                       One series per labelSmoothings value (name 'crossEntropy', its eps in `labelSmoothing`):
//                       loss = crossEntropy(row, [0], { classes, labelSmoothing }), grad = dl/dg (the true logit's).
//   One call serves each sweeping widget: 'error' regression-losses (and MSE's side of mse-vs-ce), 'probability'
//   bce-explorer and mse-vs-ce (gradLogit is the sigma -> mse / bce -> chain-rule round trip), 'logit' the
//   saturation plots, 'focal' focal-loss, 'gap' label-smoothing.
//   options (default):  from, to (kind's range: error [-3, 3], probability [0.005, 0.995], logit [-8, 8],
//                       focal [0.005, 1], gap [-2, 12]; both 0 also means the default; probability/focal within
//                       [0, 1]); classes (3, gap, 2 ... 1000); labelSmoothings ([0, 0.1], gap, 1 ... 16 in [0, 1]);
//                       count (201, 2 ... 100000); target (1, in [0, 1]); delta (1, huber); beta (1, smoothL1);
//                       gammas ([0, 0.5, 1, 2, 5], focal, 1 ... 16 values >= 0); alpha (1, focal, > 0).
//
// ---- surface options (core.createSurface(...).compute and core.descentPath) -------------------------------------
//   kind 'crossEntropy'   x = z1, y = z2: crossEntropy([z1, z2, z3], [target]) of one 3-class sample.
//   kind 'mse' | 'l1' | 'huber'   x = w, y = b: mean loss of the model w x + b on a seeded regression data set.
//   kind 'bce'            x = w, y = b: mean bce(sigmoid(w x + b), labels) with torch's clamps (plateau at 100).
//   kind 'bceWithLogits'  the same model and labels through the stable logits form.
//   kind 'mseSigmoid'     the same model and labels: mean (sigmoid(w x + b) - y)^2, torch's
//                         mse_loss(torch.sigmoid(w * x + b), y), gradient by the chain rule 2 (p - y) / n (1 - p) p.
//                         Flat where the sigmoid saturates: beside 'bceWithLogits' it shows MSE's plateau against
//                         cross-entropy's cliff on one model and one grid.
//   options (default):
//     n (maxN)           grid side, 2 ... maxN of the surface (compute only)
//     extent ([-8, 8, -8, 8] crossEntropy, [-5, 5, -5, 5] others)   [xMin, xMax, yMin, yMax]
//     z3 (0), target (0: class 0, 1 or 2), labelSmoothing (0, in [0, 1])                     crossEntropy only
//     seed (1), samples (32, 1 ... 4096)                                                      data set
//     slope, intercept (the true w, b; default (2, -1) for regression, (3, -1) for binary)
//     noise (0.3, std of Gaussian noise on regression targets), outliers (0, fraction in [0, 1] of points shifted
//     by outlierOffset (6)), delta (1, huber)
//   Data: x_i ~ U[-1, 1); regression y_i = slope x_i + intercept + noise N(0, 1); binary y_i = 1 with probability
//   sigmoid(slope x_i + intercept). Generated in C++ by a fixed PRNG (xoshiro256**), identical everywhere.
//
// ---- core.surfaceData(kind, options) -> { x: Float64Array, y: Float64Array } --------------------------------------
//   The data set a (w, b) surface with these options uses (empty for crossEntropy), to draw the points and the line.
//
// ---- core.createSurface(maxN = 256) -> Surface ---------------------------------------------------------------------
//   surface.compute(kind, options) -> Float32Array of n * n values, row-major: cell (i, j) at
//       x = xMin + j * ((xMax - xMin) / (n - 1)),  y = yMin + i * ((yMax - yMin) / (n - 1))
//     (so row i is constant y = z2 or b, and x = z1 or w runs along a row). The array is a VIEW over wasm memory:
//     no copy, and it changes in place on the next compute. Hand it to a Three.js BufferAttribute and set
//     needsUpdate after each compute.
//     Views DETACH when wasm memory grows (any allocation anywhere in the module may grow it: creating another
//     surface or a trainer, a large loss call). A detached view has length 0. compute() never grows memory itself
//     (its buffer is allocated once, at maxN * maxN, when the surface is created) and always returns a fresh,
//     valid view; surface.view() re-acquires one without recomputing. So: use the array compute() returns, or
//     check `array.length === 0` before reusing an old one.
//   surface.stats() -> { n, min, max, xAtMin, yAtMin } of the last compute (min/max over finite cells, as float32).
//   surface.maxN, surface.disposed; surface.dispose() frees the C++ buffer (idempotent; later calls throw).
//
// ---- core.descentPath(kind, options) -> { x, y, loss, gradX, gradY, accuracy? } (Float64Arrays of steps + 1) ----
//   accuracy (binary kinds 'bce', 'bceWithLogits', 'mseSigmoid' only): at each entry, the share of the data points
//   with (sigmoid(w x_i + b) > 0.5) == y_i.
//   SGD, momentum or Adam on the surface `kind` (same surface options, n/extent unused), as torch.optim 1.13 steps:
//     sgd p -= lr g; momentum buf = g then mu buf + g, p -= lr buf;
//     adam p -= lr / (1 - beta1^t) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps).
//   Entry k is the position after k updates, with the loss and gradient there. Divergence is recorded, not stopped.
//   options (default): optimizer ('sgd' | 'momentum' | 'adam'), learningRate (0.1, > 0), steps (100, 0 ... 100000),
//     start ([-4, 4]), momentum (0.9, [0, 1)), beta1 (0.9), beta2 (0.999) (both [0, 1)), eps (1e-8, > 0).
//
// Every option is checked in C++: a bad one throws an Error naming the function, the option and the value
// ("surface.compute: n = 600 is out of range [2, 256]"); an unknown name is an error with the closest valid name
// ('descentPath: unknown option "learning_rate" (did you mean "learningRate"?)'); array entries must be numbers.

import { checkOptionArrays, owned, unwrap } from './wrap.js';

function createSurface(module, maxN = 256) {
  const handle = unwrap(module.createSurface(maxN));
  const { alive, lifetime } = owned(handle, 'surface');
  return Object.freeze(Object.defineProperties({
    maxN: handle.maxN(),
    compute(kind, options) {
      return unwrap(alive('compute').compute(kind, checkOptionArrays('surface.compute', options)));
    },
    view() {
      return alive('view').view();
    },
    stats() {
      return alive('stats').stats();
    },
  }, Object.getOwnPropertyDescriptors(lifetime)));
}

/** The landscape part of the core's API, added to loadCore()'s object by wrap.js. */
export function landscapeApi(module) {
  return {
    curves: (kind, options) => unwrap(module.curves(kind, checkOptionArrays('curves', options))),
    descentPath: (kind, options) => unwrap(module.descentPath(kind, checkOptionArrays('descentPath', options))),
    surfaceData: (kind, options) => unwrap(module.surfaceData(kind, checkOptionArrays('surfaceData', options))),
    createSurface: (maxN) => createSurface(module, maxN),
  };
}
