// Adapter for classWeights: counts -> Float64Array of per-class weights.
#include "adapters.hpp"
#include "bindings.hpp"
#include "losslab/weighting.hpp"

namespace losslab::wasm {

val classWeightsJs(val counts, val options) {
  return guarded([&] {
    const OptionReader o("classWeights", options);
    ClassWeightOptions opts;
    opts.strategy = parseWeightStrategy("classWeights", o.text("strategy", "inverse"));
    opts.beta = o.number("beta", 0.999);
    return toFloat64Array(classWeights(toVector(counts), opts));
  });
}

}  // namespace losslab::wasm
