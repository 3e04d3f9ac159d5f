// The section's debugging rules, applied to the trainer's records in a fixed order (the first that fires wins):
//   1. a NaN or Infinity anywhere             -> diverged: lower the learning rate, clip, look for log(0)
//   2. ReLU units dead on every sample        -> dead ReLUs: lower the learning rate or the init scale
//   3. large loss that oscillates or rises    -> learning rate too high
//   4. sigmoid/tanh units saturated, or the first layer's gradient far below the output layer's -> vanishing
//   5. flat loss with tiny gradients          -> vanishing gradients: check init and activation
//   6. flat loss with ordinary gradients      -> learning rate too low (or a plateau)
//   7. otherwise: converged, or still falling -> nothing to fix
// Rule 3 comes before 4 because a too-high learning rate also saturates tanh units; there the cause is the rate.
// Thresholds are numbers, measured on this lab's network (see state.js SCENARIOS).
const WINDOW = 20; // steps the trend rules look back over
const MIN_STEPS = 10; // fewer steps than this: too early to call a trend
const FLAT = 0.02; // < 2 % relative change over the window counts as flat ('low' moves ~1.2 % per 20 steps)
const TINY_GRADIENT = 1e-3; // whole-gradient norm below this is "tiny" (healthy runs here stay above ~3e-3 until converged)
const DEAD = 0.5; // at least half a layer's units output 0 on every sample
const SATURATED = 0.6; // at least 60 % of a layer's activations on a flat tail (the 'saturated' preset: 73 %)
const VANISHING_RATIO = 1e-2; // first layer's gradient norm < 1 % of the output layer's
const OSCILLATING = 0.3; // at least 30 % of the window's steps raise the loss ...
const SWING = 0.5; // ... and the loss swings by more than 50 % of its minimum
const CONVERGED = 0.05; // mean BCE below this: the moons are separated

const percent = (x) => `${Math.round(100 * x)} %`;
const short = (x) => (Math.abs(x) >= 1e-3 && Math.abs(x) < 1e4 ? String(Number(x.toPrecision(2))) : x.toExponential(1));

/** Where a non-finite value appeared, in the lab's 1-based layer numbering. */
export function describeNonFinite({ step, stage, layer }, layers) {
  const where = layer === layers - 1 ? `layer ${layer + 1}, the output layer` : `layer ${layer + 1}`;
  return `step ${step}, ${where} (${stage})`;
}

/**
 * @param {object} run
 * @param {number[]} run.losses  every step's loss so far
 * @param {object|null} run.last  the latest record (trainer.step's shape)
 * @param {object|null} run.firstNonFinite  { step, stage, layer } or null
 * @param {string} run.activation
 * @param {number} run.layers
 * @returns {{ code: string, text: string }}
 */
export function diagnose({ losses, last, firstNonFinite, activation, layers }) {
  const steps = losses.length;
  if (!steps || !last) return { code: 'idle', text: 'No steps yet: press Train 20 steps or Play.' };
  if (firstNonFinite) {
    return { code: 'nan', text: `A non-finite value first appeared at ${describeNonFinite(firstNonFinite, layers)}: `
      + 'training has diverged and every later number is meaningless. Lower the learning rate, turn on gradient '
      + 'clipping, and check the loss for log of 0 or a division by zero (compute it from logits, e.g. BCE with '
      + 'logits, rather than from probabilities).' };
  }
  const dead = Math.max(0, ...last.activations.map((a) => a.dead));
  const saturated = Math.max(0, ...last.activations.map((a) => a.saturated));
  const first = last.gradNorms[0];
  const output = last.gradNorms[layers - 1];
  const ratio = output > 0 ? first / output : 1;
  const recent = losses.slice(-WINDOW - 1);
  const loss = recent.at(-1);
  const change = (recent[0] - loss) / recent[0];
  const enough = steps >= MIN_STEPS;
  const flat = enough && Math.abs(change) < FLAT;
  const tiny = last.gradNorm < TINY_GRADIENT;

  const meanDead = last.activations.reduce((sum, a) => sum + a.dead, 0) / Math.max(1, last.activations.length);
  if (activation === 'relu' && dead >= DEAD && (tiny || flat || meanDead >= DEAD)) {
    return { code: 'dead', text: `Dead ReLUs: ${percent(dead)} of the units in one layer output 0 on every sample, `
      + `so no gradient flows through them (gradient norm ${short(last.gradNorm)}) and the loss is stuck at `
      + `${short(loss)}. A large update pushed their inputs below 0 for good. Lower the learning rate or the init `
      + 'scale, or use tanh or a leaky ReLU.' };
  }
  const rises = recent.slice(1).filter((v, i) => v > recent[i]).length / Math.max(1, recent.length - 1);
  const low = Math.min(...recent);
  const high = Math.max(...recent);
  // Large = above the first step's loss: a healthy run's small bumps late in training do not count.
  if (enough && ((rises >= OSCILLATING && (high - low) / low > SWING && high > losses[0]) || loss > 2 * losses[0])) {
    return { code: 'too-high', text: `Large, oscillating loss (${short(loss)}; it rose on ${percent(rises)} of the last `
      + `${recent.length - 1} steps): the learning rate is too high, each step overshoots. Lower it, or turn on `
      + 'gradient clipping.' };
  }
  if (activation !== 'relu' && enough && (saturated >= SATURATED || ratio < VANISHING_RATIO)) {
    const layer = last.activations.findIndex((a) => a.saturated === saturated) + 1;
    // Each clause only when the numbers show it: saturation, a vanishing first layer, or both.
    const clauses = [];
    if (saturated >= SATURATED) {
      clauses.push(`${percent(saturated)} of layer ${layer}'s activations sit on the flat tails of the ${activation}, `
        + 'where its slope is near 0, so those units pass almost no gradient');
    }
    if (ratio < VANISHING_RATIO) clauses.push(`the first layer's gradient is ${short(ratio)} times the output layer's`);
    return { code: 'vanishing', text: `Saturated units: ${clauses.join('; ')}. Accuracy ${percent(last.accuracy)} after `
      + `${steps} steps. Lower the init scale (1 gives Xavier weights), or use ReLU or tanh, which pass gradients `
      + 'better than sigmoid.' };
  }
  if (flat && tiny && loss > CONVERGED) {
    return { code: 'vanishing', text: `Flat loss (${short(loss)}) with tiny gradients (norm ${short(last.gradNorm)}): `
      + 'the gradients are vanishing before they reach the weights. Check the init scale and the activation.' };
  }
  if (flat && loss > CONVERGED) {
    return { code: 'too-low', text: `The loss barely moves (${percent(Math.abs(change))} over the last `
      + `${recent.length - 1} steps) although the gradients are ordinary (norm ${short(last.gradNorm)}): the learning `
      + 'rate is too low, or training sits on a plateau. Raise the learning rate.' };
  }
  if (loss < CONVERGED) {
    return { code: 'converged', text: `Converged: loss ${short(loss)}, accuracy ${percent(last.accuracy)}. Nothing to fix.` };
  }
  if (!enough) return { code: 'early', text: 'Too early to tell: train a few more steps.' };
  return { code: 'healthy', text: `Healthy: the loss is falling (${percent(change)} over the last ${recent.length - 1} `
    + `steps) and the gradients are in a normal range (norm ${short(last.gradNorm)}). Keep training.` };
}
