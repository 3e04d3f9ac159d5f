#include "losslab/train.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <utility>

#include "losslab/classification.hpp"
#include "losslab/error.hpp"
#include "losslab/names.hpp"
#include "losslab/reduction.hpp"
#include "losslab/regression.hpp"
#include "losslab/stable.hpp"

namespace losslab {
namespace {

constexpr const char* kCreate = "createTrainer";
constexpr double kPi = 3.141592653589793;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Size limits keep the worst case (2000 samples x 10 layers x 64 units x pre-activation and activation) near 20 MB
// of wasm memory; a lesson's networks are far smaller.
constexpr std::size_t kMinSamples = 4, kMaxSamples = 2000;
constexpr std::size_t kMaxHiddenLayers = 10, kMaxWidth = 64;
constexpr std::size_t kMaxClasses = 10;
constexpr std::size_t kMaxStepsPerCall = 100000;
constexpr std::size_t kMaxGrid = 512;
// predictGrid evaluates its n^2 points in chunks of this many rows so a 512 x 512 grid never holds all of its
// activations at once (262144 rows x 64 units x 8 bytes = 128 MB per layer otherwise).
constexpr std::size_t kPredictChunk = 4096;

// "Saturated" thresholds (see ActivationStats): sigmoid' = a (1 - a) < 0.0099 outside [0.01, 0.99];
// tanh' = 1 - a^2 < 0.0199 for |a| > 0.99.
constexpr double kSigmoidLow = 0.01, kSigmoidHigh = 0.99, kTanhEdge = 0.99;

void requireCount(const char* fn, const std::string& name, std::size_t value, std::size_t lo, std::size_t hi) {
  if (value < lo || value > hi) {
    fail(fn, name + " = " + std::to_string(value) + " is out of range [" + std::to_string(lo) + ", " +
                 std::to_string(hi) + "]");
  }
}

void requireNonNegativeFinite(const char* fn, const char* name, double value) {
  if (!(value >= 0.0) || std::isinf(value)) {
    fail(fn, std::string(name) + " = " + formatNumber(value) + " must be a non-negative finite number");
  }
}

constexpr std::size_t kMaxCustomInputs = 64;

double defaultNoise(DatasetKind kind) {
  switch (kind) {
    case DatasetKind::Moons: return 0.1;
    case DatasetKind::Blobs: return 0.6;
    case DatasetKind::Spirals: return 0.05;
    case DatasetKind::Regression1d:
    case DatasetKind::Regression2d: return 0.1;
    case DatasetKind::Custom: return 0.0;
  }
  return 0.0;
}

void addPoint(Dataset* d, double x0, double x1, double label) {
  d->x.push_back(x0);
  d->x.push_back(x1);
  d->y.push_back(label);
}

bool finiteAll(const double* v, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) {
    if (!std::isfinite(v[i])) return false;
  }
  return true;
}

double sumOfSquares(const double* v, std::size_t n) {
  double s = 0.0;
  for (std::size_t i = 0; i < n; ++i) s += v[i] * v[i];
  return s;
}

double activate(Activation act, double z) {
  switch (act) {
    case Activation::Sigmoid: return sigmoid(z);
    case Activation::Tanh: return std::tanh(z);
    case Activation::Relu: return z > 0.0 ? z : 0.0;
  }
  return z;
}

// The derivative from the pre-activation z and the activation a (torch's relu backward gives 0 at z = 0).
double activationSlope(Activation act, double z, double a) {
  switch (act) {
    case Activation::Sigmoid: return a * (1.0 - a);
    case Activation::Tanh: return 1.0 - a * a;
    case Activation::Relu: return z > 0.0 ? 1.0 : 0.0;
  }
  return 1.0;
}

bool isSaturated(Activation act, double z, double a) {
  switch (act) {
    case Activation::Sigmoid: return a < kSigmoidLow || a > kSigmoidHigh;
    case Activation::Tanh: return std::abs(a) > kTanhEdge;
    case Activation::Relu: return z <= 0.0;
  }
  return false;
}

}  // namespace

// ---- names ---------------------------------------------------------------------------------------------------------

namespace {

constexpr Named<DatasetKind> kDatasets[] = {{"moons", DatasetKind::Moons},
                                            {"blobs", DatasetKind::Blobs},
                                            {"spirals", DatasetKind::Spirals},
                                            {"regression1d", DatasetKind::Regression1d},
                                            {"regression2d", DatasetKind::Regression2d},
                                            {"custom", DatasetKind::Custom}};
constexpr Named<Activation> kActivations[] = {
    {"sigmoid", Activation::Sigmoid}, {"tanh", Activation::Tanh}, {"relu", Activation::Relu}};
constexpr Named<Head> kHeads[] = {{"auto", Head::Auto},
                                  {"regression", Head::Regression},
                                  {"binary", Head::Binary},
                                  {"multiclass", Head::Multiclass},
                                  {"focal", Head::Focal}};
constexpr Named<RegressionLoss> kRegressionLosses[] = {{"mse", RegressionLoss::Mse},
                                                       {"l1", RegressionLoss::L1},
                                                       {"huber", RegressionLoss::Huber},
                                                       {"smoothL1", RegressionLoss::SmoothL1}};
constexpr Named<BinaryLoss> kBinaryLosses[] = {{"bceWithLogits", BinaryLoss::BceWithLogits},
                                               {"mseSigmoid", BinaryLoss::MseSigmoid}};
constexpr Named<Init> kInits[] = {{"auto", Init::Auto}, {"xavier", Init::Xavier}, {"he", Init::He}};
constexpr Named<Stage> kStages[] = {{"none", Stage::None},
                                    {"forward", Stage::Forward},
                                    {"loss", Stage::Loss},
                                    {"backward", Stage::Backward},
                                    {"update", Stage::Update}};

}  // namespace

DatasetKind parseDatasetKind(const char* fn, const std::string& name, const char* option) {
  return parseName(fn, option, name, kDatasets);
}
Activation parseActivation(const char* fn, const std::string& name) {
  return parseName(fn, "activation", name, kActivations);
}
Head parseHead(const char* fn, const std::string& name) { return parseName(fn, "head", name, kHeads); }
RegressionLoss parseRegressionLoss(const char* fn, const std::string& name) {
  return parseName(fn, "regressionLoss", name, kRegressionLosses);
}
BinaryLoss parseBinaryLoss(const char* fn, const std::string& name) {
  return parseName(fn, "binaryLoss", name, kBinaryLosses);
}
Init parseInit(const char* fn, const std::string& name) { return parseName(fn, "init", name, kInits); }
const char* datasetName(DatasetKind kind) { return nameOf(kind, kDatasets); }
const char* headName(Head head) { return nameOf(head, kHeads); }
const char* stageName(Stage stage) { return nameOf(stage, kStages); }

// ---- datasets ------------------------------------------------------------------------------------------------------

namespace {

Dataset customDataset(const char* fn, const DatasetOptions& o) {
  requireCount(fn, "inputs", o.inputs, 1, kMaxCustomInputs);
  requireCount(fn, "y.length", o.y.size(), 1, kMaxSamples);
  if (o.x.size() != o.y.size() * o.inputs) {
    fail(fn, "x has length " + std::to_string(o.x.size()) + ", expected y.length * inputs = " +
                 std::to_string(o.y.size() * o.inputs));
  }
  for (std::size_t i = 0; i < o.x.size(); ++i) requireFinite(fn, ("x[" + std::to_string(i) + "]").c_str(), o.x[i]);
  for (std::size_t i = 0; i < o.y.size(); ++i) requireFinite(fn, ("y[" + std::to_string(i) + "]").c_str(), o.y[i]);
  Dataset d;
  d.inputs = o.inputs;
  d.x = o.x;
  d.y = o.y;
  if (o.regressionTargets) {
    if (o.classes != 0) fail(fn, "classes = " + std::to_string(o.classes) + " does not apply to regression targets");
    return d;
  }
  bool labels = true;
  double largest = 0.0;
  for (const double v : o.y) {
    labels = labels && v >= 0.0 && v == std::floor(v) && v < static_cast<double>(kMaxClasses);
    largest = std::max(largest, v);
  }
  if (o.classes != 0) {
    requireCount(fn, "classes", o.classes, 2, kMaxClasses);
    for (std::size_t i = 0; i < o.y.size(); ++i) {
      const double v = o.y[i];
      if (!(v >= 0.0 && v == std::floor(v) && v < static_cast<double>(o.classes))) {
        fail(fn, "y[" + std::to_string(i) + "] = " + formatNumber(v) + " is not a class in [0, " +
                     std::to_string(o.classes) + ")");
      }
    }
    d.classes = o.classes;
  } else if (labels) {
    d.classes = std::max<std::size_t>(2, static_cast<std::size_t>(largest) + 1);
  }
  return d;
}

}  // namespace

Dataset makeDataset(const char* fn, const DatasetOptions& o) {
  if (o.kind == DatasetKind::Custom) return customDataset(fn, o);
  requireCount(fn, "samples", o.samples, kMinSamples, kMaxSamples);
  const double noise = o.noise ? *o.noise : defaultNoise(o.kind);
  requireNonNegativeFinite(fn, "noise", noise);
  const bool clustered = o.kind == DatasetKind::Blobs || o.kind == DatasetKind::Spirals;
  if (!clustered && o.classes != 0) {
    fail(fn, "classes = " + std::to_string(o.classes) + " applies to 'blobs' and 'spirals' only, not dataset = '" +
                 datasetName(o.kind) + "'");
  }
  if (o.classes != 0) requireCount(fn, "classes", o.classes, 2, kMaxClasses);
  requireInClosedRange(fn, "imbalance", o.imbalance, 1.0, 1000.0);
  requireInClosedRange(fn, "outliers", o.outliers, 0.0, 1.0);
  requireFinite(fn, "outlierOffset", o.outlierOffset);

  Rng rng(o.seed.value_or(1), 0);
  Dataset d;
  const std::size_t n = o.samples;
  d.x.reserve(2 * n);
  d.y.reserve(n);
  switch (o.kind) {
    case DatasetKind::Moons: {
      d.classes = 2;
      const std::size_t outer = n / 2, inner = n - outer;  // sklearn's split
      for (std::size_t i = 0; i < outer; ++i) {
        const double t = kPi * static_cast<double>(i) / static_cast<double>(outer - 1);
        addPoint(&d, std::cos(t), std::sin(t), 0.0);
      }
      for (std::size_t i = 0; i < inner; ++i) {
        const double t = kPi * static_cast<double>(i) / static_cast<double>(inner - 1);
        addPoint(&d, 1.0 - std::cos(t), 1.0 - std::sin(t) - 0.5, 1.0);
      }
      for (double& v : d.x) v += noise * rng.normal();
      break;
    }
    case DatasetKind::Blobs: {
      const std::size_t c = o.classes == 0 ? 3 : o.classes;
      d.classes = c;
      std::vector<double> share(c);
      double total = 0.0;
      for (std::size_t k = 0; k < c; ++k) {
        share[k] = std::pow(o.imbalance, -static_cast<double>(k) / static_cast<double>(c - 1));
        total += share[k];
      }
      std::vector<std::size_t> counts(c);
      std::size_t others = 0;
      for (std::size_t k = 1; k < c; ++k) {
        counts[k] =
            std::max<std::size_t>(1, static_cast<std::size_t>(std::round(static_cast<double>(n) * share[k] / total)));
        others += counts[k];
      }
      if (others >= n) fail(fn, "samples = " + std::to_string(n) + " is too few for " + std::to_string(c) + " classes");
      counts[0] = n - others;
      for (std::size_t k = 0; k < c; ++k) {
        const double angle = 2.0 * kPi * static_cast<double>(k) / static_cast<double>(c);
        const double cx = 2.0 * std::cos(angle), cy = 2.0 * std::sin(angle);
        for (std::size_t i = 0; i < counts[k]; ++i) {
          const double px = cx + noise * rng.normal();
          addPoint(&d, px, cy + noise * rng.normal(), static_cast<double>(k));
        }
      }
      break;
    }
    case DatasetKind::Spirals: {
      const std::size_t c = o.classes == 0 ? 2 : o.classes;
      d.classes = c;
      for (std::size_t k = 0; k < c; ++k) {
        const std::size_t perArm = n / c + (k < n % c ? 1 : 0);
        for (std::size_t i = 0; i < perArm; ++i) {
          const double r = (static_cast<double>(i) + 0.5) / static_cast<double>(perArm);
          const double angle = 2.0 * kPi * static_cast<double>(k) / static_cast<double>(c) + 2.0 * kPi * r;
          const double px = r * std::cos(angle) + noise * rng.normal();
          addPoint(&d, px, r * std::sin(angle) + noise * rng.normal(), static_cast<double>(k));
        }
      }
      break;
    }
    case DatasetKind::Regression1d:
    case DatasetKind::Regression2d: {
      const bool twoD = o.kind == DatasetKind::Regression2d;
      d.inputs = twoD ? 2 : 1;
      const auto outlierCount = static_cast<std::size_t>(std::round(o.outliers * static_cast<double>(n)));
      for (std::size_t i = 0; i < n; ++i) {
        const double x0 = rng.uniform(-1.0, 1.0);
        d.x.push_back(x0);
        double y = std::sin(kPi * x0);
        if (twoD) {
          const double x1 = rng.uniform(-1.0, 1.0);
          d.x.push_back(x1);
          y *= std::cos(kPi * x1 / 2.0);
        }
        y += noise * rng.normal();
        if (i < outlierCount) y += o.outlierOffset;
        d.y.push_back(y);
      }
      break;
    }
    case DatasetKind::Custom: break;
  }
  return d;
}

// ---- the network -------------------------------------------------------------------------------------------------

struct Trainer::Pass {
  Matrix input;              // B x inputs
  std::vector<Matrix> z, a;  // per layer: pre-activation and activation (the output layer's a is its z: logits)
};

namespace {

Head resolveHead(const TrainerConfig& c, const Dataset& d) {
  const bool regressionData = d.classes == 0;
  const char* dataName = datasetName(c.data.kind);
  Head head = c.head;
  if (head == Head::Auto) head = regressionData ? Head::Regression : (d.classes == 2 ? Head::Binary : Head::Multiclass);
  const std::string headText = std::string("head = '") + headName(head) + "'";
  if ((head == Head::Regression) != regressionData) {
    fail(kCreate, headText +
                      (regressionData ? " needs a classification dataset, got dataset = '"
                                      : " needs a regression dataset, got dataset = '") +
                      dataName + "'");
  }
  if ((head == Head::Binary || head == Head::Focal) && d.classes != 2) {
    fail(kCreate, headText + " needs 2 classes, got classes = " + std::to_string(d.classes));
  }
  return head;
}

void validateConfig(const TrainerConfig& c) {
  if (c.hidden.size() > kMaxHiddenLayers) {
    fail(kCreate, "hidden has length " + std::to_string(c.hidden.size()) + ", more than " +
                      std::to_string(kMaxHiddenLayers) + " layers");
  }
  for (std::size_t i = 0; i < c.hidden.size(); ++i) {
    requireCount(kCreate, "hidden[" + std::to_string(i) + "]", c.hidden[i], 1, kMaxWidth);
  }
  requirePositive(kCreate, "initScale", c.initScale);
  requirePositive(kCreate, "delta", c.delta);
  requireNonNegativeFinite(kCreate, "beta", c.beta);
  if (c.posWeight.size() > 1) fail(kCreate, "posWeight must be one number");
  if (!c.posWeight.empty()) requirePositive(kCreate, "posWeight", c.posWeight[0]);
  for (std::size_t i = 0; i < c.classWeights.size(); ++i) {
    requireNonNegativeFinite(kCreate, ("classWeights[" + std::to_string(i) + "]").c_str(), c.classWeights[i]);
  }
  requireInClosedRange(kCreate, "labelSmoothing", c.labelSmoothing, 0.0, 1.0);
  if (!(c.focalAlpha <= 1.0) || std::isinf(c.focalAlpha)) {
    fail(kCreate, "focalAlpha = " + formatNumber(c.focalAlpha) + " must be in [0, 1], or negative for no alpha");
  }
  requireNonNegativeFinite(kCreate, "focalGamma", c.focalGamma);
  validateOptimizer(kCreate, c.optimizer);
  requireNonNegativeFinite(kCreate, "clipNorm", c.clipNorm);
}

// The config with its defaults resolved: the learning rate by optimizer, the data seed from the trainer's seed.
TrainerConfig validated(const TrainerConfig& config) {
  TrainerConfig c = config;
  if (c.learningRate) {
    c.optimizer.learningRate = *c.learningRate;
  } else {
    c.optimizer.learningRate = c.optimizer.kind == Optimizer::Adam ? 0.01 : 0.1;
  }
  if (!c.data.seed) c.data.seed = c.seed;
  validateConfig(c);
  return c;
}

// Custom data is read as regression targets exactly when the head says so.
DatasetOptions datasetFor(const TrainerConfig& c) {
  DatasetOptions d = c.data;
  if (d.kind == DatasetKind::Custom) d.regressionTargets = c.head == Head::Regression;
  return d;
}

std::vector<Trainer::Layer> buildLayers(const TrainerConfig& c, const Dataset& d, Head head) {
  std::vector<Trainer::Layer> layers;
  std::size_t inputs = d.inputs, offset = 0;
  std::vector<std::size_t> widths = c.hidden;
  widths.push_back(head == Head::Multiclass ? d.classes : 1);
  for (const std::size_t outputs : widths) {
    layers.push_back({inputs, outputs, offset});
    offset += outputs * inputs + outputs;
    inputs = outputs;
  }
  if (head == Head::Multiclass && !c.classWeights.empty() && c.classWeights.size() != d.classes) {
    fail(kCreate, "classWeights has length " + std::to_string(c.classWeights.size()) + " but the dataset has " +
                      std::to_string(d.classes) + " classes");
  }
  return layers;
}

std::size_t parameterCount(const std::vector<Trainer::Layer>& layers) {
  const Trainer::Layer& last = layers.back();
  return last.offset + last.outputs * last.inputs + last.outputs;
}

Init resolvedInit(const TrainerConfig& c) {
  return c.init == Init::Auto ? (c.activation == Activation::Relu ? Init::He : Init::Xavier) : c.init;
}

// One initial weight of `layer`: xavier U(-a, a), a = sqrt(6 / (fan_in + fan_out)); he N(0, 2 / fan_in); times
// initScale.
double initialWeight(const TrainerConfig& c, const Trainer::Layer& layer, Rng& rng) {
  const auto fanIn = static_cast<double>(layer.inputs), fanOut = static_cast<double>(layer.outputs);
  const double w = resolvedInit(c) == Init::He ? std::sqrt(2.0 / fanIn) * rng.normal()
                                               : rng.uniform(-std::sqrt(6.0 / (fanIn + fanOut)),
                                                             std::sqrt(6.0 / (fanIn + fanOut)));
  return c.initScale * w;
}

std::vector<double> initialParameters(const TrainerConfig& c, const std::vector<Trainer::Layer>& layers) {
  std::vector<double> params(parameterCount(layers), 0.0);
  Rng rng(c.seed, 1);
  for (const Trainer::Layer& layer : layers) {
    for (std::size_t i = 0; i < layer.outputs * layer.inputs; ++i) params[layer.offset + i] = initialWeight(c, layer, rng);
  }
  return params;
}

// The rows of the data set given by `rows`, as a B x inputs matrix.
void gatherInputs(const Dataset& d, const std::vector<std::size_t>& rows, Trainer::Matrix* input) {
  input->resize(static_cast<Eigen::Index>(rows.size()), static_cast<Eigen::Index>(d.inputs));
  for (std::size_t b = 0; b < rows.size(); ++b) {
    for (std::size_t k = 0; k < d.inputs; ++k) (*input)(b, k) = d.x[rows[b] * d.inputs + k];
  }
}

void reviveDeadUnits(const TrainerConfig& c, const Dataset& d, const std::vector<Trainer::Layer>& layers,
                     std::vector<double>* params);

}  // namespace

Trainer::Trainer(const TrainerConfig& config)
    : config_(validated(config)),
      data_(makeDataset(kCreate, datasetFor(config_))),
      head_(resolveHead(config_, data_)),
      layers_(buildLayers(config_, data_, head_)),
      params_(initialParameters(config_, layers_)),
      grad_(params_.size(), 0.0),
      optimizer_(config_.optimizer, params_.size()),
      shuffle_(config_.seed, 2) {
  if (config_.init == Init::Auto) reviveDeadUnits(config_, data_, layers_, &params_);
  order_.resize(data_.size());
  for (std::size_t i = 0; i < order_.size(); ++i) order_[i] = i;
}

void Trainer::setParameters(const std::vector<double>& params) {
  requireSameLength("trainer.setParameters", "parameters()", params_.size(), "params", params.size());
  params_ = params;
}

namespace {

// Forward pass of `layers` over pass.input, written as loops in a fixed order (see train.hpp). Records the first
// layer whose pre-activation or activation is not finite.
void forward(const std::vector<Trainer::Layer>& layers, Activation act, const double* params,
             const Trainer::Matrix& input, std::vector<Trainer::Matrix>& z, std::vector<Trainer::Matrix>& a,
             NonFinite* nonFinite) {
  z.resize(layers.size());
  a.resize(layers.size());
  const auto batch = input.rows();
  const Trainer::Matrix* previous = &input;
  for (std::size_t l = 0; l < layers.size(); ++l) {
    const Trainer::Layer& layer = layers[l];
    const double* w = params + layer.offset;
    const double* bias = w + layer.outputs * layer.inputs;
    const bool output = l + 1 == layers.size();
    z[l].resize(batch, static_cast<Eigen::Index>(layer.outputs));
    for (Eigen::Index b = 0; b < batch; ++b) {
      for (std::size_t j = 0; j < layer.outputs; ++j) {
        double s = 0.0;
        for (std::size_t k = 0; k < layer.inputs; ++k) s += (*previous)(b, k) * w[j * layer.inputs + k];
        z[l](b, j) = s + bias[j];
      }
    }
    if (output) {
      a[l] = z[l];
    } else {
      a[l].resize(batch, static_cast<Eigen::Index>(layer.outputs));
      for (Eigen::Index i = 0; i < z[l].size(); ++i) a[l].data()[i] = activate(act, z[l].data()[i]);
    }
    if (nonFinite != nullptr && nonFinite->stage == Stage::None &&
        !(finiteAll(z[l].data(), z[l].size()) && finiteAll(a[l].data(), a[l].size()))) {
      nonFinite->stage = Stage::Forward;
      nonFinite->layer = l;
    }
    previous = &a[l];
  }
}

// init 'auto' only: a hidden unit whose activation is saturated (relu: pre-activation <= 0) on EVERY sample of the
// data at step 0 passes no gradient at all, and a narrow relu stack can lose a whole layer that way (He alone leaves
// a 1-8-8-8-1 relu net on 16 1-D points dead for some seeds). Layer by layer, such a unit gets its incoming weights
// redrawn from the same distribution (its own random stream, so nets without a dead unit keep their weights), up to
// 32 times; a relu unit still dead then has its weights negated, which makes it active wherever it was strictly
// negative. Biases stay 0.
void reviveDeadUnits(const TrainerConfig& c, const Dataset& d, const std::vector<Trainer::Layer>& layers,
                     std::vector<double>* params) {
  constexpr int kRedraws = 32;
  Rng rng(c.seed, 3);
  std::vector<std::size_t> all(d.size());
  for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
  Trainer::Matrix input;
  gatherInputs(d, all, &input);
  std::vector<Trainer::Matrix> z, a;
  const Eigen::Index batch = input.rows();
  for (std::size_t l = 0; l + 1 < layers.size(); ++l) {
    const std::vector<Trainer::Layer> upTo(layers.begin(), layers.begin() + static_cast<std::ptrdiff_t>(l + 1));
    forward(upTo, c.activation, params->data(), input, z, a, nullptr);
    const Trainer::Layer& layer = layers[l];
    const Trainer::Matrix& previous = l == 0 ? input : a[l - 1];
    for (std::size_t j = 0; j < layer.outputs; ++j) {
      double* w = params->data() + layer.offset + j * layer.inputs;
      auto deadEverywhere = [&] {
        for (Eigen::Index b = 0; b < batch; ++b) {
          double s = 0.0;
          for (std::size_t k = 0; k < layer.inputs; ++k) s += previous(b, k) * w[k];
          if (!isSaturated(c.activation, s, activate(c.activation, s))) return false;
        }
        return true;
      };
      for (int attempt = 0; attempt < kRedraws && deadEverywhere(); ++attempt) {
        for (std::size_t k = 0; k < layer.inputs; ++k) w[k] = initialWeight(c, layer, rng);
      }
      if (c.activation == Activation::Relu && deadEverywhere()) {
        for (std::size_t k = 0; k < layer.inputs; ++k) w[k] = -w[k];
      }
    }
  }
}

}  // namespace

double Trainer::forwardBackward(const std::vector<double>& params, const std::vector<std::size_t>& rows, Pass& pass,
                                std::vector<double>* grad, NonFinite* nonFinite, StepRecord* record) const {
  gatherInputs(data_, rows, &pass.input);
  forward(layers_, config_.activation, params.data(), pass.input, pass.z, pass.a, nonFinite);
  const std::size_t last = layers_.size() - 1;
  const Matrix& out = pass.a[last];
  const Span logits(out.data(), static_cast<std::size_t>(out.size()));
  std::vector<double> targets(rows.size());
  for (std::size_t b = 0; b < rows.size(); ++b) targets[b] = data_.y[rows[b]];

  LossResult result;
  switch (head_) {
    case Head::Regression:
      switch (config_.regressionLoss) {
        case RegressionLoss::Mse: result = mse(logits, targets); break;
        case RegressionLoss::L1: result = l1(logits, targets); break;
        case RegressionLoss::Huber: result = huber(logits, targets, config_.delta); break;
        case RegressionLoss::SmoothL1: result = smoothL1(logits, targets, config_.beta); break;
      }
      break;
    case Head::Binary:
      if (config_.binaryLoss == BinaryLoss::MseSigmoid) {
        // mse on p = sigma(z), then the chain rule through the sigmoid: dL/dz = dL/dp * p (1 - p).
        std::vector<double> p(logits.size);
        for (std::size_t b = 0; b < p.size(); ++b) p[b] = sigmoid(logits[b]);
        result = mse(p, targets);
        for (std::size_t b = 0; b < p.size(); ++b) result.grad[b] *= p[b] * (1.0 - p[b]);
      } else {
        result = bceWithLogits(logits, targets, {{}, config_.posWeight, Reduction::Mean});
      }
      break;
    case Head::Multiclass: {
      CrossEntropyOptions ce;
      ce.classes = data_.classes;
      ce.weight = config_.classWeights;
      ce.labelSmoothing = config_.labelSmoothing;
      result = crossEntropy(logits, targets, ce);
      break;
    }
    case Head::Focal: result = sigmoidFocal(logits, targets, {config_.focalAlpha, config_.focalGamma}); break;
    case Head::Auto: break;
  }
  if (nonFinite != nullptr && nonFinite->stage == Stage::None && !std::isfinite(result.loss)) {
    nonFinite->stage = Stage::Loss;
    nonFinite->layer = last;
  }

  if (record != nullptr) {
    // Accuracy before the update: argmax (first maximum on ties) for multiclass, logit > 0 for binary/focal.
    if (head_ == Head::Regression) {
      record->accuracy = kNaN;
    } else {
      std::size_t correct = 0;
      for (std::size_t b = 0; b < rows.size(); ++b) {
        std::size_t predicted = 0;
        if (head_ == Head::Multiclass) {
          for (std::size_t c = 1; c < data_.classes; ++c) {
            if (out(b, c) > out(b, predicted)) predicted = c;
          }
        } else {
          predicted = out(b, 0) > 0.0 ? 1 : 0;
        }
        correct += static_cast<double>(predicted) == targets[b] ? 1 : 0;
      }
      record->accuracy = static_cast<double>(correct) / static_cast<double>(rows.size());
    }
    // Activation statistics of each hidden layer.
    record->activations.assign(last, ActivationStats{});
    for (std::size_t l = 0; l < last; ++l) {
      const Matrix& z = pass.z[l];
      const Matrix& a = pass.a[l];
      const auto count = static_cast<double>(a.size());
      double sum = 0.0;
      for (Eigen::Index i = 0; i < a.size(); ++i) sum += a.data()[i];
      const double mean = sum / count;
      double squares = 0.0, saturated = 0.0;
      for (Eigen::Index i = 0; i < a.size(); ++i) {
        const double d = a.data()[i] - mean;
        squares += d * d;
        saturated += isSaturated(config_.activation, z.data()[i], a.data()[i]) ? 1.0 : 0.0;
      }
      double dead = 0.0;
      for (Eigen::Index j = 0; j < a.cols(); ++j) {
        bool always = true;
        for (Eigen::Index b = 0; b < a.rows() && always; ++b)
          always = isSaturated(config_.activation, z(b, j), a(b, j));
        dead += always ? 1.0 : 0.0;
      }
      record->activations[l] = {mean, std::sqrt(squares / count), saturated / count,
                                dead / static_cast<double>(a.cols())};
    }
  }
  if (grad == nullptr) return result.loss;

  // Backward: G holds dL/dz of the current layer, starting from the core's gradient w.r.t. the outputs.
  grad->assign(params.size(), 0.0);
  const auto batch = static_cast<Eigen::Index>(rows.size());
  Matrix g = Eigen::Map<const Matrix>(result.grad.data(), batch, static_cast<Eigen::Index>(layers_[last].outputs));
  if (record != nullptr) record->gradNorms.assign(layers_.size(), 0.0);
  for (std::size_t step = 0; step < layers_.size(); ++step) {
    const std::size_t l = last - step;
    const Layer& layer = layers_[l];
    const Matrix& previous = l == 0 ? pass.input : pass.a[l - 1];
    double* dw = grad->data() + layer.offset;
    double* db = dw + layer.outputs * layer.inputs;
    for (Eigen::Index b = 0; b < batch; ++b) {
      for (std::size_t j = 0; j < layer.outputs; ++j) {
        const double gj = g(b, j);
        for (std::size_t k = 0; k < layer.inputs; ++k) dw[j * layer.inputs + k] += gj * previous(b, k);
        db[j] += gj;
      }
    }
    const std::size_t layerSize = layer.outputs * layer.inputs + layer.outputs;
    if (record != nullptr) record->gradNorms[l] = std::sqrt(sumOfSquares(dw, layerSize));
    if (nonFinite != nullptr && nonFinite->stage == Stage::None && !finiteAll(dw, layerSize)) {
      nonFinite->stage = Stage::Backward;
      nonFinite->layer = l;
    }
    if (l == 0) break;
    // dL/dz of the layer below: (G W) times the activation's slope.
    const double* w = params.data() + layer.offset;
    const Matrix& zBelow = pass.z[l - 1];
    const Matrix& aBelow = pass.a[l - 1];
    Matrix below(batch, static_cast<Eigen::Index>(layer.inputs));
    for (Eigen::Index b = 0; b < batch; ++b) {
      for (std::size_t k = 0; k < layer.inputs; ++k) {
        double s = 0.0;
        for (std::size_t j = 0; j < layer.outputs; ++j) s += g(b, j) * w[j * layer.inputs + k];
        below(b, k) = s * activationSlope(config_.activation, zBelow(b, k), aBelow(b, k));
      }
    }
    g = std::move(below);
  }
  return result.loss;
}

std::vector<double> Trainer::gradient(std::optional<std::size_t> sample) const {
  std::vector<std::size_t> rows;
  if (sample) {
    if (*sample >= data_.size()) {
      fail("trainer.gradients", "sample = " + std::to_string(*sample) + " is out of range [0, " +
                                    std::to_string(data_.size()) + ")");
    }
    rows.push_back(*sample);
  } else {
    rows.resize(data_.size());
    for (std::size_t i = 0; i < rows.size(); ++i) rows[i] = i;
  }
  Pass pass;
  std::vector<double> grad;
  forwardBackward(params_, rows, pass, &grad, nullptr, nullptr);
  return grad;
}

double Trainer::lossAndGradient(const std::vector<double>& params, std::vector<double>* grad) const {
  requireSameLength("trainer.lossAndGradient", "parameters()", params_.size(), "params", params.size());
  std::vector<std::size_t> all(data_.size());
  for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
  Pass pass;
  return forwardBackward(params, all, pass, grad, nullptr, nullptr);
}

void Trainer::nextBatch(std::vector<std::size_t>* rows) {
  const std::size_t n = data_.size();
  if (config_.batchSize == 0 || config_.batchSize >= n) {
    if (rows->size() != n) {
      rows->resize(n);
      for (std::size_t i = 0; i < n; ++i) (*rows)[i] = i;
    }
    return;
  }
  if (cursor_ == 0) {  // a new epoch: Fisher-Yates over the previous order
    for (std::size_t i = n - 1; i > 0; --i) std::swap(order_[i], order_[shuffle_.below(i + 1)]);
  }
  const std::size_t count = std::min(config_.batchSize, n - cursor_);  // the last batch may be smaller
  rows->assign(order_.begin() + static_cast<std::ptrdiff_t>(cursor_),
               order_.begin() + static_cast<std::ptrdiff_t>(cursor_ + count));
  cursor_ = cursor_ + count == n ? 0 : cursor_ + count;
}

StepRecord Trainer::step() {
  nextBatch(&batch_);
  StepRecord record;
  record.step = steps_ + 1;
  NonFinite nonFinite;
  Pass pass;
  record.loss = forwardBackward(params_, batch_, pass, &grad_, &nonFinite, &record);
  record.gradNorm = std::sqrt(sumOfSquares(grad_.data(), grad_.size()));
  if (config_.clipNorm > 0.0) {
    // torch.nn.utils.clip_grad_norm_: scale by max_norm / (total_norm + 1e-6) when that is below 1 (a NaN norm
    // compares false and leaves the gradient as it is, as torch 1.13 does with error_if_nonfinite=False).
    const double coefficient = config_.clipNorm / (record.gradNorm + 1e-6);
    if (coefficient < 1.0) {
      for (double& g : grad_) g *= coefficient;
      record.clipped = true;
    }
  }
  optimizer_.update(params_.data(), grad_.data());
  for (std::size_t l = 0; l < layers_.size() && nonFinite.stage == Stage::None; ++l) {
    const Layer& layer = layers_[l];
    if (!finiteAll(params_.data() + layer.offset, layer.outputs * layer.inputs + layer.outputs)) {
      nonFinite.stage = Stage::Update;
      nonFinite.layer = l;
    }
  }
  ++steps_;
  nonFinite.step = nonFinite.stage == Stage::None ? 0 : steps_;
  record.nonFinite = nonFinite;
  if (firstNonFinite_.stage == Stage::None) firstNonFinite_ = nonFinite;
  return record;
}

std::vector<StepRecord> Trainer::step(std::size_t n) {
  requireCount("trainer.step", "n", n, 1, kMaxStepsPerCall);
  std::vector<StepRecord> records;
  records.reserve(n);
  for (std::size_t i = 0; i < n; ++i) records.push_back(step());
  return records;
}

std::vector<double> Trainer::predict(Span points) const {
  const std::size_t rows = rowsOf("trainer.predict", "points", points.size, "inputs", data_.inputs);
  const std::size_t k = outputs();
  std::vector<double> out(rows * k);
  Matrix input;
  std::vector<Matrix> z, a;
  for (std::size_t start = 0; start < rows; start += kPredictChunk) {
    const std::size_t count = std::min(kPredictChunk, rows - start);
    input = Eigen::Map<const Matrix>(points.data + start * data_.inputs, static_cast<Eigen::Index>(count),
                                     static_cast<Eigen::Index>(data_.inputs));
    forward(layers_, config_.activation, params_.data(), input, z, a, nullptr);
    const Matrix& logits = a.back();
    for (std::size_t b = 0; b < count; ++b) {
      double* o = out.data() + (start + b) * k;
      if (head_ == Head::Multiclass) {
        logSoftmax(logits.data() + b * k, k, o);  // the core's row kernel, then exp: softmax probabilities
        for (std::size_t c = 0; c < k; ++c) o[c] = std::exp(o[c]);
      } else {
        o[0] = head_ == Head::Regression ? logits(b, 0) : sigmoid(logits(b, 0));
      }
    }
  }
  return out;
}

std::vector<double> Trainer::predictGrid(std::size_t n, double xMin, double xMax, double yMin, double yMax) const {
  const char* fn = "trainer.predictGrid";
  if (data_.inputs != 2) fail(fn, "needs a dataset with 2 inputs; this one has " + std::to_string(data_.inputs));
  requireCount(fn, "n", n, 2, kMaxGrid);
  requireExtent(fn, xMin, xMax, yMin, yMax);
  const double stepX = (xMax - xMin) / static_cast<double>(n - 1);
  const double stepY = (yMax - yMin) / static_cast<double>(n - 1);
  std::vector<double> points(n * n * 2);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < n; ++j) {
      points[(i * n + j) * 2] = xMin + static_cast<double>(j) * stepX;
      points[(i * n + j) * 2 + 1] = yMin + static_cast<double>(i) * stepY;
    }
  }
  return predict(points);
}

std::vector<double> Trainer::extent() const {
  const std::size_t n = data_.size();
  auto coordinate = [&](std::size_t i, int axis) {
    if (axis == 0) return data_.x[i * data_.inputs];
    return data_.inputs == 2 ? data_.x[i * 2 + 1] : data_.y[i];
  };
  std::vector<double> box;
  for (int axis = 0; axis < 2; ++axis) {
    double lo = coordinate(0, axis), hi = lo;
    for (std::size_t i = 1; i < n; ++i) {
      lo = std::min(lo, coordinate(i, axis));
      hi = std::max(hi, coordinate(i, axis));
    }
    const double pad = hi > lo ? 0.1 * (hi - lo) : 1.0;  // 10% margin each side
    box.push_back(lo - pad);
    box.push_back(hi + pad);
  }
  return box;
}

}  // namespace losslab
