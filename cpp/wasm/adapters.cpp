#include "adapters.hpp"

#include <emscripten/wire.h>

#include <cmath>
#include <limits>

#include "losslab/error.hpp"

namespace losslab::wasm {

std::vector<double> toVector(const val& array) { return emscripten::convertJSArrayToNumberVector<double>(array); }

val toFloat64Array(const std::vector<double>& values) {
  // Constructing a Float64Array from a memory view copies it, so the result outlives the C++ vector.
  return val::global("Float64Array").new_(emscripten::typed_memory_view(values.size(), values.data()));
}

val toJsError(const std::string& message) { return val::global("Error").new_(val(message)); }

val lossToJs(const LossResult& result) {
  val out = val::object();
  if (result.reduction == Reduction::None) {
    out.set("loss", toFloat64Array(result.losses));
  } else {
    out.set("loss", result.loss);
  }
  out.set("grad", toFloat64Array(result.grad));
  return out;
}

OptionReader::OptionReader(const char* function, val options) : function_(function), options_(std::move(options)) {
  const std::string type = options_.typeOf().as<std::string>();
  if (type == "undefined" || options_.isNull()) {
    options_ = val::object();
  } else if (type != "object") {
    fail(function_, "options must be an object, got a " + type);
  }
}

val OptionReader::get(const char* name) const { return options_[name]; }

bool OptionReader::has(const char* name) const {
  const val v = get(name);
  return !v.isUndefined() && !v.isNull();
}

void OptionReader::wrongType(const char* name, const char* expected) const {
  const val v = get(name);
  fail(function_, std::string(name) + " = " + val::global("String")(v).as<std::string>() + " must be " + expected);
}

double OptionReader::number(const char* name, double fallback) const {
  if (!has(name)) return fallback;
  const val v = get(name);
  if (!v.isNumber()) wrongType(name, "a number");
  return v.as<double>();
}

long long OptionReader::integer(const char* name, long long fallback) const {
  if (!has(name)) return fallback;
  const double x = number(name, 0);
  if (!(std::floor(x) == x) || std::abs(x) > 9007199254740992.0) wrongType(name, "a whole number");
  return static_cast<long long>(x);
}

std::size_t OptionReader::count(const char* name, std::size_t fallback) const {
  if (!has(name)) return fallback;
  const long long x = integer(name, 0);
  if (x < 0) wrongType(name, "a non-negative whole number");
  // size_t is 32 bits in wasm32: a larger count would wrap silently (2^32 + 3 -> 3), so refuse it.
  if (static_cast<unsigned long long>(x) > std::numeric_limits<std::size_t>::max()) wrongType(name, "at most 4294967295");
  return static_cast<std::size_t>(x);
}

std::size_t OptionReader::width(const char* name) const {
  if (!has(name)) return 0;
  const std::size_t x = count(name, 0);
  if (x == 0) wrongType(name, "a positive whole number");
  return x;
}

bool OptionReader::flag(const char* name, bool fallback) const {
  if (!has(name)) return fallback;
  const val v = get(name);
  if (!v.isTrue() && !v.isFalse()) wrongType(name, "true or false");
  return v.isTrue();
}

std::string OptionReader::text(const char* name, const std::string& fallback) const {
  if (!has(name)) return fallback;
  const val v = get(name);
  if (!v.isString()) wrongType(name, "a string");
  return v.as<std::string>();
}

std::vector<double> OptionReader::numbers(const char* name) const {
  if (!has(name)) return {};
  const val v = get(name);
  if (!val::global("Array").call<bool>("isArray", v) && !val::global("ArrayBuffer").call<bool>("isView", v)) {
    wrongType(name, "an array of numbers");
  }
  return toVector(v);
}

Reduction OptionReader::reduction(bool allowBatchMean) const {
  return parseReduction(function_, text("reduction", "mean"), allowBatchMean);
}

}  // namespace losslab::wasm
