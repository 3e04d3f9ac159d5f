// Adapter for the box-regression loss giou.
#include "adapters.hpp"
#include "bindings.hpp"
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
