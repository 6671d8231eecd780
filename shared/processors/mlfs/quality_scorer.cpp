#include "processors/mlfs/quality_scorer.hpp"

#include <algorithm>
#include <cmath>

#include "core/rounding.hpp"

namespace nba::mlfs {

namespace {
constexpr std::array<int, 6> kMatchupIndices = {5, 6, 7, 8, 13, 14};
}  // namespace

Category category_of(int i) {
  if (std::find(kMatchupIndices.begin(), kMatchupIndices.end(), i) != kMatchupIndices.end()) return kMatchup;
  if (i == 22 || i == 23 || i == 24 || i == 57) return kTeamContext;
  if (i >= 25 && i <= 28) return kVegas;
  if ((i >= 0 && i <= 4) || (i >= 29 && i <= 37) || (i >= 43 && i <= 46) || i == 48 || i == 49 ||
      (i >= 54 && i <= 56) || i == 58)
    return kPlayerHistory;
  return kGameContext;  // 9-12, 15-21, 38-42, 47, 50-53, 59
}

const char* quality_tier(double pct) {
  return pct >= 95 ? "gold" : pct >= 85 ? "silver" : pct >= 70 ? "bronze" : pct >= 50 ? "poor" : "critical";
}

Quality score_quality(const ScoredTags& tags) {
  Quality q{};
  double counted_sum = 0;
  int counted = 0, raw_phase4 = 0, raw_phase3 = 0;
  std::array<double, kCategories> category_sum{};
  std::array<int, kCategories> category_size{};
  for (int i = 0; i < kScored; ++i) {
    const Source s = tags[static_cast<std::size_t>(i)];
    const double w = source_weight(s);
    const bool def = is_default_like(s);
    if (!(def && is_optional(i))) counted_sum += w, ++counted;
    if (def) {
      ++q.default_count;
      q.default_mask |= std::uint64_t{1} << i;
      q.required_default_count += !is_optional(i);
    }
    const std::string_view canon = canonical_source(s);
    q.phase4_count += canon == "phase4";
    q.phase3_count += canon == "phase3";
    q.calculated_count += canon == "calculated";
    raw_phase4 += s == Source::Phase4;
    raw_phase3 += s == Source::Phase3;
    q.training_quality_count += w >= 85;
    const Category c = category_of(i);
    category_sum[c] += w, ++category_size[c], q.category_defaults[c] += def;
    const bool matchup = c == kMatchup;
    q.critical_count += matchup && w >= 85;
    q.optional_count += !matchup && !def;
  }
  double score = counted == 0 ? 0.0 : counted_sum / counted;
  if (q.required_default_count >= 5) score = std::min(score, 49.0);
  else if (q.required_default_count >= 1) score = std::min(score, 69.0);
  q.score = python_round(score, 2);
  q.tier = quality_tier(q.score);
  const double share4 = raw_phase4 / static_cast<double>(kScored), share3 = raw_phase3 / static_cast<double>(kScored);
  q.data_source = share4 >= 0.90 ? "phase4" : share4 >= 0.50 ? "phase4_partial" : share3 >= 0.50 ? "phase3" : "mixed";
  for (int c = 0; c < kCategories; ++c) q.category_pct[c] = python_round(category_sum[c] / category_size[c], 1);
  auto def = [&](int i) { return is_default_like(tags[static_cast<std::size_t>(i)]); };
  q.critical_training_quality = q.critical_count == static_cast<int>(kMatchupIndices.size());
  q.has_composite_factors = !def(5) && !def(6) && !def(7) && !def(8);
  q.has_opponent_defense = !def(13) && !def(14);
  q.has_vegas_line = !def(28);  // always true at HEAD: f28 is tagged calculated (ambiguity A8)

  const double matchup = q.category_pct[kMatchup];
  q.alert_level = matchup < 50 || q.score < 50                                         ? "red"
                  : q.required_default_count > 0 || q.score < 70 || matchup < 70 ? "yellow"
                                                                                   : "green";
  const bool good_tier = q.score >= 85;  // gold or silver
  q.is_training_ready = good_tier && matchup >= 70 && q.category_pct[kPlayerHistory] >= 80;
  q.is_quality_ready = q.score >= 70 && matchup >= 50 && q.required_default_count == 0;  // bronze or better
  return q;
}

std::vector<int> default_indices(const Quality& q) {
  std::vector<int> out;
  for (int i = 0; i < kScored; ++i)
    if (q.default_mask >> i & 1) out.push_back(i);
  return out;
}

std::vector<std::string> quality_alerts(const Quality& q) {
  std::vector<std::string> alerts;
  if (q.category_defaults[kMatchup] == static_cast<int>(kMatchupIndices.size()))
    alerts.emplace_back("all_matchup_features_defaulted");
  if (!q.has_composite_factors) alerts.emplace_back("composite_factors_missing");
  if (!q.has_opponent_defense) alerts.emplace_back("opponent_defense_missing");
  const double default_share = q.default_count / static_cast<double>(kScored);
  if (default_share > 0.20)  // Python's round(): half to even
    alerts.push_back("high_default_rate_" + std::to_string(static_cast<long long>(std::nearbyint(default_share * 100))) +
                     "pct");
  if (q.category_pct[kMatchup] < 50) alerts.emplace_back("matchup_quality_critical");
  if (q.category_pct[kGameContext] < 50) alerts.emplace_back("game_context_quality_critical");
  return alerts;
}

}  // namespace nba::mlfs
