// The tiny MLP trainer (cpp/include/losslab/train.hpp) as a JS object: create it, step it in small slices from an
// animation frame, draw its records and its decision boundary, dispose it.
//
// ---- core.createTrainer(config) -> Trainer --------------------------------------------------------------------------
// config (default):
//   data      data (or its older name dataset: 'moons' | 'blobs' | 'spirals' | 'regression1d' | 'regression2d' |
//             'custom'; 'moons'),
//             samples (200, 4 ... 2000), noise (moons 0.1, blobs 0.6, spirals 0.05, regression 0.1; >= 0),
//             classes (blobs 3, spirals 2; 2 ... 10; only for those two), imbalance (1, blobs: largest / smallest
//             class size, 1 ... 1000), outliers (0, regression: fraction in [0, 1] of targets shifted by
//             outlierOffset (3)), dataSeed (= seed).
//             data 'custom': hand-made points x (flat, samples x inputs, row-major), y (one label or target per
//             sample), inputs (1 ... 64); 1 ... 2000 samples (samples, noise, ... do not apply). y holds classes
//             when `classes` is given (whole numbers in [0, classes)) or when every y is a whole number in [0, 10)
//             (classes = max(2, largest + 1): 0/1 labels make a binary head); with head 'regression', or any
//             non-whole y, the y are regression targets.
//             e.g. createTrainer({ data: 'custom', x: [-1, -0.5, 0.5, 1], y: [0, 0, 1, 1], inputs: 1, hidden: [4] })
//   network   hidden ([16, 16], up to 10 layers of 1 ... 64 units), activation ('tanh' | 'sigmoid' | 'relu'; 'tanh'),
//             init ('auto' = he for relu, xavier otherwise | 'xavier' | 'he'), initScale (1, multiplies the weights)
//   head      head ('auto' | 'regression' | 'binary' | 'multiclass' | 'focal'; auto: regression data -> regression,
//             2 classes -> binary, more -> multiclass).
//             regression: 1 output, regressionLoss ('mse' | 'l1' | 'huber' | 'smoothL1'; 'mse'), delta (1), beta (1);
//             binary: 1 logit, binaryLoss ('bceWithLogits' | 'mseSigmoid'; 'bceWithLogits'): bceWithLogits with
//             posWeight (none; a number > 0), or mseSigmoid = mse(sigmoid(logit), y), dL/dlogit = 2 (p - y) p (1 - p)
//             / batch (the textbook contrast for gradient flow);
//             multiclass: C logits, crossEntropy, classWeights (none; C numbers >= 0), labelSmoothing (0);
//             focal: 1 logit, sigmoidFocal, focalAlpha (0.25; < 0 = no alpha), focalGamma (2).
//             Every loss is the core's own, with reduction 'mean' over the batch.
//   optimizer optimizer ('adam' | 'sgd' | 'momentum'; 'adam'), learningRate (0.01 for adam, 0.1 otherwise),
//             momentum (0.9), beta1 (0.9), beta2 (0.999), eps (1e-8), clipNorm (0 = off; else torch's
//             clip_grad_norm_ of the whole gradient), batchSize (0 = full batch; else shuffled mini-batches,
//             reshuffled every epoch)
//   seed      seed (1): weights and shuffling; the data uses dataSeed. Same config -> the same records, natively
//             and in wasm, on every platform.
//
// Trainer:
//   trainer.info  { head, inputs, outputs, classes, samples, layers, parameterCount, x: Float64Array (samples x
//                 inputs), y: Float64Array (class index or target), extent: [xMin, xMax, yMin, yMax] (padded data
//                 box; for 1-D data y is the target) }
//   trainer.step(n = 1) -> n records (1 ... 100000), each
//     { step (1-based), loss (batch, before the update), accuracy (batch, before the update; NaN for regression),
//       gradNorm (whole gradient, before clipping), clipped (boolean), gradNorms: Float64Array (per layer, weight and
//       bias together, before clipping), activations: [{ mean, std, saturated, dead }] (per hidden layer:
//       saturated = fraction of entries with a near-zero slope: sigmoid outside [0.01, 0.99], |tanh| > 0.99,
//       relu input <= 0; dead = fraction of units saturated on every sample of the batch),
//       nonFinite: null | { stage: 'forward' | 'loss' | 'backward' | 'update', layer } (the first non-finite value
//       this step; layers count from 0 = first hidden layer to layers - 1 = output layer) }
//   trainer.firstNonFinite() -> null | { step, stage, layer }: the first step that produced a NaN or Infinity.
//   trainer.steps -> updates so far
//   trainer.predict(points) -> Float64Array: for rows of `inputs` numbers, the regression value, the probability
//     sigmoid(logit) (binary, focal), or the C softmax probabilities per row (multiclass).
//   trainer.predictGrid(n, extent = info.extent) -> Float64Array of n * n * outputs (2-D data only, n 2 ... 512):
//     row-major, cell (i, j) at x = xMin + j (xMax - xMin) / (n - 1), y = yMin + i (yMax - yMin) / (n - 1), outputs
//     innermost: one call per decision-boundary picture.
//   trainer.parameters() -> [{ inputs, outputs, weight: Float64Array (outputs x inputs, row-major), bias }]
//   trainer.gradients({ sample } = {}) -> the same shape, [{ inputs, outputs, weight, bias }]: the gradient at the
//     current parameters of the batch loss over ALL samples (mean, as step() uses with batchSize 0) or, with
//     `sample` (an index into info.y), of that one sample's loss. Nothing is updated or recorded; no clipping.
//   Initialisation and dead units: with init 'auto' (He for relu, Xavier for sigmoid and tanh) and biases 0, relu
//     and tanh networks of 1 ... 6 hidden layers of 4 or more units have no dead layer at step 0 (every layer's
//     gradient is non-zero; tests/cpp/train_test.cpp checks it on small 1-D and 2-D binary data).
//   trainer.dispose() frees the C++ trainer (idempotent; later calls throw); trainer.disposed.
import { checkNumbers, checkOptionArrays, owned, unwrap } from './wrap.js';

const STAGES = [null, 'forward', 'loss', 'backward', 'update'];

// Unpacks step()'s Float64Array; the layout is documented at TrainerJs::step in cpp/wasm/bindings_train.cpp.
function decodeRecords(packed, layers) {
  const hidden = layers - 1;
  const width = 7 + layers + 4 * hidden;
  const records = [];
  for (let o = 0; o < packed.length; o += width) {
    const stage = STAGES[packed[o + 5]];
    const activations = [];
    for (let h = 0, a = o + 7 + layers; h < hidden; h++, a += 4) {
      activations.push({ mean: packed[a], std: packed[a + 1], saturated: packed[a + 2], dead: packed[a + 3] });
    }
    records.push({
      step: packed[o],
      loss: packed[o + 1],
      accuracy: packed[o + 2],
      gradNorm: packed[o + 3],
      clipped: packed[o + 4] === 1,
      gradNorms: packed.slice(o + 7, o + 7 + layers),
      activations,
      nonFinite: stage ? { stage, layer: packed[o + 6] } : null,
    });
  }
  return records;
}

function createTrainer(module, config) {
  const handle = unwrap(module.createTrainer(checkOptionArrays('createTrainer', config)));
  const info = Object.freeze(handle.describe());
  const { alive, lifetime } = owned(handle, 'trainer');
  return Object.freeze(Object.defineProperties({
    info,
    step(n = 1) {
      return decodeRecords(unwrap(alive('step').step(n)), info.layers);
    },
    predict(points) {
      return unwrap(alive('predict').predict(checkNumbers('trainer.predict', 'points', points)));
    },
    predictGrid(n, extent = info.extent) {
      return unwrap(alive('predictGrid').predictGrid(n, checkNumbers('trainer.predictGrid', 'extent', extent)));
    },
    parameters() {
      return alive('parameters').parameters();
    },
    gradients(options) {
      return unwrap(alive('gradients').gradients(checkOptionArrays('trainer.gradients', options)));
    },
    firstNonFinite() {
      return alive('firstNonFinite').firstNonFinite();
    },
    get steps() {
      return alive('steps').steps();
    },
  }, Object.getOwnPropertyDescriptors(lifetime)));
}

/** The trainer part of the core's API, added to loadCore()'s object by wrap.js. */
export function trainerApi(module) {
  return { createTrainer: (config) => createTrainer(module, config) };
}
