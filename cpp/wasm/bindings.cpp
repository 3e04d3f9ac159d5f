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
  emscripten::function("tripletMargin", &tripletMarginJs);
  emscripten::function("cosineEmbedding", &cosineEmbeddingJs);
  emscripten::function("infoNCE", &infoNCEJs);
  emscripten::function("dice", &diceJs);
  emscripten::function("iou", &iouJs);
  emscripten::function("tversky", &tverskyJs);
  emscripten::function("focalTversky", &focalTverskyJs);
  emscripten::function("giou", &giouJs);
  emscripten::function("classWeights", &classWeightsJs);
  emscripten::function("ece", &eceJs);
  emscripten::function("fitTemperature", &fitTemperatureJs);
  emscripten::function("logSumExp", &logSumExpJs);
  emscripten::function("softmax", &softmaxJs);
  emscripten::function("logSoftmax", &logSoftmaxJs);
  emscripten::function("heapBytesInUse", &heapBytesInUse);
  emscripten::function("curves", &curvesJs);
  emscripten::function("descentPath", &descentPathJs);
  emscripten::function("surfaceData", &surfaceDataJs);
  emscripten::function("createSurface", &createSurfaceJs);
  emscripten::class_<SurfaceJs>("Surface")
      .function("compute", &SurfaceJs::compute)
      .function("view", &SurfaceJs::view)
      .function("stats", &SurfaceJs::stats)
      .function("maxN", &SurfaceJs::maxN);
  emscripten::function("createTrainer", &createTrainerJs);
  emscripten::class_<TrainerJs>("Trainer")
      .function("step", &TrainerJs::step)
      .function("predict", &TrainerJs::predict)
      .function("predictGrid", &TrainerJs::predictGrid)
      .function("parameters", &TrainerJs::parameters)
      .function("gradients", &TrainerJs::gradients)
      .function("describe", &TrainerJs::describe)
      .function("firstNonFinite", &TrainerJs::firstNonFinite)
      .function("steps", &TrainerJs::steps);
}
