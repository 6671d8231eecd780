#pragma once
// MLFS v2 opportunity features (spec processors-mlfs-v2.md 3.11-3.12, golden
// case G5): 57 blowout_minutes_risk (the team's share of blowouts in its last
// 10 games), 58 minutes_volatility_last_10, 59 opponent_pace_mismatch, and
// 62 self_creation_rate (unassisted share of made field goals).
#include <string>
#include <vector>

#include "processors/context_inputs.hpp"
#include "processors/mlfs/feature_tags.hpp"
#include "processors/player_game_history.hpp"

namespace nba::mlfs {

// 57 and 58 from the player's rows and the team_offense rows by team; 59 from
// the vector's own 22 and 14 (set them first); 62 from the player's rows.
void add_opportunity_features(const PlayerGameHistory::Player& player, const ContextInputs& in, Day d,
                              FeatureVector& v);

// The pieces, exposed for the golden tests.
double blowout_share(const std::vector<TeamOffenseGame>& team_games, Day d);  // 0.2 without games
double sample_std(const std::vector<double>& values);                         // STDDEV_SAMP, n >= 2

}  // namespace nba::mlfs
