// Focal loss against p_t, the model's probability for the true class.
//
// Curves: core.curves('focal', { gammas: [0, gamma], alpha: 1 }) returns cross-entropy (gamma = 0) and the
// unweighted focal loss (1 - p_t)^gamma CE over the p_t sweep in one call. The shown focal curve is alpha times the
// second series (alpha only scales; at alpha = 0 the curve is 0), and the down-weighting factor (1 - p_t)^gamma is
// the ratio of the two series (the sweep stops at 0.995, so CE is never 0 there).
//
// The marked examples: core.softmaxFocal on 2-class rows [ln(p_t / (1 - p_t)), 0] with target class 0 (softmax of
// class 0 is sigmoid(ln(p/(1-p))) = p_t to ~1e-16), the easy (0.9) and hard (0.1) rows in one call with the chosen
// gamma and alpha, plus the same rows at gamma 0, alpha 1 (cross-entropy) and 1 - p_t from its gradient
// (dCE/dz_1 = p_1 = 1 - p_t as the core's softmax computed it).
//
// The imbalanced population: POPULATION.easy.count examples at p_t = 0.9 and POPULATION.hard.count at p_t = 0.1.
// Each group's total is its count times the core's per-example loss.
import { EASY_PT, HARD_PT, POPULATION } from './state.js';

export const CURVE_POINTS = 199;
export const P_RANGE = [0.005, 0.995]; // CE is infinite at 0 and the curve is flat near 1

/** Rows [ln(p/(1-p)), 0] with target class 0 (see above). */
export function focalRows(p) {
  const logits = new Float64Array(2 * p.length);
  for (let i = 0; i < p.length; i++) logits[2 * i] = Math.log(p[i] / (1 - p[i]));
  return { logits, target: new Float64Array(p.length) };
}

const EXAMPLES = focalRows([EASY_PT, HARD_PT]);

/** Cross-entropy of the easy and hard rows and 1 - p_t from the gradient: independent of the sliders. */
export function referenceExamples(core) {
  const { loss, grad } = core.softmaxFocal(EXAMPLES.logits, EXAMPLES.target, { classes: 2, gamma: 0, alpha: 1, reduction: 'none' });
  return { easy: { ce: loss[0], oneMinusPt: grad[1] }, hard: { ce: loss[1], oneMinusPt: grad[3] } };
}

export function computeCurves(core, gamma, alpha) {
  const result = core.curves('focal', { from: P_RANGE[0], to: P_RANGE[1], count: CURVE_POINTS, gammas: [0, gamma], alpha: 1 });
  const [ce, unweighted] = result.series;
  return {
    sweep: result.x,
    ce: ce.loss,
    focal: unweighted.loss.map((v) => alpha * v),
    factor: unweighted.loss.map((v, i) => v / ce.loss[i]),
  };
}

export function computeExamples(core, { gamma, alpha }, reference) {
  const { loss } = core.softmaxFocal(EXAMPLES.logits, EXAMPLES.target, { classes: 2, gamma, alpha, reduction: 'none' });
  const side = (ref, focal, count) => ({
    ce: ref.ce, focal, factor: ref.oneMinusPt ** gamma, count, totalCe: count * ref.ce, totalFocal: count * focal,
  });
  const easy = side(reference.easy, loss[0], POPULATION.easy);
  const hard = side(reference.hard, loss[1], POPULATION.hard);
  const totalCe = easy.totalCe + hard.totalCe;
  const totalFocal = easy.totalFocal + hard.totalFocal;
  return {
    easy, hard, totalCe, totalFocal,
    hardShareCe: hard.totalCe / totalCe,
    hardShareFocal: totalFocal > 0 ? hard.totalFocal / totalFocal : NaN,
  };
}
