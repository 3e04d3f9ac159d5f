// Classification losses on probabilities, logits and log-probabilities, with PyTorch 1.13 float64 semantics.
//
// Shapes: a batch of N rows of C classes is a flat row-major array of N*C numbers. Class-index targets are numbers
// that must be whole; `classes` = 0 means a single sample (C = input length), like torch's 1-D input.
#pragma once

#include <cstddef>
#include <vector>

#include "losslab/reduction.hpp"
#include "losslab/span.hpp"

namespace losslab {

// Weights broadcast along the LAST axis, as numpy/torch broadcast a (L,) tensor against (n/L, L): element i uses
// weight[i % L]. Empty = no weights. L must divide n.
struct BceOptions {
  std::vector<double> weight;
  Reduction reduction = Reduction::Mean;
};

// Binary cross-entropy on probabilities, F.binary_cross_entropy:
//   l = -w [y log p + (1 - y) log(1 - p)], each log clamped to >= -100 (torch's clamp, so p = 0 or 1 stays finite);
//   dl/dp = w (p - y) / max(p (1 - p), 1e-12) (torch's backward floor; the true derivative is unbounded at 0 and 1).
// p must lie in [0, 1] (torch refuses anything else, NaN included).
LossResult bce(Span probs, Span target, const BceOptions& options = {});

struct BceWithLogitsOptions {
  std::vector<double> weight;     // broadcast along the last axis, as above
  std::vector<double> posWeight;  // weight of the positive term, broadcast along the last axis
  Reduction reduction = Reduction::Mean;
};

// Binary cross-entropy on logits, F.binary_cross_entropy_with_logits, never overflowing for any finite z:
//   l = w [(1 - y) z + lw (log(e^{-m} + e^{-z-m}) + m)],  m = max(-z, 0),  lw = 1 + (posWeight - 1) y
//   dl/dz = w [(lw) sigma(z) - posWeight y]  (= w (sigma(z) - y) without posWeight).
// The log(e^{-m} + e^{-z-m}) form is torch's own; it equals softplus(-z) and both exponents are <= 0.
LossResult bceWithLogits(Span logits, Span target, const BceWithLogitsOptions& options = {});

struct CrossEntropyOptions {
  std::size_t classes = 0;        // C; 0 = one sample whose C is the input length
  std::vector<double> weight;     // per-class weights, length C, or empty
  long long ignoreIndex = -100;   // rows whose target equals this contribute nothing (class-index targets only)
  double labelSmoothing = 0.0;    // epsilon in [0, 1]: target (1 - eps) onehot + eps / C, as torch mixes it
  Reduction reduction = Reduction::Mean;
};

// Cross-entropy on logits, F.cross_entropy = log_softmax + NLL (Shannon's cross-entropy of the target distribution
// under softmax(z)). The target is either N class indices or N*C class probabilities (same length as the logits,
// which is how torch tells them apart; with C = 1 the shapes agree and torch reads probabilities too).
// Class indices:  l_i = (1 - eps) w_t (-log p_t) + (eps / C) sum_c w_c (-log p_c);  Mean divides by the sum of
//                 w_t over rows that are not ignored (NaN when every row is ignored, as in torch).
//                 dl_i/dz_j = (1 - eps) w_t (p_j - [j = t]) + (eps / C) (p_j sum_c w_c - w_j).
// Probabilities:  q = (1 - eps) y + eps / C,  l_i = -sum_c w_c q_c log p_c;  Mean divides by N.
//                 dl_i/dz_j = p_j sum_c w_c q_c - w_j q_j.
LossResult crossEntropy(Span logits, Span target, const CrossEntropyOptions& options = {});

struct NllOptions {
  std::size_t classes = 0;
  std::vector<double> weight;
  long long ignoreIndex = -100;
  Reduction reduction = Reduction::Mean;
};

// Negative log-likelihood, F.nll_loss: l_i = -w_t x_{i,t} on log-probabilities x; Mean divides by sum of w_t.
LossResult nll(Span logProbs, Span target, const NllOptions& options = {});

}  // namespace losslab
