// The landscape kernels against the core: curves call the core's losses, so they must equal it exactly; surfaces
// mirror the core's expressions, so every cell must equal the core's value bit for bit before the float32 cast;
// descent paths must decrease convex losses and take exactly the steps torch.optim 1.13 takes.
#include "losslab/landscape.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "losslab/classification.hpp"
#include "losslab/error.hpp"
#include "losslab/regression.hpp"
#include "losslab/stable.hpp"
#include "support.hpp"

namespace losslab::test {
namespace {

using V = std::vector<double>;

const CurveSeries& seriesNamed(const Curves& c, const std::string& name) {
  for (const CurveSeries& s : c.series) {
    if (s.name == name) return s;
  }
  throw std::runtime_error("no series " + name);
}

// ---- Rng -------------------------------------------------------------------------------------------------------

TEST(Rng, SameSeedSameNumbersDifferentSeedOrStreamDifferent) {
  Rng a(42), b(42), c(43), d(42, 1);
  int differentSeed = 0, differentStream = 0;
  for (int i = 0; i < 100; ++i) {
    const std::uint64_t x = a.next();
    EXPECT_EQ(x, b.next());
    differentSeed += x != c.next();
    differentStream += x != d.next();
  }
  EXPECT_EQ(differentSeed, 100);
  EXPECT_EQ(differentStream, 100);
}

TEST(Rng, PinnedFirstDrawsSoEveryPlatformAgrees) {
  // The seeding and xoshiro256** are integer-only, so these are the same on every platform; a change here changes
  // every seeded data set and weight in the lesson.
  Rng rng(1);
  const std::uint64_t first = rng.next();
  Rng again(1);
  EXPECT_EQ(again.next(), first);
  EXPECT_EQ(Rng(1).uniform(), static_cast<double>(first >> 11) * 0x1.0p-53);
}

TEST(Rng, UniformNormalAndBelowHaveTheirMoments) {
  Rng rng(7);
  const int n = 200000;
  double su = 0, sn = 0, sn2 = 0;
  std::vector<int> counts(6, 0);
  for (int i = 0; i < n; ++i) {
    const double u = rng.uniform();
    ASSERT_GE(u, 0.0);
    ASSERT_LT(u, 1.0);
    su += u;
    const double z = rng.normal();
    sn += z;
    sn2 += z * z;
    ++counts[rng.below(6)];
  }
  // Standard errors: uniform mean 0.29/sqrt(n) ~ 6.5e-4, normal mean 1/sqrt(n) ~ 2.2e-3, variance ~ 3.2e-3.
  EXPECT_NEAR(su / n, 0.5, 4e-3);
  EXPECT_NEAR(sn / n, 0.0, 1e-2);
  EXPECT_NEAR(sn2 / n, 1.0, 2e-2);
  for (int c : counts) EXPECT_NEAR(c / static_cast<double>(n), 1.0 / 6.0, 5e-3);
}

// ---- curves ------------------------------------------------------------------------------------------------------

TEST(Curves, ErrorCurvesAreTheCoreLossesPointByPoint) {
  CurveOptions o;
  o.count = 101;
  o.delta = 0.7;
  o.beta = 1.3;
  const Curves c = curves(CurveKind::Error, o);
  ASSERT_EQ(c.x.size(), 101u);
  EXPECT_EQ(c.x.front(), -3.0);
  EXPECT_EQ(c.x.back(), 3.0);
  for (std::size_t i = 0; i < c.x.size(); ++i) {
    const V e = {c.x[i]}, zero = {0.0};
    const LossResult m = mse(e, zero), a = l1(e, zero), h = huber(e, zero, 0.7), s = smoothL1(e, zero, 1.3);
    EXPECT_EQ(seriesNamed(c, "mse").loss[i], m.loss);
    EXPECT_EQ(seriesNamed(c, "mse").grad[i], m.grad[0]);
    EXPECT_EQ(seriesNamed(c, "l1").loss[i], a.loss);
    EXPECT_EQ(seriesNamed(c, "l1").grad[i], a.grad[0]);
    EXPECT_EQ(seriesNamed(c, "huber").loss[i], h.loss);
    EXPECT_EQ(seriesNamed(c, "huber").grad[i], h.grad[0]);
    EXPECT_EQ(seriesNamed(c, "smoothL1").loss[i], s.loss);
    EXPECT_EQ(seriesNamed(c, "smoothL1").grad[i], s.grad[0]);
  }
}

TEST(Curves, ProbabilityAndLogitCurvesAreTheCoreLosses) {
  for (double y : {0.0, 0.3, 1.0}) {
    CurveOptions o;
    o.count = 51;
    o.from = 0.0;
    o.to = 1.0;  // endpoints included: torch's clamps give finite values there
    o.target = y;
    const Curves p = curves(CurveKind::Probability, o);
    for (std::size_t i = 0; i < p.x.size(); ++i) {
      const V x = {p.x[i]}, t = {y};
      const LossResult b = bce(x, t), m = mse(x, t);
      EXPECT_EQ(seriesNamed(p, "bce").loss[i], b.loss);
      EXPECT_EQ(seriesNamed(p, "bce").grad[i], b.grad[0]);
      EXPECT_EQ(seriesNamed(p, "bce").gradLogit[i], b.grad[0] * (x[0] * (1.0 - x[0])));
      EXPECT_EQ(seriesNamed(p, "mse").loss[i], m.loss);
      EXPECT_EQ(seriesNamed(p, "mse").gradLogit[i], m.grad[0] * (x[0] * (1.0 - x[0])));
    }
    o.from = -60.0;
    o.to = 60.0;
    const Curves z = curves(CurveKind::Logit, o);
    for (std::size_t i = 0; i < z.x.size(); ++i) {
      const V x = {z.x[i]}, t = {y}, s = {sigmoid(z.x[i])};
      const LossResult b = bceWithLogits(x, t);
      EXPECT_EQ(seriesNamed(z, "bceWithLogits").loss[i], b.loss);
      EXPECT_EQ(seriesNamed(z, "bceWithLogits").grad[i], b.grad[0]);
      EXPECT_EQ(seriesNamed(z, "bceSigmoid").loss[i], bce(s, t).loss);
      EXPECT_EQ(seriesNamed(z, "mseSigmoid").loss[i], mse(s, t).loss);
    }
  }
}

TEST(Curves, SigmoidSaturationIsVisible) {
  // The naive bce(sigma(z)) loses its gradient once sigma(z) rounds to 1 (z > ~36.7): the reason with-logits exists.
  CurveOptions o;
  o.from = 40.0;
  o.to = 41.0;
  o.count = 2;
  o.target = 0.0;
  const Curves z = curves(CurveKind::Logit, o);
  EXPECT_EQ(seriesNamed(z, "bceSigmoid").loss[0], 100.0);  // log(1 - 1) clamped at -100
  EXPECT_EQ(seriesNamed(z, "bceSigmoid").grad[0], 0.0);
  EXPECT_EQ(seriesNamed(z, "bceWithLogits").grad[0], 1.0);
  EXPECT_NEAR(seriesNamed(z, "bceWithLogits").loss[0], 40.0, 1e-12);
}

TEST(Curves, FocalGammaZeroIsBceAndOthersMatchTheCoreSoftmaxFocal) {
  CurveOptions o;
  o.count = 41;
  o.gammas = {0.0, 0.5, 2.0, 5.0};
  const Curves c = curves(CurveKind::Focal, o);
  ASSERT_EQ(c.series.size(), 4u);
  CurveOptions b;
  b.count = 41;
  b.from = 0.005;
  b.to = 1.0;
  const Curves p = curves(CurveKind::Probability, b);
  for (std::size_t i = 0; i < c.x.size(); ++i) {
    EXPECT_EQ(c.series[0].loss[i], seriesNamed(p, "bce").loss[i]);  // gamma 0, alpha 1: exactly -log p_t
    EXPECT_EQ(c.series[0].grad[i], seriesNamed(p, "bce").grad[i]);
    for (std::size_t g = 1; g < 4; ++g) {
      // Two logits (log p, log(1 - p)) give softmax p_t = p up to rounding, so the core's softmaxFocal agrees to
      // ~1e-15 relative (it takes p_t from logits, the curve from p directly).
      const double pt = c.x[i];
      if (pt >= 1.0) continue;
      SoftmaxFocalOptions f;
      f.classes = 2;
      f.gamma = o.gammas[g];
      const LossResult r = softmaxFocal(V{std::log(pt), std::log1p(-pt)}, V{0.0}, f);
      EXPECT_TRUE(close(c.series[g].loss[i], r.loss, 1e-12)) << "gamma " << f.gamma << " p_t " << pt;
    }
  }
  // The gradient is the slope of the value (central differences, away from p_t = 1 and the clamp).
  for (std::size_t g = 0; g < 4; ++g) {
    for (double pt : {0.05, 0.3, 0.71, 0.95}) {
      CurveOptions one;
      one.gammas = {o.gammas[g]};
      one.alpha = 0.25;
      const double h = 1e-6;
      auto value = [&](double x) {
        one.from = x - 1e-9;
        one.to = x;
        one.count = 2;
        return curves(CurveKind::Focal, one).series[0].loss[1];
      };
      one.from = pt - 1e-9, one.to = pt, one.count = 2;
      const double analytic = curves(CurveKind::Focal, one).series[0].grad[1];
      EXPECT_NEAR(analytic, (value(pt + h) - value(pt - h)) / (2 * h), 1e-6 * (1 + std::abs(analytic)));
    }
  }
  // At p_t = 1 the loss is 0 for every gamma, and the slope is torch's autograd: 0 for gamma = 0 (bce's
  // (p - 1) / max(p (1 - p), 1e-12)) and gamma >= 1, NaN for 0 < gamma < 1 (Infinity * log 1 in pow's backward).
  for (const CurveSeries& s : c.series) {
    EXPECT_EQ(s.loss.back(), 0.0);
    if (s.gamma > 0.0 && s.gamma < 1.0) {
      EXPECT_TRUE(std::isnan(s.grad.back())) << s.gamma;
    } else {
      EXPECT_EQ(s.grad.back(), 0.0) << s.gamma;
    }
  }
}

TEST(Curves, BadOptionsNameTheOption) {
  CurveOptions o;
  o.count = 1;
  EXPECT_THROW(curves(CurveKind::Error, o), Error);
  try {
    CurveOptions bad;
    bad.from = -0.5;
    bad.to = 0.5;
    curves(CurveKind::Probability, bad);
    FAIL();
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "curves: from = -0.5 is out of range [0, 1]");
  }
  EXPECT_THROW(parseCurveKind("curves", "bogus"), Error);
}

// ---- surfaces ----------------------------------------------------------------------------------------------------

struct Cell {
  double x, y;
};

std::vector<Cell> probeCells() {
  return {{0.0, 0.0}, {1.5, -2.25}, {-7.9, 8.0}, {40.0, -40.0}, {1e4, 3.0}, {-1e4, -1e4}, {0.1, 0.2}, {-3.3, 2.7}};
}

TEST(Surface, CrossEntropyCellsAreTheCoreBitForBit) {
  for (std::size_t t = 0; t < 3; ++t) {
    for (double smoothing : {0.0, 0.1}) {
      SurfaceOptions o;
      o.target = t;
      o.z3 = 0.7;
      o.labelSmoothing = smoothing;
      const SurfaceObjective f("test", SurfaceKind::CrossEntropy, o);
      CrossEntropyOptions ce;
      ce.labelSmoothing = smoothing;
      for (const Cell& c : probeCells()) {
        const LossResult r = crossEntropy(V{c.x, c.y, 0.7}, V{static_cast<double>(t)}, ce);
        double gx = 0, gy = 0;
        EXPECT_EQ(f.loss(c.x, c.y), r.loss) << c.x << ", " << c.y;
        EXPECT_EQ(f.lossAndGradient(c.x, c.y, &gx, &gy), r.loss);
        EXPECT_EQ(gx, r.grad[0]);
        EXPECT_EQ(gy, r.grad[1]);
      }
    }
  }
}

TEST(Surface, LineModelCellsAreTheCoreBitForBit) {
  for (SurfaceKind kind : {SurfaceKind::Mse, SurfaceKind::L1, SurfaceKind::Huber, SurfaceKind::Bce,
                           SurfaceKind::BceWithLogits, SurfaceKind::MseSigmoid}) {
    SurfaceOptions o;
    o.samples = 17;
    o.seed = 5;
    o.outliers = 0.2;
    o.delta = 0.8;
    const SurfaceObjective f("test", kind, o);
    const LineData& d = f.data();
    ASSERT_EQ(d.x.size(), 17u);
    for (const Cell& c : probeCells()) {
      V z(d.x.size()), p(d.x.size());
      for (std::size_t i = 0; i < z.size(); ++i) {
        z[i] = c.x * d.x[i] + c.y;
        p[i] = sigmoid(z[i]);
      }
      LossResult r;
      switch (kind) {
        case SurfaceKind::Mse: r = mse(z, d.y); break;
        case SurfaceKind::L1: r = l1(z, d.y); break;
        case SurfaceKind::Huber: r = huber(z, d.y, 0.8); break;
        case SurfaceKind::Bce: r = bce(p, d.y); break;
        case SurfaceKind::BceWithLogits: r = bceWithLogits(z, d.y); break;
        case SurfaceKind::MseSigmoid: r = mse(p, d.y); break;
        case SurfaceKind::CrossEntropy: break;
      }
      double gx = 0, gy = 0;
      EXPECT_EQ(f.lossAndGradient(c.x, c.y, &gx, &gy), r.loss)
          << static_cast<int>(kind) << " at " << c.x << ", " << c.y;
      // The chain rule through the model: d/dw = sum_i dl/dz_i x_i, d/db = sum_i dl/dz_i (and through the sigmoid
      // for bce). The rounding order differs from this reference and the terms cancel, so the bound is 1e-14 of the
      // sum of their magnitudes.
      double rw = 0, rb = 0, scaleW = 0, scaleB = 0;
      for (std::size_t i = 0; i < z.size(); ++i) {
        const bool throughSigmoid = kind == SurfaceKind::Bce || kind == SurfaceKind::MseSigmoid;
        const double dz = throughSigmoid ? r.grad[i] * (p[i] * (1.0 - p[i])) : r.grad[i];
        rw += dz * d.x[i];
        rb += dz;
        scaleW += std::abs(dz * d.x[i]);
        scaleB += std::abs(dz);
      }
      EXPECT_NEAR(gx, rw, 1e-14 * scaleW + 1e-300) << static_cast<int>(kind) << " at " << c.x << ", " << c.y;
      EXPECT_NEAR(gy, rb, 1e-14 * scaleB + 1e-300);
    }
  }
}

TEST(Surface, EveryKindsGradientMatchesCentralDifferences) {
  for (SurfaceKind kind : {SurfaceKind::CrossEntropy, SurfaceKind::Mse, SurfaceKind::Huber, SurfaceKind::Bce,
                           SurfaceKind::BceWithLogits, SurfaceKind::MseSigmoid}) {
    SurfaceOptions o;
    o.samples = 23;
    o.labelSmoothing = kind == SurfaceKind::CrossEntropy ? 0.1 : 0.0;
    const SurfaceObjective f("test", kind, o);
    // Points away from L1's and Huber's kinks, inside bce's unclamped range.
    for (const auto& [x, y] : std::vector<std::pair<double, double>>{{0.3, -0.4}, {-2.5, 1.5}, {4.0, 0.7}}) {
      double gx = 0, gy = 0;
      f.lossAndGradient(x, y, &gx, &gy);
      const V g = numericalGradient([&](const V& p) { return f.loss(p[0], p[1]); }, {x, y});
      EXPECT_NEAR(gx, g[0], 1e-7 * (1.0 + std::abs(g[0]))) << static_cast<int>(kind) << " at " << x << ", " << y;
      EXPECT_NEAR(gy, g[1], 1e-7 * (1.0 + std::abs(g[1]))) << static_cast<int>(kind) << " at " << x << ", " << y;
    }
  }
}

TEST(Surface, MseSigmoidAndBceShareTheDataAndMseSigmoidHasThePlateau) {
  SurfaceOptions o;
  const LineData a = surfaceData(SurfaceKind::MseSigmoid, o), b = surfaceData(SurfaceKind::BceWithLogits, o);
  EXPECT_EQ(a.x, b.x);
  EXPECT_EQ(a.y, b.y);
  // Confidently wrong (w = -5 against the true slope 3): MSE on sigma is flat there, cross-entropy is steep.
  const SurfaceObjective m("test", SurfaceKind::MseSigmoid, o), c("test", SurfaceKind::BceWithLogits, o);
  double mx = 0, my = 0, cx = 0, cy = 0;
  m.lossAndGradient(-5.0, 4.0, &mx, &my);
  c.lossAndGradient(-5.0, 4.0, &cx, &cy);
  EXPECT_GT(std::hypot(cx, cy), 10.0 * std::hypot(mx, my));
}

TEST(Descent, BinaryKindsRecordAccuracyAtEveryEntry) {
  SurfaceOptions s;
  const LineData d = surfaceData(SurfaceKind::Bce, s);
  for (SurfaceKind kind : {SurfaceKind::Bce, SurfaceKind::BceWithLogits, SurfaceKind::MseSigmoid}) {
    DescentOptions o;
    o.steps = 40;
    o.startX = -4.0, o.startY = 3.0;
    const DescentPath p = descentPath(kind, s, o);
    ASSERT_EQ(p.accuracy.size(), 41u);
    for (std::size_t k = 0; k < p.x.size(); ++k) {
      std::size_t correct = 0;
      for (std::size_t i = 0; i < d.x.size(); ++i) {
        correct += ((sigmoid(p.x[k] * d.x[i] + p.y[k]) > 0.5 ? 1.0 : 0.0) == d.y[i]) ? 1 : 0;
      }
      EXPECT_EQ(p.accuracy[k], static_cast<double>(correct) / static_cast<double>(d.x.size()));
    }
  }
  EXPECT_TRUE(descentPath(SurfaceKind::Mse, s, DescentOptions{}).accuracy.empty());
}

TEST(Surface, GridCellsAreTheObjectiveAsFloat32AndTheBufferNeverMoves) {
  Surface s(64);
  const float* before = s.data();
  SurfaceOptions o;
  o.n = 33;
  o.xMin = -3.0, o.xMax = 5.0, o.yMin = -2.0, o.yMax = 1.0;
  // Cross-entropy without smoothing takes the inlined row loop (each class as target), with smoothing the generic
  // path; both must be the objective's value, which the tests above hold to the core.
  struct Case {
    SurfaceKind kind;
    std::size_t target;
    double smoothing;
  };
  for (const Case& k : {Case{SurfaceKind::CrossEntropy, 0, 0.0}, Case{SurfaceKind::CrossEntropy, 1, 0.0},
                        Case{SurfaceKind::CrossEntropy, 2, 0.0}, Case{SurfaceKind::CrossEntropy, 2, 0.2},
                        Case{SurfaceKind::Mse, 0, 0.0}, Case{SurfaceKind::Bce, 0, 0.0}}) {
    const SurfaceKind kind = k.kind;
    o.target = k.target;
    o.labelSmoothing = k.smoothing;
    o.z3 = 1.25;
    const SurfaceStats st = s.compute(kind, o);
    EXPECT_EQ(s.data(), before);
    ASSERT_EQ(st.n, 33u);
    const SurfaceObjective f("test", kind, o);
    const double stepX = 8.0 / 32.0, stepY = 3.0 / 32.0;
    float lo = INFINITY, hi = -INFINITY;
    for (std::size_t i = 0; i < 33; ++i) {
      for (std::size_t j = 0; j < 33; ++j) {
        const float v = s.data()[i * 33 + j];
        EXPECT_EQ(v, static_cast<float>(
                         f.loss(-3.0 + static_cast<double>(j) * stepX, -2.0 + static_cast<double>(i) * stepY)));
        lo = std::min(lo, v);
        hi = std::max(hi, v);
      }
    }
    EXPECT_EQ(st.min, lo);
    EXPECT_EQ(st.max, hi);
    EXPECT_EQ(static_cast<float>(f.loss(st.xAtMin, st.yAtMin)), lo);
  }
  o.n = 65;
  EXPECT_THROW(s.compute(SurfaceKind::Mse, o), Error);
  EXPECT_THROW(Surface(513), Error);
  EXPECT_THROW(Surface(1), Error);
}

TEST(Surface, DataIsSeededAndOutliersShiftTheFirstPoints) {
  SurfaceOptions o;
  o.samples = 20;
  const LineData a = surfaceData(SurfaceKind::Mse, o), b = surfaceData(SurfaceKind::Mse, o);
  EXPECT_EQ(a.x, b.x);
  EXPECT_EQ(a.y, b.y);
  o.seed = 2;
  EXPECT_NE(surfaceData(SurfaceKind::Mse, o).x, a.x);
  o.seed = 1;
  o.outliers = 0.25;
  const LineData c = surfaceData(SurfaceKind::Mse, o);
  for (std::size_t i = 0; i < 20; ++i) EXPECT_DOUBLE_EQ(c.y[i] - a.y[i], i < 5 ? 6.0 : 0.0);
  const LineData labels = surfaceData(SurfaceKind::Bce, o);
  for (double y : labels.y) EXPECT_TRUE(y == 0.0 || y == 1.0);
}

TEST(Surface, BadOptionsNameTheOption) {
  SurfaceOptions o;
  o.target = 3;
  try {
    SurfaceObjective("surface.compute", SurfaceKind::CrossEntropy, o);
    FAIL();
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "surface.compute: target = 3 is out of range [0, 2]");
  }
  SurfaceOptions flipped;
  flipped.xMin = 1.0, flipped.xMax = -1.0, flipped.yMin = 0.0, flipped.yMax = 1.0;
  EXPECT_THROW(SurfaceObjective("x", SurfaceKind::Mse, flipped), Error);
}

// ---- optimizers and descent paths --------------------------------------------------------------------------------

TEST(Descent, EveryOptimizerDecreasesTheConvexMseSurface) {
  SurfaceOptions s;
  for (Optimizer kind : {Optimizer::Sgd, Optimizer::Momentum, Optimizer::Adam}) {
    DescentOptions d;
    d.optimizer.kind = kind;
    d.optimizer.learningRate = kind == Optimizer::Adam ? 0.2 : 0.1;
    d.steps = 300;
    const DescentPath p = descentPath(SurfaceKind::Mse, s, d);
    ASSERT_EQ(p.x.size(), 301u);
    EXPECT_LT(p.loss.back(), 0.2 * p.loss.front()) << static_cast<int>(kind);
    if (kind == Optimizer::Sgd) {
      // Plain gradient descent with lr below 1/L on a convex quadratic decreases the loss at every step (until it
      // sits at the minimum, where only rounding moves it: 1e-14 relative).
      for (std::size_t k = 1; k < p.loss.size(); ++k) EXPECT_LE(p.loss[k], p.loss[k - 1] * (1 + 1e-14));
    }
    const SurfaceObjective f("test", SurfaceKind::Mse, s);
    for (std::size_t k = 0; k < p.x.size(); k += 37) {
      double gx = 0, gy = 0;
      EXPECT_EQ(p.loss[k], f.lossAndGradient(p.x[k], p.y[k], &gx, &gy));
      EXPECT_EQ(p.gradX[k], gx);
      EXPECT_EQ(p.gradY[k], gy);
    }
  }
}

TEST(Descent, StepsAreTheHandWrittenTorchSteps) {
  SurfaceOptions s;
  s.target = 1;
  const SurfaceObjective f("test", SurfaceKind::CrossEntropy, s);
  const double lr = 0.3, mu = 0.8, b1 = 0.85, b2 = 0.99, eps = 1e-8;
  for (Optimizer kind : {Optimizer::Sgd, Optimizer::Momentum, Optimizer::Adam}) {
    DescentOptions d;
    d.optimizer = {kind, lr, mu, b1, b2, eps};
    d.startX = 1.0, d.startY = -2.0;
    d.steps = 3;
    const DescentPath p = descentPath(SurfaceKind::CrossEntropy, s, d);
    // Reference: the update rules as torch.optim.SGD / Adam 1.13 document them.
    double x[2] = {1.0, -2.0}, buf[2] = {0, 0}, m[2] = {0, 0}, v[2] = {0, 0};
    for (int t = 1; t <= 3; ++t) {
      double g[2];
      f.lossAndGradient(x[0], x[1], &g[0], &g[1]);
      for (int i = 0; i < 2; ++i) {
        if (kind == Optimizer::Sgd) {
          x[i] -= lr * g[i];
        } else if (kind == Optimizer::Momentum) {
          buf[i] = t == 1 ? g[i] : mu * buf[i] + g[i];
          x[i] -= lr * buf[i];
        } else {
          m[i] = b1 * m[i] + (1 - b1) * g[i];
          v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
          const double mHat = m[i] / (1 - std::pow(b1, t)), vHat = v[i] / (1 - std::pow(b2, t));
          x[i] -= lr * mHat / (std::sqrt(vHat) + eps * 1.0);
        }
      }
      EXPECT_NEAR(p.x[t], x[0], 1e-14) << static_cast<int>(kind) << " step " << t;
      EXPECT_NEAR(p.y[t], x[1], 1e-14) << static_cast<int>(kind) << " step " << t;
    }
  }
}

TEST(Descent, AdamsFirstStepMovesEveryCoordinateByTheLearningRate) {
  // m_hat / sqrt(v_hat) = g / |g| on step 1, so each coordinate moves by lr |g| / (|g| + eps'): here |g| ~ 0.1, so
  // within lr * 1e-7.
  DescentOptions d;
  d.optimizer.kind = Optimizer::Adam;
  d.optimizer.learningRate = 0.05;
  d.steps = 1;
  const DescentPath p = descentPath(SurfaceKind::Huber, SurfaceOptions{}, d);
  EXPECT_NEAR(std::abs(p.x[1] - p.x[0]), 0.05, 0.05 * 1e-6);
  EXPECT_NEAR(std::abs(p.y[1] - p.y[0]), 0.05, 0.05 * 1e-6);
}

TEST(Descent, BadOptionsNameTheOption) {
  DescentOptions d;
  d.optimizer.momentum = 1.0;
  try {
    descentPath(SurfaceKind::Mse, SurfaceOptions{}, d);
    FAIL();
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "descentPath: momentum = 1 is out of range [0, 1)");
  }
  EXPECT_THROW(parseOptimizer("descentPath", "rmsprop"), Error);
}

}  // namespace
}  // namespace losslab::test
