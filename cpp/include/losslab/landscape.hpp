// Batch kernels behind the interactive plots: whole loss curves, whole loss surfaces and whole descent paths in one
// call each, so a widget crosses the wasm boundary once per frame, never once per point.
//   curves.cpp    loss and gradient along one swept variable
//   surfaces.cpp  a loss over two parameters, its seeded data, and the descent paths that walk it
// Seeded random numbers are in rng.hpp, the optimizers in optimizer.hpp (the trainer uses both).
//
// Agreement with the core: a curve point, a surface cell and a loss value are the same element formula
// (pointwise.hpp) evaluated in the same order, so they agree to the last bit (landscape_test.cpp checks every kind
// against the core's loss functions). Only the cross-entropy surface without smoothing takes a vectorised row loop
// (exp/log within 1 ulp, checked to equal the core rounded to float32).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "losslab/optimizer.hpp"
#include "losslab/rng.hpp"

namespace losslab {

// ---- curves: loss and gradient along one swept variable ----------------------------------------------------------

// error:       x = e = input - target; series mse, l1, huber(delta), smoothL1(beta) of input e against target 0.
// probability: x = p, target y; series mse (p - y)^2 and bce (torch's clamps: log >= -100, grad denominator >= 1e-12f);
//              grad = dl/dp, gradLogit = dl/dz = dl/dp * p (1 - p) for p = sigma(z) (MSE's vanishes where sigma
//              saturates, BCE's is p - y).
// logit:       x = z, target y; series bceWithLogits, mseSigmoid = (sigma(z) - y)^2, bceSigmoid = bce(sigma(z), y)
//              (the naive composition: sigma(z) rounds to exactly 1 above z ~ 36.7 and its gradient becomes 0);
//              grad = dl/dz.
// focal:       x = p_t, the probability given to the true class; one series per gamma:
//              l = alpha (1 - p_t)^gamma * bce(p_t, 1)  (= -alpha (1 - p_t)^gamma log p_t with torch's log clamp),
//              grad = dl/dp_t = alpha [(1 - p_t)^gamma dbce/dp_t - gamma (1 - p_t)^(gamma - 1) bce];
//              gamma = 0, alpha = 1 is exactly the bce curve with target 1 (Lin et al. 2017, Focal Loss).
// gap:         x = g, the logit gap of a C-class row whose true class has logit g and every other class 0; one
//              series per label smoothing eps: crossEntropy(row, true class, labelSmoothing eps), grad = dl/dg
//              (eps = 0 only falls as g grows; eps > 0 has its minimum at g* = log(1 + C (1 - eps) / eps)).
enum class CurveKind { Error, Probability, Logit, Focal, Gap };
CurveKind parseCurveKind(const char* function, const std::string& name);

struct CurveOptions {
  double from = 0.0, to = 0.0;  // both 0: the kind's default range (error [-3, 3], probability [0.005, 0.995],
                                // logit [-8, 8], focal [0.005, 1]); probability/focal ranges must lie in [0, 1]
  std::size_t count = 201;      // number of points, 2 ... 100000, endpoints included
  double target = 1.0;          // y in [0, 1] for probability and logit
  double delta = 1.0;           // huber's delta > 0
  double beta = 1.0;            // smoothL1's beta >= 0
  std::vector<double> gammas = {0.0, 0.5, 1.0, 2.0, 5.0};  // focal: each >= 0, 1 ... 16 of them
  double alpha = 1.0;                                      // focal: > 0
  std::size_t classes = 3;                                 // gap: C, 2 ... 1000
  std::vector<double> labelSmoothings = {0.0, 0.1};        // gap: each in [0, 1], 1 ... 16 of them
};

struct CurveSeries {
  std::string name;                // "mse", "l1", "huber", "smoothL1", "bce", "bceWithLogits", "mseSigmoid", ...
  double gamma = 0.0;              // focal only
  double labelSmoothing = 0.0;     // gap only
  std::vector<double> loss, grad;  // per point
  std::vector<double> gradLogit;   // probability kind only (else empty)
};

struct Curves {
  std::vector<double> x;
  std::vector<CurveSeries> series;
};

Curves curves(CurveKind kind, const CurveOptions& options);

// ---- surfaces: a loss over two parameters ----------------------------------------------------------------------

// crossEntropy: x = z1, y = z2, logits (z1, z2, z3) of ONE 3-class sample, z3 and the true class fixed;
//               the cell is crossEntropy([z1, z2, z3], [target], labelSmoothing) exactly as the core computes it.
// mse, l1, huber: the model y = w x + b over (x = w, y = b), mean loss over a seeded regression dataset.
// bce:          p = sigma(w x + b), mean F.binary_cross_entropy over seeded 0/1 labels (torch's clamps: a plateau
//               at 100 where sigma saturates).
// bceWithLogits: the same model and labels through the stable logits form (no plateau).
// mseSigmoid:   the same model and labels, mean (sigma(w x + b) - y)^2: torch's mse_loss(torch.sigmoid(w x + b), y),
//               gradient by the chain rule dl/dz = 2 (p - y) / n * (1 - p) p (a flat plateau where sigma saturates).
enum class SurfaceKind { CrossEntropy, Mse, L1, Huber, Bce, BceWithLogits, MseSigmoid };
// Whether a kind's data set is binary (bce, bceWithLogits, mseSigmoid): its descent path records accuracy.
bool isBinarySurface(SurfaceKind kind);
SurfaceKind parseSurfaceKind(const char* function, const std::string& name);

struct SurfaceOptions {
  std::size_t n = 0;  // grid side: N x N cells, 2 ... the surface's maxN; 0 = maxN (Surface::compute only)
  // Grid extent [xMin, xMax] x [yMin, yMax]; all four 0 = the kind's default ([-8, 8]^2 for crossEntropy,
  // [-5, 5]^2 for the others). Cell (row i, column j) sits at x = xMin + j (xMax - xMin) / (N - 1),
  // y = yMin + i (yMax - yMin) / (N - 1).
  double xMin = 0.0, xMax = 0.0, yMin = 0.0, yMax = 0.0;
  // crossEntropy
  double z3 = 0.0;
  std::size_t target = 0;       // true class 0, 1 or 2
  double labelSmoothing = 0.0;  // [0, 1]
  // datasets (mse, l1, huber, bce, bceWithLogits)
  std::uint64_t seed = 1;
  std::size_t samples = 32;             // 1 ... 4096
  double slope = 0.0, intercept = 0.0;  // the true (w, b); both 0 = the kind's default: (2, -1) regression,
                                        // (3, -1) binary
  double noise = 0.3;                   // regression: std of Gaussian noise on y (>= 0)
  double outliers = 0.0;                // regression: fraction in [0, 1] of points whose y is shifted by outlierOffset
  double outlierOffset = 6.0;
  double delta = 1.0;  // huber
};

// The regression or binary dataset a surface uses: x_i ~ U[-1, 1);
//   regression: y_i = slope x_i + intercept + noise N(0, 1), then y_i += outlierOffset for i < round(outliers n)
//               (the x_i are independent, so the first k points are a random subset);
//   binary:     y_i = 1 if U[0, 1) < sigma(slope x_i + intercept) else 0.
struct LineData {
  std::vector<double> x, y;
};
LineData surfaceData(SurfaceKind kind, const SurfaceOptions& options);

// One surface kind with its data resolved: the loss at a point and its gradient, shared by Surface::compute and
// descentPath so that a path always walks the surface the reader sees.
class SurfaceObjective {
 public:
  SurfaceObjective(const char* function, SurfaceKind kind, const SurfaceOptions& options);
  double loss(double x, double y) const;
  double lossAndGradient(double x, double y, double* gx, double* gy) const;
  // Binary kinds: the share of points with (sigma(x data.x_i + y) > 0.5) == data.y_i.
  double accuracy(double x, double y) const;
  const LineData& data() const { return data_; }
  // The resolved grid extent (defaults filled in).
  double xMin, xMax, yMin, yMax;

 private:
  SurfaceKind kind_;
  SurfaceOptions o_;
  LineData data_;
};

struct SurfaceStats {
  std::size_t n = 0;
  double min = 0.0, max = 0.0;  // over finite cells (as float32, widened); NaN if no cell is finite
  double xAtMin = 0.0, yAtMin = 0.0;
};

// Owns one float32 buffer of maxN * maxN values, allocated once in the constructor: compute() never allocates it
// again, so in wasm a view over it stays valid until something ELSE grows the memory.
class Surface {
 public:
  static constexpr std::size_t kMaxN = 512;  // 512^2 float32 = 1 MiB
  explicit Surface(std::size_t maxN);        // 2 ... kMaxN
  // Fills the first N*N values, row-major (row = y, column = x), and returns their range.
  SurfaceStats compute(SurfaceKind kind, const SurfaceOptions& options);
  const float* data() const { return values_.data(); }
  std::size_t n() const { return stats_.n; }
  std::size_t maxN() const { return maxN_; }
  const SurfaceStats& stats() const { return stats_; }

 private:
  std::size_t maxN_;
  std::vector<float> values_;
  SurfaceStats stats_;
};

// ---- descent paths -----------------------------------------------------------------------------------------------

struct DescentOptions {
  OptimizerConfig optimizer;
  double startX = -4.0, startY = 4.0;  // finite
  std::size_t steps = 100;             // 0 ... 100000
};

// Positions 0 ... steps (steps + 1 entries each): the start, then one entry per update. loss and grad are evaluated
// at each position. A diverging path is recorded as it goes (Infinity/NaN), not stopped.
// accuracy (binary kinds only, else empty): the share of data points with (sigma(w x_i + b) > 0.5) == y_i.
struct DescentPath {
  std::vector<double> x, y, loss, gradX, gradY, accuracy;
};

DescentPath descentPath(SurfaceKind kind, const SurfaceOptions& surface, const DescentOptions& options);

}  // namespace losslab
