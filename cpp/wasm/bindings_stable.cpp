// Adapters for log-sum-exp, softmax and log-softmax in both precisions, stable and naive.
#include <emscripten/bind.h>
#include <limits>

#include "adapters.hpp"
#include "losslab/stable.hpp"

namespace losslab::wasm {
namespace {

struct Rows {
  std::size_t width;
  bool rowWise;
  RowOptions options;
};

// Without `classes` the whole input is one row (of its own length; an empty input is one empty row).
Rows readRowOptions(const char* function, const val& options, std::size_t length) {
  const OptionReader o(function, options);
  Rows r{0, o.has("classes"), RowOptions{}};
  r.width = r.rowWise ? o.width("classes") : (length == 0 ? 1 : length);
  r.options.stable = o.flag("stable", r.options.stable);
  r.options.precision = o.choice("precision", r.options.precision, parsePrecision);
  o.finish();
  return r;
}

}  // namespace

val logSumExpJs(val x, val options) {
  return guarded([&] {
    const std::vector<double> values = toVector(x);
    const Rows r = readRowOptions("logSumExp", options, values.size());
    const std::vector<double> out = logSumExpRows(values, r.width, r.options.stable, r.options.precision);
    if (r.rowWise) return toFloat64Array(out);
    // The sum over no terms is 0, whose log is -Infinity (torch.logsumexp of an empty tensor).
    return out.empty() ? val(-std::numeric_limits<double>::infinity()) : val(out[0]);
  });
}

val softmaxJs(val x, val options) {
  return guarded([&] {
    const std::vector<double> values = toVector(x);
    const Rows r = readRowOptions("softmax", options, values.size());
    return toFloat64Array(softmaxRows(values, r.width, r.options.stable, r.options.precision));
  });
}

val logSoftmaxJs(val x, val options) {
  return guarded([&] {
    const std::vector<double> values = toVector(x);
    const Rows r = readRowOptions("logSoftmax", options, values.size());
    return toFloat64Array(logSoftmaxRows(values, r.width, r.options.stable, r.options.precision));
  });
}

}  // namespace losslab::wasm

EMSCRIPTEN_BINDINGS(losslab_stable) {
  emscripten::function("logSumExp", &losslab::wasm::logSumExpJs);
  emscripten::function("softmax", &losslab::wasm::softmaxJs);
  emscripten::function("logSoftmax", &losslab::wasm::logSoftmaxJs);
}
