#pragma once
// The MLFS vector's layout and its source tags: the names of the indices, the
// tags a value can carry and what each tag weighs in the quality score.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace nba::mlfs {

inline constexpr int kFeatures = 25;

enum class Source : std::int8_t { Missing = 0, Default = 1, Phase3 = 2, Phase4 = 3, Calculated = 4 };

const std::array<std::string, kFeatures>& feature_names();
const std::vector<std::string>& source_names();  // indexed by Source
double source_weight(Source s);
// A value the feature builder did not have (a default or nothing at all).
inline bool is_default_like(Source s) { return s == Source::Default || s == Source::Missing; }

}  // namespace nba::mlfs
