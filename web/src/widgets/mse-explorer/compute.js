// The numbers of the MSE explorer, all from the core. The line predicts ŷ_i = slope·x_i + intercept; the core
// returns dL/dŷ for a loss L, and the chain rule through that line, done here, gives the parameter gradients:
//   dL/dslope = Σ_i (dL/dŷ_i)·x_i,   dL/dintercept = Σ_i dL/dŷ_i.

export const MAX_STEPS = 2000;
export const CONVERGED_NORM = 1e-6; // stop when |(dL/dslope, dL/dintercept)| falls below this
export const HUBER_DELTA = 1;

const LOSSES = {
  mse: (core, predicted, target) => core.mse(predicted, target),
  l1: (core, predicted, target) => core.l1(predicted, target),
  huber: (core, predicted, target) => core.huber(predicted, target, { delta: HUBER_DELTA }),
};

export function predict({ x }, slope, intercept) {
  return x.map((xi) => slope * xi + intercept);
}

/** Loss (mean over points) and its gradient in (slope, intercept): ONE core call. */
export function lineGradient(core, loss, points, slope, intercept) {
  const { loss: value, grad } = LOSSES[loss](core, predict(points, slope, intercept), points.y);
  let gradSlope = 0;
  let gradIntercept = 0;
  for (let i = 0; i < grad.length; i++) {
    gradSlope += grad[i] * points.x[i];
    gradIntercept += grad[i];
  }
  return { loss: value, gradSlope, gradIntercept };
}

/** The readouts for the reader's line: core.mse (MSE, its gradients) and core.l1 (MAE): two core calls. */
export function computeLine(core, points, slope, intercept) {
  const predicted = predict(points, slope, intercept);
  const squared = core.mse(predicted, points.y);
  const absolute = core.l1(predicted, points.y);
  let gradSlope = 0;
  let gradIntercept = 0;
  for (let i = 0; i < predicted.length; i++) {
    gradSlope += squared.grad[i] * points.x[i];
    gradIntercept += squared.grad[i];
  }
  return {
    predicted,
    mse: squared.loss,
    rmse: Math.sqrt(squared.loss),
    mae: absolute.loss,
    gradSlope,
    gradIntercept,
  };
}

/**
 * Step size from the MSE curvature: the Hessian of MSE in (slope, intercept) is 2·[[mean x², mean x], [mean x, 1]]
 * and 1/λmax is a safe step for it. Huber's curvature is at most half of MSE's (0.5 r² inside delta), so it takes
 * twice that step. Geometry of the inputs, not a loss value, so it needs no core call.
 */
export function mseCurvature({ x }) {
  const n = x.length;
  let sx = 0;
  let sxx = 0;
  for (const xi of x) {
    sx += xi;
    sxx += xi * xi;
  }
  const a = (2 * sxx) / n;
  const b = (2 * sx) / n;
  const d = 2;
  return (a + d) / 2 + Math.sqrt(((a - d) / 2) ** 2 + b * b); // larger eigenvalue of [[a, b], [b, d]]
}

// L1's subgradient never shrinks near its kinked optimum, so its step does: 4× the MSE step, times 0.997^k
// (0.997^2000 ≈ 0.0025). Over seeds 1..60 this ends within 1.3e-4 of the exact L1 optimum's MAE.
const L1_DECAY = 0.997;

/**
 * Gradient descent on (slope, intercept) for `loss` from `start` until the gradient norm is below 1e-6 or 2000
 * steps. One core call per step. L1 has no gradient that vanishes at its optimum (a kink), so it runs with a
 * decaying step and keeps the best iterate it met. Returns the path (every iterate) and the end point.
 */
export function descend(core, loss, points, start, { maxSteps = MAX_STEPS } = {}) {
  const curvature = mseCurvature(points);
  const rate = loss === 'mse' ? 1 / curvature : loss === 'huber' ? 2 / curvature : 4 / curvature;
  const slopes = [start.slope];
  const intercepts = [start.intercept];
  let { slope, intercept } = start;
  let best = { slope, intercept, loss: Infinity };
  let converged = false;
  let steps = 0;
  for (; steps <= maxSteps; steps++) {
    const g = lineGradient(core, loss, points, slope, intercept);
    if (g.loss < best.loss) best = { slope, intercept, loss: g.loss };
    if (Math.hypot(g.gradSlope, g.gradIntercept) < CONVERGED_NORM) {
      converged = true;
      break;
    }
    if (steps === maxSteps) break;
    const step = loss === 'l1' ? rate * L1_DECAY ** steps : rate;
    slope -= step * g.gradSlope;
    intercept -= step * g.gradIntercept;
    slopes.push(slope);
    intercepts.push(intercept);
  }
  const end = loss === 'l1' ? best : { slope, intercept };
  return { slopes, intercepts, steps, converged, slope: end.slope, intercept: end.intercept };
}

/** The three best fits shown with the outlier: descent on core.mse, core.l1 and core.huber from a flat line. */
export function fitThree(core, points) {
  const start = { slope: 0, intercept: 0 };
  const fit = (loss) => {
    const { slope, intercept, steps, converged } = descend(core, loss, points, start);
    return { slope, intercept, steps, converged };
  };
  return { mse: fit('mse'), l1: fit('l1'), huber: fit('huber') };
}

/**
 * MSE over a grid of (slope, intercept) for the contour plot: ONE core.mse call with reduction 'none' over every
 * cell's predictions (n * n * points values); each cell's MSE is the mean of its points' squared errors. Row-major,
 * slope along a row: cell (i, j) is slope = s0 + j (s1 - s0) / (n - 1), intercept = b0 + i (b1 - b0) / (n - 1),
 * the layout d3-contour expects.
 */
export function mseGrid(core, points, n, [s0, s1], [b0, b1]) {
  const m = points.x.length;
  const predicted = new Float64Array(n * n * m);
  const target = new Float64Array(n * n * m);
  for (let i = 0; i < n; i++) {
    const b = b0 + (i * (b1 - b0)) / (n - 1);
    for (let j = 0; j < n; j++) {
      const s = s0 + (j * (s1 - s0)) / (n - 1);
      const offset = (i * n + j) * m;
      for (let k = 0; k < m; k++) {
        predicted[offset + k] = s * points.x[k] + b;
        target[offset + k] = points.y[k];
      }
    }
  }
  const { loss } = core.mse(predicted, target, { reduction: 'none' });
  const values = new Float64Array(n * n);
  for (let c = 0; c < n * n; c++) {
    let sum = 0;
    for (let k = 0; k < m; k++) sum += loss[c * m + k];
    values[c] = sum / m;
  }
  return values;
}
