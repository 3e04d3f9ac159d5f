// Central-difference checks: the analytic gradient each loss returns must match the slope of the value it returns,
// for every reduction, on random inputs and on extreme logits (+-50, +-1e4). Inputs avoid the kinks of L1/Huber
// and the clamps of BCE, where the one-sided slopes differ by design.
#include <gtest/gtest.h>

#include <random>

#include "losslab/classification.hpp"
#include "losslab/regression.hpp"
#include "support.hpp"

namespace losslab::test {
namespace {

using FirstArgLoss = std::function<LossResult(const std::vector<double>&)>;

const Reduction kReductions[] = {Reduction::None, Reduction::Mean, Reduction::Sum};

void expectGradientMatches(const FirstArgLoss& loss, const std::vector<double>& x, double tol = 1e-5) {
  const LossResult r = loss(x);
  const std::vector<double> numeric =
      numericalGradient([&](const std::vector<double>& v) { return scalarOf(loss(v)); }, x);
  ASSERT_EQ(r.grad.size(), x.size());
  for (std::size_t i = 0; i < x.size(); ++i) {
    EXPECT_NEAR(r.grad[i], numeric[i], tol * (1.0 + std::abs(numeric[i]))) << "at [" << i << "], x = " << x[i];
  }
}

std::vector<double> normal(std::mt19937_64& rng, std::size_t n, double scale) {
  std::normal_distribution<double> d(0.0, scale);
  std::vector<double> v(n);
  for (double& x : v) x = d(rng);
  return v;
}

std::vector<double> uniform(std::mt19937_64& rng, std::size_t n, double lo, double hi) {
  std::uniform_real_distribution<double> d(lo, hi);
  std::vector<double> v(n);
  for (double& x : v) x = d(rng);
  return v;
}

// Logits at random scales plus the extremes that break naive softmax (+-50, +-1e4).
std::vector<std::vector<double>> logitSets(std::mt19937_64& rng, std::size_t n) {
  std::vector<std::vector<double>> sets = {normal(rng, n, 1.0), normal(rng, n, 5.0)};
  std::vector<double> extreme(n);
  const double extremes[] = {50.0, -50.0, 1e4, -1e4, 0.3, -2.0};
  for (std::size_t i = 0; i < n; ++i) extreme[i] = extremes[i % 6];
  sets.push_back(extreme);
  return sets;
}

TEST(GradientCheck, RegressionLosses) {
  std::mt19937_64 rng(1);
  for (Reduction red : kReductions) {
    for (int trial = 0; trial < 4; ++trial) {
      const auto target = normal(rng, 7, 2.0);
      auto input = normal(rng, 7, 3.0);
      // keep every error at least 0.05 away from the kinks at 0 and at +-delta/beta
      for (std::size_t i = 0; i < input.size(); ++i) {
        const double d = input[i] - target[i];
        if (std::abs(d) < 0.05 || std::abs(std::abs(d) - 1.3) < 0.05 || std::abs(std::abs(d) - 0.7) < 0.05) {
          input[i] += 0.2;
        }
      }
      expectGradientMatches([&](const auto& x) { return mse(x, target, red); }, input);
      expectGradientMatches([&](const auto& x) { return l1(x, target, red); }, input);
      expectGradientMatches([&](const auto& x) { return huber(x, target, 1.3, red); }, input);
      expectGradientMatches([&](const auto& x) { return smoothL1(x, target, 0.7, red); }, input);
    }
  }
}

TEST(GradientCheck, BinaryCrossEntropyOnProbabilities) {
  std::mt19937_64 rng(2);
  for (Reduction red : kReductions) {
    const auto probs = uniform(rng, 9, 0.02, 0.98);
    const auto target = uniform(rng, 9, 0.0, 1.0);
    const std::vector<double> weight = {0.5, 2.0, 1.5};
    expectGradientMatches([&](const auto& x) { return bce(x, target, {{}, red}); }, probs);
    expectGradientMatches([&](const auto& x) { return bce(x, target, {weight, red}); }, probs);
  }
}

TEST(GradientCheck, BinaryCrossEntropyWithLogits) {
  std::mt19937_64 rng(3);
  for (Reduction red : kReductions) {
    for (const auto& logits : logitSets(rng, 12)) {
      const auto target = uniform(rng, 12, 0.0, 1.0);
      const std::vector<double> posWeight = {3.0, 0.5, 1.0, 2.0};
      const std::vector<double> weight = {0.2, 1.7};
      expectGradientMatches([&](const auto& x) { return bceWithLogits(x, target, {{}, {}, red}); }, logits);
      expectGradientMatches([&](const auto& x) { return bceWithLogits(x, target, {weight, posWeight, red}); },
                            logits);
    }
  }
}

TEST(GradientCheck, CrossEntropyEveryOption) {
  std::mt19937_64 rng(4);
  const std::size_t rows = 4, classes = 3;
  for (Reduction red : kReductions) {
    for (const auto& logits : logitSets(rng, rows * classes)) {
      const std::vector<double> indices = {0, 2, -100, 1};
      const std::vector<double> probabilities = uniform(rng, rows * classes, 0.0, 1.0);
      for (double smoothing : {0.0, 0.15}) {
        for (bool weighted : {false, true}) {
          CrossEntropyOptions o;
          o.classes = classes;
          o.labelSmoothing = smoothing;
          o.reduction = red;
          if (weighted) o.weight = {0.3, 1.0, 2.5};
          expectGradientMatches([&](const auto& x) { return crossEntropy(x, indices, o); }, logits);
          expectGradientMatches([&](const auto& x) { return crossEntropy(x, probabilities, o); }, logits);
        }
      }
    }
  }
}

TEST(GradientCheck, NegativeLogLikelihood) {
  std::mt19937_64 rng(5);
  for (Reduction red : kReductions) {
    NllOptions o;
    o.classes = 4;
    o.weight = {1.0, 0.5, 2.0, 0.1};
    o.reduction = red;
    expectGradientMatches([&](const auto& x) { return nll(x, std::vector<double>{3, 0, 1}, o); }, normal(rng, 12, 2.0));
  }
}

}  // namespace
}  // namespace losslab::test
