// Private: the MLP's dense-layer loops (dense.cpp), used by mlp.cpp. Every sum runs over the same index in the same
// order as the textbook triple loop (train.hpp: "every product and norm is an explicit loop in a fixed order"), so
// native and wasm agree bit for bit; the loops are vectorised over the index that is NOT summed (outputs j, inputs k),
// which changes no result: only independent sums are computed side by side.
#pragma once

#include <cstddef>

namespace losslab::detail {

// out (batch x outputs) = in (batch x inputs) W^T + bias, W outputs x inputs row-major (torch's nn.Linear layout):
//   out(b, j) = (sum_{k = 0 ... inputs-1} in(b, k) W(j, k)) + bias(j), the sum accumulated from 0 in k order.
// scratch: inputs * outputs doubles (W transposed).
void denseForward(const double* in, std::size_t batch, std::size_t inputs, const double* w, const double* bias,
                  std::size_t outputs, double* scratch, double* out);

// dW(j, k) = sum_b g(b, j) in(b, k) and db(j) = sum_b g(b, j), summed from 0 in b order (overwrites dw and db).
void denseWeightGrad(const double* g, const double* in, std::size_t batch, std::size_t inputs, std::size_t outputs,
                     double* dw, double* db);

// below(b, k) = sum_{j in order} g(b, j) W(j, k): dL/da of the layer below.
void denseInputGrad(const double* g, const double* w, std::size_t batch, std::size_t inputs, std::size_t outputs,
                    double* below);

// a[i] = tanh(z[i]) by vtanh (vecmath.hpp); a[i] = relu(z[i]) = z[i] > 0 ? z[i] : 0.
void tanhArray(const double* z, std::size_t n, double* a);
void reluArray(const double* z, std::size_t n, double* a);
// dL/dz = dL/da times the activation's derivative, element-wise in place: tanh 1 - a^2, sigmoid a (1 - a) (from a),
// relu z > 0 ? 1 : 0 (from z; torch's relu backward gives 0 at z = 0): below[i] = below[i] * slope_i.
void scaleByTanhSlope(double* below, const double* a, std::size_t n);
void scaleBySigmoidSlope(double* below, const double* a, std::size_t n);
void scaleByReluSlope(double* below, const double* z, std::size_t n);

// Whether every v[i] is finite (no NaN, no +-Infinity): integer tests on the exponent bits, so the loop vectorises.
bool allFinite(const double* v, std::size_t n);

// Activation statistics (train.hpp's ActivationStats): sums with four running sums (element i goes to sum i mod 4;
// then (s0 + s1) + (s2 + s3)), deterministic on every platform and four times the throughput of one running sum.
double sumInFours(const double* v, std::size_t n);
double squaredDeviationsInFours(const double* v, std::size_t n, double mean);  // sum of (v[i] - mean)^2
// How many v[i] satisfy |v| > edge (tanh), v < low or v > high (sigmoid), v <= 0 (relu). NaN counts in none.
std::size_t countAbsAbove(const double* v, std::size_t n, double edge);
std::size_t countOutside(const double* v, std::size_t n, double low, double high);
std::size_t countNotPositive(const double* v, std::size_t n);

}  // namespace losslab::detail
