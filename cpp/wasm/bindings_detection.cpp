// Adapter for the box-regression loss giou.
#include <emscripten/bind.h>

#include "adapters.hpp"
#include "losslab/detection.hpp"

namespace losslab::wasm {

val giouJs(val boxes1, val boxes2, val options) {
  return lossAdapter<GiouOptions>(
      "giou", options,
      [](const OptionReader& o, GiouOptions& s) {
        s.eps = o.number("eps", s.eps);
        s.reduction = o.reduction(s.reduction);
      },
      [&](const GiouOptions& s) { return giou(toVector(boxes1), toVector(boxes2), s); });
}

}  // namespace losslab::wasm

EMSCRIPTEN_BINDINGS(losslab_detection) { emscripten::function("giou", &losslab::wasm::giouJs); }
