#include "golden_dispatch.hpp"

#include <functional>
#include <limits>
#include <map>

#include "losslab/classification.hpp"
#include "losslab/error.hpp"
#include "losslab/regression.hpp"
#include "losslab/stable.hpp"
#include "support.hpp"

namespace losslab::test {
namespace {

using Runner = std::function<json(const json& args, const json& options)>;

struct Options {
  const char* fn;
  const json& o;
  bool has(const char* k) const { return o.contains(k) && !o[k].is_null(); }
  double number(const char* k, double d) const { return has(k) ? toNumber(o[k]) : d; }
  std::vector<double> numbers(const char* k) const { return has(k) ? toNumbers(o[k]) : std::vector<double>{}; }
  std::size_t count(const char* k, std::size_t d) const { return has(k) ? o[k].get<std::size_t>() : d; }
  // Mirrors OptionReader::width in cpp/wasm/adapters.cpp: absent = 0 (one row), present must be >= 1.
  std::size_t width(const char* k) const {
    if (has(k) && o[k].get<long long>() < 1) fail(fn, std::string(k) + " = " + o[k].dump() + " must be a positive whole number");
    return count(k, 0);
  }
  long long integer(const char* k, long long d) const { return has(k) ? o[k].get<long long>() : d; }
  bool flag(const char* k, bool d) const { return has(k) ? o[k].get<bool>() : d; }
  std::string text(const char* k, const std::string& d) const { return has(k) ? o[k].get<std::string>() : d; }
  Reduction reduction(bool batchMean = false) const { return parseReduction(fn, text("reduction", "mean"), batchMean); }
};

json numbersToJson(const std::vector<double>& v) {
  json out = json::array();
  for (double x : v) out.push_back(x);  // kept in memory as doubles, NaN and Infinity included
  return out;
}

json lossToJson(const LossResult& r) {
  json out;
  out["loss"] = r.reduction == Reduction::None ? numbersToJson(r.losses) : json(r.loss);
  out["grad"] = numbersToJson(r.grad);
  return out;
}

std::vector<double> arg(const json& args, std::size_t i) { return toNumbers(args.at(i)); }

json rowOp(const char* fn, const json& args, const json& options,
           std::vector<double> (*op)(Span, std::size_t, bool, Precision), bool scalarWithoutClasses) {
  const Options o{fn, options};
  const std::vector<double> x = arg(args, 0);
  const bool rowWise = o.has("classes");
  const std::size_t width = rowWise ? o.width("classes") : std::max<std::size_t>(x.size(), 1);
  const std::vector<double> out =
      op(x, width, o.flag("stable", true), parsePrecision(fn, o.text("precision", "f64")));
  if (scalarWithoutClasses && !rowWise) return out.empty() ? json(-std::numeric_limits<double>::infinity()) : json(out[0]);
  return numbersToJson(out);
}

const std::map<std::string, Runner>& runners() {
  static const std::map<std::string, Runner> table = {
      {"mse", [](const json& a, const json& opt) {
         return lossToJson(mse(arg(a, 0), arg(a, 1), Options{"mse", opt}.reduction()));
       }},
      {"l1", [](const json& a, const json& opt) {
         return lossToJson(l1(arg(a, 0), arg(a, 1), Options{"l1", opt}.reduction()));
       }},
      {"huber", [](const json& a, const json& opt) {
         const Options o{"huber", opt};
         return lossToJson(huber(arg(a, 0), arg(a, 1), o.number("delta", 1.0), o.reduction()));
       }},
      {"smoothL1", [](const json& a, const json& opt) {
         const Options o{"smoothL1", opt};
         return lossToJson(smoothL1(arg(a, 0), arg(a, 1), o.number("beta", 1.0), o.reduction()));
       }},
      {"bce", [](const json& a, const json& opt) {
         const Options o{"bce", opt};
         return lossToJson(bce(arg(a, 0), arg(a, 1), {o.numbers("weight"), o.reduction()}));
       }},
      {"bceWithLogits", [](const json& a, const json& opt) {
         const Options o{"bceWithLogits", opt};
         return lossToJson(
             bceWithLogits(arg(a, 0), arg(a, 1), {o.numbers("weight"), o.numbers("posWeight"), o.reduction()}));
       }},
      {"crossEntropy", [](const json& a, const json& opt) {
         const Options o{"crossEntropy", opt};
         CrossEntropyOptions c;
         c.classes = o.width("classes");
         c.weight = o.numbers("weight");
         c.ignoreIndex = o.integer("ignoreIndex", -100);
         c.labelSmoothing = o.number("labelSmoothing", 0.0);
         c.reduction = o.reduction();
         return lossToJson(crossEntropy(arg(a, 0), arg(a, 1), c));
       }},
      {"nll", [](const json& a, const json& opt) {
         const Options o{"nll", opt};
         NllOptions c;
         c.classes = o.width("classes");
         c.weight = o.numbers("weight");
         c.ignoreIndex = o.integer("ignoreIndex", -100);
         c.reduction = o.reduction();
         return lossToJson(nll(arg(a, 0), arg(a, 1), c));
       }},
      {"klDiv", [](const json& a, const json& opt) {
         const Options o{"klDiv", opt};
         KlDivOptions c;
         c.classes = o.width("classes");
         c.logTarget = o.flag("logTarget", false);
         c.reduction = o.reduction(true);
         return lossToJson(klDiv(arg(a, 0), arg(a, 1), c));
       }},
      {"sigmoidFocal", [](const json& a, const json& opt) {
         const Options o{"sigmoidFocal", opt};
         SigmoidFocalOptions c;
         c.alpha = o.number("alpha", 0.25);
         c.gamma = o.number("gamma", 2.0);
         c.reduction = o.reduction();
         return lossToJson(sigmoidFocal(arg(a, 0), arg(a, 1), c));
       }},
      {"softmaxFocal", [](const json& a, const json& opt) {
         const Options o{"softmaxFocal", opt};
         SoftmaxFocalOptions c;
         c.classes = o.width("classes");
         c.alpha = o.number("alpha", 1.0);
         c.gamma = o.number("gamma", 2.0);
         c.reduction = o.reduction();
         return lossToJson(softmaxFocal(arg(a, 0), arg(a, 1), c));
       }},
      {"logSumExp", [](const json& a, const json& opt) { return rowOp("logSumExp", a, opt, logSumExpRows, true); }},
      {"softmax", [](const json& a, const json& opt) { return rowOp("softmax", a, opt, softmaxRows, false); }},
      {"logSoftmax", [](const json& a, const json& opt) { return rowOp("logSoftmax", a, opt, logSoftmaxRows, false); }},
  };
  return table;
}

}  // namespace

bool knowsFunction(const std::string& fn) { return runners().count(fn) != 0; }

json runGoldenCase(const std::string& fn, const json& args, const json& options) {
  return runners().at(fn)(args, options.is_null() ? json::object() : options);
}

}  // namespace losslab::test
