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
 *  overconfidence or bins change), the after state (3 calls, only when those or T change; at T = 1 the divided
 *  logits are the logits themselves, so it is the before state) and the NLL curve (1 call, only when the logits
 *  change; see deferCurve). Dragging T costs three core calls; dragging Overconfidence at T = 1 three, the curve
 *  following in an idle moment. */
export function computeCalibration(core, state, cache, range, { deferCurve = false } = {}) {
  const { samples, seed, overconfidence, bins, temperature } = state;
  const set = remember(cache, 'set', `${samples}:${seed}`, () => syntheticSet(core, { samples, seed }));
  const logitsKey = `${samples}:${seed}:${overconfidence}`;
  const logits = remember(cache, 'logits', logitsKey, () => scaled(set.logits, overconfidence));
  const options = { classes: set.classes, bins };
  const before = remember(cache, 'before', `${logitsKey}:${bins}`,
    () => calibrationAt(core, logits, set.labels, options));
  const after = temperature === 1 ? before : remember(cache, 'after', `${logitsKey}:${bins}:${temperature}`,
    () => calibrationAt(core, divided(logits, temperature), set.labels, options));
  // With deferCurve, a curve made for other logits is returned as it is (curveStale) instead of being remade: the
  // caller draws it moved along T and asks for the new one later (refineCurve).
  const curveStale = Boolean(range && deferCurve && cache.curve && cache.curve.key !== logitsKey);
  const curve = !range ? null : curveStale ? cache.curve.value
    : remember(cache, 'curve', logitsKey, () => ({ ...nllCurve(core, logits, set.labels, set.classes, range), overconfidence }));
  return { set, logits, logitsKey, before, after, curve, curveStale };
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

/** Mean NLL of softmax(logits / T) at each curve temperature, made only when the logits change (the caller caches
 *  it by the logits' key), never while T is dragged. ONE crossEntropy call with reduction 'none' over the logits
 *  divided by every curve temperature, stacked; each point's mean is then summed in sample order and divided by N,
 *  which is exactly what the core's 'mean' does (std::accumulate, then / N), so each point equals
 *  core.crossEntropy(logits / T, labels).loss bit for bit (tests/e2e/calibration-lab.test.js checks it). */
export function nllCurve(core, logits, labels, classes, range) {
  const x = curveTemperatures(range);
  const n = labels.length;
  const width = logits.length;
  const stacked = new Float64Array(x.length * width);
  const stackedLabels = new Float64Array(x.length * n);
  x.forEach((t, k) => {
    for (let i = 0; i < width; i++) stacked[k * width + i] = logits[i] / t;
    stackedLabels.set(labels, k * n);
  });
  const losses = core.crossEntropy(stacked, stackedLabels, { classes, reduction: 'none' }).loss;
  const y = x.map((_, k) => {
    let total = 0;
    for (let i = k * n; i < (k + 1) * n; i++) total += losses[i];
    return total / n;
  });
  return { x, y };
}
