// Private: exp and log written as straight-line double arithmetic (no calls, no branches, no tables), so that a
// loop applying them to an array is auto-vectorised at -O3 (SSE2 by default, AVX2 in kernels.cpp's clones).
// glibc's exp/log are calls the compiler cannot vectorise: ~5.5 ns each here, which alone made the 4096 x 1000
// cross-entropy 3x slower than torch (whose kernels use SLEEF's vectorised exp, 1.0 ulp).
//
// Accuracy, measured against glibc's (correctly rounded in practice) exp and log on 10 million arguments spread over
// [-750, 720] and 4 million over [1, 2] (many of them 1 + 2^-k): both within 1 ulp everywhere.
//   vexp: exp(x) = 0 below -745.13, +Infinity above 709.78, NaN -> NaN, and denormal results rounded once (so they
//         too are within an ulp of glibc's).
//   vlog1to2: log(u) for u in [1, 2] (the argument 1 + e^{-|z|} of binary cross-entropy), exactly 0 at u = 1
//         (torch's loss is exactly 0 there, e.g. at logit 50, target 1).
//   vtanh: tanh(x) = expm1(2|x|) / (expm1(2|x|) + 2) with the sign of x, expm1 by the same reduction as vexp; within
//         a few ulp everywhere (tests/cpp/vecmath_test.cpp measures it against long double tanhl), exactly +-0 at
//         +-0, +-1 beyond |x| = 20 and at +-Infinity, NaN -> NaN. The trainer's tanh layers use it.
// The losses use them where an ulp is invisible against the 1e-9 tolerance and keep glibc where a result is a
// difference of nearly equal numbers (p_t - 1 at the target of a cross-entropy row).
#pragma once

#include <cmath>
#include <cstdint>
#include <cstring>

namespace losslab::detail {

inline std::uint64_t bitsOf(double x) {
  std::uint64_t u;
  std::memcpy(&u, &x, sizeof u);
  return u;
}

inline double fromBits(std::uint64_t u) {
  double x;
  std::memcpy(&x, &u, sizeof x);
  return x;
}

// 2^k for an integer-valued double k in [-1022, 1023]: k + (2^52 + 1023) holds k + 1023 in its low mantissa bits,
// and shifting those into the exponent field gives the power of two without a float -> int conversion.
inline double powerOfTwo(double k) { return fromBits(bitsOf(k + 4503599627371519.0) << 52); }

// e^r - 1 for |r| <= 0.35 by its Taylor series to r^13 (the first omitted term is <= 0.3466^14 / 14! = 4e-18
// relative), as r + r^2 P(r) with P(r) = sum_{i = 0 ... 11} r^i / (i + 2)! evaluated by Estrin's scheme (pairs, then
// the powers r^2, r^4, r^8): a third of Horner's dependency chain, which is what limits a vectorised loop of it,
// and the same accuracy (P's rounding is scaled by r^2 <= 0.12 in the result).
inline double expm1Reduced(double r) {
  const double r2 = r * r, r4 = r2 * r2, r8 = r4 * r4;
  const double a0 = 1.0 / 2.0 + r * (1.0 / 6.0), a1 = 1.0 / 24.0 + r * (1.0 / 120.0);
  const double a2 = 1.0 / 720.0 + r * (1.0 / 5040.0), a3 = 1.0 / 40320.0 + r * (1.0 / 362880.0);
  const double a4 = 1.0 / 3628800.0 + r * (1.0 / 39916800.0), a5 = 1.0 / 479001600.0 + r * (1.0 / 6227020800.0);
  const double q = ((a0 + r2 * a1) + r4 * (a2 + r2 * a3)) + r8 * (a4 + r2 * a5);
  return r + r2 * q;
}

inline double vexp(double x) {
  // Outside [-746, 710] the result is 0 or Infinity anyway; the clamp keeps the scaling below in range.
  // (Comparisons are false for NaN, which therefore passes through to a NaN result.)
  const double xc = x < -746.0 ? -746.0 : (x > 710.0 ? 710.0 : x);
  // n = round(x / ln 2) by the 1.5 * 2^52 shifter; r = x - n ln 2 with ln 2 split so that n * kLn2Hi is exact
  // (kLn2Hi has 32 significant bits and |n| <= 1077 < 2^11): |r| <= 0.3466.
  constexpr double kShift = 6755399441055744.0;
  constexpr double kLog2e = 1.4426950408889634;
  constexpr double kLn2Hi = 6.93147180369123816490e-01;
  constexpr double kLn2Lo = 1.90821492927058770002e-10;
  const double n = (xc * kLog2e + kShift) - kShift;
  const double r = (xc - n * kLn2Hi) - n * kLn2Lo;
  const double p = 1.0 + expm1Reduced(r);  // e^r
  // Scale by 2^n in two halves, each a normal power of two, so that results in the denormal range (n < -1022) and
  // n = 1024 are formed by one final rounding: p 2^{n1} is exact, (p 2^{n1}) 2^{n2} rounds once.
  const double n1 = (n * 0.5 + kShift) - kShift;
  const double n2 = n - n1;
  return p * powerOfTwo(n1) * powerOfTwo(n2);
}

// expm1(t) for 0 <= t <= 40 (other t: not this function's job; NaN -> NaN). t = n ln 2 + r as in vexp, |r| <= 0.35,
// expm1(r) by expm1Reduced, then
// expm1(t) = 2^n expm1(r) + (2^n - 1): 2^n expm1(r) and 2^n - 1 are exact (n <= 58), so the last add rounds once and
// cancels at most a factor 1.5 (n = 1, r < 0).
inline double vexpm1Positive(double t) {
  constexpr double kShift = 6755399441055744.0;
  constexpr double kLog2e = 1.4426950408889634;
  constexpr double kLn2Hi = 6.93147180369123816490e-01;
  constexpr double kLn2Lo = 1.90821492927058770002e-10;
  const double n = (t * kLog2e + kShift) - kShift;
  const double r = (t - n * kLn2Hi) - n * kLn2Lo;  // t itself when n = 0
  const double em1r = expm1Reduced(r);
  const double scale = powerOfTwo(n);
  return scale * em1r + (scale - 1.0);
}

// tanh(x): see the accuracy note at the top. Beyond |x| = 20, 1 - tanh|x| < 2 e^{-40} ~ 8.5e-18 is below half an
// ulp of 1, so clamping 2|x| to 40 changes nothing and keeps 2^n in range.
inline double vtanh(double x) {
  const double t0 = 2.0 * std::fabs(x);
  const double t = t0 > 40.0 ? 40.0 : t0;  // NaN passes through
  const double e = vexpm1Positive(t);
  const double magnitude = e / (e + 2.0);  // >= +0 (or NaN)
  // x's sign bit on the magnitude (two bit operations; -0 stays -0, NaN stays NaN).
  return fromBits(bitsOf(magnitude) | (bitsOf(x) & 0x8000000000000000ULL));
}

// log(u) for 1 <= u <= 2 (other u: not this function's job). Halving u above sqrt(2) leaves f = u - 1 in
// [-0.293, 0.415] and s = f / (2 + f) in [-0.172, 0.172]; log(1 + f) = 2 atanh(s) = 2 s (1 + s^2/3 + s^4/5 + ...),
// summed to s^22 (the next term is <= 0.0295^12 / 25 = 1.7e-20 relative).
inline double vlog1to2(double u) {
  constexpr double kSqrt2 = 1.4142135623730951;
  constexpr double kLn2 = 0.6931471805599453;
  // Choose between constants, then multiply: a choice between computed values would be compiled as a branch (the
  // compiler may not evaluate both sides while floating-point traps are honoured) and block vectorisation.
  const bool high = u > kSqrt2;
  const double v = u * (high ? 0.5 : 1.0);  // exact
  const double f = v - 1.0;             // exact (Sterbenz)
  const double s = f / (2.0 + f);
  const double s2 = s * s;
  // q(u) = sum_{k = 0 ... 10} u^k / (2k + 3) at u = s^2 by Estrin's scheme (see expm1Reduced): its rounding is
  // scaled by 2 s^2 <= 0.06 in the result.
  const double s4 = s2 * s2, s8 = s4 * s4;
  const double b0 = 1.0 / 3.0 + s2 * (1.0 / 5.0), b1 = 1.0 / 7.0 + s2 * (1.0 / 9.0);
  const double b2 = 1.0 / 11.0 + s2 * (1.0 / 13.0), b3 = 1.0 / 15.0 + s2 * (1.0 / 17.0);
  const double b4 = 1.0 / 19.0 + s2 * (1.0 / 21.0);
  const double q = ((b0 + s4 * b1) + s8 * (b2 + s4 * b3)) + (s8 * s8) * (b4 + s4 * (1.0 / 23.0));
  // 2 s (1 + s^2 q) = f - s f + 2 s s^2 q... kept as f - s (f - 2 s^2 q) (fdlibm's arrangement: the leading f is
  // exact, so the error is that of a small correction term).
  const double logV = f - s * (f - 2.0 * s2 * q);
  return (high ? kLn2 : 0.0) + logV;
}

}  // namespace losslab::detail
