// libFuzzer harness for the core: every public entry point of regression, classification, stable, embedding,
// segmentation, detection, weighting and calibration, plus the landscape (curves, surfaces, descent paths) and the
// trainer (datasets, steps, predictions), fed shapes, values and options decoded from the fuzz input.
//
// Values come from a table of the awkward ones (NaN, +-Infinity, +-0, the smallest denormal, 1e-310, +-1e300,
// DBL_MAX, +-50, +-1e4, -100, small integers) or straight from the input's bytes (any double at all). Shapes are
// kept small (<= 96 numbers per array, rows of <= 12) so that one input runs in microseconds; options (widths,
// reductions as text, weights, ignoreIndex, smoothing, alpha/gamma, p, eps, bins...) are fuzzed too.
//
// Outcome rules: losslab::Error is the core refusing bad input and is fine, but its message must start with the
// function's name and ": ". Anything else thrown (std::bad_alloc, std::out_of_range...) escapes and libFuzzer
// reports it. A returned result must have the documented shape (grad as long as the first argument, one value per
// item for 'none', one weight per class, B bins). Sanitizers (address, undefined) catch the rest.
//
// Build and run: node tests/fuzz/run.mjs [seconds]   (or by hand: CXX=clang++-14 cmake -S . -B build/fuzz
// -DLOSSLAB_FUZZ=ON && cmake --build build/fuzz --target losslab_fuzz && build/fuzz/losslab_fuzz -max_total_time=30)
#include <fuzzer/FuzzedDataProvider.h>

#include <cfloat>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "losslab/calibration.hpp"
#include "losslab/classification.hpp"
#include "losslab/detection.hpp"
#include "losslab/embedding.hpp"
#include "losslab/error.hpp"
#include "losslab/landscape.hpp"
#include "losslab/reduction.hpp"
#include "losslab/regression.hpp"
#include "losslab/segmentation.hpp"
#include "losslab/stable.hpp"
#include "losslab/train.hpp"
#include "losslab/weighting.hpp"

namespace {

using losslab::LossResult;
using losslab::Reduction;
using V = std::vector<double>;

constexpr std::size_t kMaxLength = 96;
constexpr std::size_t kMaxWidth = 12;

[[noreturn]] void violated(const char* function, const char* what) {
  std::fprintf(stderr, "fuzz_core: %s: %s\n", function, what);
  std::abort();
}

class Input {
 public:
  Input(const std::uint8_t* data, std::size_t size) : in_(data, size) {}

  double value() {
    static const double kSpecial[] = {std::numeric_limits<double>::quiet_NaN(),
                                      std::numeric_limits<double>::infinity(),
                                      -std::numeric_limits<double>::infinity(),
                                      0.0,
                                      -0.0,
                                      std::numeric_limits<double>::denorm_min(),
                                      1e-310,
                                      1e300,
                                      -1e300,
                                      DBL_MAX,
                                      50.0,
                                      -50.0,
                                      1e4,
                                      -1e4,
                                      -100.0,
                                      1.0,
                                      0.5,
                                      2.0,
                                      3.0,
                                      -1.0,
                                      1e-12,
                                      0.999};
    switch (in_.ConsumeIntegralInRange<int>(0, 3)) {
      case 0:
        return kSpecial[in_.ConsumeIntegralInRange<std::size_t>(0, sizeof kSpecial / sizeof kSpecial[0] - 1)];
      case 1: {  // any bit pattern at all
        const std::uint64_t bits = in_.ConsumeIntegral<std::uint64_t>();
        double d;
        std::memcpy(&d, &bits, sizeof d);
        return d;
      }
      case 2:  // small whole numbers: class indices, labels, y = +-1
        return static_cast<double>(in_.ConsumeIntegralInRange<int>(-3, 8));
      default:  // ordinary values in [-8, 8) on a 1/16 grid
        return in_.ConsumeIntegralInRange<int>(-128, 127) / 16.0;
    }
  }

  V values(std::size_t n) {
    V v(n);
    for (double& x : v) x = value();
    return v;
  }

  // A length, usually a multiple of `width` so the call gets past the shape checks.
  std::size_t length(std::size_t width) {
    if (width == 0 || in_.ConsumeIntegralInRange<int>(0, 7) == 0) {
      return in_.ConsumeIntegralInRange<std::size_t>(0, kMaxLength);
    }
    return width * in_.ConsumeIntegralInRange<std::size_t>(0, kMaxLength / width);
  }

  // A `classes` / `dim` width: mostly 1..12, sometimes 0 (= one row) or something huge (shape errors).
  std::size_t width() {
    switch (in_.ConsumeIntegralInRange<int>(0, 9)) {
      case 0:
        return 0;
      case 1:
        return in_.ConsumeIntegral<std::size_t>();
      default:
        return in_.ConsumeIntegralInRange<std::size_t>(1, kMaxWidth);
    }
  }

  Reduction reduction(const char* function, bool batchMean = false) {
    static const char* const kNames[] = {"none", "mean", "sum", "batchmean", "avg", ""};
    return losslab::parseReduction(function, kNames[in_.ConsumeIntegralInRange<int>(0, 5)], batchMean);
  }

  std::string pick(std::initializer_list<const char*> names) {
    const std::size_t k = in_.ConsumeIntegralInRange<std::size_t>(0, names.size());
    return k == names.size() ? in_.ConsumeRandomLengthString(8) : names.begin()[k];
  }

  bool flag() { return in_.ConsumeBool(); }
  std::size_t small(std::size_t hi) { return in_.ConsumeIntegralInRange<std::size_t>(0, hi); }
  std::uint64_t seed() { return in_.ConsumeIntegral<std::uint64_t>(); }
  long long integer() {
    return in_.ConsumeBool() ? in_.ConsumeIntegralInRange<long long>(-101, 12) : in_.ConsumeIntegral<long long>();
  }
  std::size_t count() {
    return in_.ConsumeBool() ? in_.ConsumeIntegralInRange<std::size_t>(0, 40) : in_.ConsumeIntegral<std::size_t>();
  }
  V optionalWeights() { return in_.ConsumeBool() ? V{} : values(in_.ConsumeIntegralInRange<std::size_t>(0, 8)); }
  int choice(int n) { return in_.ConsumeIntegralInRange<int>(0, n - 1); }

 private:
  FuzzedDataProvider in_;
};

void checkLoss(const char* function, const LossResult& r, std::size_t firstLength, std::size_t items) {
  if (r.grad.size() != firstLength) violated(function, "grad length differs from the first argument's");
  if (r.reduction == Reduction::None && r.losses.size() != items) violated(function, "wrong number of item losses");
}

// Rows the core sees: width 0 means one row of the whole length.
std::size_t rowsFor(std::size_t length, std::size_t width) {
  return width == 0 ? (length == 0 ? 0 : 1) : length / width;
}

void runOne(Input& in, int which) {
  switch (which) {
    case 0: {  // regression: mse, l1, huber, smoothL1
      const std::size_t n = in.length(0);
      const V x = in.values(n), t = in.values(in.flag() ? n : in.length(0));
      const Reduction red = in.reduction("mse");
      const double k = in.value();
      checkLoss("mse", losslab::mse(x, t, red), n, n);
      checkLoss("l1", losslab::l1(x, t, red), n, n);
      try {
        checkLoss("huber", losslab::huber(x, t, k, red), n, n);
      } catch (const losslab::Error& e) {
        if (std::strncmp(e.what(), "huber: ", 7) != 0) violated("huber", e.what());
      }
      checkLoss("smoothL1", losslab::smoothL1(x, t, k, red), n, n);
      return;
    }
    case 1: {
      const std::size_t n = in.length(0);
      losslab::BceOptions o;
      o.weight = in.optionalWeights();
      o.reduction = in.reduction("bce");
      checkLoss("bce", losslab::bce(in.values(n), in.values(n), o), n, n);
      return;
    }
    case 2: {
      const std::size_t n = in.length(0);
      losslab::BceWithLogitsOptions o;
      o.weight = in.optionalWeights();
      o.posWeight = in.optionalWeights();
      o.reduction = in.reduction("bceWithLogits");
      checkLoss("bceWithLogits", losslab::bceWithLogits(in.values(n), in.values(n), o), n, n);
      return;
    }
    case 3: {
      losslab::CrossEntropyOptions o;
      o.classes = in.width();
      const std::size_t n = in.length(o.classes);
      const std::size_t rows = rowsFor(n, o.classes);
      o.weight = in.optionalWeights();
      o.ignoreIndex = in.integer();
      o.labelSmoothing = in.flag() ? 0.0 : in.value();
      o.reduction = in.reduction("crossEntropy");
      const V t = in.values(in.flag() ? rows : n);
      checkLoss("crossEntropy", losslab::crossEntropy(in.values(n), t, o), n, t.size() == n ? rows : t.size());
      return;
    }
    case 4: {
      losslab::NllOptions o;
      o.classes = in.width();
      const std::size_t n = in.length(o.classes);
      o.weight = in.optionalWeights();
      o.ignoreIndex = in.integer();
      o.reduction = in.reduction("nll");
      const std::size_t rows = rowsFor(n, o.classes);
      checkLoss("nll", losslab::nll(in.values(n), in.values(rows), o), n, rows);
      return;
    }
    case 5: {
      losslab::KlDivOptions o;
      o.classes = in.flag() ? 0 : in.width();
      const std::size_t n = in.length(o.classes);
      o.logTarget = in.flag();
      o.reduction = in.reduction("klDiv", true);
      checkLoss("klDiv", losslab::klDiv(in.values(n), in.values(n), o), n, n);
      return;
    }
    case 6: {
      const std::size_t n = in.length(0);
      losslab::SigmoidFocalOptions o;
      o.alpha = in.value();
      o.gamma = in.value();
      o.reduction = in.reduction("sigmoidFocal");
      checkLoss("sigmoidFocal", losslab::sigmoidFocal(in.values(n), in.values(n), o), n, n);
      return;
    }
    case 7: {
      losslab::SoftmaxFocalOptions o;
      o.classes = in.width();
      const std::size_t n = in.length(o.classes);
      const std::size_t rows = rowsFor(n, o.classes);
      o.alpha = in.value();
      o.gamma = in.value();
      o.reduction = in.reduction("softmaxFocal");
      checkLoss("softmaxFocal", losslab::softmaxFocal(in.values(n), in.values(rows), o), n, rows);
      return;
    }
    case 8: {
      losslab::TripletMarginOptions o;
      o.dim = in.width();
      const std::size_t n = in.length(o.dim);
      o.margin = in.value();
      o.p = in.value();
      o.eps = in.value();
      o.swap = in.flag();
      o.reduction = in.reduction("tripletMargin");
      const V a = in.values(n), p = in.values(n), neg = in.values(in.flag() ? n : in.length(0));
      checkLoss("tripletMargin", losslab::tripletMargin(a, p, neg, o), n, rowsFor(n, o.dim));
      return;
    }
    case 9: {
      losslab::CosineEmbeddingOptions o;
      o.dim = in.width();
      const std::size_t n = in.length(o.dim);
      o.margin = in.value();
      o.reduction = in.reduction("cosineEmbedding");
      const std::size_t rows = rowsFor(n, o.dim);
      V y(rows);
      for (double& v : y) v = in.flag() ? 1.0 : (in.flag() ? -1.0 : in.value());
      checkLoss("cosineEmbedding", losslab::cosineEmbedding(in.values(n), in.values(n), y, o), n, rows);
      return;
    }
    case 10: {
      losslab::InfoNceOptions o;
      o.dim = in.width();
      const std::size_t n = in.length(o.dim);
      o.temperature = in.value();
      o.symmetric = in.flag();
      const LossResult r = losslab::infoNCE(in.values(n), in.values(n), o);
      if (r.grad.size() != n || r.reduction != Reduction::Mean) violated("infoNCE", "bad result shape");
      return;
    }
    case 11: {  // dice, iou, tversky, focalTversky
      const std::size_t n = in.length(0);
      losslab::OverlapOptions o;
      o.smooth = in.flag() ? 1.0 : in.value();
      o.alpha = in.flag() ? 0.3 : in.value();
      o.beta = in.flag() ? 0.7 : in.value();
      o.gamma = in.flag() ? 0.75 : in.value();
      const V p = in.values(n), t = in.values(n);
      const int k = in.choice(4);
      const char* names[] = {"dice", "iou", "tversky", "focalTversky"};
      const LossResult r = k == 0   ? losslab::dice(p, t, o)
                           : k == 1 ? losslab::iou(p, t, o)
                           : k == 2 ? losslab::tversky(p, t, o)
                                    : losslab::focalTversky(p, t, o);
      if (r.grad.size() != n || r.reduction != Reduction::Mean) violated(names[k], "bad result shape");
      return;
    }
    case 12: {
      const std::size_t n = in.length(4);
      losslab::GiouOptions o;
      o.eps = in.flag() ? 1e-7 : in.value();
      o.reduction = in.reduction("giou");
      // Mostly well-formed boxes (x1 <= x2, y1 <= y2), sometimes anything.
      V b1 = in.values(n), b2 = in.values(in.flag() ? n : in.length(0));
      if (in.flag()) {
        for (V* b : {&b1, &b2}) {
          for (std::size_t i = 0; i + 3 < b->size(); i += 4) {
            if ((*b)[i] > (*b)[i + 2]) std::swap((*b)[i], (*b)[i + 2]);
            if ((*b)[i + 1] > (*b)[i + 3]) std::swap((*b)[i + 1], (*b)[i + 3]);
          }
        }
      }
      checkLoss("giou", losslab::giou(b1, b2, o), n, n / 4);
      return;
    }
    case 13: {  // logSumExp / softmax / logSoftmax rows, both precisions, stable and naive
      const std::size_t width = in.width();
      const std::size_t n = in.length(width);
      const V x = in.values(n);
      const bool stable = in.flag();
      const losslab::Precision precision = losslab::parsePrecision("softmax", in.pick({"f64", "f32"}));
      const int k = in.choice(3);
      const std::size_t rows = width == 0 ? 0 : n / width;
      if (k == 0) {
        if (losslab::logSumExpRows(x, width, stable, precision).size() != rows) violated("logSumExp", "rows");
      } else {
        const V out = k == 1 ? losslab::softmaxRows(x, width, stable, precision)
                             : losslab::logSoftmaxRows(x, width, stable, precision);
        if (out.size() != n) violated("softmax", "length");
      }
      if (!x.empty()) {
        V out(x.size());
        losslab::logSoftmax(x.data(), x.size(), out.data());
        (void)losslab::logSumExp(x.data(), x.size());
      }
      return;
    }
    case 14: {
      const std::size_t n = in.length(0);
      losslab::ClassWeightOptions o;
      o.strategy = losslab::parseWeightStrategy("classWeights", in.pick({"inverse", "inverse_sqrt", "effective"}));
      o.beta = in.flag() ? 0.999 : in.value();
      if (losslab::classWeights(in.values(n), o).size() != n) violated("classWeights", "length");
      return;
    }
    case 15: {
      losslab::EceOptions o;
      o.classes = in.width();
      o.bins = in.flag() ? 15 : in.count();
      const std::size_t n = in.length(o.classes);
      V probs = in.values(n);
      if (in.flag()) {
        for (double& p : probs) p = p != p ? 0.5 : (p < 0 ? -p : p) / (1.0 + (p < 0 ? -p : p));  // into [0, 1)
      }
      const losslab::EceResult r = losslab::ece(probs, in.values(rowsFor(n, o.classes)), o);
      if (r.bins.size() != o.bins) violated("ece", "bin count");
      return;
    }
    case 16: {
      losslab::FitTemperatureOptions o;
      o.classes = in.width();
      const std::size_t n = in.length(o.classes);
      const losslab::TemperatureFit fit = losslab::fitTemperature(in.values(n), in.values(rowsFor(n, o.classes)), o);
      if (!(fit.temperature > 0)) violated("fitTemperature", "temperature not positive");
      return;
    }
    case 17: {  // landscape curves (sizes kept small: a curve of 100000 points is valid but slow to fuzz)
      const losslab::CurveKind kind =
          losslab::parseCurveKind("curves", in.pick({"error", "probability", "logit", "focal"}));
      losslab::CurveOptions o;
      if (in.flag()) {
        o.from = in.value();
        o.to = in.value();
      }
      o.count = in.small(70);
      o.target = in.flag() ? 1.0 : in.value();
      o.delta = in.flag() ? 1.0 : in.value();
      o.beta = in.flag() ? 1.0 : in.value();
      if (in.flag()) o.gammas = in.values(in.small(20));
      o.alpha = in.flag() ? 1.0 : in.value();
      const losslab::Curves c = losslab::curves(kind, o);
      for (const auto& s : c.series) {
        if (s.loss.size() != c.x.size() || s.grad.size() != c.x.size()) violated("curves", "series length");
      }
      return;
    }
    case 18: {  // landscape surfaces and descent paths on small grids and datasets
      const losslab::SurfaceKind kind = losslab::parseSurfaceKind(
          "surface", in.pick({"crossEntropy", "mse", "l1", "huber", "bce", "bceWithLogits"}));
      losslab::SurfaceOptions o;
      o.n = in.small(9);
      if (in.flag()) {
        o.xMin = in.value();
        o.xMax = in.value();
        o.yMin = in.value();
        o.yMax = in.value();
      }
      o.z3 = in.flag() ? 0.0 : in.value();
      o.target = in.small(3);
      o.labelSmoothing = in.flag() ? 0.0 : in.value();
      o.seed = in.seed();
      o.samples = in.small(40);
      if (in.flag()) {
        o.slope = in.value();
        o.intercept = in.value();
      }
      o.noise = in.flag() ? 0.3 : in.value();
      o.outliers = in.flag() ? 0.0 : in.value();
      o.outlierOffset = in.flag() ? 6.0 : in.value();
      o.delta = in.flag() ? 1.0 : in.value();
      switch (in.choice(3)) {
        case 0: {
          losslab::Surface surface(2 + in.small(7));
          const losslab::SurfaceStats stats = surface.compute(kind, o);
          if (stats.n > surface.maxN()) violated("surface", "n above maxN");
          return;
        }
        case 1: {  // what the JS surfaceData returns: the objective validates, then builds the data
          const losslab::SurfaceObjective objective("surfaceData", kind, o);
          double gx = 0.0, gy = 0.0;
          const double x = in.value(), y = in.value();
          (void)objective.lossAndGradient(x, y, &gx, &gy);
          (void)objective.loss(x, y);
          return;
        }
        default: {
          losslab::DescentOptions d;
          d.optimizer.kind = losslab::parseOptimizer("descentPath", in.pick({"sgd", "momentum", "adam"}));
          d.optimizer.learningRate = in.flag() ? 0.1 : in.value();
          d.optimizer.momentum = in.flag() ? 0.9 : in.value();
          d.optimizer.beta1 = in.flag() ? 0.9 : in.value();
          d.optimizer.beta2 = in.flag() ? 0.999 : in.value();
          d.optimizer.eps = in.flag() ? 1e-8 : in.value();
          d.startX = in.value();
          d.startY = in.value();
          d.steps = in.small(30);
          const losslab::DescentPath path = losslab::descentPath(kind, o, d);
          if (path.x.size() != d.steps + 1 || path.loss.size() != d.steps + 1) violated("descentPath", "length");
          return;
        }
      }
    }
    case 19: {  // the tiny MLP trainer on small datasets and networks
      losslab::TrainerConfig c;
      c.data.kind = losslab::parseDatasetKind(
          "createTrainer", in.pick({"moons", "blobs", "spirals", "regression1d", "regression2d"}));
      c.data.samples = in.small(48);
      if (in.flag()) c.data.noise = in.value();
      c.data.classes = in.small(11);
      c.data.imbalance = in.flag() ? 1.0 : in.value();
      c.data.outliers = in.flag() ? 0.0 : in.value();
      c.data.outlierOffset = in.flag() ? 3.0 : in.value();
      c.data.seed = in.seed();
      c.hidden.assign(in.small(2), 0);
      for (std::size_t& units : c.hidden) units = in.small(8);
      c.activation = losslab::parseActivation("createTrainer", in.pick({"sigmoid", "tanh", "relu"}));
      c.init = losslab::parseInit("createTrainer", in.pick({"auto", "xavier", "he"}));
      c.initScale = in.flag() ? 1.0 : in.value();
      c.head = losslab::parseHead("createTrainer", in.pick({"auto", "regression", "binary", "multiclass", "focal"}));
      c.regressionLoss = losslab::parseRegressionLoss("createTrainer", in.pick({"mse", "l1", "huber", "smoothL1"}));
      c.delta = in.flag() ? 1.0 : in.value();
      c.beta = in.flag() ? 1.0 : in.value();
      if (in.flag()) c.posWeight = in.values(in.small(2));
      if (in.flag()) c.classWeights = in.values(in.small(11));
      c.labelSmoothing = in.flag() ? 0.0 : in.value();
      c.focalAlpha = in.flag() ? 0.25 : in.value();
      c.focalGamma = in.flag() ? 2.0 : in.value();
      c.optimizer.kind = losslab::parseOptimizer("createTrainer", in.pick({"sgd", "momentum", "adam"}));
      if (!in.flag()) c.learningRate = in.value();
      c.clipNorm = in.flag() ? 0.0 : in.value();
      c.batchSize = in.small(50);
      c.seed = in.seed();
      losslab::Trainer trainer(c);
      const std::vector<losslab::StepRecord> records = trainer.step(1 + in.small(4));
      if (records.empty()) violated("trainer.step", "no records");
      std::vector<double> grad;
      (void)trainer.lossAndGradient(trainer.parameters(), &grad);
      if (grad.size() != trainer.parameters().size()) violated("trainer.lossAndGradient", "gradient length");
      const V points = in.values(in.small(12));
      (void)trainer.predict(points);
      if (trainer.data().inputs == 2) {
        const double x0 = in.value(), x1 = in.value(), y0 = in.value(), y1 = in.value();
        (void)trainer.predictGrid(in.small(6), x0, x1, y0, y1);
      }
      if (in.flag()) trainer.setParameters(in.values(in.flag() ? trainer.parameters().size() : in.small(40)));
      (void)trainer.extent();
      return;
    }
    default:
      return;
  }
}

// The function each case of runOne calls ("" where a case covers several: regression, overlap, stable).
const char* const kFunctionOf[] = {
    "",              "bce",             "bceWithLogits", "crossEntropy", "nll",          "klDiv",
    "sigmoidFocal",  "softmaxFocal",    "tripletMargin", "cosineEmbedding", "infoNCE",   "",
    "giou",          "",                "classWeights",  "ece",          "fitTemperature", "",
    "",              ""};  // landscape and trainer: their messages name the JS function ("surface", "createTrainer")

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  Input in(data, size);
  const int which = in.choice(20);
  try {
    runOne(in, which);
  } catch (const losslab::Error& e) {
    // The message must name the function. Families that share a case (regression, overlap, stable) may name any
    // of their members, so only a non-empty prefix and the ": " separator are required of those.
    const std::string message = e.what();
    const std::string expected = kFunctionOf[which];
    const std::size_t colon = message.find(": ");
    if (colon == std::string::npos || colon == 0) violated("error message", message.c_str());
    if (!expected.empty() && message.compare(0, expected.size() + 2, expected + ": ") != 0) {
      violated("error message names another function", message.c_str());
    }
  }
  return 0;
}
