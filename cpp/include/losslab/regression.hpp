// Regression losses: element-wise penalties of the error d = input - target.
// Shapes: input and target are flat arrays of the same length n. Reduction defaults to Mean (divide by n).
#pragma once

#include "losslab/reduction.hpp"
#include "losslab/span.hpp"

namespace losslab {

// The defaults of huber's delta and smoothL1's beta (torch's 1.0), read by the JS adapters too.
inline constexpr double kHuberDelta = 1.0;
inline constexpr double kSmoothL1Beta = 1.0;

// Mean squared error, torch.nn.functional.mse_loss: l = d^2, dl/dinput = 2 d.
LossResult mse(Span input, Span target, Reduction reduction = Reduction::Mean);

// Mean absolute error, F.l1_loss: l = |d|, dl/dinput = sign(d) with sign(0) = 0 (torch's subgradient).
LossResult l1(Span input, Span target, Reduction reduction = Reduction::Mean);

// Huber loss, F.huber_loss (Huber 1964): l = d^2 / 2 for |d| <= delta, else delta (|d| - delta / 2);
// dl/dinput = d clipped to [-delta, delta]. delta > 0, default 1.
LossResult huber(Span input, Span target, double delta = kHuberDelta, Reduction reduction = Reduction::Mean);

// Smooth L1, F.smooth_l1_loss (Girshick 2015, Fast R-CNN): l = d^2 / (2 beta) for |d| < beta, else |d| - beta / 2;
// dl/dinput = d / beta clipped to [-1, 1]. beta >= 0, default 1; beta = 0 is exactly L1 (torch switches to l1_loss).
// Note huber(delta) = delta * smoothL1(beta = delta).
LossResult smoothL1(Span input, Span target, double beta = kSmoothL1Beta, Reduction reduction = Reduction::Mean);

}  // namespace losslab
