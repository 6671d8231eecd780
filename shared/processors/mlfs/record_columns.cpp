#include "processors/mlfs/record_columns.hpp"

#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "core/python_text.hpp"
#include "processors/mlfs/mlfs.hpp"
#include "processors/mlfs/record_hash.hpp"

namespace nba::mlfs {

namespace {

constexpr int kMaxRangeWarnings = 3;

// "feature_<i>_<part>" -> i, or -1.
int feature_column_index(std::string_view c, std::string_view& part) {
  if (c.substr(0, 8) != "feature_") return -1;
  const auto sep = c.find('_', 8);
  if (sep == std::string_view::npos || sep == 8) return -1;
  int i = 0;
  for (char ch : c.substr(8, sep - 8)) {
    if (ch < '0' || ch > '9') return -1;
    i = i * 10 + (ch - '0');
  }
  part = c.substr(sep + 1);
  return i < kScored && (part == "value" || part == "quality" || part == "source") ? i : -1;
}

void append_str_list(std::string& out, const auto& items) {
  out += '[';
  bool first = true;
  for (const auto& s : items) {
    if (!first) out += ", ";
    first = false;
    append_py_json_string(out, s);
  }
  out += ']';
}

// json.dumps of {"<i>": text(i)} over `indices`, as a JSON string value.
template <typename Indices, typename Text>
void append_index_object(std::string& out, const Indices& indices, Text text) {
  std::string obj = "{";
  for (int i : indices) {
    if (obj.size() > 1) obj += ", ";
    append_py_json_string(obj, std::to_string(i));
    obj += ": ";
    append_py_json_string(obj, text(i));
  }
  obj += '}';
  append_py_json_string(out, obj);
}

const std::string& upstream_tables_text() {
  static const std::string text = [] {
    std::string out;
    std::vector<int> all(kScored);
    for (int i = 0; i < kScored; ++i) all[static_cast<std::size_t>(i)] = i;
    append_index_object(out, all, upstream_table);
    return out;
  }();
  return text;
}

std::string range_warning(int i, double v) {
  const FeatureRange& r = feature_range(i);
  char value[64];
  std::snprintf(value, sizeof value, "%.2f", v);  // Python's f"{v:.2f}": the same correctly rounded digits
  return "range_warning:" + std::string(r.name) + "[" + std::to_string(i) + "]=" + value + " outside [" +
         std::string(r.lo_text) + ", " + std::string(r.hi_text) + "]";
}

}  // namespace

bool RecordColumns::derives(std::string_view c) {
  std::string_view part;
  if (feature_column_index(c, part) >= 0) return true;
  for (const char* cat : kCategoryNames)
    if (c == std::string(cat) + "_default_count") return true;
  for (std::string_view name :
       {"quality_alert_level", "quality_alerts", "default_feature_indices", "phase4_feature_count",
        "phase3_feature_count", "calculated_feature_count", "training_quality_feature_count",
        "has_composite_factors", "has_opponent_defense", "has_vegas_line", "critical_features_training_quality",
        "critical_feature_count", "optional_feature_count", "matchup_quality_tier", "game_context_quality_tier",
        "feature_fallback_reasons_json", "feature_upstream_tables_json", "matchup_data_status",
        "data_quality_issues", "historical_completeness", "feature_names", "available_feature_names",
        "feature_sources_json", "data_hash"})
    if (c == name) return true;
  return false;
}

RecordColumns::RecordColumns(const StoredRecord& r) : r_(r) {
  if (r.features.size() != kFeatures || r.tags.size() != kFeatures)
    throw std::logic_error("an MLFS row holds " + std::to_string(r.features.size()) + " features, not " +
                           std::to_string(kFeatures) + " (written by an older build: rerun those dates)");
  for (int i = 0; i < kScored; ++i) tags_[static_cast<std::size_t>(i)] = static_cast<Source>(r.tags[static_cast<std::size_t>(i)]);
  q_ = score_quality(tags_);
}

void RecordColumns::append(std::string& out, std::string_view c) const {
  auto boolean = [&](bool b) { out += b ? "true" : "false"; };
  auto integer = [&](std::int64_t n) { out += std::to_string(n); };
  std::string_view part;
  if (const int i = feature_column_index(c, part); i >= 0) {
    const Source s = tags_[static_cast<std::size_t>(i)];
    const double v = r_.features[static_cast<std::size_t>(i)];
    if (part == "source") append_py_json_string(out, canonical_source(s));
    else if (part == "quality") append_py_float(out, source_weight(s));
    else if (is_default_like(s) || !std::isfinite(v)) out += "null";
    else append_py_float(out, v);
    return;
  }
  for (int k = 0; k < kCategories; ++k)
    if (c == std::string(kCategoryNames[static_cast<std::size_t>(k)]) + "_default_count")
      return integer(q_.category_defaults[static_cast<std::size_t>(k)]);
  if (c == "quality_alert_level") return append_py_json_string(out, q_.alert_level);
  if (c == "quality_alerts") return append_str_list(out, quality_alerts(q_));
  if (c == "default_feature_indices") {
    const std::vector<int> indices = default_indices(q_);
    out += '[';
    for (std::size_t k = 0; k < indices.size(); ++k) out += (k ? ", " : "") + std::to_string(indices[k]);
    out += ']';
    return;
  }
  if (c == "phase4_feature_count") return integer(q_.phase4_count);
  if (c == "phase3_feature_count") return integer(q_.phase3_count);
  if (c == "calculated_feature_count") return integer(q_.calculated_count);
  if (c == "training_quality_feature_count") return integer(q_.training_quality_count);
  if (c == "has_composite_factors") return boolean(q_.has_composite_factors);
  if (c == "has_opponent_defense") return boolean(q_.has_opponent_defense);
  if (c == "has_vegas_line") return boolean(q_.has_vegas_line);
  if (c == "critical_features_training_quality") return boolean(q_.critical_training_quality);
  if (c == "critical_feature_count") return integer(q_.critical_count);
  if (c == "optional_feature_count") return integer(q_.optional_count);
  if (c == "matchup_quality_tier") return append_py_json_string(out, quality_tier(q_.category_pct[kMatchup]));
  if (c == "game_context_quality_tier") return append_py_json_string(out, quality_tier(q_.category_pct[kGameContext]));
  if (c == "matchup_data_status")
    return append_py_json_string(out, q_.category_pct[kMatchup] < 50 ? "MATCHUP_UNAVAILABLE" : "COMPLETE");
  if (c == "feature_fallback_reasons_json") return append_index_object(out, default_indices(q_), fallback_reason);
  if (c == "feature_upstream_tables_json") {
    out += upstream_tables_text();
    return;
  }
  if (c == "feature_sources_json") {  // all 64 raw tags
    std::vector<int> all(kFeatures);
    for (int k = 0; k < kFeatures; ++k) all[static_cast<std::size_t>(k)] = k;
    const auto& names = source_names();
    return append_index_object(out, all, [&](int k) -> const std::string& {
      return names.at(static_cast<std::size_t>(r_.tags[static_cast<std::size_t>(k)]));
    });
  }
  if (c == "feature_names" || c == "available_feature_names") return append_str_list(out, feature_names());
  if (c == "data_quality_issues") {
    std::vector<std::string> issues;
    static constexpr std::array<std::pair<int, const char*>, 4> kUpstream = {{
        {kPdcIncomplete, "upstream_player_daily_cache_incomplete"},
        {kPcfIncomplete, "upstream_player_composite_factors_incomplete"},
        {kPszaIncomplete, "upstream_player_shot_zone_incomplete"},
        {kTdzaIncomplete, "upstream_team_defense_zone_incomplete"},
    }};
    for (const auto& [bit, text] : kUpstream)
      if (r_.upstream_incomplete & bit) issues.emplace_back(text);
    issues.emplace_back("matchup_factors_used_defaults");  // HEAD appends it to every record (A9)
    int warnings = 0;
    for (int i = 0; i < kFeatures && warnings < kMaxRangeWarnings; ++i) {
      const double v = r_.features[static_cast<std::size_t>(i)];
      const FeatureRange& range = feature_range(i);
      if (v < range.lo || v > range.hi) issues.push_back(range_warning(i, v)), ++warnings;  // NaN never warns
    }
    return append_str_list(out, issues);
  }
  if (c == "data_hash") {
    return append_py_json_string(out, record_data_hash({r_.player_lookup, r_.universal_player_id, r_.game_date_text,
                                                        r_.game_id, r_.opponent_team_abbr, q_.data_source, r_.is_home,
                                                        r_.days_rest, q_.score, r_.features}));
  }
  if (c == "historical_completeness") {
    out += "{\"games_found\": " + std::to_string(r_.games_found) +
           ", \"games_expected\": " + std::to_string(r_.games_expected) + ", \"is_complete\": ";
    boolean(r_.games_found >= r_.games_expected);
    out += ", \"is_bootstrap\": ";
    boolean(r_.games_expected < kLast10);
    out += ", \"contributing_game_dates\": [";
    bool first = true;
    for (const std::int8_t back : r_.days_before) {
      if (back == 0) break;
      if (!first) out += ", ";
      first = false;
      append_py_json_string(out, format_iso_date(r_.game_date - back));
    }
    out += "]}";
    return;
  }
  throw std::logic_error("MLFS record column " + std::string(c) + " is not derived");
}

}  // namespace nba::mlfs
