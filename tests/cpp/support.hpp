// Helpers shared by the native test files: JSON <-> numbers (NaN and Infinity arrive as strings), closeness with a
// relative tolerance, and the scalar a gradient check differentiates.
#pragma once

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <functional>
#include <string>
#include <vector>

#include "losslab/reduction.hpp"

namespace losslab::test {

using nlohmann::json;

double toNumber(const json& j);
std::vector<double> toNumbers(const json& j);
json loadGolden(const std::string& file);  // { source, cases } from tests/golden/<file>

// |a - b| <= tol * max(|a|, |b|) + absFloor, with NaN == NaN and equal infinities accepted.
bool close(double a, double b, double tol, double absFloor = 1e-300);
::testing::AssertionResult allClose(const std::vector<double>& actual, const std::vector<double>& expected,
                                    double tol);

// The message of the losslab::Error that `call` throws, or "(no error)".
std::string messageOf(const std::function<void()>& call);

// The scalar whose gradient LossResult::grad holds: the reduced loss, or the sum of the per-item losses (None).
double scalarOf(const LossResult& r);

// Central differences of f at x with step h_i = 1e-6 * max(1, |x_i|); returns the numerical gradient.
std::vector<double> numericalGradient(const std::function<double(const std::vector<double>&)>& f,
                                      std::vector<double> x);

}  // namespace losslab::test
