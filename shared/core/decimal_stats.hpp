#pragma once
// Small arithmetic the processors share, each with the original's exact
// behaviour on NULLs and NaN.
#include <algorithm>
#include <cstdint>

#include "core/null_value.hpp"
#include "core/rounding.hpp"

namespace nba {

// Mean of the non-NULL values of a NUMERIC(p, scale) column as pandas computes
// it on Decimal objects: float(exact decimal sum) / count. NaN when all are
// NULL (or the range is empty). `get` gives the value scaled by 10^scale.
template <typename It, typename Get>
double decimal_mean(It first, It last, int scale, Get get) {
  std::int64_t sum = 0, n = 0;
  for (auto it = first; it != last; ++it) {
    const std::int64_t v = get(*it);
    if (v == kNull) continue;
    sum += v;
    ++n;
  }
  return n == 0 ? kNaN : decimal_to_double(sum, scale) / static_cast<double>(n);
}

// max(lo, min(hi, x)) as the original writes it: a NaN x gives hi (std::clamp
// would pass the NaN through).
inline double clamp_min_max(double x, double lo, double hi) { return std::max(lo, std::min(hi, x)); }

}  // namespace nba
