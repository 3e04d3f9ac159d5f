// Bad input throws losslab::Error whose message names the function, the argument and the bad value.
#include <gtest/gtest.h>

#include "losslab/classification.hpp"
#include "losslab/error.hpp"
#include "support.hpp"
#include "losslab/regression.hpp"
#include "losslab/stable.hpp"

namespace losslab {
namespace {

using V = std::vector<double>;

using test::messageOf;

TEST(Errors, MessagesNameFunctionArgumentAndValue) {
  EXPECT_EQ(messageOf([] { mse(V{1, 2, 3}, V{1, 2}, Reduction::Mean); }),
            "mse: target has length 2 but input has length 3");
  CrossEntropyOptions ce;
  ce.classes = 5;
  EXPECT_EQ(messageOf([&] { crossEntropy(V(20, 0.0), V{0, 1, 2, 7}, ce); }),
            "crossEntropy: target[3] = 7 is out of range [0, 5)");
  ce.classes = 3;
  EXPECT_EQ(messageOf([&] { crossEntropy(V(10, 0.0), V{0}, ce); }),
            "crossEntropy: logits has length 10, which is not a multiple of classes = 3");
  EXPECT_EQ(messageOf([] { parseReduction("l1", "avg"); }),
            "l1: reduction = 'avg' is not one of 'none', 'mean', 'sum'");
  EXPECT_EQ(messageOf([] { bce(V{0.5, 1.5}, V{1, 0}); }), "bce: probs[1] = 1.5 is out of range [0, 1]");
  EXPECT_EQ(messageOf([] { huber(V{1}, V{0}, -1.0); }), "huber: delta = -1 must be a positive finite number");
  EXPECT_EQ(messageOf([] { parsePrecision("softmax", "f16"); }), "softmax: precision = 'f16' is not one of 'f64', 'f32'");
}

TEST(Errors, CoreStaysUsableAfterErrors) {
  for (int i = 0; i < 1000; ++i) EXPECT_THROW(mse(V{1}, V{1, 2}), Error);
  EXPECT_DOUBLE_EQ(mse(V{3}, V{1}).loss, 4.0);
}

}  // namespace
}  // namespace losslab
