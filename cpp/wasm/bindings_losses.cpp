// The loss adapters: read the JS arguments and options, call the core, hand back { loss, grad } or an Error.
#include "adapters.hpp"
#include "bindings.hpp"
#include "losslab/classification.hpp"
#include "losslab/regression.hpp"

namespace losslab::wasm {

val mseJs(val input, val target, val options) {
  return guarded([&] {
    const OptionReader o("mse", options);
    const Reduction reduction = o.reduction();
    o.finish();
    return lossToJs(mse(toVector(input), toVector(target), reduction));
  });
}

val l1Js(val input, val target, val options) {
  return guarded([&] {
    const OptionReader o("l1", options);
    const Reduction reduction = o.reduction();
    o.finish();
    return lossToJs(l1(toVector(input), toVector(target), reduction));
  });
}

val huberJs(val input, val target, val options) {
  return guarded([&] {
    const OptionReader o("huber", options);
    const double delta = o.number("delta", kHuberDelta);
    const Reduction reduction = o.reduction();
    o.finish();
    return lossToJs(huber(toVector(input), toVector(target), delta, reduction));
  });
}

val smoothL1Js(val input, val target, val options) {
  return guarded([&] {
    const OptionReader o("smoothL1", options);
    const double beta = o.number("beta", kSmoothL1Beta);
    const Reduction reduction = o.reduction();
    o.finish();
    return lossToJs(smoothL1(toVector(input), toVector(target), beta, reduction));
  });
}

val bceJs(val probs, val target, val options) {
  return guarded([&] {
    const OptionReader o("bce", options);
    BceOptions opts;
    opts.weight = o.numbers("weight");
    opts.reduction = o.reduction(opts.reduction);
    o.finish();
    return lossToJs(bce(toVector(probs), toVector(target), opts));
  });
}

val bceWithLogitsJs(val logits, val target, val options) {
  return guarded([&] {
    const OptionReader o("bceWithLogits", options);
    BceWithLogitsOptions opts;
    opts.weight = o.numbers("weight");
    opts.posWeight = o.numbers("posWeight");
    opts.reduction = o.reduction(opts.reduction);
    o.finish();
    return lossToJs(bceWithLogits(toVector(logits), toVector(target), opts));
  });
}

val crossEntropyJs(val logits, val target, val options) {
  return guarded([&] {
    const OptionReader o("crossEntropy", options);
    CrossEntropyOptions opts;
    opts.classes = o.width("classes");
    opts.weight = o.numbers("weight");
    opts.ignoreIndex = o.integer("ignoreIndex", opts.ignoreIndex);
    opts.labelSmoothing = o.number("labelSmoothing", opts.labelSmoothing);
    opts.targetKind = o.choice("targetKind", opts.targetKind, parseTargetKind);
    opts.reduction = o.reduction(opts.reduction);
    o.finish();
    return lossToJs(crossEntropy(toVector(logits), toVector(target), opts));
  });
}

val nllJs(val logProbs, val target, val options) {
  return guarded([&] {
    const OptionReader o("nll", options);
    NllOptions opts;
    opts.classes = o.width("classes");
    opts.weight = o.numbers("weight");
    opts.ignoreIndex = o.integer("ignoreIndex", opts.ignoreIndex);
    opts.reduction = o.reduction(opts.reduction);
    o.finish();
    return lossToJs(nll(toVector(logProbs), toVector(target), opts));
  });
}

}  // namespace losslab::wasm
