// The numbers of the MSE-vs-CE comparison, all from core.curves:
//  - curves('probability', target y): MSE (p - y)^2 and BCE against p, with dL/dp and, through p = sigma(z), the
//    logit gradient gradLogit = dL/dp * p (1 - p): the sigma -> mse -> chain-rule round trip is one core call.
//  - curves('logit', target y): BCE with logits and MSE through the sigmoid against z, with dL/dz.
//  Both depend on y only, so the widget keeps them per target.
//  - the current p: a two-point 'probability' sweep starting exactly at p (x_0 = from), one call per frame.
import { P_RANGE } from './state.js';

export const Z_RANGE = [-8, 8];
const P_POINTS = 199;
const Z_POINTS = 161;

export const logit = (p) => Math.log(p / (1 - p));
const named = (result, name) => result.series.find((s) => s.name === name);

export function computeCurves(core, y) {
  const byP = core.curves('probability', { from: P_RANGE[0], to: P_RANGE[1], count: P_POINTS, target: y });
  const byZ = core.curves('logit', { from: Z_RANGE[0], to: Z_RANGE[1], count: Z_POINTS, target: y });
  const mseP = named(byP, 'mse');
  const bceP = named(byP, 'bce');
  const mseZ = named(byZ, 'mseSigmoid');
  const bceZ = named(byZ, 'bceWithLogits');
  return {
    y,
    pSweep: byP.x,
    zSweep: byZ.x,
    mseP: mseP.loss, mseGradP: mseP.grad, bceP: bceP.loss, bceGradP: bceP.grad,
    mseZ: mseZ.loss, mseGradZ: mseZ.grad, bceZ: bceZ.loss, bceGradZ: bceZ.grad,
  };
}

/** The current prediction: losses, gradients on p and on the logit, from one core call. */
export function computePoint(core, { p, y }) {
  const result = core.curves('probability', { from: p, to: 1, count: 2, target: y });
  const mse = named(result, 'mse');
  const bce = named(result, 'bce');
  return {
    z: logit(p),
    mseLoss: mse.loss[0],
    bceLoss: bce.loss[0],
    mseGrad: mse.grad[0],
    bceGrad: bce.grad[0],
    mseGradLogit: mse.gradLogit[0],
    bceGradLogit: bce.gradLogit[0],
  };
}
