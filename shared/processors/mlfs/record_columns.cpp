#include "processors/mlfs/record_columns.hpp"

#include <cmath>
#include <cstdio>
#include <map>
#include <stdexcept>

#include "core/python_text.hpp"
#include "processors/mlfs/mlfs.hpp"
#include "processors/mlfs/record_hash.hpp"

namespace nba::mlfs {

namespace {

constexpr int kMaxRangeWarnings = 3;

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

// feature_sources_json: all 64 raw tags.
void append_sources_json(std::string& out, const StoredRecord& r) {
  static const std::vector<int> kAll = [] {
    std::vector<int> all(kFeatures);
    for (int k = 0; k < kFeatures; ++k) all[static_cast<std::size_t>(k)] = k;
    return all;
  }();
  const auto& names = source_names();
  append_index_object(out, kAll, [&](int k) -> const std::string& {
    return names.at(static_cast<std::size_t>(r.tags[static_cast<std::size_t>(k)]));
  });
}

// data_quality_issues: the upstream flags, HEAD's constant matchup flag (A9),
// then up to three range warnings over indices 0-63 (NaN never warns).
std::vector<std::string> quality_issues(const StoredRecord& r) {
  static constexpr std::array<std::pair<int, const char*>, 4> kUpstream = {{
      {kPdcIncomplete, "upstream_player_daily_cache_incomplete"},
      {kPcfIncomplete, "upstream_player_composite_factors_incomplete"},
      {kPszaIncomplete, "upstream_player_shot_zone_incomplete"},
      {kTdzaIncomplete, "upstream_team_defense_zone_incomplete"},
  }};
  std::vector<std::string> issues;
  for (const auto& [bit, text] : kUpstream)
    if (r.upstream_incomplete & bit) issues.emplace_back(text);
  issues.emplace_back("matchup_factors_used_defaults");
  int warnings = 0;
  for (int i = 0; i < kFeatures && warnings < kMaxRangeWarnings; ++i) {
    const double v = r.features[static_cast<std::size_t>(i)];
    const FeatureRange& range = feature_range(i);
    if (v < range.lo || v > range.hi) issues.push_back(range_warning(i, v)), ++warnings;
  }
  return issues;
}

void append_historical_completeness(std::string& out, const StoredRecord& r) {
  auto boolean = [&](bool b) { out += b ? "true" : "false"; };
  out += "{\"games_found\": " + std::to_string(r.games_found) + ", \"games_expected\": " + std::to_string(r.games_expected) +
         ", \"is_complete\": ";
  boolean(r.games_found >= r.games_expected);
  out += ", \"is_bootstrap\": ";
  boolean(r.games_expected < kLast10);
  out += ", \"contributing_game_dates\": [";
  for (std::size_t k = 0; k < r.days_before.size() && r.days_before[k] != 0; ++k) {
    if (k) out += ", ";
    append_py_json_string(out, format_iso_date(r.game_date - r.days_before[k]));
  }
  out += "]}";
}

}  // namespace

std::optional<DerivedColumn> RecordColumns::resolve(std::string_view c) {
  using K = DerivedColumn::Kind;
  static const std::map<std::string, DerivedColumn, std::less<>> kColumns = [] {
    std::map<std::string, DerivedColumn, std::less<>> m = {
        {"quality_alert_level", {K::AlertLevel}}, {"quality_alerts", {K::Alerts}},
        {"default_feature_indices", {K::DefaultIndices}}, {"phase4_feature_count", {K::Phase4Count}},
        {"phase3_feature_count", {K::Phase3Count}}, {"calculated_feature_count", {K::CalculatedCount}},
        {"training_quality_feature_count", {K::TrainingCount}}, {"has_composite_factors", {K::HasCompositeFactors}},
        {"has_opponent_defense", {K::HasOpponentDefense}}, {"has_vegas_line", {K::HasVegasLine}},
        {"critical_features_training_quality", {K::CriticalTraining}}, {"critical_feature_count", {K::CriticalCount}},
        {"optional_feature_count", {K::OptionalCount}}, {"matchup_quality_tier", {K::MatchupTier}},
        {"game_context_quality_tier", {K::GameContextTier}}, {"matchup_data_status", {K::MatchupStatus}},
        {"feature_fallback_reasons_json", {K::FallbackReasons}}, {"feature_upstream_tables_json", {K::UpstreamTables}},
        {"feature_sources_json", {K::SourcesJson}}, {"feature_names", {K::FeatureNames}},
        {"available_feature_names", {K::FeatureNames}}, {"data_quality_issues", {K::QualityIssues}},
        {"historical_completeness", {K::HistoricalCompleteness}}, {"data_hash", {K::DataHash}}};
    for (int k = 0; k < kCategories; ++k)
      m[std::string(kCategoryNames[static_cast<std::size_t>(k)]) + "_default_count"] = {K::CategoryDefaults, k};
    for (int i = 0; i < kScored; ++i) {  // 60-63 have no columns
      const std::string f = "feature_" + std::to_string(i);
      m[f + "_value"] = {K::FeatureValue, i};
      m[f + "_quality"] = {K::FeatureQuality, i};
      m[f + "_source"] = {K::FeatureSource, i};
    }
    return m;
  }();
  const auto it = kColumns.find(c);
  return it == kColumns.end() ? std::nullopt : std::optional<DerivedColumn>(it->second);
}

RecordColumns::RecordColumns(const StoredRecord& r) : r_(r) {
  if (r.features.size() != kFeatures || r.tags.size() != kFeatures)
    throw std::logic_error("an MLFS row holds " + std::to_string(r.features.size()) + " features, not " +
                           std::to_string(kFeatures) + " (written by an older build: rerun those dates)");
  for (int i = 0; i < kScored; ++i) tags_[static_cast<std::size_t>(i)] = static_cast<Source>(r.tags[static_cast<std::size_t>(i)]);
  q_ = score_quality(tags_);
}

void RecordColumns::append(std::string& out, DerivedColumn c) const {
  using K = DerivedColumn::Kind;
  auto boolean = [&](bool b) { out += b ? "true" : "false"; };
  auto integer = [&](std::int64_t n) { out += std::to_string(n); };
  const auto i = static_cast<std::size_t>(c.index);
  switch (c.kind) {
    case K::FeatureSource: return append_py_json_string(out, canonical_source(tags_[i]));
    case K::FeatureQuality: return append_py_float(out, source_weight(tags_[i]));
    case K::FeatureValue:
      if (is_default_like(tags_[i]) || !std::isfinite(r_.features[i])) out += "null";
      else append_py_float(out, r_.features[i]);
      return;
    case K::CategoryDefaults: return integer(q_.category_defaults[i]);
    case K::AlertLevel: return append_py_json_string(out, q_.alert_level);
    case K::Alerts: return append_str_list(out, quality_alerts(q_));
    case K::DefaultIndices: {
      const std::vector<int> indices = default_indices(q_);
      out += '[';
      for (std::size_t k = 0; k < indices.size(); ++k) out += (k ? ", " : "") + std::to_string(indices[k]);
      out += ']';
      return;
    }
    case K::Phase4Count: return integer(q_.phase4_count);
    case K::Phase3Count: return integer(q_.phase3_count);
    case K::CalculatedCount: return integer(q_.calculated_count);
    case K::TrainingCount: return integer(q_.training_quality_count);
    case K::HasCompositeFactors: return boolean(q_.has_composite_factors);
    case K::HasOpponentDefense: return boolean(q_.has_opponent_defense);
    case K::HasVegasLine: return boolean(q_.has_vegas_line);
    case K::CriticalTraining: return boolean(q_.critical_training_quality);
    case K::CriticalCount: return integer(q_.critical_count);
    case K::OptionalCount: return integer(q_.optional_count);
    case K::MatchupTier: return append_py_json_string(out, quality_tier(q_.category_pct[kMatchup]));
    case K::GameContextTier: return append_py_json_string(out, quality_tier(q_.category_pct[kGameContext]));
    case K::MatchupStatus:
      return append_py_json_string(out, q_.category_pct[kMatchup] < 50 ? "MATCHUP_UNAVAILABLE" : "COMPLETE");
    case K::FallbackReasons: return append_index_object(out, default_indices(q_), fallback_reason);
    case K::UpstreamTables: out += upstream_tables_text(); return;
    case K::SourcesJson: return append_sources_json(out, r_);
    case K::FeatureNames: return append_str_list(out, feature_names());
    case K::QualityIssues: return append_str_list(out, quality_issues(r_));
    case K::DataHash:
      return append_py_json_string(out, record_data_hash({r_.player_lookup, r_.universal_player_id, r_.game_date_text,
                                                          r_.game_id, r_.opponent_team_abbr, q_.data_source, r_.is_home,
                                                          r_.days_rest, q_.score, r_.features}));
    case K::HistoricalCompleteness: return append_historical_completeness(out, r_);
  }
  throw std::logic_error("MLFS record column kind " + std::to_string(static_cast<int>(c.kind)) + " is not rendered");
}

}  // namespace nba::mlfs
