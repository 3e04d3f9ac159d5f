// Numerically stable building blocks, in float64 and float32.
//
// exp overflows above ln(DBL_MAX) ~ 709.78 in float64 and ln(FLT_MAX) ~ 88.72 in float32, so exp(1000) is Infinity
// and Infinity/Infinity is NaN. The stable forms shift by the maximum first: log sum_i e^{x_i} =
// m + log sum_i e^{x_i - m} with m = max_i x_i, where every exponent is <= 0 and the largest term is exactly 1.
// The naive forms are kept on purpose: the numerical-stability lab shows where they break.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "losslab/span.hpp"

namespace losslab {

enum class Precision { F64, F32 };
Precision parsePrecision(const char* function, const std::string& name);

// The options of the row kernels below and their defaults (classes = 0: the whole input is one row).
struct RowOptions {
  std::size_t classes = 0;
  bool stable = true;
  Precision precision = Precision::F64;
};

// sigma(x) = 1 / (1 + e^{-x}), the expression torch evaluates for float64 (saturates to exactly 1 above x ~ 36.7).
double sigmoid(double x);
// log(1 + e^x) without overflow: max(x, 0) + log1p(e^{-|x|}).
double softplus(double x);
// log sigma(x) = -softplus(-x).
double logSigmoid(double x);

// Row-wise over `rows` rows of width `width` (row-major). Stable: shift by the row maximum (torch.logsumexp keeps
// a shift of 0 when the maximum is +-Infinity, so a row of -Infinity gives -Infinity, not NaN). Naive: the textbook
// formula in the chosen precision, overflowing where that precision does.
std::vector<double> logSumExpRows(Span x, std::size_t width, bool stable, Precision precision);
std::vector<double> softmaxRows(Span x, std::size_t width, bool stable, Precision precision);
std::vector<double> logSoftmaxRows(Span x, std::size_t width, bool stable, Precision precision);

// The float64 stable kernels on one row, used inside the losses (no allocation).
double logSumExp(const double* x, std::size_t n);
// out[j] = x[j] - max - log(sum_k e^{x[k] - max}): the operation order of torch's log_softmax kernel.
void logSoftmax(const double* x, std::size_t n, double* out);

}  // namespace losslab
