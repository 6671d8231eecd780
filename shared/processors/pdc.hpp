#pragma once
// player_daily_cache (PDC), spec section 4: a once-per-day snapshot of slow-moving
// per-player features for players with a game on D (context rows plus roster
// expansion). Reads the same date's PSZA rows from memory.
#include <string>
#include <vector>

#include "core/failure_record.hpp"
#include "core/output_table.hpp"
#include "processors/context_inputs.hpp"
#include "processors/player_game_history.hpp"
#include "processors/psza.hpp"

namespace nba::pdc {

inline constexpr int kMinGames = 3;
inline constexpr int kStaleDays = 30;
inline constexpr int kSeasonRows = 82;
inline constexpr int kTeamWindow = 10;
inline constexpr int kRosterLookbackDays = 30;

// A completeness window result (spec 1.4, DNP-aware with no gamebook: dnp = 0).
struct Completeness {
  std::int64_t expected = 0, actual = 0;
  double pct = 100.0;
  bool production_ready = true;
};

struct Row {
  std::string player_lookup, universal_player_id;
  Day cache_date;
  double points_avg_last_5, points_avg_last_10, points_avg_season, points_std_last_10;
  double minutes_avg_last_10, usage_rate_last_10, ts_pct_last_10;
  std::int64_t games_played_season;
  double team_pace_last_10, team_off_rating_last_10, player_usage_rate_season;
  // Copied from the context row; NaN = NULL.
  double games_in_last_7_days, games_in_last_14_days, minutes_in_last_7_days, minutes_in_last_14_days,
      back_to_backs_last_14_days, avg_minutes_per_game_last_7, fourth_quarter_minutes_last_7, player_age;
  // Copied from PSZA for the same date.
  std::string primary_scoring_zone;
  double paint_rate_last_10, three_pt_rate_last_10;
  double assisted_rate_last_10;
  bool early_season_flag;
  std::string insufficient_data_reason;
  bool shot_zone_data_available;
  Completeness l5, l10, l7d, l14d;
  std::string quality_tier;
  bool season_boundary_detected;
  // source_<upstream>_hash (columns-parity.md 4.1), "" = NULL, and the row's
  // data_hash (SHA-256 of the Python values before storage rounding, 64 hex).
  std::string source_player_game_hash, source_team_offense_hash, source_upcoming_context_hash,
      source_shot_zone_hash;
  std::string data_hash;
};

// The date's picks for the source_*_hash columns (source_hashes.hpp): PGS and
// TOGS rows before D, UPGC rows on D, the same date's PSZA rows.
struct SourceHashes {
  std::string player_game, team_offense, upcoming_context, shot_zone;
};

struct Result {
  std::vector<Row> rows;
  std::vector<FailureRecord> failures;
  int entities = 0;
};

// numpy's sample standard deviation (ddof = 1) with numpy's pairwise summation order.
double numpy_sample_std(const std::vector<double>& values);
double numpy_sample_std(const double* values, std::size_t n);
std::string quality_tier(double cache_quality_score);

// psza_rows: PSZA rows of the same date (any order).
Result compute(const PlayerGameHistory& players, const ContextInputs& inputs, const std::vector<psza::Row>& psza_rows,
               Day cache_date, const SourceHashes& source_hashes = {});

// The output table of rows given per date (RowBatches) or as one vector.
OutputTable to_table(RowBatches<Row> rows);
inline OutputTable to_table(const std::vector<Row>& rows) { return to_table(RowBatches<Row>(&rows, 1)); }

}  // namespace nba::pdc
