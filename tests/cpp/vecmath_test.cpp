// The vectorisable exp and log of cpp/src/vecmath.hpp (private to the core, used by kernels.cpp): within 1 ulp of
// glibc on sampled arguments across their whole ranges, and exact at the special points the losses rely on.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>

#include "../../cpp/src/vecmath.hpp"

namespace losslab::detail {
namespace {

// Distance in units in the last place of b (denormal results: in units of the smallest denormal).
double ulpsBetween(double a, double b) {
  if (a == b) return 0.0;
  const double spacing = std::nextafter(std::abs(b), std::numeric_limits<double>::infinity()) - std::abs(b);
  return std::abs(a - b) / spacing;
}

TEST(VecMath, ExpWithinOneUlpOfGlibc) {
  std::mt19937_64 rng(7);
  const double ranges[][2] = {{-750, -700}, {-700, -1}, {-1, 1}, {1, 700}, {700, 720}, {-1e-8, 1e-8}};
  for (const auto& r : ranges) {
    std::uniform_real_distribution<double> d(r[0], r[1]);
    for (int i = 0; i < 200000; ++i) {
      const double x = d(rng);
      ASSERT_LE(ulpsBetween(vexp(x), std::exp(x)), 1.0) << "x = " << x;
    }
  }
  const double inf = std::numeric_limits<double>::infinity();
  EXPECT_EQ(vexp(0.0), 1.0);
  EXPECT_EQ(vexp(-0.0), 1.0);
  EXPECT_EQ(vexp(709.79), inf);
  EXPECT_EQ(vexp(inf), inf);
  EXPECT_EQ(vexp(-inf), 0.0);
  EXPECT_EQ(vexp(-745.14), 0.0);
  EXPECT_EQ(vexp(-745.13), std::numeric_limits<double>::denorm_min());
  EXPECT_TRUE(std::isnan(vexp(std::numeric_limits<double>::quiet_NaN())));
}

TEST(VecMath, LogOnOneToTwoWithinOneUlpOfGlibc) {
  std::mt19937_64 rng(8);
  std::uniform_real_distribution<double> d(1.0, 2.0);
  for (int i = 0; i < 400000; ++i) {
    // Half of them just above 1, where log(u) ~ u - 1 is tiny and relative accuracy is hardest.
    const double u = i % 2 ? d(rng) : 1.0 + std::ldexp(d(rng) - 1.0, -(i % 60));
    ASSERT_LE(ulpsBetween(vlog1to2(u), std::log(u)), 1.0) << "u = " << u;
  }
  EXPECT_EQ(vlog1to2(1.0), 0.0);
  EXPECT_EQ(vlog1to2(2.0), std::log(2.0));
}

}  // namespace
}  // namespace losslab::detail
