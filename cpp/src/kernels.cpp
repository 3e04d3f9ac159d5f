// The vectorised loops behind crossEntropy and bceWithLogits (declared in kernels.hpp).
// The switches that let GCC vectorise them, bit-identically, are in vector_switches.hpp. Reductions (maxima, sums)
// stay scalar and sequential, so results do not depend on the vector width.
#include "vector_switches.hpp"

#include "kernels.hpp"

#include "vecmath.hpp"

namespace losslab::detail {
namespace {

// Sum of n doubles with four interleaved running sums, added pairwise at the end: deterministic, and ~4x the
// throughput of one running sum (the adds no longer wait on each other).
double sum4(const double* a, std::size_t n) {
  double s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0;
  std::size_t j = 0;
  for (; j + 4 <= n; j += 4) {
    s0 += a[j];
    s1 += a[j + 1];
    s2 += a[j + 2];
    s3 += a[j + 3];
  }
  for (; j < n; ++j) s0 += a[j];
  return (s0 + s1) + (s2 + s3);
}

double max4(const double* a, std::size_t n) {
  double m0 = a[0], m1 = a[0], m2 = a[0], m3 = a[0];
  std::size_t j = 0;
  for (; j + 4 <= n; j += 4) {
    m0 = a[j] > m0 ? a[j] : m0;
    m1 = a[j + 1] > m1 ? a[j + 1] : m1;
    m2 = a[j + 2] > m2 ? a[j + 2] : m2;
    m3 = a[j + 3] > m3 ? a[j + 3] : m3;
  }
  for (; j < n; ++j) m0 = a[j] > m0 ? a[j] : m0;
  m0 = m1 > m0 ? m1 : m0;
  m2 = m3 > m2 ? m3 : m2;
  return m2 > m0 ? m2 : m0;
}

LOSSLAB_CLONES void expShifted(const double* z, std::size_t n, double shift, double* out) {
  for (std::size_t j = 0; j < n; ++j) out[j] = vexp(z[j] - shift);
}

// One block of bceWithLogitsPlain: element-wise work only, so the loop vectorises.
LOSSLAB_CLONES void bceBlock(const double* z, const double* y, std::size_t n, double gradDivisor, double* losses,
                             double* grad) {
  for (std::size_t i = 0; i < n; ++i) {
    const double x = z[i], t = y[i];
    const double negative = -x;
    const double m = negative > 0.0 ? negative : 0.0;  // max(-z, 0)
    const double e = vexp(x < 0.0 ? x : negative);     // e^{-|z|} (NaN passes through)
    const double onePlusE = 1.0 + e;
    // torch's log(e^{-m} + e^{-z-m}): one of the two exponentials is e^0 = 1 exactly, the other is e.
    losses[i] = ((1.0 - t) * x + m) + vlog1to2(onePlusE);
    // sigma(z) = 1 / (1 + e^{-z}) for z >= 0 (torch's own expression), e / (1 + e) below 0 (never overflows).
    const double sigma = (x >= 0.0 ? 1.0 : e) / onePlusE;
    grad[i] = (sigma - t) / gradDivisor;
  }
}

}  // namespace

double expShiftedRow(const double* z, std::size_t width, double* out, double* shift) {
  const double m = max4(z, width);
  *shift = m;
  expShifted(z, width, m, out);
  return sum4(out, width);
}

LOSSLAB_CLONES void scaleRow(double* out, std::size_t width, double factor) {
  for (std::size_t j = 0; j < width; ++j) out[j] *= factor;
}

double bceWithLogitsPlain(const double* z, const double* y, std::size_t n, double gradDivisor, double* losses,
                          double* grad) {
  constexpr std::size_t kBlock = 512;
  double block[kBlock];
  double total = 0.0;
  for (std::size_t start = 0; start < n; start += kBlock) {
    const std::size_t count = n - start < kBlock ? n - start : kBlock;
    double* out = losses != nullptr ? losses + start : block;
    bceBlock(z + start, y + start, count, gradDivisor, out, grad + start);
    total += sum4(out, count);
  }
  return total;
}

}  // namespace losslab::detail
