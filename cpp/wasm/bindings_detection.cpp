// Adapter for the box-regression loss giou.
#include "adapters.hpp"
#include "bindings.hpp"
#include "losslab/detection.hpp"

namespace losslab::wasm {

val giouJs(val boxes1, val boxes2, val options) {
  return guarded([&] {
    const OptionReader o("giou", options);
    GiouOptions opts;
    opts.eps = o.number("eps", 1e-7);
    opts.reduction = o.reduction();
    return lossToJs(giou(toVector(boxes1), toVector(boxes2), opts));
  });
}

}  // namespace losslab::wasm
