#include "losslab/reduction.hpp"

#include <numeric>
#include <utility>

#include "losslab/error.hpp"

namespace losslab {

Reduction parseReduction(const char* function, const std::string& name, bool allowBatchMean) {
  if (name == "mean") return Reduction::Mean;
  if (name == "sum") return Reduction::Sum;
  if (name == "none") return Reduction::None;
  if (allowBatchMean && name == "batchmean") return Reduction::BatchMean;
  fail(function, "reduction = '" + name + "' is not one of 'none', 'mean', 'sum'" +
                     (allowBatchMean ? ", 'batchmean'" : ""));
}

LossResult applyReduction(std::vector<double> itemLosses, std::vector<double> gradOfSum, Reduction reduction,
                          double denominator) {
  LossResult result;
  result.reduction = reduction;
  result.grad = std::move(gradOfSum);
  if (reduction == Reduction::None) {
    result.losses = std::move(itemLosses);
    return result;
  }
  const double total = std::accumulate(itemLosses.begin(), itemLosses.end(), 0.0);
  if (reduction == Reduction::Sum) {
    result.loss = total;
    return result;
  }
  result.loss = total / denominator;  // 0/0 = NaN for an empty or fully ignored batch, as in torch
  if (denominator != 0.0) {
    for (double& g : result.grad) g /= denominator;
  }
  return result;
}

}  // namespace losslab
