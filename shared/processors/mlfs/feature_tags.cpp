#include "processors/mlfs/feature_tags.hpp"

#include <limits>
#include <stdexcept>

namespace nba::mlfs {

const std::array<std::string, kScored>& feature_names() {
  static const std::array<std::string, kScored> names = {
      "points_avg_last_5", "points_avg_last_10", "points_avg_season", "points_std_last_10", "games_in_last_7_days",
      "fatigue_score", "shot_zone_mismatch_score", "pace_score", "usage_spike_score", "rest_advantage",
      "injury_risk", "recent_trend", "minutes_change", "opponent_def_rating", "opponent_pace", "home_away",
      "back_to_back", "playoff_game", "pct_paint", "pct_mid_range", "pct_three", "pct_free_throw", "team_pace",
      "team_off_rating", "team_win_pct", "vegas_points_line", "vegas_opening_line", "vegas_line_move",
      "has_vegas_line", "avg_points_vs_opponent", "games_vs_opponent", "minutes_avg_last_10", "ppm_avg_last_10",
      "dnp_rate", "pts_slope_10g", "pts_vs_season_zscore", "breakout_flag", "star_teammates_out",
      "game_total_line", "days_rest", "minutes_load_last_7d", "spread_magnitude", "implied_team_total",
      "points_avg_last_3", "scoring_trend_slope", "deviation_from_avg_last3", "consecutive_games_below_avg",
      "teammate_usage_available", "usage_rate_last_5", "games_since_structural_change", "multi_book_line_std",
      "prop_over_streak", "prop_under_streak", "line_vs_season_avg", "prop_line_delta", "over_rate_last_10",
      "margin_vs_line_avg_last_5", "blowout_minutes_risk", "minutes_volatility_last_10", "opponent_pace_mismatch"};
  return names;
}

const std::vector<std::string>& source_names() {
  static const std::vector<std::string> names = {"missing",  "default",     "phase3",           "phase4",     "calculated",
                                                 "vegas",    "bettingpros", "opponent_history", "minutes_ppm"};
  return names;
}

double source_weight(Source s) {
  switch (s) {
    case Source::Phase4: case Source::Calculated: case Source::Vegas: case Source::BettingPros: return 100;
    case Source::Phase3: return 87;
    case Source::OpponentHistory: return 90;
    case Source::MinutesPpm: return 95;
    case Source::Default: return 40;
    case Source::Missing: return 0;
  }
  return 40;
}

std::string_view canonical_source(Source s) {
  switch (s) {
    case Source::Phase4: case Source::Vegas: case Source::OpponentHistory: case Source::MinutesPpm: return "phase4";
    case Source::Phase3: return "phase3";
    case Source::Calculated: return "calculated";
    case Source::BettingPros: return "bettingpros";
    case Source::Default: case Source::Missing: return "default";
  }
  return "default";
}

bool is_optional(int i) { return (i >= 25 && i <= 27) || i == 37 || i == 38 || (i >= 39 && i <= 59); }

const FeatureRange& feature_range(int index) {
  static const std::array<FeatureRange, kFeatures> ranges = {{
      {0, 70, "0", "70", "points_avg_last_5"}, {0, 70, "0", "70", "points_avg_last_10"},
      {0, 70, "0", "70", "points_avg_season"}, {0, 30, "0", "30", "points_std_last_10"},
      {0, 4, "0", "4", "games_in_last_7_days"}, {0, 100, "0", "100", "fatigue_score"},
      {-15, 15, "-15", "15", "shot_zone_mismatch_score"}, {-8, 8, "-8", "8", "pace_score"},
      {-8, 8, "-8", "8", "usage_spike_score"}, {-3, 3, "-3", "3", "rest_advantage"},
      {0, 3, "0", "3", "injury_risk"}, {-2, 2, "-2", "2", "recent_trend"},
      {-2, 2, "-2", "2", "minutes_change"}, {90, 130, "90", "130", "opponent_def_rating"},
      {90, 115, "90", "115", "opponent_pace"}, {0, 1, "0", "1", "home_away"},
      {0, 1, "0", "1", "back_to_back"}, {0, 1, "0", "1", "playoff_game"},
      {0, 1, "0", "1", "pct_paint"}, {0, 1, "0", "1", "pct_mid_range"},
      {0, 1, "0", "1", "pct_three"}, {0, 0.5, "0", "0.5", "pct_free_throw"},
      {90, 115, "90", "115", "team_pace"}, {90, 130, "90", "130", "team_off_rating"},
      {0, 1, "0", "1", "team_win_pct"}, {0, 80, "0", "80", "vegas_points_line"},
      {0, 80, "0", "80", "vegas_opening_line"}, {-15, 15, "-15", "15", "vegas_line_move"},
      {0, 1, "0", "1", "has_vegas_line"}, {0, 70, "0", "70", "avg_points_vs_opponent"},
      {0, 100, "0", "100", "games_vs_opponent"}, {0, 48, "0", "48", "minutes_avg_last_10"},
      {0, 1.5, "0", "1.5", "ppm_avg_last_10"}, {0, 1, "0", "1", "dnp_rate"},
      {-5, 5, "-5", "5", "pts_slope_10g"}, {-4, 4, "-4", "4", "pts_vs_season_zscore"},
      {0, 1, "0", "1", "breakout_flag"}, {0, 5, "0", "5", "star_teammates_out"},
      {180, 280, "180", "280", "game_total_line"}, {0, 10, "0", "10", "days_rest"},
      {0, 250, "0", "250", "minutes_load_last_7d"}, {0, 25, "0", "25", "spread_magnitude"},
      {90, 140, "90", "140", "implied_team_total"}, {0, 70, "0", "70", "points_avg_last_3"},
      {-5, 5, "-5", "5", "scoring_trend_slope"}, {-4, 4, "-4", "4", "deviation_from_avg_last3"},
      {0, 20, "0", "20", "consecutive_games_below_avg"}, {0, 100, "0", "100", "teammate_usage_available"},
      {0, 40, "0", "40", "usage_rate_last_5"}, {0, 60, "0", "60", "games_since_structural_change"},
      {0, 5, "0", "5", "multi_book_line_std"}, {0, 20, "0", "20", "prop_over_streak"},
      {0, 20, "0", "20", "prop_under_streak"}, {-30, 30, "-30", "30", "line_vs_season_avg"},
      {-20, 20, "-20", "20", "prop_line_delta"}, {0, 1, "0", "1", "over_rate_last_10"},
      {-25, 25, "-25", "25", "margin_vs_line_avg_last_5"}, {0, 1, "0", "1", "blowout_minutes_risk"},
      {0, 20, "0", "20", "minutes_volatility_last_10"}, {-20, 20, "-20", "20", "opponent_pace_mismatch"},
      {-5, 5, "-5", "5", "line_movement_direction"}, {-1, 1, "-1", "1", "vig_skew"},
      {0, 1, "0", "1", "self_creation_rate"}, {0, 50, "0", "50", "late_line_movement_count"},
  }};
  return ranges.at(static_cast<std::size_t>(index));
}

std::string_view fallback_reason(int i) {
  if (i >= 5 && i <= 8) return "composite_factors_missing";
  if (i == 13 || i == 14) return "opponent_defense_missing";
  if (i >= 18 && i <= 20) return "shot_zone_data_missing";
  if (i >= 25 && i <= 27) return "vegas_line_unavailable";
  if (i == 29 || i == 30) return "no_opponent_history";
  if (i == 31 || i == 32) return "minutes_ppm_unavailable";
  switch (i) {
    case 37: return "star_teammates_out_unavailable";
    case 38: return "game_total_line_unavailable";
    case 39: return "days_rest_unavailable";
    case 40: return "minutes_load_unavailable";
    case 41: return "spread_unavailable";
    case 42: return "implied_team_total_unavailable";
    case 43: case 44: case 45: case 46: case 48: case 49: return "rolling_stats_unavailable";
    case 47: case 50: return "dead_feature";
    case 51: case 52: return "prop_streaks_unavailable";
    case 53: return "line_vs_season_unavailable";
    case 54: return "no_prior_line";
    case 55: case 56: return "insufficient_prop_history";
    case 57: return "team_history_unavailable";
    case 58: return "insufficient_minutes_history";
    case 59: return "pace_unavailable";
    default: return "data_unavailable";
  }
}

std::string_view upstream_table(int i) {
  if ((i >= 0 && i <= 4) || i == 31 || i == 32) return "player_daily_cache";
  if (i >= 5 && i <= 8) return "player_composite_factors";
  if (i == 13 || i == 14) return "team_defense_zone_analysis";
  if ((i >= 15 && i <= 17) || (i >= 37 && i <= 41) || i == 51 || i == 52) return "upcoming_player_game_context";
  if (i >= 18 && i <= 20) return "player_shot_zone_analysis";
  if (i == 22 || i == 23) return "team_offense_game_summary";
  if (i == 25 || i == 26) return "odds_api";
  if (i == 29 || i == 30) return "player_game_summary";
  if (i == 47 || i == 50) return "default";
  return "calculated";
}

bool missing_is_none(int i) { return (i >= 18 && i <= 20) || (i >= 25 && i <= 27) || i == 38; }

void FeatureVector::set_missing(int i) { set(i, std::numeric_limits<double>::quiet_NaN(), Source::Missing); }

}  // namespace nba::mlfs
