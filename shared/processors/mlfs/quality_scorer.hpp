#pragma once
// The quality of an MLFS record (spec processors-mlfs-v2.md section 4): a
// score over the 60 scored tags with HEAD's optional set and 69/49 caps, the
// tiers, category percentages, counts, alerts and readiness flags. A pure
// function of the tags, so the export re-derives the same record fields from
// a shard's stored tags.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "processors/mlfs/feature_tags.hpp"

namespace nba::mlfs {

using ScoredTags = std::array<Source, kScored>;

enum Category { kMatchup, kPlayerHistory, kTeamContext, kVegas, kGameContext, kCategories };
inline constexpr std::array<const char*, kCategories> kCategoryNames = {"matchup", "player_history", "team_context",
                                                                         "vegas", "game_context"};
Category category_of(int index);

// Allocation-free (a record is scored once per player and again per exported
// row): texts are literals, the default-like indices a bit mask.
struct Quality {
  double score;  // rounded to 2 dp
  const char* tier;
  const char* data_source;
  int default_count, required_default_count;
  std::uint64_t default_mask;  // bit i: index i is default-like
  int phase4_count, phase3_count, calculated_count, training_quality_count, critical_count, optional_count;
  std::array<double, kCategories> category_pct;
  std::array<int, kCategories> category_defaults;
  bool critical_training_quality, has_composite_factors, has_opponent_defense, has_vegas_line;
  const char* alert_level;
  bool is_quality_ready, is_training_ready;
};
Quality score_quality(const ScoredTags& tags);

// The default-like indices, ascending (default_feature_indices).
std::vector<int> default_indices(const Quality& q);
// quality_alerts in HEAD's order.
std::vector<std::string> quality_alerts(const Quality& q);

// gold / silver / bronze / poor / critical (also the category tiers).
const char* quality_tier(double pct);

}  // namespace nba::mlfs
