// A tiny multilayer perceptron trainer for the training and debugging labs: seeded datasets, seeded weights,
// full-batch or mini-batch steps with SGD / momentum / Adam, and a record of every step (loss, gradient norms,
// activation statistics, the first non-finite value) so a page can animate training in small slices.
//
// Losses are the core's: mse / l1 / huber / smoothL1 (regression.hpp), bceWithLogits, crossEntropy and sigmoidFocal
// (classification.hpp), each with reduction 'mean' over the batch.
//
// Determinism: the same config gives the same records natively and in wasm (checked to 1e-12 by train_test.cpp and
// train.test.js against the same pinned numbers). Eigen holds the matrices, but every product and norm is an
// explicit loop in a fixed order (cpp/src/dense.cpp: vectorised only across independent sums): Eigen's vectorised
// kernels sum in packet order, which differs between SSE2 (native) and wasm. tanh is the core's own straight-line
// vtanh (a few ulp, like libm's), so glibc and musl no longer differ there. Random numbers come from Rng
// (landscape.hpp), never from std:: distributions.
#pragma once

#include <Eigen/Core>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "losslab/landscape.hpp"
#include "losslab/span.hpp"

namespace losslab {

// ---- datasets ----------------------------------------------------------------------------------------------------

// moons:        sklearn's make_moons: outer arc (cos t, sin t), inner arc (1 - cos t, 0.5 - sin t), t on a linspace
//               over [0, pi]; labels 0 (outer, first samples/2 points) and 1; Gaussian noise (default 0.1) on x and y.
// blobs:        `classes` (default 3) Gaussian blobs of std `noise` (default 0.6) centred on the circle of radius 2
//               at angles 2 pi c / C; class c gets a share proportional to imbalance^(-c / (C - 1)), so class 0 is
//               the largest and holds `imbalance` times as many points as class C - 1 (to rounding).
// spirals:      `classes` (default 2) arms; point i of an arm has radius r = (i + 0.5) / k (k points per arm) and
//               angle 2 pi c / C + 2 pi r (one full turn); Gaussian noise (default 0.05) on x and y.
// regression1d: x ~ U[-1, 1), y = sin(pi x) + noise N(0, 1) (default noise 0.1).
// regression2d: x1, x2 ~ U[-1, 1), y = sin(pi x1) cos(pi x2 / 2) + noise N(0, 1) (default 0.1).
//               Regression outliers: y += outlierOffset for the first round(outliers * samples) points (their x are
//               independent draws, so that is a random subset).
// custom:       the caller's points: x (samples x inputs, row-major), y (one label or target per sample). Labels are
//               classes when `classes` is given (whole numbers in [0, classes)) or, without it, when every y is a
//               whole number in [0, 10): then classes = max(2, largest + 1); otherwise the targets are regression
//               targets. head 'regression' always reads y as targets. 1 ... 2000 samples, 1 ... 64 inputs.
enum class DatasetKind { Moons, Blobs, Spirals, Regression1d, Regression2d, Custom };
DatasetKind parseDatasetKind(const char* function, const std::string& name, const char* option = "data");

struct DatasetOptions {
  DatasetKind kind = DatasetKind::Moons;
  std::size_t samples = 200;    // 4 ... 2000 (custom: 1 ... 2000, the length of y)
  std::optional<double> noise;  // >= 0; absent: the kind's default above
  std::size_t classes = 0;      // blobs and spirals, 2 ... 10; 0: the kind's default
  double imbalance = 1.0;       // blobs: 1 ... 1000
  double outliers = 0.0;        // regression: [0, 1]
  double outlierOffset = 3.0;   // regression: finite
  std::optional<std::uint64_t> seed;  // absent: the trainer's seed
  // custom only
  std::vector<double> x, y;
  std::size_t inputs = 0;
  bool regressionTargets = false;  // read y as regression targets (head 'regression')
};

struct Dataset {
  std::size_t inputs = 2;   // 1 for regression1d
  std::size_t classes = 0;  // 0 for regression
  std::vector<double> x;    // samples x inputs, row-major
  std::vector<double> y;    // class index (as a double) or regression target
  std::size_t size() const { return y.size(); }
};

Dataset makeDataset(const char* function, const DatasetOptions& options);

// ---- the network -------------------------------------------------------------------------------------------------

enum class Activation { Sigmoid, Tanh, Relu };
// regression: 1 output, regressionLoss;  binary: 1 logit, bceWithLogits (posWeight);
// multiclass: C logits, crossEntropy (classWeights, labelSmoothing);
// focal: 1 logit, torchvision.ops.sigmoid_focal_loss (focalAlpha, focalGamma), mean over the batch.
enum class Head { Auto, Regression, Binary, Multiclass, Focal };
enum class RegressionLoss { Mse, L1, Huber, SmoothL1 };
// binary head: bceWithLogits on the logit (default), or mseSigmoid = mse(sigma(logit), y), the textbook contrast whose
// dL/dlogit = 2 (p - y) p (1 - p) / B carries the sigmoid's slope (the vanishing-gradient lesson).
enum class BinaryLoss { BceWithLogits, MseSigmoid };
// xavier: U(-a, a), a = sqrt(6 / (fan_in + fan_out)) (Glorot & Bengio 2010); he: N(0, 2 / fan_in) (He et al. 2015);
// auto: he for relu, xavier otherwise. Biases start at 0; weights are multiplied by initScale.
enum class Init { Auto, Xavier, He };

Activation parseActivation(const char* function, const std::string& name);
Head parseHead(const char* function, const std::string& name);
RegressionLoss parseRegressionLoss(const char* function, const std::string& name);
BinaryLoss parseBinaryLoss(const char* function, const std::string& name);
Init parseInit(const char* function, const std::string& name);
const char* datasetName(DatasetKind kind);
const char* headName(Head head);

struct TrainerConfig {
  DatasetOptions data;
  std::vector<std::size_t> hidden = {16, 16};  // 0 ... 10 hidden layers of 1 ... 64 units
  Activation activation = Activation::Tanh;
  Init init = Init::Auto;
  double initScale = 1.0;  // > 0
  Head head = Head::Auto;  // auto: regression datasets -> regression, 2 classes -> binary,
                           // more -> multiclass
  RegressionLoss regressionLoss = RegressionLoss::Mse;
  BinaryLoss binaryLoss = BinaryLoss::BceWithLogits;  // binary head only
  double delta = 1.0;                // huber, > 0
  double beta = 1.0;                 // smoothL1, >= 0
  std::vector<double> posWeight;     // binary: empty or one number > 0
  std::vector<double> classWeights;  // multiclass: empty or C numbers >= 0
  double labelSmoothing = 0.0;       // multiclass: [0, 1]
  double focalAlpha = 0.25;          // focal: [0, 1], or < 0 for no alpha term (torchvision)
  double focalGamma = 2.0;           // focal: >= 0
  OptimizerConfig optimizer{Optimizer::Adam};  // its learningRate is ignored: the trainer's is learningRate below
  // > 0; absent: 0.01 for adam, 0.1 for sgd and momentum (Adam's steps are normalised, about lr per parameter per
  // step; SGD's scale with the gradient: these are the values at which two moons trains in a few hundred steps).
  std::optional<double> learningRate;
  double clipNorm = 0.0;      // > 0: clip the total gradient norm (clip_grad_norm_); 0: off
  std::size_t batchSize = 0;  // 0 or >= samples: full batch; else reshuffled every epoch
  std::uint64_t seed = 1;     // weights and shuffling; the data uses data.seed, or this seed when that is absent
};

// Where a step first produced a non-finite value (NaN or +-Infinity): the forward pass of a layer (its
// pre-activation or activation), the loss, the backward pass of a layer (its weight or bias gradient, output layer
// first since that is the order backpropagation produces them), or a layer's parameters after the update.
enum class Stage { None = 0, Forward = 1, Loss = 2, Backward = 3, Update = 4 };
const char* stageName(Stage stage);

struct NonFinite {
  Stage stage = Stage::None;
  std::size_t layer = 0;  // 0 = first hidden layer ... layers - 1 = output layer
  std::size_t step = 0;   // 1-based
};

// Statistics of one hidden layer's activations over the batch (all samples x units).
//   saturated: fraction of entries where the activation's derivative is (nearly) zero: sigmoid outside
//              [0.01, 0.99] (slope < 4% of its peak), tanh |a| > 0.99 (slope < 2%), relu pre-activation <= 0;
//   dead:      fraction of UNITS saturated for every sample of the batch (for relu: the "dead ReLU").
struct ActivationStats {
  double mean = 0.0, std = 0.0, saturated = 0.0, dead = 0.0;
};

struct StepRecord {
  std::size_t step = 0;                      // 1-based index of this update
  double loss = 0.0;                         // batch loss before the update (what loss.item() prints in a torch loop)
  double accuracy = 0.0;                     // batch accuracy before the update; NaN for regression
  double gradNorm = 0.0;                     // L2 norm of the whole gradient, before clipping
  bool clipped = false;                      // whether clipNorm scaled the gradient down
  std::vector<double> gradNorms;             // per layer (weight and bias together), before clipping
  std::vector<ActivationStats> activations;  // per hidden layer
  NonFinite nonFinite;                       // the first non-finite value of this step (stage None if there was none)
};

class Trainer {
 public:
  using Matrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

  // Layer l maps `inputs` to `outputs`; its weight (outputs x inputs, row-major: torch's nn.Linear layout) starts at
  // `offset` in the flat parameter vector and its bias (outputs) follows it.
  struct Layer {
    std::size_t inputs, outputs, offset;
  };

  explicit Trainer(const TrainerConfig& config);  // throws losslab::Error naming "createTrainer" and the option

  StepRecord step();
  std::vector<StepRecord> step(std::size_t n);  // n in 1 ... 100000
  std::size_t steps() const { return steps_; }

  // Outputs for rows of `inputs` numbers: regression values, sigma(logit) for binary/focal, softmax probabilities
  // (outputs() per row) for multiclass.
  std::vector<double> predict(Span points) const;
  // predict() over an n x n grid (2-D inputs only); row i at y = yMin + i (yMax - yMin) / (n - 1), column j at
  // x = xMin + j (xMax - xMin) / (n - 1); result n * n * outputs(), row-major, outputs innermost.
  std::vector<double> predictGrid(std::size_t n, double xMin, double xMax, double yMin, double yMax) const;

  // Loss on the WHOLE dataset at `params` and its gradient w.r.t. every parameter (nullptr: loss only): what the
  // gradient check differentiates. Does not change the trainer.
  double lossAndGradient(const std::vector<double>& params, std::vector<double>* grad) const;
  // The gradient (same layout as parameters()) at the current parameters of the batch loss over every sample, or,
  // with a sample index, of that one sample's loss. No update, no record, no clipping.
  std::vector<double> gradient(std::optional<std::size_t> sample = std::nullopt) const;

  const std::vector<double>& parameters() const { return params_; }
  void setParameters(const std::vector<double>& params);  // same length as parameters()
  const std::vector<Layer>& layers() const { return layers_; }
  std::size_t outputs() const { return layers_.back().outputs; }
  const Dataset& data() const { return data_; }
  Head head() const { return head_; }
  const NonFinite& firstNonFinite() const { return firstNonFinite_; }
  // A padded bounding box [xMin, xMax, yMin, yMax] of the data (x along the first input, y along the second or,
  // for 1-D inputs, the target): a default extent for predictGrid and for plots.
  std::vector<double> extent() const;

 private:
  // Activations of one batch and the backward pass's buffers. step() keeps one between steps (pass_), so a step of
  // a fixed batch size allocates none of them again.
  struct Pass {
    Matrix input;              // B x inputs
    std::vector<Matrix> z, a;  // per layer: pre-activation and activation (the output layer's a is its z: logits)
    Matrix g, below;           // dL/dz of the current layer and of the layer below
    std::vector<double> scratch, targets;
  };

  double forwardBackward(const std::vector<double>& params, const std::vector<std::size_t>& rows, Pass& pass,
                         std::vector<double>* grad, NonFinite* nonFinite, StepRecord* record) const;
  void nextBatch(std::vector<std::size_t>* rows);

  TrainerConfig config_;
  Dataset data_;
  Head head_;
  std::vector<Layer> layers_;
  std::vector<double> params_, grad_;
  OptimizerState optimizer_;
  Rng shuffle_;
  std::vector<std::size_t> order_, batch_;
  std::size_t cursor_ = 0, steps_ = 0;
  NonFinite firstNonFinite_;
  Pass pass_;
};

}  // namespace losslab
