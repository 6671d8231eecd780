#include "processors/pcf.hpp"

#include <algorithm>
#include <cmath>

#include "core/decimal_stats.hpp"
#include "core/rounding.hpp"
#include "phase3/table.hpp"
#include "processors/keyed_rows.hpp"
#include "processors/row_hash.hpp"
#include "processors/source_hashes.hpp"

namespace nba::pcf {

namespace {


// Python round to the column scale, then NUMERIC storage (a no-op after the round).
double stored(double x, int scale) { return numeric_store(python_round(x, scale), scale); }

}  // namespace

int fatigue_score(const PlayerContextRow& c) {
  const std::int64_t days_rest = or_default(c.days_rest, 1);
  const bool back_to_back = or_default(c.back_to_back, 0) == 1;
  const std::int64_t games7 = or_default(c.games_in_last_7_days, 3);
  const double minutes7 = c.minutes_in_last_7_days == kNull ? 200.0 : static_cast<double>(c.minutes_in_last_7_days);
  const double mpg7 = or_default(c.avg_minutes_per_game_last_7, 30.0);
  const std::int64_t b2b14 = or_default(c.back_to_backs_last_14_days, 0);
  const std::int64_t age = or_default(c.player_age, 25);
  int s = 100;
  if (back_to_back) s -= 15;
  else if (days_rest >= 3) s += 5;
  if (games7 >= 4) s -= 10;
  if (minutes7 > 240) s -= 10;
  if (mpg7 > 35) s -= 8;
  if (b2b14 >= 2) s -= 12;
  else if (b2b14 == 1) s -= 5;
  if (age >= 35) s -= 10;
  else if (age >= 30) s -= 5;
  return std::max(0, std::min(100, s));
}

double shot_zone_mismatch(const psza::Row* zone, const tdza::Row* defense) {
  if (!zone || !defense) return 0.0;
  const std::string& z = zone->primary_scoring_zone;
  double usage = zone->paint_rate_last_10, vs = defense->paint_defense_vs_league_avg;  // balanced / NULL / other
  if (z == "mid_range") usage = zone->mid_range_rate_last_10, vs = defense->mid_range_defense_vs_league_avg;
  if (z == "perimeter") usage = zone->three_pt_rate_last_10, vs = defense->three_pt_defense_vs_league_avg;
  usage = or_default(usage, 50.0);
  vs = or_default(vs, 0.0);
  double w = vs * std::min(usage / 50.0, 1.0);
  if (std::abs(w) > 5.0) w *= 1.2;
  return clamp_min_max(w, -10.0, 10.0);
}

double pace_factor(double pace_differential) { return clamp_min_max(or_default(pace_differential, 0.0) / 2.0, -3.0, 3.0); }

double usage_spike(double projected, double baseline, std::int64_t stars_out) {
  const double p = or_default(projected, 25.0), b = or_default(baseline, 25.0);
  const std::int64_t k = or_default(stars_out, 0);
  if (b == 0) return 0.0;
  double x = 0.3 * (p - b);
  if (k > 0 && x > 0) x *= k >= 2 ? 1.30 : 1.15;
  return clamp_min_max(x, -3.0, 3.0);
}

namespace {

// data_hash (columns-parity.md 5.1): the record's Python values, so the scores
// as round(x, 1) (-0.0 included), not as stored.
std::string row_data_hash(const Row& r, std::string_view date, double f2, double f3, double f4, double total) {
  FieldHash16 h;
  h.str("analysis_date", date);
  h.str("calculation_version", kVersion);
  h.num("data_completeness_pct", r.data_completeness_pct);
  h.boolean("early_season_flag", false);
  h.integer("fatigue_score", r.fatigue_score);
  h.str("game_date", date);
  h.str("game_id", r.game_id);
  h.boolean("has_warnings", !r.warning_details.empty());
  h.null("insufficient_data_reason");
  h.num("look_ahead_pressure_score", 0.0);
  h.str("missing_data_fields", r.missing_data_fields);
  h.num("opponent_strength_score", 0.0);
  h.num("pace_score", python_round(f3, 1));
  h.str("player_lookup", r.player_lookup);
  h.num("referee_favorability_score", 0.0);
  h.num("shot_zone_mismatch_score", python_round(f2, 1));
  h.num("total_composite_adjustment", python_round(total, 2));
  h.num("travel_impact_score", 0.0);
  h.str("universal_player_id", r.universal_player_id);
  h.num("usage_spike_score", python_round(f4, 1));
  h.str("warning_details", r.warning_details);
  return h.finish();
}

}  // namespace

std::vector<PlayerContextRow> synthetic_context(const PlayerGameHistory& players, Day d) {
  return nba::synthetic_context(players, d, [](PlayerContextRow& c, const PlayerGame& today, const RecentLoad& r) {
    c.opponent_team_abbr = today.opponent_team_abbr;
    c.game_id = today.game_id;
    c.back_to_back = r.played_day_before ? 1 : 0;
    c.days_rest = r.played_day_before ? 0 : 1;  // the synthetic encoding (UPCG would say 1 for a back-to-back)
    // BigQuery's AVG of NUMERIC usage_rate: the quotient rounded to 9 decimals, as HEAD receives it.
    c.avg_usage_rate_last_7_games =
        r.usage_7_count == 0 ? kNoValue : bigquery_numeric_quotient(r.usage_7_sum_x100, 2, r.usage_7_count);
    c.star_teammates_out = 0;
  });
}

Result compute(const PlayerGameHistory& players, const ContextInputs& in, const std::vector<psza::Row>& psza_rows,
               const std::vector<tdza::Row>& tdza_rows, Day d, const SourceHashes& source_hashes) {
  Result result;
  std::vector<PlayerContextRow> roster = in.context_on(d);
  // Backfill rule (3.3): use the synthetic context when the context table is empty
  // for D or covers fewer than 90 % of the players who played on D.
  const std::size_t played_today = players.players_on(d).size();
  if (roster.empty() ||
      (played_today > 0 && static_cast<double>(roster.size()) < kSyntheticContextShare * static_cast<double>(played_today))) {
    roster = synthetic_context(players, d);
    result.synthetic_context = true;
  }
  roster.erase(std::unique(roster.begin(), roster.end(),
                           [](const auto& a, const auto& b) { return a.player_lookup == b.player_lookup; }),
               roster.end());  // sorted by player_lookup: the first row per player wins

  const KeyedRows<psza::Row> zone_of(psza_rows, &psza::Row::player_lookup, OnDuplicateKey::LastWins);
  const KeyedRows<tdza::Row> defense_of(tdza_rows, &tdza::Row::team_abbr, OnDuplicateKey::LastWins);

  result.rows.reserve(roster.size());
  const std::string date_text = format_iso_date(d);
  for (const auto& c : roster) {
    ++result.entities;
    const psza::Row* zone = zone_of.find(c.player_lookup);
    const tdza::Row* defense = defense_of.find(c.opponent_team_abbr);

    const int fatigue = fatigue_score(c);
    const double fatigue_adj = (fatigue - 100) / 20.0;
    const double f2 = shot_zone_mismatch(zone, defense);
    const double f3 = pace_factor(c.pace_differential);
    const double f4 = usage_spike(c.projected_usage_rate, c.avg_usage_rate_last_7_games, c.star_teammates_out);
    const double total = fatigue_adj + f2 + f3 + f4 + 0.0 + 0.0 + 0.0 + 0.0;

    Row row;
    row.player_lookup = c.player_lookup;
    row.universal_player_id = c.universal_player_id;
    row.game_id = c.game_id;
    row.game_date = d;
    row.fatigue_score = fatigue;
    row.shot_zone_mismatch_score = stored(f2, 1);
    row.pace_score = stored(f3, 1);
    row.usage_spike_score = stored(f4, 1);
    row.total_composite_adjustment = stored(total, 2);

    const std::pair<const char*, bool> items[] = {{"days_rest", c.days_rest != kNull},
                                                  {"projected_usage_rate", !std::isnan(c.projected_usage_rate)},
                                                  {"pace_differential", !std::isnan(c.pace_differential)},
                                                  {"player_shot_zone", zone != nullptr},
                                                  {"team_defense_zone", defense != nullptr}};
    int present = 0;
    for (const auto& [name, ok] : items) {
      if (ok) {
        ++present;
        continue;
      }
      if (!row.missing_data_fields.empty()) row.missing_data_fields += ", ";
      row.missing_data_fields += name;
    }
    row.data_completeness_pct = numeric_store(20.0 * present, 2);
    auto warn = [&](bool cond, const char* text) {
      if (!cond) return;
      if (!row.warning_details.empty()) row.warning_details += "; ";
      row.warning_details += text;
    };
    warn(fatigue < 50, "EXTREME_FATIGUE: Player showing severe fatigue");
    warn(std::abs(f2) > 8.0, "EXTREME_MATCHUP: Unusual zone mismatch");
    warn(std::abs(total) > 12.0, "EXTREME_ADJUSTMENT: Very large composite adjustment");
    // HEAD counts PSZA rows per player and looks each player up with a default
    // of 1 (spec 3.6): a player without a PSZA row on D gets 1 too, not 0.
    row.backfill_games_count = 1;
    row.context = context_shown(c, zone, defense, fatigue, f2, f3, f4);
    row.source_player_context_hash = source_hashes.player_context;
    row.source_team_context_hash = source_hashes.team_context;
    row.source_player_shot_hash = source_hashes.player_shot;
    row.source_team_defense_hash = source_hashes.team_defense;
    row.data_hash = row_data_hash(row, date_text, f2, f3, f4, total);
    result.rows.push_back(std::move(row));
  }
  return result;
}

OutputTable to_table(RowBatches<Row> rows) {
  OutputTable t("pcf");
  t.add_rows(rows, [&](const auto& rows) {
    auto zero = [](const Row&) { return 0.0; };
    auto yes = [](const Row&) { return std::int64_t{1}; };
    auto no = [](const Row&) { return std::int64_t{0}; };
    t.add_str("player_lookup", 48, rows, &Row::player_lookup);
    t.add_str("universal_player_id", 48, rows, &Row::universal_player_id);
    t.add_date("game_date", rows, &Row::game_date);
    t.add_str("game_id", 24, rows, &Row::game_id);
    t.add_date("analysis_date", rows, &Row::game_date);
    t.add_i64("fatigue_score", rows, [](const Row& r) { return r.fatigue_score; });
    t.add_f64("shot_zone_mismatch_score", rows, [](const Row& r) { return r.shot_zone_mismatch_score; });
    t.add_f64("pace_score", rows, [](const Row& r) { return r.pace_score; });
    t.add_f64("usage_spike_score", rows, [](const Row& r) { return r.usage_spike_score; });
    t.add_f64("referee_favorability_score", rows, zero);
    t.add_f64("look_ahead_pressure_score", rows, zero);
    t.add_f64("travel_impact_score", rows, zero);
    t.add_f64("opponent_strength_score", rows, zero);
    t.add_f64("total_composite_adjustment", rows, [](const Row& r) { return r.total_composite_adjustment; });
    t.add_str("calculation_version", 16, rows, [](const Row&) { return std::string(kVersion); });
    t.add_f64("data_completeness_pct", rows, [](const Row& r) { return r.data_completeness_pct; });
    t.add_str("missing_data_fields", 96, rows, &Row::missing_data_fields);
    t.add_bool("has_warnings", rows, [](const Row& r) { return std::int64_t{!r.warning_details.empty()}; });
    t.add_str("warning_details", 160, rows, &Row::warning_details);
    t.add_bool("early_season_flag", rows, no);
    // Backfill-mode completeness (spec 3.6): ready, 100 %, expected = actual = PSZA rows (default 1).
    t.add_i64("expected_games_count", rows, [](const Row& r) { return r.backfill_games_count; });
    t.add_i64("actual_games_count", rows, [](const Row& r) { return r.backfill_games_count; });
    t.add_f64("completeness_percentage", rows, [](const Row&) { return 100.0; });
    t.add_i64("missing_games_count", rows, no);
    t.add_bool("is_production_ready", rows, yes);
    t.add_bool("upstream_player_shot_ready", rows, yes);
    t.add_bool("upstream_team_defense_ready", rows, yes);
    t.add_bool("upstream_player_context_ready", rows, yes);
    t.add_bool("upstream_team_context_ready", rows, yes);
    t.add_bool("all_upstreams_ready", rows, yes);
    t.add_bool("season_boundary_detected", rows, no);
    t.add_bool("backfill_bootstrap_mode", rows, no);
    add_context_columns(t, rows, [](const Row& r) -> const ContextShown& { return r.context; });
    t.add_str("source_player_context_hash", kHashWidth, rows, &Row::source_player_context_hash);
    t.add_str("source_team_context_hash", kHashWidth, rows, &Row::source_team_context_hash);
    t.add_str("source_player_shot_hash", kHashWidth, rows, &Row::source_player_shot_hash);
    t.add_str("source_team_defense_hash", kHashWidth, rows, &Row::source_team_defense_hash);
    t.add_str("data_hash", kHashWidth, rows, &Row::data_hash);
  });
  return t;
}

}  // namespace nba::pcf
