#pragma once
// Python's statistics.stdev of integers (3.11 and later, the original's
// runtime): the sample variance as an exact fraction, then its square root
// correctly rounded to a double. numpy's std(ddof=1) can differ by an ulp.
#include <cstdint>
#include <vector>

namespace nba {

// At least two values, at most 362 (n(n-1) < 2^17 keeps the exact arithmetic in 128 bits).
double python_stdev(const std::vector<std::int64_t>& values);

}  // namespace nba
