#pragma once
// A small deterministic RNG (splitmix64) with hand-written distributions, so a
// seed gives the same league with any compiler or standard library
// (<random>'s distributions are implementation-defined).
#include <cmath>
#include <cstdint>

namespace nba::synth {

class Rng {
 public:
  explicit Rng(std::uint64_t seed) : s_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (s_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
  int integer(int lo, int hi) { return lo + static_cast<int>(next() % static_cast<std::uint64_t>(hi - lo + 1)); }
  bool chance(double p) { return uniform() < p; }
  int binomial(int n, double p) {
    int k = 0;
    for (int i = 0; i < n; ++i) k += chance(p);
    return k;
  }
  // Box-Muller; one value per call keeps the stream simple.
  double normal(double mean, double sd) {
    const double u1 = 1.0 - uniform(), u2 = uniform();
    return mean + sd * std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
  }

 private:
  std::uint64_t s_;
};

}  // namespace nba::synth
