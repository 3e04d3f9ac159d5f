#include "losslab/detection.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "chained.hpp"
#include "losslab/error.hpp"

namespace losslab {
namespace {

// Share of d max(a, b) / da (torch.maximum's backward): 1 if a wins, 1/2 on a tie, 0 if b wins.
double maxShare(double a, double b) { return a == b ? 0.5 : (a < b ? 0.0 : 1.0); }
// Share of d min(a, b) / da (torch.minimum's backward).
double minShare(double a, double b) { return a == b ? 0.5 : (a > b ? 0.0 : 1.0); }

void checkBoxes(const char* name, Span boxes) {
  for (std::size_t i = 0; i < boxes.size / 4; ++i) {
    const double* b = boxes.data + 4 * i;
    const std::string row = std::string(name) + "[" + std::to_string(i) + "]";
    static const char* const kCoordinates[] = {"x1", "y1", "x2", "y2"};
    for (int k = 0; k < 4; ++k) {
      if (std::isnan(b[k])) fail("giou", row + ": " + kCoordinates[k] + " = NaN is not a number");
    }
    if (!(b[0] <= b[2])) {
      fail("giou", row + ": x2 = " + formatNumber(b[2]) + " is less than x1 = " + formatNumber(b[0]) +
                       " (rows are x1, y1, x2, y2 with x1 <= x2 and y1 <= y2)");
    }
    if (!(b[1] <= b[3])) {
      fail("giou", row + ": y2 = " + formatNumber(b[3]) + " is less than y1 = " + formatNumber(b[1]) +
                       " (rows are x1, y1, x2, y2 with x1 <= x2 and y1 <= y2)");
    }
  }
}

}  // namespace

LossResult giou(Span boxes1, Span boxes2, const GiouOptions& o) {
  requireSameLength("giou", "boxes1", boxes1.size, "boxes2", boxes2.size);
  if (boxes1.size % 4 != 0) {
    fail("giou", "boxes1 has length " + std::to_string(boxes1.size) +
                     ", which is not a multiple of 4 (rows are x1, y1, x2, y2)");
  }
  const std::size_t n = boxes1.size / 4;
  if (!(o.eps >= 0.0) || std::isinf(o.eps)) fail("giou", "eps = " + formatNumber(o.eps) + " must be >= 0 and finite");
  checkBoxes("boxes1", boxes1);
  checkBoxes("boxes2", boxes2);

  const double g0 = detail::upstream(o.reduction, static_cast<double>(n));
  std::vector<double> losses(n), grad(boxes1.size);
  for (std::size_t i = 0; i < n; ++i) {
    const double x1 = boxes1[4 * i], y1 = boxes1[4 * i + 1], x2 = boxes1[4 * i + 2], y2 = boxes1[4 * i + 3];
    const double x1g = boxes2[4 * i], y1g = boxes2[4 * i + 1], x2g = boxes2[4 * i + 2], y2g = boxes2[4 * i + 3];
    // Forward, in torchvision's order.
    const double xk1 = std::max(x1, x1g), yk1 = std::max(y1, y1g);
    const double xk2 = std::min(x2, x2g), yk2 = std::min(y2, y2g);
    const bool overlap = (yk2 > yk1) && (xk2 > xk1);
    const double inter = overlap ? (xk2 - xk1) * (yk2 - yk1) : 0.0;
    const double area1 = (x2 - x1) * (y2 - y1);
    const double uni = area1 + (x2g - x1g) * (y2g - y1g) - inter;
    const double iouValue = inter / (uni + o.eps);
    const double xc1 = std::min(x1, x1g), yc1 = std::min(y1, y1g);
    const double xc2 = std::max(x2, x2g), yc2 = std::max(y2, y2g);
    const double areaC = (xc2 - xc1) * (yc2 - yc1);
    const double penalty = (areaC - uni) / (areaC + o.eps);
    losses[i] = 1.0 - (iouValue - penalty);

    // Backward from d(reduced loss)/d l_i = g0, through the same graph.
    // Divisions are differentiated as torch's div backward writes them, -grad * ((a / b) / b) for the divisor:
    // for disjoint boxes the two terms of dl/dx1 cancel to ~1e-10 and only the same rounding gives torch's digits.
    const double gIou = -g0, gPenalty = g0;
    const double unionEps = uni + o.eps, areaCEps = areaC + o.eps;
    double gInter = gIou / unionEps;
    double gUnion = -gIou * ((inter / unionEps) / unionEps);
    const double gCminusU = gPenalty / areaCEps;
    const double gAreaC = gCminusU + -gPenalty * (((areaC - uni) / areaCEps) / areaCEps);
    gUnion += -gCminusU;
    const double gArea1 = gUnion;
    gInter -= gUnion;

    double gx1 = -gArea1 * (y2 - y1), gy1 = -gArea1 * (x2 - x1);
    double gx2 = gArea1 * (y2 - y1), gy2 = gArea1 * (x2 - x1);
    if (overlap) {  // torchvision writes the intersection through a mask: no gradient where there is none
      const double gxk2 = gInter * (yk2 - yk1), gyk2 = gInter * (xk2 - xk1);
      gx1 += -gxk2 * maxShare(x1, x1g);
      gy1 += -gyk2 * maxShare(y1, y1g);
      gx2 += gxk2 * minShare(x2, x2g);
      gy2 += gyk2 * minShare(y2, y2g);
    }
    const double gxc2 = gAreaC * (yc2 - yc1), gyc2 = gAreaC * (xc2 - xc1);
    gx1 += -gxc2 * minShare(x1, x1g);
    gy1 += -gyc2 * minShare(y1, y1g);
    gx2 += gxc2 * maxShare(x2, x2g);
    gy2 += gyc2 * maxShare(y2, y2g);
    grad[4 * i] = gx1;
    grad[4 * i + 1] = gy1;
    grad[4 * i + 2] = gx2;
    grad[4 * i + 3] = gy2;
  }
  if (n == 0 && o.reduction == Reduction::Mean) {
    LossResult empty;  // torchvision: loss.mean() if loss.numel() > 0 else 0.0 * loss.sum()
    empty.reduction = Reduction::Mean;
    return empty;
  }
  return detail::withChainedGradient(std::move(losses), std::move(grad), o.reduction, static_cast<double>(n));
}

}  // namespace losslab
