// The Calibration lab's numbers, all from the core: softmax -> ece (confidence bins) and crossEntropy (mean NLL)
// for the logits before scaling (overconfidence x clean logits) and after dividing them by T.
import { syntheticSet } from './data.js';

/** logits x factor, element by element (the page and the tests form them the same way). */
export const scaled = (logits, factor) => logits.map((v) => v * factor);
/** logits / T, element by element. */
export const divided = (logits, temperature) => logits.map((v) => v / temperature);

/** Three core calls: softmax, ece, crossEntropy. Accuracy is the number right over N, read from the bins:
 *  sum of count x accuracy is an integer up to rounding, so it is rounded before dividing, which makes it
 *  identical before and after scaling whenever the predictions are. */
export function calibrationAt(core, logits, labels, { classes, bins }) {
  const probs = core.softmax(logits, { classes });
  const reliability = core.ece(probs, labels, { classes, bins });
  const nll = core.crossEntropy(logits, labels, { classes }).loss;
  let right = 0;
  let confidence = 0;
  for (const b of reliability.bins) {
    right += b.count * b.accuracy;
    confidence += b.count * b.confidence;
  }
  return { ece: reliability.ece, bins: reliability.bins, nll, accuracy: Math.round(right) / labels.length,
    meanConfidence: confidence / labels.length };
}

/** Keeps the last value per slot: `cache[slot]` = { key, value }; make() runs only when the key changes. */
function remember(cache, slot, key, make) {
  if (cache[slot]?.key !== key) cache[slot] = { key, value: make() };
  return cache[slot].value;
}

/** Per frame: the set (1 softmax, only when samples/seed change), the before state (3 calls, only when the set,
 *  overconfidence or bins change) and the after state (3 calls). Dragging T costs three core calls. */
export function computeCalibration(core, state, cache, range) {
  const { samples, seed, overconfidence, bins, temperature } = state;
  const set = remember(cache, 'set', `${samples}:${seed}`, () => syntheticSet(core, { samples, seed }));
  const logitsKey = `${samples}:${seed}:${overconfidence}`;
  const logits = remember(cache, 'logits', logitsKey, () => scaled(set.logits, overconfidence));
  const options = { classes: set.classes, bins };
  const before = remember(cache, 'before', `${logitsKey}:${bins}`,
    () => calibrationAt(core, logits, set.labels, options));
  const after = calibrationAt(core, divided(logits, temperature), set.labels, options);
  const curve = range ? remember(cache, 'curve', logitsKey, () => nllCurve(core, logits, set.labels, set.classes, range)) : null;
  return { set, logits, logitsKey, before, after, curve };
}

/** The temperature minimising the mean NLL of softmax(logits / T): one core call. */
export function fitTemperature(core, { logits, set }) {
  return core.fitTemperature(logits, set.labels, { classes: set.classes });
}

/** Temperatures of the NLL-versus-T curve: CURVE_POINTS log-spaced over the slider's range. */
export const CURVE_POINTS = 25;
export function curveTemperatures([lo, hi]) {
  return Array.from({ length: CURVE_POINTS }, (_, k) => lo * (hi / lo) ** (k / (CURVE_POINTS - 1)));
}

/** Mean NLL of softmax(logits / T) at each curve temperature: one crossEntropy call per point, made only when the
 *  logits change (the caller caches it by the logits' key), never while T is dragged. */
export function nllCurve(core, logits, labels, classes, range) {
  const x = curveTemperatures(range);
  const y = x.map((t) => core.crossEntropy(divided(logits, t), labels, { classes }).loss);
  return { x, y };
}
