// Loss curves along one swept variable (landscape.hpp): the core's own losses and point functors, point by point.
#include <cmath>
#include <string>

#include "chained.hpp"
#include "losslab/classification.hpp"
#include "losslab/error.hpp"
#include "losslab/landscape.hpp"
#include "losslab/names.hpp"
#include "losslab/pointwise.hpp"
#include "losslab/regression.hpp"
#include "losslab/stable.hpp"

namespace losslab {
namespace {

// 100000 points is 0.8 MB per array, far beyond any plot's pixel width.
constexpr std::size_t kMaxCurvePoints = 100000;
constexpr std::size_t kMaxSeries = 16;  // gammas (focal) or labelSmoothings (gap)

// x_k = from + k * step with step = (to - from) / (count - 1); the last point is set to `to` exactly so a
// probability sweep ending at 1 never overshoots into a value the core refuses.
std::vector<double> sweep(double from, double to, std::size_t count) {
  std::vector<double> x(count);
  const double step = (to - from) / static_cast<double>(count - 1);
  for (std::size_t k = 0; k < count; ++k) x[k] = from + static_cast<double>(k) * step;
  x[count - 1] = to;
  return x;
}

CurveSeries seriesFrom(const char* name, LossResult r) {
  CurveSeries s;
  s.name = name;
  s.loss = std::move(r.losses);
  s.grad = std::move(r.grad);
  return s;
}

// dl/dz = dl/dp * dp/dz with dp/dz = p (1 - p), the sigmoid's derivative written through its output.
std::vector<double> throughSigmoid(const std::vector<double>& gradP, const std::vector<double>& p) {
  std::vector<double> g(p.size());
  for (std::size_t i = 0; i < p.size(); ++i) g[i] = gradP[i] * (p[i] * (1.0 - p[i]));
  return g;
}

}  // namespace

// ---- curves --------------------------------------------------------------------------------------------------------

CurveKind parseCurveKind(const char* function, const std::string& name) {
  static constexpr Named<CurveKind> kNames[] = {{"error", CurveKind::Error},
                                                {"probability", CurveKind::Probability},
                                                {"logit", CurveKind::Logit},
                                                {"focal", CurveKind::Focal},
                                                {"gap", CurveKind::Gap}};
  return parseName(function, "kind", name, kNames);
}

Curves curves(CurveKind kind, const CurveOptions& o) {
  const char* fn = "curves";
  double from = o.from, to = o.to;
  if (from == 0.0 && to == 0.0) {
    switch (kind) {
      case CurveKind::Error: from = -3.0, to = 3.0; break;
      case CurveKind::Probability: from = 0.005, to = 0.995; break;
      case CurveKind::Logit: from = -8.0, to = 8.0; break;
      case CurveKind::Focal: from = 0.005, to = 1.0; break;
      case CurveKind::Gap: from = -2.0, to = 12.0; break;
    }
  }
  requireFinite(fn, "from", from);
  requireFinite(fn, "to", to);
  if (!(from < to)) fail(fn, "from = " + formatNumber(from) + " must be less than to = " + formatNumber(to));
  if (kind == CurveKind::Probability || kind == CurveKind::Focal) {
    requireInClosedRange(fn, "from", from, 0.0, 1.0);
    requireInClosedRange(fn, "to", to, 0.0, 1.0);
  }
  requireCountInRange(fn, "count", o.count, 2, kMaxCurvePoints);
  requireInClosedRange(fn, "target", o.target, 0.0, 1.0);

  Curves out;
  out.x = sweep(from, to, o.count);
  const std::vector<double>& x = out.x;
  const std::vector<double> y(x.size(), o.target);
  const BceOptions bceNone{{}, Reduction::None};
  switch (kind) {
    case CurveKind::Error: {
      requirePositive(fn, "delta", o.delta);
      const std::vector<double> zero(x.size(), 0.0);
      out.series.push_back(seriesFrom("mse", mse(x, zero, Reduction::None)));
      out.series.push_back(seriesFrom("l1", l1(x, zero, Reduction::None)));
      out.series.push_back(seriesFrom("huber", huber(x, zero, o.delta, Reduction::None)));
      out.series.push_back(seriesFrom("smoothL1", smoothL1(x, zero, o.beta, Reduction::None)));
      break;
    }
    case CurveKind::Probability: {
      out.series.push_back(seriesFrom("mse", mse(x, y, Reduction::None)));
      out.series.push_back(seriesFrom("bce", bce(x, y, bceNone)));
      for (CurveSeries& s : out.series) s.gradLogit = throughSigmoid(s.grad, x);
      break;
    }
    case CurveKind::Logit: {
      out.series.push_back(seriesFrom("bceWithLogits", bceWithLogits(x, y, {{}, {}, Reduction::None})));
      std::vector<double> p(x.size());
      for (std::size_t i = 0; i < x.size(); ++i) p[i] = sigmoid(x[i]);
      CurveSeries mseSigmoid;  // the same functor as the 'mseSigmoid' surface and the trainer's binaryLoss
      mseSigmoid.name = "mseSigmoid";
      for (std::size_t i = 0; i < x.size(); ++i) {
        mseSigmoid.loss.push_back(point::MseSigmoid{}.loss(x[i], o.target));
        mseSigmoid.grad.push_back(point::MseSigmoid{}.slope(x[i], o.target));
      }
      out.series.push_back(std::move(mseSigmoid));
      CurveSeries bceSigmoid = seriesFrom("bceSigmoid", bce(p, y, bceNone));
      bceSigmoid.grad = throughSigmoid(bceSigmoid.grad, p);
      out.series.push_back(std::move(bceSigmoid));
      break;
    }
    case CurveKind::Gap: {
      requireCountInRange(fn, "classes", o.classes, 2, 1000);
      if (o.labelSmoothings.empty() || o.labelSmoothings.size() > kMaxSeries) {
        fail(fn, "labelSmoothings has length " + std::to_string(o.labelSmoothings.size()) + ", expected 1 to " +
                     std::to_string(kMaxSeries));
      }
      // One batch per eps: row k is (x_k at the true class 0, zeros elsewhere), through the core's crossEntropy.
      std::vector<double> rows(x.size() * o.classes, 0.0);
      for (std::size_t k = 0; k < x.size(); ++k) rows[k * o.classes] = x[k];
      const std::vector<double> targets(x.size(), 0.0);
      for (std::size_t e = 0; e < o.labelSmoothings.size(); ++e) {
        CrossEntropyOptions ce;
        ce.classes = o.classes;
        ce.labelSmoothing = o.labelSmoothings[e];
        ce.reduction = Reduction::None;
        requireInClosedRange(fn, ("labelSmoothings[" + std::to_string(e) + "]").c_str(), ce.labelSmoothing, 0.0, 1.0);
        LossResult r = crossEntropy(rows, targets, ce);
        CurveSeries s;
        s.name = "crossEntropy";
        s.labelSmoothing = ce.labelSmoothing;
        s.loss = std::move(r.losses);
        for (std::size_t k = 0; k < x.size(); ++k) s.grad.push_back(r.grad[k * o.classes]);
        out.series.push_back(std::move(s));
      }
      break;
    }
    case CurveKind::Focal: {
      requirePositive(fn, "alpha", o.alpha);
      if (o.gammas.empty() || o.gammas.size() > kMaxSeries) {
        fail(fn,
             "gammas has length " + std::to_string(o.gammas.size()) + ", expected 1 to " + std::to_string(kMaxSeries));
      }
      for (std::size_t g = 0; g < o.gammas.size(); ++g) {
        const double gamma = o.gammas[g];
        requireNonNegativeFinite(fn, ("gammas[" + std::to_string(g) + "]").c_str(), gamma);
      }
      const LossResult ce = bce(x, std::vector<double>(x.size(), 1.0), bceNone);  // -log p_t, clamped at 100
      for (const double gamma : o.gammas) {
        CurveSeries s;
        s.name = "focal";
        s.gamma = gamma;
        s.loss.resize(x.size());
        s.grad.resize(x.size());
        for (std::size_t i = 0; i < x.size(); ++i) {
          const double q = 1.0 - x[i];
          const double modulator = detail::torchPow(q, gamma);
          const double l = ce.losses[i];
          // d(q^gamma)/dp = -gamma q^(gamma - 1), as torch's pow backward gives it: 0 when gamma = 0; at p_t = 1 with
          // 0 < gamma < 1, q^(gamma - 1) is Infinity and Infinity * l = Infinity * 0 is NaN, exactly as autograd.
          const double modulatorSlopeTerm = gamma == 0.0 ? 0.0 : gamma * detail::torchPow(q, gamma - 1.0) * l;
          s.loss[i] = o.alpha * modulator * l;
          s.grad[i] = o.alpha * (modulator * ce.grad[i] - modulatorSlopeTerm);
        }
        out.series.push_back(std::move(s));
      }
      break;
    }
  }
  return out;
}

}  // namespace losslab
