#include "processors/pcf_context.hpp"

#include <cmath>
#include <stdexcept>
#include <vector>

#include "phase3/table.hpp"
#include "processors/row_hash.hpp"

namespace nba::pcf {

ContextShown context_shown(const PlayerContextRow& c, const psza::Row* zone, const tdza::Row* defense, int fatigue_score,
                           double zone_score, double pace_score, double usage_score) {
  ContextShown s;
  s.days_rest = or_default(c.days_rest, 0);
  s.back_to_back = or_default(c.back_to_back, 0) != 0;
  s.games_last_7 = or_default(c.games_in_last_7_days, 0);
  s.minutes_last_7 = c.minutes_in_last_7_days == kNull ? 0.0 : static_cast<double>(c.minutes_in_last_7_days);
  s.avg_minutes_pg_last_7 = or_default(c.avg_minutes_per_game_last_7, 0.0);
  s.back_to_backs_last_14 = or_default(c.back_to_backs_last_14_days, 0);
  s.player_age = or_default(c.player_age, 25);
  s.fatigue_score = fatigue_score;
  s.zone_missing = !zone || !defense;
  if (!s.zone_missing) {
    const std::string& z = zone->primary_scoring_zone;
    double rate = zone->paint_rate_last_10, vs = defense->paint_defense_vs_league_avg;  // any other zone: paint
    if (z == "mid_range") rate = zone->mid_range_rate_last_10, vs = defense->mid_range_defense_vs_league_avg;
    if (z == "perimeter") rate = zone->three_pt_rate_last_10, vs = defense->three_pt_defense_vs_league_avg;
    s.primary_zone = z.empty() ? "unknown" : z;
    s.zone_frequency = or_default(rate, 0.0);
    s.opponent_weak_zone = defense->weakest_zone.empty() ? "unknown" : defense->weakest_zone;
    s.opponent_defense_vs_league = or_default(vs, 0.0);
  }
  s.zone_score = zone_score;
  s.pace_differential = or_default(c.pace_differential, 0.0);
  s.opponent_pace_last_10 = or_default(c.opponent_pace_last_10, 100.0);
  s.pace_score = pace_score;
  s.projected_usage_rate = or_default(c.projected_usage_rate, 0.0);
  s.avg_usage_last_7 = or_default(c.avg_usage_rate_last_7_games, 0.0);
  s.star_teammates_out = or_default(c.star_teammates_out, 0);
  s.usage_score = usage_score;
  return s;
}

std::string fatigue_context_json(const ContextShown& s) {
  // The listed penalties use the shown (defaulted) values; the mpg, B2B-count and
  // age-30 penalties of the score are not listed, as in HEAD.
  std::vector<std::string_view> penalties, bonuses;
  if (s.back_to_back) penalties.push_back("back_to_back: -15");
  if (s.games_last_7 >= 4) penalties.push_back("frequent_games: -10");
  if (s.minutes_last_7 > 240) penalties.push_back("heavy_minutes: -10");
  if (s.player_age >= 35) penalties.push_back("veteran_age: -10");  // a NULL age shows 25
  if (s.days_rest >= 3) bonuses.push_back("extra_rest: +5");
  PyJsonObject o;
  o.integer("days_rest", s.days_rest);
  o.boolean("back_to_back", s.back_to_back);
  o.integer("games_last_7", s.games_last_7);
  o.num("minutes_last_7", s.minutes_last_7);
  o.num("avg_minutes_pg_last_7", s.avg_minutes_pg_last_7);
  o.integer("back_to_backs_last_14", s.back_to_backs_last_14);
  o.integer("player_age", s.player_age);
  o.str_list("penalties_applied", penalties);
  o.str_list("bonuses_applied", bonuses);
  o.integer("final_score", s.fatigue_score);
  return o.text();
}

std::string shot_zone_context_json(const ContextShown& s) {
  if (s.zone_missing) return "{\"missing_data\": true}";
  PyJsonObject o;
  o.str("player_primary_zone", s.primary_zone);
  o.num("primary_zone_frequency", s.zone_frequency);
  o.str("opponent_weak_zone", s.opponent_weak_zone);
  o.num("opponent_defense_vs_league", s.opponent_defense_vs_league);
  o.str("mismatch_type", s.zone_score > 2.0 ? "favorable" : s.zone_score < -2.0 ? "unfavorable" : "neutral");
  o.num("final_score", s.zone_score);
  return o.text();
}

std::string pace_context_json(const ContextShown& s) {
  const double diff = s.pace_differential;
  PyJsonObject o;
  o.num("pace_differential", diff);
  o.num("opponent_pace_last_10", s.opponent_pace_last_10);
  o.num("league_avg_pace", 100.0);
  o.str("pace_environment", diff > 2.0 ? "fast" : diff < -2.0 ? "slow" : "normal");
  o.num("final_score", s.pace_score);
  return o.text();
}

std::string usage_context_json(const ContextShown& s) {
  const double diff = s.projected_usage_rate - s.avg_usage_last_7;
  PyJsonObject o;
  o.num("projected_usage_rate", s.projected_usage_rate);
  o.num("avg_usage_last_7", s.avg_usage_last_7);
  o.num("usage_differential", diff);
  o.integer("star_teammates_out", s.star_teammates_out);
  o.str("usage_trend", diff > 2.0 ? "spike" : diff < -2.0 ? "drop" : "stable");
  o.num("final_score", s.usage_score);
  return o.text();
}

std::string context_json(std::string_view column, const ContextShown& s) {
  if (column == "fatigue_context_json") return fatigue_context_json(s);
  if (column == "shot_zone_context_json") return shot_zone_context_json(s);
  if (column == "pace_context_json") return pace_context_json(s);
  if (column == "usage_context_json") return usage_context_json(s);
  throw std::logic_error("no PCF context column " + std::string(column));
}

}  // namespace nba::pcf
