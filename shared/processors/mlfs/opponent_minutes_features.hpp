#pragma once
// MLFS v2 opponent history (indices 29-30) and minutes / points per minute
// (31-32) from the player's box scores (spec processors-mlfs-v2.md 3.2-3.3,
// golden case G6): the raw lookups; the fallbacks and tags are the record's
// (mlfs.cpp).
#include <cstdint>
#include <optional>
#include <string>

#include "processors/player_game_history.hpp"

namespace nba::mlfs {

// The same calendar date a year earlier (BigQuery's DATE_SUB(d, INTERVAL 1
// YEAR)): February 29 becomes February 28.
Day one_year_before(Day d);

// The player's rows against the opponent (its PlayerGameHistory::team_id; the
// ids compare a year of rows per player per date without string compares) in
// [D - 1 year, D): DNP rows count; the average is over non-NULL points (NaN
// when there are none).
struct OpponentHistory {
  std::int64_t games = 0;
  double avg_points;
};
OpponentHistory opponent_history(const PlayerGameHistory::Player& player, int opponent_id, Day d);

// Over the rows in [D-30, D) with minutes played: the mean minutes and the
// mean of points / minutes per game, each a NUMERIC rounded to 9 places as
// BigQuery gives them (ppm NaN when every such row has NULL points). Nothing
// when the player has no such row.
struct MinutesPpm {
  double minutes_avg;
  double ppm_avg;
};
std::optional<MinutesPpm> minutes_ppm(const PlayerGameHistory::Player& player, Day d);

}  // namespace nba::mlfs
