// Adapter for classWeights: counts -> Float64Array of per-class weights.
#include <emscripten/bind.h>

#include "adapters.hpp"
#include "losslab/weighting.hpp"

namespace losslab::wasm {

val classWeightsJs(val counts, val options) {
  return guarded([&] {
    const OptionReader o("classWeights", options);
    ClassWeightOptions opts;
    opts.strategy = o.choice("strategy", opts.strategy, parseWeightStrategy);
    opts.beta = o.number("beta", opts.beta);
    o.finish();
    return toFloat64Array(classWeights(toVector(counts), opts));
  });
}

}  // namespace losslab::wasm

EMSCRIPTEN_BINDINGS(losslab_weighting) {
  emscripten::function("classWeights", &losslab::wasm::classWeightsJs);
}
