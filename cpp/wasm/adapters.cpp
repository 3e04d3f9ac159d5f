#include "adapters.hpp"

#include <emscripten/wire.h>
#include <malloc.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>

#include "bindings.hpp"
#include "losslab/error.hpp"

namespace losslab::wasm {

std::vector<double> toVector(const val& array) { return emscripten::convertJSArrayToNumberVector<double>(array); }

val toFloat64Array(const std::vector<double>& values) {
  // Constructing a Float64Array from a memory view copies it, so the result outlives the C++ vector.
  return val::global("Float64Array").new_(emscripten::typed_memory_view(values.size(), values.data()));
}

double heapBytesInUse() { return static_cast<double>(mallinfo().uordblks); }

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
  } else if (val::global("Array").call<bool>("isArray", options_)) {
    fail(function_, "options must be an object, got an array");
  }
}

val OptionReader::get(const char* name) const {
  known_.push_back(name);
  return options_[name];
}

bool OptionReader::has(const char* name) const {
  const val v = get(name);
  return !v.isUndefined() && !v.isNull();
}

void OptionReader::wrongType(const char* name, const char* expected) const {
  const val v = get(name);
  const std::string shown = v.isString() ? "'" + v.as<std::string>() + "'" : val::global("String")(v).as<std::string>();
  fail(function_, std::string(name) + " = " + shown + " must be " + expected);
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
  // The JS wrapper (web/src/core/wrap.js) has already refused entries that are not numbers.
  return toVector(v);
}

std::vector<double> OptionReader::numbers(const char* name, std::size_t length, std::vector<double> fallback) const {
  if (!has(name)) return fallback;
  std::vector<double> values = numbers(name);
  if (values.size() != length) {
    fail(function_,
         std::string(name) + " has length " + std::to_string(values.size()) + ", expected " + std::to_string(length));
  }
  return values;
}

Reduction OptionReader::reduction(Reduction fallback, bool allowBatchMean) const {
  if (!has("reduction")) return fallback;
  return parseReduction(function_, text("reduction", ""), allowBatchMean);
}

namespace {

std::string folded(const std::string& s) {
  std::string out;
  for (const char c : s) {
    if (c != '_' && c != '-') out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  return out;
}

// Optimal string alignment distance: insertions, deletions, substitutions and adjacent transpositions cost 1.
std::size_t editDistance(const std::string& a, const std::string& b) {
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.size()][b.size()];
}

}  // namespace

std::string closestName(const std::string& name, const std::vector<const char*>& known) {
  const std::string key = folded(name);
  std::string best;
  std::size_t bestDistance = std::max<std::size_t>(1, key.size() / 3) + 1;
  for (const char* candidate : known) {
    const std::size_t d = editDistance(key, folded(candidate));
    if (d < bestDistance) bestDistance = d, best = candidate;
  }
  return best;
}

void OptionReader::finish() const {
  const val keys = val::global("Object").call<val>("keys", options_);
  const auto count = keys["length"].as<std::size_t>();
  for (std::size_t i = 0; i < count; ++i) {
    const std::string key = keys[i].as<std::string>();
    bool found = false;
    for (const char* name : known_) found = found || key == name;
    if (found) continue;
    const std::string suggestion = closestName(key, known_);
    fail(function_, "unknown option \"" + key + "\"" + (suggestion.empty() ? "" : " (did you mean \"" + suggestion + "\"?)"));
  }
}

}  // namespace losslab::wasm
