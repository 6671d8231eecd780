#pragma once
// MLFS v2 rolling scoring stats, indices 43-46, 48, 49 (spec
// processors-mlfs-v2.md 3.6, golden case G1): from the player's box scores in
// [D-60, D) with points and minutes played, computed exactly as HEAD does.
#include <optional>

#include "processors/player_game_history.hpp"

namespace nba::mlfs {

struct RollingStats {
  double points_avg_last_3;             // 43
  double scoring_trend_slope;           // 44
  double deviation_from_avg_last3;      // 45
  double consecutive_games_below_avg;   // 46
  double usage_rate_last_5;             // 48
  double games_since_structural_change; // 49
};

// Nothing when the player has no qualifying game (all six are then missing).
std::optional<RollingStats> rolling_stats(const PlayerGameHistory::Player& player, Day d);

}  // namespace nba::mlfs
