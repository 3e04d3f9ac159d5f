// Registration table: the names JavaScript sees. Nothing but registrations lives here; see adapters.hpp.
#include <emscripten/bind.h>

#include "bindings.hpp"

EMSCRIPTEN_BINDINGS(losslab) {
  using namespace losslab::wasm;
  emscripten::function("mse", &mseJs);
  emscripten::function("l1", &l1Js);
  emscripten::function("huber", &huberJs);
  emscripten::function("smoothL1", &smoothL1Js);
  emscripten::function("bce", &bceJs);
  emscripten::function("bceWithLogits", &bceWithLogitsJs);
  emscripten::function("crossEntropy", &crossEntropyJs);
  emscripten::function("nll", &nllJs);
  emscripten::function("klDiv", &klDivJs);
  emscripten::function("sigmoidFocal", &sigmoidFocalJs);
  emscripten::function("softmaxFocal", &softmaxFocalJs);
  emscripten::function("logSumExp", &logSumExpJs);
  emscripten::function("softmax", &softmaxJs);
  emscripten::function("logSoftmax", &logSoftmaxJs);
}
