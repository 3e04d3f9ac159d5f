// Golden values: every case in tests/golden/*.json (written by tests/golden/generate.py from PyTorch 1.13 float64)
// run through the native core. Values and gradients must agree to the case's relative tolerance (default 1e-9);
// error cases must throw losslab::Error whose message starts with the function's name.
#include <gtest/gtest.h>

#include <cstdio>
#include <sstream>

#include "golden_dispatch.hpp"
#include "losslab/error.hpp"
#include "support.hpp"

namespace losslab::test {
namespace {

// Compares actual against expected (the JS API's shape: number, array, or object of those) at relative tol, and
// adds one to *compared for every number it really compared.
::testing::AssertionResult matches(const json& actual, const json& expected, double tol, const std::string& path,
                                   int* compared) {
  if (expected.is_object()) {
    for (auto it = expected.begin(); it != expected.end(); ++it) {
      if (!actual.contains(it.key())) return ::testing::AssertionFailure() << path << "." << it.key() << " missing";
      auto r = matches(actual[it.key()], it.value(), tol, path + "." + it.key(), compared);
      if (!r) return r;
    }
    return ::testing::AssertionSuccess();
  }
  if (expected.is_array()) {
    if (!actual.is_array() || actual.size() != expected.size()) {
      return ::testing::AssertionFailure() << path << ": expected " << expected.size() << " values, got "
                                           << actual.dump();
    }
    ++*compared;  // the length
    for (std::size_t i = 0; i < expected.size(); ++i) {
      auto r = matches(actual[i], expected[i], tol, path + "[" + std::to_string(i) + "]", compared);
      if (!r) return r;
    }
    return ::testing::AssertionSuccess();
  }
  const double e = toNumber(expected);
  const double a = actual.is_number() ? actual.get<double>() : std::nan("");
  ++*compared;
  if (close(a, e, tol)) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << path << ": " << formatNumber(a) << " != torch " << formatNumber(e)
                                       << " (rel tol " << tol << ")";
}

// The checks a complete comparison makes: one per number, plus one per array for its length.
int numbersIn(const json& expected) {
  if (expected.is_object() || expected.is_array()) {
    int n = expected.is_array() ? 1 : 0;
    for (const json& v : expected) n += numbersIn(v);
    return n;
  }
  return 1;
}

class Golden : public ::testing::TestWithParam<std::string> {};

TEST_P(Golden, EveryCaseMatchesPyTorch) {
  const json file = loadGolden(GetParam());
  ASSERT_TRUE(file.contains("cases"));
  ASSERT_GT(file["cases"].size(), 0u);
  int errorsChecked = 0, numbersCompared = 0, numbersExpected = 0, errorCases = 0;
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
        ++errorsChecked;
      }
      ++errorCases;
    } else {
      const double tol = c.value("tol", 1e-9);
      const int expected = numbersIn(c.at("expected"));
      int compared = 0;
      EXPECT_TRUE(matches(runGoldenCase(fn, c.at("args"), options), c.at("expected"), tol, id, &compared));
      EXPECT_GT(expected, 0) << id << " expects nothing";
      numbersExpected += expected;
      numbersCompared += compared;
    }
  }
  // Every error case threw, and every expected number and array length was compared (a runner returning a different shape, or a
  // case with an empty `expected`, fails here).
  EXPECT_EQ(errorsChecked, errorCases);
  EXPECT_EQ(numbersCompared, numbersExpected);
  EXPECT_GT(numbersCompared, 0);
  std::printf("%s: %d checks (numbers and array lengths) compared, %d errors checked\n", GetParam().c_str(), numbersCompared, errorsChecked);
}

INSTANTIATE_TEST_SUITE_P(PyTorch, Golden,
                         ::testing::Values("regression.json", "classification.json", "stable.json", "embedding.json",
                                           "segmentation.json", "detection.json", "weighting.json",
                                           "calibration.json"),
                         [](const auto& info) { return info.param.substr(0, info.param.find('.')); });

}  // namespace
}  // namespace losslab::test
