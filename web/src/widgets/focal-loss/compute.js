// Focal loss against p_t, the model's probability for the true class, from core.softmaxFocal.
//
// Each p_t becomes one 2-class row of logits [ln(p_t / (1 - p_t)), 0] with target class 0. Its softmax
// probability for class 0 is e^a / (e^a + e^0) = 1 / (1 + e^-a) = sigmoid(a), and sigmoid(ln(p / (1 - p))) = p:
// the row's true-class probability is p_t itself (to rounding, ~1e-16), so the curve is the loss at that p_t.
//
// One call per frame: the sweep plus the easy (0.9) and hard (0.1) rows, with the chosen gamma and alpha. The
// gamma = 0, alpha = 1 reference (plain cross-entropy) does not depend on the state, so the widget computes it once
// (referenceCurve) and keeps it.
//
// Down-weighting factor (1 - p_t)^gamma: taken directly from the core's softmax, read off the reference call's
// gradient. For cross-entropy dCE/dz_j = p_j - [j = target], so the gradient of the class-1 logit is p_1 = 1 - p_t
// exactly as the core's softmax computed it; raising it to gamma needs no division by alpha * CE (which would be
// 0 / 0 at alpha = 0).
import { EASY_PT, HARD_PT } from './state.js';

export const CURVE_POINTS = 199;
const P_RANGE = [0.005, 0.995]; // open interval (0, 1): CE is infinite at 0 and the curve is flat near 1

export function probabilitySweep(count = CURVE_POINTS, [from, to] = P_RANGE) {
  return Float64Array.from({ length: count }, (_, i) => from + ((to - from) * i) / (count - 1));
}

/** The sweep followed by the easy and hard p_t. */
function probabilities(sweep) {
  const p = new Float64Array(sweep.length + 2);
  p.set(sweep, 0);
  p[sweep.length] = EASY_PT;
  p[sweep.length + 1] = HARD_PT;
  return p;
}

/** Rows [ln(p/(1-p)), 0] with target class 0 (see above). */
export function focalRows(p) {
  const logits = new Float64Array(2 * p.length);
  for (let i = 0; i < p.length; i++) logits[2 * i] = Math.log(p[i] / (1 - p[i]));
  return { logits, target: new Float64Array(p.length) };
}

function focal(core, sweep, { gamma, alpha }) {
  const { logits, target } = focalRows(probabilities(sweep));
  return core.softmaxFocal(logits, target, { classes: 2, gamma, alpha, reduction: 'none' });
}

/** Cross-entropy (gamma 0, alpha 1) over the sweep, the easy and hard rows, and 1 - p_t from its gradient. */
export function referenceCurve(core, sweep = probabilitySweep()) {
  const n = sweep.length;
  const { loss, grad } = focal(core, sweep, { gamma: 0, alpha: 1 });
  return {
    sweep,
    ce: loss.subarray(0, n),
    oneMinusPt: Float64Array.from({ length: n }, (_, i) => grad[2 * i + 1]),
    easy: { ce: loss[n], oneMinusPt: grad[2 * n + 1] },
    hard: { ce: loss[n + 1], oneMinusPt: grad[2 * n + 3] },
  };
}

export function computeFocal(core, { gamma, alpha }, reference) {
  const { sweep } = reference;
  const n = sweep.length;
  const { loss } = focal(core, sweep, { gamma, alpha });
  const side = (ref, value) => ({ ce: ref.ce, focal: value, factor: ref.oneMinusPt ** gamma });
  return {
    sweep,
    ce: reference.ce,
    focal: loss.subarray(0, n),
    factor: reference.oneMinusPt.map((q) => q ** gamma),
    easy: side(reference.easy, loss[n]),
    hard: side(reference.hard, loss[n + 1]),
  };
}
