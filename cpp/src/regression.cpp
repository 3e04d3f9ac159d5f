#include "losslab/regression.hpp"

#include <cmath>
#include <vector>

#include "losslab/error.hpp"

namespace losslab {
namespace {

double signOf(double d) { return static_cast<double>((d > 0) - (d < 0)); }

// Shared driver: `point(d, &loss, &grad)` evaluates one element's loss and its derivative in d = input - target.
template <typename PointLoss>
LossResult elementwise(const char* function, Span input, Span target, Reduction reduction, PointLoss point) {
  requireSameLength(function, "input", input.size, "target", target.size);
  std::vector<double> losses(input.size);
  std::vector<double> grad(input.size);
  for (std::size_t i = 0; i < input.size; ++i) point(input[i] - target[i], &losses[i], &grad[i]);
  return applyReduction(std::move(losses), std::move(grad), reduction, static_cast<double>(input.size));
}

}  // namespace

LossResult mse(Span input, Span target, Reduction reduction) {
  return elementwise("mse", input, target, reduction, [](double d, double* l, double* g) {
    *l = d * d;
    *g = 2.0 * d;
  });
}

LossResult l1(Span input, Span target, Reduction reduction) {
  return elementwise("l1", input, target, reduction, [](double d, double* l, double* g) {
    *l = std::abs(d);
    *g = signOf(d);
  });
}

LossResult huber(Span input, Span target, double delta, Reduction reduction) {
  requirePositive("huber", "delta", delta);
  return elementwise("huber", input, target, reduction, [delta](double d, double* l, double* g) {
    const double a = std::abs(d);
    *l = a <= delta ? 0.5 * d * d : delta * (a - 0.5 * delta);
    *g = d < -delta ? -delta : (d > delta ? delta : d);
  });
}

LossResult smoothL1(Span input, Span target, double beta, Reduction reduction) {
  if (!(beta >= 0) || std::isinf(beta)) {
    fail("smoothL1", "beta = " + formatNumber(beta) + " must be a non-negative finite number");
  }
  // torch's backward tests x <= -beta first, so with beta = 0 an error of exactly 0 gets slope -1 (not l1's 0);
  // the forward with beta = 0 is exactly l1.
  return elementwise("smoothL1", input, target, reduction, [beta](double d, double* l, double* g) {
    const double a = std::abs(d);
    *l = beta == 0.0 ? a : (a < beta ? 0.5 * d * d / beta : a - 0.5 * beta);
    *g = d <= -beta ? -1.0 : (d >= beta ? 1.0 : d / beta);
  });
}

}  // namespace losslab
