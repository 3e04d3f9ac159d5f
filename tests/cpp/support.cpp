#include <gtest/gtest.h>

#include "support.hpp"

#include <algorithm>
#include <fstream>
#include <limits>
#include <numeric>
#include <sstream>

#include "losslab/error.hpp"

namespace losslab::test {

double toNumber(const json& j) {
  if (j.is_string()) {
    const std::string s = j.get<std::string>();
    if (s == "NaN") return std::numeric_limits<double>::quiet_NaN();
    if (s == "Infinity") return std::numeric_limits<double>::infinity();
    if (s == "-Infinity") return -std::numeric_limits<double>::infinity();
    throw std::runtime_error("not a number: " + s);
  }
  return j.get<double>();
}

std::vector<double> toNumbers(const json& j) {
  std::vector<double> out;
  out.reserve(j.size());
  for (const json& v : j) out.push_back(toNumber(v));
  return out;
}

json loadGolden(const std::string& file) {
  std::ifstream in(std::string(LOSSLAB_GOLDEN_DIR) + "/" + file);
  if (!in) throw std::runtime_error("cannot open golden file " + file);
  return json::parse(in);
}

bool close(double a, double b, double tol, double absFloor) {
  if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b);
  if (std::isinf(a) || std::isinf(b)) return a == b;
  return std::abs(a - b) <= tol * std::max(std::abs(a), std::abs(b)) + absFloor;
}

::testing::AssertionResult allClose(const std::vector<double>& actual, const std::vector<double>& expected,
                                    double tol) {
  if (actual.size() != expected.size()) {
    return ::testing::AssertionFailure() << "length " << actual.size() << " != expected " << expected.size();
  }
  for (std::size_t i = 0; i < actual.size(); ++i) {
    if (!close(actual[i], expected[i], tol)) {
      return ::testing::AssertionFailure() << "[" << i << "] " << formatNumber(actual[i]) << " != expected "
                                           << formatNumber(expected[i]) << " (rel tol " << tol << ")";
    }
  }
  return ::testing::AssertionSuccess();
}

double scalarOf(const LossResult& r) {
  if (r.reduction != Reduction::None) return r.loss;
  return std::accumulate(r.losses.begin(), r.losses.end(), 0.0);
}

std::vector<double> numericalGradient(const std::function<double(const std::vector<double>&)>& f,
                                      std::vector<double> x) {
  std::vector<double> g(x.size());
  for (std::size_t i = 0; i < x.size(); ++i) {
    const double xi = x[i];
    const double h = 1e-6 * std::max(1.0, std::abs(xi));
    x[i] = xi + h;
    const double up = f(x);
    x[i] = xi - h;
    const double down = f(x);
    x[i] = xi;
    g[i] = (up - down) / (2 * h);
  }
  return g;
}

std::string messageOf(const std::function<void()>& call) {
  try {
    call();
  } catch (const Error& e) {
    return e.what();
  }
  return "(no error)";
}

}  // namespace losslab::test
