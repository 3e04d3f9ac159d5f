// Adapters for the classification losses beyond BCE/CE/NLL: klDiv,
// sigmoidFocal, softmaxFocal.
#include <emscripten/bind.h>

#include "adapters.hpp"
#include "losslab/classification.hpp"

namespace losslab::wasm {

val klDivJs(val logProbs, val target, val options) {
  return lossAdapter<KlDivOptions>(
      "klDiv", options,
      [](const OptionReader& o, KlDivOptions& s) {
        s.classes = o.width("classes");
        s.logTarget = o.flag("logTarget", s.logTarget);
        s.reduction = o.reduction(s.reduction, true);
      },
      [&](const KlDivOptions& s) { return klDiv(toVector(logProbs), toVector(target), s); });
}

val sigmoidFocalJs(val logits, val target, val options) {
  return lossAdapter<SigmoidFocalOptions>(
      "sigmoidFocal", options,
      [](const OptionReader& o, SigmoidFocalOptions& s) {
        s.alpha = o.number("alpha", s.alpha);
        s.gamma = o.number("gamma", s.gamma);
        s.reduction = o.reduction(s.reduction);
      },
      [&](const SigmoidFocalOptions& s) { return sigmoidFocal(toVector(logits), toVector(target), s); });
}

val softmaxFocalJs(val logits, val target, val options) {
  return lossAdapter<SoftmaxFocalOptions>(
      "softmaxFocal", options,
      [](const OptionReader& o, SoftmaxFocalOptions& s) {
        s.classes = o.width("classes");
        s.alpha = o.number("alpha", s.alpha);
        s.gamma = o.number("gamma", s.gamma);
        s.reduction = o.reduction(s.reduction);
      },
      [&](const SoftmaxFocalOptions& s) { return softmaxFocal(toVector(logits), toVector(target), s); });
}

}  // namespace losslab::wasm

EMSCRIPTEN_BINDINGS(losslab_classification) {
  emscripten::function("klDiv", &losslab::wasm::klDivJs);
  emscripten::function("sigmoidFocal", &losslab::wasm::sigmoidFocalJs);
  emscripten::function("softmaxFocal", &losslab::wasm::softmaxFocalJs);
}
