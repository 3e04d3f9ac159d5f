// Adapters for the landscape kernels: curves and descent paths return plain objects of Float64Arrays; a Surface owns
// its float32 grid and hands JavaScript a view over wasm memory (no copy). Errors come back as values (adapters.hpp).
#include <emscripten/val.h>
#include <emscripten/wire.h>

#include <cmath>
#include <initializer_list>
#include <string>

#include "adapters.hpp"
#include "bindings.hpp"
#include "losslab/error.hpp"
#include "losslab/landscape.hpp"

namespace losslab::wasm {

void rejectUnknownOptions(const char* function, const val& options, std::initializer_list<const char*> known) {
  if (options.isUndefined() || options.isNull() || options.typeOf().as<std::string>() != "object") return;
  const val keys = val::global("Object").call<val>("keys", options);
  const auto count = keys["length"].as<std::size_t>();
  for (std::size_t i = 0; i < count; ++i) {
    const std::string key = keys[i].as<std::string>();
    bool found = false;
    for (const char* name : known) found = found || key == name;
    if (!found) fail(function, "unknown option '" + key + "'");
  }
}

std::string numberText(double value) {
  // formatNumber's shortest form writes 1000 as "1e+03"; whole numbers read better in full.
  if (std::isfinite(value) && value == std::floor(value) && std::abs(value) < 1e15) {
    return std::to_string(static_cast<long long>(value));
  }
  return formatNumber(value);
}

std::string kindText(const char* function, const val& kind) {
  if (!kind.isString()) {
    fail(function, "kind = " + val::global("String")(kind).as<std::string>() + " must be a string");
  }
  return kind.as<std::string>();
}

namespace {

// Reads `name` as an array of exactly `length` numbers into out (left as it is when the option is absent).
void readFixedArray(const char* function, const OptionReader& o, const char* name, std::size_t length, double* out) {
  if (!o.has(name)) return;
  const std::vector<double> values = o.numbers(name);
  if (values.size() != length) {
    fail(function,
         std::string(name) + " has length " + std::to_string(values.size()) + ", expected " + std::to_string(length));
  }
  for (std::size_t i = 0; i < length; ++i) out[i] = values[i];
}

SurfaceOptions readSurfaceOptions(const char* function, const OptionReader& o) {
  SurfaceOptions s;
  s.n = o.count("n", s.n);
  double extent[4] = {0.0, 0.0, 0.0, 0.0};
  readFixedArray(function, o, "extent", 4, extent);
  s.xMin = extent[0], s.xMax = extent[1], s.yMin = extent[2], s.yMax = extent[3];
  s.z3 = o.number("z3", s.z3);
  s.target = o.count("target", s.target);
  s.labelSmoothing = o.number("labelSmoothing", s.labelSmoothing);
  s.seed = o.count("seed", s.seed);
  s.samples = o.count("samples", s.samples);
  s.slope = o.number("slope", s.slope);
  s.intercept = o.number("intercept", s.intercept);
  s.noise = o.number("noise", s.noise);
  s.outliers = o.number("outliers", s.outliers);
  s.outlierOffset = o.number("outlierOffset", s.outlierOffset);
  s.delta = o.number("delta", s.delta);
  return s;
}

// The surface option names, shared by three option lists (a macro because initializer lists cannot be joined).
#define LOSSLAB_SURFACE_OPTION_NAMES                                                                             \
  "n", "extent", "z3", "target", "labelSmoothing", "seed", "samples", "slope", "intercept", "noise", "outliers", \
      "outlierOffset", "delta"

val seriesToJs(const CurveSeries& s) {
  val out = val::object();
  out.set("name", s.name);
  if (s.name == "focal") out.set("gamma", s.gamma);
  out.set("loss", toFloat64Array(s.loss));
  out.set("grad", toFloat64Array(s.grad));
  if (!s.gradLogit.empty()) out.set("gradLogit", toFloat64Array(s.gradLogit));
  return out;
}

}  // namespace

val curvesJs(val kind, val options) {
  return guarded([&] {
    const char* fn = "curves";
    const CurveKind k = parseCurveKind(fn, kindText(fn, kind));
    rejectUnknownOptions(fn, options, {"from", "to", "count", "target", "delta", "beta", "gammas", "alpha"});
    const OptionReader o(fn, options);
    CurveOptions c;
    c.from = o.number("from", c.from);
    c.to = o.number("to", c.to);
    c.count = o.count("count", c.count);
    c.target = o.number("target", c.target);
    c.delta = o.number("delta", c.delta);
    c.beta = o.number("beta", c.beta);
    if (o.has("gammas")) c.gammas = o.numbers("gammas");
    c.alpha = o.number("alpha", c.alpha);
    const Curves result = curves(k, c);
    val series = val::array();
    for (std::size_t i = 0; i < result.series.size(); ++i) series.set(i, seriesToJs(result.series[i]));
    val out = val::object();
    out.set("x", toFloat64Array(result.x));
    out.set("series", series);
    return out;
  });
}

val descentPathJs(val kind, val options) {
  return guarded([&] {
    const char* fn = "descentPath";
    const SurfaceKind k = parseSurfaceKind(fn, kindText(fn, kind));
    rejectUnknownOptions(fn, options,
                         {LOSSLAB_SURFACE_OPTION_NAMES, "optimizer", "learningRate", "momentum", "beta1", "beta2",
                          "eps", "start", "steps"});
    const OptionReader o(fn, options);
    const SurfaceOptions surface = readSurfaceOptions(fn, o);
    DescentOptions d;
    d.optimizer.kind = parseOptimizer(fn, o.text("optimizer", "sgd"));
    d.optimizer.learningRate = o.number("learningRate", d.optimizer.learningRate);
    d.optimizer.momentum = o.number("momentum", d.optimizer.momentum);
    d.optimizer.beta1 = o.number("beta1", d.optimizer.beta1);
    d.optimizer.beta2 = o.number("beta2", d.optimizer.beta2);
    d.optimizer.eps = o.number("eps", d.optimizer.eps);
    double start[2] = {d.startX, d.startY};
    readFixedArray(fn, o, "start", 2, start);
    d.startX = start[0], d.startY = start[1];
    d.steps = o.count("steps", d.steps);
    const DescentPath path = descentPath(k, surface, d);
    val out = val::object();
    out.set("x", toFloat64Array(path.x));
    out.set("y", toFloat64Array(path.y));
    out.set("loss", toFloat64Array(path.loss));
    out.set("gradX", toFloat64Array(path.gradX));
    out.set("gradY", toFloat64Array(path.gradY));
    if (isBinarySurface(k)) out.set("accuracy", toFloat64Array(path.accuracy));
    return out;
  });
}

val surfaceDataJs(val kind, val options) {
  return guarded([&] {
    const char* fn = "surfaceData";
    const SurfaceKind k = parseSurfaceKind(fn, kindText(fn, kind));
    rejectUnknownOptions(fn, options, {LOSSLAB_SURFACE_OPTION_NAMES});
    const OptionReader o(fn, options);
    const SurfaceObjective objective(fn, k, readSurfaceOptions(fn, o));
    val out = val::object();
    out.set("x", toFloat64Array(objective.data().x));
    out.set("y", toFloat64Array(objective.data().y));
    return out;
  });
}

// ---- Surface -------------------------------------------------------------------------------------------------------

SurfaceJs::SurfaceJs(std::unique_ptr<Surface> surface) : surface_(std::move(surface)) {}
SurfaceJs::SurfaceJs(SurfaceJs&&) noexcept = default;
SurfaceJs& SurfaceJs::operator=(SurfaceJs&&) noexcept = default;
SurfaceJs::~SurfaceJs() = default;

val SurfaceJs::compute(val kind, val options) {
  return guarded([&] {
    const char* fn = "surface.compute";
    const SurfaceKind k = parseSurfaceKind(fn, kindText(fn, kind));
    rejectUnknownOptions(fn, options, {LOSSLAB_SURFACE_OPTION_NAMES});
    const OptionReader o(fn, options);
    surface_->compute(k, readSurfaceOptions(fn, o));
    return view();
  });
}

val SurfaceJs::view() const {
  // A view, not a copy: it reads the C++ buffer in place and detaches if wasm memory grows (see surface.js).
  return val(emscripten::typed_memory_view(surface_->n() * surface_->n(), surface_->data()));
}

val SurfaceJs::stats() const {
  const SurfaceStats& s = surface_->stats();
  val out = val::object();
  out.set("n", s.n);
  out.set("min", s.min);
  out.set("max", s.max);
  out.set("xAtMin", s.xAtMin);
  out.set("yAtMin", s.yAtMin);
  return out;
}

std::size_t SurfaceJs::maxN() const { return surface_->maxN(); }

val createSurfaceJs(val maxN) {
  return guarded([&] {
    if (!maxN.isNumber()) {
      fail("createSurface", "maxN = " + val::global("String")(maxN).as<std::string>() + " must be a number");
    }
    const double n = maxN.as<double>();
    if (!(n >= 2.0 && n <= static_cast<double>(Surface::kMaxN)) ||
        n != static_cast<double>(static_cast<std::size_t>(n))) {
      fail("createSurface",
           "maxN = " + numberText(n) + " must be a whole number in [2, " + std::to_string(Surface::kMaxN) + "]");
    }
    return val(SurfaceJs(std::make_unique<Surface>(static_cast<std::size_t>(n))));
  });
}

}  // namespace losslab::wasm
