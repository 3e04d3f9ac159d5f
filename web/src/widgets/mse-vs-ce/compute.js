// The numbers of the MSE-vs-CE comparison: one core call per loss function per frame, each batching a whole curve
// plus the current point (reduction 'none': per-element losses and per-element gradients come back together).
//  1. core.bceWithLogits over a sweep of logits z (and the current z = logit(p)): BCE against z, dBCE/dz = σ(z) − y,
//     and σ(z) itself (= gradient + y), which the MSE call needs to draw MSE against z.
//  2. core.mse over the p sweep, σ of the z sweep, and the current p: MSE and dMSE/dp = 2(p − y).
//  3. core.bce over the p sweep and the current p: BCE and dBCE/dp (−1/p when y = 1).
// Through the sigmoid, MSE's logit gradient is the chain rule on core values, done here:
//   dMSE/dz = dMSE/dp · dp/dz = dMSE/dp · p(1 − p), which vanishes when p is near 0 or 1, right or wrong.
import { P_RANGE } from './state.js';

export const Z_RANGE = [-8, 8];
const P_POINTS = 199;
const Z_POINTS = 161;

export const logit = (p) => Math.log(p / (1 - p));

export function sweep(count, [from, to]) {
  return Float64Array.from({ length: count }, (_, i) => from + ((to - from) * i) / (count - 1));
}

export function computeComparison(core, { p, y }, pSweep = sweep(P_POINTS, P_RANGE), zSweep = sweep(Z_POINTS, Z_RANGE)) {
  const np = pSweep.length;
  const nz = zSweep.length;
  const z = logit(p);

  const logits = new Float64Array(nz + 1);
  logits.set(zSweep);
  logits[nz] = z;
  const bceZ = core.bceWithLogits(logits, new Float64Array(nz + 1).fill(y), { reduction: 'none' });
  const sigmaZ = Float64Array.from(bceZ.grad.subarray(0, nz), (g) => g + y); // σ(z) = dBCE/dz + y

  const inputs = new Float64Array(np + nz + 1);
  inputs.set(pSweep);
  inputs.set(sigmaZ, np);
  inputs[np + nz] = p;
  const mse = core.mse(inputs, new Float64Array(np + nz + 1).fill(y), { reduction: 'none' });

  const probs = new Float64Array(np + 1);
  probs.set(pSweep);
  probs[np] = p;
  const bce = core.bce(probs, new Float64Array(np + 1).fill(y), { reduction: 'none' });

  const mseGradZ = Float64Array.from(mse.grad.subarray(np, np + nz), (g, i) => g * sigmaZ[i] * (1 - sigmaZ[i]));
  return {
    pSweep,
    zSweep,
    z,
    curves: {
      mseP: mse.loss.subarray(0, np), mseGradP: mse.grad.subarray(0, np),
      bceP: bce.loss.subarray(0, np), bceGradP: bce.grad.subarray(0, np),
      mseZ: mse.loss.subarray(np, np + nz), mseGradZ,
      bceZ: bceZ.loss.subarray(0, nz), bceGradZ: bceZ.grad.subarray(0, nz),
    },
    mseLoss: mse.loss[np + nz],
    bceLoss: bce.loss[np],
    mseGrad: mse.grad[np + nz],
    bceGrad: bce.grad[np],
    mseGradLogit: mse.grad[np + nz] * p * (1 - p),
    bceGradLogit: bceZ.grad[nz],
  };
}
