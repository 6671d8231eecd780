#pragma once
// MLFS v2 DNP rate and scoring trajectory, indices 33-36 (spec
// processors-mlfs-v2.md 3.4): always a number, tagged calculated.
#include <optional>
#include <vector>

#include "processors/player_game_history.hpp"

namespace nba::mlfs {

// `last_10`: the player's newest 10 rows in [D-60, D), newest first, DNP rows included.
double dnp_rate(const std::vector<const PlayerGame*>& last_10);        // 33
double points_slope_10g(const std::vector<const PlayerGame*>& last_10);  // 34

// 35 and 36 from the last-5 average, the season average and the last-10
// standard deviation as HEAD holds them: nullopt is Python's None (the value
// is absent: the feature is 0.0), while a NaN passes through its arithmetic
// (a NaN z-score clamps to 3.0, spec ambiguity A3).
double points_vs_season_zscore(std::optional<double> last_5, std::optional<double> season,
                               std::optional<double> std_last_10);  // 35
double breakout_flag(std::optional<double> last_5, std::optional<double> season,
                     std::optional<double> std_last_10);            // 36

}  // namespace nba::mlfs
