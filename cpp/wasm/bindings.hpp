// Declarations of every adapter registered in bindings.cpp, one line each.
#pragma once

#include <emscripten/val.h>

namespace losslab::wasm {

using emscripten::val;

// Losses: (first, second, options) -> { loss, grad } | Error
val mseJs(val input, val target, val options);
val l1Js(val input, val target, val options);
val huberJs(val input, val target, val options);
val smoothL1Js(val input, val target, val options);
val bceJs(val probs, val target, val options);
val bceWithLogitsJs(val logits, val target, val options);
val crossEntropyJs(val logits, val target, val options);
val nllJs(val logProbs, val target, val options);
val klDivJs(val logProbs, val target, val options);
val sigmoidFocalJs(val logits, val target, val options);
val softmaxFocalJs(val logits, val target, val options);

// Stable building blocks: (x, options) -> number | Float64Array | Error
val logSumExpJs(val x, val options);
val softmaxJs(val x, val options);
val logSoftmaxJs(val x, val options);

}  // namespace losslab::wasm
