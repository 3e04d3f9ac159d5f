// PyTorch 1.13's edge semantics where flat arrays lose torch's shapes: crossEntropy with one class, empty batches
// without a `classes` / `dim` option, and messages that name a NaN as not a number.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <string>
#include <vector>

#include "losslab/classification.hpp"
#include "losslab/detection.hpp"
#include "losslab/embedding.hpp"
#include "losslab/error.hpp"
#include "support.hpp"
#include "losslab/regression.hpp"

namespace losslab {
namespace {

using V = std::vector<double>;

using test::messageOf;

TEST(TorchEdges, CrossEntropyWithOneClassReadsIndicesAsTorchDoes) {
  CrossEntropyOptions one;
  one.classes = 1;
  // torch: F.cross_entropy(torch.tensor([[0.5]]), torch.tensor([1])) raises "Target 1 is out of bounds."
  EXPECT_EQ(messageOf([&] { crossEntropy(V{0.5}, V{1}, one); }), "crossEntropy: target[0] = 1 is out of range [0, 1)");
  const LossResult zero = crossEntropy(V{0.5, -2}, V{0, 0}, one);
  EXPECT_EQ(zero.loss, 0.0);
  EXPECT_TRUE(std::isnan(crossEntropy(V{0.5}, V{-100}, one).loss));  // every row ignored: a mean over nothing
  one.targetKind = TargetKind::Probabilities;  // the flat form of an (N, 1) probability target
  EXPECT_EQ(crossEntropy(V{0.5, -2}, V{1, 0.5}, one).loss, 0.0);
}

TEST(TorchEdges, EmptyBatchesAreAMeanOverNothing) {
  const V none;
  EXPECT_TRUE(std::isnan(mse(none, none).loss));
  EXPECT_EQ(mse(none, none, Reduction::Sum).loss, 0.0);
  EXPECT_TRUE(std::isnan(crossEntropy(none, none).loss));  // no classes given: no rows, not "classes = 0"
  EXPECT_TRUE(std::isnan(nll(none, none).loss));
  EXPECT_TRUE(std::isnan(softmaxFocal(none, none).loss));
  EXPECT_TRUE(std::isnan(tripletMargin(none, none, none).loss));
  EXPECT_TRUE(std::isnan(cosineEmbedding(none, none, none).loss));
  CrossEntropyOptions sum;
  sum.reduction = Reduction::Sum;
  EXPECT_EQ(crossEntropy(none, none, sum).loss, 0.0);
}

TEST(TorchEdges, NaNCoordinatesAreNamedAsNotANumber) {
  EXPECT_EQ(messageOf([] { giou(V{0, 0, 1, 1}, V{0, 0, std::nan(""), 1}); }),
            "giou: boxes2[0]: x2 = NaN is not a number");
}

}  // namespace
}  // namespace losslab
