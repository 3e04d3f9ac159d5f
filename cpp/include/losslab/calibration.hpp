// Calibration: how far predicted confidences are from observed accuracy, and temperature scaling to fix it.
//
// Shapes: N rows of C class scores as a flat row-major array of N*C numbers (`classes` = C; 0 = one row), and N
// integer labels in [0, C).
#pragma once

#include <cstddef>
#include <vector>

#include "losslab/span.hpp"

namespace losslab {

struct EceOptions {
  std::size_t classes = 0;  // C; 0 = one sample whose C is the input length
  std::size_t bins = 15;    // B equal-width confidence bins, 1 <= B <= 2^20
};

struct EceBin {
  double lo = 0.0, hi = 0.0;  // b / B and (b + 1) / B
  std::size_t count = 0;      // samples whose confidence falls in the bin
  double confidence = 0.0;    // their mean confidence (0 for an empty bin)
  double accuracy = 0.0;      // the fraction of them predicted correctly (0 for an empty bin)
};

struct EceResult {
  double ece = 0.0;
  std::vector<EceBin> bins;
};

// Expected calibration error (Naeini et al. 2015; Guo et al. 2017, "On Calibration of Modern Neural Networks"):
// the confidence of a row is its largest probability, its prediction the FIRST class attaining it. Bin b covers
// (b/B, (b+1)/B], except that bin 0 also takes confidence 0 (it is [0, 1/B]); a confidence goes to the first bin
// whose upper edge it does not exceed, so 0.6 with B = 15 lands in bin 8 (hi = 9/15 = 0.6 in float64).
//   ECE = sum_b (count_b / N) |accuracy_b - confidence_b|   (0 for N = 0).
// Probabilities must lie in [0, 1]; rows need not sum to exactly 1.
EceResult ece(Span probs, Span labels, const EceOptions& options = {});

struct FitTemperatureOptions {
  std::size_t classes = 0;  // C; 0 = one sample whose C is the input length
};

struct TemperatureFit {
  double temperature = 1.0;  // T > 0 minimising the mean NLL of softmax(logits / T)
  double nllBefore = 0.0;    // mean cross-entropy of the logits as given (T = 1)
  double nllAfter = 0.0;     // mean cross-entropy of logits / T
};

// Temperature scaling (Guo et al. 2017): one scalar T > 0 that minimises
//   NLL(T) = mean_i [logsumexp_j(z_ij / T) - z_{i,y_i} / T].
// Method: in s = 1/T the NLL is convex (its second derivative is the mean variance of z under softmax(s z)), with
// NLL'(s) = mean_i (E_{softmax(s z_i)}[z_i] - z_{i,y_i}). A minimiser with 0 < T < Infinity exists exactly when
// NLL'(0) < 0 (the labels score above the row means on average) and some label is not its row's strict maximum
// (otherwise the NLL keeps falling as T -> 0); both are checked and a clear error names the case that fails. The
// fit runs on the rows shifted by their maxima and divided by the largest row spread (T scales with the logits, so
// 1e-310 or 1e300 logits fit as well as unit ones). The root of NLL' is bracketed by doubling from s = 1, then
// found by Newton steps in s, each kept inside the shrinking bracket (bisection when a step would leave it), until
// a step changes s by at most 4e-16 relative or the bracket is that narrow: T is then accurate to ~1e-14 relative
// (quadratic convergence, a few iterations; the golden cases agree with an independent fit to 4e-16). Logits must
// be finite.
TemperatureFit fitTemperature(Span logits, Span labels, const FitTemperatureOptions& options = {});

}  // namespace losslab
