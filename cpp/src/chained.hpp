// Private helper for losses whose gradient is chained from the reduced loss down, as torch's autograd does it.
//
// applyReduction divides a finished gradient by the batch size. Autograd instead starts the chain at the reduced
// loss, so every item's backward begins from 1/N (Mean) and multiplies through. The two agree to an ulp almost
// everywhere, but where a gradient is the difference of two nearly equal terms (disjoint boxes in giou, parallel
// vectors in cosineEmbedding: true values ~1e-13 out of terms ~0.2) only the same order of operations reproduces
// torch's digits. Losses that can cancel like this compute their gradient from `upstream(...)` and hand it over
// finished; the values still go through applyReduction.
#pragma once

#include <cmath>
#include <utility>
#include <vector>

#include "losslab/reduction.hpp"

namespace losslab::detail {

// d(reduced loss) / d(item): 1/D for Mean and BatchMean, 1 for Sum and None (None returns the gradient of the sum).
inline double upstream(Reduction reduction, double denominator) {
  return reduction == Reduction::Mean || reduction == Reduction::BatchMean ? 1.0 / denominator : 1.0;
}

// Reduces the item values with applyReduction and attaches a gradient already chained from `upstream`.
inline LossResult withChainedGradient(std::vector<double> items, std::vector<double> chainedGrad,
                                      Reduction reduction, double denominator) {
  LossResult result = applyReduction(std::move(items), {}, reduction, denominator);
  result.grad = std::move(chainedGrad);
  return result;
}

// torch's pow(tensor, scalar exponent) on CPU: the exponents 2, 3, 0.5, -0.5, -1 and -2 are computed as products,
// sqrt and reciprocals, the rest by std::pow; 0 gives 1 and 1 the base itself. Following it keeps the last digits of
// gradients that cancel (norms with p = 0.5, focal factors) equal to torch's.
inline double torchPow(double base, double exponent) {
  if (exponent == 0.0) return 1.0;
  if (exponent == 1.0) return base;
  if (exponent == 2.0) return base * base;
  if (exponent == 3.0) return base * base * base;
  if (exponent == 0.5) return std::sqrt(base);
  if (exponent == -0.5) return 1.0 / std::sqrt(base);
  if (exponent == -1.0) return 1.0 / base;
  if (exponent == -2.0) return 1.0 / (base * base);
  return std::pow(base, exponent);
}

}  // namespace losslab::detail
