// Four core calls per frame, one per loss, each batching the whole sweep of errors plus the current error with
// reduction 'none': the per-element losses and d(loss_i)/d(e_i) come back together. Inputs are the errors and
// targets are 0, so input - target = e exactly and the gradient with respect to the input is dL/de.
import { ERROR_RANGE } from './state.js';

export const CURVE_POINTS = 161; // step 0.05 over [-4, 4]: the kinks at 0, ±delta and ±beta land on grid points often

export function errorSweep(count = CURVE_POINTS, [from, to] = ERROR_RANGE) {
  return Float64Array.from({ length: count }, (_, i) => from + ((to - from) * i) / (count - 1));
}

export const LOSSES = ['mse', 'l1', 'huber', 'smoothL1'];

export function computeRegression(core, { e, delta, beta }, sweep = errorSweep()) {
  const n = sweep.length;
  const input = new Float64Array(n + 1);
  input.set(sweep, 0);
  input[n] = e;
  const target = new Float64Array(n + 1);
  const options = {
    mse: { reduction: 'none' },
    l1: { reduction: 'none' },
    huber: { reduction: 'none', delta },
    smoothL1: { reduction: 'none', beta },
  };
  const curves = {};
  const current = {};
  for (const name of LOSSES) {
    const { loss, grad } = core[name](input, target, options[name]);
    curves[name] = { loss: loss.subarray(0, n), grad: grad.subarray(0, n) };
    current[name] = { loss: loss[n], grad: grad[n] };
  }
  return { sweep, curves, current };
}
