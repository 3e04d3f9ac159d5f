// Adapters for the soft overlap losses: dice, iou, tversky, focalTversky
// (scalar loss, gradient w.r.t. probs).
#include <emscripten/bind.h>

#include "adapters.hpp"
#include "losslab/segmentation.hpp"

namespace losslab::wasm {
namespace {

template <typename Loss>
val overlapJs(const char* function, const val& probs, const val& target, const val& options, Loss loss) {
  return lossAdapter<OverlapOptions>(
      function, options,
      [](const OptionReader& o, OverlapOptions& s) {
        s.smooth = o.number("smooth", s.smooth);
        s.alpha = o.number("alpha", s.alpha);
        s.beta = o.number("beta", s.beta);
        s.gamma = o.number("gamma", s.gamma);
      },
      [&](const OverlapOptions& s) { return loss(toVector(probs), toVector(target), s); });
}

}  // namespace

val diceJs(val probs, val target, val options) { return overlapJs("dice", probs, target, options, dice); }
val iouJs(val probs, val target, val options) { return overlapJs("iou", probs, target, options, iou); }
val tverskyJs(val probs, val target, val options) { return overlapJs("tversky", probs, target, options, tversky); }
val focalTverskyJs(val probs, val target, val options) {
  return overlapJs("focalTversky", probs, target, options, focalTversky);
}

}  // namespace losslab::wasm

EMSCRIPTEN_BINDINGS(losslab_segmentation) {
  emscripten::function("dice", &losslab::wasm::diceJs);
  emscripten::function("iou", &losslab::wasm::iouJs);
  emscripten::function("tversky", &losslab::wasm::tverskyJs);
  emscripten::function("focalTversky", &losslab::wasm::focalTverskyJs);
}
