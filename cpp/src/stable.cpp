#include "losslab/stable.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "losslab/error.hpp"
#include "losslab/names.hpp"

namespace losslab {

Precision parsePrecision(const char* function, const std::string& name) {
  static constexpr Named<Precision> kNames[] = {{"f64", Precision::F64}, {"f32", Precision::F32}};
  return parseName(function, "precision", name, kNames);
}

double sigmoid(double x) { return 1.0 / (1.0 + std::exp(-x)); }

double softplus(double x) { return std::max(x, 0.0) + std::log1p(std::exp(-std::abs(x))); }

double logSigmoid(double x) { return -softplus(-x); }

namespace {

// T is float or double: the whole computation happens in T, as torch does for a tensor of that dtype.
template <typename T>
T rowMaxShift(const T* x, std::size_t n) {
  T m = -std::numeric_limits<T>::infinity();
  for (std::size_t j = 0; j < n; ++j) m = std::max(m, x[j]);
  // torch.logsumexp: a +-Infinity maximum is replaced by 0 so that inf - inf never happens.
  return std::isinf(m) ? T(0) : m;
}

template <typename T>
T logSumExpRow(const T* x, std::size_t n, bool stable) {
  const T shift = stable ? rowMaxShift(x, n) : T(0);
  T sum = 0;
  for (std::size_t j = 0; j < n; ++j) sum += std::exp(x[j] - shift);
  return std::log(sum) + shift;
}

template <typename T>
void softmaxRow(const T* x, std::size_t n, bool stable, bool takeLog, double* out) {
  T shift = 0;
  if (stable) {
    shift = -std::numeric_limits<T>::infinity();
    for (std::size_t j = 0; j < n; ++j) shift = std::max(shift, x[j]);
  }
  T sum = 0;
  for (std::size_t j = 0; j < n; ++j) sum += std::exp(x[j] - shift);
  if (takeLog && stable) {
    const T logSum = std::log(sum);
    for (std::size_t j = 0; j < n; ++j) out[j] = static_cast<double>(x[j] - shift - logSum);
    return;
  }
  for (std::size_t j = 0; j < n; ++j) {
    const T p = std::exp(x[j] - shift) / sum;
    out[j] = static_cast<double>(takeLog ? std::log(p) : p);
  }
}

enum class RowOp { LogSumExp, Softmax, LogSoftmax };

template <typename T>
std::vector<double> applyRows(Span x, std::size_t width, bool stable, RowOp op) {
  const std::size_t rows = x.size / width;
  std::vector<T> row(rows == 0 ? 0 : width);  // an empty x may come with any width, even 2^60
  std::vector<double> out(op == RowOp::LogSumExp ? rows : x.size);
  for (std::size_t r = 0; r < rows; ++r) {
    for (std::size_t j = 0; j < width; ++j) row[j] = static_cast<T>(x[r * width + j]);
    if (op == RowOp::LogSumExp) {
      out[r] = static_cast<double>(logSumExpRow(row.data(), width, stable));
    } else {
      softmaxRow(row.data(), width, stable, op == RowOp::LogSoftmax, out.data() + r * width);
    }
  }
  return out;
}

std::vector<double> dispatchRows(const char* function, Span x, std::size_t width, bool stable, Precision precision,
                                 RowOp op) {
  rowsOf(function, "x", x.size, "classes", width);
  return precision == Precision::F32 ? applyRows<float>(x, width, stable, op)
                                     : applyRows<double>(x, width, stable, op);
}

}  // namespace

std::vector<double> logSumExpRows(Span x, std::size_t width, bool stable, Precision precision) {
  return dispatchRows("logSumExp", x, width, stable, precision, RowOp::LogSumExp);
}
std::vector<double> softmaxRows(Span x, std::size_t width, bool stable, Precision precision) {
  return dispatchRows("softmax", x, width, stable, precision, RowOp::Softmax);
}
std::vector<double> logSoftmaxRows(Span x, std::size_t width, bool stable, Precision precision) {
  return dispatchRows("logSoftmax", x, width, stable, precision, RowOp::LogSoftmax);
}

double logSumExp(const double* x, std::size_t n) { return logSumExpRow(x, n, true); }

void logSoftmax(const double* x, std::size_t n, double* out) { softmaxRow(x, n, true, true, out); }

}  // namespace losslab
