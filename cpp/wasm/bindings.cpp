// Registration of the objects (Surface, Trainer), the landscape kernels and the allocator counter. Each loss
// family registers its own functions at the end of its bindings_<family>.cpp, so adding a loss touches one adapter file.
#include <emscripten/bind.h>

#include "bindings.hpp"

EMSCRIPTEN_BINDINGS(losslab) {
  using namespace losslab::wasm;
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
