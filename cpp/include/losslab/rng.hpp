// Seeded random numbers shared by the landscape data sets and the trainer. std:: distributions are not used anywhere:
// their algorithms are not specified by the standard, so libstdc++ (native) and libc++ (Emscripten) draw different
// numbers from the same engine. Every number is made from Rng's integers with +, *, /, sqrt and log only.
#pragma once

#include <cstddef>
#include <cstdint>

namespace losslab {

// xoshiro256** (Blackman & Vigna 2018), state filled by splitmix64 from (seed, stream): period 2^256 - 1, and
// distinct streams for one seed (data, weights, shuffling) so changing one does not shift the others.
class Rng {
 public:
  explicit Rng(std::uint64_t seed, std::uint64_t stream = 0);
  std::uint64_t next();
  double uniform();                      // [0, 1) on the 2^-53 grid: (next() >> 11) * 2^-53
  double uniform(double lo, double hi);  // lo + (hi - lo) * uniform()
  double normal();                       // N(0, 1) by Marsaglia's polar method (log and sqrt only, no sin/cos)
  std::size_t below(std::size_t n);      // uniform integer in [0, n) by rejection, no modulo bias; n >= 1

 private:
  std::uint64_t s_[4];
};

}  // namespace losslab
