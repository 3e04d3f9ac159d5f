#include "losslab/regression.hpp"

#include <cmath>
#include <vector>

#include "losslab/error.hpp"
#include "losslab/pointwise.hpp"

namespace losslab {
namespace {

// Shared driver: one point functor (pointwise.hpp) over d = input - target.
template <typename Point>
LossResult elementwise(const char* function, Span input, Span target, Reduction reduction, Point point) {
  requireSameLength(function, "input", input.size, "target", target.size);
  std::vector<double> losses(input.size);
  std::vector<double> grad(input.size);
  for (std::size_t i = 0; i < input.size; ++i) {
    const double d = input[i] - target[i];
    losses[i] = point.loss(d);
    grad[i] = point.slope(d);
  }
  return applyReduction(std::move(losses), std::move(grad), reduction, static_cast<double>(input.size));
}

}  // namespace

LossResult mse(Span input, Span target, Reduction reduction) {
  return elementwise("mse", input, target, reduction, point::Mse{});
}

LossResult l1(Span input, Span target, Reduction reduction) {
  return elementwise("l1", input, target, reduction, point::L1{});
}

LossResult huber(Span input, Span target, double delta, Reduction reduction) {
  requirePositive("huber", "delta", delta);
  return elementwise("huber", input, target, reduction, point::Huber{delta});
}

LossResult smoothL1(Span input, Span target, double beta, Reduction reduction) {
  requireNonNegativeFinite("smoothL1", "beta", beta);
  return elementwise("smoothL1", input, target, reduction, point::SmoothL1{beta});
}

}  // namespace losslab
