// Private: the hot loops of crossEntropy and bceWithLogits, kept in their own translation unit (kernels.cpp) so
// that they can be compiled for vectorisation without touching anything else (see the note at the top there).
#pragma once

#include <cstddef>

namespace losslab::detail {

// One row of `width` >= 1 logits z: writes e_j = exp(z_j - m) to out (m = the row maximum) and returns
// sum_j e_j; *shift receives m. Every exponent is <= 0, so nothing overflows (a +Infinity or NaN logit makes the
// row NaN, as in torch's log_softmax).
double expShiftedRow(const double* z, std::size_t width, double* out, double* shift);

// out[j] *= factor.
void scaleRow(double* out, std::size_t width, double factor);

// Unweighted binary cross-entropy with logits over n elements, in torch's operation order:
//   l_i = ((1 - y) z + m) + log(1 + e^{-|z|}),  m = max(-z, 0)
//   grad_i = (sigma(z) - y) / gradDivisor          (gradDivisor = n for 'mean', as torch divides, else 1)
// Writes l_i to losses when losses != nullptr; returns sum_i l_i (summed in blocks of 512, then across blocks).
double bceWithLogitsPlain(const double* z, const double* y, std::size_t n, double gradDivisor, double* losses,
                          double* grad);

}  // namespace losslab::detail
