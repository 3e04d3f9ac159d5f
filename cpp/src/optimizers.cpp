// SGD, momentum and Adam as torch.optim 1.13 writes them (optimizer.hpp).
#include "losslab/optimizer.hpp"

#include <cmath>
#include <string>

#include "losslab/error.hpp"
#include "losslab/names.hpp"

namespace losslab {
namespace {

void requireHalfOpenUnit(const char* function, const char* name, double value) {
  if (!(value >= 0.0 && value < 1.0)) {
    fail(function, std::string(name) + " = " + formatNumber(value) + " is out of range [0, 1)");
  }
}

}  // namespace

// ---- optimizers ----------------------------------------------------------------------------------------------------

Optimizer parseOptimizer(const char* function, const std::string& name) {
  static constexpr Named<Optimizer> kNames[] = {
      {"sgd", Optimizer::Sgd}, {"momentum", Optimizer::Momentum}, {"adam", Optimizer::Adam}};
  return parseName(function, "optimizer", name, kNames);
}

void validateOptimizer(const char* fn, const OptimizerConfig& c) {
  requirePositive(fn, "learningRate", c.learningRate);
  requireHalfOpenUnit(fn, "momentum", c.momentum);
  requireHalfOpenUnit(fn, "beta1", c.beta1);
  requireHalfOpenUnit(fn, "beta2", c.beta2);
  requirePositive(fn, "eps", c.eps);
}

OptimizerState::OptimizerState(const OptimizerConfig& config, std::size_t parameters)
    : c_(config),
      n_(parameters),
      m_(config.kind == Optimizer::Sgd ? 0 : parameters, 0.0),
      v_(config.kind == Optimizer::Adam ? parameters : 0, 0.0) {}

void OptimizerState::update(double* p, const double* g) {
  ++t_;
  const double lr = c_.learningRate;
  switch (c_.kind) {
    case Optimizer::Sgd:
      for (std::size_t i = 0; i < n_; ++i) p[i] = p[i] + -lr * g[i];  // torch: p.add_(g, alpha=-lr)
      return;
    case Optimizer::Momentum:
      for (std::size_t i = 0; i < m_.size(); ++i) {
        m_[i] = t_ == 1 ? g[i] : m_[i] * c_.momentum + g[i];  // torch: buf = clone(g), then buf.mul_(mu).add_(g)
        p[i] = p[i] + -lr * m_[i];
      }
      return;
    case Optimizer::Adam: {
      const double biasCorrection1 = 1.0 - std::pow(c_.beta1, static_cast<double>(t_));
      const double biasCorrection2 = 1.0 - std::pow(c_.beta2, static_cast<double>(t_));
      const double stepSize = lr / biasCorrection1;
      const double biasCorrection2Sqrt = std::sqrt(biasCorrection2);
      // Locals and restrict pointers, so that the loop vectorises (the same operations per element).
      const double beta1 = c_.beta1, beta2 = c_.beta2, eps = c_.eps;
      double* __restrict m = m_.data();
      double* __restrict v = v_.data();
      double* __restrict params = p;
      const double* __restrict grads = g;
      const std::size_t n = m_.size();
      for (std::size_t i = 0; i < n; ++i) {
        m[i] = m[i] * beta1 + (1.0 - beta1) * grads[i];
        v[i] = v[i] * beta2 + (1.0 - beta2) * grads[i] * grads[i];
        const double denom = std::sqrt(v[i]) / biasCorrection2Sqrt + eps;
        params[i] = params[i] + -stepSize * (m[i] / denom);
      }
      return;
    }
  }
}

}  // namespace losslab
