// Argument checking for the core. Every public function validates its input and throws losslab::Error with a
// message that names the function, the argument and the bad value, e.g.
//   crossEntropy: target[3] = 7 is out of range [0, 5)
// The wasm bindings catch it at the boundary and hand JavaScript an Error instead of a bare exception pointer.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>

namespace losslab {

class Error : public std::invalid_argument {
 public:
  explicit Error(const std::string& message) : std::invalid_argument(message) {}
};

// Shortest decimal text that reads back as the same double ("0.1", not "0.10000000000000001"; "NaN", "Infinity").
std::string formatNumber(double value);

[[noreturn]] void fail(const char* function, const std::string& what);

// requireSameLength("fn", "a", 3, "b", 4) throws "fn: b has length 4 but a has length 3"
void requireSameLength(const char* function, const char* nameA, std::size_t a, const char* nameB, std::size_t b);

// The row width of a `classes` / `dim` option: as given, or, when it is 0 (absent), the whole input as one row; an
// empty input without the option is a batch of no rows (width 1), never "classes = 0".
std::size_t widthOrWhole(std::size_t width, std::size_t length);

// Number of rows when a flat array of `length` holds rows of `width`; throws unless width >= 1 divides length.
std::size_t rowsOf(const char* function, const char* arrayName, std::size_t length, const char* widthName,
                   std::size_t width);

// Throws unless lo <= value <= hi: "fn: name = value is out of range [lo, hi]" (whole numbers: counts, sizes).
void requireCountInRange(const char* function, const std::string& name, std::size_t value, std::size_t lo, std::size_t hi);

// Throws unless lo <= value <= hi (NaN fails): "fn: name = value is out of range [lo, hi]".
void requireInClosedRange(const char* function, const char* name, double value, double lo, double hi);

// Throws unless value > 0 and finite.
void requirePositive(const char* function, const char* name, double value);

// Throws unless value >= 0 and finite: "fn: name = value must be a non-negative finite number".
void requireNonNegativeFinite(const char* function, const char* name, double value);

// Throws unless value is finite.
void requireFinite(const char* function, const char* name, double value);

// A 2-D plotting extent [xMin, xMax, yMin, yMax] (the `extent` option): finite, with xMin < xMax and yMin < yMax.
void requireExtent(const char* function, double xMin, double xMax, double yMin, double yMax);

}  // namespace losslab
