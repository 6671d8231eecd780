// Golden cases of spec processors-pcf-mlfs.md section 3.10.
#include <gtest/gtest.h>

#include <cmath>

#include "phase3/table.hpp"
#include "player_fixtures.hpp"
#include "core/rounding.hpp"
#include "processors/pcf.hpp"
#include "processors/pcf_context.hpp"

using namespace nba;

namespace {

const Day kD = *parse_iso_date("2025-11-01");

PlayerContextRow context(std::int64_t days_rest, std::int64_t b2b, std::int64_t g7, std::int64_t min7, double mpg7,
                         std::int64_t b2b14, std::int64_t age) {
  PlayerContextRow c{};
  c.player_lookup = "p";
  c.team_abbr = "LAL";
  c.opponent_team_abbr = "GSW";
  c.game_id = "20251101_GSW_LAL";
  c.days_rest = days_rest, c.back_to_back = b2b, c.games_in_last_7_days = g7, c.minutes_in_last_7_days = min7;
  c.avg_minutes_per_game_last_7 = mpg7, c.back_to_backs_last_14_days = b2b14, c.player_age = age;
  c.games_in_last_14_days = c.minutes_in_last_14_days = c.fourth_quarter_minutes_last_7 = kNull;
  return c;
}

psza::Row zone(const char* primary, double paint, double mid, double three) {
  psza::Row z{};
  z.player_lookup = "p";
  z.primary_scoring_zone = primary;
  z.paint_rate_last_10 = paint, z.mid_range_rate_last_10 = mid, z.three_pt_rate_last_10 = three;
  return z;
}

tdza::Row defense(double paint, double mid, double three) {
  tdza::Row t{};
  t.team_abbr = "GSW";
  t.paint_defense_vs_league_avg = paint, t.mid_range_defense_vs_league_avg = mid, t.three_pt_defense_vs_league_avg = three;
  return t;
}

}  // namespace

TEST(PcfGolden, FatigueTable) {
  const double n = std::nan("");
  struct Case {
    const char* name;
    PlayerContextRow c;
    int want;
  };
  PlayerContextRow only_rest = context(1, kNull, kNull, kNull, n, kNull, kNull);
  const Case cases[] = {
      {"fresh", context(2, 0, 3, 175, 29.2, 0, 28), 100},
      {"tired", context(0, 1, 4, 250, 36.5, 2, 35), 35},
      {"heavy minutes", context(1, 0, 3, 250, 35.0, 0, 28), 90},
      {"age 25", context(1, 0, 3, 200, 33.3, 0, 25), 100},
      {"age 35", context(1, 0, 3, 200, 33.3, 0, 35), 90},
      {"slightly tired", context(1, 0, 4, 220, 34.0, 1, 30), 80},
      {"slightly tired, rest 3", context(3, 0, 4, 220, 34.0, 1, 30), 85},
      {"exhausted", context(0, 1, 5, 300, 40.0, 3, 38), 35},
      {"perfect (105 clamped)", context(5, 0, 2, 100, 20.0, 0, 22), 100},
      {"only days_rest", only_rest, 100},
  };
  for (const auto& c : cases) EXPECT_EQ(pcf::fatigue_score(c.c), c.want) << c.name;
}

TEST(PcfGolden, ShotZoneMismatch) {
  struct Case {
    psza::Row z;
    tdza::Row t;
    double raw, stored;
  };
  const Case cases[] = {
      {zone("paint", 65, 20, 15), defense(4.3, 0, 0), 4.3, 4.3},
      {zone("paint", 65, 20, 15), defense(-3.8, 0, 0), -3.8, -3.8},
      {zone("paint", 70, 20, 10), defense(6.0, 0, 0), 7.2, 7.2},
      {zone("paint", 25, 20, 55), defense(4.0, 0, 0), 2.0, 2.0},
      {zone("perimeter", 20, 15, 65), defense(-2.0, 0, 3.5), 3.5, 3.5},
      {zone("paint", 80, 10, 10), defense(15.0, 0, 0), 10.0, 10.0},
      {zone("paint", 30, 30, 40), defense(4.3, 0, 0), 2.58, 2.6},
      {zone("balanced", 40, 25, 35), defense(3.0, 9, 9), 2.4, 2.4},
      {zone("paint", 50, 20, 30), defense(-5.5, 0, 0), -6.6, -6.6},
  };
  for (const auto& c : cases) {
    EXPECT_NEAR(pcf::shot_zone_mismatch(&c.z, &c.t), c.raw, 1e-12);
    EXPECT_EQ(python_round(pcf::shot_zone_mismatch(&c.z, &c.t), 1), c.stored);
  }
  const auto z = zone("paint", 65, 20, 15);
  EXPECT_EQ(pcf::shot_zone_mismatch(&z, nullptr), 0.0);
  EXPECT_EQ(pcf::shot_zone_mismatch(nullptr, nullptr), 0.0);
}

TEST(PcfGolden, PaceAndUsage) {
  EXPECT_EQ(pcf::pace_factor(3.5), 1.75);
  EXPECT_EQ(pcf::pace_factor(-4.0), -2.0);
  EXPECT_EQ(pcf::pace_factor(0.0), 0.0);
  EXPECT_EQ(pcf::pace_factor(10.0), 3.0);
  EXPECT_EQ(pcf::pace_factor(-10.0), -3.0);
  EXPECT_EQ(pcf::pace_factor(std::nan("")), 0.0);
  const double n = std::nan("");
  struct U {
    double p, b;
    std::int64_t k;
    double raw;
  };
  for (const U& u : {U{26, 25, 0, 0.3}, U{20, 25, 0, -1.5}, U{30, 25, 1, 1.725}, U{30, 25, 2, 1.95}, U{20, 25, 2, -1.5},
                     U{25, 0, 0, 0.0}, U{50, 20, 0, 3.0}, U{10, 40, 0, -3.0}, U{n, 30, 1, -1.5}, U{n, 20, 2, 1.95},
                     U{28.5, 24.2, 0, 1.29}, U{28.5, 24.2, 1, 1.4835}, U{28.5, 24.2, 2, 1.677}})
    EXPECT_NEAR(pcf::usage_spike(u.p, u.b, u.k), u.raw, 1e-12) << u.p << " " << u.b << " " << u.k;
}

namespace {
struct Scene {
  PlayerGameHistory players;
  ContextInputs inputs;
  std::vector<psza::Row> zones;
  std::vector<tdza::Row> defenses;
  pcf::Row run_one() {
    players.build_index();
    auto r = pcf::compute(players, inputs, zones, defenses, kD);
    EXPECT_EQ(r.rows.size(), 1u);
    EXPECT_FALSE(r.synthetic_context);
    return r.rows.at(0);
  }
};
}  // namespace

TEST(PcfGolden, EndToEndLebronAndExhaustedPlayer) {
  Scene s;
  auto c = context(2, 0, 3, 175, 29.2, 0, 28);
  c.pace_differential = 3.5, c.projected_usage_rate = 26.0, c.avg_usage_rate_last_7_games = 25.0;
  s.inputs.context_by_date[kD] = {c};
  s.zones = {zone("paint", 65, 20, 15)};
  s.defenses = {defense(4.3, 0, 0)};
  const auto r = s.run_one();
  EXPECT_EQ(r.fatigue_score, 100);
  EXPECT_EQ(r.shot_zone_mismatch_score, 4.3);
  EXPECT_EQ(r.pace_score, 1.8);
  EXPECT_EQ(r.usage_spike_score, 0.3);
  EXPECT_EQ(r.total_composite_adjustment, 6.35);
  EXPECT_EQ(r.warning_details, "");
  EXPECT_EQ(r.data_completeness_pct, 100.0);
  EXPECT_EQ(r.missing_data_fields, "");
  const auto table = pcf::to_table({r});
  EXPECT_EQ(table.column("calculation_version").str_at(0), "v1_4factors");
  EXPECT_EQ(table.column("opponent_strength_score").f64[0], 0.0);

  Scene e;  // no PSZA row for this player
  auto x = context(0, 1, 5, 300, 40.0, 3, 38);
  x.projected_usage_rate = 25.0;
  e.inputs.context_by_date[kD] = {x};
  e.defenses = {defense(4.3, 0, 0)};
  const auto er = e.run_one();
  EXPECT_EQ(er.fatigue_score, 35);
  EXPECT_EQ(er.shot_zone_mismatch_score, 0.0);
  EXPECT_EQ(er.total_composite_adjustment, -3.25);
  EXPECT_EQ(er.warning_details, "EXTREME_FATIGUE: Player showing severe fatigue");
  EXPECT_EQ(er.data_completeness_pct, 60.0);  // days_rest, projected usage, TDZA present; pace, PSZA missing
  EXPECT_EQ(er.missing_data_fields, "pace_differential, player_shot_zone");
  // HEAD looks PSZA row counts up with a default of 1 (issue 21): 1 with or
  // without a PSZA row, never 0.
  for (const auto& t : {pcf::to_table({er}), pcf::to_table({r})}) {
    EXPECT_EQ(t.column("expected_games_count").i64[0], 1);
    EXPECT_EQ(t.column("actual_games_count").i64[0], 1);
  }
}

TEST(PcfGolden, FatigueAdjustmentMapsIntoTheTotal) {
  struct F {
    PlayerContextRow c;
    double total;
  };
  for (const F& f : {F{context(2, 0, 3, 175, 29.2, 0, 28), 0.0}, F{context(1, 0, 4, 220, 34.0, 1, 30), -1.0},
                     F{context(0, 1, 4, 250, 36.5, 2, 35), -3.25}}) {
    Scene s;
    s.inputs.context_by_date[kD] = {f.c};
    EXPECT_EQ(s.run_one().total_composite_adjustment, f.total);
  }
}

TEST(PcfGolden, MatchupAndAdjustmentWarnings) {
  Scene s;
  auto c = context(2, 0, 3, 175, 29.2, 0, 28);
  c.pace_differential = 10.0, c.projected_usage_rate = 50.0, c.avg_usage_rate_last_7_games = 20.0;
  s.inputs.context_by_date[kD] = {c};
  s.zones = {zone("paint", 80, 10, 10)};
  s.defenses = {defense(15.0, 0, 0)};
  const auto r = s.run_one();
  EXPECT_EQ(r.total_composite_adjustment, 16.0);
  EXPECT_EQ(r.warning_details,
            "EXTREME_MATCHUP: Unusual zone mismatch; EXTREME_ADJUSTMENT: Very large composite adjustment");
}

TEST(PcfGolden, CompletenessWithNothingPresent) {
  Scene s;
  auto c = context(kNull, kNull, kNull, kNull, std::nan(""), kNull, kNull);
  s.inputs.context_by_date[kD] = {c};
  const auto r = s.run_one();
  EXPECT_EQ(r.data_completeness_pct, 0.0);
  EXPECT_EQ(r.missing_data_fields,
            "days_rest, projected_usage_rate, pace_differential, player_shot_zone, team_defense_zone");
}

TEST(Pcf, SyntheticContextWhenContextCoversUnder90PercentOfPlayers) {
  Scene s;
  for (const char* name : {"a", "b"}) {
    PlayerGameHistory::Player p{name, {}};
    for (int i : {5, 3, 1}) p.games.push_back(test::shot_game(kD - i, {4, 2, 2, 1, 3, 1, 4, 2, 2}));
    p.games.push_back(test::shot_game(kD, {4, 2, 2, 1, 3, 1, 4, 2, 2}));
    for (auto& g : p.games) g.opponent_team_abbr = "GSW";
    s.players.players.push_back(p);
  }
  auto c = context(2, 0, 3, 175, 29.2, 0, 28);
  c.player_lookup = "a";
  s.inputs.context_by_date[kD] = {c};  // 1 of 2 players: under 90 %
  s.players.build_index();
  const auto r = pcf::compute(s.players, s.inputs, {}, {defense(2.0, 0, 0)}, kD);
  EXPECT_TRUE(r.synthetic_context);
  ASSERT_EQ(r.rows.size(), 2u);
  // D-1 game -> back-to-back (-15); synthetic days_rest 0; 3 games in 7 days; 90 minutes.
  EXPECT_EQ(r.rows[0].fatigue_score, 85);
  EXPECT_EQ(r.rows[0].missing_data_fields, "projected_usage_rate, pace_differential, player_shot_zone");
  const auto ctx = pcf::synthetic_context(s.players, kD);
  ASSERT_EQ(ctx.size(), 2u);
  EXPECT_EQ(ctx[0].days_rest, 0);
  EXPECT_EQ(ctx[0].games_in_last_7_days, 3);
  EXPECT_EQ(ctx[0].minutes_in_last_7_days, 90);
  EXPECT_EQ(ctx[0].avg_minutes_per_game_last_7, 30.0);
  EXPECT_EQ(ctx[0].opponent_team_abbr, "GSW");
  EXPECT_EQ(ctx[0].avg_usage_rate_last_7_games, 25.0);
}

TEST(Pcf, SyntheticUsageAverageIsBigQuerysNumericMean) {
  // HEAD's synthetic context takes AVG(usage_rate) from BigQuery: a NUMERIC
  // mean, rounded to 9 decimals. 20.1, 25.3 and 30.0 average 25.1333..., and
  // a double division would give 25.133333333333336 instead.
  Scene s;
  PlayerGameHistory::Player p{"a", {}};
  const std::int64_t usage_x100[] = {2010, 2530, 3000};
  for (int i = 0; i < 3; ++i) {
    p.games.push_back(test::shot_game(kD - 5 + 2 * i, {4, 2, 2, 1, 3, 1, 4, 2, 2}));
    p.games.back().usage_rate_x100 = usage_x100[i];
  }
  p.games.push_back(test::shot_game(kD, {4, 2, 2, 1, 3, 1, 4, 2, 2}));
  s.players.players.push_back(p);
  s.players.build_index();
  const auto ctx = pcf::synthetic_context(s.players, kD);
  ASSERT_EQ(ctx.size(), 1u);
  EXPECT_EQ(ctx[0].avg_usage_rate_last_7_games, 25.133333333);
  const auto r = pcf::compute(s.players, s.inputs, {}, {}, kD);
  ASSERT_TRUE(r.synthetic_context);
  ASSERT_EQ(r.rows.size(), 1u);
  const std::string usage_json = pcf::context_json("usage_context_json", r.rows[0].context);
  EXPECT_NE(usage_json.find("\"avg_usage_last_7\": 25.133333333,"), std::string::npos) << usage_json;
}
