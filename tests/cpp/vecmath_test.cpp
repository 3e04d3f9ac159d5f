// The vectorisable exp and log of cpp/src/vecmath.hpp (private to the core, used by kernels.cpp): within 1 ulp of
// glibc on sampled arguments across their whole ranges, and exact at the special points the losses rely on. vtanh
// (the trainer's tanh, dense.cpp): within 3 ulp of the exact tanh (long double tanhl) everywhere, as glibc's is.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
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

// Distance from a to the exact value `exact` in ulps of the double nearest to it.
double ulpsFromExact(double a, long double exact) {
  const double nearest = static_cast<double>(exact);
  const double spacing = std::nextafter(std::abs(nearest), std::numeric_limits<double>::infinity()) - std::abs(nearest);
  return static_cast<double>(std::abs(static_cast<long double>(a) - exact) / spacing);
}

TEST(VecMath, TanhWithinThreeUlpOfExact) {
  std::mt19937_64 rng(9);
  const double ranges[][2] = {{-1e-300, 1e-300}, {-1e-8, 1e-8}, {-0.2, 0.2}, {-1, 1}, {-4, 4}, {-25, 25}, {17, 21}};
  double worst = 0.0, worstGlibc = 0.0;
  for (const auto& r : ranges) {
    std::uniform_real_distribution<double> d(r[0], r[1]);
    for (int i = 0; i < 200000; ++i) {
      const double x = d(rng);
      const long double exact = tanhl(static_cast<long double>(x));
      const double ulps = ulpsFromExact(vtanh(x), exact);
      ASSERT_LE(ulps, 3.0) << "x = " << x;
      worst = std::max(worst, ulps);
      worstGlibc = std::max(worstGlibc, ulpsFromExact(std::tanh(x), exact));
    }
  }
  std::printf("vtanh: worst %.2f ulp (glibc tanh on the same arguments: %.2f ulp)\n", worst, worstGlibc);
  const double inf = std::numeric_limits<double>::infinity();
  EXPECT_EQ(vtanh(0.0), 0.0);
  EXPECT_TRUE(std::signbit(vtanh(-0.0)));
  EXPECT_EQ(vtanh(20.0), 1.0);
  EXPECT_EQ(vtanh(-700.0), -1.0);
  EXPECT_EQ(vtanh(inf), 1.0);
  EXPECT_EQ(vtanh(-inf), -1.0);
  EXPECT_EQ(vtanh(std::numeric_limits<double>::denorm_min()), std::numeric_limits<double>::denorm_min());
  EXPECT_TRUE(std::isnan(vtanh(std::numeric_limits<double>::quiet_NaN())));
  for (double x = -19.0; x <= 19.0; x += 0.125) EXPECT_EQ(vtanh(-x), -vtanh(x)) << x;  // odd
}

}  // namespace
}  // namespace losslab::detail
