// The scatter: 12 points drawn from a seeded PRNG, so the same seed (in the URL) always gives the same data.
// x spreads over [-5, 5] (centred, so descent on slope and intercept is well conditioned: the MSE Hessian
// 2·[[mean x², mean x], [mean x, 1]] has a condition number near 8 instead of ~150 for x in [0, 10]).
import { mulberry32 } from '../shared/random.js';

export const POINT_COUNT = 12;
/** The "Add outlier" point: far below every trend the seeds produce (residuals of 5.9 to 10.6 from the trend). */
export const OUTLIER = Object.freeze({ x: 4.5, y: -5.5 });


/**
 * Points around a random trend y = a x + b (a in [0.3, 0.9], b in [-1, 1]) with noise of standard deviation
 * about 0.6 (a sum of three uniforms, spread 2.4). Returns { x, y } Float64Arrays; the outlier comes last.
 */
export function makePoints(seed, withOutlier = false) {
  const random = mulberry32(seed);
  const a = 0.3 + 0.6 * random();
  const b = -1 + 2 * random();
  const n = POINT_COUNT + (withOutlier ? 1 : 0);
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < POINT_COUNT; i++) {
    // One point per twelfth of [-5, 5], jittered inside its slot: spread out, never stacked.
    x[i] = -5 + (10 * (i + 0.15 + 0.7 * random())) / POINT_COUNT;
    const noise = (random() + random() + random() - 1.5) * 1.2;
    y[i] = a * x[i] + b + noise;
  }
  if (withOutlier) {
    x[POINT_COUNT] = OUTLIER.x;
    y[POINT_COUNT] = OUTLIER.y;
  }
  return { x, y };
}
