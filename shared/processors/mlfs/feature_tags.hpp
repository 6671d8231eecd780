#pragma once
// The MLFS vector's layout (spec processors-mlfs-v2.md 1.2) and its source
// tags: the 60 named indices HEAD scores plus 60-63 (computed, in the array
// only), what each tag weighs and which column value it stands for, and the
// per-index tables HEAD keeps beside the vector (optional set, categories,
// validation ranges, fallback reasons, upstream tables).
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace nba::mlfs {

inline constexpr int kFeatures = 64;  // the `features` array (spec 1.3, ambiguity A2: all 64)
inline constexpr int kScored = 60;    // feature_count: named, scored, with feature_i_* columns
inline constexpr const char* kVersion = "v2_54features";  // HEAD's label for its 60 features (spec 1.1)

// Raw tags (feature_sources_json). Codes 0-4 keep the values of the 25-feature
// shards; the rest are v2's tags.
enum class Source : std::int8_t {
  Missing = 0, Default = 1, Phase3 = 2, Phase4 = 3, Calculated = 4,
  Vegas = 5, BettingPros = 6, OpponentHistory = 7, MinutesPpm = 8,
};
inline constexpr int kSourceCount = 9;

const std::array<std::string, kScored>& feature_names();
const std::vector<std::string>& source_names();  // raw tag text, indexed by Source
double source_weight(Source s);
std::string_view canonical_source(Source s);  // what feature_i_source holds
// A value the feature builder did not have (a default or nothing at all).
inline bool is_default_like(Source s) { return s == Source::Default || s == Source::Missing; }

// Indices whose default-like tag is left out of the score (25-27, 37, 38, 39-59).
bool is_optional(int index);

// HEAD's validation range of an index (0-63), written as Python prints the bounds.
struct FeatureRange {
  double lo, hi;
  std::string_view lo_text, hi_text, name;
};
const FeatureRange& feature_range(int index);

std::string_view fallback_reason(int index);   // feature_fallback_reasons_json
std::string_view upstream_table(int index);    // feature_upstream_tables_json

// Whether a missing value of `index` is Python's None (else NaN) in HEAD's
// unsanitized list: what data_hash's text of the list shows.
bool missing_is_none(int index);

// One player's vector as HEAD builds it: the value (NaN = Python's None or
// NaN, told apart by missing_is_none) and the raw tag of every index.
struct FeatureVector {
  std::array<double, kFeatures> value;
  std::array<Source, kFeatures> tag;
  void set(int i, double v, Source s) {
    value[static_cast<std::size_t>(i)] = v;
    tag[static_cast<std::size_t>(i)] = s;
  }
  void set_missing(int i);  // NaN / None, tagged missing
  double at(int i) const { return value[static_cast<std::size_t>(i)]; }
};

}  // namespace nba::mlfs
