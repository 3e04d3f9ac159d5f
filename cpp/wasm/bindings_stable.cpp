// Adapters for log-sum-exp, softmax and log-softmax in both precisions, stable and naive.
#include <limits>

#include "adapters.hpp"
#include "bindings.hpp"
#include "losslab/stable.hpp"

namespace losslab::wasm {
namespace {

struct RowOptions {
  std::size_t width;
  bool rowWise;
  bool stable;
  Precision precision;
};

RowOptions readRowOptions(const char* function, const val& options, std::size_t length) {
  const OptionReader o(function, options);
  const bool rowWise = o.has("classes");
  return {rowWise ? o.width("classes") : (length == 0 ? 1 : length), rowWise, o.flag("stable", true),
          parsePrecision(function, o.text("precision", "f64"))};
}

}  // namespace

val logSumExpJs(val x, val options) {
  return guarded([&] {
    const std::vector<double> values = toVector(x);
    const RowOptions r = readRowOptions("logSumExp", options, values.size());
    const std::vector<double> out = logSumExpRows(values, r.width, r.stable, r.precision);
    if (r.rowWise) return toFloat64Array(out);
    // The sum over no terms is 0, whose log is -Infinity (torch.logsumexp of an empty tensor).
    return out.empty() ? val(-std::numeric_limits<double>::infinity()) : val(out[0]);
  });
}

val softmaxJs(val x, val options) {
  return guarded([&] {
    const std::vector<double> values = toVector(x);
    const RowOptions r = readRowOptions("softmax", options, values.size());
    return toFloat64Array(softmaxRows(values, r.width, r.stable, r.precision));
  });
}

val logSoftmaxJs(val x, val options) {
  return guarded([&] {
    const std::vector<double> values = toVector(x);
    const RowOptions r = readRowOptions("logSoftmax", options, values.size());
    return toFloat64Array(logSoftmaxRows(values, r.width, r.stable, r.precision));
  });
}

}  // namespace losslab::wasm
