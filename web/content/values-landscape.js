// The numbers the "Loss landscapes" prose quotes about the <loss-landscape> race, computed by the core at the
// widget's own preset (state.js PRESET), so the text and the widget can never disagree. values.js spreads this
// function's result into its own: `...landscapeValues(core)`.
import { PRESET } from '../src/widgets/loss-landscape/state.js';

const EXTENT = [-8, 8, -8, 8]; // the "Same model, two losses" grid (state.js SURFACES.pair.extent)
const GRID = 96; // compute.js GRID

const percent = (v) => `${Number((100 * v).toPrecision(3))}%`;
const fixed = (v, digits) => v.toFixed(digits);
const sigmoid = (z) => 1 / (1 + Math.exp(-z));

export function landscapeValues(core) {
  const { w, b, optimizer, lr, steps } = PRESET;
  const race = (o) => ({
    mse: core.descentPath('mseSigmoid', o),
    ce: core.descentPath('bceWithLogits', o),
  });
  const options = { optimizer, learningRate: lr, steps, start: [w, b] };
  const { mse, ce } = race(options);
  const long = race({ ...options, steps: 500 });
  const data = core.surfaceData('bceWithLogits', {});
  const points = data.x.length;
  // Misclassified at the start, and of those the ones with more than 0.9 on the wrong class.
  let confident = 0;
  for (let i = 0; i < points; i++) {
    const p = sigmoid(w * data.x[i] + b);
    if ((data.y[i] === 1 ? 1 - p : p) > 0.9) confident += 1;
  }
  const slope = (path) => Math.hypot(path.gradX[0], path.gradY[0]);
  const firstAbove = (path, level) => Array.from(path.accuracy).findIndex((a) => a > level);
  const grid = (kind) => {
    const surface = core.createSurface(GRID);
    surface.compute(kind, { n: GRID, extent: EXTENT });
    const stats = surface.stats();
    surface.dispose();
    return stats;
  };
  // The prose states these outright; if the core or the preset ever changed them, fail the build, not the reader.
  const check = (claim, ok) => {
    if (!ok) throw new Error(`values-landscape: the landscape prose says "${claim}", which the core no longer computes`);
  };
  check('cross-entropy ends with the clearly higher accuracy', ce.accuracy[steps] - mse.accuracy[steps] >= 0.25);
  check(`MSE stays below 50% accuracy for all ${steps} steps`, firstAbove(mse, 0.5) === -1);
  check('cross-entropy passes 50% accuracy during the race', firstAbove(ce, 0.5) > 0);
  check('MSE after 500 steps is no better than after the race', long.mse.accuracy[500] <= mse.accuracy[steps] + 1e-12);
  check('cross-entropy is steeper at the start', slope(ce) > slope(mse));
  const shareOnes = Array.from(data.y).reduce((sum, y) => sum + y, 0) / points;
  check('MSE ends no better than answering class 1 everywhere', Math.abs(mse.accuracy[steps] - shareOnes) < 1e-12
    && Math.abs(long.mse.accuracy[500] - shareOnes) < 1e-12);
  const mseGrid = grid('mseSigmoid');
  const ceGrid = grid('bceWithLogits');
  return {
    landPoints: String(points),
    landStartW: String(w),
    landStartB: String(b),
    landLr: String(lr),
    landSteps: String(steps),
    landWrong: String(Math.round((1 - ce.accuracy[0]) * points)),
    landConfident: String(confident),
    landMseStart: fixed(mse.loss[0], 3),
    landCeStart: fixed(ce.loss[0], 2),
    landSlopeRatio: fixed(slope(ce) / slope(mse), 1),
    landMseAcc: percent(mse.accuracy[steps]),
    landCeAcc: percent(ce.accuracy[steps]),
    landMseEnd: fixed(mse.loss[steps], 3),
    landCeEnd: fixed(ce.loss[steps], 3),
    landCeHalf: String(firstAbove(ce, 0.5)),
    landMseAcc500: percent(long.mse.accuracy[500]),
    landShareOnes: percent(shareOnes),
    landMseGridMin: fixed(mseGrid.min, 3),
    landMseGridMax: fixed(mseGrid.max, 3),
    landCeGridMin: fixed(ceGrid.min, 2),
    landCeGridMax: fixed(ceGrid.max, 2),
  };
}
