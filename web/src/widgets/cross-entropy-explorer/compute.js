// The numbers of the Cross-Entropy explorer: TWO core calls per frame, each batching rows (reduction 'none').
//  1. core.crossEntropy(z, [y], { labelSmoothing: ε })  -> "Loss (PyTorch smoothing)". Its gradient is p − t_ε with
//     t_ε = (1 − ε)·onehot + ε/C, so it also gives back p = softmax(z) for the second call's double-softmax row.
//  2. core.crossEntropy over four rows with probability targets:
//       [z | onehot]               -> Loss, and p (gradient p − onehot; p_true = e^(−loss), exact for tiny p)
//       [z | ε/(C−1) target]       -> Loss (ε/(C−1) smoothing)
//       [softmax(z) | onehot]      -> Double-softmax loss and its gradient with respect to softmax(z)
//       [onehot | onehot]          -> the smallest loss double softmax can ever reach (a perfect prediction)
// The double-softmax gradient with respect to z is the chain rule through the softmax Jacobian, done here:
//   dL/dz_k = p_k·(g_k − Σ_j p_j g_j), with g = dL/d softmax(z) from the core.

/** Smoothed targets under the two conventions: PyTorch's and ε/(C−1) on each wrong class. */
export function smoothedTargets(classes, trueIndex, eps) {
  const pytorch = new Float64Array(classes).fill(eps / classes);
  pytorch[trueIndex] = 1 - eps + eps / classes;
  const spread = new Float64Array(classes).fill(eps / (classes - 1));
  spread[trueIndex] = 1 - eps;
  return { pytorch, spread };
}

export function computeCrossEntropy(core, { logits, trueIndex, eps }) {
  const C = logits.length;
  const targets = smoothedTargets(C, trueIndex, eps);
  const smoothed = core.crossEntropy(logits, [trueIndex], { classes: C, labelSmoothing: eps });
  const firstPass = Float64Array.from(smoothed.grad, (g, k) => g + targets.pytorch[k]); // softmax(z)

  const onehot = new Float64Array(C);
  onehot[trueIndex] = 1;
  const rows = new Float64Array(4 * C);
  rows.set(logits, 0);
  rows.set(logits, C);
  rows.set(firstPass, 2 * C);
  rows.set(onehot, 3 * C);
  const rowTargets = new Float64Array(4 * C);
  rowTargets.set(onehot, 0);
  rowTargets.set(targets.spread, C);
  rowTargets.set(onehot, 2 * C);
  rowTargets.set(onehot, 3 * C);
  const { loss, grad } = core.crossEntropy(rows, rowTargets, { classes: C, reduction: 'none' });

  const pTrue = Math.exp(-loss[0]);
  const probabilities = Float64Array.from(grad.subarray(0, C), (g, k) => (k === trueIndex ? pTrue : g));
  const correctGradient = grad.slice(0, C); // dL/dz = p − onehot
  const g = grad.subarray(2 * C, 3 * C); // dL/ds at s = softmax(z)
  let pg = 0;
  for (let k = 0; k < C; k++) pg += probabilities[k] * g[k];
  const doubleGradient = Float64Array.from(probabilities, (p, k) => p * (g[k] - pg));

  return {
    classes: C,
    trueIndex,
    targets,
    probabilities,
    pTrue,
    loss: loss[0],
    lossPytorchSmoothing: smoothed.loss,
    lossSpreadSmoothing: loss[1],
    doubleLoss: loss[2],
    doubleFloor: loss[3],
    correctGradient,
    doubleGradient,
  };
}
