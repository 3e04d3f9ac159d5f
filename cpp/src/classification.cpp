#include "losslab/classification.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "chained.hpp"
#include "kernels.hpp"
#include "losslab/error.hpp"
#include "losslab/pointwise.hpp"
#include "losslab/names.hpp"
#include "losslab/stable.hpp"

namespace losslab {
namespace {

// Sizes from which crossEntropy (classes per row) and bceWithLogits (elements) switch to the vectorised kernels of
// kernels.cpp. Below them the scalar loops are as fast (a row of 3 classes has nothing to vectorise) and they keep
// their exact operation order, which the landscape surfaces mirror bit for bit (landscape.cpp) at up to 4096
// samples. The two paths agree to a few ulps (tests/cpp/loss_families_gradient_test.cpp checks 1e-12).
constexpr std::size_t kVectorisedMinClasses = 64;
constexpr std::size_t kVectorisedMinLength = 8192;

void checkBroadcastWeight(const char* function, const char* name, const std::vector<double>& weight,
                          std::size_t n) {
  if (weight.empty()) return;
  if (n % weight.size() != 0) {
    fail(function, std::string(name) + " has length " + std::to_string(weight.size()) +
                       ", which does not divide the input's length " + std::to_string(n));
  }
}

double broadcastAt(const std::vector<double>& weight, std::size_t i) {
  return weight.empty() ? 1.0 : weight[i % weight.size()];
}

// Validates one class-index target and returns it, or -1 for an ignored row (only when `canIgnore`). The checks
// run in double before any conversion: casting a double outside long long's range (1e300, NaN) is undefined.
long long classIndexAt(const char* function, Span target, std::size_t i, std::size_t classes, long long ignoreIndex,
                       bool canIgnore = true) {
  const double value = target[i];
  const auto where = [&] { return "target[" + std::to_string(i) + "] = " + formatNumber(value); };
  if (!(std::floor(value) == value)) fail(function, where() + " is not a whole class index");
  if (canIgnore && value == static_cast<double>(ignoreIndex)) return -1;
  if (value < 0.0 || value >= static_cast<double>(classes)) {
    fail(function, where() + " is out of range [0, " + std::to_string(classes) + ")");
  }
  return static_cast<long long>(value);
}

void checkClassWeights(const char* function, const std::vector<double>& weight, std::size_t classes) {
  if (!weight.empty() && weight.size() != classes) {
    fail(function, "weight has length " + std::to_string(weight.size()) + " but classes = " + std::to_string(classes));
  }
}

LossResult crossEntropyWithProbabilities(Span logits, Span target, const CrossEntropyOptions& o, std::size_t rows,
                                         std::size_t classes) {
  if (o.ignoreIndex >= 0) {
    fail("crossEntropy", "ignoreIndex = " + std::to_string(o.ignoreIndex) +
                             " is not supported with class-probability targets (torch refuses it too)");
  }
  const double eps = o.labelSmoothing;
  // Row buffers only when there are rows: an empty input passes the shape check with any `classes`, even 2^60.
  const std::size_t width = rows == 0 ? 0 : classes;
  std::vector<double> losses(rows, 0.0), grad(logits.size), logp(width), q(width);
  for (std::size_t i = 0; i < rows; ++i) {
    const double* z = logits.data + i * classes;
    logSoftmax(z, classes, logp.data());
    double weightedMass = 0.0;  // sum_c w_c q_c
    for (std::size_t c = 0; c < classes; ++c) {
      q[c] = eps > 0 ? target[i * classes + c] * (1.0 - eps) + eps / static_cast<double>(classes)
                     : target[i * classes + c];
      const double wq = broadcastAt(o.weight, c) * q[c];
      losses[i] -= wq * logp[c];
      weightedMass += wq;
    }
    for (std::size_t j = 0; j < classes; ++j) {
      grad[i * classes + j] = std::exp(logp[j]) * weightedMass - broadcastAt(o.weight, j) * q[j];
    }
  }
  return applyReduction(std::move(losses), std::move(grad), o.reduction, static_cast<double>(rows));
}

// torch's pow(base, gamma) and the factor its backward multiplies the incoming gradient by. pow_backward returns
// zeros when the exponent is 0 (so 0^{-1} never appears); otherwise gamma * base^{gamma - 1}, which is +Infinity
// at base = 0 for 0 < gamma < 1 and turns a zero incoming gradient into NaN, exactly as torch does.
double focalPow(double base, double gamma) { return detail::torchPow(base, gamma); }
double focalPowSlope(double base, double gamma) { return gamma * detail::torchPow(base, gamma - 1.0); }

void checkFocusing(const char* function, double gamma) {
  requireNonNegativeFinite(function, "gamma", gamma);
}

// An ignored row still goes through torch's log_softmax backward with an incoming gradient of 0:
// 0 - exp(log p_j) * 0, which is NaN wherever log p_j is NaN. A row's log-softmax is NaN throughout exactly when the
// row holds a NaN or a +Infinity, or is all -Infinity (inf - inf in the shift); such a row gets NaN, as in torch.
void markIgnoredRowIfNaN(const double* z, std::size_t classes, double* grad) {
  double top = -std::numeric_limits<double>::infinity();
  bool nan = false;
  for (std::size_t j = 0; j < classes; ++j) {
    nan = nan || std::isnan(z[j]);
    top = std::max(top, z[j]);
  }
  if (nan || std::isinf(top)) std::fill(grad, grad + classes, std::numeric_limits<double>::quiet_NaN());
}

// torch chains a Mean gradient from -w_t / W (W = the counted weight). When rows are counted but all their weights
// are 0, W = 0 and that is 0 * Infinity = NaN over each counted row: the whole row for cross-entropy (log_softmax's
// backward spreads it), the target entry for NLL; ignored rows stay 0. applyReduction leaves the gradient alone
// when its denominator is 0, so the NaNs are written here.
void markZeroWeightMean(const char* function, Span target, std::size_t classes, long long ignoreIndex,
                        Reduction reduction, double countedWeight, bool wholeRow, std::vector<double>* grad) {
  if (reduction != Reduction::Mean || countedWeight != 0.0) return;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  for (std::size_t i = 0; i < target.size; ++i) {
    const long long t = classIndexAt(function, target, i, classes, ignoreIndex);
    if (t < 0) continue;
    if (wholeRow) {
      std::fill(grad->begin() + static_cast<std::ptrdiff_t>(i * classes),
                grad->begin() + static_cast<std::ptrdiff_t>((i + 1) * classes), nan);
    } else {
      (*grad)[i * classes + static_cast<std::size_t>(t)] = nan;
    }
  }
}

// Class-index targets without label smoothing, the common case, as torch computes it: validate every target and
// add up the Mean denominator W = sum of w_t over rows not ignored first, because the gradient is chained from the
// top as in torch's nll backward (-w_t / W at the target), then one pass per row:
//   e_j = exp(z_j - max) (vectorised), log p_t = (z_t - max) - log(sum e), dl/dz_j = e_j (c / sum e) with
//   c = w_t / W, except at the target, where (p_t - 1) c is formed from p_t = exp(log p_t) exactly as torch does
//   (when the row is nearly one-hot, p_t - 1 keeps only the digits p_t has).
LossResult crossEntropyWithIndices(Span logits, Span target, const CrossEntropyOptions& o, std::size_t rows,
                                   std::size_t classes) {
  std::vector<long long> index(rows);
  double countedWeight = 0.0;
  for (std::size_t i = 0; i < rows; ++i) {
    index[i] = classIndexAt("crossEntropy", target, i, classes, o.ignoreIndex);
    if (index[i] >= 0) countedWeight += broadcastAt(o.weight, static_cast<std::size_t>(index[i]));
  }
  const double g0 = detail::upstream(o.reduction, countedWeight);
  std::vector<double> losses(rows, 0.0), grad(logits.size, 0.0);
  for (std::size_t i = 0; i < rows; ++i) {
    if (index[i] < 0) {
      markIgnoredRowIfNaN(logits.data + i * classes, classes, grad.data() + i * classes);
      continue;
    }
    const auto t = static_cast<std::size_t>(index[i]);
    const double* z = logits.data + i * classes;
    double* g = grad.data() + i * classes;
    double shift = 0.0;
    const double sum = detail::expShiftedRow(z, classes, g, &shift);
    const double logpT = (z[t] - shift) - std::log(sum);
    const double wt = broadcastAt(o.weight, t);
    losses[i] = -wt * logpT;
    const double c = wt * g0;
    detail::scaleRow(g, classes, c / sum);
    g[t] = (std::exp(logpT) - 1.0) * c;
  }
  return detail::withChainedGradient(std::move(losses), std::move(grad), o.reduction, countedWeight);
}

}  // namespace

LossResult bce(Span probs, Span target, const BceOptions& o) {
  requireSameLength("bce", "probs", probs.size, "target", target.size);
  checkBroadcastWeight("bce", "weight", o.weight, probs.size);
  std::vector<double> losses(probs.size), grad(probs.size);
  for (std::size_t i = 0; i < probs.size; ++i) {
    const double p = probs[i], y = target[i], w = broadcastAt(o.weight, i);
    if (!(p >= 0.0 && p <= 1.0)) {  // NaN fails too, as in torch; the message is built only on failure
      requireInClosedRange("bce", ("probs[" + std::to_string(i) + "]").c_str(), p, 0.0, 1.0);
    }
    losses[i] = w * point::Bce{}.loss(p, y);
    grad[i] = w * point::Bce{}.slope(p, y);
  }
  return applyReduction(std::move(losses), std::move(grad), o.reduction, static_cast<double>(probs.size));
}

LossResult bceWithLogits(Span logits, Span target, const BceWithLogitsOptions& o) {
  requireSameLength("bceWithLogits", "logits", logits.size, "target", target.size);
  checkBroadcastWeight("bceWithLogits", "weight", o.weight, logits.size);
  checkBroadcastWeight("bceWithLogits", "posWeight", o.posWeight, logits.size);
  const std::size_t n = logits.size;
  if (o.weight.empty() && o.posWeight.empty() && n >= kVectorisedMinLength) {
    // The common large case, vectorised (kernels.cpp): one exp and one log per element, the gradient divided by n
    // the way torch's backward divides it, the per-element losses kept only for 'none'.
    const bool keep = o.reduction == Reduction::None;
    std::vector<double> losses(keep ? n : 0), grad(n);
    const double divisor = o.reduction == Reduction::Mean ? static_cast<double>(n) : 1.0;
    const double total = detail::bceWithLogitsPlain(logits.data, target.data, n, divisor,
                                                    keep ? losses.data() : nullptr, grad.data());
    if (!keep) losses.assign(1, total);  // Mean and Sum need only the total
    return detail::withChainedGradient(std::move(losses), std::move(grad), o.reduction, static_cast<double>(n));
  }
  const bool hasPosWeight = !o.posWeight.empty();
  std::vector<double> losses(n), grad(n);
  for (std::size_t i = 0; i < n; ++i) {
    const double z = logits[i], y = target[i], w = broadcastAt(o.weight, i);
    if (hasPosWeight) {
      // pos_weight scales the log term of the positive part: (1 - y) z + ((pw - 1) y + 1) log(1 + e^{-z}).
      const double pw = broadcastAt(o.posWeight, i);
      const double logWeight = (pw - 1.0) * y + 1.0;
      losses[i] = w * ((1.0 - y) * z + logWeight * point::BceWithLogits::logTerm(z));
      grad[i] = w * ((pw * y + 1.0 - y) * sigmoid(z) - pw * y);
    } else {
      losses[i] = w * point::BceWithLogits{}.loss(z, y);
      grad[i] = w * point::BceWithLogits{}.slope(z, y);
    }
  }
  return applyReduction(std::move(losses), std::move(grad), o.reduction, static_cast<double>(n));
}

TargetKind parseTargetKind(const char* function, const std::string& name) {
  static constexpr Named<TargetKind> kNames[] = {
      {"auto", TargetKind::Auto}, {"indices", TargetKind::Indices}, {"probabilities", TargetKind::Probabilities}};
  return parseName(function, "targetKind", name, kNames);
}

LossResult crossEntropy(Span logits, Span target, const CrossEntropyOptions& o) {
  const std::size_t classes = widthOrWhole(o.classes, logits.size);
  const std::size_t rows = rowsOf("crossEntropy", "logits", logits.size, "classes", classes);
  checkClassWeights("crossEntropy", o.weight, classes);
  requireInClosedRange("crossEntropy", "labelSmoothing", o.labelSmoothing, 0.0, 1.0);
  // torch tells the two target kinds apart by shape: N indices for an (N, C) input, else (N, C) probabilities.
  // Flat arrays agree in length only when C = 1, and then torch reads indices (so index 1 is out of bounds).
  const bool probabilities = o.targetKind == TargetKind::Probabilities ||
                             (o.targetKind == TargetKind::Auto && target.size != rows && target.size == logits.size);
  if (probabilities) {
    requireSameLength("crossEntropy", "logits", logits.size, "target", target.size);
    return crossEntropyWithProbabilities(logits, target, o, rows, classes);
  }
  if (target.size != rows) {
    fail("crossEntropy", "target has length " + std::to_string(target.size) + " but expected " +
                             std::to_string(rows) + " class indices or " + std::to_string(logits.size) +
                             " class probabilities");
  }
  const double eps = o.labelSmoothing;
  if (eps == 0.0 && classes >= kVectorisedMinClasses) return crossEntropyWithIndices(logits, target, o, rows, classes);
  double weightSum = 0.0;  // sum_c w_c, the smoothing term's total weight (here rows >= 1 or the loop is empty)
  for (std::size_t c = 0; rows > 0 && c < classes; ++c) weightSum += broadcastAt(o.weight, c);

  std::vector<double> losses(rows, 0.0), grad(logits.size, 0.0), logp(rows == 0 ? 0 : classes);
  double countedWeight = 0.0;  // Mean's denominator: sum of w_t over rows not ignored
  for (std::size_t i = 0; i < rows; ++i) {
    const long long t = classIndexAt("crossEntropy", target, i, classes, o.ignoreIndex);
    if (t < 0) {
      markIgnoredRowIfNaN(logits.data + i * classes, classes, grad.data() + i * classes);
      continue;
    }
    countedWeight += broadcastAt(o.weight, static_cast<std::size_t>(t));
    losses[i] = point::crossEntropyIndexRow(logits.data + i * classes, classes, static_cast<std::size_t>(t), eps,
                                            [&](std::size_t c) { return broadcastAt(o.weight, c); }, weightSum,
                                            logp.data(), grad.data() + i * classes);
  }
  markZeroWeightMean("crossEntropy", target, classes, o.ignoreIndex, o.reduction, countedWeight, true, &grad);
  LossResult result = applyReduction(std::move(losses), std::move(grad), o.reduction, countedWeight);
  // torch adds the smoothing term to an NLL term that is 0 / 0 = NaN when the counted weight is 0, so the mean is
  // NaN even though the smoothing sum alone over 0 would be +-Infinity.
  if (o.reduction == Reduction::Mean && countedWeight == 0.0) result.loss = std::numeric_limits<double>::quiet_NaN();
  return result;
}

LossResult nll(Span logProbs, Span target, const NllOptions& o) {
  const std::size_t classes = widthOrWhole(o.classes, logProbs.size);
  const std::size_t rows = rowsOf("nll", "logProbs", logProbs.size, "classes", classes);
  checkClassWeights("nll", o.weight, classes);
  requireSameLength("nll", "rows of logProbs", rows, "target", target.size);
  std::vector<double> losses(rows, 0.0), grad(logProbs.size, 0.0);
  double countedWeight = 0.0;
  for (std::size_t i = 0; i < rows; ++i) {
    const long long t = classIndexAt("nll", target, i, classes, o.ignoreIndex);
    if (t < 0) continue;
    const double wt = broadcastAt(o.weight, static_cast<std::size_t>(t));
    countedWeight += wt;
    losses[i] = -wt * logProbs[i * classes + static_cast<std::size_t>(t)];
    grad[i * classes + static_cast<std::size_t>(t)] = -wt;
  }
  markZeroWeightMean("nll", target, classes, o.ignoreIndex, o.reduction, countedWeight, false, &grad);
  return applyReduction(std::move(losses), std::move(grad), o.reduction, countedWeight);
}

LossResult klDiv(Span logProbs, Span target, const KlDivOptions& o) {
  requireSameLength("klDiv", "logProbs", logProbs.size, "target", target.size);
  const std::size_t batch =
      o.classes == 0 ? logProbs.size : rowsOf("klDiv", "logProbs", logProbs.size, "classes", o.classes);
  std::vector<double> losses(logProbs.size), grad(logProbs.size);
  for (std::size_t i = 0; i < logProbs.size; ++i) {
    const double x = logProbs[i], t = target[i];
    if (o.logTarget) {
      const double et = std::exp(t);
      losses[i] = et * (t - x);
      grad[i] = -et;
    } else {
      // torch's xlogy(t, t): 0 when t == 0 (even though log 0 = -Infinity), NaN when t is NaN.
      const double xlogy = std::isnan(t) ? t : (t == 0.0 ? 0.0 : t * std::log(t));
      losses[i] = xlogy - t * x;
      grad[i] = -t;
    }
  }
  const double denominator =
      o.reduction == Reduction::BatchMean ? static_cast<double>(batch) : static_cast<double>(logProbs.size);
  return applyReduction(std::move(losses), std::move(grad), o.reduction, denominator);
}

LossResult sigmoidFocal(Span logits, Span target, const SigmoidFocalOptions& o) {
  requireSameLength("sigmoidFocal", "logits", logits.size, "target", target.size);
  checkFocusing("sigmoidFocal", o.gamma);
  requireFinite("sigmoidFocal", "alpha", o.alpha);
  const bool weighted = o.alpha >= 0.0;
  const double g0 = detail::upstream(o.reduction, static_cast<double>(logits.size));
  std::vector<double> losses(logits.size), grad(logits.size);
  for (std::size_t i = 0; i < logits.size; ++i) {
    const double z = logits[i], y = target[i];
    // Forward, in torchvision's order of operations.
    const double p = sigmoid(z);
    const double m = std::max(-z, 0.0);
    const double ce = ((1.0 - y) * z + m) + std::log(std::exp(-m) + std::exp(-z - m));
    const double pt = p * y + (1.0 - p) * (1.0 - y);
    const double q = 1.0 - pt;
    const double modulation = focalPow(q, o.gamma);
    const double alphaT = weighted ? o.alpha * y + (1.0 - o.alpha) * (1.0 - y) : 1.0;
    losses[i] = alphaT * (ce * modulation);
    // Backward, as autograd chains it: into ce directly, and into p through the modulating factor.
    const double gInner = g0 * alphaT;
    const double gQ = o.gamma == 0.0 ? 0.0 : (gInner * ce) * focalPowSlope(q, o.gamma);
    const double gPt = -gQ;
    const double gP = gPt * y - gPt * (1.0 - y);
    grad[i] = (p - y) * (gInner * modulation) + gP * (1.0 - p) * p;
  }
  return detail::withChainedGradient(std::move(losses), std::move(grad), o.reduction,
                                     static_cast<double>(logits.size));
}

LossResult softmaxFocal(Span logits, Span target, const SoftmaxFocalOptions& o) {
  const std::size_t classes = widthOrWhole(o.classes, logits.size);
  const std::size_t rows = rowsOf("softmaxFocal", "logits", logits.size, "classes", classes);
  requireSameLength("softmaxFocal", "rows of logits", rows, "target", target.size);
  checkFocusing("softmaxFocal", o.gamma);
  requireFinite("softmaxFocal", "alpha", o.alpha);
  const double g0 = detail::upstream(o.reduction, static_cast<double>(rows));
  std::vector<double> losses(rows), grad(logits.size), logp(rows == 0 ? 0 : classes);
  for (std::size_t i = 0; i < rows; ++i) {
    const auto t = static_cast<std::size_t>(classIndexAt("softmaxFocal", target, i, classes, 0, false));
    logSoftmax(logits.data + i * classes, classes, logp.data());
    const double ce = -logp[t];
    const double pt = std::exp(-ce);
    const double q = 1.0 - pt;
    const double modulation = focalPow(q, o.gamma);
    losses[i] = (o.alpha * modulation) * ce;
    // d l_i / d ce_i: the direct factor plus the path through p_t = exp(-ce) (exp's backward multiplies by p_t).
    const double gQ = o.gamma == 0.0 ? 0.0 : ((g0 * ce) * o.alpha) * focalPowSlope(q, o.gamma);
    const double gCe = (o.alpha * modulation) * g0 - (-gQ) * pt;
    // NLL hands -gCe to the target's log-probability; log_softmax's backward g - p sum(g) is one fused
    // multiply-add in torch's AVX2 kernel, and at the target it is (p_t - 1) gCe rounded once.
    double* g = grad.data() + i * classes;
    for (std::size_t j = 0; j < classes; ++j) g[j] = std::fma(-std::exp(logp[j]), -gCe, j == t ? -gCe : 0.0);
  }
  return detail::withChainedGradient(std::move(losses), std::move(grad), o.reduction, static_cast<double>(rows));
}

}  // namespace losslab
