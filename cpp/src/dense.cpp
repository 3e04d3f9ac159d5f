// The MLP's dense-layer loops (dense.hpp), compiled with the same switches as kernels.cpp (vector_switches.hpp):
// vtanh's selects vectorise, and the AVX2 and SSE2 copies give bit-identical results.
//
// The sums are blocked over the index that is not summed: a block of kBlock independent running sums lives in
// registers while the summed index walks, then is stored. Each sum still starts at 0 and adds its terms in index
// order, exactly as the scalar triple loop did.
#include "vector_switches.hpp"

#include "dense.hpp"

#include <cstdint>

#include "vecmath.hpp"

namespace losslab::detail {
namespace {

// clang (wasm): the summed loop unrolled twice, which halves its loop control (measured: a few % on the trainer; 4
// was slower). GCC unrolls on its own terms.
#if defined(__clang__)
#define LOSSLAB_UNROLL _Pragma("clang loop unroll_count(2)")
#else
#define LOSSLAB_UNROLL
#endif

// Sums of products, in independent blocks held in registers:
//   out_q[t] = sum over s = 0 ... count-1, in order, of a[q * aNext + s * aStride] * rows[s * rowStride + t]
// for q < R "sequences" a (e.g. R samples of a batch) and t < W columns. The R sequences share each loaded row; the
// R * W running sums are independent chains, so the adds overlap instead of waiting on each other. (The product
// a * row keeps the operand order of the scalar loops this replaced; IEEE products commute anyway.)
template <int R, int W>
inline void blockSum(const double* __restrict a, std::size_t aNext, std::size_t aStride,
                     const double* __restrict rows, std::size_t rowStride, std::size_t count, double* __restrict out,
                     std::size_t outNext) {
  double acc[R][W];
  for (int q = 0; q < R; ++q) {
    for (int t = 0; t < W; ++t) acc[q][t] = 0.0;
  }
  LOSSLAB_UNROLL
  for (std::size_t s = 0; s < count; ++s) {
    const double* __restrict row = rows + s * rowStride;
    for (int q = 0; q < R; ++q) {
      const double v = a[q * aNext + s * aStride];
      for (int t = 0; t < W; ++t) acc[q][t] += v * row[t];
    }
  }
  for (int q = 0; q < R; ++q) {
    for (int t = 0; t < W; ++t) out[q * outNext + t] = acc[q][t];
  }
}

// blockSum over every column t < width (blocks of 8, 4, 2, 1) for R sequences.
template <int R>
inline void blockSumsOf(const double* a, std::size_t aNext, std::size_t aStride, const double* rows,
                        std::size_t rowStride, std::size_t count, std::size_t width, double* out,
                        std::size_t outNext) {
  std::size_t t = 0;
  for (; t + 8 <= width; t += 8) blockSum<R, 8>(a, aNext, aStride, rows + t, rowStride, count, out + t, outNext);
  if (t + 4 <= width) {
    blockSum<R, 4>(a, aNext, aStride, rows + t, rowStride, count, out + t, outNext);
    t += 4;
  }
  if (t + 2 <= width) {
    blockSum<R, 2>(a, aNext, aStride, rows + t, rowStride, count, out + t, outNext);
    t += 2;
  }
  if (t < width) blockSum<R, 1>(a, aNext, aStride, rows + t, rowStride, count, out + t, outNext);
}

// The same for `sequences` sequences, 4 at a time when the columns are few (up to 2), else 2 at a time.
inline void blockSums(const double* a, std::size_t sequences, std::size_t aNext, std::size_t aStride,
                      const double* rows, std::size_t rowStride, std::size_t count, std::size_t width, double* out,
                      std::size_t outNext) {
  std::size_t q = 0;
  if (width <= 2) {
    for (; q + 4 <= sequences; q += 4) {
      blockSumsOf<4>(a + q * aNext, aNext, aStride, rows, rowStride, count, width, out + q * outNext, outNext);
    }
  }
  for (; q + 2 <= sequences; q += 2) {
    blockSumsOf<2>(a + q * aNext, aNext, aStride, rows, rowStride, count, width, out + q * outNext, outNext);
  }
  for (; q < sequences; ++q) {
    blockSumsOf<1>(a + q * aNext, aNext, aStride, rows, rowStride, count, width, out + q * outNext, outNext);
  }
}

}  // namespace

LOSSLAB_CLONES void denseForward(const double* in, std::size_t batch, std::size_t inputs, const double* w,
                                 const double* bias, std::size_t outputs, double* scratch, double* out) {
  // W^T (inputs x outputs): row k holds W(., k), so the running sums of a sample's outputs sit side by side.
  for (std::size_t j = 0; j < outputs; ++j) {
    for (std::size_t k = 0; k < inputs; ++k) scratch[k * outputs + j] = w[j * inputs + k];
  }
  // Sequence b = row b of the input; out(b, j) = sum over k of in(b, k) W^T(k, j).
  blockSums(in, batch, inputs, 1, scratch, outputs, inputs, outputs, out, outputs);
  for (std::size_t b = 0; b < batch; ++b) {
    double* __restrict o = out + b * outputs;
    for (std::size_t j = 0; j < outputs; ++j) o[j] = o[j] + bias[j];
  }
}

LOSSLAB_CLONES void denseWeightGrad(const double* g, const double* in, std::size_t batch, std::size_t inputs,
                                    std::size_t outputs, double* dw, double* db) {
  // Sequence j = column j of g; dW(j, k) = sum over b of g(b, j) in(b, k).
  blockSums(g, outputs, 1, outputs, in, inputs, batch, inputs, dw, inputs);
  // db(j) = sum_b g(b, j): running sums over the rows of g (blockSum with every factor 1 would cost a multiply).
  double* __restrict sums = db;
  for (std::size_t j = 0; j < outputs; ++j) sums[j] = 0.0;
  for (std::size_t b = 0; b < batch; ++b) {
    const double* __restrict row = g + b * outputs;
    for (std::size_t j = 0; j < outputs; ++j) sums[j] += row[j];
  }
}

LOSSLAB_CLONES void denseInputGrad(const double* g, const double* w, std::size_t batch, std::size_t inputs,
                                   std::size_t outputs, double* below) {
  // Sequence b = row b of g; (g W)(b, k) = sum over j of g(b, j) W(j, k): W's rows are already k-contiguous.
  blockSums(g, batch, outputs, 1, w, inputs, outputs, inputs, below, inputs);
}

// clang: four vectors per iteration, so that the polynomial's dependency chains of neighbouring elements overlap.
#if defined(__clang__)
#define LOSSLAB_INTERLEAVE _Pragma("clang loop interleave_count(4)")
#else
#define LOSSLAB_INTERLEAVE
#endif

LOSSLAB_CLONES void tanhArray(const double* __restrict z, std::size_t n, double* __restrict a) {
  LOSSLAB_INTERLEAVE
  for (std::size_t i = 0; i < n; ++i) a[i] = vtanh(z[i]);
}

LOSSLAB_CLONES void scaleByTanhSlope(double* __restrict below, const double* __restrict a, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) below[i] = below[i] * (1.0 - a[i] * a[i]);
}

LOSSLAB_CLONES void scaleBySigmoidSlope(double* __restrict below, const double* __restrict a, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) below[i] = below[i] * (a[i] * (1.0 - a[i]));
}

LOSSLAB_CLONES void reluArray(const double* __restrict z, std::size_t n, double* __restrict a) {
  for (std::size_t i = 0; i < n; ++i) a[i] = z[i] > 0.0 ? z[i] : 0.0;
}

LOSSLAB_CLONES void scaleByReluSlope(double* __restrict below, const double* __restrict z, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) below[i] = below[i] * (z[i] > 0.0 ? 1.0 : 0.0);
}

bool allFinite(const double* v, std::size_t n) {
  constexpr std::uint64_t kExponent = 0x7ff0000000000000ULL;
  std::uint64_t bad = 0;
  for (std::size_t i = 0; i < n; ++i) bad |= static_cast<std::uint64_t>((bitsOf(v[i]) & kExponent) == kExponent);
  return bad == 0;
}

double sumInFours(const double* v, std::size_t n) {
  double s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0;
  std::size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    s0 += v[i];
    s1 += v[i + 1];
    s2 += v[i + 2];
    s3 += v[i + 3];
  }
  for (; i < n; ++i) s0 += v[i];
  return (s0 + s1) + (s2 + s3);
}

double squaredDeviationsInFours(const double* v, std::size_t n, double mean) {
  double s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0;
  std::size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    const double d0 = v[i] - mean, d1 = v[i + 1] - mean, d2 = v[i + 2] - mean, d3 = v[i + 3] - mean;
    s0 += d0 * d0;
    s1 += d1 * d1;
    s2 += d2 * d2;
    s3 += d3 * d3;
  }
  for (; i < n; ++i) {
    const double d = v[i] - mean;
    s0 += d * d;
  }
  return (s0 + s1) + (s2 + s3);
}

// The counts run in 64-bit lanes, the width of the comparisons' masks, so that the loops vectorise.
std::size_t countAbsAbove(const double* v, std::size_t n, double edge) {
  std::uint64_t count = 0;
  for (std::size_t i = 0; i < n; ++i) count += static_cast<std::uint64_t>((v[i] < -edge) | (v[i] > edge));
  return static_cast<std::size_t>(count);
}

std::size_t countOutside(const double* v, std::size_t n, double low, double high) {
  std::uint64_t count = 0;
  for (std::size_t i = 0; i < n; ++i) count += static_cast<std::uint64_t>((v[i] < low) | (v[i] > high));
  return static_cast<std::size_t>(count);
}

std::size_t countNotPositive(const double* v, std::size_t n) {
  std::uint64_t count = 0;
  for (std::size_t i = 0; i < n; ++i) count += static_cast<std::uint64_t>(v[i] <= 0.0);
  return static_cast<std::size_t>(count);
}

}  // namespace losslab::detail
