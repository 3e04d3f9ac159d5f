// Loss surfaces over two parameters and the descent paths that walk them (landscape.hpp).
#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "losslab/error.hpp"
#include "losslab/landscape.hpp"
#include "losslab/names.hpp"
#include "losslab/pointwise.hpp"
#include "losslab/stable.hpp"
#include "vecmath.hpp"

#if defined(__wasm_simd128__)
#include <wasm_simd128.h>
#endif

namespace losslab {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr std::size_t kMaxSurfaceSamples = 4096;
constexpr std::size_t kMaxDescentSteps = 100000;

bool allZero(double a, double b, double c, double d) { return a == 0.0 && b == 0.0 && c == 0.0 && d == 0.0; }

// One row of the cross-entropy surface without label smoothing, the hot loop of the page's 3-D widget: the core's
// stable log-softmax (shift by the row maximum, sum e^{z_j - shift}, logp_t = (z_t - shift) - log(sum)) inlined for
// 3 classes, with the branch-free vexp / vlog of vecmath.hpp so the loop over a row vectorises (wasm SIMD f64x2).
// Each is within 1 ulp of glibc, far below the float32 the surface is stored in, so the cells still equal the core's
// crossEntropy rounded to float32 (landscape_test.cpp: GridCellsAreTheObjectiveAsFloat32... checks every cell).
// Measured: 256x256 in 1.3 ms in Node, against 1.45 ms with glibc's exp/log.
void crossEntropyRow(double xMin, double stepX, double z2, double z3, std::size_t target, std::size_t n, float* out) {
  constexpr double kLn2 = 0.6931471805599453;
  const double zTargetFixed = target == 1 ? z2 : z3;
  const double takeZ1 = target == 0 ? 1.0 : 0.0;
  for (std::size_t j = 0; j < n; ++j) {
    const double z1 = xMin + static_cast<double>(j) * stepX;
    const double m12 = z1 > z2 ? z1 : z2;
    const double shift = m12 > z3 ? m12 : z3;
    // The largest term is e^0 = 1, so sum lies in [1, 3]; halve it into vlog1to2's [1, 2] range when above 2.
    const double sum = detail::vexp(z1 - shift) + detail::vexp(z2 - shift) + detail::vexp(z3 - shift);
    const bool above2 = sum > 2.0;
    const double logSum = detail::vlog1to2(sum * (above2 ? 0.5 : 1.0)) + (above2 ? kLn2 : 0.0);
    const double zTarget = takeZ1 * z1 + (1.0 - takeZ1) * zTargetFixed;
    out[j] = static_cast<float>(-(zTarget - shift - logSum));
  }
}

// The smallest and largest finite values of v[0 ... n) (+Infinity and -Infinity when there is none); which of +0 and
// -0 is returned for a zero is unspecified (compute() takes the cell's own value afterwards). wasm: four lanes at a
// time (f32x4 compares and selects), since this pass over every cell cost a sixth of the surface otherwise.
void finiteRange(const float* v, std::size_t n, float* lo, float* hi) {
  constexpr float kInf = std::numeric_limits<float>::infinity();
  float l = kInf, h = -kInf;
  std::size_t j = 0;
#if defined(__wasm_simd128__)
  v128_t l4 = wasm_f32x4_splat(kInf), h4 = wasm_f32x4_splat(-kInf);
  const v128_t inf4 = wasm_f32x4_splat(kInf);
  for (; j + 4 <= n; j += 4) {
    const v128_t x = wasm_v128_load(v + j);
    const v128_t finite = wasm_f32x4_lt(wasm_f32x4_abs(x), inf4);  // false for NaN and +-Infinity
    l4 = wasm_v128_bitselect(x, l4, wasm_v128_and(finite, wasm_f32x4_lt(x, l4)));
    h4 = wasm_v128_bitselect(x, h4, wasm_v128_and(finite, wasm_f32x4_gt(x, h4)));
  }
  const float ls[4] = {wasm_f32x4_extract_lane(l4, 0), wasm_f32x4_extract_lane(l4, 1),
                       wasm_f32x4_extract_lane(l4, 2), wasm_f32x4_extract_lane(l4, 3)};
  const float hs[4] = {wasm_f32x4_extract_lane(h4, 0), wasm_f32x4_extract_lane(h4, 1),
                       wasm_f32x4_extract_lane(h4, 2), wasm_f32x4_extract_lane(h4, 3)};
  for (int k = 0; k < 4; ++k) {
    l = ls[k] < l ? ls[k] : l;
    h = hs[k] > h ? hs[k] : h;
  }
#endif
  for (; j < n; ++j) {
    if (std::isfinite(v[j])) {
      l = v[j] < l ? v[j] : l;
      h = v[j] > h ? v[j] : h;
    }
  }
  *lo = l;
  *hi = h;
}

// The first j with v[j] == value (value is in v).
std::size_t firstEqual(const float* v, std::size_t n, float value) {
  std::size_t j = 0;
  while (j + 1 < n && !(v[j] == value)) ++j;
  return j;
}

bool isRegression(SurfaceKind kind) {
  return kind == SurfaceKind::Mse || kind == SurfaceKind::L1 || kind == SurfaceKind::Huber;
}

}  // namespace

bool isBinarySurface(SurfaceKind kind) {
  return kind == SurfaceKind::Bce || kind == SurfaceKind::BceWithLogits || kind == SurfaceKind::MseSigmoid;
}

// ---- surfaces ------------------------------------------------------------------------------------------------------

SurfaceKind parseSurfaceKind(const char* function, const std::string& name) {
  static constexpr Named<SurfaceKind> kNames[] = {
      {"crossEntropy", SurfaceKind::CrossEntropy}, {"mse", SurfaceKind::Mse},
      {"l1", SurfaceKind::L1},                     {"huber", SurfaceKind::Huber},
      {"bce", SurfaceKind::Bce},                   {"bceWithLogits", SurfaceKind::BceWithLogits},
      {"mseSigmoid", SurfaceKind::MseSigmoid}};
  return parseName(function, "kind", name, kNames);
}

LineData surfaceData(SurfaceKind kind, const SurfaceOptions& o) {
  LineData d;
  if (kind == SurfaceKind::CrossEntropy) return d;
  const bool regression = isRegression(kind);
  const bool defaultLine = o.slope == 0.0 && o.intercept == 0.0;
  const double slope = defaultLine ? (regression ? 2.0 : 3.0) : o.slope;
  const double intercept = defaultLine ? -1.0 : o.intercept;
  Rng rng(o.seed, 0);
  d.x.resize(o.samples);
  d.y.resize(o.samples);
  const auto outlierCount = static_cast<std::size_t>(std::round(o.outliers * static_cast<double>(o.samples)));
  for (std::size_t i = 0; i < o.samples; ++i) {
    d.x[i] = rng.uniform(-1.0, 1.0);
    if (regression) {
      d.y[i] = slope * d.x[i] + intercept + o.noise * rng.normal();
      if (i < outlierCount) d.y[i] += o.outlierOffset;
    } else {
      d.y[i] = rng.uniform() < sigmoid(slope * d.x[i] + intercept) ? 1.0 : 0.0;
    }
  }
  return d;
}

SurfaceObjective::SurfaceObjective(const char* fn, SurfaceKind kind, const SurfaceOptions& o) : kind_(kind), o_(o) {
  xMin = o.xMin, xMax = o.xMax, yMin = o.yMin, yMax = o.yMax;
  if (allZero(xMin, xMax, yMin, yMax)) {
    const double half = kind == SurfaceKind::CrossEntropy ? 8.0 : 5.0;
    xMin = yMin = -half;
    xMax = yMax = half;
  }
  requireExtent(fn, xMin, xMax, yMin, yMax);
  if (kind == SurfaceKind::CrossEntropy) {
    requireFinite(fn, "z3", o.z3);
    requireCountInRange(fn, "target", o.target, 0, 2);
    requireInClosedRange(fn, "labelSmoothing", o.labelSmoothing, 0.0, 1.0);
    return;
  }
  requireCountInRange(fn, "samples", o.samples, 1, kMaxSurfaceSamples);
  requireFinite(fn, "slope", o.slope);
  requireFinite(fn, "intercept", o.intercept);
  requireNonNegativeFinite(fn, "noise", o.noise);
  requireInClosedRange(fn, "outliers", o.outliers, 0.0, 1.0);
  requireFinite(fn, "outlierOffset", o.outlierOffset);
  if (kind == SurfaceKind::Huber) requirePositive(fn, "delta", o.delta);
  data_ = surfaceData(kind, o);
}

double SurfaceObjective::loss(double x, double y) const { return lossAndGradient(x, y, nullptr, nullptr); }

double SurfaceObjective::accuracy(double x, double y) const {
  std::size_t correct = 0;
  for (std::size_t i = 0; i < data_.x.size(); ++i) {
    const double predicted = sigmoid(x * data_.x[i] + y) > 0.5 ? 1.0 : 0.0;
    correct += predicted == data_.y[i] ? 1 : 0;
  }
  return static_cast<double>(correct) / static_cast<double>(data_.x.size());
}

namespace {

// Mean over the data of one point functor applied to the model output z_i = w x_i + b, and its gradient by the
// chain rule d/dw = sum_i dl/dz_i x_i, d/db = sum_i dl/dz_i, divided by the count as applyReduction divides.
template <typename Point>
double meanOverLine(const LineData& d, double w, double b, double* gw, double* gb, Point point) {
  const std::size_t n = d.x.size();
  const double count = static_cast<double>(n);
  double total = 0.0, sw = 0.0, sb = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    const double z = w * d.x[i] + b;
    total += point.loss(z, d.y[i]);
    if (gw != nullptr) {
      const double g = point.slope(z, d.y[i]) / count;
      sw += g * d.x[i];
      sb += g;
    }
  }
  if (gw != nullptr) *gw = sw, *gb = sb;
  return total / count;
}

// A regression functor of d = z - y as a functor of (z, y).
template <typename Point>
struct OfError {
  Point point;
  double loss(double z, double y) const { return point.loss(z - y); }
  double slope(double z, double y) const { return point.slope(z - y); }
};

// bce on p = sigma(z): the core's element formula on p, times dp/dz = p (1 - p) for the gradient.
struct BceOfLogit {
  double loss(double z, double y) const { return point::Bce{}.loss(sigmoid(z), y); }
  double slope(double z, double y) const {
    const double p = sigmoid(z);
    return point::Bce{}.slope(p, y) * (p * (1.0 - p));
  }
};

}  // namespace

// Every cell is a point functor of pointwise.hpp, the same the core's losses use, summed in index order and divided
// by the count as applyReduction does, so the value is the core's to the last bit (landscape_test.cpp checks it).
double SurfaceObjective::lossAndGradient(double x, double y, double* gx, double* gy) const {
  switch (kind_) {
    case SurfaceKind::CrossEntropy: {
      // crossEntropy(logits = [x, y, z3], target = [t]) with unit weights: the core's class-index row.
      constexpr std::size_t kClasses = 3;
      const double z[kClasses] = {x, y, o_.z3};
      double logp[kClasses], g[kClasses];
      const double l = point::crossEntropyIndexRow(z, kClasses, o_.target, o_.labelSmoothing,
                                                   [](std::size_t) { return 1.0; }, 3.0, logp, gx ? g : nullptr);
      if (gx != nullptr) *gx = g[0], *gy = g[1];
      return (0.0 + l) / 1.0;  // applyReduction: accumulate from 0, divide by the counted weight 1
    }
    case SurfaceKind::Mse: return meanOverLine(data_, x, y, gx, gy, OfError<point::Mse>{{}});
    case SurfaceKind::L1: return meanOverLine(data_, x, y, gx, gy, OfError<point::L1>{{}});
    case SurfaceKind::Huber: return meanOverLine(data_, x, y, gx, gy, OfError<point::Huber>{{o_.delta}});
    case SurfaceKind::Bce: return meanOverLine(data_, x, y, gx, gy, BceOfLogit{});
    case SurfaceKind::BceWithLogits: return meanOverLine(data_, x, y, gx, gy, point::BceWithLogits{});
    case SurfaceKind::MseSigmoid: return meanOverLine(data_, x, y, gx, gy, point::MseSigmoid{});
  }
  return 0.0;
}

Surface::Surface(std::size_t maxN) : maxN_(maxN) {
  requireCountInRange("createSurface", "maxN", maxN, 2, kMaxN);
  values_.assign(maxN * maxN, 0.0f);
}

SurfaceStats Surface::compute(SurfaceKind kind, const SurfaceOptions& o) {
  const char* fn = "surface.compute";
  const std::size_t n = o.n == 0 ? maxN_ : o.n;
  requireCountInRange(fn, "n", n, 2, maxN_);
  const SurfaceObjective objective(fn, kind, o);
  const double stepX = (objective.xMax - objective.xMin) / static_cast<double>(n - 1);
  const double stepY = (objective.yMax - objective.yMin) / static_cast<double>(n - 1);
  SurfaceStats s;
  s.n = n;
  // The minimum is the first finite cell (row-major) holding the smallest finite value, the maximum likewise: rows'
  // ranges first (strict comparisons keep the first row), then the first such cell within the row.
  float lo = std::numeric_limits<float>::infinity(), hi = -lo;
  std::size_t loRow = 0, hiRow = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double y = objective.yMin + static_cast<double>(i) * stepY;
    float* row = values_.data() + i * n;
    if (kind == SurfaceKind::CrossEntropy && o.labelSmoothing == 0.0) {
      crossEntropyRow(objective.xMin, stepX, y, o.z3, o.target, n, row);
    } else {
      for (std::size_t j = 0; j < n; ++j) {
        row[j] = static_cast<float>(objective.loss(objective.xMin + static_cast<double>(j) * stepX, y));
      }
    }
    float rowLo, rowHi;
    finiteRange(row, n, &rowLo, &rowHi);
    if (rowLo < lo) lo = rowLo, loRow = i;
    if (rowHi > hi) hi = rowHi, hiRow = i;
  }
  const bool anyFinite = lo <= hi;
  std::size_t argmin = 0;
  if (anyFinite) {
    const float* minRow = values_.data() + loRow * n;
    const std::size_t j = firstEqual(minRow, n, lo);
    argmin = loRow * n + j;
    lo = minRow[j];
    const float* maxRow = values_.data() + hiRow * n;
    hi = maxRow[firstEqual(maxRow, n, hi)];
  }
  s.min = anyFinite ? lo : kNaN;
  s.max = anyFinite ? hi : kNaN;
  s.xAtMin = objective.xMin + static_cast<double>(argmin % n) * stepX;
  s.yAtMin = objective.yMin + static_cast<double>(argmin / n) * stepY;
  stats_ = s;
  return s;
}

// ---- descent paths -------------------------------------------------------------------------------------------------

DescentPath descentPath(SurfaceKind kind, const SurfaceOptions& surface, const DescentOptions& o) {
  const char* fn = "descentPath";
  validateOptimizer(fn, o.optimizer);
  requireFinite(fn, "start[0]", o.startX);
  requireFinite(fn, "start[1]", o.startY);
  requireCountInRange(fn, "steps", o.steps, 0, kMaxDescentSteps);
  const SurfaceObjective objective(fn, kind, surface);
  DescentPath path;
  for (std::vector<double>* v : {&path.x, &path.y, &path.loss, &path.gradX, &path.gradY}) v->resize(o.steps + 1);
  const bool binary = isBinarySurface(kind);
  if (binary) path.accuracy.resize(o.steps + 1);
  OptimizerState optimizer(o.optimizer, 2);
  double position[2] = {o.startX, o.startY};
  for (std::size_t k = 0;; ++k) {
    double grad[2];
    path.x[k] = position[0];
    path.y[k] = position[1];
    path.loss[k] = objective.lossAndGradient(position[0], position[1], &grad[0], &grad[1]);
    path.gradX[k] = grad[0];
    path.gradY[k] = grad[1];
    if (binary) path.accuracy[k] = objective.accuracy(position[0], position[1]);
    if (k == o.steps) break;
    optimizer.update(position, grad);
  }
  return path;
}

}  // namespace losslab
