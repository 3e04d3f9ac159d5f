#include "losslab/reduction.hpp"

#include <numeric>
#include <utility>

#include "losslab/error.hpp"
#include "losslab/names.hpp"

namespace losslab {

Reduction parseReduction(const char* function, const std::string& name, bool allowBatchMean) {
  static constexpr Named<Reduction> kNames[] = {
      {"none", Reduction::None}, {"mean", Reduction::Mean}, {"sum", Reduction::Sum}, {"batchmean", Reduction::BatchMean}};
  return parseName(function, "reduction", name, kNames, allowBatchMean ? 4 : 3);
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
