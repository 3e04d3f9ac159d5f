#include "losslab/landscape.hpp"

#include "chained.hpp"
#include "vecmath.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "losslab/classification.hpp"
#include "losslab/error.hpp"
#include "losslab/names.hpp"
#include "losslab/regression.hpp"
#include "losslab/stable.hpp"

namespace losslab {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The core's BCE clamps (classification.cpp), repeated here for the mirrored surface cells: log >= -100, and the
// backward denominator floor is torch's float EPSILON 1e-12f widened to double (1.0000000000000000304e-12).
// landscape_test.cpp fails if these drift from the core's.
constexpr double kBceLogFloor = -100.0;
constexpr double kBceGradDenominatorFloor = static_cast<double>(1e-12f);

// Curves: 100000 points is 0.8 MB per array, far beyond any plot's pixel width.
constexpr std::size_t kMaxCurvePoints = 100000;
constexpr std::size_t kMaxGammas = 16;
constexpr std::size_t kMaxSurfaceSamples = 4096;
constexpr std::size_t kMaxDescentSteps = 100000;

std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

std::uint64_t splitmix64(std::uint64_t* state) {
  std::uint64_t z = (*state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

void requireHalfOpenUnit(const char* function, const char* name, double value) {
  if (!(value >= 0.0 && value < 1.0)) {
    fail(function, std::string(name) + " = " + formatNumber(value) + " is out of range [0, 1)");
  }
}

void requireCountInRange(const char* function, const char* name, std::size_t value, std::size_t lo, std::size_t hi) {
  if (value < lo || value > hi) {
    fail(function, std::string(name) + " = " + std::to_string(value) + " is out of range [" + std::to_string(lo) +
                       ", " + std::to_string(hi) + "]");
  }
}

// x_k = from + k * step with step = (to - from) / (count - 1); the last point is set to `to` exactly so a
// probability sweep ending at 1 never overshoots into a value the core refuses.
std::vector<double> sweep(double from, double to, std::size_t count) {
  std::vector<double> x(count);
  const double step = (to - from) / static_cast<double>(count - 1);
  for (std::size_t k = 0; k < count; ++k) x[k] = from + static_cast<double>(k) * step;
  x[count - 1] = to;
  return x;
}

CurveSeries seriesFrom(const char* name, LossResult r) {
  CurveSeries s;
  s.name = name;
  s.loss = std::move(r.losses);
  s.grad = std::move(r.grad);
  return s;
}

// dl/dz = dl/dp * dp/dz with dp/dz = p (1 - p), the sigmoid's derivative written through its output.
std::vector<double> throughSigmoid(const std::vector<double>& gradP, const std::vector<double>& p) {
  std::vector<double> g(p.size());
  for (std::size_t i = 0; i < p.size(); ++i) g[i] = gradP[i] * (p[i] * (1.0 - p[i]));
  return g;
}

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

bool isRegression(SurfaceKind kind) {
  return kind == SurfaceKind::Mse || kind == SurfaceKind::L1 || kind == SurfaceKind::Huber;
}

}  // namespace

bool isBinarySurface(SurfaceKind kind) {
  return kind == SurfaceKind::Bce || kind == SurfaceKind::BceWithLogits || kind == SurfaceKind::MseSigmoid;
}

// ---- Rng -----------------------------------------------------------------------------------------------------------

Rng::Rng(std::uint64_t seed, std::uint64_t stream) {
  std::uint64_t state = seed;
  // One splitmix64 draw decorrelates neighbouring seeds before the stream is mixed in (0xD1B5... is an odd constant
  // from Steele & Vigna's LXM tables, so distinct streams give distinct states).
  state = splitmix64(&state) ^ (stream * 0xD1B54A32D192ED03ULL);
  for (std::uint64_t& word : s_) word = splitmix64(&state);
}

std::uint64_t Rng::next() {
  const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
  const std::uint64_t t = s_[1] << 17;
  s_[2] ^= s_[0];
  s_[3] ^= s_[1];
  s_[1] ^= s_[2];
  s_[0] ^= s_[3];
  s_[2] ^= t;
  s_[3] = rotl(s_[3], 45);
  return result;
}

double Rng::uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

double Rng::uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }

double Rng::normal() {
  double u = 0.0, v = 0.0, s = 0.0;
  do {
    u = 2.0 * uniform() - 1.0;
    v = 2.0 * uniform() - 1.0;
    s = u * u + v * v;
  } while (s >= 1.0 || s == 0.0);  // accepts pi/4 ~ 78.5% of pairs
  return u * std::sqrt(-2.0 * std::log(s) / s);
}

std::size_t Rng::below(std::size_t n) {
  const std::uint64_t bound = n;
  const std::uint64_t threshold = (0 - bound) % bound;  // 2^64 mod n: draws below it would favour small results
  for (;;) {
    const std::uint64_t r = next();
    if (r >= threshold) return static_cast<std::size_t>(r % bound);
  }
}

// ---- curves --------------------------------------------------------------------------------------------------------

CurveKind parseCurveKind(const char* function, const std::string& name) {
  static constexpr Named<CurveKind> kNames[] = {{"error", CurveKind::Error},
                                                {"probability", CurveKind::Probability},
                                                {"logit", CurveKind::Logit},
                                                {"focal", CurveKind::Focal}};
  return parseName(function, "kind", name, kNames);
}

Curves curves(CurveKind kind, const CurveOptions& o) {
  const char* fn = "curves";
  double from = o.from, to = o.to;
  if (from == 0.0 && to == 0.0) {
    switch (kind) {
      case CurveKind::Error: from = -3.0, to = 3.0; break;
      case CurveKind::Probability: from = 0.005, to = 0.995; break;
      case CurveKind::Logit: from = -8.0, to = 8.0; break;
      case CurveKind::Focal: from = 0.005, to = 1.0; break;
    }
  }
  requireFinite(fn, "from", from);
  requireFinite(fn, "to", to);
  if (!(from < to)) fail(fn, "from = " + formatNumber(from) + " must be less than to = " + formatNumber(to));
  if (kind == CurveKind::Probability || kind == CurveKind::Focal) {
    requireInClosedRange(fn, "from", from, 0.0, 1.0);
    requireInClosedRange(fn, "to", to, 0.0, 1.0);
  }
  requireCountInRange(fn, "count", o.count, 2, kMaxCurvePoints);
  requireInClosedRange(fn, "target", o.target, 0.0, 1.0);

  Curves out;
  out.x = sweep(from, to, o.count);
  const std::vector<double>& x = out.x;
  const std::vector<double> y(x.size(), o.target);
  const BceOptions bceNone{{}, Reduction::None};
  switch (kind) {
    case CurveKind::Error: {
      requirePositive(fn, "delta", o.delta);
      const std::vector<double> zero(x.size(), 0.0);
      out.series.push_back(seriesFrom("mse", mse(x, zero, Reduction::None)));
      out.series.push_back(seriesFrom("l1", l1(x, zero, Reduction::None)));
      out.series.push_back(seriesFrom("huber", huber(x, zero, o.delta, Reduction::None)));
      out.series.push_back(seriesFrom("smoothL1", smoothL1(x, zero, o.beta, Reduction::None)));
      break;
    }
    case CurveKind::Probability: {
      out.series.push_back(seriesFrom("mse", mse(x, y, Reduction::None)));
      out.series.push_back(seriesFrom("bce", bce(x, y, bceNone)));
      for (CurveSeries& s : out.series) s.gradLogit = throughSigmoid(s.grad, x);
      break;
    }
    case CurveKind::Logit: {
      out.series.push_back(seriesFrom("bceWithLogits", bceWithLogits(x, y, {{}, {}, Reduction::None})));
      std::vector<double> p(x.size());
      for (std::size_t i = 0; i < x.size(); ++i) p[i] = sigmoid(x[i]);
      CurveSeries mseSigmoid = seriesFrom("mseSigmoid", mse(p, y, Reduction::None));
      mseSigmoid.grad = throughSigmoid(mseSigmoid.grad, p);
      out.series.push_back(std::move(mseSigmoid));
      CurveSeries bceSigmoid = seriesFrom("bceSigmoid", bce(p, y, bceNone));
      bceSigmoid.grad = throughSigmoid(bceSigmoid.grad, p);
      out.series.push_back(std::move(bceSigmoid));
      break;
    }
    case CurveKind::Focal: {
      requirePositive(fn, "alpha", o.alpha);
      if (o.gammas.empty() || o.gammas.size() > kMaxGammas) {
        fail(fn,
             "gammas has length " + std::to_string(o.gammas.size()) + ", expected 1 to " + std::to_string(kMaxGammas));
      }
      for (std::size_t g = 0; g < o.gammas.size(); ++g) {
        const double gamma = o.gammas[g];
        if (!(gamma >= 0.0) || std::isinf(gamma)) {
          fail(fn,
               "gammas[" + std::to_string(g) + "] = " + formatNumber(gamma) + " must be a non-negative finite number");
        }
      }
      const LossResult ce = bce(x, std::vector<double>(x.size(), 1.0), bceNone);  // -log p_t, clamped at 100
      for (const double gamma : o.gammas) {
        CurveSeries s;
        s.name = "focal";
        s.gamma = gamma;
        s.loss.resize(x.size());
        s.grad.resize(x.size());
        for (std::size_t i = 0; i < x.size(); ++i) {
          const double q = 1.0 - x[i];
          const double modulator = detail::torchPow(q, gamma);
          const double l = ce.losses[i];
          // d(q^gamma)/dp = -gamma q^(gamma - 1), as torch's pow backward gives it: 0 when gamma = 0; at p_t = 1 with
          // 0 < gamma < 1, q^(gamma - 1) is Infinity and Infinity * l = Infinity * 0 is NaN, exactly as autograd.
          const double modulatorSlopeTerm = gamma == 0.0 ? 0.0 : gamma * detail::torchPow(q, gamma - 1.0) * l;
          s.loss[i] = o.alpha * modulator * l;
          s.grad[i] = o.alpha * (modulator * ce.grad[i] - modulatorSlopeTerm);
        }
        out.series.push_back(std::move(s));
      }
      break;
    }
  }
  return out;
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
  if (!(o.noise >= 0.0) || std::isinf(o.noise)) {
    fail(fn, "noise = " + formatNumber(o.noise) + " must be a non-negative finite number");
  }
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

// Each branch repeats the core's expression for one element and its Mean reduction (accumulate from 0.0 in index
// order, then divide; gradients divided by the same count), so the value is the core's to the last bit:
// landscape_test.cpp (SurfaceMatchesCoreBitForBit) holds this file to that.
double SurfaceObjective::lossAndGradient(double x, double y, double* gx, double* gy) const {
  const bool wantGrad = gx != nullptr;
  if (kind_ == SurfaceKind::CrossEntropy) {
    // crossEntropy(logits = [x, y, z3], target = [t]) with unit weights: classification.cpp's class-index path.
    constexpr std::size_t kClasses = 3;
    const double z[kClasses] = {x, y, o_.z3};
    double logp[kClasses];
    logSoftmax(z, kClasses, logp);
    const double eps = o_.labelSmoothing, wt = 1.0;
    const double smoothingPerClass = eps / static_cast<double>(kClasses);
    const auto t = o_.target;
    double l = -(1.0 - eps) * wt * logp[t];
    double g[kClasses];
    for (std::size_t j = 0; j < kClasses; ++j) {
      const double p = wantGrad ? std::exp(logp[j]) : 0.0;
      g[j] = (1.0 - eps) * wt * (p - (j == t ? 1.0 : 0.0));
      if (eps > 0) {
        l -= smoothingPerClass * 1.0 * logp[j];
        g[j] += smoothingPerClass * (p * 3.0 - 1.0);  // p * sum_c w_c - w_j with w = 1
      }
    }
    if (wantGrad) *gx = g[0], *gy = g[1];
    return (0.0 + l) / 1.0;  // applyReduction: accumulate from 0, divide by the counted weight 1
  }

  // The model's output for each sample, then the core's element formula on d = input - target.
  const std::vector<double>& xs = data_.x;
  const std::vector<double>& ys = data_.y;
  const std::size_t n = xs.size();
  const double count = static_cast<double>(n);
  double total = 0.0, gw = 0.0, gb = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    const double z = x * xs[i] + y;  // w x + b
    double l = 0.0, g = 0.0;         // element loss and d(sum)/d(model output)
    switch (kind_) {
      case SurfaceKind::Mse: {
        const double d = z - ys[i];
        l = d * d;
        g = 2.0 * d;
        break;
      }
      case SurfaceKind::L1: {
        const double d = z - ys[i];
        l = std::abs(d);
        g = static_cast<double>((d > 0) - (d < 0));
        break;
      }
      case SurfaceKind::Huber: {
        const double d = z - ys[i], a = std::abs(d), delta = o_.delta;
        l = a <= delta ? 0.5 * d * d : delta * (a - 0.5 * delta);
        g = d < -delta ? -delta : (d > delta ? delta : d);
        break;
      }
      case SurfaceKind::Bce: {
        const double p = sigmoid(z), t = ys[i];
        l = (t - 1.0) * std::max(std::log(1.0 - p), kBceLogFloor) - t * std::max(std::log(p), kBceLogFloor);
        // dl/dp from the core, times dp/dz = p (1 - p): the chain rule through the sigmoid the model applies.
        if (wantGrad) g = (p - t) / std::max((1.0 - p) * p, kBceGradDenominatorFloor) * (p * (1.0 - p));
        break;
      }
      case SurfaceKind::BceWithLogits: {
        const double t = ys[i], m = std::max(-z, 0.0);
        l = (1.0 - t) * z + (std::log(std::exp(-m) + std::exp(-z - m)) + m);
        if (wantGrad) g = sigmoid(z) - t;
        break;
      }
      case SurfaceKind::MseSigmoid: {
        // torch: mse_loss(sigmoid(z), y): d = p - y, l = d^2; backward 2 d (mse), then times (1 - p) p (sigmoid).
        const double p = sigmoid(z), d = p - ys[i];
        l = d * d;
        if (wantGrad) g = 2.0 * d * (1.0 - p) * p;
        break;
      }
      case SurfaceKind::CrossEntropy: break;
    }
    total += l;
    if (wantGrad) {
      const double gMean = g / count;  // applyReduction divides G by the count
      gw += gMean * xs[i];
      gb += gMean;
    }
  }
  if (wantGrad) *gx = gw, *gy = gb;
  return total / count;
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
  float lo = std::numeric_limits<float>::infinity(), hi = -lo;
  std::size_t argmin = 0;
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
    for (std::size_t j = 0; j < n; ++j) {
      const float v = row[j];
      if (std::isfinite(v)) {
        if (v < lo) lo = v, argmin = i * n + j;
        hi = std::max(hi, v);
      }
    }
  }
  const bool anyFinite = lo <= hi;
  s.min = anyFinite ? lo : kNaN;
  s.max = anyFinite ? hi : kNaN;
  s.xAtMin = objective.xMin + static_cast<double>(argmin % n) * stepX;
  s.yAtMin = objective.yMin + static_cast<double>(argmin / n) * stepY;
  stats_ = s;
  return s;
}

// ---- optimizers ----------------------------------------------------------------------------------------------------

Optimizer parseOptimizer(const char* function, const std::string& name) {
  static constexpr Named<Optimizer> kNames[] = {
      {"sgd", Optimizer::Sgd}, {"momentum", Optimizer::Momentum}, {"adam", Optimizer::Adam}};
  return parseName(function, "optimizer", name, kNames);
}

void validateOptimizer(const char* fn, const OptimizerConfig& c) {
  requirePositive(fn, "learningRate", c.learningRate);
  requireHalfOpenUnit(fn, "momentum", c.momentum);
  requireHalfOpenUnit(fn, "beta1", c.beta1);
  requireHalfOpenUnit(fn, "beta2", c.beta2);
  requirePositive(fn, "eps", c.eps);
}

OptimizerState::OptimizerState(const OptimizerConfig& config, std::size_t parameters)
    : c_(config),
      n_(parameters),
      m_(config.kind == Optimizer::Sgd ? 0 : parameters, 0.0),
      v_(config.kind == Optimizer::Adam ? parameters : 0, 0.0) {}

void OptimizerState::update(double* p, const double* g) {
  ++t_;
  const double lr = c_.learningRate;
  switch (c_.kind) {
    case Optimizer::Sgd:
      for (std::size_t i = 0; i < n_; ++i) p[i] = p[i] + -lr * g[i];  // torch: p.add_(g, alpha=-lr)
      return;
    case Optimizer::Momentum:
      for (std::size_t i = 0; i < m_.size(); ++i) {
        m_[i] = t_ == 1 ? g[i] : m_[i] * c_.momentum + g[i];  // torch: buf = clone(g), then buf.mul_(mu).add_(g)
        p[i] = p[i] + -lr * m_[i];
      }
      return;
    case Optimizer::Adam: {
      const double biasCorrection1 = 1.0 - std::pow(c_.beta1, static_cast<double>(t_));
      const double biasCorrection2 = 1.0 - std::pow(c_.beta2, static_cast<double>(t_));
      const double stepSize = lr / biasCorrection1;
      const double biasCorrection2Sqrt = std::sqrt(biasCorrection2);
      for (std::size_t i = 0; i < m_.size(); ++i) {
        m_[i] = m_[i] * c_.beta1 + (1.0 - c_.beta1) * g[i];
        v_[i] = v_[i] * c_.beta2 + (1.0 - c_.beta2) * g[i] * g[i];
        const double denom = std::sqrt(v_[i]) / biasCorrection2Sqrt + c_.eps;
        p[i] = p[i] + -stepSize * (m_[i] / denom);
      }
      return;
    }
  }
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
