// Bad input to the losses, weights and calibration tools throws losslab::Error naming the function, the argument
// and the bad value; plus hand-checked values for classWeights, ece and fitTemperature (numbers worked out below).
#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <limits>

#include "losslab/calibration.hpp"
#include "losslab/classification.hpp"
#include "losslab/detection.hpp"
#include "losslab/embedding.hpp"
#include "losslab/error.hpp"
#include "support.hpp"
#include "losslab/segmentation.hpp"
#include "losslab/weighting.hpp"

namespace losslab {
namespace {

using V = std::vector<double>;
const double kNaN = std::numeric_limits<double>::quiet_NaN();
const double kInf = std::numeric_limits<double>::infinity();

using test::messageOf;

TEST(FamilyErrors, ClassificationAdditions) {
  EXPECT_EQ(messageOf([] { klDiv(V{-1, -2, -3}, V{0.5, 0.5}); }),
            "klDiv: target has length 2 but logProbs has length 3");
  EXPECT_EQ(messageOf([] { klDiv(V{-1, -2, -3}, V{0.2, 0.3, 0.5}, {2, false, Reduction::BatchMean}); }),
            "klDiv: logProbs has length 3, which is not a multiple of classes = 2");
  EXPECT_EQ(messageOf([] { sigmoidFocal(V{1, -1, 0}, V{1, 0}); }),
            "sigmoidFocal: target has length 2 but logits has length 3");
  EXPECT_EQ(messageOf([] { sigmoidFocal(V{1}, V{1}, {0.25, -1.0, Reduction::Mean}); }),
            "sigmoidFocal: gamma = -1 must be a non-negative finite number");
  EXPECT_EQ(messageOf([] { sigmoidFocal(V{1}, V{1}, {kNaN, 2.0, Reduction::Mean}); }),
            "sigmoidFocal: alpha = NaN must be finite");
  SoftmaxFocalOptions sf;
  sf.classes = 5;
  EXPECT_EQ(messageOf([&] { softmaxFocal(V(15, 0.0), V{0, 7, 2}, sf); }),
            "softmaxFocal: target[1] = 7 is out of range [0, 5)");
  // No ignoreIndex in softmaxFocal: crossEntropy's default -100 is just out of range here.
  EXPECT_EQ(messageOf([&] { softmaxFocal(V(15, 0.0), V{0, -3, 2}, sf); }),
            "softmaxFocal: target[1] = -3 is out of range [0, 5)");
  EXPECT_EQ(messageOf([&] { softmaxFocal(V(15, 0.0), V{0, 1e300, 2}, sf); }),
            "softmaxFocal: target[1] = 1e+300 is out of range [0, 5)");
  EXPECT_EQ(messageOf([&] { softmaxFocal(V(15, 0.0), V{0, 1.5, 2}, sf); }),
            "softmaxFocal: target[1] = 1.5 is not a whole class index");
  sf.classes = 3;
  EXPECT_EQ(messageOf([&] { softmaxFocal(V(7, 0.0), V{0, 1}, sf); }),
            "softmaxFocal: logits has length 7, which is not a multiple of classes = 3");
  CrossEntropyOptions ce;
  ce.classes = 5;
  EXPECT_EQ(messageOf([&] { crossEntropy(V(10, 0.0), V{0, kNaN}, ce); }),
            "crossEntropy: target[1] = NaN is not a whole class index");
}

TEST(FamilyErrors, Embedding) {
  TripletMarginOptions t;
  t.dim = 2;
  EXPECT_EQ(messageOf([&] { tripletMargin(V{1, 2, 3, 4}, V{1, 2}, V{0, 0, 0, 0}, t); }),
            "tripletMargin: positive has length 2 but anchor has length 4");
  EXPECT_EQ(messageOf([&] { tripletMargin(V{1, 2, 3}, V{1, 2, 3}, V{0, 0, 0}, t); }),
            "tripletMargin: anchor has length 3, which is not a multiple of dim = 2");
  t.p = 0.0;
  EXPECT_EQ(messageOf([&] { tripletMargin(V{1, 2}, V{1, 2}, V{0, 0}, t); }),
            "tripletMargin: p = 0 must be > 0 (Infinity is the max norm)");
  CosineEmbeddingOptions c;
  c.dim = 2;
  EXPECT_EQ(messageOf([&] { cosineEmbedding(V{1, 2, 3, 4}, V{1, 0, 0, 1}, V{1}, c); }),
            "cosineEmbedding: y has length 1 but rows of x1 has length 2");
  EXPECT_EQ(messageOf([&] { cosineEmbedding(V{1, 2, 3, 4}, V{1, 0, 0, 1}, V{1, 0}, c); }),
            "cosineEmbedding: y[1] = 0 must be 1 or -1");
  InfoNceOptions n;
  n.dim = 2;
  n.temperature = 0.0;
  EXPECT_EQ(messageOf([&] { infoNCE(V{1, 2, 3, 4}, V{1, 0, 0, 1}, n); }),
            "infoNCE: temperature = 0 must be a positive finite number");
  n.temperature = 0.07;
  EXPECT_EQ(messageOf([&] { infoNCE(V{1, 2, 3, 4}, V{1, 0}, n); }), "infoNCE: b has length 2 but a has length 4");
}

TEST(FamilyErrors, SegmentationAndDetection) {
  EXPECT_EQ(messageOf([] { dice(V{0.5, 0.5, 0.2}, V{1, 0}); }), "dice: target has length 2 but probs has length 3");
  OverlapOptions o;
  o.smooth = -1.0;
  EXPECT_EQ(messageOf([&] { iou(V{0.5}, V{1}, o); }), "iou: smooth = -1 must be >= 0 and finite");
  o.smooth = 1.0;
  o.beta = kNaN;
  EXPECT_EQ(messageOf([&] { tversky(V{0.5}, V{1}, o); }), "tversky: beta = NaN must be >= 0 and finite");
  o.beta = 0.7;
  o.gamma = -0.5;
  EXPECT_EQ(messageOf([&] { focalTversky(V{0.5}, V{1}, o); }), "focalTversky: gamma = -0.5 must be >= 0 and finite");

  EXPECT_EQ(messageOf([] { giou(V{0, 0, 1, 1, 2}, V{0, 0, 1, 1, 2}); }),
            "giou: boxes1 has length 5, which is not a multiple of 4 (rows are x1, y1, x2, y2)");
  EXPECT_EQ(messageOf([] { giou(V{0, 0, 1, 1}, V{0, 0, 1, 1, 2, 2, 3, 3}); }),
            "giou: boxes2 has length 8 but boxes1 has length 4");
  EXPECT_EQ(messageOf([] { giou(V{2, 0, 1, 1}, V{0, 0, 1, 1}); }),
            "giou: boxes1[0]: x2 = 1 is less than x1 = 2 (rows are x1, y1, x2, y2 with x1 <= x2 and y1 <= y2)");
  EXPECT_EQ(messageOf([] { giou(V{0, 0, 1, 1}, V{0, kNaN, 1, 1}); }),
            "giou: boxes2[0]: y1 = NaN is not a number");
}

TEST(FamilyErrors, WeightingAndCalibration) {
  EXPECT_EQ(messageOf([] { classWeights(V{10, -3, 5}); }),
            "classWeights: counts[1] = -3 must be a positive finite number (a class with no samples has no finite "
            "weight)");
  EXPECT_EQ(messageOf([] { classWeights(V{10, 0}); }),
            "classWeights: counts[1] = 0 must be a positive finite number (a class with no samples has no finite "
            "weight)");
  EXPECT_EQ(messageOf([] { classWeights(V{}); }), "classWeights: counts is empty (give one count per class)");
  EXPECT_EQ(messageOf([] { classWeights(V{10, 5}, {WeightStrategy::Effective, 1.0}); }),
            "classWeights: beta = 1 is out of range [0, 1) (beta = 1 gives 0/0)");
  EXPECT_EQ(messageOf([] { parseWeightStrategy("classWeights", "log"); }),
            "classWeights: strategy = 'log' is not one of 'inverse', 'inverse_sqrt', 'effective'");
  EXPECT_EQ(messageOf([] { classWeights(V{1e308, 1e308}); }),
            "classWeights: counts[0] = 1e+308 gives a weight of NaN (the counts span too wide a range)");

  EXPECT_EQ(messageOf([] { ece(V{0.6, 0.4, 0.3, 0.7}, V{0, 2}, {2, 15}); }),
            "ece: labels[1] = 2 is out of range [0, 2)");
  EXPECT_EQ(messageOf([] { ece(V{0.6, 0.4}, V{0}, {2, 0}); }), "ece: bins = 0 must be at least 1");
  EXPECT_EQ(messageOf([] { ece(V{0.6, 0.4, 0.3, 0.7}, V{0}, {2, 15}); }),
            "ece: labels has length 1 but rows of probs has length 2");
  EXPECT_EQ(messageOf([] { ece(V{1.5, -0.5}, V{0}, {2, 15}); }), "ece: probs[0] = 1.5 is out of range [0, 1]");

  const V logits = {0.5, 1.0, -0.5, 2.0, 0.0, 0.3};
  EXPECT_EQ(messageOf([&] { fitTemperature(logits, V{0, 3}, {3}); }),
            "fitTemperature: labels[1] = 3 is out of range [0, 3)");
  EXPECT_EQ(messageOf([&] { fitTemperature(V{1, kInf, 0, 0}, V{0, 1}, {2}); }),
            "fitTemperature: logits[1] = Infinity must be finite");
  // Every label is its row's strict maximum: the NLL falls towards 0 as T -> 0, no T > 0 minimises it.
  EXPECT_EQ(messageOf([] { fitTemperature(V{2, 0, 0, 1}, V{0, 1}, {2}); }),
            "fitTemperature: no positive temperature: every label already has its row's largest logit, so the NLL "
            "keeps falling as T -> 0");
  // Labels score below their rows' mean on average: the NLL falls towards log C as T -> Infinity.
  EXPECT_EQ(messageOf([] { fitTemperature(V{2, 0, 0, 1}, V{1, 0}, {2}); }),
            "fitTemperature: no finite temperature: on average the labels do not score above their rows' mean "
            "logit, so the NLL keeps falling as T -> Infinity");
}

TEST(FamilyValues, ClassWeightsTextbookCounts) {
  // 900 and 100 samples: n / (C n_c) = 1000 / 1800 and 1000 / 200.
  const V w = classWeights(V{900, 100});
  EXPECT_DOUBLE_EQ(w[0], 1000.0 / 1800.0);
  EXPECT_DOUBLE_EQ(w[1], 5.0);
  const V s = classWeights(V{900, 100}, {WeightStrategy::InverseSqrt, 0.999});
  EXPECT_DOUBLE_EQ(s[1], std::sqrt(5.0));
  // beta = 0: every class weighs 1; the effective weights always sum to C.
  const V flat = classWeights(V{900, 100, 7}, {WeightStrategy::Effective, 0.0});
  EXPECT_EQ(flat, (V{1, 1, 1}));
  const V e = classWeights(V{5000, 1200, 300, 60, 8}, {WeightStrategy::Effective, 0.999});
  EXPECT_NEAR(e[0] + e[1] + e[2] + e[3] + e[4], 5.0, 1e-14);
  EXPECT_LT(e[0], e[4]);
}

TEST(FamilyValues, EceBinsByHand) {
  // Rows (conf, correct): (0.6, yes) (0.6, no) (0.5 tie -> class 0, label 1: no) (1.0, yes); 5 bins of width 0.2.
  // 0.6 = hi of bin 2 (3/5 in float64), 0.5 in bin 2, 1.0 in bin 4.
  const EceResult r = ece(V{0.6, 0.4, 0.4, 0.6, 0.5, 0.5, 1.0, 0.0}, V{0, 0, 1, 0}, {2, 5});
  ASSERT_EQ(r.bins.size(), 5u);
  EXPECT_EQ(r.bins[2].count, 3u);
  EXPECT_EQ(r.bins[4].count, 1u);
  EXPECT_DOUBLE_EQ(r.bins[2].confidence, (0.6 + 0.6 + 0.5) / 3.0);
  EXPECT_DOUBLE_EQ(r.bins[2].accuracy, 1.0 / 3.0);
  EXPECT_EQ(r.bins[0].count, 0u);
  EXPECT_EQ(r.bins[0].confidence, 0.0);
  EXPECT_DOUBLE_EQ(r.ece, 0.75 * std::abs(1.0 / 3.0 - 1.7 / 3.0));
}

TEST(FamilyValues, FitTemperatureIsAStationaryPointOfTheNll) {
  // Logits that are confident and often wrong: the fit must soften them (T > 1) and lower the NLL; nearby
  // temperatures must not do better.
  const V z = {4.0, 0.0, -1.0, 3.5, -2.0, 0.5, -1.0, 3.0, 0.0, 2.0, 2.5, -3.0, 0.0, -0.5, 5.0};
  const V y = {0, 2, 1, 1, 2};
  const TemperatureFit fit = fitTemperature(z, y, {3});
  EXPECT_GT(fit.temperature, 1.0);
  EXPECT_LT(fit.nllAfter, fit.nllBefore);
  const auto nllAt = [&](double t) {
    V scaled(z);
    for (double& v : scaled) v /= t;
    CrossEntropyOptions o;
    o.classes = 3;
    return crossEntropy(scaled, y, o).loss;
  };
  EXPECT_NEAR(nllAt(fit.temperature), fit.nllAfter, 1e-15);
  EXPECT_LE(fit.nllAfter, nllAt(fit.temperature * (1 + 1e-4)));
  EXPECT_LE(fit.nllAfter, nllAt(fit.temperature * (1 - 1e-4)));
  const double slope = (nllAt(fit.temperature * (1 + 1e-6)) - nllAt(fit.temperature * (1 - 1e-6))) /
                       (2e-6 * fit.temperature);
  EXPECT_NEAR(slope, 0.0, 1e-8);
}

TEST(FamilyValues, FitTemperatureScalesWithTheLogits) {
  // T multiplies with the logits: 1e-305 and 1e290 times the same logits fit 1e-305 and 1e290 times the same T
  // (the fuzzer found 1e-310-sized logits returning T = 0 before the fit was normalised).
  const V z = {4.0, 0.0, -1.0, 3.5, -2.0, 0.5, -1.0, 3.0, 0.0, 2.0, 2.5, -3.0, 0.0, -0.5, 5.0};
  const V y = {0, 2, 1, 1, 2};
  const double t = fitTemperature(z, y, {3}).temperature;
  for (double scale : {1e-305, 1e-3, 1e290}) {
    V scaled(z);
    for (double& v : scaled) v *= scale;
    const TemperatureFit fit = fitTemperature(scaled, y, {3});
    EXPECT_NEAR(fit.temperature / (t * scale), 1.0, 1e-13) << scale;
  }
}

TEST(FamilyValues, EdgeSemanticsFollowTorch) {
  // giou of no boxes: torchvision returns 0 for 'mean' (0 * sum), not NaN.
  EXPECT_EQ(giou(V{}, V{}).loss, 0.0);
  // sigmoidFocal with gamma = 0.5 at a logit where sigma(z) == 1 exactly: torch's gradient is NaN.
  EXPECT_TRUE(std::isnan(sigmoidFocal(V{50.0}, V{1.0}, {0.25, 0.5, Reduction::Sum}).grad[0]));
  // ... and with gamma = 0 the power's backward is 0, leaving alpha-weighted BCE's slope.
  EXPECT_EQ(sigmoidFocal(V{50.0}, V{1.0}, {0.25, 0.0, Reduction::Sum}).grad[0], 0.0);
  // klDiv at a zero target: xlogy(0, 0) = 0 even when the log-probability is -Infinity... then 0 * -inf is NaN.
  EXPECT_TRUE(std::isnan(klDiv(V{-kInf}, V{0.0}, {0, false, Reduction::Sum}).loss));
  EXPECT_EQ(klDiv(V{-3.0}, V{0.0}, {0, false, Reduction::Sum}).loss, 0.0);
  // Mean over rows whose weights are all 0: torch's backward starts from -w_t / 0, so counted rows get NaN (the
  // whole row for cross-entropy, the target for NLL), ignored rows 0, and the loss is NaN (checked against torch
  // 1.13 for 3 and 64 classes, which take different code paths here).
  for (std::size_t classes : {std::size_t{3}, std::size_t{64}}) {
    CrossEntropyOptions zero;
    zero.classes = classes;
    zero.weight.assign(classes, 1.0);
    zero.weight[0] = 0.0;
    for (double smoothing : {0.0, 0.1}) {
      zero.labelSmoothing = smoothing;
      const LossResult r = crossEntropy(V(3 * classes, 0.25), V{0, -100, 0}, zero);
      EXPECT_TRUE(std::isnan(r.loss));
      EXPECT_TRUE(std::isnan(r.grad[1]) && std::isnan(r.grad[2 * classes + 1]));
      EXPECT_EQ(r.grad[classes + 1], 0.0);
    }
  }
  NllOptions zeroNll;
  zeroNll.classes = 3;
  zeroNll.weight = {0.0, 1.0, 1.0};
  const LossResult n = nll(V{-1, -2, -3, -1, -2, -3}, V{0, -100}, zeroNll);
  EXPECT_TRUE(std::isnan(n.loss) && std::isnan(n.grad[0]));
  EXPECT_EQ(n.grad[1], 0.0);
  // softmaxFocal with gamma = 0 and alpha = 1 is cross-entropy.
  const V z = {0.3, -1.2, 2.0, 0.5, 0.5, -0.1};
  SoftmaxFocalOptions f;
  f.classes = 3;
  f.gamma = 0.0;
  CrossEntropyOptions c;
  c.classes = 3;
  EXPECT_NEAR(softmaxFocal(z, V{2, 0}, f).loss, crossEntropy(z, V{2, 0}, c).loss, 1e-15);
}

}  // namespace
}  // namespace losslab
