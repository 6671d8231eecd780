#pragma once
// TDZA's view of team_defense_game_summary: each team's games in date order,
// with the columns TDZA reads. Built once per worker; NULL stays kNull.
#include <cstdint>
#include <string>
#include <vector>

#include "core/civil_date.hpp"

namespace nba {

struct Phase3Data;

struct TeamDefenseGame {
  Day date;
  std::int64_t opp_paint_makes, opp_paint_attempts;
  std::int64_t opp_mid_range_makes, opp_mid_range_attempts;
  std::int64_t opp_three_pt_makes, opp_three_pt_attempts;
  std::int64_t points_in_paint_allowed;
  std::int64_t blocks_paint, blocks_mid_range, blocks_three_pt;
  std::int64_t points_allowed;
  std::int64_t defensive_rating_x100;  // NUMERIC(6,2) scaled, kNull if NULL
  std::int64_t opponent_pace_x10;      // NUMERIC(5,1) scaled, kNull if NULL
};

struct TeamDefenseHistory {
  struct Team {
    std::string team_abbr;
    std::vector<TeamDefenseGame> games;  // ascending date (keys are unique per team and date)
  };
  std::vector<Team> teams;  // ascending team_abbr
};

TeamDefenseHistory build_team_defense_history(const Phase3Data& data);

}  // namespace nba
