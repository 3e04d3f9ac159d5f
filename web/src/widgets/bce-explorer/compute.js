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
