// Central-difference checks for the losses added after the core skeleton (klDiv, the focal losses, the embedding,
// segmentation and detection losses): the analytic gradient each returns must match the slope of the value it
// returns, for every reduction, on random inputs and, where logits apply, on logits of +-50 and +-1e4.
// Inputs keep away from kinks (hinges at 0, max/min ties, box edges) where one-sided slopes differ by design.
#include <gtest/gtest.h>

#include <limits>
#include <random>

#include "losslab/classification.hpp"
#include "losslab/detection.hpp"
#include "losslab/embedding.hpp"
#include "losslab/segmentation.hpp"
#include "support.hpp"

namespace losslab::test {
namespace {

using V = std::vector<double>;
using FirstArgLoss = std::function<LossResult(const V&)>;

const Reduction kReductions[] = {Reduction::None, Reduction::Mean, Reduction::Sum};

void expectGradientMatches(const FirstArgLoss& loss, const V& x, double tol = 1e-5) {
  const LossResult r = loss(x);
  const V numeric = numericalGradient([&](const V& v) { return scalarOf(loss(v)); }, x);
  ASSERT_EQ(r.grad.size(), x.size());
  for (std::size_t i = 0; i < x.size(); ++i) {
    EXPECT_NEAR(r.grad[i], numeric[i], tol * (1.0 + std::abs(numeric[i]))) << "at [" << i << "], x = " << x[i];
  }
}

V normal(std::mt19937_64& rng, std::size_t n, double scale) {
  std::normal_distribution<double> d(0.0, scale);
  V v(n);
  for (double& x : v) x = d(rng);
  return v;
}

V uniform(std::mt19937_64& rng, std::size_t n, double lo, double hi) {
  std::uniform_real_distribution<double> d(lo, hi);
  V v(n);
  for (double& x : v) x = d(rng);
  return v;
}

V bits(std::mt19937_64& rng, std::size_t n) {
  std::bernoulli_distribution d(0.5);
  V v(n);
  for (double& x : v) x = d(rng) ? 1.0 : 0.0;
  return v;
}

// Random logits at two scales plus extremes that break naive formulas, cycling through 50, -50, 1e4, -1e4.
std::vector<V> logitSets(std::mt19937_64& rng, std::size_t n) {
  std::vector<V> sets = {normal(rng, n, 1.0), normal(rng, n, 5.0)};
  V extreme(n);
  const double extremes[] = {50.0, -50.0, 1e4, -1e4, 0.3, -2.0};
  for (std::size_t i = 0; i < n; ++i) extreme[i] = extremes[i % 6];
  sets.push_back(extreme);
  return sets;
}

TEST(GradientCheckFamilies, KlDivEveryReductionAndTargetForm) {
  std::mt19937_64 rng(11);
  for (Reduction red : {Reduction::None, Reduction::Mean, Reduction::Sum, Reduction::BatchMean}) {
    for (bool logTarget : {false, true}) {
      KlDivOptions o;
      o.classes = 4;
      o.logTarget = logTarget;
      o.reduction = red;
      const V target = logTarget ? normal(rng, 12, 1.0) : uniform(rng, 12, 0.0, 1.0);
      expectGradientMatches([&](const V& x) { return klDiv(x, target, o); }, normal(rng, 12, 2.0));
      o.classes = 0;  // 'batchmean' then divides by the whole length
      expectGradientMatches([&](const V& x) { return klDiv(x, target, o); }, normal(rng, 12, 2.0));
    }
  }
}

TEST(GradientCheckFamilies, SigmoidFocalIncludingExtremeLogits) {
  std::mt19937_64 rng(12);
  for (Reduction red : kReductions) {
    for (const V& logits : logitSets(rng, 12)) {
      const V hard = bits(rng, 12), soft = uniform(rng, 12, 0.0, 1.0);
      // gamma >= 1 keeps (1 - p_t)^gamma differentiable where sigma saturates; gamma = 0.5 is checked below on
      // moderate logits only (torch's gradient is NaN at p_t == 1 exactly, and so is ours).
      for (double gamma : {0.0, 1.0, 2.0, 2.5}) {
        for (double alpha : {0.25, -1.0, 0.8}) {
          const SigmoidFocalOptions o{alpha, gamma, red};
          expectGradientMatches([&](const V& x) { return sigmoidFocal(x, hard, o); }, logits);
          expectGradientMatches([&](const V& x) { return sigmoidFocal(x, soft, o); }, logits);
        }
      }
    }
    const SigmoidFocalOptions half{0.25, 0.5, red};
    const V soft = uniform(rng, 8, 0.05, 0.95);
    expectGradientMatches([&](const V& x) { return sigmoidFocal(x, soft, half); }, normal(rng, 8, 2.0));
  }
}

TEST(GradientCheckFamilies, SoftmaxFocalIncludingExtremeLogits) {
  std::mt19937_64 rng(13);
  const V target = {0, 2, 1, 2};
  for (Reduction red : kReductions) {
    for (const V& logits : logitSets(rng, 12)) {
      for (double gamma : {0.0, 1.0, 2.0, 3.0}) {
        SoftmaxFocalOptions o;
        o.classes = 3;
        o.gamma = gamma;
        o.alpha = 0.7;
        o.reduction = red;
        expectGradientMatches([&](const V& x) { return softmaxFocal(x, target, o); }, logits);
      }
    }
    SoftmaxFocalOptions half;
    half.classes = 3;
    half.gamma = 0.5;
    half.reduction = red;
    expectGradientMatches([&](const V& x) { return softmaxFocal(x, target, half); }, normal(rng, 12, 1.0));
  }
}

// Rows whose hinge argument sits within 0.01 of the kink at 0 are nudged away (the margin loss has a corner there).
TEST(GradientCheckFamilies, TripletMarginEveryNormAndSwap) {
  std::mt19937_64 rng(14);
  const std::size_t rows = 4, dim = 3;
  for (Reduction red : kReductions) {
    for (double p : {1.0, 1.5, 2.0, 3.0, std::numeric_limits<double>::infinity()}) {
      for (bool swap : {false, true}) {
        for (double margin : {0.5, 3.0}) {
          TripletMarginOptions o;
          o.dim = dim;
          o.p = p;
          o.swap = swap;
          o.margin = margin;
          o.reduction = red;
          V anchor = normal(rng, rows * dim, 1.0);
          const V positive = normal(rng, rows * dim, 1.0), negative = normal(rng, rows * dim, 1.0);
          for (int attempt = 0; attempt < 20; ++attempt) {
            const LossResult r = tripletMargin(anchor, positive, negative, {o.dim, o.margin, o.p, o.eps, o.swap,
                                                                             Reduction::None});
            bool nearKink = false;
            for (double l : r.losses) nearKink = nearKink || (l > 0 && l < 0.01);
            if (!nearKink) break;
            anchor = normal(rng, rows * dim, 1.0);
          }
          expectGradientMatches([&](const V& x) { return tripletMargin(x, positive, negative, o); }, anchor);
        }
      }
    }
  }
}

TEST(GradientCheckFamilies, CosineEmbeddingBothLabels) {
  std::mt19937_64 rng(15);
  const V y = {1, -1, 1, -1, -1};
  for (Reduction red : kReductions) {
    for (double margin : {-0.5, 0.0, 0.3}) {
      const CosineEmbeddingOptions o{3, margin, red};
      V x1 = normal(rng, 15, 1.0);
      const V x2 = normal(rng, 15, 1.0);
      expectGradientMatches([&](const V& x) { return cosineEmbedding(x, x2, y, o); }, x1);
    }
  }
}

TEST(GradientCheckFamilies, InfoNceBothDirectionsAndTemperatures) {
  std::mt19937_64 rng(16);
  for (bool symmetric : {true, false}) {
    for (double temperature : {0.07, 0.5, 2.0}) {
      const InfoNceOptions o{4, temperature, symmetric};
      const V a = normal(rng, 20, 1.0), b = normal(rng, 20, 1.0);
      expectGradientMatches([&](const V& x) { return infoNCE(x, b, o); }, a);
    }
  }
}

TEST(GradientCheckFamilies, OverlapLosses) {
  std::mt19937_64 rng(17);
  for (double smooth : {0.0, 1.0, 10.0}) {
    const V probs = uniform(rng, 16, 0.01, 0.99);
    const V hard = bits(rng, 16), soft = uniform(rng, 16, 0.0, 1.0);
    for (const V* target : {&hard, &soft}) {
      OverlapOptions o;
      o.smooth = smooth;
      expectGradientMatches([&](const V& x) { return dice(x, *target, o); }, probs);
      expectGradientMatches([&](const V& x) { return iou(x, *target, o); }, probs);
      for (double alpha : {0.3, 0.5, 0.9}) {
        o.alpha = alpha;
        o.beta = 1.0 - alpha;
        expectGradientMatches([&](const V& x) { return tversky(x, *target, o); }, probs);
        for (double gamma : {0.5, 0.75, 1.0, 2.0}) {
          o.gamma = gamma;
          expectGradientMatches([&](const V& x) { return focalTversky(x, *target, o); }, probs);
        }
      }
    }
  }
}

// Boxes with continuous random corners: no ties between coordinates, so max/min and the overlap test are smooth.
TEST(GradientCheckFamilies, GeneralizedIou) {
  std::mt19937_64 rng(18);
  for (Reduction red : kReductions) {
    for (double spread : {1.0, 10.0}) {  // spread 1: mostly overlapping; spread 10: mostly disjoint
      V b1, b2;
      for (int i = 0; i < 6; ++i) {
        const V c1 = uniform(rng, 2, 0.0, spread), s1 = uniform(rng, 2, 0.5, 3.0);
        const V c2 = uniform(rng, 2, 0.0, spread), s2 = uniform(rng, 2, 0.5, 3.0);
        b1.insert(b1.end(), {c1[0], c1[1], c1[0] + s1[0], c1[1] + s1[1]});
        b2.insert(b2.end(), {c2[0], c2[1], c2[0] + s2[0], c2[1] + s2[1]});
      }
      const GiouOptions o{1e-7, red};
      expectGradientMatches([&](const V& x) { return giou(x, b2, o); }, b1);
    }
  }
}

// crossEntropy from 64 classes and bceWithLogits from 8192 elements run vectorised kernels (cpp/src/kernels.cpp,
// own exp and log). Check them against plain std::exp / std::log references (sums in long double) at 1e-12
// relative, on rows with the extreme logits too, and a sample of gradient coordinates by central differences. The
// one allowance is absolute, 1e-14 of the gradient's scale: at the target of a nearly one-hot row the gradient is
// p_t - 1 ~ -4e-15, and its digits depend on the order in which 1000 terms of 4e-18 are added to 1 (torch's
// AVX2 sum, like ours, keeps four lanes; a sequential sum loses them all and returns 0).
TEST(VectorisedKernels, CrossEntropyMatchesScalarReference) {
  std::mt19937_64 rng(19);
  const std::size_t rows = 6, classes = 1000;
  V logits = normal(rng, rows * classes, 3.0);
  const double extremes[] = {50.0, -50.0, 1e4, -1e4, 700.0, -745.5};
  for (std::size_t j = 0; j < classes; j += 7) logits[classes + j] = extremes[(j / 7) % 6];  // row 1
  for (std::size_t j = 0; j < classes; ++j) logits[2 * classes + j] = j == 3 ? 40.0 : 0.0;  // nearly one-hot
  const V target = {5, 0, 3, 999, 17, 500};
  for (Reduction red : kReductions) {
    CrossEntropyOptions o;
    o.classes = classes;
    o.reduction = red;
    const LossResult r = crossEntropy(logits, target, o);
    const double scale = red == Reduction::Mean ? 1.0 / rows : 1.0;
    double total = 0.0;
    for (std::size_t i = 0; i < rows; ++i) {
      const double* z = logits.data() + i * classes;
      double m = z[0];
      for (std::size_t j = 0; j < classes; ++j) m = std::max(m, z[j]);
      long double wide = 0.0L;
      for (std::size_t j = 0; j < classes; ++j) wide += std::exp(z[j] - m);
      const auto t = static_cast<std::size_t>(target[i]);
      const double sum = static_cast<double>(wide);
      const double loss = -((z[t] - m) - std::log(sum));
      total += loss;
      if (red == Reduction::None) {
        EXPECT_TRUE(close(r.losses[i], loss, 1e-12, 1e-14)) << i;
      }
      for (std::size_t j = 0; j < classes; ++j) {
        const double p = std::exp((z[j] - m) - std::log(sum));
        const double expected = (p - (j == t ? 1.0 : 0.0)) * scale;
        ASSERT_TRUE(close(r.grad[i * classes + j], expected, 1e-12, 1e-14 * scale))
            << i << ", " << j << ": " << r.grad[i * classes + j] << " vs " << expected;
      }
    }
    if (red != Reduction::None) {
      EXPECT_TRUE(close(r.loss, total * scale, 1e-12));
    }
  }
  // Central differences on 40 coordinates of the 'mean' loss.
  CrossEntropyOptions o;
  o.classes = classes;
  const V x = normal(rng, 2 * classes, 2.0);
  const V t2 = {7, 900};
  const LossResult r = crossEntropy(x, t2, o);
  for (std::size_t k = 0; k < 40; ++k) {
    const std::size_t i = (k * 97 + (k % 2) * 7) % x.size();
    V up = x, down = x;
    const double h = 1e-6;
    up[i] += h;
    down[i] -= h;
    const double numeric = (crossEntropy(up, t2, o).loss - crossEntropy(down, t2, o).loss) / (2 * h);
    EXPECT_NEAR(r.grad[i], numeric, 1e-7 * (1 + std::abs(numeric))) << i;
  }
}

TEST(VectorisedKernels, BceWithLogitsMatchesScalarReference) {
  std::mt19937_64 rng(20);
  const std::size_t n = 10000;
  V z = normal(rng, n, 4.0);
  const double extremes[] = {50.0, -50.0, 1e4, -1e4, 36.8, -709.0, 709.0, -746.0, 0.0, -0.0, 1e-300};
  for (std::size_t i = 0; i < n; i += 13) z[i] = extremes[(i / 13) % 11];
  const V y = uniform(rng, n, 0.0, 1.0), hard = bits(rng, n);
  for (const V* target : {&y, &hard}) {
    for (Reduction red : kReductions) {
      const LossResult r = bceWithLogits(z, *target, {{}, {}, red});
      const double divisor = red == Reduction::Mean ? static_cast<double>(n) : 1.0;
      double total = 0.0;
      for (std::size_t i = 0; i < n; ++i) {
        const double x = z[i], t = (*target)[i];
        const double m = std::max(-x, 0.0);
        const double loss = ((1.0 - t) * x + m) + std::log(std::exp(-m) + std::exp(-x - m));
        total += loss;
        if (red == Reduction::None) {
          ASSERT_TRUE(close(r.losses[i], loss, 1e-12)) << i << " z = " << x;
        }
        // sigma(z) - y, whose value near 0 is e^{-|z|}-sized: the reference uses torch's 1 / (1 + e^{-z})
        const double expected = (1.0 / (1.0 + std::exp(-x)) - t) / divisor;
        ASSERT_TRUE(close(r.grad[i], expected, 1e-12, 1e-300 + 1e-12 * std::abs(t) / divisor))
            << i << " z = " << x << ": " << r.grad[i] << " vs " << expected;
      }
      if (red != Reduction::None) {
        EXPECT_TRUE(close(r.loss, total / divisor, 1e-12));
      }
    }
  }
}

}  // namespace
}  // namespace losslab::test
