// The loss adapters: read the JS arguments and options, call the core, hand back { loss, grad } or an Error.
#include "adapters.hpp"
#include "bindings.hpp"
#include "losslab/classification.hpp"
#include "losslab/regression.hpp"

namespace losslab::wasm {

val mseJs(val input, val target, val options) {
  return guarded([&] {
    const OptionReader o("mse", options);
    return lossToJs(mse(toVector(input), toVector(target), o.reduction()));
  });
}

val l1Js(val input, val target, val options) {
  return guarded([&] {
    const OptionReader o("l1", options);
    return lossToJs(l1(toVector(input), toVector(target), o.reduction()));
  });
}

val huberJs(val input, val target, val options) {
  return guarded([&] {
    const OptionReader o("huber", options);
    return lossToJs(huber(toVector(input), toVector(target), o.number("delta", 1.0), o.reduction()));
  });
}

val smoothL1Js(val input, val target, val options) {
  return guarded([&] {
    const OptionReader o("smoothL1", options);
    return lossToJs(smoothL1(toVector(input), toVector(target), o.number("beta", 1.0), o.reduction()));
  });
}

val bceJs(val probs, val target, val options) {
  return guarded([&] {
    const OptionReader o("bce", options);
    BceOptions opts;
    opts.weight = o.numbers("weight");
    opts.reduction = o.reduction();
    return lossToJs(bce(toVector(probs), toVector(target), opts));
  });
}

val bceWithLogitsJs(val logits, val target, val options) {
  return guarded([&] {
    const OptionReader o("bceWithLogits", options);
    BceWithLogitsOptions opts;
    opts.weight = o.numbers("weight");
    opts.posWeight = o.numbers("posWeight");
    opts.reduction = o.reduction();
    return lossToJs(bceWithLogits(toVector(logits), toVector(target), opts));
  });
}

val crossEntropyJs(val logits, val target, val options) {
  return guarded([&] {
    const OptionReader o("crossEntropy", options);
    CrossEntropyOptions opts;
    opts.classes = o.width("classes");
    opts.weight = o.numbers("weight");
    opts.ignoreIndex = o.integer("ignoreIndex", -100);
    opts.labelSmoothing = o.number("labelSmoothing", 0.0);
    opts.reduction = o.reduction();
    return lossToJs(crossEntropy(toVector(logits), toVector(target), opts));
  });
}

val nllJs(val logProbs, val target, val options) {
  return guarded([&] {
    const OptionReader o("nll", options);
    NllOptions opts;
    opts.classes = o.width("classes");
    opts.weight = o.numbers("weight");
    opts.ignoreIndex = o.integer("ignoreIndex", -100);
    opts.reduction = o.reduction();
    return lossToJs(nll(toVector(logProbs), toVector(target), opts));
  });
}

}  // namespace losslab::wasm
