// Declarations shared between adapter files and bindings.cpp: the landscape and trainer objects, the allocator
// counter, and two option helpers. Loss adapters register themselves in their own files.
#pragma once

#include <emscripten/val.h>

#include <memory>
#include <string>

namespace losslab {
class Surface;
class Trainer;
struct OptimizerConfig;
}  // namespace losslab

namespace losslab::wasm {

using emscripten::val;

// Bytes the allocator holds for live allocations (dlmalloc's mallinfo().uordblks): the leak tests' counter, exact
// to the byte, unlike the size of wasm memory (which only grows, in 64 KiB pages, with megabytes of headroom).
double heapBytesInUse();

// Landscape batch kernels (bindings_landscape.cpp): (kind, options) -> plain object of Float64Arrays | Error
val curvesJs(val kind, val options);
val descentPathJs(val kind, val options);
val surfaceDataJs(val kind, val options);  // { x, y } the seeded data set of a (w, b) surface
// A float32 grid owned by C++, read by JS through a view over wasm memory (no copy).
class SurfaceJs {
 public:
  explicit SurfaceJs(std::unique_ptr<Surface> surface);
  SurfaceJs(SurfaceJs&&) noexcept;
  SurfaceJs& operator=(SurfaceJs&&) noexcept;
  ~SurfaceJs();
  val compute(val kind, val options);  // Float32Array view | Error
  val view() const;                    // a fresh view of the last grid
  val stats() const;                   // { n, min, max, xAtMin, yAtMin }
  std::size_t maxN() const;

 private:
  std::unique_ptr<Surface> surface_;
};
val createSurfaceJs(val maxN);  // SurfaceJs | Error

// The MLP trainer (bindings_train.cpp).
class TrainerJs {
 public:
  explicit TrainerJs(std::unique_ptr<Trainer> trainer);
  TrainerJs(TrainerJs&&) noexcept;
  TrainerJs& operator=(TrainerJs&&) noexcept;
  ~TrainerJs();
  val step(val n);                      // packed records (Float64Array) | Error
  val predict(val points);              // Float64Array | Error
  val predictGrid(val n, val extent);   // Float64Array | Error
  val parameters() const;               // [{ inputs, outputs, weight, bias }]
  val gradients(val options) const;     // the same shape: the gradient of the batch or one sample's loss | Error
  val describe() const;                 // { head, inputs, outputs, classes, samples, layers, parameterCount, x, y, extent }
  val firstNonFinite() const;           // null | { step, stage, layer }
  double steps() const;

 private:
  std::unique_ptr<Trainer> trainer_;
};
val createTrainerJs(val config);  // TrainerJs | Error

// Shared by the two files above: a kind argument's text, and the optimizer options both descentPath and
// createTrainer read (optimizer, momentum, beta1, beta2, eps; the learning rate each reads itself).
std::string kindText(const char* function, const val& kind);
class OptionReader;
void readOptimizer(const OptionReader& o, OptimizerConfig* config);

}  // namespace losslab::wasm
