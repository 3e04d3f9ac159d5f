#include "golden_dispatch.hpp"

#include <functional>
#include <limits>
#include <map>

#include "losslab/calibration.hpp"
#include "losslab/classification.hpp"
#include "losslab/detection.hpp"
#include "losslab/embedding.hpp"
#include "losslab/error.hpp"
#include "losslab/regression.hpp"
#include "losslab/segmentation.hpp"
#include "losslab/stable.hpp"
#include "losslab/weighting.hpp"
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

json overlapLoss(const char* fn, const json& args, const json& options, LossResult (*loss)(Span, Span, const OverlapOptions&)) {
  const Options o{fn, options};
  OverlapOptions c;
  c.smooth = o.number("smooth", c.smooth);
  c.alpha = o.number("alpha", c.alpha);
  c.beta = o.number("beta", c.beta);
  c.gamma = o.number("gamma", c.gamma);
  return lossToJson(loss(arg(args, 0), arg(args, 1), c));
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
         return lossToJson(huber(arg(a, 0), arg(a, 1), o.number("delta", kHuberDelta), o.reduction()));
       }},
      {"smoothL1", [](const json& a, const json& opt) {
         const Options o{"smoothL1", opt};
         return lossToJson(smoothL1(arg(a, 0), arg(a, 1), o.number("beta", kSmoothL1Beta), o.reduction()));
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
         c.ignoreIndex = o.integer("ignoreIndex", c.ignoreIndex);
         c.labelSmoothing = o.number("labelSmoothing", c.labelSmoothing);
         if (o.has("targetKind")) c.targetKind = parseTargetKind("crossEntropy", o.text("targetKind", ""));
         c.reduction = o.reduction();
         return lossToJson(crossEntropy(arg(a, 0), arg(a, 1), c));
       }},
      {"nll", [](const json& a, const json& opt) {
         const Options o{"nll", opt};
         NllOptions c;
         c.classes = o.width("classes");
         c.weight = o.numbers("weight");
         c.ignoreIndex = o.integer("ignoreIndex", c.ignoreIndex);
         c.reduction = o.reduction();
         return lossToJson(nll(arg(a, 0), arg(a, 1), c));
       }},
      {"klDiv", [](const json& a, const json& opt) {
         const Options o{"klDiv", opt};
         KlDivOptions c;
         c.classes = o.width("classes");
         c.logTarget = o.flag("logTarget", c.logTarget);
         c.reduction = o.reduction(true);
         return lossToJson(klDiv(arg(a, 0), arg(a, 1), c));
       }},
      {"sigmoidFocal", [](const json& a, const json& opt) {
         const Options o{"sigmoidFocal", opt};
         SigmoidFocalOptions c;
         c.alpha = o.number("alpha", c.alpha);
         c.gamma = o.number("gamma", c.gamma);
         c.reduction = o.reduction();
         return lossToJson(sigmoidFocal(arg(a, 0), arg(a, 1), c));
       }},
      {"softmaxFocal", [](const json& a, const json& opt) {
         const Options o{"softmaxFocal", opt};
         SoftmaxFocalOptions c;
         c.classes = o.width("classes");
         c.alpha = o.number("alpha", c.alpha);
         c.gamma = o.number("gamma", c.gamma);
         c.reduction = o.reduction();
         return lossToJson(softmaxFocal(arg(a, 0), arg(a, 1), c));
       }},
      {"tripletMargin", [](const json& a, const json& opt) {
         const Options o{"tripletMargin", opt};
         TripletMarginOptions c;
         c.dim = o.width("dim");
         c.margin = o.number("margin", c.margin);
         c.p = o.number("p", c.p);
         c.eps = o.number("eps", c.eps);
         c.swap = o.flag("swap", c.swap);
         c.reduction = o.reduction();
         return lossToJson(tripletMargin(arg(a, 0), arg(a, 1), arg(a, 2), c));
       }},
      {"cosineEmbedding", [](const json& a, const json& opt) {
         const Options o{"cosineEmbedding", opt};
         CosineEmbeddingOptions c;
         c.dim = o.width("dim");
         c.margin = o.number("margin", c.margin);
         c.reduction = o.reduction();
         return lossToJson(cosineEmbedding(arg(a, 0), arg(a, 1), arg(a, 2), c));
       }},
      {"infoNCE", [](const json& a, const json& opt) {
         const Options o{"infoNCE", opt};
         InfoNceOptions c;
         c.dim = o.width("dim");
         c.temperature = o.number("temperature", c.temperature);
         c.symmetric = o.flag("symmetric", c.symmetric);
         return lossToJson(infoNCE(arg(a, 0), arg(a, 1), c));
       }},
      {"dice", [](const json& a, const json& opt) { return overlapLoss("dice", a, opt, dice); }},
      {"iou", [](const json& a, const json& opt) { return overlapLoss("iou", a, opt, iou); }},
      {"tversky", [](const json& a, const json& opt) { return overlapLoss("tversky", a, opt, tversky); }},
      {"focalTversky", [](const json& a, const json& opt) { return overlapLoss("focalTversky", a, opt, focalTversky); }},
      {"giou", [](const json& a, const json& opt) {
         const Options o{"giou", opt};
         return lossToJson(giou(arg(a, 0), arg(a, 1), {o.number("eps", GiouOptions{}.eps), o.reduction()}));
       }},
      {"classWeights", [](const json& a, const json& opt) {
         const Options o{"classWeights", opt};
         ClassWeightOptions c;
         c.strategy = parseWeightStrategy("classWeights", o.text("strategy", "inverse"));
         c.beta = o.number("beta", c.beta);
         return numbersToJson(classWeights(arg(a, 0), c));
       }},
      {"ece", [](const json& a, const json& opt) {
         const Options o{"ece", opt};
         EceOptions c;
         c.classes = o.width("classes");
         c.bins = o.count("bins", c.bins);
         const EceResult r = ece(arg(a, 0), arg(a, 1), c);
         json bins = json::array();
         for (const EceBin& b : r.bins) {
           bins.push_back({{"lo", b.lo}, {"hi", b.hi}, {"count", static_cast<double>(b.count)},
                           {"confidence", b.confidence}, {"accuracy", b.accuracy}});
         }
         return json{{"ece", r.ece}, {"bins", bins}};
       }},
      {"fitTemperature", [](const json& a, const json& opt) {
         const Options o{"fitTemperature", opt};
         FitTemperatureOptions c;
         c.classes = o.width("classes");
         const TemperatureFit r = fitTemperature(arg(a, 0), arg(a, 1), c);
         return json{{"temperature", r.temperature}, {"nllBefore", r.nllBefore}, {"nllAfter", r.nllAfter}};
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
