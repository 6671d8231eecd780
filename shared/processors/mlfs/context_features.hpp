#pragma once
// MLFS v2 features copied from the player's upcoming_player_game_context row,
// indices 37-42, 51, 52 (spec processors-mlfs-v2.md 3.5, golden case G3): the
// star teammates out, the game's total and spread, days of rest, minutes in 7
// days and the prop streaks. A player without a context row (or a NULL value)
// gets HEAD's absent outcome: 37 is 0.0 tagged default, the others missing.
#include "processors/context_inputs.hpp"
#include "processors/mlfs/feature_tags.hpp"

namespace nba::mlfs {

void add_context_features(const PlayerContextRow* ctx, FeatureVector& v);

}  // namespace nba::mlfs
