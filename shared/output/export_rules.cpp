#include "output/export_rules.hpp"

#include "processors/mlfs/feature_tags.hpp"
#include "processors/mlfs/record_columns.hpp"

#include <map>
#include <set>
#include <string>

namespace nba {

namespace {

using Rules = std::map<std::string_view, ExportRule>;

constexpr ExportRule kNull{ColumnSource::Constant, "null"};
constexpr ExportRule kZero{ColumnSource::Constant, "0"};
constexpr ExportRule kFalse{ColumnSource::Constant, "false"};
constexpr ExportRule kTrue{ColumnSource::Constant, "true"};
constexpr ExportRule kProcessedAt{ColumnSource::ProcessedAt, ""};

// columns-parity.md 1.6-1.7: the circuit-breaker family and run-time columns,
// the same in every table HEAD backfills.
Rules common_rules() {
  return {{"last_reprocess_attempt_at", kNull},
          {"reprocess_attempt_count", kZero},
          {"circuit_breaker_active", kFalse},
          {"circuit_breaker_until", kNull},
          {"manual_override_required", kFalse},
          {"processing_decision_reason", {ColumnSource::Constant, "\"processed_successfully\""}},
          {"data_quality_issues", {ColumnSource::Constant, "[]"}},
          {"processed_at", kProcessedAt},
          {"created_at", kProcessedAt}};
}

// TDZA/PSZA completeness block in backfill mode (columns-parity.md 2 and 3).
void add_backfill_completeness(Rules& r) {
  r.insert({{"completeness_percentage", {ColumnSource::Constant, "100.0"}},
            {"missing_games_count", kZero},
            {"is_production_ready", kTrue},
            {"season_boundary_detected", kFalse},
            {"backfill_bootstrap_mode", kFalse}});
}

const std::map<std::string_view, Rules>& all_rules() {
  static const std::map<std::string_view, Rules> rules = [] {
    std::map<std::string_view, Rules> m;
    Rules tdza = common_rules();
    add_backfill_completeness(tdza);
    tdza["created_at"] = kNull;  // not in HEAD's TDZA record; its MERGE writes the NULL (ambiguity 3)
    tdza.insert({{"early_season_flag", kNull}, {"insufficient_data_reason", kNull}});
    m["tdza"] = tdza;

    Rules psza = common_rules();
    add_backfill_completeness(psza);
    psza.insert({{"player_position", kNull},
                 {"calculation_notes", kNull},
                 {"insufficient_data_reason", kNull},
                 {"expected_games_count", {ColumnSource::CopyOf, "games_in_sample_20"}},
                 {"actual_games_count", {ColumnSource::CopyOf, "games_in_sample_20"}},
                 {"source_player_game_last_updated", {ColumnSource::MidnightOf, "analysis_date"}}});
    m["psza"] = psza;

    m["pdc"] = common_rules();

    Rules pcf = common_rules();
    pcf.insert({{"insufficient_data_reason", kNull}});
    for (const char* c : {"fatigue_context_json", "shot_zone_context_json", "pace_context_json", "usage_context_json"})
      pcf[c] = {ColumnSource::PcfContext, ""};
    m["pcf"] = pcf;

    // MLFS (processors-mlfs-v2.md 4.6): HEAD's backfill-mode constants; the
    // record columns derived from the stored vector are MlfsRecord (below).
    static const std::string mlfs_version_json = "\"" + std::string(mlfs::kVersion) + "\"";
    static const std::string mlfs_feature_count = std::to_string(mlfs::kScored);
    Rules mlfs = common_rules();
    mlfs.erase("data_quality_issues");
    mlfs.erase("processed_at");  // not a column of ml_feature_store_v2
    add_backfill_completeness(mlfs);
    mlfs.erase("is_production_ready");  // stored: the upstream rows decide it
    mlfs.insert({{"feature_count", {ColumnSource::Constant, mlfs_feature_count}},
                 {"feature_version", {ColumnSource::Constant, mlfs_version_json}},
                 {"feature_generation_time_ms", kZero},
                 {"early_season_flag", kFalse},
                 {"insufficient_data_reason", kNull},
                 {"expected_games_count", {ColumnSource::CopyOf, "actual_games_count"}},
                 {"updated_at", kNull},
                 {"quality_computed_at", kProcessedAt},
                 {"feature_sample_sizes_json", {ColumnSource::Constant, "\"{}\""}},
                 {"feature_expected_values_json", {ColumnSource::Constant, "\"{}\""}},
                 {"feature_value_ranges_valid_json", {ColumnSource::Constant, "\"{}\""}},
                 {"feature_last_updated_json", {ColumnSource::Constant, "\"{}\""}},
                 {"feature_schema_version", {ColumnSource::Constant, "\"v2_60features\""}},
                 {"breakout_model_compatible", {ColumnSource::Constant, "[\"v2_14features\"]"}},
                 {"breakout_v3_features_available", kFalse},
                 {"upstream_processors_ran", kNull},
                 {"missing_processors", kNull},
                 {"feature_store_age_hours", {ColumnSource::Constant, "0.0"}},
                 {"upstream_data_freshness_hours", kNull},
                 {"quality_schema_version", {ColumnSource::Constant, "\"v1_hybrid_20260205\""}},
                 {"feature_sources", kNull},
                 {"fallback_reasons", kNull},
                 {"primary_data_source", {ColumnSource::CopyOf, "data_source"}}});
    m["mlfs"] = mlfs;
    return m;
  }();
  return rules;
}

bool ends_with(std::string_view s, std::string_view tail) {
  return s.size() >= tail.size() && s.substr(s.size() - tail.size()) == tail;
}

}  // namespace

std::optional<ExportRule> backfill_rule(std::string_view processor, std::string_view column) {
  const auto& rules = all_rules();
  const auto table = rules.find(processor);
  if (table == rules.end()) return std::nullopt;
  if (const auto it = table->second.find(column); it != table->second.end()) return it->second;
  // The dependency-check tracking columns are NULL in backfill mode (columns-parity.md 1.5).
  const bool tracking = column.substr(0, 7) == "source_" &&
                        (ends_with(column, "_last_updated") || ends_with(column, "_rows_found") ||
                         ends_with(column, "_completeness_pct"));
  if (tracking) return kNull;
  if (processor == "mlfs" && mlfs::RecordColumns::resolve(column)) return ExportRule{ColumnSource::MlfsRecord, ""};
  return std::nullopt;
}

bool internal_only_column(std::string_view processor, std::string_view column) {
  if (processor == "pcf") return column.substr(0, 8) == "context_";  // what the context JSON shows
  static const std::set<std::string_view> mlfs = {"team_abbr", "feature_sources", "upstream_incomplete",
                                                   "games_expected", "last_10_days_before"};
  return processor == "mlfs" && mlfs.count(column);
}

}  // namespace nba
