// Adapters for the embedding losses: tripletMargin, cosineEmbedding, infoNCE.
#include <emscripten/bind.h>

#include "adapters.hpp"
#include "losslab/embedding.hpp"

namespace losslab::wasm {

val tripletMarginJs(val anchor, val positive, val negative, val options) {
  return lossAdapter<TripletMarginOptions>(
      "tripletMargin", options,
      [](const OptionReader& o, TripletMarginOptions& s) {
        s.dim = o.width("dim");
        s.margin = o.number("margin", s.margin);
        s.p = o.number("p", s.p);
        s.eps = o.number("eps", s.eps);
        s.swap = o.flag("swap", s.swap);
        s.reduction = o.reduction(s.reduction);
      },
      [&](const TripletMarginOptions& s) {
        return tripletMargin(toVector(anchor), toVector(positive), toVector(negative), s);
      });
}

val cosineEmbeddingJs(val x1, val x2, val y, val options) {
  return lossAdapter<CosineEmbeddingOptions>(
      "cosineEmbedding", options,
      [](const OptionReader& o, CosineEmbeddingOptions& s) {
        s.dim = o.width("dim");
        s.margin = o.number("margin", s.margin);
        s.reduction = o.reduction(s.reduction);
      },
      [&](const CosineEmbeddingOptions& s) { return cosineEmbedding(toVector(x1), toVector(x2), toVector(y), s); });
}

val infoNCEJs(val a, val b, val options) {
  return lossAdapter<InfoNceOptions>(
      "infoNCE", options,
      [](const OptionReader& o, InfoNceOptions& s) {
        s.dim = o.width("dim");
        s.temperature = o.number("temperature", s.temperature);
        s.symmetric = o.flag("symmetric", s.symmetric);
      },
      [&](const InfoNceOptions& s) { return infoNCE(toVector(a), toVector(b), s); });
}

}  // namespace losslab::wasm

EMSCRIPTEN_BINDINGS(losslab_embedding) {
  emscripten::function("tripletMargin", &losslab::wasm::tripletMarginJs);
  emscripten::function("cosineEmbedding", &losslab::wasm::cosineEmbeddingJs);
  emscripten::function("infoNCE", &losslab::wasm::infoNCEJs);
}
