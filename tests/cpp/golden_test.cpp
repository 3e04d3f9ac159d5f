// Golden values: every case in tests/golden/*.json (written by tests/golden/generate.py from PyTorch 1.13 float64)
// run through the native core. Values and gradients must agree to the case's relative tolerance (default 1e-9);
// error cases must throw losslab::Error whose message starts with the function's name.
#include <gtest/gtest.h>

#include <sstream>

#include "golden_dispatch.hpp"
#include "losslab/error.hpp"
#include "support.hpp"

namespace losslab::test {
namespace {

// Compares actual against expected (the JS API's shape: number, array, or object of those) at relative tol.
::testing::AssertionResult matches(const json& actual, const json& expected, double tol, const std::string& path) {
  if (expected.is_object()) {
    for (auto it = expected.begin(); it != expected.end(); ++it) {
      if (!actual.contains(it.key())) return ::testing::AssertionFailure() << path << "." << it.key() << " missing";
      auto r = matches(actual[it.key()], it.value(), tol, path + "." + it.key());
      if (!r) return r;
    }
    return ::testing::AssertionSuccess();
  }
  if (expected.is_array()) {
    if (!actual.is_array() || actual.size() != expected.size()) {
      return ::testing::AssertionFailure() << path << ": expected " << expected.size() << " values, got "
                                           << actual.dump();
    }
    for (std::size_t i = 0; i < expected.size(); ++i) {
      auto r = matches(actual[i], expected[i], tol, path + "[" + std::to_string(i) + "]");
      if (!r) return r;
    }
    return ::testing::AssertionSuccess();
  }
  const double e = toNumber(expected);
  const double a = actual.is_number() ? actual.get<double>() : std::nan("");
  if (close(a, e, tol)) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << path << ": " << formatNumber(a) << " != torch " << formatNumber(e)
                                       << " (rel tol " << tol << ")";
}

class Golden : public ::testing::TestWithParam<std::string> {};

TEST_P(Golden, EveryCaseMatchesPyTorch) {
  const json file = loadGolden(GetParam());
  ASSERT_TRUE(file.contains("cases"));
  ASSERT_GT(file["cases"].size(), 0u);
  int checked = 0;
  for (const json& c : file["cases"]) {
    const std::string id = c.at("id").get<std::string>();
    const std::string fn = c.at("fn").get<std::string>();
    SCOPED_TRACE(id);
    ASSERT_TRUE(knowsFunction(fn)) << "no native runner for " << fn;
    const json options = c.value("options", json::object());
    if (c.contains("error")) {
      try {
        runGoldenCase(fn, c.at("args"), options);
        ADD_FAILURE() << id << ": expected an error (" << c["error"] << ")";
      } catch (const Error& e) {
        EXPECT_EQ(std::string(e.what()).rfind(fn + ": ", 0), 0u) << e.what();
      }
    } else {
      const double tol = c.value("tol", 1e-9);
      EXPECT_TRUE(matches(runGoldenCase(fn, c.at("args"), options), c.at("expected"), tol, id));
    }
    ++checked;
  }
  EXPECT_EQ(checked, static_cast<int>(file["cases"].size()));
}

INSTANTIATE_TEST_SUITE_P(PyTorch, Golden,
                         ::testing::Values("regression.json", "classification.json", "stable.json", "embedding.json",
                                           "segmentation.json", "detection.json", "weighting.json",
                                           "calibration.json"),
                         [](const auto& info) { return info.param.substr(0, info.param.find('.')); });

}  // namespace
}  // namespace losslab::test
