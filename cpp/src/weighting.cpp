#include "losslab/weighting.hpp"

#include <cmath>
#include <string>

#include "losslab/error.hpp"
#include "losslab/names.hpp"

namespace losslab {
namespace {

// Counts may be finite yet give weights that are not (a sum above 1.8e308, a count of 1e-310): refuse them clearly.
std::vector<double> requireFiniteWeights(Span counts, std::vector<double> w) {
  for (std::size_t c = 0; c < w.size(); ++c) {
    if (!std::isfinite(w[c])) {
      fail("classWeights", "counts[" + std::to_string(c) + "] = " + formatNumber(counts[c]) +
                               " gives a weight of " + formatNumber(w[c]) + " (the counts span too wide a range)");
    }
  }
  return w;
}

}  // namespace

WeightStrategy parseWeightStrategy(const char* function, const std::string& name) {
  static constexpr Named<WeightStrategy> kNames[] = {
      {"inverse", WeightStrategy::Inverse}, {"inverse_sqrt", WeightStrategy::InverseSqrt},
      {"effective", WeightStrategy::Effective}};
  return parseName(function, "strategy", name, kNames);
}

std::vector<double> classWeights(Span counts, const ClassWeightOptions& o) {
  if (counts.empty()) fail("classWeights", "counts is empty (give one count per class)");
  for (std::size_t c = 0; c < counts.size; ++c) {
    if (!(counts[c] > 0.0) || std::isinf(counts[c])) {
      fail("classWeights", "counts[" + std::to_string(c) + "] = " + formatNumber(counts[c]) +
                               " must be a positive finite number (a class with no samples has no finite weight)");
    }
  }
  const double classes = static_cast<double>(counts.size);
  std::vector<double> w(counts.size);
  if (o.strategy != WeightStrategy::Effective) {
    double total = 0.0;
    for (double n : counts) total += n;
    for (std::size_t c = 0; c < counts.size; ++c) {
      w[c] = total / (classes * counts[c]);
      if (o.strategy == WeightStrategy::InverseSqrt) w[c] = std::sqrt(w[c]);
    }
    return requireFiniteWeights(counts, std::move(w));
  }
  if (!(o.beta >= 0.0 && o.beta < 1.0)) {
    fail("classWeights", "beta = " + formatNumber(o.beta) + " is out of range [0, 1) (beta = 1 gives 0/0)");
  }
  double sum = 0.0;
  for (std::size_t c = 0; c < counts.size; ++c) {
    // beta = 0: (1 - 0) / (1 - 0^{n_c}) = 1 for n_c > 0 (log 0 would give -Infinity * n_c).
    w[c] = o.beta == 0.0 ? 1.0 : (1.0 - o.beta) / -std::expm1(counts[c] * std::log(o.beta));
    sum += w[c];
  }
  const double scale = classes / sum;
  for (double& x : w) x *= scale;
  return requireFiniteWeights(counts, std::move(w));
}

}  // namespace losslab
