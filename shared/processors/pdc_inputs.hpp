#pragma once
// PDC's views of upcoming_player_game_context (by date), team_offense_game_summary
// (by team) and the schedule (by team), built once per worker.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/civil_date.hpp"
#include "processors/player_game_history.hpp"

namespace nba {

struct Phase3Data;

// One context row; NULL integers stay kNull.
struct PlayerContextRow {
  std::string player_lookup, universal_player_id, team_abbr;
  std::int64_t games_in_last_7_days, games_in_last_14_days, minutes_in_last_7_days, minutes_in_last_14_days,
      back_to_backs_last_14_days;
  double avg_minutes_per_game_last_7;  // as the Python code receives it; NaN = NULL
  std::int64_t fourth_quarter_minutes_last_7, player_age;
};

struct TeamOffenseGame {
  Day date;
  std::int64_t pace_x10, offensive_rating_x100;
};

struct PdcInputs {
  std::map<Day, std::vector<PlayerContextRow>> context_by_date;      // rows in input order per date
  std::map<std::string, std::vector<TeamOffenseGame>> team_offense;  // ascending date
  std::map<std::string, std::vector<Day>> team_schedule;             // final games, ascending, distinct
  std::vector<Day> regular_or_playoff_dates;  // game id prefix 002 / 004; ascending, distinct
};

PdcInputs build_pdc_inputs(const Phase3Data& data);

}  // namespace nba
