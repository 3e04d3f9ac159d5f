// Adapters for calibration: ece -> { ece, bins: [{ lo, hi, count, confidence, accuracy }] } and
// fitTemperature -> { temperature, nllBefore, nllAfter }, as plain JavaScript objects.
#include <emscripten/bind.h>

#include "adapters.hpp"
#include "losslab/calibration.hpp"

namespace losslab::wasm {

val eceJs(val probs, val labels, val options) {
  return guarded([&] {
    const OptionReader o("ece", options);
    EceOptions opts;
    opts.classes = o.width("classes");
    opts.bins = o.count("bins", opts.bins);
    o.finish();
    const EceResult result = ece(toVector(probs), toVector(labels), opts);
    val bins = val::array();
    for (const EceBin& b : result.bins) {
      val bin = val::object();
      bin.set("lo", b.lo);
      bin.set("hi", b.hi);
      bin.set("count", static_cast<double>(b.count));
      bin.set("confidence", b.confidence);
      bin.set("accuracy", b.accuracy);
      bins.call<void>("push", bin);
    }
    val out = val::object();
    out.set("ece", result.ece);
    out.set("bins", bins);
    return out;
  });
}

val fitTemperatureJs(val logits, val labels, val options) {
  return guarded([&] {
    const OptionReader o("fitTemperature", options);
    FitTemperatureOptions opts;
    opts.classes = o.width("classes");
    o.finish();
    const TemperatureFit fit = fitTemperature(toVector(logits), toVector(labels), opts);
    val out = val::object();
    out.set("temperature", fit.temperature);
    out.set("nllBefore", fit.nllBefore);
    out.set("nllAfter", fit.nllAfter);
    return out;
  });
}

}  // namespace losslab::wasm

EMSCRIPTEN_BINDINGS(losslab_calibration) {
  emscripten::function("ece", &losslab::wasm::eceJs);
  emscripten::function("fitTemperature", &losslab::wasm::fitTemperatureJs);
}
