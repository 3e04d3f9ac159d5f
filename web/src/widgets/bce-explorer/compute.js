// One core call per frame: BCE-with-logits over the whole curve for y = 0 and y = 1 plus the current point,
// with reduction 'none' so each entry's loss and dL/dz come back together.
import { LOGIT_RANGE } from './state.js';

export const CURVE_POINTS = 161;

export function logitSweep(count = CURVE_POINTS, [from, to] = LOGIT_RANGE) {
  return Float64Array.from({ length: count }, (_, i) => from + ((to - from) * i) / (count - 1));
}

export function computeBce(core, { z, y }, sweep = logitSweep()) {
  const n = sweep.length;
  const logits = new Float64Array(2 * n + 1);
  const targets = new Float64Array(2 * n + 1);
  logits.set(sweep, 0);
  logits.set(sweep, n);
  targets.fill(1, n, 2 * n);
  logits[2 * n] = z;
  targets[2 * n] = y;
  const { loss, grad } = core.bceWithLogits(logits, targets, { reduction: 'none' });
  return {
    sweep,
    curves: {
      loss0: loss.subarray(0, n), grad0: grad.subarray(0, n),
      loss1: loss.subarray(n, 2 * n), grad1: grad.subarray(n, 2 * n),
    },
    loss: loss[2 * n],
    gradient: grad[2 * n],
    // dL/dz = sigma(z) - y, so the core's gradient gives sigma(z) back without a second call.
    probability: grad[2 * n] + y,
  };
}

// The comparison: MSE on the probability, L = (sigma(z) - y)^2, differentiated through the sigmoid. By the chain
// rule dL/dz = dL/dsigma * dsigma/dz = 2(sigma(z) - y) * sigma(z)(1 - sigma(z)). The core supplies the first
// factor: core.mse(sigma, y, 'none') returns 2(sigma - y) as its gradient; the second, the sigmoid's own
// derivative, is multiplied on here. It is at most 1/4 (at z = 0) and ~e^-|z| for large |z|, so a confidently wrong
// prediction (z = -8, y = 1: sigma = 3.4e-4) gets a gradient of ~ -6.7e-4 instead of BCE's ~ -1: the sigmoid
// cancellation in BCE-with-logits is what keeps the gradient alive. One core call for both curves and the point,
// in the same layout as computeBce; sigma comes from BCE's gradient (sigma = dL/dz + y), no extra call.
export function computeMseThroughSigmoid(core, { sweep, curves, probability }, { y }) {
  const n = sweep.length;
  const probs = new Float64Array(2 * n + 1);
  const targets = new Float64Array(2 * n + 1);
  probs.set(curves.grad0, 0); // y = 0: sigma = dL/dz
  for (let i = 0; i < n; i++) probs[n + i] = curves.grad1[i] + 1; // y = 1: sigma = dL/dz + 1
  targets.fill(1, n, 2 * n);
  probs[2 * n] = probability;
  targets[2 * n] = y;
  const { loss, grad } = core.mse(probs, targets, { reduction: 'none' });
  const dz = grad.map((g, i) => g * probs[i] * (1 - probs[i]));
  return {
    curves: {
      loss0: loss.subarray(0, n), grad0: dz.subarray(0, n),
      loss1: loss.subarray(n, 2 * n), grad1: dz.subarray(n, 2 * n),
    },
    gradient: dz[2 * n],
  };
}
