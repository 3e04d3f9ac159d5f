// The Class Weighting lab's numbers. Weights and every loss come from the core; recall and accuracy are counted
// here in JS from the trainer's predicted probabilities (argmax per point against its label), because they are
// tallies of right and wrong answers, not losses.
import { countsOf, TRAINING } from './state.js';

/** The first class with the largest count and, among the others, the last with the smallest. */
export function majorityAndMinority(counts) {
  let majority = 0;
  counts.forEach((n, k) => { if (n > counts[majority]) majority = k; });
  let minority = majority === 0 ? 1 : 0;
  counts.forEach((n, k) => { if (k !== majority && n <= counts[minority]) minority = k; });
  return { majority, minority };
}

// The tiny batch of the section's text: three examples, all with logit 2 for the majority class and 0 for the others
// (the model leans to the majority), two truly of the majority class and one of the minority class.
export function tinyBatch(classes, { majority, minority }) {
  const logits = new Float64Array(3 * classes);
  for (let i = 0; i < 3; i++) logits[i * classes + majority] = 2;
  return { logits, target: [majority, majority, minority] };
}

/** Weights for the current counts and the weighted-mean example: one classWeights call and three crossEntropy
 *  calls (plain mean, PyTorch's weighted mean, weighted sum) on a 3 x C batch. */
export function computeWeights(core, state) {
  const counts = countsOf(state);
  const weights = core.classWeights(counts, { strategy: state.strategy, beta: state.beta });
  const roles = majorityAndMinority(counts);
  const { logits, target } = tinyBatch(state.classes, roles);
  const classes = state.classes;
  const plain = core.crossEntropy(logits, target, { classes }).loss;
  const weighted = core.crossEntropy(logits, target, { classes, weight: weights }).loss;
  const sum = core.crossEntropy(logits, target, { classes, weight: weights, reduction: 'sum' }).loss;
  const totalWeight = target.reduce((s, c) => s + weights[c], 0);
  return {
    counts,
    weights,
    roles,
    example: { target, plain, weighted, sum, totalWeight, overN: sum / target.length },
  };
}

/** What a training run depends on; a run is stale when this changes. The trainer's blobs put the largest class
 *  first and shrink the others geometrically down to largest / imbalance, so the counts enter only as that ratio
 *  (clamped to the trainer's 1 ... 1000). */
export function trainingPlan(state) {
  const counts = countsOf(state);
  const imbalance = Math.min(1000, Math.max(1, Math.max(...counts) / Math.min(...counts)));
  const plan = { classes: state.classes, imbalance, strategy: state.strategy, beta: state.beta };
  return { ...plan, key: JSON.stringify(plan) };
}

/** The trainer config shared by both nets (the weighted one adds classWeights). */
export function trainerConfig({ classes, imbalance }) {
  return {
    dataset: 'blobs', classes, imbalance, samples: TRAINING.samples, noise: TRAINING.noise,
    head: 'multiclass', // also for 2 classes: class weights are an option of the softmax cross-entropy head
    hidden: TRAINING.hidden, learningRate: TRAINING.learningRate, seed: TRAINING.seed,
  };
}

export function countLabels(labels, classes) {
  const counts = new Array(classes).fill(0);
  for (const y of labels) counts[y] += 1;
  return counts;
}

/** Minority recall (correct minority predictions / minority points) and accuracy from probabilities, N x C. */
export function score(probs, labels, classes, minority) {
  let correct = 0;
  let minorityTotal = 0;
  let minorityHits = 0;
  for (let i = 0; i < labels.length; i++) {
    let best = 0;
    for (let k = 1; k < classes; k++) if (probs[i * classes + k] > probs[i * classes + best]) best = k;
    const hit = best === labels[i];
    if (hit) correct += 1;
    if (labels[i] === minority) {
      minorityTotal += 1;
      if (hit) minorityHits += 1;
    }
  }
  return { recall: minorityTotal ? minorityHits / minorityTotal : NaN, accuracy: correct / labels.length };
}
