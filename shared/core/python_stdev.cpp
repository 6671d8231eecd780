#include "core/python_stdev.hpp"

#include <bit>
#include <cmath>
#include <stdexcept>

namespace nba {

namespace {

// GCC's and clang's 128-bit integers (__extension__: not ISO C++, and -Wpedantic says so).
__extension__ typedef unsigned __int128 u128;
__extension__ typedef __int128 i128;

int bit_length(u128 x) {
  const auto hi = static_cast<std::uint64_t>(x >> 64);
  return hi ? 128 - std::countl_zero(hi) : 64 - std::countl_zero(static_cast<std::uint64_t>(x));
}

u128 isqrt(u128 n) {
  auto a = static_cast<u128>(std::sqrt(static_cast<long double>(n)));  // within 1 for n < 2^118
  while (a * a > n) --a;
  while ((a + 1) * (a + 1) <= n) ++a;
  return a;
}

// statistics._integer_sqrt_of_frac_rto: sqrt(n / m) to an integer, rounded to odd.
u128 isqrt_of_frac_round_to_odd(u128 n, u128 m) {
  const u128 a = isqrt(n / m);
  return a | static_cast<u128>(a * a * m != n);
}

}  // namespace

double python_stdev(const std::vector<std::int64_t>& values) {
  const auto n = static_cast<std::int64_t>(values.size());
  if (n < 2 || n > 362) throw std::logic_error("python_stdev takes 2 to 362 values");
  // ss / (n - 1) = (n * sum(x^2) - sum(x)^2) / (n * (n - 1)), exactly.
  i128 sum = 0, sum_sq = 0;
  for (const std::int64_t x : values) sum += x, sum_sq += static_cast<i128>(x) * x;
  const auto num = static_cast<u128>(n * sum_sq - sum * sum);
  const auto den = static_cast<u128>(n * (n - 1));
  if (num == 0) return 0.0;
  // statistics._float_sqrt_of_frac: 109 significant bits rounded to odd, then
  // one rounding to 53 bits (the conversion) is the correctly rounded root.
  const int excess = bit_length(num) - bit_length(den) - 109;
  const int q = excess >= 0 ? excess / 2 : -((1 - excess) / 2);  // floor(excess / 2)
  if (q >= 0) throw std::logic_error("python_stdev: variance too large for exact arithmetic");
  const u128 root = isqrt_of_frac_round_to_odd(num << (-2 * q), den);
  return std::ldexp(static_cast<double>(root), q);
}

}  // namespace nba
