#pragma once
// The views PDC, PCF and MLFS share: upcoming_player_game_context (by date),
// team_offense_game_summary (by team) and the schedule (by team), built once per worker.
#include <cstdint>
#include <limits>
#include <map>
#include <string>
#include <vector>

#include "core/civil_date.hpp"
#include "phase3/table.hpp"
#include "processors/player_game_history.hpp"

namespace nba {

struct Phase3Data;

inline constexpr double kNoValue = std::numeric_limits<double>::quiet_NaN();  // NULL for doubles

// One context row; NULL integers stay kNull.
struct PlayerContextRow {
  std::string player_lookup, universal_player_id, team_abbr;
  std::int64_t games_in_last_7_days, games_in_last_14_days, minutes_in_last_7_days, minutes_in_last_14_days,
      back_to_backs_last_14_days;
  double avg_minutes_per_game_last_7;  // as the Python code receives it; NaN = NULL
  std::int64_t fourth_quarter_minutes_last_7, player_age;
  // Read by PCF and MLFS.
  std::string game_id, opponent_team_abbr, season_phase, player_status;  // "" = NULL
  std::int64_t days_rest = kNull, back_to_back = kNull, home_game = kNull, opponent_days_rest = kNull,
               star_teammates_out = kNull;
  double projected_usage_rate = kNoValue, avg_usage_rate_last_7_games = kNoValue, pace_differential = kNoValue;
  double opponent_pace_last_10 = kNoValue;  // PCF's pace_context_json only
  // Read by MLFS only (its indices 38, 41, 42, 51, 52).
  double game_total = kNoValue, game_spread = kNoValue;
  std::int64_t prop_over_streak = kNull, prop_under_streak = kNull;
};

struct TeamOffenseGame {
  Day date;
  std::int64_t pace_x10, offensive_rating_x100;
  std::int64_t season_year, win_flag;  // win_flag: 0/1, kNull
  std::int64_t margin_of_victory = kNull;  // MLFS's blowout risk (index 57)
};

struct ContextInputs {
  std::map<Day, std::vector<PlayerContextRow>> context_by_date;      // per date, stable-sorted by player_lookup
  // The context rows of d (empty when the table has none for d).
  const std::vector<PlayerContextRow>& context_on(Day d) const;
  std::map<std::string, std::vector<TeamOffenseGame>> team_offense;  // ascending date
  std::map<std::string, std::vector<Day>> team_schedule;             // final games, ascending, distinct
  std::vector<Day> regular_or_playoff_dates;  // game id prefix 002 / 004; ascending, distinct
};

// What both synthetic contexts (PDC 4.4 and PCF 3.3, backfill mode) derive alike
// from a player's own box scores: identity and the 7-day load; 14-day load,
// fourth-quarter minutes and age stay NULL, back-to-backs 0. Each processor
// fills in the fields only it reads.
PlayerContextRow synthetic_context_row(const PlayerGameHistory::Player& p, const PlayerGame& today,
                                       const RecentLoad& load);

// A synthetic context of d: one synthetic_context_row per player who played on
// d; `finish(row, today, load)` fills in the fields of one processor.
template <typename Finish>
std::vector<PlayerContextRow> synthetic_context(const PlayerGameHistory& players, Day d, Finish finish) {
  std::vector<PlayerContextRow> out;
  for (const std::uint32_t pos : players.players_on(d)) {
    const auto& p = players.players[pos];
    const PlayerGame& today = *game_on(p, d);
    const RecentLoad load = recent_load(p, d);
    finish(out.emplace_back(synthetic_context_row(p, today, load)), today, load);
  }
  return out;
}

ContextInputs build_context_inputs(const Phase3Data& data);
// Two of its parts, which the input reach (processors/input_reach.hpp) reads too.
std::map<std::string, std::vector<TeamOffenseGame>> build_team_offense(const Phase3Data& data);
struct TeamSchedule {
  std::map<std::string, std::vector<Day>> by_team;  // ascending, distinct
  std::vector<Day> regular_or_playoff_dates;
};
TeamSchedule build_team_schedule(const Phase3Data& data);

}  // namespace nba
