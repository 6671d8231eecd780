#pragma once
// The MLFS record columns the export derives from a stored row (spec
// processors-mlfs-v2.md 4.2-4.6): the per-index feature_i_value/_quality/
// _source columns, the counts, tiers, alerts and readiness details of the
// quality record, the JSON-text columns, data_quality_issues (upstream flags,
// HEAD's constant matchup flag, range warnings), historical_completeness and
// data_hash.
// They are pure functions of the stored vector, tags and a few stored values,
// scored by the same quality_scorer the processor used, so the shards do not
// carry ~200 columns per row that say nothing new.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/civil_date.hpp"
#include "processors/mlfs/quality_scorer.hpp"

namespace nba::mlfs {

struct StoredRecord {
  std::string_view player_lookup, universal_player_id, game_date_text, game_id, opponent_team_abbr;
  bool is_home;
  double days_rest;                          // NaN = NULL
  std::span<const double> features;          // kFeatures
  std::span<const std::int8_t> tags;         // kFeatures, Source codes
  std::span<const std::int8_t> days_before;  // kLast10, 0 = none
  std::int64_t upstream_incomplete, games_found, games_expected;
  Day game_date;
};

// A derived column, resolved once from its name (the export resolves each
// schema column once, then appends it for every row).
struct DerivedColumn {
  enum Kind : std::uint8_t {
    FeatureValue, FeatureQuality, FeatureSource, CategoryDefaults, AlertLevel, Alerts, DefaultIndices,
    Phase4Count, Phase3Count, CalculatedCount, TrainingCount, HasCompositeFactors, HasOpponentDefense,
    HasVegasLine, CriticalTraining, CriticalCount, OptionalCount, MatchupTier, GameContextTier, MatchupStatus,
    FallbackReasons, UpstreamTables, SourcesJson, FeatureNames, QualityIssues, HistoricalCompleteness, DataHash,
  } kind;
  int index = 0;  // the feature (FeatureValue/Quality/Source) or the category (CategoryDefaults)
};

class RecordColumns {
 public:
  // The column of ml_feature_store_v2 the export takes from here, or nothing.
  static std::optional<DerivedColumn> resolve(std::string_view column);
  explicit RecordColumns(const StoredRecord& record);
  // Appends the column's value as NDJSON text (a number, string, array, object or null).
  void append(std::string& out, DerivedColumn column) const;

 private:
  const StoredRecord& r_;
  ScoredTags tags_;
  Quality q_;
};

}  // namespace nba::mlfs
