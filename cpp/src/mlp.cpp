// The MLP (train.hpp): initialisation, forward pass, loss, backward pass and activation statistics.
#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <utility>

#include "losslab/classification.hpp"
#include "losslab/error.hpp"
#include "losslab/names.hpp"
#include "losslab/train.hpp"
#include "losslab/pointwise.hpp"
#include "losslab/reduction.hpp"
#include "losslab/regression.hpp"
#include "losslab/stable.hpp"
#include "chained.hpp"
#include "dense.hpp"
#include "kernels.hpp"
#include "mlp.hpp"
#include "vecmath.hpp"

namespace losslab {
using detail::allFinite;
using detail::countAbsAbove;
using detail::countNotPositive;
using detail::countOutside;
using detail::denseForward;
using detail::denseInputGrad;
using detail::denseWeightGrad;
using detail::reluArray;
using detail::scaleByReluSlope;
using detail::scaleBySigmoidSlope;
using detail::scaleByTanhSlope;
using detail::squaredDeviationsInFours;
using detail::sumInFours;
using detail::tanhArray;
using detail::vtanh;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
// "Saturated" thresholds (see ActivationStats): sigmoid' = a (1 - a) < 0.0099 outside [0.01, 0.99];
// tanh' = 1 - a^2 < 0.0199 for |a| > 0.99.
constexpr double kSigmoidLow = 0.01, kSigmoidHigh = 0.99, kTanhEdge = 0.99;

double activate(Activation act, double z) {
  switch (act) {
    case Activation::Sigmoid: return sigmoid(z);
    case Activation::Tanh: return vtanh(z);  // the forward pass's tanh (dense.cpp)
    case Activation::Relu: return z > 0.0 ? z : 0.0;
  }
  return z;
}

bool isSaturated(Activation act, double z, double a) {
  switch (act) {
    case Activation::Sigmoid: return a < kSigmoidLow || a > kSigmoidHigh;
    case Activation::Tanh: return std::abs(a) > kTanhEdge;
    case Activation::Relu: return z <= 0.0;
  }
  return false;
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

// The rows of the data set given by `rows`, as a B x inputs matrix.
void gatherInputs(const Dataset& d, const std::vector<std::size_t>& rows, Trainer::Matrix* input) {
  input->resize(static_cast<Eigen::Index>(rows.size()), static_cast<Eigen::Index>(d.inputs));
  for (std::size_t b = 0; b < rows.size(); ++b) {
    for (std::size_t k = 0; k < d.inputs; ++k) (*input)(b, k) = d.x[rows[b] * d.inputs + k];
  }
}

}  // namespace

namespace detail {

bool finiteAll(const double* v, std::size_t n) { return allFinite(v, n); }

double sumOfSquares(const double* v, std::size_t n) {
  double s = 0.0;
  for (std::size_t i = 0; i < n; ++i) s += v[i] * v[i];
  return s;
}

std::vector<double> initialParameters(const TrainerConfig& c, const std::vector<Trainer::Layer>& layers) {
  std::vector<double> params(parameterCount(layers), 0.0);
  Rng rng(c.seed, 1);
  for (const Trainer::Layer& layer : layers) {
    for (std::size_t i = 0; i < layer.outputs * layer.inputs; ++i) params[layer.offset + i] = initialWeight(c, layer, rng);
  }
  return params;
}

// Forward pass of `layers` over `input`: dense.cpp's loops (fixed order, see train.hpp). Records the first layer
// whose pre-activation or activation is not finite.
void forward(const std::vector<Trainer::Layer>& layers, Activation act, const double* params,
             const Trainer::Matrix& input, std::vector<Trainer::Matrix>& z, std::vector<Trainer::Matrix>& a,
             std::vector<double>& scratch, NonFinite* nonFinite) {
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
    if (scratch.size() < layer.inputs * layer.outputs) scratch.resize(layer.inputs * layer.outputs);
    denseForward(previous->data(), static_cast<std::size_t>(batch), layer.inputs, w, bias, layer.outputs,
                 scratch.data(), z[l].data());
    const auto n = static_cast<std::size_t>(z[l].size());
    if (output) {
      a[l] = z[l];
    } else {
      a[l].resize(batch, static_cast<Eigen::Index>(layer.outputs));
      switch (act) {
        case Activation::Tanh: tanhArray(z[l].data(), n, a[l].data()); break;
        case Activation::Relu: reluArray(z[l].data(), n, a[l].data()); break;
        case Activation::Sigmoid:
          for (std::size_t i = 0; i < n; ++i) a[l].data()[i] = sigmoid(z[l].data()[i]);
          break;
      }
    }
    // Every activation maps finite numbers to finite numbers (and a is z on the output layer), so a non-finite
    // activation always comes from a non-finite pre-activation: checking z covers both.
    if (nonFinite != nullptr && nonFinite->stage == Stage::None && !finiteAll(z[l].data(), n)) {
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
  std::vector<double> scratch;
  const Eigen::Index batch = input.rows();
  for (std::size_t l = 0; l + 1 < layers.size(); ++l) {
    const std::vector<Trainer::Layer> upTo(layers.begin(), layers.begin() + static_cast<std::ptrdiff_t>(l + 1));
    forward(upTo, c.activation, params->data(), input, z, a, scratch, nullptr);
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

}  // namespace detail

using detail::finiteAll;
using detail::forward;
using detail::sumOfSquares;

double Trainer::forwardBackward(const std::vector<double>& params, const std::vector<std::size_t>& rows, Pass& pass,
                                std::vector<double>* grad, NonFinite* nonFinite, StepRecord* record) const {
  gatherInputs(data_, rows, &pass.input);
  forward(layers_, config_.activation, params.data(), pass.input, pass.z, pass.a, pass.scratch, nonFinite);
  const std::size_t last = layers_.size() - 1;
  const Matrix& out = pass.a[last];
  const Span logits(out.data(), static_cast<std::size_t>(out.size()));
  std::vector<double>& targets = pass.targets;
  targets.resize(rows.size());
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
        // mse_loss(sigmoid(z), y): the point functor the 'mseSigmoid' surface and curve use, mean over the batch.
        std::vector<double> losses(logits.size), g(logits.size);
        for (std::size_t b = 0; b < logits.size; ++b) {
          losses[b] = point::MseSigmoid{}.loss(logits[b], targets[b]);
          g[b] = point::MseSigmoid{}.slope(logits[b], targets[b]);
        }
        result = applyReduction(std::move(losses), std::move(g), Reduction::Mean, static_cast<double>(logits.size));
      } else {
        if (config_.posWeight.empty()) {
          // bceWithLogits's vectorised kernel (kernels.cpp), which that function itself uses from 8192 elements
          // on: the same formula with the core's vexp / vlog1to2 (within an ulp of libm), a third of the time of
          // the scalar loop on a batch of 200.
          std::vector<double> g(logits.size);
          const double total = detail::bceWithLogitsPlain(logits.data, targets.data(), logits.size,
                                                          static_cast<double>(logits.size), nullptr, g.data());
          result = detail::withChainedGradient({total}, std::move(g), Reduction::Mean,
                                               static_cast<double>(logits.size));
        } else {
          result = bceWithLogits(logits, targets, {{}, config_.posWeight, Reduction::Mean});
        }
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
      const auto n = static_cast<std::size_t>(a.size());
      const auto count = static_cast<double>(n);
      const double mean = sumInFours(a.data(), n) / count;
      const double squares = squaredDeviationsInFours(a.data(), n, mean);
      std::size_t saturatedCount = 0;  // isSaturated() over every entry
      switch (config_.activation) {
        case Activation::Sigmoid: saturatedCount = countOutside(a.data(), n, kSigmoidLow, kSigmoidHigh); break;
        case Activation::Tanh: saturatedCount = countAbsAbove(a.data(), n, kTanhEdge); break;
        case Activation::Relu: saturatedCount = countNotPositive(z.data(), n); break;
      }
      const auto saturated = static_cast<double>(saturatedCount);
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
  grad->resize(params.size());
  const auto batch = static_cast<Eigen::Index>(rows.size());
  Matrix& g = pass.g;
  g = Eigen::Map<const Matrix>(result.grad.data(), batch, static_cast<Eigen::Index>(layers_[last].outputs));
  if (record != nullptr) record->gradNorms.assign(layers_.size(), 0.0);
  for (std::size_t step = 0; step < layers_.size(); ++step) {
    const std::size_t l = last - step;
    const Layer& layer = layers_[l];
    const Matrix& previous = l == 0 ? pass.input : pass.a[l - 1];
    double* dw = grad->data() + layer.offset;
    double* db = dw + layer.outputs * layer.inputs;
    denseWeightGrad(g.data(), previous.data(), static_cast<std::size_t>(batch), layer.inputs, layer.outputs, dw, db);
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
    const auto n = static_cast<std::size_t>(aBelow.size());
    pass.below.resize(batch, static_cast<Eigen::Index>(layer.inputs));
    denseInputGrad(g.data(), w, static_cast<std::size_t>(batch), layer.inputs, layer.outputs, pass.below.data());
    switch (config_.activation) {
      case Activation::Tanh: scaleByTanhSlope(pass.below.data(), aBelow.data(), n); break;
      case Activation::Sigmoid: scaleBySigmoidSlope(pass.below.data(), aBelow.data(), n); break;
      case Activation::Relu: scaleByReluSlope(pass.below.data(), zBelow.data(), n); break;
    }
    g.swap(pass.below);
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

}  // namespace losslab
