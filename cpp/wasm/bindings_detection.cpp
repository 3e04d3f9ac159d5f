// Adapter for the box-regression loss giou.
#include <emscripten/bind.h>

#include "adapters.hpp"
#include "losslab/detection.hpp"

namespace losslab::wasm {

val giouJs(val boxes1, val boxes2, val options) {
  return guarded([&] {
    const OptionReader o("giou", options);
    GiouOptions opts;
    opts.eps = o.number("eps", opts.eps);
    opts.reduction = o.reduction(opts.reduction);
    o.finish();
    return lossToJs(giou(toVector(boxes1), toVector(boxes2), opts));
  });
}

}  // namespace losslab::wasm

EMSCRIPTEN_BINDINGS(losslab_detection) {
  emscripten::function("giou", &losslab::wasm::giouJs);
}
