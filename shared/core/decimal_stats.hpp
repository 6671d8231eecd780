#pragma once
// Small arithmetic the processors share, each with the original's exact
// behaviour on NULLs and NaN.
#include <algorithm>
#include <cstdint>
#include <utility>

#include "core/null_value.hpp"
#include "core/rounding.hpp"

namespace nba {

// The sum (scaled by 10^scale) and count of the non-NULL values of a NUMERIC(p, scale) column.
template <typename It, typename Get>
std::pair<std::int64_t, std::int64_t> decimal_sum_count(It first, It last, Get get) {
  std::int64_t sum = 0, n = 0;
  for (auto it = first; it != last; ++it) {
    const std::int64_t v = get(*it);
    if (v == kNull) continue;
    sum += v;
    ++n;
  }
  return {sum, n};
}

// Their mean as pandas computes it on Decimal objects: float(exact decimal sum)
// / count. NaN when all are NULL (or the range is empty). `get` gives the value
// scaled by 10^scale.
template <typename It, typename Get>
double decimal_mean(It first, It last, int scale, Get get) {
  const auto [sum, n] = decimal_sum_count(first, last, get);
  return n == 0 ? kNaN : decimal_to_double(sum, scale) / static_cast<double>(n);
}

// Their mean as Python's sum(decimals) / len(decimals) computes it: a 28-digit
// decimal quotient, which as a double is the correctly rounded exact mean, one
// division of two exact integers (pandas' mean above can be an ulp away).
template <typename It, typename Get>
double decimal_quotient_mean(It first, It last, int scale, Get get) {
  const auto [sum, n] = decimal_sum_count(first, last, get);
  return n == 0 ? kNaN : static_cast<double>(sum) / static_cast<double>(pow10_i64(scale) * n);
}

// max(lo, min(hi, x)) as the original writes it: a NaN x gives hi (std::clamp
// would pass the NaN through).
inline double clamp_min_max(double x, double lo, double hi) { return std::max(lo, std::min(hi, x)); }

}  // namespace nba
