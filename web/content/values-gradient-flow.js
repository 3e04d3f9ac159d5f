// The numbers the gradient-flow prose of 05-landscape.md quotes, computed by the core with the widget's own setup
// (web/src/widgets/gradient-flow/compute.js): two trainers from the same seed, cross-entropy and MSE on σ(output).
// Spread into computeValues() in values.js: `...gradientFlowValues(core),`.
import { LOSSES, SAMPLES, SETTINGS, trainerConfig, WIDTH } from '../src/widgets/gradient-flow/compute.js';

const DEFAULT = { activation: 'sigmoid', depth: 3 };
const DEPTHS = [1, 2, 3, 4, 5, 6];

/** Three significant figures, no exponent for the magnitudes quoted here. */
const sig = (x) => String(Number(x.toPrecision(3)));
const percent = (x) => `${Number((100 * x).toFixed(1))} %`;
const norm = ({ weight, bias }) => Math.hypot(...weight, ...bias);

/** Records 0 ... steps (record k: loss, accuracy and gradient norms at the weights after k updates). */
function run(core, state, loss, steps) {
  const trainer = core.createTrainer(trainerConfig(state, loss));
  const records = trainer.step(steps + 1);
  trainer.dispose();
  return records;
}

export function gradientFlowValues(core) {
  const [ce, mse] = LOSSES.map((loss) => run(core, DEFAULT, loss, 100));
  const ratios = DEPTHS.map((depth) => {
    const [c, m] = LOSSES.map((loss) => run(core, { ...DEFAULT, depth }, loss, 0)[0]);
    return c.gradNorms[0] / m.gradNorms[0];
  });
  // The point the starting network gets most confidently wrong, and its own first-layer gradients under each loss.
  const [ceNet, mseNet] = LOSSES.map((loss) => core.createTrainer(trainerConfig(DEFAULT, loss)));
  const p = mseNet.predict(mseNet.info.x);
  const { y } = mseNet.info;
  let worst = 0;
  for (let i = 1; i < y.length; i++) if (Math.abs(p[i] - y[i]) > Math.abs(p[worst] - y[worst])) worst = i;
  const wrongCe = norm(ceNet.gradients({ sample: worst })[0]);
  const wrongMse = norm(mseNet.gradients({ sample: worst })[0]);
  ceNet.dispose();
  mseNet.dispose();
  return {
    gfSamples: String(SAMPLES),
    gfWidth: String(WIDTH),
    gfDepth: String(DEFAULT.depth),
    gfInitScale: String(SETTINGS.sigmoid.initScale),
    gfLearningRate: String(SETTINGS.sigmoid.learningRate),
    gfCeGrad0: sig(ce[0].gradNorms[0]),
    gfMseGrad0: sig(mse[0].gradNorms[0]),
    gfRatio0: String(Math.round(ce[0].gradNorms[0] / mse[0].gradNorms[0])),
    gfRatioMin: sig(Math.min(...ratios)),
    gfRatioMax: String(Math.round(Math.max(...ratios))),
    gfCeAcc100: percent(ce[100].accuracy),
    gfMseAcc100: percent(mse[100].accuracy),
    gfWrongP: sig(p[worst]),
    gfWrongClass: String(y[worst]),
    gfWrongCe: sig(wrongCe),
    gfWrongMse: sig(wrongMse),
    gfWrongRatio: String(Math.round(wrongCe / wrongMse)),
  };
}
