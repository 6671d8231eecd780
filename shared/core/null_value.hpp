#pragma once
// How the program spells NULL: kNull for every int64-held Phase 3 value
// (integers, scaled NUMERICs, dates, string ids), NaN for doubles.
#include <cstdint>
#include <limits>

namespace nba {

inline constexpr std::int64_t kNull = std::numeric_limits<std::int64_t>::min();
inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

}  // namespace nba
