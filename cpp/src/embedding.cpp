#include "losslab/embedding.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "chained.hpp"
#include "losslab/error.hpp"
#include "losslab/stable.hpp"

namespace losslab {
namespace {

// torch's cosine_embedding_loss adds EPSILON to each squared magnitude before the square root. Its EPSILON is the
// float constant 1e-12f, i.e. 9.999999960041972e-13 as a double: with the double 1e-12 the gradient at a zero row
// (|dcos/dx1| = |x2| / sqrt(EPSILON (|x2|^2 + EPSILON)) ~ 3e5) would differ from torch's by 2e-9 relative.
constexpr double kCosineEpsilon = static_cast<double>(1e-12f);
// F.normalize's default eps: rows are divided by max(|row|, 1e-12).
constexpr double kNormalizeEps = 1e-12;


// ||v||_p as torch's norm kernel evaluates it (special cases 1, 2, Infinity; otherwise (sum |v|^p)^(1/p)).
double pNorm(const double* v, std::size_t n, double p) {
  double acc = 0.0;
  if (p == 2.0) {
    for (std::size_t j = 0; j < n; ++j) acc += v[j] * v[j];
    return std::sqrt(acc);
  }
  if (p == 1.0) {
    for (std::size_t j = 0; j < n; ++j) acc += std::abs(v[j]);
    return acc;
  }
  if (std::isinf(p)) {
    for (std::size_t j = 0; j < n; ++j) {
      const double a = std::abs(v[j]);
      if (std::isnan(a)) return a;
      acc = std::max(acc, a);
    }
    return acc;
  }
  for (std::size_t j = 0; j < n; ++j) acc += std::pow(std::abs(v[j]), p);
  return std::pow(acc, 1.0 / p);
}

// torch's sign: (0 < x) - (x < 0), so sign(NaN) = 0.
double sgn(double x) { return static_cast<double>((x > 0) - (x < 0)); }

// out[j] += scale * d||v||_p / dv_j, torch 1.13's norm_backward case by case (see embedding.hpp).
void addNormGradient(const double* v, std::size_t n, double p, double norm, double scale, double* out) {
  if (p == 1.0) {
    for (std::size_t j = 0; j < n; ++j) out[j] += sgn(v[j]) * scale;
  } else if (p == 2.0) {
    for (std::size_t j = 0; j < n; ++j) out[j] += norm == 0.0 ? 0.0 : scale * (v[j] / norm);
  } else if (std::isinf(p)) {
    // The gradient of max |v_j| is shared among every entry that attains it (and every NaN entry).
    double ties = 0.0;
    for (std::size_t j = 0; j < n; ++j) {
      const double a = std::abs(v[j]);
      ties += (a == norm || std::isnan(a)) ? 1.0 : 0.0;
    }
    for (std::size_t j = 0; j < n; ++j) {
      const double a = std::abs(v[j]);
      const double mask = (a == norm || std::isnan(a)) ? 1.0 : 0.0;
      out[j] += sgn(v[j]) * ((scale / ties) * mask);
    }
  } else if (p < 1.0) {
    const double normFactor = detail::torchPow(norm, 1.0 - p);
    for (std::size_t j = 0; j < n; ++j) {
      const double scaled = v[j] == 0.0 ? 0.0 : sgn(v[j]) * detail::torchPow(std::abs(v[j]), p - 1.0);
      out[j] += scaled * scale * normFactor;
    }
  } else {
    const double scaleV = norm == 0.0 ? 0.0 : scale / detail::torchPow(norm, p - 1.0);
    for (std::size_t j = 0; j < n; ++j) {
      const double scaled = p < 2.0 ? sgn(v[j]) * detail::torchPow(std::abs(v[j]), p - 1.0)
                                    : v[j] * detail::torchPow(std::abs(v[j]), p - 2.0);
      out[j] += scaled * scaleV;
    }
  }
}

// v = x - y + eps (torch's pairwise_distance) and its p-norm.
double pairwiseDistance(const double* x, const double* y, std::size_t n, double eps, double p, double* v) {
  for (std::size_t j = 0; j < n; ++j) v[j] = x[j] - y[j] + eps;
  return pNorm(v, n, p);
}

// Row i of a (rows x dim) matrix normalised like F.normalize(eps = 1e-12); returns |row| (before the clamp).
double normalizeRow(const double* row, std::size_t dim, double* out) {
  double sq = 0.0;
  for (std::size_t j = 0; j < dim; ++j) sq += row[j] * row[j];
  const double norm = std::sqrt(sq);
  const double c = std::max(norm, kNormalizeEps);
  for (std::size_t j = 0; j < dim; ++j) out[j] = row[j] / c;
  return norm;
}

}  // namespace

LossResult tripletMargin(Span anchor, Span positive, Span negative, const TripletMarginOptions& o) {
  requireSameLength("tripletMargin", "anchor", anchor.size, "positive", positive.size);
  requireSameLength("tripletMargin", "anchor", anchor.size, "negative", negative.size);
  const std::size_t dim = widthOrWhole(o.dim, anchor.size);
  const std::size_t rows = rowsOf("tripletMargin", "anchor", anchor.size, "dim", dim);
  requireFinite("tripletMargin", "margin", o.margin);
  requireFinite("tripletMargin", "eps", o.eps);
  if (!(o.p > 0.0)) fail("tripletMargin", "p = " + formatNumber(o.p) + " must be > 0 (Infinity is the max norm)");

  const double g0 = detail::upstream(o.reduction, static_cast<double>(rows));
  const std::size_t width = rows == 0 ? 0 : dim;  // an empty input passes the shape check with any dim
  std::vector<double> losses(rows), grad(anchor.size, 0.0), vPos(width), vNeg(width), vSwap(width);
  for (std::size_t i = 0; i < rows; ++i) {
    const double* a = anchor.data + i * dim;
    const double* pos = positive.data + i * dim;
    const double* neg = negative.data + i * dim;
    const double dPos = pairwiseDistance(a, pos, dim, o.eps, o.p, vPos.data());
    const double dAnchorNeg = pairwiseDistance(a, neg, dim, o.eps, o.p, vNeg.data());
    double dNeg = dAnchorNeg;
    double negShare = 1.0;  // how much of d(loss)/d(dNeg) reaches d(a, n): torch.minimum's backward
    if (o.swap) {
      const double dSwap = pairwiseDistance(pos, neg, dim, o.eps, o.p, vSwap.data());
      if (std::isnan(dAnchorNeg) || std::isnan(dSwap)) {
        dNeg = std::numeric_limits<double>::quiet_NaN();
      } else {
        dNeg = std::min(dAnchorNeg, dSwap);
        negShare = dAnchorNeg == dSwap ? 0.5 : (dAnchorNeg > dSwap ? 0.0 : 1.0);
      }
    }
    const double hinge = o.margin + dPos - dNeg;
    losses[i] = hinge < 0.0 ? 0.0 : hinge;  // NaN stays NaN, as torch's clamp_min
    // clamp_min passes the gradient where its input is >= 0. A blocked gradient is still multiplied through the
    // norm's backward (0 * v / |v|), which is how a NaN in the row reaches torch's gradient: keep that.
    const double gHinge = hinge >= 0.0 ? g0 : 0.0;
    double* g = grad.data() + i * dim;
    addNormGradient(vPos.data(), dim, o.p, dPos, gHinge, g);
    addNormGradient(vNeg.data(), dim, o.p, dAnchorNeg, -(negShare * gHinge), g);
  }
  return detail::withChainedGradient(std::move(losses), std::move(grad), o.reduction, static_cast<double>(rows));
}

LossResult cosineEmbedding(Span x1, Span x2, Span y, const CosineEmbeddingOptions& o) {
  requireSameLength("cosineEmbedding", "x1", x1.size, "x2", x2.size);
  const std::size_t dim = widthOrWhole(o.dim, x1.size);
  const std::size_t rows = rowsOf("cosineEmbedding", "x1", x1.size, "dim", dim);
  requireSameLength("cosineEmbedding", "rows of x1", rows, "y", y.size);
  requireFinite("cosineEmbedding", "margin", o.margin);
  for (std::size_t i = 0; i < rows; ++i) {
    if (y[i] != 1.0 && y[i] != -1.0) {
      fail("cosineEmbedding", "y[" + std::to_string(i) + "] = " + formatNumber(y[i]) + " must be 1 or -1");
    }
  }
  const double g0 = detail::upstream(o.reduction, static_cast<double>(rows));
  std::vector<double> losses(rows), grad(x1.size, 0.0);
  for (std::size_t i = 0; i < rows; ++i) {
    const double* u = x1.data + i * dim;
    const double* v = x2.data + i * dim;
    double prod = 0.0, uu = 0.0, vv = 0.0;
    for (std::size_t j = 0; j < dim; ++j) {
      prod += u[j] * v[j];
      uu += u[j] * u[j];
      vv += v[j] * v[j];
    }
    const double mag1 = uu + kCosineEpsilon, mag2 = vv + kCosineEpsilon;
    const double denom = std::sqrt(mag1 * mag2);
    const double cos = prod / denom;
    double gCos;
    if (y[i] == 1.0) {
      losses[i] = 1.0 - cos;
      gCos = -g0;
    } else {
      const double hinge = cos - o.margin;
      losses[i] = hinge < 0.0 ? 0.0 : hinge;
      gCos = hinge >= 0.0 ? g0 : 0.0;
    }
    // Back through cos = prod / sqrt(mag1 mag2), as autograd chains it (even for gCos = 0: 0 * NaN stays NaN).
    const double gProd = gCos / denom;
    const double gDenom = -gCos * ((prod / denom) / denom);
    const double gMag1 = (gDenom / (2.0 * denom)) * mag2;
    double* g = grad.data() + i * dim;
    for (std::size_t j = 0; j < dim; ++j) g[j] = 2.0 * gMag1 * u[j] + gProd * v[j];
  }
  return detail::withChainedGradient(std::move(losses), std::move(grad), o.reduction, static_cast<double>(rows));
}

LossResult infoNCE(Span a, Span b, const InfoNceOptions& o) {
  requireSameLength("infoNCE", "a", a.size, "b", b.size);
  const std::size_t dim = widthOrWhole(o.dim, a.size);
  const std::size_t n = rowsOf("infoNCE", "a", a.size, "dim", dim);
  requirePositive("infoNCE", "temperature", o.temperature);

  std::vector<double> an(a.size), bn(b.size), normA(n);
  for (std::size_t i = 0; i < n; ++i) {
    normA[i] = normalizeRow(a.data + i * dim, dim, an.data() + i * dim);
    normalizeRow(b.data + i * dim, dim, bn.data() + i * dim);
  }
  // S = â b̂^T / temperature, row-major n x n.
  std::vector<double> s(n * n);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < n; ++j) {
      double dot = 0.0;
      for (std::size_t k = 0; k < dim; ++k) dot += an[i * dim + k] * bn[j * dim + k];
      s[i * n + j] = dot / o.temperature;
    }
  }
  // Per-row items (their mean is the loss) and G = dL/dS, chained from L down as autograd does: each direction's
  // NLL hands -w/N to its diagonal entry (w = 1/2 symmetric, 1 one-way), and log_softmax's backward turns that
  // into g - softmax * sum(g), which torch's AVX2 kernel evaluates as ONE fused multiply-add. The fusing matters:
  // when a row is nearly one-hot (p_ii = 1 - 1e-9) the diagonal entry is (p_ii - 1) w/N, and rounding p_ii w/N
  // before subtracting w/N would lose 7 of its digits.
  const double w = o.symmetric ? 0.5 : 1.0;
  const double gDiagonal = -w / static_cast<double>(n);
  std::vector<double> items(n, 0.0), gS(n * n, 0.0), line(n), logp(n);
  for (std::size_t i = 0; i < n; ++i) {  // a -> b: row i of S against class i
    logSoftmax(s.data() + i * n, n, logp.data());
    items[i] += w * -logp[i];
    for (std::size_t j = 0; j < n; ++j) {
      gS[i * n + j] = std::fma(-std::exp(logp[j]), gDiagonal, i == j ? gDiagonal : 0.0);
    }
  }
  if (o.symmetric) {  // b -> a: column j of S against class j
    for (std::size_t j = 0; j < n; ++j) {
      for (std::size_t i = 0; i < n; ++i) line[i] = s[i * n + j];
      logSoftmax(line.data(), n, logp.data());
      items[j] += w * -logp[j];
      for (std::size_t i = 0; i < n; ++i) {
        gS[i * n + j] += std::fma(-std::exp(logp[i]), gDiagonal, i == j ? gDiagonal : 0.0);
      }
    }
  }
  // Back to â (g = G b̂ / temperature), then through F.normalize to a.
  std::vector<double> grad(a.size, 0.0), gHat(n == 0 ? 0 : dim);
  for (std::size_t i = 0; i < n; ++i) {
    std::fill(gHat.begin(), gHat.end(), 0.0);
    for (std::size_t j = 0; j < n; ++j) {
      const double gij = gS[i * n + j] / o.temperature;
      for (std::size_t k = 0; k < dim; ++k) gHat[k] += gij * bn[j * dim + k];
    }
    const double* row = a.data + i * dim;
    const double c = std::max(normA[i], kNormalizeEps);
    // d/dc of row / c, summed over the row (torch's div backward for the divisor, then the expand's sum).
    double gC = 0.0;
    for (std::size_t k = 0; k < dim; ++k) gC += -gHat[k] * ((row[k] / c) / c);
    const bool clampPasses = normA[i] >= kNormalizeEps;  // clamp_min's backward: passes where norm >= eps
    double* g = grad.data() + i * dim;
    for (std::size_t k = 0; k < dim; ++k) {
      g[k] = gHat[k] / c;
      if (clampPasses && normA[i] != 0.0) g[k] += gC * (row[k] / normA[i]);
    }
  }
  return detail::withChainedGradient(std::move(items), std::move(grad), Reduction::Mean, static_cast<double>(n));
}

}  // namespace losslab
