// The trainer (train.hpp): config checks, steps, batching, clipping, predictions.
#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <utility>

#include "losslab/error.hpp"
#include "losslab/names.hpp"
#include "losslab/stable.hpp"
#include "losslab/train.hpp"
#include "mlp.hpp"

namespace losslab {
namespace {

constexpr const char* kCreate = "createTrainer";
constexpr std::size_t kMaxHiddenLayers = 10, kMaxWidth = 64;
constexpr std::size_t kMaxStepsPerCall = 100000;
constexpr std::size_t kMaxGrid = 512;
// predictGrid evaluates its n^2 points in chunks of this many rows so a 512 x 512 grid never holds all of its
// activations at once (262144 rows x 64 units x 8 bytes = 128 MB per layer otherwise).
constexpr std::size_t kPredictChunk = 4096;

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
const char* headName(Head head) { return nameOf(head, kHeads); }
const char* stageName(Stage stage) { return nameOf(stage, kStages); }

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
    requireCountInRange(kCreate, "hidden[" + std::to_string(i) + "]", c.hidden[i], 1, kMaxWidth);
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

}  // namespace

using detail::finiteAll;
using detail::forward;
using detail::initialParameters;
using detail::reviveDeadUnits;
using detail::sumOfSquares;

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
  record.loss = forwardBackward(params_, batch_, pass_, &grad_, &nonFinite, &record);
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
  requireCountInRange("trainer.step", "n", n, 1, kMaxStepsPerCall);
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
  std::vector<double> scratch;
  for (std::size_t start = 0; start < rows; start += kPredictChunk) {
    const std::size_t count = std::min(kPredictChunk, rows - start);
    input = Eigen::Map<const Matrix>(points.data + start * data_.inputs, static_cast<Eigen::Index>(count),
                                     static_cast<Eigen::Index>(data_.inputs));
    forward(layers_, config_.activation, params_.data(), input, z, a, scratch, nullptr);
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
  requireCountInRange(fn, "n", n, 2, kMaxGrid);
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
