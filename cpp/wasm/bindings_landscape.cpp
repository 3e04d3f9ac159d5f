// Adapters for the landscape kernels: curves and descent paths return plain objects of Float64Arrays; a Surface owns
// its float32 grid and hands JavaScript a view over wasm memory (no copy). Errors come back as values (adapters.hpp).
#include <emscripten/val.h>
#include <emscripten/wire.h>

#include <cmath>
#include <string>

#include "adapters.hpp"
#include "bindings.hpp"
#include "losslab/error.hpp"
#include "losslab/landscape.hpp"

namespace losslab::wasm {

std::string kindText(const char* function, const val& kind) {
  if (!kind.isString()) {
    fail(function, "kind = " + val::global("String")(kind).as<std::string>() + " must be a string");
  }
  return kind.as<std::string>();
}

void readOptimizer(const OptionReader& o, OptimizerConfig* c) {
  c->kind = o.choice("optimizer", c->kind, parseOptimizer);
  c->momentum = o.number("momentum", c->momentum);
  c->beta1 = o.number("beta1", c->beta1);
  c->beta2 = o.number("beta2", c->beta2);
  c->eps = o.number("eps", c->eps);
}

namespace {

SurfaceOptions readSurfaceOptions(const OptionReader& o) {
  SurfaceOptions s;
  s.n = o.count("n", s.n);
  const std::vector<double> extent = o.numbers("extent", 4, {s.xMin, s.xMax, s.yMin, s.yMax});
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

val seriesToJs(const CurveSeries& s) {
  val out = val::object();
  out.set("name", s.name);
  if (s.name == "focal") out.set("gamma", s.gamma);
  if (s.name == "crossEntropy") out.set("labelSmoothing", s.labelSmoothing);
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
    c.classes = o.count("classes", c.classes);
    if (o.has("labelSmoothings")) c.labelSmoothings = o.numbers("labelSmoothings");
    o.finish();
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
    const OptionReader o(fn, options);
    const SurfaceOptions surface = readSurfaceOptions(o);
    DescentOptions d;
    readOptimizer(o, &d.optimizer);
    d.optimizer.learningRate = o.number("learningRate", d.optimizer.learningRate);
    const std::vector<double> start = o.numbers("start", 2, {d.startX, d.startY});
    d.startX = start[0], d.startY = start[1];
    d.steps = o.count("steps", d.steps);
    o.finish();
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
    const OptionReader o(fn, options);
    const SurfaceOptions surface = readSurfaceOptions(o);
    o.finish();
    const SurfaceObjective objective(fn, k, surface);
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
    const OptionReader o(fn, options);
    const SurfaceOptions surface = readSurfaceOptions(o);
    o.finish();
    surface_->compute(k, surface);
    return view();
  });
}

val SurfaceJs::view() const {
  // A view, not a copy: it reads the C++ buffer in place and detaches if wasm memory grows (see web/src/core/landscape.js).
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
           "maxN = " + formatNumber(n) + " must be a whole number in [2, " + std::to_string(Surface::kMaxN) + "]");
    }
    return val(SurfaceJs(std::make_unique<Surface>(static_cast<std::size_t>(n))));
  });
}

}  // namespace losslab::wasm
