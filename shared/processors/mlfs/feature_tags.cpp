#include "processors/mlfs/feature_tags.hpp"

namespace nba::mlfs {

const std::array<std::string, kFeatures>& feature_names() {
  static const std::array<std::string, kFeatures> names = {
      "points_avg_last_5", "points_avg_last_10", "points_avg_season", "points_std_last_10", "games_in_last_7_days",
      "fatigue_score", "shot_zone_mismatch_score", "pace_score", "usage_spike_score", "rest_advantage",
      "injury_risk", "recent_trend", "minutes_change", "opponent_def_rating", "opponent_pace", "home_away",
      "back_to_back", "playoff_game", "pct_paint", "pct_mid_range", "pct_three", "pct_free_throw", "team_pace",
      "team_off_rating", "team_win_pct"};
  return names;
}

const std::vector<std::string>& source_names() {
  static const std::vector<std::string> names = {"missing", "default", "phase3", "phase4", "calculated"};
  return names;
}

double source_weight(Source s) {
  switch (s) {
    case Source::Phase4: return 100;
    case Source::Phase3: return 87;
    case Source::Calculated: return 100;
    case Source::Default: return 40;
    case Source::Missing: return 0;
  }
  return 40;
}

}  // namespace nba::mlfs
