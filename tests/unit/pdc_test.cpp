// Golden cases of spec processors-tdza-psza-pdc.md section 6.5 plus the edge
// cases of section 4 (traded player, idle > 30 days, synthetic context, roster
// expansion, completeness windows).
#include <gtest/gtest.h>

#include <cmath>

#include "player_fixtures.hpp"
#include "processors/pdc.hpp"

using namespace nba;

namespace {

const Day kD = *parse_iso_date("2025-01-21");

struct Fixture {
  PlayerGameHistory players;
  ContextInputs inputs;
  std::vector<psza::Row> psza_rows;

  // `points` newest first; one game every other day before D.
  void add_player(const std::string& lookup, const std::vector<std::int64_t>& points, const std::string& team = "LAL") {
    PlayerGameHistory::Player p{lookup, {}};
    for (std::size_t i = 0; i < points.size(); ++i) {
      PlayerGame g = test::shot_game(kD - 2 * static_cast<Day>(i + 1), {8, 5, 4, 2, 6, 2, 10, 4, 6});
      g.points = points[i];
      g.minutes_x10 = 350;
      g.usage_rate_x100 = 3050;
      g.ts_pct_x1000 = 620;
      g.team_abbr = team;
      p.games.insert(p.games.begin(), g);
    }
    players.players.push_back(p);
    std::sort(players.players.begin(), players.players.end(),
              [](const auto& a, const auto& b) { return a.player_lookup < b.player_lookup; });
    PlayerContextRow row;
    row.player_lookup = lookup;
    row.universal_player_id = "nba_1";
    row.team_abbr = team;
    row.games_in_last_7_days = 3;
    row.games_in_last_14_days = 5;
    row.minutes_in_last_7_days = 108;
    row.minutes_in_last_14_days = 176;
    row.back_to_backs_last_14_days = 1;
    row.avg_minutes_per_game_last_7 = 36.0;
    row.fourth_quarter_minutes_last_7 = 28;
    row.player_age = 40;
    inputs.context_by_date[kD].push_back(row);
  }
  void team_games(const std::string& team, std::int64_t pace_first_x10, std::int64_t rating_x100, int n = 10) {
    for (int i = n; i >= 1; --i) {
      const std::int64_t pace = pace_first_x10 + 10 * (n - i);
      inputs.team_offense[team].push_back({kD - i, pace, rating_x100, season_year_of(kD - i), kNull});
      inputs.team_schedule[team].push_back(kD - i);
    }
  }
  pdc::Result run() {
    players.build_index();  // tests edit `players` after adding them
    return pdc::compute(players, inputs, psza_rows, kD);
  }
  pdc::Row only_row() {
    const auto r = run();
    EXPECT_EQ(r.rows.size(), 1u);
    return r.rows.at(0);
  }
};

std::vector<std::int64_t> range(std::int64_t from, int n, std::int64_t step = 1) {
  std::vector<std::int64_t> v;
  for (int i = 0; i < n; ++i) v.push_back(from + step * i);
  return v;
}

psza::Row zone_row(const std::string& lookup, const char* zone, double paint, double three) {
  psza::Row z{};
  z.player_lookup = lookup;
  z.primary_scoring_zone = zone;
  z.paint_rate_last_10 = paint;
  z.three_pt_rate_last_10 = three;
  return z;
}

}  // namespace

TEST(PdcGolden, LeBron) {
  Fixture f;
  f.add_player("lebronjames", range(26, 10));  // newest first: 26, 27, ..., 35
  f.team_games("LAL", 1020, 11500);            // pace 102.0 .. 111.0
  f.psza_rows.push_back(zone_row("lebronjames", "paint", 48.3, 31.2));
  const auto r = f.only_row();
  EXPECT_EQ(r.points_avg_last_5, 28.0);
  EXPECT_EQ(r.points_avg_last_10, 30.5);
  EXPECT_EQ(r.points_avg_season, 30.5);
  EXPECT_EQ(r.points_std_last_10, 3.03);  // 3.0277 -> 3.03
  EXPECT_EQ(r.minutes_avg_last_10, 35.0);
  EXPECT_EQ(r.usage_rate_last_10, 30.5);
  EXPECT_EQ(r.ts_pct_last_10, 0.62);
  EXPECT_EQ(r.assisted_rate_last_10, 0.4);
  EXPECT_EQ(r.games_played_season, 10);
  EXPECT_EQ(r.team_pace_last_10, 106.5);
  EXPECT_EQ(r.team_off_rating_last_10, 115.0);
  EXPECT_EQ(r.games_in_last_7_days, 3);
  EXPECT_EQ(r.games_in_last_14_days, 5);
  EXPECT_EQ(r.minutes_in_last_7_days, 108);
  EXPECT_EQ(r.minutes_in_last_14_days, 176);
  EXPECT_EQ(r.back_to_backs_last_14_days, 1);
  EXPECT_EQ(r.avg_minutes_per_game_last_7, 36.0);
  EXPECT_EQ(r.fourth_quarter_minutes_last_7, 28);
  EXPECT_EQ(r.player_age, 40);
  EXPECT_EQ(r.primary_scoring_zone, "paint");
  EXPECT_EQ(r.paint_rate_last_10, 48.3);
  EXPECT_EQ(r.three_pt_rate_last_10, 31.2);
  EXPECT_TRUE(r.shot_zone_data_available);
  EXPECT_FALSE(r.early_season_flag);
  EXPECT_EQ(r.insufficient_data_reason, "");
  EXPECT_EQ(pdc::to_table({r}).column("cache_version").str_at(0), "v1");
}

TEST(PdcGolden, TeamPaceAndEmptyTeam) {
  Fixture f;
  f.add_player("p", range(20, 10));
  f.team_games("LAL", 1000, 11000);  // 100 .. 109
  EXPECT_EQ(f.only_row().team_pace_last_10, 104.5);
  Fixture g;
  g.add_player("p", range(20, 10));
  const auto r = g.only_row();
  EXPECT_TRUE(std::isnan(r.team_pace_last_10));
  EXPECT_TRUE(std::isnan(r.team_off_rating_last_10));
}

TEST(PdcGolden, AssistedRate) {
  struct Case {
    std::int64_t fgm, ast;
    double want;
  };
  for (const Case c : {Case{10, 4, 0.4}, Case{0, 0, std::nan("")}, Case{10, 10, 1.0}, Case{12, 0, 0.0}}) {
    Fixture f;
    f.add_player("p", range(20, 10));
    for (auto& g : f.players.players[0].games) g.fg_makes = c.fgm, g.assisted_fg_makes = c.ast;
    const double got = f.only_row().assisted_rate_last_10;
    if (std::isnan(c.want)) EXPECT_TRUE(std::isnan(got));
    else EXPECT_EQ(got, c.want);
  }
}

TEST(PdcGolden, EarlySeasonSevenGames) {
  Fixture f;
  f.add_player("p", range(20, 7));
  const auto r = f.only_row();
  EXPECT_TRUE(r.early_season_flag);
  EXPECT_EQ(r.insufficient_data_reason, "Only 7 games played, need 10 minimum");
}

TEST(PdcGolden, SixGamesOfEighteenPoints) {
  Fixture f;
  f.add_player("p", std::vector<std::int64_t>(6, 18));
  const auto r = f.only_row();
  EXPECT_EQ(r.points_avg_last_5, 18.0);
  EXPECT_EQ(r.points_avg_last_10, 18.0);
  EXPECT_EQ(r.games_played_season, 6);
  EXPECT_EQ(r.points_std_last_10, 0.0);
}

TEST(PdcGolden, StdWithSevenGames) {
  Fixture f;
  f.add_player("p", range(10, 7, 2));  // 10, 12, ..., 22
  EXPECT_EQ(f.only_row().points_std_last_10, 4.32);  // 4.3205 -> 4.32
}

TEST(PdcGolden, SinglePlayedGameHasNullStd) {
  // Three rows pass the SQL filter (minutes > 0) but only one has points: one "played" game.
  Fixture f;
  f.add_player("p", {20, 0, 0});
  for (std::size_t i = 0; i < 2; ++i) f.players.players[0].games[i].points = kNull;
  const auto r = f.only_row();
  EXPECT_EQ(r.games_played_season, 1);
  EXPECT_TRUE(std::isnan(r.points_std_last_10));
  EXPECT_EQ(r.points_avg_last_5, 20.0);
}

TEST(PdcGolden, NullContextAndNullShotZone) {
  Fixture f;
  f.add_player("p", range(20, 10));
  auto& c = f.inputs.context_by_date[kD][0];
  c.games_in_last_7_days = c.games_in_last_14_days = c.minutes_in_last_7_days = c.minutes_in_last_14_days = kNull;
  c.back_to_backs_last_14_days = c.fourth_quarter_minutes_last_7 = c.player_age = kNull;
  c.avg_minutes_per_game_last_7 = std::nan("");
  const auto r = f.only_row();
  EXPECT_TRUE(std::isnan(r.games_in_last_7_days));
  EXPECT_TRUE(std::isnan(r.avg_minutes_per_game_last_7));
  EXPECT_TRUE(std::isnan(r.player_age));
  EXPECT_EQ(r.points_avg_last_10, 24.5);
  EXPECT_FALSE(r.shot_zone_data_available);
  EXPECT_EQ(r.primary_scoring_zone, "");
  EXPECT_TRUE(std::isnan(r.paint_rate_last_10));
}

TEST(PdcGolden, ZeroMinuteZeroPointRowsAreFilteredBeforeCounting) {
  // The spec's unit test counts them (record builder called directly); in the
  // processor the SQL filter (minutes > 0 OR points > 0) removes them first.
  Fixture f;
  f.add_player("p", {15, 15, 15, 0, 15, 0, 15, 0, 15, 15});
  for (auto& g : f.players.players[0].games)
    if (g.points == 0) g.minutes_x10 = 0;
  EXPECT_EQ(f.only_row().games_played_season, 7);
}

TEST(PdcGolden, Integration) {
  Fixture f;
  f.add_player("p", range(25, 10));
  for (auto& g : f.players.players[0].games)
    g.usage_rate_x100 = 3000, g.ts_pct_x1000 = 600, g.fg_makes = 10, g.assisted_fg_makes = 6;
  f.team_games("LAL", 1020, 11500);
  const auto r = f.only_row();
  EXPECT_EQ(format_iso_date(r.cache_date), "2025-01-21");
  EXPECT_EQ(r.games_played_season, 10);
  EXPECT_EQ(r.points_avg_last_5, 27.0);
  EXPECT_EQ(r.points_avg_last_10, 29.5);
  EXPECT_EQ(r.points_std_last_10, 3.03);
  EXPECT_EQ(r.assisted_rate_last_10, 0.6);
}

TEST(Pdc, UsageAverageIsADecimalMeanStoredAtTwoDecimals) {
  // Decimal mean of NUMERIC(6,2) usage: (30.4 + 30.5) / 2 = 30.45 exactly, stored 30.45
  // (a binary mean of the doubles would also print 30.45; the scale is what is checked).
  Fixture f;
  f.add_player("p", range(20, 10));
  for (std::size_t i = 0; i < 10; ++i) f.players.players[0].games[i].usage_rate_x100 = i % 2 ? 3050 : 3040;
  EXPECT_EQ(f.only_row().usage_rate_last_10, 30.45);
}

TEST(Pdc, FewerThanThreeGamesAndStaleData) {
  Fixture f;
  f.add_player("a_two", {20, 20});
  f.add_player("b_idle", range(20, 10));
  for (auto& g : f.players.players[1].games) g.date -= 40;  // last game 42 days ago
  const auto r = f.run();
  EXPECT_TRUE(r.rows.empty());
  ASSERT_EQ(r.failures.size(), 2u);
  EXPECT_EQ(r.failures[0].category, "INSUFFICIENT_DATA");
  EXPECT_EQ(r.failures[0].reason, "Only 2 games played, need 3 minimum");
  EXPECT_EQ(r.failures[1].category, "STALE_DATA");
  EXPECT_EQ(r.failures[1].reason, "No active game in 42 days (max: 30)");  // HEAD's text
  EXPECT_EQ(r.entities, 2);
}

TEST(Pdc, TradedPlayerUsesTheContextTeamForTeamStats) {
  Fixture f;
  f.add_player("p", range(20, 10), "BOS");  // context says BOS today
  for (std::size_t i = 0; i < 6; ++i) f.players.players[0].games[i].team_abbr = "LAL";  // older games with LAL
  f.team_games("LAL", 900, 10000);
  f.team_games("BOS", 1100, 12000);
  const auto r = f.only_row();
  EXPECT_EQ(r.team_pace_last_10, 114.5);  // BOS: 110 .. 119
  EXPECT_EQ(r.games_played_season, 10);   // season history spans both teams
}

TEST(Pdc, PreviousSeasonGamesAreNotHistoryButTeamWindowIsNotSeasonBounded) {
  Fixture f;
  f.add_player("p", range(20, 4));
  auto old = f.players.players[0].games.front();
  old.date = *parse_iso_date("2024-04-10");
  old.season_year = 2023;
  f.players.players[0].games.insert(f.players.players[0].games.begin(), old);
  f.inputs.team_offense["LAL"].push_back({*parse_iso_date("2024-04-10"), 900, 10000, 2023, kNull});
  const auto r = f.only_row();
  EXPECT_EQ(r.games_played_season, 4);
  EXPECT_EQ(r.team_pace_last_10, 90.0);
}

TEST(Pdc, RosterExpansionAddsTeammatesWithoutAContextRow) {
  Fixture f;
  f.add_player("a_playing", range(20, 10));
  PlayerGameHistory::Player bench{"b_bench", {}};
  for (int i = 5; i >= 1; --i) bench.games.push_back(test::shot_game(kD - 3 * i, {2, 1, 1, 0, 1, 0, 1, 0, 1}));
  f.players.players.push_back(bench);
  PlayerGameHistory::Player other{"c_other_team", {}};
  for (int i = 5; i >= 1; --i) {
    other.games.push_back(test::shot_game(kD - 3 * i, {2, 1, 1, 0, 1, 0, 1, 0, 1}));
    other.games.back().team_abbr = "NYK";
  }
  f.players.players.push_back(other);
  const auto r = f.run();
  ASSERT_EQ(r.rows.size(), 2u);
  EXPECT_EQ(r.rows[1].player_lookup, "b_bench");
  EXPECT_TRUE(std::isnan(r.rows[1].games_in_last_7_days));  // fatigue fields NULL for expansion rows
  EXPECT_EQ(r.entities, 2);
}

TEST(Pdc, RosterExpansionOfAWholeBenchKeepsEveryPlayer) {
  // Many expansions at once: the expansion rows must not disturb the lookups
  // that decide who is expanded (they once viewed into a vector that grew).
  Fixture f;
  f.add_player("a_playing", range(20, 10));
  constexpr int kBench = 40;
  for (int b = 0; b < kBench; ++b) {
    PlayerGameHistory::Player bench{"bench_player_with_a_long_lookup_" + std::to_string(100 + b), {}};
    for (int i = 5; i >= 1; --i) bench.games.push_back(test::shot_game(kD - 3 * i, {2, 1, 1, 0, 1, 0, 1, 0, 1}));
    f.players.players.push_back(bench);
  }
  const auto r = f.run();
  ASSERT_EQ(r.rows.size(), static_cast<std::size_t>(kBench + 1));
  EXPECT_EQ(r.entities, kBench + 1);
  for (int b = 0; b < kBench; ++b)
    EXPECT_EQ(r.rows[static_cast<std::size_t>(b) + 1].player_lookup,
              "bench_player_with_a_long_lookup_" + std::to_string(100 + b));
}

TEST(Pdc, SyntheticContextWhenTheContextTableHasNoRowsForD) {
  Fixture f;
  f.add_player("p", range(20, 10));
  f.inputs.context_by_date.clear();
  auto today = f.players.players[0].games.back();
  today.date = kD;
  f.players.players[0].games.push_back(today);  // played on D
  const auto r = f.only_row();
  EXPECT_EQ(r.games_in_last_7_days, 3);    // D-2, D-4, D-6
  EXPECT_EQ(r.games_in_last_14_days, 7);   // D-2 .. D-14
  EXPECT_EQ(r.minutes_in_last_7_days, 105);
  EXPECT_EQ(r.avg_minutes_per_game_last_7, 35.0);
  EXPECT_EQ(r.back_to_backs_last_14_days, 0);
  EXPECT_TRUE(std::isnan(r.player_age));
}

TEST(Pdc, CompletenessWindows) {
  Fixture f;
  f.add_player("p", range(20, 10));  // games every other day: D-2 .. D-20
  f.team_games("LAL", 1000, 11000, 20);  // team games every day D-20 .. D-1
  const auto r = f.only_row();
  EXPECT_EQ(r.l5.expected, 5);
  EXPECT_EQ(r.l5.actual, 10);  // dates in [D-30, D): not limited to 5 games (spec 1.4)
  EXPECT_EQ(r.l5.pct, 200.0);
  EXPECT_EQ(r.l7d.expected, 7);
  EXPECT_EQ(r.l7d.actual, 3);
  EXPECT_EQ(r.l7d.pct, 42.9);
  EXPECT_FALSE(r.l7d.production_ready);
  EXPECT_EQ(r.quality_tier, "gold");
  EXPECT_EQ(pdc::quality_tier(74.9), "bronze");
  EXPECT_EQ(pdc::quality_tier(24.9), "unusable");
}

TEST(Pdc, NumpySampleStdMatchesTheClosedForm) {
  EXPECT_DOUBLE_EQ(pdc::numpy_sample_std({26, 27, 28, 29, 30, 31, 32, 33, 34, 35}), std::sqrt(82.5 / 9));
  EXPECT_EQ(pdc::numpy_sample_std({5, 5}), 0.0);
}
