#include "losslab/segmentation.hpp"

#include <cmath>
#include <string>
#include <vector>

#include "losslab/error.hpp"

namespace losslab {
namespace {

void checkNonNegative(const char* function, const char* name, double value) {
  if (!(value >= 0.0) || std::isinf(value)) {
    fail(function, std::string(name) + " = " + formatNumber(value) + " must be >= 0 and finite");
  }
}

void checkCommon(const char* function, Span probs, Span target, const OverlapOptions& o) {
  requireSameLength(function, "probs", probs.size, "target", target.size);
  checkNonNegative(function, "smooth", o.smooth);
}

// A scalar loss in the LossResult shape every loss shares: reduction Mean over one item.
LossResult scalarLoss(double loss, std::vector<double> grad) {
  return applyReduction({loss}, std::move(grad), Reduction::Mean, 1.0);
}

struct Confusion {
  double tp = 0.0, fp = 0.0, fn = 0.0;
};

Confusion softConfusion(Span p, Span t) {
  Confusion c;
  for (std::size_t i = 0; i < p.size; ++i) {
    c.tp += p[i] * t[i];
    c.fp += p[i] * (1.0 - t[i]);
    c.fn += (1.0 - p[i]) * t[i];
  }
  return c;
}

double tverskyNumerator(const Confusion& c, const OverlapOptions& o) { return c.tp + o.smooth; }
double tverskyDenominator(const Confusion& c, const OverlapOptions& o) {
  return c.tp + o.alpha * c.fp + o.beta * c.fn + o.smooth;
}

// d loss / d p given gTi = d loss / d TI, chained the way autograd does it (gTi first, then num and den, then TP,
// FP, FN), so that Infinity * 0 turns into NaN exactly where torch's does.
std::vector<double> tverskyGradient(Span p, Span t, const OverlapOptions& o, const Confusion& c, double gTi) {
  const double num = tverskyNumerator(c, o), den = tverskyDenominator(c, o);
  const double gNum = gTi / den;
  const double gDen = -gTi * num / (den * den);
  const double gTp = gNum + gDen, gFp = o.alpha * gDen, gFn = o.beta * gDen;
  std::vector<double> grad(p.size);
  for (std::size_t i = 0; i < p.size; ++i) grad[i] = gTp * t[i] + gFp * (1.0 - t[i]) - gFn * t[i];
  return grad;
}

}  // namespace

LossResult dice(Span probs, Span target, const OverlapOptions& o) {
  checkCommon("dice", probs, target, o);
  double inter = 0.0, sumP = 0.0, sumT = 0.0;
  for (std::size_t i = 0; i < probs.size; ++i) {
    inter += probs[i] * target[i];
    sumP += probs[i];
    sumT += target[i];
  }
  const double num = 2.0 * inter + o.smooth;
  const double den = sumP + sumT + o.smooth;
  // L = 1 - num / den: dL/dnum = -1 / den, dL/dden = num / den^2 (torch's div backward: -grad * num / (den den)).
  const double gNum = -1.0 / den;
  const double gDen = 1.0 * num / (den * den);
  std::vector<double> grad(probs.size);
  for (std::size_t i = 0; i < probs.size; ++i) grad[i] = 2.0 * gNum * target[i] + gDen;
  return scalarLoss(1.0 - num / den, std::move(grad));
}

LossResult iou(Span probs, Span target, const OverlapOptions& o) {
  checkCommon("iou", probs, target, o);
  double inter = 0.0, sumP = 0.0, sumT = 0.0;
  for (std::size_t i = 0; i < probs.size; ++i) {
    inter += probs[i] * target[i];
    sumP += probs[i];
    sumT += target[i];
  }
  const double num = inter + o.smooth;
  const double den = sumP + sumT - inter + o.smooth;
  const double gNum = -1.0 / den;
  const double gDen = 1.0 * num / (den * den);
  const double gInter = gNum - gDen;  // I appears in the numerator and, with a minus sign, in the denominator
  std::vector<double> grad(probs.size);
  for (std::size_t i = 0; i < probs.size; ++i) grad[i] = gInter * target[i] + gDen;
  return scalarLoss(1.0 - num / den, std::move(grad));
}

LossResult tversky(Span probs, Span target, const OverlapOptions& o) {
  checkCommon("tversky", probs, target, o);
  checkNonNegative("tversky", "alpha", o.alpha);
  checkNonNegative("tversky", "beta", o.beta);
  const Confusion c = softConfusion(probs, target);
  const double ti = tverskyNumerator(c, o) / tverskyDenominator(c, o);
  return scalarLoss(1.0 - ti, tverskyGradient(probs, target, o, c, -1.0));  // L = 1 - TI
}

LossResult focalTversky(Span probs, Span target, const OverlapOptions& o) {
  checkCommon("focalTversky", probs, target, o);
  checkNonNegative("focalTversky", "alpha", o.alpha);
  checkNonNegative("focalTversky", "beta", o.beta);
  checkNonNegative("focalTversky", "gamma", o.gamma);
  const Confusion c = softConfusion(probs, target);
  const double base = 1.0 - tverskyNumerator(c, o) / tverskyDenominator(c, o);
  // torch's pow backward: 0 when gamma = 0, else gamma base^{gamma - 1} (Infinity at base = 0 for gamma < 1).
  const double slope = o.gamma == 0.0 ? 0.0 : o.gamma * std::pow(base, o.gamma - 1.0);
  return scalarLoss(o.gamma == 0.0 ? 1.0 : std::pow(base, o.gamma), tverskyGradient(probs, target, o, c, -slope));
}

}  // namespace losslab
