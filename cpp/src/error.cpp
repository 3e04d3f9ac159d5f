#include "losslab/error.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace losslab {

std::string formatNumber(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "Infinity" : "-Infinity";
  char buffer[32];
  // Whole numbers print in full ("1000", not "1e+03"), up to 2^53 where every integer is exact.
  if (std::floor(value) == value && std::abs(value) <= 9007199254740992.0) {
    std::snprintf(buffer, sizeof buffer, "%.0f", value);
    return buffer;
  }
  // 17 significant digits always round-trip a double; try fewer first for readable messages.
  for (int digits = 1; digits <= 17; ++digits) {
    std::snprintf(buffer, sizeof buffer, "%.*g", digits, value);
    if (std::strtod(buffer, nullptr) == value) break;
  }
  return buffer;
}

void fail(const char* function, const std::string& what) { throw Error(std::string(function) + ": " + what); }

void requireSameLength(const char* function, const char* nameA, std::size_t a, const char* nameB, std::size_t b) {
  if (a != b) {
    fail(function, std::string(nameB) + " has length " + std::to_string(b) + " but " + nameA + " has length " +
                       std::to_string(a));
  }
}

std::size_t widthOrWhole(std::size_t width, std::size_t length) {
  if (width != 0) return width;
  return length == 0 ? 1 : length;
}

std::size_t rowsOf(const char* function, const char* arrayName, std::size_t length, const char* widthName,
                   std::size_t width) {
  if (width == 0) fail(function, std::string(widthName) + " = 0 must be at least 1");
  if (length % width != 0) {
    fail(function, std::string(arrayName) + " has length " + std::to_string(length) + ", which is not a multiple of " +
                       widthName + " = " + std::to_string(width));
  }
  return length / width;
}

void requireCountInRange(const char* function, const std::string& name, std::size_t value, std::size_t lo, std::size_t hi) {
  if (value < lo || value > hi) {
    fail(function, name + " = " + std::to_string(value) + " is out of range [" + std::to_string(lo) +
                       ", " + std::to_string(hi) + "]");
  }
}

void requireInClosedRange(const char* function, const char* name, double value, double lo, double hi) {
  if (!(value >= lo && value <= hi)) {
    fail(function, std::string(name) + " = " + formatNumber(value) + " is out of range [" + formatNumber(lo) + ", " +
                       formatNumber(hi) + "]");
  }
}

void requirePositive(const char* function, const char* name, double value) {
  if (!(value > 0) || std::isinf(value)) {
    fail(function, std::string(name) + " = " + formatNumber(value) + " must be a positive finite number");
  }
}

void requireNonNegativeFinite(const char* function, const char* name, double value) {
  if (!(value >= 0.0) || std::isinf(value)) {
    fail(function, std::string(name) + " = " + formatNumber(value) + " must be a non-negative finite number");
  }
}

void requireFinite(const char* function, const char* name, double value) {
  if (!std::isfinite(value)) fail(function, std::string(name) + " = " + formatNumber(value) + " must be finite");
}

void requireExtent(const char* function, double xMin, double xMax, double yMin, double yMax) {
  requireFinite(function, "extent[0]", xMin);
  requireFinite(function, "extent[1]", xMax);
  requireFinite(function, "extent[2]", yMin);
  requireFinite(function, "extent[3]", yMax);
  if (!(xMin < xMax)) {
    fail(function, "extent[0] = " + formatNumber(xMin) + " must be less than extent[1] = " + formatNumber(xMax));
  }
  if (!(yMin < yMax)) {
    fail(function, "extent[2] = " + formatNumber(yMin) + " must be less than extent[3] = " + formatNumber(yMax));
  }
}

}  // namespace losslab
