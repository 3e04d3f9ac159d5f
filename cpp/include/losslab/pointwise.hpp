// The element formulas, each written once: the value and the derivative of one element's loss. The losses
// (regression.cpp, classification.cpp), the batch kernels (landscape surfaces and curves) and the trainer all call
// these, so a surface cell, a curve point and a loss value are one expression evaluated in one order.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>

#include "losslab/stable.hpp"

namespace losslab::point {

// ---- regression: functions of the error d = input - target -------------------------------------------------------

struct Mse {
  double loss(double d) const { return d * d; }
  double slope(double d) const { return 2.0 * d; }
};

// torch's subgradient: sign(0) = 0.
struct L1 {
  double loss(double d) const { return std::abs(d); }
  double slope(double d) const { return static_cast<double>((d > 0) - (d < 0)); }
};

struct Huber {
  double delta;
  double loss(double d) const {
    const double a = std::abs(d);
    return a <= delta ? 0.5 * d * d : delta * (a - 0.5 * delta);
  }
  double slope(double d) const { return d < -delta ? -delta : (d > delta ? delta : d); }
};

// torch's backward tests d <= -beta first, so with beta = 0 an error of exactly 0 gets slope -1 (not l1's 0); the
// forward with beta = 0 is exactly l1.
struct SmoothL1 {
  double beta;
  double loss(double d) const {
    const double a = std::abs(d);
    return beta == 0.0 ? a : (a < beta ? 0.5 * d * d / beta : a - 0.5 * beta);
  }
  double slope(double d) const { return d <= -beta ? -1.0 : (d >= beta ? 1.0 : d / beta); }
};

// ---- binary: functions of (probability p or logit z, target y) ---------------------------------------------------

// torch clamps each log term of BCE at -100 so that p = 0 or 1 gives a finite loss (-log 0 would be Infinity), and
// its backward divides by max(p (1 - p), EPSILON) with EPSILON the float literal 1e-12f (9.999999960041972e-13 as a
// double), so dl/dp at p = 0, y = 1 is -1000000003995.8029.
inline constexpr double kBceLogFloor = -100.0;
inline constexpr double kBceGradDenominatorFloor = static_cast<double>(1e-12f);

// F.binary_cross_entropy of one probability. torch 1.13 evaluates log(1 - p) (not log1p(-p)); so do we.
struct Bce {
  double loss(double p, double y) const {
    return (y - 1.0) * std::max(std::log(1.0 - p), kBceLogFloor) - y * std::max(std::log(p), kBceLogFloor);
  }
  double slope(double p, double y) const { return (p - y) / std::max((1.0 - p) * p, kBceGradDenominatorFloor); }
};

// F.binary_cross_entropy_with_logits of one logit (no pos_weight): (1 - y) z + log(1 + e^{-z}) with the log term
// log(e^{-m} + e^{-z-m}) + m, m = max(-z, 0), so every exponent is <= 0. dl/dz = sigma(z) - y.
struct BceWithLogits {
  static double logTerm(double z) {
    const double m = std::max(-z, 0.0);
    return std::log(std::exp(-m) + std::exp(-z - m)) + m;  // log(1 + e^{-z})
  }
  double loss(double z, double y) const { return (1.0 - y) * z + logTerm(z); }
  double slope(double z, double y) const { return sigmoid(z) - y; }
};

// mse_loss(torch.sigmoid(z), y) of one logit: (p - y)^2 with p = sigma(z), and autograd's chain
// dl/dz = 2 (p - y) * (1 - p) p (mse's backward, then sigmoid's grad * (1 - p) * p).
struct MseSigmoid {
  double loss(double z, double y) const {
    const double d = sigmoid(z) - y;
    return d * d;
  }
  double slope(double z, double y) const {
    const double p = sigmoid(z);
    return 2.0 * (p - y) * (1.0 - p) * p;
  }
};

// ---- one cross-entropy row with a class-index target -------------------------------------------------------------

// l = (1 - eps) w_t (-log p_t) + (eps / C) sum_c w_c (-log p_c) and its gradient g over the row's logits z
// (dl/dz_j = (1 - eps) w_t (p_j - [j = t]) + (eps / C) (p_j sum_c w_c - w_j)); weightAt(c) gives w_c, weightSum is
// sum_c w_c (used only when eps > 0); logp is scratch of C entries. g may be nullptr (value only).
template <typename WeightAt>
double crossEntropyIndexRow(const double* z, std::size_t classes, std::size_t t, double eps, WeightAt weightAt,
                            double weightSum, double* logp, double* g) {
  logSoftmax(z, classes, logp);
  const double wt = weightAt(t);
  const double smoothingPerClass = eps / static_cast<double>(classes);
  double l = -(1.0 - eps) * wt * logp[t];
  for (std::size_t j = 0; j < classes; ++j) {
    if (eps > 0) l -= smoothingPerClass * weightAt(j) * logp[j];
    if (g == nullptr) continue;
    const double p = std::exp(logp[j]);
    g[j] = (1.0 - eps) * wt * (p - (j == t ? 1.0 : 0.0));
    if (eps > 0) g[j] += smoothingPerClass * (p * weightSum - weightAt(j));
  }
  return l;
}

}  // namespace losslab::point
