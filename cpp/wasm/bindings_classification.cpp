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
    opts.logTarget = o.flag("logTarget", opts.logTarget);
    opts.reduction = o.reduction(opts.reduction, true);
    o.finish();
    return lossToJs(klDiv(toVector(logProbs), toVector(target), opts));
  });
}

val sigmoidFocalJs(val logits, val target, val options) {
  return guarded([&] {
    const OptionReader o("sigmoidFocal", options);
    SigmoidFocalOptions opts;
    opts.alpha = o.number("alpha", opts.alpha);
    opts.gamma = o.number("gamma", opts.gamma);
    opts.reduction = o.reduction(opts.reduction);
    o.finish();
    return lossToJs(sigmoidFocal(toVector(logits), toVector(target), opts));
  });
}

val softmaxFocalJs(val logits, val target, val options) {
  return guarded([&] {
    const OptionReader o("softmaxFocal", options);
    SoftmaxFocalOptions opts;
    opts.classes = o.width("classes");
    opts.alpha = o.number("alpha", opts.alpha);
    opts.gamma = o.number("gamma", opts.gamma);
    opts.reduction = o.reduction(opts.reduction);
    o.finish();
    return lossToJs(softmaxFocal(toVector(logits), toVector(target), opts));
  });
}

}  // namespace losslab::wasm
