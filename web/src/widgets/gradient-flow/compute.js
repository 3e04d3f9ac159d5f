// Two core trainers with the same data, seed, architecture and initial weights, differing only in the loss on their
// single output: cross-entropy (BCE with logits) and MSE on σ(output). Kept at trainer.steps === shown: a frame
// that advances n steps calls, per network, step(n) (its records are the losses at shown ... shown + n - 1), then
// gradients({ sample }) (every weight's gradient at the new weights, without updating) and predict(x) (the
// probabilities the accuracy and the confidently-wrong mark are read from). Changing the example only asks for
// gradients again. No call is made per edge.

export const WIDTH = 6; // units per hidden layer: 2-6-...-6-1, one edge per weight
export const SAMPLES = 60; // few enough to pick one by eye (and from a list)

// Per activation: initialisation scale and learning rate of plain full-batch SGD (so each update is the learning
// rate times exactly the gradient the diagram draws). Chosen so the defaults are honest at every depth offered
// (tests/e2e/gradient-flow.test.js checks it through the core):
// - sigmoid, Xavier x 4: the sigmoid stack starts out giving every point nearly the same confident p, so half the
//   points are confidently wrong and MSE's output factor σ'(z) is tiny; cross-entropy's first-layer gradient is
//   larger at step 0 and its accuracy after 100 steps is at least MSE's.
// - tanh (Xavier x 1) and ReLU (He x 1): no unit is dead or saturated on every point at step 0 (the core's 'auto'
//   init redraws such units), so both networks' first-layer gradients are above zero; the smaller learning rates
//   keep units alive for longer (ReLU with 5 or 6 layers still loses one unit within 100 steps, and says so).
export const SETTINGS = {
  sigmoid: { init: 'Xavier', initScale: 4, learningRate: 0.5 },
  tanh: { init: 'Xavier', initScale: 1, learningRate: 0.1 },
  relu: { init: 'He', initScale: 1, learningRate: 0.05 },
};
export const DATA = { data: 'moons', samples: SAMPLES, seed: 1 };

export const LOSSES = [
  { id: 'ce', name: 'cross-entropy', long: 'Cross-entropy (BCE with logits)', config: { binaryLoss: 'bceWithLogits' } },
  { id: 'mse', name: 'MSE', long: 'MSE on σ(output)', config: { binaryLoss: 'mseSigmoid' } },
];

export function trainerConfig({ activation, depth }, loss) {
  const { initScale, learningRate } = SETTINGS[activation];
  return { ...DATA, optimizer: 'sgd', learningRate, initScale, activation, head: 'binary',
    hidden: Array.from({ length: depth }, () => WIDTH), ...loss.config };
}

/** Norm of one layer's gradient, weight and bias together (as the core's gradNorms). */
export function layerNorm({ weight, bias }) {
  let s = 0;
  for (const v of weight) s += v * v;
  for (const v of bias) s += v * v;
  return Math.sqrt(s);
}

export function createNetworks(core, state) {
  return LOSSES.map((loss) => {
    const trainer = core.createTrainer(trainerConfig(state, loss));
    return { loss, trainer };
  });
}

/** Batch accuracy from the core's probabilities: share of points with (p > 0.5) === y. */
function accuracyOf(p, y) {
  let right = 0;
  for (let i = 0; i < p.length; i++) right += (p[i] > 0.5 ? 1 : 0) === y[i] ? 1 : 0;
  return right / p.length;
}

/**
 * Advances every network by `n` steps (n may be 0: only the gradients for a new example) and reads what the
 * figures draw. `sample` is a point index or -1 for the whole batch.
 */
export function advance(networks, n, sample) {
  const out = {};
  for (const { loss, trainer } of networks) {
    const records = n > 0 ? trainer.step(n) : [];
    const options = sample >= 0 ? { sample } : {};
    const layers = trainer.gradients(options);
    const p = trainer.predict(trainer.info.x);
    out[loss.id] = { records, layers, norms: layers.map(layerNorm), p, accuracy: accuracyOf(p, trainer.info.y) };
  }
  return { steps: networks[0].trainer.steps, byLoss: out };
}
