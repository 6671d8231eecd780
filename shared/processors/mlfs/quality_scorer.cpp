#include "processors/mlfs/quality_scorer.hpp"

#include <algorithm>

#include "core/rounding.hpp"

namespace nba::mlfs {

Quality score_quality(const std::array<Source, kFeatures>& tags) {
  Quality q{};
  double sum = 0;
  int phase4 = 0, phase3 = 0;
  for (Source s : tags) {
    sum += source_weight(s);
    q.default_count += is_default_like(s);
    phase4 += s == Source::Phase4;
    phase3 += s == Source::Phase3;
  }
  double score = sum / kFeatures;
  if (q.default_count >= 5) score = std::min(score, 49.0);
  else if (q.default_count >= 1) score = std::min(score, 69.0);
  q.score = numeric_store(python_round(score, 2), 2);
  q.tier = q.score >= 95 ? "gold" : q.score >= 85 ? "silver" : q.score >= 70 ? "bronze" : q.score >= 50 ? "poor" : "critical";
  const double share4 = phase4 / static_cast<double>(kFeatures), share3 = phase3 / static_cast<double>(kFeatures);
  q.data_source = share4 >= 0.90 ? "phase4" : share4 >= 0.50 ? "phase4_partial" : share3 >= 0.50 ? "phase3" : "mixed";
  auto category = [&](std::initializer_list<int> idx) {
    double s = 0;
    for (int i : idx) s += source_weight(tags[static_cast<std::size_t>(i)]);
    return python_round(s / static_cast<double>(idx.size()), 1);
  };
  q.matchup_pct = category({5, 6, 7, 8, 13, 14});
  q.player_history_pct = category({0, 1, 2, 3, 4});
  q.team_context_pct = category({22, 23, 24});
  q.game_context_pct = category({9, 10, 11, 12, 15, 16, 17, 18, 19, 20, 21});
  const bool good_tier = q.tier == "gold" || q.tier == "silver";
  q.is_training_ready = good_tier && q.matchup_pct >= 70 && q.player_history_pct >= 80;
  q.is_quality_ready =
      (good_tier || q.tier == "bronze") && q.score >= 70 && q.matchup_pct >= 50 && q.default_count == 0;
  return q;
}

}  // namespace nba::mlfs
