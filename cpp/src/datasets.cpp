// The trainer's seeded data sets and hand-made (custom) data (train.hpp, makeDataset).
#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <utility>

#include "losslab/error.hpp"
#include "losslab/names.hpp"
#include "losslab/train.hpp"

namespace losslab {
namespace {

constexpr double kPi = 3.141592653589793;
constexpr std::size_t kMinSamples = 4, kMaxSamples = 2000;
constexpr std::size_t kMaxClasses = 10;
constexpr std::size_t kMaxCustomInputs = 64;

constexpr Named<DatasetKind> kDatasets[] = {{"moons", DatasetKind::Moons},
                                            {"blobs", DatasetKind::Blobs},
                                            {"spirals", DatasetKind::Spirals},
                                            {"regression1d", DatasetKind::Regression1d},
                                            {"regression2d", DatasetKind::Regression2d},
                                            {"custom", DatasetKind::Custom}};

double defaultNoise(DatasetKind kind) {
  switch (kind) {
    case DatasetKind::Moons: return 0.1;
    case DatasetKind::Blobs: return 0.6;
    case DatasetKind::Spirals: return 0.05;
    case DatasetKind::Regression1d:
    case DatasetKind::Regression2d: return 0.1;
    case DatasetKind::Custom: return 0.0;
  }
  return 0.0;
}

void addPoint(Dataset* d, double x0, double x1, double label) {
  d->x.push_back(x0);
  d->x.push_back(x1);
  d->y.push_back(label);
}

}  // namespace

DatasetKind parseDatasetKind(const char* fn, const std::string& name, const char* option) {
  return parseName(fn, option, name, kDatasets);
}

const char* datasetName(DatasetKind kind) { return nameOf(kind, kDatasets); }

// ---- datasets ------------------------------------------------------------------------------------------------------

namespace {

Dataset customDataset(const char* fn, const DatasetOptions& o) {
  requireCountInRange(fn, "inputs", o.inputs, 1, kMaxCustomInputs);
  requireCountInRange(fn, "y.length", o.y.size(), 1, kMaxSamples);
  if (o.x.size() != o.y.size() * o.inputs) {
    fail(fn, "x has length " + std::to_string(o.x.size()) + ", expected y.length * inputs = " +
                 std::to_string(o.y.size() * o.inputs));
  }
  // The element's name is built only for one that fails (building it for every element cost more than the check).
  for (std::size_t i = 0; i < o.x.size(); ++i) {
    if (!std::isfinite(o.x[i])) requireFinite(fn, ("x[" + std::to_string(i) + "]").c_str(), o.x[i]);
  }
  for (std::size_t i = 0; i < o.y.size(); ++i) {
    if (!std::isfinite(o.y[i])) requireFinite(fn, ("y[" + std::to_string(i) + "]").c_str(), o.y[i]);
  }
  Dataset d;
  d.inputs = o.inputs;
  d.x = o.x;
  d.y = o.y;
  if (o.regressionTargets) {
    if (o.classes != 0) fail(fn, "classes = " + std::to_string(o.classes) + " does not apply to regression targets");
    return d;
  }
  bool labels = true;
  double largest = 0.0;
  for (const double v : o.y) {
    labels = labels && v >= 0.0 && v == std::floor(v) && v < static_cast<double>(kMaxClasses);
    largest = std::max(largest, v);
  }
  if (o.classes != 0) {
    requireCountInRange(fn, "classes", o.classes, 2, kMaxClasses);
    for (std::size_t i = 0; i < o.y.size(); ++i) {
      const double v = o.y[i];
      if (!(v >= 0.0 && v == std::floor(v) && v < static_cast<double>(o.classes))) {
        fail(fn, "y[" + std::to_string(i) + "] = " + formatNumber(v) + " is not a class in [0, " +
                     std::to_string(o.classes) + ")");
      }
    }
    d.classes = o.classes;
  } else if (labels) {
    d.classes = std::max<std::size_t>(2, static_cast<std::size_t>(largest) + 1);
  }
  return d;
}

}  // namespace

Dataset makeDataset(const char* fn, const DatasetOptions& o) {
  if (o.kind == DatasetKind::Custom) return customDataset(fn, o);
  requireCountInRange(fn, "samples", o.samples, kMinSamples, kMaxSamples);
  const double noise = o.noise ? *o.noise : defaultNoise(o.kind);
  requireNonNegativeFinite(fn, "noise", noise);
  const bool clustered = o.kind == DatasetKind::Blobs || o.kind == DatasetKind::Spirals;
  if (!clustered && o.classes != 0) {
    fail(fn, "classes = " + std::to_string(o.classes) + " applies to 'blobs' and 'spirals' only, not dataset = '" +
                 datasetName(o.kind) + "'");
  }
  if (o.classes != 0) requireCountInRange(fn, "classes", o.classes, 2, kMaxClasses);
  requireInClosedRange(fn, "imbalance", o.imbalance, 1.0, 1000.0);
  requireInClosedRange(fn, "outliers", o.outliers, 0.0, 1.0);
  requireFinite(fn, "outlierOffset", o.outlierOffset);

  Rng rng(o.seed.value_or(1), 0);
  Dataset d;
  const std::size_t n = o.samples;
  d.x.reserve(2 * n);
  d.y.reserve(n);
  switch (o.kind) {
    case DatasetKind::Moons: {
      d.classes = 2;
      const std::size_t outer = n / 2, inner = n - outer;  // sklearn's split
      for (std::size_t i = 0; i < outer; ++i) {
        const double t = kPi * static_cast<double>(i) / static_cast<double>(outer - 1);
        addPoint(&d, std::cos(t), std::sin(t), 0.0);
      }
      for (std::size_t i = 0; i < inner; ++i) {
        const double t = kPi * static_cast<double>(i) / static_cast<double>(inner - 1);
        addPoint(&d, 1.0 - std::cos(t), 1.0 - std::sin(t) - 0.5, 1.0);
      }
      for (double& v : d.x) v += noise * rng.normal();
      break;
    }
    case DatasetKind::Blobs: {
      const std::size_t c = o.classes == 0 ? 3 : o.classes;
      d.classes = c;
      std::vector<double> share(c);
      double total = 0.0;
      for (std::size_t k = 0; k < c; ++k) {
        share[k] = std::pow(o.imbalance, -static_cast<double>(k) / static_cast<double>(c - 1));
        total += share[k];
      }
      std::vector<std::size_t> counts(c);
      std::size_t others = 0;
      for (std::size_t k = 1; k < c; ++k) {
        counts[k] =
            std::max<std::size_t>(1, static_cast<std::size_t>(std::round(static_cast<double>(n) * share[k] / total)));
        others += counts[k];
      }
      if (others >= n) fail(fn, "samples = " + std::to_string(n) + " is too few for " + std::to_string(c) + " classes");
      counts[0] = n - others;
      for (std::size_t k = 0; k < c; ++k) {
        const double angle = 2.0 * kPi * static_cast<double>(k) / static_cast<double>(c);
        const double cx = 2.0 * std::cos(angle), cy = 2.0 * std::sin(angle);
        for (std::size_t i = 0; i < counts[k]; ++i) {
          const double px = cx + noise * rng.normal();
          addPoint(&d, px, cy + noise * rng.normal(), static_cast<double>(k));
        }
      }
      break;
    }
    case DatasetKind::Spirals: {
      const std::size_t c = o.classes == 0 ? 2 : o.classes;
      d.classes = c;
      for (std::size_t k = 0; k < c; ++k) {
        const std::size_t perArm = n / c + (k < n % c ? 1 : 0);
        for (std::size_t i = 0; i < perArm; ++i) {
          const double r = (static_cast<double>(i) + 0.5) / static_cast<double>(perArm);
          const double angle = 2.0 * kPi * static_cast<double>(k) / static_cast<double>(c) + 2.0 * kPi * r;
          const double px = r * std::cos(angle) + noise * rng.normal();
          addPoint(&d, px, r * std::sin(angle) + noise * rng.normal(), static_cast<double>(k));
        }
      }
      break;
    }
    case DatasetKind::Regression1d:
    case DatasetKind::Regression2d: {
      const bool twoD = o.kind == DatasetKind::Regression2d;
      d.inputs = twoD ? 2 : 1;
      const auto outlierCount = static_cast<std::size_t>(std::round(o.outliers * static_cast<double>(n)));
      for (std::size_t i = 0; i < n; ++i) {
        const double x0 = rng.uniform(-1.0, 1.0);
        d.x.push_back(x0);
        double y = std::sin(kPi * x0);
        if (twoD) {
          const double x1 = rng.uniform(-1.0, 1.0);
          d.x.push_back(x1);
          y *= std::cos(kPi * x1 / 2.0);
        }
        y += noise * rng.normal();
        if (i < outlierCount) y += o.outlierOffset;
        d.y.push_back(y);
      }
      break;
    }
    case DatasetKind::Custom: break;
  }
  return d;
}

}  // namespace losslab
