// Bounding-box regression losses.
//
// Shapes: N boxes as a flat row-major array of N*4 numbers, each row (x1, y1, x2, y2) with x1 <= x2 and y1 <= y2
// (corners, not centre/size). Gradients are with respect to the FIRST set of boxes.
#pragma once

#include "losslab/reduction.hpp"
#include "losslab/span.hpp"

namespace losslab {

struct GiouOptions {
  double eps = 1e-7;  // >= 0, added to the union and to the enclosing area before dividing
  Reduction reduction = Reduction::Mean;  // torchvision's default is 'none'; the JS API defaults to 'mean'
};

// Generalized IoU loss, torchvision.ops.generalized_box_iou_loss (Rezatofighi et al. 2019, "Generalized
// Intersection over Union"):
//   I = intersection area (0 unless the boxes overlap with positive width AND height), U = A1 + A2 - I,
//   C = area of the smallest enclosing box,  l = 1 - [I / (U + eps) - (C - U) / (C + eps)]   (l in [0, 2)).
// The gradient is torch's autograd through max/min: where two coordinates tie (shared edges, identical boxes)
// each side gets half. Mean of zero boxes is 0, as torchvision returns (0 * sum) rather than NaN.
LossResult giou(Span boxes1, Span boxes2, const GiouOptions& options = {});

}  // namespace losslab
