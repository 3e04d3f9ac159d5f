#include "losslab/calibration.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "losslab/error.hpp"
#include "losslab/stable.hpp"

namespace losslab {
namespace {


// Validates labels[i] as a whole class index in [0, classes) and returns it (checks in double before converting).
std::size_t labelAt(const char* function, Span labels, std::size_t i, std::size_t classes) {
  const double v = labels[i];
  const auto where = [&] { return "labels[" + std::to_string(i) + "] = " + formatNumber(v); };
  if (!(std::floor(v) == v)) fail(function, where() + " is not a whole class index");
  if (v < 0.0 || v >= static_cast<double>(classes)) {
    fail(function, where() + " is out of range [0, " + std::to_string(classes) + ")");
  }
  return static_cast<std::size_t>(v);
}

// numpy's pairwise summation (8-way unrolled blocks of up to 128, halves above), so bin means agree with the
// reference to the last bit rather than to a few ulps.
double pairwiseSum(const double* a, std::size_t n) {
  if (n < 8) {
    double s = 0.0;
    for (std::size_t i = 0; i < n; ++i) s += a[i];
    return s;
  }
  if (n <= 128) {
    double r[8];
    for (std::size_t k = 0; k < 8; ++k) r[k] = a[k];
    std::size_t i = 8;
    for (; i < n - (n % 8); i += 8) {
      for (std::size_t k = 0; k < 8; ++k) r[k] += a[i + k];
    }
    double s = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
    for (; i < n; ++i) s += a[i];
    return s;
  }
  std::size_t half = n / 2;
  half -= half % 8;
  return pairwiseSum(a, half) + pairwiseSum(a + half, n - half);
}

struct Rows {
  std::size_t n, classes;
  std::vector<std::size_t> labels;
};

Rows readRows(const char* function, const char* matrixName, Span matrix, Span labels, std::size_t classesOption) {
  Rows r;
  r.classes = widthOrWhole(classesOption, matrix.size);
  r.n = rowsOf(function, matrixName, matrix.size, "classes", r.classes);
  requireSameLength(function, (std::string("rows of ") + matrixName).c_str(), r.n, "labels", labels.size);
  r.labels.resize(r.n);
  for (std::size_t i = 0; i < r.n; ++i) r.labels[i] = labelAt(function, labels, i, r.classes);
  return r;
}

// Mean cross-entropy of logits * scale (scale = 1 / T), through torch's log_softmax.
double meanNll(Span logits, const Rows& r, double divisor) {
  std::vector<double> row(r.classes), logp(r.classes);
  double total = 0.0;
  for (std::size_t i = 0; i < r.n; ++i) {
    for (std::size_t j = 0; j < r.classes; ++j) row[j] = logits[i * r.classes + j] / divisor;
    logSoftmax(row.data(), r.classes, logp.data());
    total -= logp[r.labels[i]];
  }
  return total / static_cast<double>(r.n);
}

// NLL'(s) and NLL''(s) in s = 1/T (see calibration.hpp).
void nllSlopes(Span z, const Rows& r, double s, double* slope, double* curvature) {
  double g = 0.0, h = 0.0;
  std::vector<double> e(r.classes);
  for (std::size_t i = 0; i < r.n; ++i) {
    const double* row = z.data + i * r.classes;
    double top = row[0];
    for (std::size_t j = 1; j < r.classes; ++j) top = std::max(top, row[j]);
    double sum = 0.0, mean = 0.0;
    for (std::size_t j = 0; j < r.classes; ++j) {
      e[j] = std::exp(s * (row[j] - top));  // every exponent <= 0
      sum += e[j];
      mean += e[j] * row[j];
    }
    mean /= sum;
    double var = 0.0;
    for (std::size_t j = 0; j < r.classes; ++j) var += e[j] * (row[j] - mean) * (row[j] - mean);
    g += mean - row[r.labels[i]];
    h += var / sum;
  }
  *slope = g / static_cast<double>(r.n);
  *curvature = h / static_cast<double>(r.n);
}

}  // namespace

EceResult ece(Span probs, Span labels, const EceOptions& o) {
  if (o.bins == 0) fail("ece", "bins = 0 must be at least 1");
  // Every bin is returned (40 bytes each, more in JavaScript): 2^20 bins is far past any use and still bounded.
  constexpr std::size_t kMaxBins = std::size_t{1} << 20;
  if (o.bins > kMaxBins) {
    fail("ece", "bins = " + std::to_string(o.bins) + " is more than " + std::to_string(kMaxBins));
  }
  const Rows r = readRows("ece", "probs", probs, labels, o.classes);
  for (std::size_t i = 0; i < probs.size; ++i) {
    if (!(probs[i] >= 0.0 && probs[i] <= 1.0)) {  // the message is built only on failure (NaN fails too)
      requireInClosedRange("ece", ("probs[" + std::to_string(i) + "]").c_str(), probs[i], 0.0, 1.0);
    }
  }
  const std::size_t bins = o.bins;
  std::vector<double> hi(bins);
  for (std::size_t b = 0; b < bins; ++b) hi[b] = static_cast<double>(b + 1) / static_cast<double>(bins);

  // Per bin, the confidences and correctness flags in sample order (summed like numpy sums a masked copy).
  std::vector<std::vector<double>> conf(bins), correct(bins);
  for (std::size_t i = 0; i < r.n; ++i) {
    const double* row = probs.data + i * r.classes;
    std::size_t pred = 0;
    for (std::size_t j = 1; j < r.classes; ++j) {
      if (row[j] > row[pred]) pred = j;  // strict: the first maximum wins ties
    }
    const double c = row[pred];
    std::size_t b = 0;
    while (b + 1 < bins && !(c <= hi[b])) ++b;
    conf[b].push_back(c);
    correct[b].push_back(pred == r.labels[i] ? 1.0 : 0.0);
  }
  EceResult out;
  out.bins.resize(bins);
  for (std::size_t b = 0; b < bins; ++b) {
    EceBin& bin = out.bins[b];
    bin.lo = static_cast<double>(b) / static_cast<double>(bins);
    bin.hi = hi[b];
    bin.count = conf[b].size();
    if (bin.count == 0) continue;
    const double count = static_cast<double>(bin.count);
    bin.confidence = pairwiseSum(conf[b].data(), bin.count) / count;
    bin.accuracy = pairwiseSum(correct[b].data(), bin.count) / count;
    out.ece += (count / static_cast<double>(r.n)) * std::abs(bin.accuracy - bin.confidence);
  }
  return out;
}

TemperatureFit fitTemperature(Span logits, Span labels, const FitTemperatureOptions& o) {
  const char* fn = "fitTemperature";
  const Rows r = readRows(fn, "logits", logits, labels, o.classes);
  if (r.n == 0) fail(fn, "logits is empty (there is nothing to fit)");
  for (std::size_t i = 0; i < logits.size; ++i) {
    if (!std::isfinite(logits[i])) requireFinite(fn, ("logits[" + std::to_string(i) + "]").c_str(), logits[i]);
  }
  // NLL'(0) = mean_i (mean_j z_ij - z_{i,y_i}) and whether some label is beaten by another class.
  double slopeAtZero = 0.0, spread = 0.0;
  bool someLabelBeaten = false;
  for (std::size_t i = 0; i < r.n; ++i) {
    const double* row = logits.data + i * r.classes;
    double mean = 0.0, top = row[0], bottom = row[0];
    for (std::size_t j = 0; j < r.classes; ++j) {
      mean += row[j];
      top = std::max(top, row[j]);
      bottom = std::min(bottom, row[j]);
    }
    slopeAtZero += mean / static_cast<double>(r.classes) - row[r.labels[i]];
    spread = std::max(spread, top - bottom);
    someLabelBeaten = someLabelBeaten || row[r.labels[i]] < top;
  }
  if (!std::isfinite(spread)) fail(fn, "logits span more than the largest double (differences overflow)");
  if (!(slopeAtZero < 0.0)) {
    fail(fn, "no finite temperature: on average the labels do not score above their rows' mean logit, so the NLL "
             "keeps falling as T -> Infinity");
  }
  if (!someLabelBeaten) {
    fail(fn, "no positive temperature: every label already has its row's largest logit, so the NLL keeps falling "
             "as T -> 0");
  }
  // The NLL depends on each row only through its differences, and scaling them scales T: fit on
  // u_ij = (z_ij - max_i z_i) / spread, every entry in [-1, 0], then T = spread / s. (Without this a spread of
  // 1e-310 makes 1/spread overflow, and one of 1e300 underflows the curvature.)
  std::vector<double> unit(logits.size);
  for (std::size_t i = 0; i < r.n; ++i) {
    const double* row = logits.data + i * r.classes;
    double top = row[0];
    for (std::size_t j = 1; j < r.classes; ++j) top = std::max(top, row[j]);
    for (std::size_t j = 0; j < r.classes; ++j) unit[i * r.classes + j] = (row[j] - top) / spread;
  }
  // Bracket the root of NLL'(s): NLL'(0) < 0 and NLL'(s) -> a positive limit as s grows (some label is beaten).
  double lo = 0.0, hi = 1.0, g = 0.0, h = 0.0;
  for (int k = 0; k < 1100; ++k) {  // hi reaches 2^1100 = Infinity first: the loop always ends by a break
    nllSlopes(unit, r, hi, &g, &h);
    if (g >= 0.0 || !std::isfinite(hi)) break;
    lo = hi;
    hi *= 2.0;
  }
  double s = hi;
  for (int iteration = 0; iteration < 200 && std::isfinite(s); ++iteration) {
    nllSlopes(unit, r, s, &g, &h);
    if (g == 0.0) break;
    (g < 0.0 ? lo : hi) = s;
    const double newton = h > 0.0 ? s - g / h : s;
    const double next = (newton > lo && newton < hi) ? newton : 0.5 * (lo + hi);
    const bool converged = std::abs(next - s) <= 4e-16 * s || hi - lo <= 4e-16 * s;
    s = next;
    if (converged) break;
  }
  TemperatureFit fit;
  fit.temperature = spread / s;
  if (!(fit.temperature > 0.0) || std::isinf(fit.temperature)) {  // not expected; refuse rather than return nonsense
    fail(fn, "the fit did not converge (temperature = " + formatNumber(fit.temperature) + ")");
  }
  fit.nllBefore = meanNll(logits, r, 1.0);
  fit.nllAfter = meanNll(logits, r, fit.temperature);
  return fit;
}

}  // namespace losslab
