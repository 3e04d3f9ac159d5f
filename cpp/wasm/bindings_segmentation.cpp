// Adapters for the soft overlap losses: dice, iou, tversky, focalTversky (scalar loss, gradient w.r.t. probs).
#include "adapters.hpp"
#include "bindings.hpp"
#include "losslab/segmentation.hpp"

namespace losslab::wasm {
namespace {

template <typename Loss>
val overlapJs(const char* function, const val& probs, const val& target, const val& options, Loss loss) {
  return guarded([&] {
    const OptionReader o(function, options);
    OverlapOptions opts;
    opts.smooth = o.number("smooth", opts.smooth);
    opts.alpha = o.number("alpha", opts.alpha);
    opts.beta = o.number("beta", opts.beta);
    opts.gamma = o.number("gamma", opts.gamma);
    o.finish();
    return lossToJs(loss(toVector(probs), toVector(target), opts));
  });
}

}  // namespace

val diceJs(val probs, val target, val options) { return overlapJs("dice", probs, target, options, dice); }
val iouJs(val probs, val target, val options) { return overlapJs("iou", probs, target, options, iou); }
val tverskyJs(val probs, val target, val options) { return overlapJs("tversky", probs, target, options, tversky); }
val focalTverskyJs(val probs, val target, val options) {
  return overlapJs("focalTversky", probs, target, options, focalTversky);
}

}  // namespace losslab::wasm
