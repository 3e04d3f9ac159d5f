// The loss adapters: read the JS arguments and options, call the core, hand
// back { loss, grad } or an Error.
#include <emscripten/bind.h>

#include "adapters.hpp"
#include "losslab/classification.hpp"
#include "losslab/regression.hpp"

namespace losslab::wasm {
namespace {

// The regression losses' options: a reduction and, for huber / smoothL1, one parameter.
struct RegressionOptions {
  double parameter = 0.0;
  Reduction reduction = Reduction::Mean;
};

template <typename Loss>
val regressionJs(const char* function, const val& input, const val& target, const val& options, const char* parameter,
                 double fallback, Loss loss) {
  return lossAdapter<RegressionOptions>(
      function, options,
      [&](const OptionReader& o, RegressionOptions& s) {
        if (parameter != nullptr) s.parameter = o.number(parameter, fallback);
        s.reduction = o.reduction(s.reduction);
      },
      [&](const RegressionOptions& s) { return loss(toVector(input), toVector(target), s); });
}

}  // namespace

val mseJs(val input, val target, val options) {
  return regressionJs("mse", input, target, options, nullptr, 0.0,
                      [](Span a, Span b, const RegressionOptions& s) { return mse(a, b, s.reduction); });
}

val l1Js(val input, val target, val options) {
  return regressionJs("l1", input, target, options, nullptr, 0.0,
                      [](Span a, Span b, const RegressionOptions& s) { return l1(a, b, s.reduction); });
}

val huberJs(val input, val target, val options) {
  return regressionJs("huber", input, target, options, "delta", kHuberDelta,
                      [](Span a, Span b, const RegressionOptions& s) { return huber(a, b, s.parameter, s.reduction); });
}

val smoothL1Js(val input, val target, val options) {
  return regressionJs(
      "smoothL1", input, target, options, "beta", kSmoothL1Beta,
      [](Span a, Span b, const RegressionOptions& s) { return smoothL1(a, b, s.parameter, s.reduction); });
}

val bceJs(val probs, val target, val options) {
  return lossAdapter<BceOptions>(
      "bce", options,
      [](const OptionReader& o, BceOptions& s) {
        s.weight = o.numbers("weight");
        s.reduction = o.reduction(s.reduction);
      },
      [&](const BceOptions& s) { return bce(toVector(probs), toVector(target), s); });
}

val bceWithLogitsJs(val logits, val target, val options) {
  return lossAdapter<BceWithLogitsOptions>(
      "bceWithLogits", options,
      [](const OptionReader& o, BceWithLogitsOptions& s) {
        s.weight = o.numbers("weight");
        s.posWeight = o.numbers("posWeight");
        s.reduction = o.reduction(s.reduction);
      },
      [&](const BceWithLogitsOptions& s) { return bceWithLogits(toVector(logits), toVector(target), s); });
}

val crossEntropyJs(val logits, val target, val options) {
  return lossAdapter<CrossEntropyOptions>(
      "crossEntropy", options,
      [](const OptionReader& o, CrossEntropyOptions& s) {
        s.classes = o.width("classes");
        s.weight = o.numbers("weight");
        s.ignoreIndex = o.integer("ignoreIndex", s.ignoreIndex);
        s.labelSmoothing = o.number("labelSmoothing", s.labelSmoothing);
        s.targetKind = o.choice("targetKind", s.targetKind, parseTargetKind);
        s.reduction = o.reduction(s.reduction);
      },
      [&](const CrossEntropyOptions& s) { return crossEntropy(toVector(logits), toVector(target), s); });
}

val nllJs(val logProbs, val target, val options) {
  return lossAdapter<NllOptions>(
      "nll", options,
      [](const OptionReader& o, NllOptions& s) {
        s.classes = o.width("classes");
        s.weight = o.numbers("weight");
        s.ignoreIndex = o.integer("ignoreIndex", s.ignoreIndex);
        s.reduction = o.reduction(s.reduction);
      },
      [&](const NllOptions& s) { return nll(toVector(logProbs), toVector(target), s); });
}

}  // namespace losslab::wasm

EMSCRIPTEN_BINDINGS(losslab_losses) {
  emscripten::function("mse", &losslab::wasm::mseJs);
  emscripten::function("l1", &losslab::wasm::l1Js);
  emscripten::function("huber", &losslab::wasm::huberJs);
  emscripten::function("smoothL1", &losslab::wasm::smoothL1Js);
  emscripten::function("bce", &losslab::wasm::bceJs);
  emscripten::function("bceWithLogits", &losslab::wasm::bceWithLogitsJs);
  emscripten::function("crossEntropy", &losslab::wasm::crossEntropyJs);
  emscripten::function("nll", &losslab::wasm::nllJs);
}
