#pragma once
// MLFS v2 features read from the optional market tables (spec
// processors-mlfs-v2.md 3.1, 3.7-3.10, 3.12): the vegas block 25-28, teammate
// usage 47 (injury report), multi-book disagreement 50, line vs season 53,
// prop line delta 54, prop history 55-56 (prediction_accuracy), and the line
// movement 60, 61, 63. `PlayerMarket` is one player's lookups on D
// (market_inputs.hpp fills it); what it lacks (no such tables in the input, no
// line for the player) takes HEAD's no-line value and tag, and
// vegas_line_source is "none".
#include <optional>
#include <string>

#include "processors/mlfs/feature_tags.hpp"

namespace nba::mlfs {

struct PlayerMarket {
  // 25, 26 and 27. HEAD moves in SQL (line - COALESCE'd opening) but shows a
  // falsy opening (0) as the line itself, so 27 is not always 25 - 26.
  std::optional<double> line, opening, move;
  std::string line_source = "none";     // odds_api / bettingpros / both
  std::optional<double> teammate_usage;  // 47
  std::optional<double> multi_book_std;  // 50
  bool multi_book_from_bettingpros = false;
  std::optional<double> prop_line_delta;  // 54, rounded
  std::optional<double> over_rate, margin_vs_line;  // 55, 56 (their minimum counts already met)
  std::optional<double> line_movement, vig_skew, late_moves;  // 60, 61, 63
};

// Needs the vector's index 2 (points_avg_season) set first (53 reads it).
void add_market_features(const PlayerMarket& market, FeatureVector& v);

}  // namespace nba::mlfs
