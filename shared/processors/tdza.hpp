#pragma once
// team_defense_zone_analysis (TDZA), spec section 2: for each team, how opponents
// shot against it by zone over its last 15 games before D, compared with league
// averages. A pure function of the team-defense history and the date.
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/civil_date.hpp"
#include "core/failure_record.hpp"
#include "core/output_table.hpp"
#include "processors/team_defense_history.hpp"

namespace nba::tdza {

inline constexpr int kWindowGames = 15;
inline constexpr int kLeagueWindowDays = 30;
inline constexpr int kLeagueMinGamesPerTeam = 10;
inline constexpr int kLeagueMinTeams = 10;
inline constexpr double kDefaultPaintPct = 0.580;
inline constexpr double kDefaultMidRangePct = 0.410;
inline constexpr double kDefaultThreePtPct = 0.355;

struct LeagueAverages {
  double paint_pct, mid_range_pct, three_pt_pct;
  int teams_in_sample;  // 0 when the defaults were used
};

// One output row, values as stored (after NUMERIC storage rounding); NaN = NULL.
struct Row {
  std::string team_abbr;
  Day analysis_date;
  double paint_pct_allowed_last_15, paint_attempts_allowed_per_game, paint_points_allowed_per_game,
      paint_blocks_per_game, paint_defense_vs_league_avg;
  double mid_range_pct_allowed_last_15, mid_range_attempts_allowed_per_game, mid_range_blocks_per_game,
      mid_range_defense_vs_league_avg;
  double three_pt_pct_allowed_last_15, three_pt_attempts_allowed_per_game, three_pt_blocks_per_game,
      three_pt_defense_vs_league_avg;
  double defensive_rating_last_15, opponent_points_per_game, opponent_pace;
  std::int64_t games_in_sample;
  std::string strongest_zone, weakest_zone, data_quality_tier, calculation_notes;  // "" = NULL
  // Backfill-mode completeness: expected = actual = 15 (HEAD's stub reads the
  // class's min_games_required, never the early-season dynamic minimum), whatever games_in_sample is.
  std::int64_t games_count;
  std::string source_team_defense_hash;  // "" = NULL
  std::string data_hash;  // the original's recipe over the unrounded values
};

struct Result {
  std::vector<Row> rows;                // ascending team_abbr
  std::vector<FailureRecord> failures;  // ascending entity
  LeagueAverages league;
  int entities = 0;  // teams considered on this date (rows + failures)
};

// Minimum games for a row on date D (dynamic rule; 15 in practice, see spec 2.3).
int min_games_required(Day analysis_date);

// League averages over [D-30, D] inclusive of D (decision 6: the original's look-ahead).
LeagueAverages league_averages(const TeamDefenseHistory& history, Day analysis_date);

// Zone labels from the three vs-league values (NULL = nullopt): strongest = minimum,
// weakest = maximum, ties -> first of paint, mid_range, perimeter.
std::pair<std::string, std::string> strongest_weakest(std::optional<double> paint, std::optional<double> mid,
                                                      std::optional<double> three);

std::string quality_tier(std::int64_t games);

// source_team_defense_hash: the date's pick among team_defense_game_summary rows
// with Oct 1 of the season <= game_date < D (source_hashes.hpp).
Result compute(const TeamDefenseHistory& history, Day analysis_date, std::string_view source_team_defense_hash = {});

// The team's games since October 1 of the date's season, before the date
// (ascending): its window's candidates. The team is one of compute's entities
// on that date exactly when this is not empty.
std::span<const TeamDefenseGame> season_games_before(const TeamDefenseHistory::Team& team, Day analysis_date);

// Output columns in the original's column order and names.
// The output table of rows given per date (RowBatches) or as one vector.
OutputTable to_table(RowBatches<Row> rows);
inline OutputTable to_table(const std::vector<Row>& rows) { return to_table(RowBatches<Row>(&rows, 1)); }

}  // namespace nba::tdza
