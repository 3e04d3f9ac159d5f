// Rng (rng.hpp): xoshiro256** seeded by splitmix64, integer-only so every platform draws the same numbers.
#include "losslab/rng.hpp"

#include <cmath>

namespace losslab {
namespace {

std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

std::uint64_t splitmix64(std::uint64_t* state) {
  std::uint64_t z = (*state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

}  // namespace

// ---- Rng -----------------------------------------------------------------------------------------------------------

Rng::Rng(std::uint64_t seed, std::uint64_t stream) {
  std::uint64_t state = seed;
  // One splitmix64 draw decorrelates neighbouring seeds before the stream is mixed in (0xD1B5... is an odd constant
  // from Steele & Vigna's LXM tables, so distinct streams give distinct states).
  state = splitmix64(&state) ^ (stream * 0xD1B54A32D192ED03ULL);
  for (std::uint64_t& word : s_) word = splitmix64(&state);
}

std::uint64_t Rng::next() {
  const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
  const std::uint64_t t = s_[1] << 17;
  s_[2] ^= s_[0];
  s_[3] ^= s_[1];
  s_[1] ^= s_[2];
  s_[0] ^= s_[3];
  s_[2] ^= t;
  s_[3] = rotl(s_[3], 45);
  return result;
}

double Rng::uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

double Rng::uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }

double Rng::normal() {
  double u = 0.0, v = 0.0, s = 0.0;
  do {
    u = 2.0 * uniform() - 1.0;
    v = 2.0 * uniform() - 1.0;
    s = u * u + v * v;
  } while (s >= 1.0 || s == 0.0);  // accepts pi/4 ~ 78.5% of pairs
  return u * std::sqrt(-2.0 * std::log(s) / s);
}

std::size_t Rng::below(std::size_t n) {
  const std::uint64_t bound = n;
  const std::uint64_t threshold = (0 - bound) % bound;  // 2^64 mod n: draws below it would favour small results
  for (;;) {
    const std::uint64_t r = next();
    if (r >= threshold) return static_cast<std::size_t>(r % bound);
  }
}

}  // namespace losslab
