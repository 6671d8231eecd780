#pragma once
// ml_feature_store (MLFS), spec processors-mlfs-v2.md (decision 7b): HEAD's
// 64-value vector (60 named, scored indices) per player who played on D, with
// a raw source tag per index, the quality record scored over indices 0-59 and
// the historical completeness. Decision 7: the shot-zone units bug is fixed,
// not copied. The folder: feature_tags (layout, tags, weights), one file per
// feature family (core 0-24, opponent/minutes 29-32, trajectory 33-36, context
// 37-42/51/52, rolling 43-49, market 25-28/47/50/53-56/60/61/63 with its
// inputs in market_inputs, opportunity 57-59/62), quality_scorer,
// record_columns and record_hash (the export's derived columns and
// data_hash), mlfs.cpp (a record per player), mlfs_table.cpp (its table).
#include <array>
#include <string>
#include <vector>

#include "core/failure_record.hpp"
#include "core/output_table.hpp"
#include "processors/context_inputs.hpp"
#include "processors/pcf.hpp"
#include "processors/pdc.hpp"
#include "processors/player_game_history.hpp"
#include "processors/psza.hpp"
#include "processors/tdza.hpp"
#include "processors/mlfs/feature_tags.hpp"
#include "processors/mlfs/market_inputs.hpp"
#include "processors/mlfs/quality_scorer.hpp"

namespace nba::mlfs {

inline constexpr int kRecentWindowDays = 60;
inline constexpr int kLast10 = 10;

// Bits of Row::upstream_incomplete: which upstream row was missing or not
// production-ready (data_quality_issues, in HEAD's order).
enum UpstreamBit { kPdcIncomplete = 1, kPcfIncomplete = 2, kPszaIncomplete = 4, kTdzaIncomplete = 8 };

struct Row {
  std::string player_lookup, universal_player_id, game_id, team_abbr, opponent_team_abbr;
  Day game_date;
  bool is_home;
  double days_rest;  // from the context row; NaN = NULL
  FeatureVector vector;
  Quality quality;
  bool is_production_ready, cache_miss_fallback_used;
  std::int64_t upstream_incomplete;  // UpstreamBit mask
  std::string vegas_line_source;
  // historical_completeness: the last-10 rows' dates as days before D (0 = none),
  // newest first, and the games a full window could have held.
  std::array<std::int8_t, kLast10> last_10_days_before;
  std::int64_t games_found, games_expected;
  std::string source_daily_cache_hash, source_composite_hash, source_shot_zones_hash, source_team_defense_hash;
};

struct Result {
  std::vector<Row> rows;
  std::vector<FailureRecord> failures;
  int entities = 0;
};

struct SameDateRows {
  const std::vector<tdza::Row>& tdza;
  const std::vector<psza::Row>& psza;
  const std::vector<pdc::Row>& pdc;
  const std::vector<pcf::Row>& pcf;
};

Result compute(const PlayerGameHistory& players, const ContextInputs& inputs, const MarketInputs& market,
               const SameDateRows& upstream, Day d);

// The output table of rows given per date (RowBatches) or as one vector.
OutputTable to_table(RowBatches<Row> rows);
inline OutputTable to_table(const std::vector<Row>& rows) { return to_table(RowBatches<Row>(&rows, 1)); }

}  // namespace nba::mlfs
