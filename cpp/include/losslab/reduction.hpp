// One Reduction enum and one helper that applies it, shared by every loss (as in ATen's Loss.cpp).
//
// A loss computes per-item values l_i and G = d(sum_i l_i)/d(input); applyReduction turns them into what the
// caller asked for:
//   None: loss = the l_i, grad = G                  (the gradient of their sum, as the JS API documents)
//   Sum:  loss = sum l_i, grad = G
//   Mean: loss = sum l_i / D, grad = G / D          (D = item count, or total weight for weighted CE/NLL)
//   BatchMean (klDiv only): like Mean with D = batch size.
#pragma once

#include <string>
#include <vector>

namespace losslab {

enum class Reduction { None, Mean, Sum, BatchMean };

// Parses "none" | "mean" | "sum" (and "batchmean" when allowBatchMean); throws naming `function` otherwise.
Reduction parseReduction(const char* function, const std::string& name, bool allowBatchMean = false);

struct LossResult {
  Reduction reduction = Reduction::Mean;
  double loss = 0.0;            // the reduced value (Mean, Sum, BatchMean)
  std::vector<double> losses;   // the per-item values (None)
  std::vector<double> grad;     // d(loss)/d(first argument); for None, of the sum of `losses`
};

// Takes ownership of the per-item values and of G. `denominator` is used by Mean and BatchMean only; dividing by
// zero gives NaN for the loss (as torch's mean of an empty or fully ignored batch does) while G stays as it is
// (every entry of G is zero in that case).
LossResult applyReduction(std::vector<double> itemLosses, std::vector<double> gradOfSum, Reduction reduction,
                          double denominator);

}  // namespace losslab
