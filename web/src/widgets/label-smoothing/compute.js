// The numbers of the Label Smoothing widget. Two core calls per frame, each one batch with reduction 'none':
//  1. core.crossEntropy(..., { labelSmoothing: ε }) over: the scaled example (-> Loss; its gradient p − t_ε gives
//     the model's probabilities back), a sweep of logit gaps g (true logit g, the others 0), and the optimal gap.
//  2. core.crossEntropy(...) without smoothing over the same sweep: the ε = 0 curve, which only falls as g grows.
// The optimal gap is where softmax matches the smoothed target: e^g = (1 − ε + ε/C)/(ε/C), so
// g* = log(1 + C(1 − ε)/ε), infinite at ε = 0. The e2e test checks it against the core's curve.

export const GAP_RANGE = [-2, 12];
const GAP_POINTS = 281; // 0.05 apart

export function gapSweep(count = GAP_POINTS, [from, to] = GAP_RANGE) {
  return Float64Array.from({ length: count }, (_, i) => from + ((to - from) * i) / (count - 1));
}

export function smoothedTarget(classes, eps) {
  return { trueTarget: 1 - eps + eps / classes, otherTarget: eps / classes };
}

export function optimalGap(classes, eps) {
  return eps === 0 ? Infinity : Math.log1p((classes * (1 - eps)) / eps);
}

/** Rows of C logits: the true class at `gap`, every other class at 0. */
function gapRows(classes, trueIndex, gaps, rows, offset) {
  gaps.forEach((g, i) => {
    rows[(offset + i) * classes + trueIndex] = g;
  });
}

export function computeSmoothing(core, { logits, trueIndex, eps }, sweep = gapSweep()) {
  const C = logits.length;
  const n = sweep.length;
  const gStar = optimalGap(C, eps);
  const extra = Number.isFinite(gStar) ? 1 : 0;
  const rowCount = 1 + n + extra;
  const rows = new Float64Array(rowCount * C);
  rows.set(logits, 0);
  gapRows(C, trueIndex, sweep, rows, 1);
  if (extra) gapRows(C, trueIndex, [gStar], rows, 1 + n);
  const smoothed = core.crossEntropy(rows, new Float64Array(rowCount).fill(trueIndex),
    { classes: C, labelSmoothing: eps, reduction: 'none' });
  const plain = core.crossEntropy(rows.subarray(C, (1 + n) * C), new Float64Array(n).fill(trueIndex),
    { classes: C, reduction: 'none' });

  const { trueTarget, otherTarget } = smoothedTarget(C, eps);
  const target = new Float64Array(C).fill(otherTarget);
  target[trueIndex] = trueTarget;
  const probabilities = Float64Array.from(smoothed.grad.subarray(0, C), (g, k) => g + target[k]);
  return {
    classes: C,
    trueIndex,
    sweep,
    target,
    trueTarget,
    otherTarget,
    probabilities,
    loss: smoothed.loss[0],
    smoothedCurve: smoothed.loss.subarray(1, 1 + n),
    plainCurve: plain.loss,
    optimalGap: gStar,
    optimalLoss: extra ? smoothed.loss[1 + n] : NaN,
  };
}
