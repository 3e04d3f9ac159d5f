// Adapters for the MLP trainer: createTrainer(config) reads the config and returns a Trainer handle or an Error;
// step(n) returns its n records packed into ONE Float64Array (web/src/core/trainer.js unpacks them), because
// building n JS objects field by field through embind costs more than the steps themselves.
#include <emscripten/val.h>

#include <optional>
#include <string>

#include "adapters.hpp"
#include "bindings.hpp"
#include "losslab/error.hpp"
#include "losslab/train.hpp"

namespace losslab::wasm {
namespace {

TrainerConfig readConfig(const val& config) {
  const char* fn = "createTrainer";
  const OptionReader o(fn, config);
  TrainerConfig c;
  c.seed = o.count("seed", c.seed);
  DatasetOptions& d = c.data;
  if (o.has("data") && o.has("dataset")) fail(fn, "give data or dataset, not both (they are the same option)");
  const char* dataKey = o.has("dataset") ? "dataset" : "data";
  if (o.has(dataKey)) d.kind = parseDatasetKind(fn, o.text(dataKey, ""), dataKey);
  const bool custom = d.kind == DatasetKind::Custom;
  for (const char* name : {"x", "y", "inputs"}) {
    if (custom && !o.has(name)) fail(fn, std::string("data = 'custom' needs ") + name);
    if (!custom && o.has(name)) fail(fn, std::string(name) + " applies to data = 'custom' only");
  }
  for (const char* name : {"samples", "noise", "imbalance", "outliers", "outlierOffset", "dataSeed"}) {
    if (custom && o.has(name)) fail(fn, std::string(name) + " does not apply to data = 'custom' (its points are given)");
  }
  d.x = o.numbers("x");
  d.y = o.numbers("y");
  d.inputs = o.count("inputs", d.inputs);
  d.samples = o.count("samples", d.samples);
  if (o.has("noise")) d.noise = o.number("noise", 0.0);
  d.classes = o.count("classes", d.classes);
  d.imbalance = o.number("imbalance", d.imbalance);
  d.outliers = o.number("outliers", d.outliers);
  d.outlierOffset = o.number("outlierOffset", d.outlierOffset);
  if (o.has("dataSeed")) d.seed = o.count("dataSeed", 0);
  if (o.has("hidden")) {
    const std::vector<double> widths = o.numbers("hidden");
    c.hidden.clear();
    for (std::size_t i = 0; i < widths.size(); ++i) {
      const double w = widths[i];
      if (!(w >= 0.0 && w <= 1e6) || w != static_cast<double>(static_cast<std::size_t>(w))) {
        fail(fn, "hidden[" + std::to_string(i) + "] = " + formatNumber(w) + " must be a whole number of units");
      }
      c.hidden.push_back(static_cast<std::size_t>(w));
    }
  }
  c.activation = o.choice("activation", c.activation, parseActivation);
  c.init = o.choice("init", c.init, parseInit);
  c.initScale = o.number("initScale", c.initScale);
  c.head = o.choice("head", c.head, parseHead);
  c.regressionLoss = o.choice("regressionLoss", c.regressionLoss, parseRegressionLoss);
  c.binaryLoss = o.choice("binaryLoss", c.binaryLoss, parseBinaryLoss);
  c.delta = o.number("delta", c.delta);
  c.beta = o.number("beta", c.beta);
  if (o.has("posWeight")) c.posWeight = {o.number("posWeight", 0.0)};
  c.classWeights = o.numbers("classWeights");
  c.labelSmoothing = o.number("labelSmoothing", c.labelSmoothing);
  c.focalAlpha = o.number("focalAlpha", c.focalAlpha);
  c.focalGamma = o.number("focalGamma", c.focalGamma);
  readOptimizer(o, &c.optimizer);
  if (o.has("learningRate")) c.learningRate = o.number("learningRate", 0.0);
  c.clipNorm = o.number("clipNorm", c.clipNorm);
  c.batchSize = o.count("batchSize", c.batchSize);
  o.finish();
  return c;
}

}  // namespace

TrainerJs::TrainerJs(std::unique_ptr<Trainer> trainer) : trainer_(std::move(trainer)) {}
TrainerJs::TrainerJs(TrainerJs&&) noexcept = default;
TrainerJs& TrainerJs::operator=(TrainerJs&&) noexcept = default;
TrainerJs::~TrainerJs() = default;

// Record layout (width 7 + L + 4 H for L layers, H = L - 1 hidden layers):
//   step, loss, accuracy, gradNorm, clipped (0/1), nonFinite stage (0 none, 1 forward, 2 loss, 3 backward,
//   4 update), nonFinite layer, gradNorms[L], then mean, std, saturated, dead for each hidden layer.
val TrainerJs::step(val n) {
  return guarded([&] {
    if (!n.isNumber()) fail("trainer.step", "n = " + val::global("String")(n).as<std::string>() + " must be a number");
    const double count = n.as<double>();
    if (!(count >= 1.0 && count <= 100000.0) || count != static_cast<double>(static_cast<std::size_t>(count))) {
      fail("trainer.step", "n = " + formatNumber(count) + " must be a whole number in [1, 100000]");
    }
    const std::vector<StepRecord> records = trainer_->step(static_cast<std::size_t>(count));
    const std::size_t layers = trainer_->layers().size(), width = 7 + layers + 4 * (layers - 1);
    std::vector<double> packed;
    packed.reserve(records.size() * width);
    for (const StepRecord& r : records) {
      packed.insert(packed.end(), {static_cast<double>(r.step), r.loss, r.accuracy, r.gradNorm, r.clipped ? 1.0 : 0.0,
                                   static_cast<double>(r.nonFinite.stage), static_cast<double>(r.nonFinite.layer)});
      packed.insert(packed.end(), r.gradNorms.begin(), r.gradNorms.end());
      for (const ActivationStats& a : r.activations) packed.insert(packed.end(), {a.mean, a.std, a.saturated, a.dead});
    }
    return toFloat64Array(packed);
  });
}

val TrainerJs::predict(val points) {
  return guarded([&] {
    const bool array =
        val::global("Array").call<bool>("isArray", points) || val::global("ArrayBuffer").call<bool>("isView", points);
    if (!array) fail("trainer.predict", "points must be an array or Float64Array");
    return toFloat64Array(trainer_->predict(toVector(points)));
  });
}

val TrainerJs::predictGrid(val n, val extent) {
  return guarded([&] {
    const char* fn = "trainer.predictGrid";
    val options = val::object();
    options.set("n", n);
    options.set("extent", extent.isUndefined() || extent.isNull() ? val(toFloat64Array(trainer_->extent())) : extent);
    const OptionReader o(fn, options);
    const std::size_t side = o.count("n", 0);
    const std::vector<double> box = o.numbers("extent");
    if (box.size() != 4) fail(fn, "extent has length " + std::to_string(box.size()) + ", expected 4");
    return toFloat64Array(trainer_->predictGrid(side, box[0], box[1], box[2], box[3]));
  });
}

namespace {

// [{ inputs, outputs, weight, bias }] of a flat parameter-shaped vector (parameters or a gradient).
val layersToJs(const Trainer& trainer, const std::vector<double>& p) {
  val layers = val::array();
  for (std::size_t l = 0; l < trainer.layers().size(); ++l) {
    const Trainer::Layer& layer = trainer.layers()[l];
    const std::size_t weights = layer.outputs * layer.inputs;
    val entry = val::object();
    entry.set("inputs", layer.inputs);
    entry.set("outputs", layer.outputs);
    entry.set("weight",
              toFloat64Array(std::vector<double>(p.begin() + static_cast<std::ptrdiff_t>(layer.offset),
                                                 p.begin() + static_cast<std::ptrdiff_t>(layer.offset + weights))));
    entry.set("bias", toFloat64Array(std::vector<double>(
                          p.begin() + static_cast<std::ptrdiff_t>(layer.offset + weights),
                          p.begin() + static_cast<std::ptrdiff_t>(layer.offset + weights + layer.outputs))));
    layers.set(l, entry);
  }
  return layers;
}

}  // namespace

val TrainerJs::parameters() const { return layersToJs(*trainer_, trainer_->parameters()); }

val TrainerJs::gradients(val options) const {
  return guarded([&] {
    const char* fn = "trainer.gradients";
    const OptionReader o(fn, options);
    std::optional<std::size_t> sample;
    if (o.has("sample")) sample = o.count("sample", 0);
    o.finish();
    return layersToJs(*trainer_, trainer_->gradient(sample));
  });
}

val TrainerJs::describe() const {
  const Dataset& d = trainer_->data();
  val out = val::object();
  out.set("head", std::string(headName(trainer_->head())));
  out.set("inputs", d.inputs);
  out.set("outputs", trainer_->outputs());
  out.set("classes", d.classes);
  out.set("samples", d.size());
  out.set("layers", trainer_->layers().size());
  out.set("parameterCount", trainer_->parameters().size());
  out.set("x", toFloat64Array(d.x));
  out.set("y", toFloat64Array(d.y));
  out.set("extent", toFloat64Array(trainer_->extent()));
  return out;
}

val TrainerJs::firstNonFinite() const {
  const NonFinite& f = trainer_->firstNonFinite();
  if (f.stage == Stage::None) return val::null();
  val out = val::object();
  out.set("step", f.step);
  out.set("stage", std::string(stageName(f.stage)));
  out.set("layer", f.layer);
  return out;
}

double TrainerJs::steps() const { return static_cast<double>(trainer_->steps()); }

val createTrainerJs(val config) {
  return guarded([&] { return val(TrainerJs(std::make_unique<Trainer>(readConfig(config)))); });
}

}  // namespace losslab::wasm
