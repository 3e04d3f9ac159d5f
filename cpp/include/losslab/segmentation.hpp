// Soft overlap losses for segmentation masks: dice, IoU (Jaccard), Tversky and focal Tversky.
//
// Shapes: probs (predicted foreground probabilities) and target (the mask, 0/1 or soft) are flat arrays of the same
// length n; the overlap is taken over ALL elements at once (one image or a whole batch flattened), giving one scalar
// loss. The result has reduction Mean semantics: `loss` is that scalar and `grad` = d loss / d probs.
// No value is clamped or checked against [0, 1]: the formulas are smooth polynomials/ratios in p, like the torch
// expressions the golden values come from. `smooth` (s) keeps the ratios defined when both masks are empty.
#pragma once

#include "losslab/reduction.hpp"
#include "losslab/span.hpp"

namespace losslab {

struct OverlapOptions {
  double smooth = 1.0;  // s >= 0, added to numerator and denominator
  double alpha = 0.3;   // Tversky weight of false positives, >= 0
  double beta = 0.7;    // Tversky weight of false negatives, >= 0
  double gamma = 0.75;  // focal Tversky exponent, >= 0 (Abraham & Khan use 1/gamma = 4/3 in their notation)
};

// Soft dice loss (Milletari et al. 2016, V-Net): 1 - (2 sum(p t) + s) / (sum p + sum t + s).
//   dL/dp_i = -2 t_i / D + (2 sum(p t) + s) / D^2,  D = sum p + sum t + s.
LossResult dice(Span probs, Span target, const OverlapOptions& options = {});

// Soft IoU / Jaccard loss (Rahman & Wang 2016): I = sum(p t), 1 - (I + s) / (sum p + sum t - I + s).
LossResult iou(Span probs, Span target, const OverlapOptions& options = {});

// Tversky loss (Salehi et al. 2017): TP = sum(p t), FP = sum(p (1 - t)), FN = sum((1 - p) t),
//   TI = (TP + s) / (TP + alpha FP + beta FN + s),  L = 1 - TI.
// alpha = beta = 0.5 is dice; alpha = beta = 1 is IoU. Here alpha weights FP and beta weights FN.
LossResult tversky(Span probs, Span target, const OverlapOptions& options = {});

// Focal Tversky loss (Abraham & Khan 2019): L = (1 - TI)^gamma. With gamma < 1 the slope at a perfect prediction
// (TI = 1) is infinite; as in torch's pow backward, gamma = 0 gives a zero gradient and 0 * Infinity gives NaN.
LossResult focalTversky(Span probs, Span target, const OverlapOptions& options = {});

}  // namespace losslab
