#pragma once
// PCF's four *_context_json columns (columns-parity.md 5.2): HEAD's
// build_context of each factor, json.dumps'd. The shards keep the ~20 values
// the texts show (ContextShown, about 150 bytes a row) and the export renders
// the text (about 700 bytes a row, ~1 KB as fixed-width strings), byte for byte.
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/output_table.hpp"
#include "phase3/table.hpp"
#include "processors/context_inputs.hpp"
#include "processors/psza.hpp"
#include "processors/tdza.hpp"

namespace nba::pcf {

// An input with a default when NULL (NaN for doubles, kNull for integers).
inline double or_default(double v, double d) { return std::isnan(v) ? d : v; }
inline std::int64_t or_default(std::int64_t v, std::int64_t d) { return v == kNull ? d : v; }

// The values after HEAD's _safe_int/_safe_float/_safe_bool defaults (not always
// the scores' defaults: days_rest 0, usage 0.0), and the unrounded scores.
struct ContextShown {
  std::int64_t days_rest = 0, games_last_7 = 0, back_to_backs_last_14 = 0, player_age = 25;
  bool back_to_back = false;
  double minutes_last_7 = 0, avg_minutes_pg_last_7 = 0;
  std::int64_t fatigue_score = 0;
  bool zone_missing = true;  // no PSZA row for the player or no TDZA row for the opponent
  std::string primary_zone, opponent_weak_zone;  // "unknown" for NULL
  double zone_frequency = 0, opponent_defense_vs_league = 0, zone_score = 0;
  double pace_differential = 0, opponent_pace_last_10 = 100, pace_score = 0;
  double projected_usage_rate = 0, avg_usage_last_7 = 0, usage_score = 0;
  std::int64_t star_teammates_out = 0;
};

ContextShown context_shown(const PlayerContextRow& c, const psza::Row* zone, const tdza::Row* defense, int fatigue_score,
                           double zone_score, double pace_score, double usage_score);

std::string fatigue_context_json(const ContextShown& s);
std::string shot_zone_context_json(const ContextShown& s);
std::string pace_context_json(const ContextShown& s);
std::string usage_context_json(const ContextShown& s);

// The JSON text of one of the four schema columns ("fatigue_context_json", ...).
std::string context_json(std::string_view column, const ContextShown& s);

// The stored columns, all named "context_<field>" (never exported as such).
inline constexpr std::string_view kContextColumnPrefix = "context_";
template <typename Rows, typename Get>
void add_context_columns(OutputTable& t, const Rows& rows, Get get) {
  auto i = [&](const char* name, std::int64_t ContextShown::*m) {
    t.add_i64(name, rows, [&](const auto& r) { return get(r).*m; });
  };
  auto f = [&](const char* name, double ContextShown::*m) {
    t.add_f64(name, rows, [&](const auto& r) { return get(r).*m; });
  };
  auto b = [&](const char* name, bool ContextShown::*m) {
    t.add_i64(name, rows, [&](const auto& r) { return std::int64_t{get(r).*m}; });
  };
  i("context_days_rest", &ContextShown::days_rest);
  b("context_back_to_back", &ContextShown::back_to_back);
  i("context_games_last_7", &ContextShown::games_last_7);
  f("context_minutes_last_7", &ContextShown::minutes_last_7);
  f("context_avg_minutes_pg_last_7", &ContextShown::avg_minutes_pg_last_7);
  i("context_back_to_backs_last_14", &ContextShown::back_to_backs_last_14);
  i("context_player_age", &ContextShown::player_age);
  b("context_zone_missing", &ContextShown::zone_missing);
  t.add_str("context_primary_zone", 16, rows, [&](const auto& r) -> std::string_view { return get(r).primary_zone; });
  f("context_zone_frequency", &ContextShown::zone_frequency);
  t.add_str("context_opponent_weak_zone", 16, rows,
            [&](const auto& r) -> std::string_view { return get(r).opponent_weak_zone; });
  f("context_opponent_defense_vs_league", &ContextShown::opponent_defense_vs_league);
  f("context_zone_score", &ContextShown::zone_score);
  f("context_pace_differential", &ContextShown::pace_differential);
  f("context_opponent_pace_last_10", &ContextShown::opponent_pace_last_10);
  f("context_pace_score", &ContextShown::pace_score);
  f("context_projected_usage_rate", &ContextShown::projected_usage_rate);
  f("context_avg_usage_last_7", &ContextShown::avg_usage_last_7);
  i("context_star_teammates_out", &ContextShown::star_teammates_out);
  f("context_usage_score", &ContextShown::usage_score);
}

// Rebuilds a row's ContextShown from the stored columns (the export): num(name)
// and text(name) read the row's value of a stored column; fatigue_score is the
// table's own fatigue_score column.
template <typename Num, typename Text>
ContextShown context_from_columns(Num num, Text text) {
  ContextShown s;
  auto i = [&](const char* n) { return static_cast<std::int64_t>(num(n)); };
  s.days_rest = i("context_days_rest"), s.back_to_back = num("context_back_to_back") != 0;
  s.games_last_7 = i("context_games_last_7"), s.minutes_last_7 = num("context_minutes_last_7");
  s.avg_minutes_pg_last_7 = num("context_avg_minutes_pg_last_7");
  s.back_to_backs_last_14 = i("context_back_to_backs_last_14"), s.player_age = i("context_player_age");
  s.fatigue_score = i("fatigue_score");
  s.zone_missing = num("context_zone_missing") != 0;
  s.primary_zone = text("context_primary_zone"), s.opponent_weak_zone = text("context_opponent_weak_zone");
  s.zone_frequency = num("context_zone_frequency");
  s.opponent_defense_vs_league = num("context_opponent_defense_vs_league");
  s.zone_score = num("context_zone_score");
  s.pace_differential = num("context_pace_differential"), s.opponent_pace_last_10 = num("context_opponent_pace_last_10");
  s.pace_score = num("context_pace_score");
  s.projected_usage_rate = num("context_projected_usage_rate"), s.avg_usage_last_7 = num("context_avg_usage_last_7");
  s.star_teammates_out = i("context_star_teammates_out"), s.usage_score = num("context_usage_score");
  return s;
}

}  // namespace nba::pcf
