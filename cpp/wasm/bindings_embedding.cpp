// Adapters for the embedding losses: tripletMargin, cosineEmbedding, infoNCE.
#include "adapters.hpp"
#include "bindings.hpp"
#include "losslab/embedding.hpp"

namespace losslab::wasm {

val tripletMarginJs(val anchor, val positive, val negative, val options) {
  return guarded([&] {
    const OptionReader o("tripletMargin", options);
    TripletMarginOptions opts;
    opts.dim = o.width("dim");
    opts.margin = o.number("margin", 1.0);
    opts.p = o.number("p", 2.0);
    opts.eps = o.number("eps", 1e-6);
    opts.swap = o.flag("swap", false);
    opts.reduction = o.reduction();
    return lossToJs(tripletMargin(toVector(anchor), toVector(positive), toVector(negative), opts));
  });
}

val cosineEmbeddingJs(val x1, val x2, val y, val options) {
  return guarded([&] {
    const OptionReader o("cosineEmbedding", options);
    CosineEmbeddingOptions opts;
    opts.dim = o.width("dim");
    opts.margin = o.number("margin", 0.0);
    opts.reduction = o.reduction();
    return lossToJs(cosineEmbedding(toVector(x1), toVector(x2), toVector(y), opts));
  });
}

val infoNCEJs(val a, val b, val options) {
  return guarded([&] {
    const OptionReader o("infoNCE", options);
    InfoNceOptions opts;
    opts.dim = o.width("dim");
    opts.temperature = o.number("temperature", 0.07);
    opts.symmetric = o.flag("symmetric", true);
    return lossToJs(infoNCE(toVector(a), toVector(b), opts));
  });
}

}  // namespace losslab::wasm
