#pragma once
// ml_feature_store (MLFS), spec processors-pcf-mlfs.md section 4: the 25-feature
// core vector (indices 0-24, HEAD semantics) per player who played on D, with a
// source tag per feature, the HEAD quality score (with caps), tier and readiness
// flags. Decision 7: the shot-zone units bug is fixed, not copied.
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

namespace nba::mlfs {

inline constexpr int kFeatures = 25;
inline constexpr const char* kVersion = "v2_core25_head";
inline constexpr int kRecentWindowDays = 60;

enum class Source : std::int8_t { Missing = 0, Default = 1, Phase3 = 2, Phase4 = 3, Calculated = 4 };

const std::array<std::string, kFeatures>& feature_names();
const std::vector<std::string>& source_names();  // indexed by Source
double source_weight(Source s);

// Quality (spec 4.8) over the 25 tags.
struct Quality {
  double score;  // rounded to 2 dp
  std::string tier, data_source;
  int default_count;
  double matchup_pct, player_history_pct, team_context_pct, game_context_pct;
  bool is_quality_ready, is_training_ready;
};
Quality score_quality(const std::array<Source, kFeatures>& tags);

// Calculated features (spec 4.6.2 - 4.6.5), exposed for the golden tests.
double rest_advantage(std::int64_t days_rest, std::int64_t opponent_days_rest);
double injury_risk(const std::string& player_status);
double recent_trend(const std::vector<std::int64_t>& points_newest_first);  // NULL points as 0 already
double minutes_change(double recent, double season);
double pct_free_throw(const std::vector<const PlayerGame*>& last_games);
double team_win_pct(const std::vector<TeamOffenseGame>& season_games_before_d);

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
