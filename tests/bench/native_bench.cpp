// Native timings of the core's two heaviest everyday kernels, to compare with PyTorch (tests/bench/torch_bench.py):
//   crossEntropy   4096 x 1000 float64 logits, class-index targets, reduction 'mean', value + gradient
//   bceWithLogits  4,194,304 float64 logits, 0/1 targets, reduction 'mean', value + gradient
// Same shapes, value distributions (N(0, 3^2) logits, uniform labels) and protocol as the torch script: warm-up
// runs, then `reps` timed runs of one full call (the call allocates and returns its gradient, as torch's backward
// does), median wall time by std::chrono::steady_clock. One thread: the core has no threading.
//
// Build: cmake -S . -B build/bench -DCMAKE_BUILD_TYPE=Release -DLOSSLAB_BENCH=ON && cmake --build build/bench
//        --target losslab_bench
// Run:   build/bench/losslab_bench [reps = 15]
// Prints one JSON object on stdout:
//   {"runner": "native", "compiler": "...", "threads": 1, "dtype": "float64", "reps": 15,
//    "benchmarks": {"crossEntropy": {"shape": [4096, 1000], "median_s": ..., "min_s": ..., "loss": ...},
//                   "bceWithLogits": {"shape": [4194304], "median_s": ..., "min_s": ..., "loss": ...}}}
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "losslab/classification.hpp"

namespace {

constexpr std::size_t kRows = 4096, kClasses = 1000;
constexpr std::size_t kBceLength = 4u * 1024u * 1024u;
constexpr int kWarmup = 3;

struct Timing {
  double median = 0.0, min = 0.0, loss = 0.0;
};

Timing timeIt(const std::function<double()>& step, int reps) {
  for (int i = 0; i < kWarmup; ++i) step();
  std::vector<double> seconds;
  Timing t;
  for (int i = 0; i < reps; ++i) {
    const auto start = std::chrono::steady_clock::now();
    t.loss = step();
    seconds.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  std::sort(seconds.begin(), seconds.end());
  const std::size_t n = seconds.size();
  t.median = n % 2 ? seconds[n / 2] : 0.5 * (seconds[n / 2 - 1] + seconds[n / 2]);
  t.min = seconds.front();
  return t;
}

std::string compiler() {
#if defined(__clang__)
  return "clang " __clang_version__;
#elif defined(__GNUC__)
  return "gcc " __VERSION__;
#else
  return "unknown";
#endif
}

}  // namespace

int main(int argc, char** argv) {
  const int reps = argc > 1 ? std::max(1, std::atoi(argv[1])) : 15;
  std::mt19937_64 rng(12345);
  std::normal_distribution<double> normal(0.0, 3.0);

  std::vector<double> logits(kRows * kClasses), labels(kRows);
  for (double& z : logits) z = normal(rng);
  std::uniform_int_distribution<int> cls(0, static_cast<int>(kClasses) - 1);
  for (double& y : labels) y = cls(rng);
  losslab::CrossEntropyOptions ce;
  ce.classes = kClasses;
  double sink = 0.0;  // keeps the gradients observable so no work is optimised away
  const Timing ceTime = timeIt(
      [&] {
        const losslab::LossResult r = losslab::crossEntropy(logits, labels, ce);
        sink += r.grad[r.grad.size() / 2];
        return r.loss;
      },
      reps);

  std::vector<double> z(kBceLength), y(kBceLength);
  std::bernoulli_distribution coin(0.5);
  for (std::size_t i = 0; i < kBceLength; ++i) {
    z[i] = normal(rng);
    y[i] = coin(rng) ? 1.0 : 0.0;
  }
  const Timing bceTime = timeIt(
      [&] {
        const losslab::LossResult r = losslab::bceWithLogits(z, y);
        sink += r.grad[r.grad.size() / 2];
        return r.loss;
      },
      reps);

  std::printf(
      "{\"runner\": \"native\", \"compiler\": \"%s\", \"threads\": 1, \"dtype\": \"float64\", \"reps\": %d, "
      "\"benchmarks\": {\"crossEntropy\": {\"shape\": [%zu, %zu], \"median_s\": %.9g, \"min_s\": %.9g, "
      "\"loss\": %.17g}, \"bceWithLogits\": {\"shape\": [%zu], \"median_s\": %.9g, \"min_s\": %.9g, "
      "\"loss\": %.17g}}}\n",
      compiler().c_str(), reps, kRows, kClasses, ceTime.median, ceTime.min, ceTime.loss, kBceLength, bceTime.median,
      bceTime.min, bceTime.loss);
  std::fprintf(stderr, "(checksum %g)\n", sink);
  return 0;
}
