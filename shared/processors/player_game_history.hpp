#pragma once
// PSZA's and PDC's view of player_game_summary: each player's rows in date order
// with the columns they read. NULL stays kNull (see phase3/table.hpp).
#include <cstdint>
#include <string>
#include <vector>

#include "core/civil_date.hpp"

namespace nba {

struct Phase3Data;

struct PlayerGame {
  Day date;
  std::string game_id;
  std::string team_abbr, opponent_team_abbr;
  std::string universal_player_id;  // "" = NULL
  std::int64_t season_year;
  std::int64_t points, minutes_x10;  // minutes_played NUMERIC(5,1) scaled
  std::int64_t fg_attempts, fg_makes;
  std::int64_t paint_attempts, paint_makes, mid_range_attempts, mid_range_makes;
  std::int64_t three_pt_attempts, three_pt_makes, ft_makes;
  std::int64_t assisted_fg_makes, unassisted_fg_makes;
  std::int64_t usage_rate_x100, ts_pct_x1000;  // NUMERIC(6,2), NUMERIC(5,3) scaled
  std::int64_t is_active, is_dnp;              // 0/1, kNull
};

struct PlayerGameHistory {
  struct Player {
    std::string player_lookup;
    std::vector<PlayerGame> games;  // oldest first: reversed, newest first with game_id ascending on ties
  };
  std::vector<Player> players;  // ascending player_lookup
};

PlayerGameHistory build_player_game_history(const Phase3Data& data);

// Sorts one player's rows oldest first such that reading them backwards gives
// newest first with game_id ascending between rows of one date (decision 5).
void sort_player_games(std::vector<PlayerGame>& games);

// The player's box-score row on date d (the first in newest-first order), or nullptr.
const PlayerGame* game_on(const std::vector<PlayerGame>& games, Day d);

// A player's box scores in the 14 days before D (any status), as both backfill
// synthetic contexts (PDC spec 4.4, PCF spec 3.3) summarise them.
struct RecentLoad {
  std::int64_t games_7 = 0, games_14 = 0;          // 7-day window: D-7 < date < D
  std::int64_t minutes_7_x10 = 0, minutes_14_x10 = 0;  // NULL minutes count as 0
  std::int64_t usage_7_sum_x100 = 0, usage_7_count = 0;  // non-NULL usage in the 7-day window
  bool played_day_before = false;
};
RecentLoad recent_load(const std::vector<PlayerGame>& games, Day d);

// Rows of `games` with date in [from, to) as an index range (games sorted by date).
std::pair<std::size_t, std::size_t> date_range(const std::vector<PlayerGame>& games, Day from, Day to);

}  // namespace nba
