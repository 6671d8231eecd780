#pragma once
// ml_feature_store (MLFS), spec processors-pcf-mlfs.md section 4: the 25-feature
// core vector (indices 0-24, HEAD semantics) per player who played on D, with a
// source tag per feature, the HEAD quality score (with caps), tier and readiness
// flags. Decision 7: the shot-zone units bug is fixed, not copied.
// The folder: feature_tags (layout, tags, weights), core_features (0-24),
// quality_scorer, mlfs.cpp (a record per player), mlfs_table.cpp (its table).
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
#include "processors/mlfs/quality_scorer.hpp"

namespace nba::mlfs {

inline constexpr const char* kVersion = "v2_core25_head";
inline constexpr int kRecentWindowDays = 60;

struct Row {
  std::string player_lookup, universal_player_id, game_id, team_abbr, opponent_team_abbr;
  Day game_date;
  bool is_home;
  double days_rest;  // from the context row; NaN = NULL
  std::array<double, kFeatures> features;  // NaN = missing
  std::array<Source, kFeatures> sources;
  Quality quality;
  bool is_production_ready, cache_miss_fallback_used;
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

Result compute(const PlayerGameHistory& players, const ContextInputs& inputs, const SameDateRows& upstream, Day d);

// The output table of rows given per date (RowBatches) or as one vector.
OutputTable to_table(RowBatches<Row> rows);
inline OutputTable to_table(const std::vector<Row>& rows) { return to_table(RowBatches<Row>(&rows, 1)); }

}  // namespace nba::mlfs
