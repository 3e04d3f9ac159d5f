// Adapters between JavaScript values and the core: the only code (with bindings.cpp) that sees emscripten headers.
//
// Every adapter catches the core's exceptions and RETURNS a JavaScript Error instead of letting a C++ exception
// cross into JavaScript: with Emscripten 3.1.6 a thrown exception arrives in JS as an opaque value (a pointer, or a
// WebAssembly.Exception under the -fwasm-exceptions build CMakeLists.txt uses) and each one leaks its allocation.
// The JS wrapper (web/src/core/index.js) throws the returned Error.
#pragma once

#include <emscripten/val.h>

#include <cstddef>
#include <exception>
#include <string>
#include <vector>

#include "losslab/reduction.hpp"

namespace losslab::wasm {

using emscripten::val;

std::vector<double> toVector(const val& array);
val toFloat64Array(const std::vector<double>& values);
val toJsError(const std::string& message);
// { loss: number | Float64Array, grad: Float64Array }
val lossToJs(const LossResult& result);

template <typename Body>
val guarded(Body&& body) {
  try {
    return body();
  } catch (const std::exception& e) {
    return toJsError(e.what());
  }
}

// Reads one options object with type checks whose errors name the function and the option. Every accessor records
// the name it was asked for (present or not), so finish() knows the complete set of names this function reads and
// rejects any other key, suggesting the closest known name:
//   bceWithLogits: unknown option "pos_weight" (did you mean "posWeight"?)
// Defaults are the caller's: pass the C++ option struct's own field as the fallback, never a literal.
class OptionReader {
 public:
  OptionReader(const char* function, val options);
  bool has(const char* name) const;
  double number(const char* name, double fallback) const;
  long long integer(const char* name, long long fallback) const;
  std::size_t count(const char* name, std::size_t fallback) const;  // a non-negative whole number
  // The `classes` (or `dim`) width of a row: absent = 0, which the core reads as "one row"; present must be >= 1.
  std::size_t width(const char* name) const;
  bool flag(const char* name, bool fallback) const;
  std::string text(const char* name, const std::string& fallback) const;
  std::vector<double> numbers(const char* name) const;  // empty when absent
  std::vector<double> numbers(const char* name, std::size_t length, std::vector<double> fallback) const;  // fixed
  Reduction reduction(Reduction fallback = Reduction::Mean, bool allowBatchMean = false) const;
  // A named choice read by the enum's table-driven parser (losslab/names.hpp); absent = fallback.
  template <typename Enum>
  Enum choice(const char* name, Enum fallback, Enum (*parse)(const char*, const std::string&)) const {
    return has(name) ? parse(function_, text(name, "")) : fallback;
  }
  // Throws for the first key of the options object that no accessor above asked for.
  void finish() const;

 private:
  val get(const char* name) const;
  [[noreturn]] void wrongType(const char* name, const char* expected) const;
  const char* function_;
  val options_;
  mutable std::vector<const char*> known_;
};

// The closest of `known` to `name` (case and '_' ignored, then edit distance up to a third of the length), or "".
std::string closestName(const std::string& name, const std::vector<const char*>& known);

// The shape of every loss adapter: read the options into the loss's option struct with read(o, s) (s starts at
// the struct's own defaults), refuse any other option name, then call the loss and return { loss, grad }.
template <typename Options, typename Read, typename Call>
val lossAdapter(const char* function, const val& options, Read read, Call call) {
  return guarded([&] {
    const OptionReader o(function, options);
    Options parsed{};
    read(o, parsed);
    o.finish();
    return lossToJs(call(parsed));
  });
}

}  // namespace losslab::wasm
