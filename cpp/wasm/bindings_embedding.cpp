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
    opts.margin = o.number("margin", opts.margin);
    opts.p = o.number("p", opts.p);
    opts.eps = o.number("eps", opts.eps);
    opts.swap = o.flag("swap", opts.swap);
    opts.reduction = o.reduction(opts.reduction);
    o.finish();
    return lossToJs(tripletMargin(toVector(anchor), toVector(positive), toVector(negative), opts));
  });
}

val cosineEmbeddingJs(val x1, val x2, val y, val options) {
  return guarded([&] {
    const OptionReader o("cosineEmbedding", options);
    CosineEmbeddingOptions opts;
    opts.dim = o.width("dim");
    opts.margin = o.number("margin", opts.margin);
    opts.reduction = o.reduction(opts.reduction);
    o.finish();
    return lossToJs(cosineEmbedding(toVector(x1), toVector(x2), toVector(y), opts));
  });
}

val infoNCEJs(val a, val b, val options) {
  return guarded([&] {
    const OptionReader o("infoNCE", options);
    InfoNceOptions opts;
    opts.dim = o.width("dim");
    opts.temperature = o.number("temperature", opts.temperature);
    opts.symmetric = o.flag("symmetric", opts.symmetric);
    o.finish();
    return lossToJs(infoNCE(toVector(a), toVector(b), opts));
  });
}

}  // namespace losslab::wasm
