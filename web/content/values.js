// The numbers quoted in the section's prose, quiz and code output, computed by the loss core.
// Every entry is one call into the core (occasionally two, chained), formatted as a string.
// The build substitutes them for the {{name}} placeholders in the Markdown and quiz.json.

import { gradientFlowValues } from './values-gradient-flow.js';
import { landscapeValues } from './values-landscape.js';

const FLT_MAX = 3.4028234663852886e38; // largest finite float32
const HALF_MAX = 65504; // largest finite float16

// Fixed decimals; non-finite values print the way C++ and Python print them.
function fixed(x, digits) {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  const s = x.toFixed(digits);
  return /^-0(\.0*)?$/.test(s) ? s.slice(1) : s;
}

// Rounded like fixed(), then trailing zeros dropped: 1.9000 -> "1.9", 20.0000 -> "20".
function trim(x, digits) {
  const s = fixed(x, digits);
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

// sigma(z) is the first entry of softmax([z, 0]).
function sigmoid(core, z) {
  return core.softmax([z, 0], { classes: 2 })[0];
}

export function computeValues(core) {
  // Running examples, used in several parts.
  const logits3 = [2.0, 1.0, 0.1]; // three-class logits, true class 0
  const twoRows = [2.0, 1.0, 0.1, 0.5, 2.5, 0.3]; // two samples x three classes
  const twoTargets = [0, 2];
  const pHalf = [0.5, 0.5]; // the "true" distribution in the KL example
  const qSkew = [0.9, 0.1]; // the "model" distribution in the KL example
  const counts = [900, 100];
  const rows3x2 = [2, 0, 2, 0, 2, 0]; // three samples, two classes, all leaning to class 0
  const labels3 = [0, 0, 1];
  const anchors = [1, 0, 0, 1, -1, 0, 0, -1]; // four unit vectors in 2-D
  const partners = [0.8, 0.6, -0.6, 0.8, -0.8, -0.6, 0.6, -0.8]; // the same, rotated ~37 degrees
  const calibProbs = Array.from({ length: 10 }, () => [0.9, 0.1]).flat();
  const calibLabels = [0, 0, 0, 0, 0, 0, 1, 1, 1, 1];
  const tsLogits = Array.from({ length: 10 }, () => [4, 0]).flat();
  const tsLabels = [0, 0, 0, 0, 0, 0, 0, 1, 1, 1];
  const tsFit = core.fitTemperature(tsLogits, tsLabels, { classes: 2 });

  return {
    // ---- Mean squared error ----
    mseDemoLoss: fixed(core.mse([2.5, 0.0, 2.0], [3.0, -0.5, 2.0]).loss, 4),
    mseDemoG0: fixed(core.mse([2.5, 0.0, 2.0], [3.0, -0.5, 2.0]).grad[0], 4),
    mseDemoG1: fixed(core.mse([2.5, 0.0, 2.0], [3.0, -0.5, 2.0]).grad[1], 4),
    mseDemoG2: trim(core.mse([2.5, 0.0, 2.0], [3.0, -0.5, 2.0]).grad[2], 4),
    mseDemoRmse: fixed(Math.sqrt(core.mse([2.5, 0.0, 2.0], [3.0, -0.5, 2.0]).loss), 4),
    mseQuick: trim(core.mse([5, 1], [3, 5]).loss, 4),
    mseQuickSum: trim(core.mse([5, 1], [3, 5], { reduction: 'sum' }).loss, 4),
    mseQuickL1: trim(core.l1([5, 1], [3, 5]).loss, 4),
    mseQuickRmse: fixed(Math.sqrt(core.mse([5, 1], [3, 5]).loss), 2),
    mseQuickG1: trim(core.mse([5, 1], [3, 5]).grad[1], 4),
    mseQuickSumG1: trim(core.mse([5, 1], [3, 5], { reduction: 'sum' }).grad[1], 4),
    mseQuickSq1: trim(core.mse([1], [5], { reduction: 'sum' }).loss, 4),
    mseQuickL1G1: trim(core.l1([5, 1], [3, 5]).grad[1], 4),

    // ---- Cross-entropy: entropy, KL, BCE ----
    entP: fixed(core.crossEntropy(pHalf.map(Math.log), pHalf, { classes: 2 }).loss, 4),
    xentPQ: fixed(core.crossEntropy(qSkew.map(Math.log), pHalf, { classes: 2 }).loss, 4),
    klPQ: fixed(core.klDiv(qSkew.map(Math.log), pHalf, { classes: 2, reduction: 'batchmean' }).loss, 4),
    klQP: fixed(core.klDiv(pHalf.map(Math.log), qSkew, { classes: 2, reduction: 'batchmean' }).loss, 4),
    bceP05: fixed(core.bce([0.5], [1]).loss, 4),
    bceP01: fixed(core.bce([0.1], [1]).loss, 4),
    bceP001: fixed(core.bce([0.01], [1]).loss, 4),
    bceP0: trim(core.bce([0], [1]).loss, 4),
    sigZm5: fixed(sigmoid(core, -5), 4),
    mseSigGradZm5: fixed(core.mse([sigmoid(core, -5)], [1]).grad[0] * sigmoid(core, -5) * (1 - sigmoid(core, -5)), 4),
    bceGradZm5: fixed(core.bceWithLogits([-5], [1]).grad[0], 4),
    bceGradZ2: fixed(core.bceWithLogits([2], [0]).grad[0], 4),
    sigZm2: fixed(sigmoid(core, -2), 4),
    sigDerivZ2: fixed(sigmoid(core, 2) * (1 - sigmoid(core, 2)), 4),

    // ---- Cross-entropy: multi-class, softmax, double softmax ----
    ceExample: fixed(core.crossEntropy(logits3, [0], { classes: 3 }).loss, 4),
    ceP0: fixed(core.softmax(logits3, { classes: 3 })[0], 4),
    ceP1: fixed(core.softmax(logits3, { classes: 3 })[1], 4),
    ceP2: fixed(core.softmax(logits3, { classes: 3 })[2], 4),
    ceLse: fixed(core.logSumExp(logits3), 4),
    ceG0: fixed(core.crossEntropy(logits3, [0], { classes: 3 }).grad[0], 4),
    ceG1: fixed(core.crossEntropy(logits3, [0], { classes: 3 }).grad[1], 4),
    ceG2: fixed(core.crossEntropy(logits3, [0], { classes: 3 }).grad[2], 4),
    ceDouble: fixed(core.crossEntropy(core.softmax(logits3, { classes: 3 }), [0], { classes: 3 }).loss, 4),
    ceConfident: fixed(core.crossEntropy([10, 0, 0], [0], { classes: 3 }).loss, 6),
    ceConfidentDouble: fixed(core.crossEntropy(core.softmax([10, 0, 0], { classes: 3 }), [0], { classes: 3 }).loss, 4),
    ceDoubleFloor: fixed(core.crossEntropy([1, 0, 0], [0], { classes: 3 }).loss, 4),

    // ---- MSE versus cross-entropy (probability p, target y) ----
    mseGradConfWrong: trim(Math.abs(core.mse([0.05], [1]).grad[0]), 4),
    bceGradConfWrong: trim(Math.abs(core.bce([0.05], [1]).grad[0]), 4),
    gradRatio: fixed(core.bce([0.05], [1]).grad[0] / core.mse([0.05], [1]).grad[0], 1),
    mseLossConfWrong: fixed(core.mse([0.05], [1]).loss, 4),
    bceLossConfWrong: fixed(core.bce([0.05], [1]).loss, 4),
    mseGradMax: trim(Math.abs(core.mse([0], [1]).grad[0]), 4),
    bceGradP0001: trim(Math.abs(core.bce([0.001], [1]).grad[0]), 2),
    mseGradP01: trim(Math.abs(core.mse([0.01], [1]).grad[0]), 4),
    bceGradP01: trim(Math.abs(core.bce([0.01], [1]).grad[0]), 2),
    mseGradP05: trim(Math.abs(core.mse([0.5], [1]).grad[0]), 4),
    bceGradP05: trim(Math.abs(core.bce([0.5], [1]).grad[0]), 4),

    // ---- Numerical stability ----
    expMaxF16: fixed(Math.log(HALF_MAX), 2),
    expMaxF32: fixed(Math.log(FLT_MAX), 2),
    expMaxF64: fixed(Math.log(Number.MAX_VALUE), 2),
    lseNaive32: fixed(core.logSumExp([100, 99, 98], { stable: false, precision: 'f32' }), 4),
    lseStable32: fixed(core.logSumExp([100, 99, 98], { stable: true, precision: 'f32' }), 4),
    lseNaive64: fixed(core.logSumExp([1000, 999, 998], { stable: false, precision: 'f64' }), 4),
    lseStable64: fixed(core.logSumExp([1000, 999, 998], { stable: true, precision: 'f64' }), 4),
    lseNaiveUnder: fixed(core.logSumExp([-1000, -1001], { stable: false, precision: 'f64' }), 4),
    lseStableUnder: fixed(core.logSumExp([-1000, -1001], { stable: true, precision: 'f64' }), 4),
    sigZm800: trim(sigmoid(core, -800), 4),
    bceClamped: trim(core.bce([sigmoid(core, -800)], [1]).loss, 4),
    bceLogitsZm800: trim(core.bceWithLogits([-800], [1]).loss, 4),

    // ---- Weighted losses (class counts 900 and 100) ----
    wInv900: trim(core.classWeights(counts, { strategy: 'inverse' })[0], 4),
    wInv100: trim(core.classWeights(counts, { strategy: 'inverse' })[1], 4),
    wSqrt900: trim(core.classWeights(counts, { strategy: 'inverse_sqrt' })[0], 4),
    wSqrt100: trim(core.classWeights(counts, { strategy: 'inverse_sqrt' })[1], 4),
    wEff900: trim(core.classWeights(counts, { strategy: 'effective', beta: 0.999 })[0], 4),
    wEff100: trim(core.classWeights(counts, { strategy: 'effective', beta: 0.999 })[1], 4),
    wEasy: fixed(core.crossEntropy([2, 0], [0], { classes: 2 }).loss, 4),
    wHard: fixed(core.crossEntropy([2, 0], [1], { classes: 2 }).loss, 4),
    wUnweighted: fixed(core.crossEntropy(rows3x2, labels3, { classes: 2 }).loss, 4),
    wWeighted: fixed(
      core.crossEntropy(rows3x2, labels3, { classes: 2, weight: core.classWeights(counts, { strategy: 'inverse' }) }).loss,
      4,
    ),
    wWeightedOverN: fixed(
      core.crossEntropy(rows3x2, labels3, {
        classes: 2,
        weight: core.classWeights(counts, { strategy: 'inverse' }),
        reduction: 'sum',
      }).loss / labels3.length,
      4,
    ),

    // ---- Contrastive losses ----
    tripDAP: trim(Math.sqrt(core.mse([0, 0], [1, 0], { reduction: 'sum' }).loss), 4),
    tripDAN: trim(Math.sqrt(core.mse([0, 0], [1.5, 0], { reduction: 'sum' }).loss), 4),
    tripSqAP: trim(core.mse([0, 0], [1, 0], { reduction: 'sum' }).loss, 4),
    tripSqAN: trim(core.mse([0, 0], [1.5, 0], { reduction: 'sum' }).loss, 4),
    tripSqLoss: trim(
      Math.max(0, core.mse([0, 0], [1, 0], { reduction: 'sum' }).loss - core.mse([0, 0], [1.5, 0], { reduction: 'sum' }).loss + 1),
      4,
    ),
    tripPnorm: fixed(core.tripletMargin([0, 0], [1, 0], [1.5, 0], { dim: 2, margin: 1 }).loss, 4),
    nceChance4: fixed(core.crossEntropy([0, 0, 0, 0], [0], { classes: 4 }).loss, 4),
    nceChance3: fixed(core.crossEntropy([0, 0, 0], [0], { classes: 3 }).loss, 4),
    nceTau1: fixed(core.infoNCE(anchors, partners, { dim: 2, temperature: 1 }).loss, 4),
    nceTau01: fixed(core.infoNCE(anchors, partners, { dim: 2, temperature: 0.1 }).loss, 4),
    nceTau007: fixed(core.infoNCE(anchors, partners, { dim: 2, temperature: 0.07 }).loss, 4),

    // ---- Regression losses at errors 0.5 and 3 (per element) ----
    mseAt05: trim(core.mse([0.5], [0]).loss, 4),
    mseAt3: trim(core.mse([3], [0]).loss, 4),
    mseGradAt3: trim(core.mse([3], [0]).grad[0], 4),
    l1At05: trim(core.l1([0.5], [0]).loss, 4),
    l1At3: trim(core.l1([3], [0]).loss, 4),
    l1GradAt3: trim(core.l1([3], [0]).grad[0], 4),
    huber1At05: trim(core.huber([0.5], [0], { delta: 1 }).loss, 4),
    huber1At3: trim(core.huber([3], [0], { delta: 1 }).loss, 4),
    huber1GradAt3: trim(core.huber([3], [0], { delta: 1 }).grad[0], 4),
    huber2At05: trim(core.huber([0.5], [0], { delta: 2 }).loss, 4),
    huber2At3: trim(core.huber([3], [0], { delta: 2 }).loss, 4),
    huber2GradAt3: trim(core.huber([3], [0], { delta: 2 }).grad[0], 4),
    sl1b2At05: trim(core.smoothL1([0.5], [0], { beta: 2 }).loss, 4),
    sl1b2At3: trim(core.smoothL1([3], [0], { beta: 2 }).loss, 4),
    sl1b2GradAt3: trim(core.smoothL1([3], [0], { beta: 2 }).grad[0], 4),
    halfSqAt3: trim(core.huber([3], [0], { delta: 100 }).loss, 4),

    // ---- Focal loss: an easy (p_t = 0.9) and a hard (p_t = 0.1) sample, gamma = 2, no alpha ----
    focalEasyPt: trim(core.softmax([Math.log(9), 0], { classes: 2 })[0], 4),
    focalHardPt: trim(core.softmax([Math.log(1 / 9), 0], { classes: 2 })[0], 4),
    focalEasyCE: fixed(core.crossEntropy([Math.log(9), 0], [0], { classes: 2 }).loss, 4),
    focalHardCE: fixed(core.crossEntropy([Math.log(1 / 9), 0], [0], { classes: 2 }).loss, 4),
    focalEasyLoss: fixed(core.softmaxFocal([Math.log(9), 0], [0], { classes: 2, gamma: 2, alpha: 1 }).loss, 6),
    focalHardLoss: fixed(core.softmaxFocal([Math.log(1 / 9), 0], [0], { classes: 2, gamma: 2, alpha: 1 }).loss, 4),
    focalEasyFactor: trim(
      core.softmaxFocal([Math.log(9), 0], [0], { classes: 2, gamma: 2, alpha: 1 }).loss /
        core.crossEntropy([Math.log(9), 0], [0], { classes: 2 }).loss,
      4,
    ),
    focalHardFactor: trim(
      core.softmaxFocal([Math.log(1 / 9), 0], [0], { classes: 2, gamma: 2, alpha: 1 }).loss /
        core.crossEntropy([Math.log(1 / 9), 0], [0], { classes: 2 }).loss,
      4,
    ),
    focalEasyShrink: trim(
      core.crossEntropy([Math.log(9), 0], [0], { classes: 2 }).loss /
        core.softmaxFocal([Math.log(9), 0], [0], { classes: 2, gamma: 2, alpha: 1 }).loss,
      1,
    ),
    focalHardShrink: fixed(
      core.crossEntropy([Math.log(1 / 9), 0], [0], { classes: 2 }).loss /
        core.softmaxFocal([Math.log(1 / 9), 0], [0], { classes: 2, gamma: 2, alpha: 1 }).loss,
      2,
    ),

    // ---- Label smoothing, eps = 0.1: target distributions for C = 4 (arithmetic), losses for logits3 (core) ----
    lsTorchTrue: trim(1 - 0.1 + 0.1 / 4, 4),
    lsTorchOther: trim(0.1 / 4, 4),
    lsAltTrue: trim(1 - 0.1, 4),
    lsAltOther: fixed(0.1 / 3, 4),
    ceLsTorch: fixed(core.crossEntropy(logits3, [0], { classes: 3, labelSmoothing: 0.1 }).loss, 4),
    ceLsAlt: fixed(core.crossEntropy(logits3, [0.9, 0.05, 0.05], { classes: 3 }).loss, 4),

    // ---- Domain losses ----
    diceEx: fixed(core.dice([0.9, 0.8, 0.1, 0.0], [1, 1, 0, 0]).loss, 4),
    iouEx: fixed(core.iou([0.9, 0.8, 0.1, 0.0], [1, 1, 0, 0]).loss, 4),
    giouOverlap: fixed(core.giou([0, 0, 1, 1], [0.5, 0, 1.5, 1]).loss, 4),
    giouNear: fixed(core.giou([0, 0, 1, 1], [2, 0, 3, 1]).loss, 4),
    giouFar: fixed(core.giou([0, 0, 1, 1], [4, 0, 5, 1]).loss, 4),

    // ---- Calibration ----
    eceEx: fixed(core.ece(calibProbs, calibLabels, { classes: 2 }).ece, 2),
    tsT: fixed(tsFit.temperature, 2),
    tsNllBefore: fixed(tsFit.nllBefore, 4),
    tsNllAfter: fixed(tsFit.nllAfter, 4),
    tsConfBefore: fixed(core.softmax([4, 0], { classes: 2 })[0], 4),
    tsConfAfter: fixed(core.softmax([4 / tsFit.temperature, 0], { classes: 2 })[0], 4),
    tsEceBefore: fixed(core.ece(core.softmax(tsLogits, { classes: 2 }), tsLabels, { classes: 2 }).ece, 4),
    tsEceAfter: fixed(
      core.ece(core.softmax(tsLogits.map((z) => z / tsFit.temperature), { classes: 2 }), tsLabels, { classes: 2 }).ece,
      4,
    ),
    tqBefore: fixed(core.softmax([3, 1, 0], { classes: 3 })[0], 4),
    tqAfter: fixed(core.softmax([1.5, 0.5, 0], { classes: 3 })[0], 4),

    // ---- Debugging ----
    ceChance10: fixed(core.crossEntropy(new Array(10).fill(0), [0], { classes: 10 }).loss, 4),

    // ---- PyTorch listings ----
    ptMse: fixed(core.mse([0.9, 0.2, 0.1], [1, 0, 0]).loss, 4),
    ptBce: fixed(core.bce([0.9, 0.2, 0.1], [1, 0, 0]).loss, 4),
    ptCe: fixed(core.crossEntropy(logits3, [0], { classes: 3 }).loss, 4),
    ptLsCustom: fixed(core.crossEntropy(twoRows, [0.9, 0.05, 0.05, 0.05, 0.05, 0.9], { classes: 3 }).loss, 4),
    ptLsBuiltin: fixed(core.crossEntropy(twoRows, twoTargets, { classes: 3, labelSmoothing: 0.1 }).loss, 4),
    ptFocal: fixed(core.softmaxFocal(twoRows, twoTargets, { classes: 3, gamma: 2, alpha: 1 }).loss, 4),
    ptCePair: fixed(core.crossEntropy(twoRows, twoTargets, { classes: 3 }).loss, 4),

    // ---- Gradient flow (05-landscape.md), from the widget's own setup ----
    ...gradientFlowValues(core),
    // ---- Loss landscape race (05-landscape.md), at the widget's preset ----
    ...landscapeValues(core),
  };
}
