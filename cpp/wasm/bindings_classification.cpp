// Adapters for the classification losses beyond BCE/CE/NLL: klDiv, sigmoidFocal, softmaxFocal.
#include "adapters.hpp"
#include "bindings.hpp"
#include "losslab/classification.hpp"

namespace losslab::wasm {

val klDivJs(val logProbs, val target, val options) {
  return guarded([&] {
    const OptionReader o("klDiv", options);
    KlDivOptions opts;
    opts.classes = o.width("classes");
    opts.logTarget = o.flag("logTarget", false);
    opts.reduction = o.reduction(true);
    return lossToJs(klDiv(toVector(logProbs), toVector(target), opts));
  });
}

val sigmoidFocalJs(val logits, val target, val options) {
  return guarded([&] {
    const OptionReader o("sigmoidFocal", options);
    SigmoidFocalOptions opts;
    opts.alpha = o.number("alpha", 0.25);
    opts.gamma = o.number("gamma", 2.0);
    opts.reduction = o.reduction();
    return lossToJs(sigmoidFocal(toVector(logits), toVector(target), opts));
  });
}

val softmaxFocalJs(val logits, val target, val options) {
  return guarded([&] {
    const OptionReader o("softmaxFocal", options);
    SoftmaxFocalOptions opts;
    opts.classes = o.width("classes");
    opts.alpha = o.number("alpha", 1.0);
    opts.gamma = o.number("gamma", 2.0);
    opts.reduction = o.reduction();
    return lossToJs(softmaxFocal(toVector(logits), toVector(target), opts));
  });
}

}  // namespace losslab::wasm
