#pragma once
// The quality of an MLFS record (spec processors-pcf-mlfs.md 4.8): a score
// over its tags with HEAD's caps, tier, data source, category percentages and
// readiness flags.
#include <array>
#include <string>

#include "processors/mlfs/feature_tags.hpp"

namespace nba::mlfs {

struct Quality {
  double score;  // rounded to 2 dp
  std::string tier, data_source;
  int default_count;
  double matchup_pct, player_history_pct, team_context_pct, game_context_pct;
  bool is_quality_ready, is_training_ready;
};
Quality score_quality(const std::array<Source, kFeatures>& tags);

}  // namespace nba::mlfs
