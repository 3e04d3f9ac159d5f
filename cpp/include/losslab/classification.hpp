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

// What a crossEntropy target holds. Auto decides by length as torch decides by shape: N values are class indices,
// N*C values class probabilities (with C = 1 both are N: indices, as torch reads a 1-D target). Probabilities is
// the flat form of torch's (N, 1) probability target.
enum class TargetKind { Auto, Indices, Probabilities };
TargetKind parseTargetKind(const char* function, const std::string& name);

struct CrossEntropyOptions {
  std::size_t classes = 0;        // C; 0 = one sample whose C is the input length
  TargetKind targetKind = TargetKind::Auto;
  std::vector<double> weight;     // per-class weights, length C, or empty
  long long ignoreIndex = -100;   // rows whose target equals this contribute nothing (class-index targets only)
  double labelSmoothing = 0.0;    // epsilon in [0, 1]: target (1 - eps) onehot + eps / C, as torch mixes it
  Reduction reduction = Reduction::Mean;
};

// Cross-entropy on logits, F.cross_entropy = log_softmax + NLL (Shannon's cross-entropy of the target distribution
// under softmax(z)). The target is either N class indices or N*C class probabilities (same length as the logits).
// torch decides by shape; with C = 1 the flat lengths agree, and index targets stay indices as in torch: the only
// valid index is 0 (loss 0), index 1 is out of range, and an ignored index gives NaN (a mean over no rows).
// Empty input without `classes` is a batch of no rows: NaN for 'mean', 0 for 'sum', empty for 'none'.
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

struct KlDivOptions {
  std::size_t classes = 0;   // C, used by BatchMean only (N = length / C); 0 = N is the whole length, as torch
                             // divides by input.size(0) of a 1-D input
  bool logTarget = false;    // the target holds log-probabilities
  Reduction reduction = Reduction::Mean;  // Mean divides by the element count; BatchMean by N
};

// Kullback-Leibler divergence KL(target || exp(input)), F.kl_div (Kullback & Leibler 1951) on log-probabilities x:
//   logTarget false: l = xlogy(t, t) - t x      (xlogy(0, 0) = 0, so zero targets add nothing; t < 0 gives NaN)
//   logTarget true:  l = e^t (t - x)
//   dl/dx = -t, or -e^t with logTarget (torch 1.13's composite kl_div, so a zero target gives the slope -0).
// Shapes: x and t have the same length n. Reductions: 'none', 'sum', 'mean' (sum / n, torch's default and NOT the
// divergence), 'batchmean' (sum / N with N = n / classes, or n when classes = 0: the divergence per sample).
LossResult klDiv(Span logProbs, Span target, const KlDivOptions& options = {});

struct SigmoidFocalOptions {
  double alpha = 0.25;  // weight of the positive term; alpha < 0 switches the alpha factor off (torchvision's -1)
  double gamma = 2.0;   // focusing exponent, >= 0; 0 gives alpha-weighted BCE
  Reduction reduction = Reduction::Mean;  // torchvision's default is 'none'; the JS API defaults every loss to 'mean'
};

// Sigmoid focal loss, torchvision.ops.sigmoid_focal_loss (Lin et al. 2017, "Focal Loss for Dense Object
// Detection", RetinaNet), element-wise on logits z with binary (or soft) targets y:
//   p = sigma(z), ce = bceWithLogits(z, y), p_t = p y + (1 - p)(1 - y),
//   l = alpha_t (1 - p_t)^gamma ce,  alpha_t = alpha y + (1 - alpha)(1 - y)  (alpha_t = 1 when alpha < 0).
// The gradient follows torch's autograd through every factor, including its edges: at gamma = 0 the power's
// derivative is 0; for 0 < gamma < 1 and p_t == 1 exactly (sigma saturates to 1 above z ~ 36.7) the derivative
// (1 - p_t)^{gamma - 1} is infinite and torch's gradient is NaN there, and so is ours.
LossResult sigmoidFocal(Span logits, Span target, const SigmoidFocalOptions& options = {});

struct SoftmaxFocalOptions {
  std::size_t classes = 0;  // C; 0 = one sample whose C is the input length
  double alpha = 1.0;       // constant weight (no per-class alpha)
  double gamma = 2.0;       // focusing exponent, >= 0
  Reduction reduction = Reduction::Mean;  // Mean divides by N
};

// Multi-class (softmax) focal loss (Lin et al. 2017) on N rows of C logits with N class indices t:
//   ce_i = -log softmax(z_i)_t,  p_t = exp(-ce_i),  l_i = alpha (1 - p_t)^gamma ce_i.
//   dl_i/dz_ij = g_i (p_ij - [j = t]),  g_i = alpha [(1 - p_t)^gamma + gamma (1 - p_t)^{gamma - 1} p_t ce_i]
// (the second term is 0 at gamma = 0, as torch's pow backward makes it; NaN when p_t == 1 and 0 < gamma < 1, as in
// torch). gamma = 0, alpha = 1 is exactly crossEntropy.
LossResult softmaxFocal(Span logits, Span target, const SoftmaxFocalOptions& options = {});

}  // namespace losslab
