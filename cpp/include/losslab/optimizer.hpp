// SGD, momentum and Adam written as torch.optim 1.13 writes them (single-tensor path), for descent paths and the
// trainer.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace losslab {

enum class Optimizer { Sgd, Momentum, Adam };
Optimizer parseOptimizer(const char* function, const std::string& name);

struct OptimizerConfig {
  Optimizer kind = Optimizer::Sgd;
  double learningRate = 0.1;                      // > 0
  double momentum = 0.9;                          // momentum: [0, 1)
  double beta1 = 0.9, beta2 = 0.999, eps = 1e-8;  // adam: betas in [0, 1), eps > 0
};
void validateOptimizer(const char* function, const OptimizerConfig& config);

// torch.optim 1.13, no weight decay, no dampening, no Nesterov, no AMSGrad:
//   sgd:      p -= lr g
//   momentum: buf = g on the first step, then buf = mu buf + g;  p -= lr buf
//   adam:     m = beta1 m + (1 - beta1) g;  v = beta2 v + (1 - beta2) g g;  t += 1
//             p -= (lr / (1 - beta1^t)) m / (sqrt(v) / sqrt(1 - beta2^t) + eps)
class OptimizerState {
 public:
  OptimizerState(const OptimizerConfig& config, std::size_t parameters);
  void update(double* params, const double* grads);
  long long steps() const { return t_; }

 private:
  OptimizerConfig c_;
  std::size_t n_;
  std::vector<double> m_, v_;  // momentum buffer / Adam's first moment; Adam's second moment
  long long t_ = 0;
};

}  // namespace losslab
