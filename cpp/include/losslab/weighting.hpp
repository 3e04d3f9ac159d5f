// Class weights for imbalanced data, to pass as `weight` to crossEntropy / nll (or to scale per-class losses).
//
// Shapes: counts holds one positive count per class (C of them, whole or fractional); the result has length C.
#pragma once

#include <string>
#include <vector>

#include "losslab/span.hpp"

namespace losslab {

enum class WeightStrategy { Inverse, InverseSqrt, Effective };

// Parses "inverse" | "inverse_sqrt" | "effective"; throws naming `function` otherwise.
WeightStrategy parseWeightStrategy(const char* function, const std::string& name);

struct ClassWeightOptions {
  WeightStrategy strategy = WeightStrategy::Inverse;
  double beta = 0.999;  // Effective only: in [0, 1)
};

// With n = sum_c n_c and C classes:
//   Inverse:      w_c = n / (C n_c)           (sklearn's "balanced": a class's total weight n_c w_c is n / C)
//   InverseSqrt:  w_c = sqrt(n / (C n_c))     (a milder re-weighting)
//   Effective:    w_c ∝ (1 - beta) / (1 - beta^{n_c}), scaled so that sum_c w_c = C (Cui et al. 2019,
//                 "Class-Balanced Loss Based on Effective Number of Samples"); 1 - beta^{n_c} is evaluated as
//                 -expm1(n_c log beta), exact to the last digits for beta near 1. beta = 0 gives all ones;
//                 beta -> 1 approaches Inverse.
// Every count must be positive and finite (a class with no samples has no finite weight); counts must not be empty.
std::vector<double> classWeights(Span counts, const ClassWeightOptions& options = {});

}  // namespace losslab
