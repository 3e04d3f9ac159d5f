// The numbers of the Label Smoothing widget, from core.crossEntropy with reduction 'none'.
// The example is a fixed logit vector z times the Logit scale s. The figure plots its loss against s, with and
// without smoothing, so the marker for the current s moves along the curve as the slider moves.
//  - curves (they depend on epsilon, C and the true class, not on s): one call with labelSmoothing epsilon over the
//    rows s_k z for the sweep of s, one call without smoothing over the same rows;
//  - the current example: one call with both the smoothed and the plain loss (two options, so two tiny calls) and
//    its gradient p - t_eps, which gives the model's probabilities back.
// core.curves() has no kind for a C-class cross-entropy with smoothing, so this sweep stays a batched crossEntropy.
// The optimal gap for logits with all the other classes equal is where softmax matches the smoothed target:
// e^g = (1 - eps + eps/C)/(eps/C), so g* = log(1 + C(1 - eps)/eps), infinite at eps = 0 (checked against the core
// in the e2e test).
import { BASE_LOGITS, SCALE_RANGE } from './state.js';

const SCALE_POINTS = 161; // 0.025 apart over [0, 4]

export function scaleSweep(count = SCALE_POINTS, [from, to] = SCALE_RANGE) {
  return Float64Array.from({ length: count }, (_, i) => from + ((to - from) * i) / (count - 1));
}

export function smoothedTarget(classes, eps) {
  return { trueTarget: 1 - eps + eps / classes, otherTarget: eps / classes };
}

export function optimalGap(classes, eps) {
  return eps === 0 ? Infinity : Math.log1p((classes * (1 - eps)) / eps);
}

function scaledRows(base, scales) {
  const C = base.length;
  const rows = new Float64Array(scales.length * C);
  scales.forEach((s, i) => {
    for (let k = 0; k < C; k++) rows[i * C + k] = s * base[k];
  });
  return rows;
}

/** Loss against the logit scale, with smoothing eps and without. */
export function computeCurves(core, { classes, trueIndex, eps }, sweep = scaleSweep()) {
  const base = BASE_LOGITS.slice(0, classes);
  const rows = scaledRows(base, sweep);
  const targets = new Float64Array(sweep.length).fill(trueIndex);
  const smoothed = core.crossEntropy(rows, targets, { classes, labelSmoothing: eps, reduction: 'none' }).loss;
  const plain = core.crossEntropy(rows, targets, { classes, reduction: 'none' }).loss;
  let best = 0;
  for (let i = 1; i < smoothed.length; i++) if (smoothed[i] < smoothed[best]) best = i;
  return { classes, trueIndex, eps, sweep, smoothed, plain, bestScale: sweep[best], bestLoss: smoothed[best] };
}

export function computeExample(core, { logits, trueIndex, eps }) {
  const C = logits.length;
  const smoothed = core.crossEntropy(logits, [trueIndex], { classes: C, labelSmoothing: eps });
  const plain = core.crossEntropy(logits, [trueIndex], { classes: C });
  const { trueTarget, otherTarget } = smoothedTarget(C, eps);
  const target = new Float64Array(C).fill(otherTarget);
  target[trueIndex] = trueTarget;
  // Without smoothing the gradient is p - onehot, so p comes back exactly (no smoothed-target subtraction).
  const probabilities = Float64Array.from(plain.grad, (g, k) => g + (k === trueIndex ? 1 : 0));
  return {
    classes: C,
    trueIndex,
    target,
    trueTarget,
    otherTarget,
    probabilities,
    loss: smoothed.loss,
    plainLoss: plain.loss,
    optimalGap: optimalGap(C, eps),
  };
}
