// The Binary Cross-Entropy explorer's numbers, all from core.curves('logit'), which returns BCE with logits and
// MSE through the sigmoid, (sigma(z) - y)^2, with their gradients dL/dz (the chain rule through sigma is done in the
// core: dMSE/dz = 2(sigma - y) sigma (1 - sigma)). Two kinds of call:
//  - the curves over z in [-8, 8] for the chosen target: they depend on y only, so the widget keeps them per y;
//  - the two balls: one call whose sweep has exactly two points, x_0 = from and x_1 = to (the kernel's sweep ends
//    exactly at both), so the BCE ball at zBce and the MSE ball at zMse are read from the same call.
import { LOGIT_RANGE } from './state.js';

export const CURVE_POINTS = 161;

const seriesOf = (result, name) => result.series.find((s) => s.name === name);

/** Loss and dL/dz curves of BCE-with-logits and MSE-through-sigma for target y. */
export function computeCurves(core, y, count = CURVE_POINTS) {
  const result = core.curves('logit', { from: LOGIT_RANGE[0], to: LOGIT_RANGE[1], count, target: y });
  const bce = seriesOf(result, 'bceWithLogits');
  const mse = seriesOf(result, 'mseSigmoid');
  return { sweep: result.x, bce: { loss: bce.loss, grad: bce.grad }, mse: { loss: mse.loss, grad: mse.grad } };
}

/**
 * Both balls in one core call: BCE's at zBce, MSE-through-sigma's at zMse. Returns each ball's loss and dL/dz, and
 * sigma(zBce) = dBCE/dz + y (BCE's logit gradient is sigma(z) - y, so no second call is needed).
 */
export function computeBalls(core, { zBce, zMse, y }) {
  const same = zBce === zMse;
  const from = Math.min(zBce, zMse);
  const to = same ? from + 1 : Math.max(zBce, zMse);
  const result = core.curves('logit', { from, to, count: 2, target: y });
  const at = (z) => (z === from ? 0 : 1);
  const bce = seriesOf(result, 'bceWithLogits');
  const mse = seriesOf(result, 'mseSigmoid');
  const i = at(zBce);
  const j = at(zMse);
  return {
    bce: { z: zBce, loss: bce.loss[i], gradient: bce.grad[i], probability: bce.grad[i] + y },
    mse: { z: zMse, loss: mse.loss[j], gradient: mse.grad[j], probability: bce.grad[j] + y },
    // MSE's gradient at the BCE ball's z: the readout that compares the two at the same prediction.
    mseAtBce: { loss: mse.loss[i], gradient: mse.grad[i] },
  };
}

/** One descent step z - lr dL/dz, kept inside the plotted range. */
export function descentStep(z, gradient, lr) {
  return Math.min(LOGIT_RANGE[1], Math.max(LOGIT_RANGE[0], z - lr * gradient));
}
