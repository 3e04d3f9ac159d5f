// The numbers of the regression-losses widget, from core.curves('error'): MSE, L1, Huber (delta) and Smooth L1
// (beta) with dL/de, computed by the core's own losses on input e, target 0.
//  - the curves over e in [-4, 4] depend on delta and beta only, so the widget recomputes them when those change;
//  - the current error: a two-point sweep starting exactly at e (x_0 = from), one small call per frame.
import { ERROR_RANGE } from './state.js';

export const CURVE_POINTS = 161; // step 0.05 over [-4, 4]: the kinks at 0, ±delta and ±beta land on grid points often
export const LOSSES = ['mse', 'l1', 'huber', 'smoothL1'];

function bySeries(result, index) {
  return Object.fromEntries(LOSSES.map((name) => {
    const s = result.series.find((series) => series.name === name);
    return [name, index === undefined ? { loss: s.loss, grad: s.grad } : { loss: s.loss[index], grad: s.grad[index] }];
  }));
}

export function computeCurves(core, { delta, beta }) {
  const result = core.curves('error', { from: ERROR_RANGE[0], to: ERROR_RANGE[1], count: CURVE_POINTS, delta, beta });
  return { delta, beta, sweep: result.x, curves: bySeries(result) };
}

export function computePoint(core, { e, delta, beta }) {
  const result = core.curves('error', { from: e, to: e + 1, count: 2, delta, beta });
  return bySeries(result, 0);
}
