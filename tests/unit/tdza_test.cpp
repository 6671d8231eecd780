// Golden cases of spec processors-tdza-psza-pdc.md sections 6.1-6.3.
#include <gtest/gtest.h>

#include <cmath>

#include "phase3/table.hpp"
#include "processors/tdza.hpp"

using namespace nba;

namespace {

const Day kD = *parse_iso_date("2025-01-27");

TeamDefenseGame game(Day date, std::int64_t pm, std::int64_t pa, std::int64_t mm, std::int64_t ma, std::int64_t tm,
                     std::int64_t ta, std::int64_t paint_pts, std::int64_t bp, std::int64_t bm, std::int64_t bt,
                     std::int64_t pts, std::int64_t rating_x100, std::int64_t pace_x10) {
  return {date, pm, pa, mm, ma, tm, ta, paint_pts, bp, bm, bt, pts, rating_x100, pace_x10};
}

// 15 identical games before D (spec 6.1).
TeamDefenseHistory::Team tdza1_team(const std::string& abbr, std::int64_t mid_m, std::int64_t mid_a) {
  TeamDefenseHistory::Team t{abbr, {}};
  for (int g = 15; g >= 1; --g) t.games.push_back(game(kD - g, 20, 35, mid_m, mid_a, 12, 35, 42, 2, 1, 0, 110, 11250, 992));
  return t;
}

// The integration fixture of 6.2: g = 0 is the newest game (placed the day before D).
TeamDefenseHistory::Team tdza2_team(const std::string& abbr, int games) {
  TeamDefenseHistory::Team t{abbr, {}};
  for (int g = games - 1; g >= 0; --g)
    t.games.push_back(game(kD - 1 - g, 18 + g % 5, 32 + g % 8, 7 + g % 3, 18 + g % 5, 11 + g % 4, 33 + g % 6,
                           38 + g % 10, 2 + g % 3, 1, 0, 108 + g % 15, (110 + g % 10) * 100, (98 + g % 5) * 10));
  return t;
}

}  // namespace

TEST(TdzaGolden, Case61FifteenIdenticalGames) {
  TeamDefenseHistory h{{tdza1_team("LAL", 8, 20)}};
  const auto r = tdza::compute(h, kD);
  ASSERT_EQ(r.rows.size(), 1u);
  ASSERT_TRUE(r.failures.empty());
  EXPECT_EQ(r.league.teams_in_sample, 0);  // one team < 10: defaults
  const auto& row = r.rows[0];
  EXPECT_EQ(row.paint_pct_allowed_last_15, 0.571);
  EXPECT_EQ(row.mid_range_pct_allowed_last_15, 0.4);
  EXPECT_EQ(row.three_pt_pct_allowed_last_15, 0.343);
  EXPECT_EQ(row.paint_attempts_allowed_per_game, 35.0);
  EXPECT_EQ(row.mid_range_attempts_allowed_per_game, 20.0);
  EXPECT_EQ(row.three_pt_attempts_allowed_per_game, 35.0);
  EXPECT_EQ(row.paint_points_allowed_per_game, 42.0);
  EXPECT_EQ(row.paint_blocks_per_game, 2.0);
  EXPECT_EQ(row.mid_range_blocks_per_game, 1.0);
  EXPECT_EQ(row.three_pt_blocks_per_game, 0.0);
  EXPECT_EQ(row.paint_defense_vs_league_avg, -0.86);
  EXPECT_EQ(row.mid_range_defense_vs_league_avg, -1.0);
  EXPECT_EQ(row.three_pt_defense_vs_league_avg, -1.21);
  EXPECT_EQ(row.defensive_rating_last_15, 112.5);
  EXPECT_EQ(row.opponent_points_per_game, 110.0);
  EXPECT_EQ(row.opponent_pace, 99.2);
  EXPECT_EQ(row.games_in_sample, 15);
  EXPECT_EQ(row.strongest_zone, "perimeter");
  EXPECT_EQ(row.weakest_zone, "paint");
  EXPECT_EQ(row.data_quality_tier, "high");
  EXPECT_EQ(row.calculation_notes, "");
}

TEST(TdzaGolden, Case61NoMidRangeAttempts) {
  TeamDefenseHistory h{{tdza1_team("LAL", 0, 0)}};
  const auto row = tdza::compute(h, kD).rows.at(0);
  EXPECT_TRUE(std::isnan(row.mid_range_pct_allowed_last_15));
  EXPECT_TRUE(std::isnan(row.mid_range_defense_vs_league_avg));
  EXPECT_EQ(row.mid_range_attempts_allowed_per_game, 0.0);
  EXPECT_EQ(row.calculation_notes, "No mid-range attempts");
}

TEST(TdzaGolden, Case61NoZoneAttemptsAtAll) {
  TeamDefenseHistory::Team t{"LAL", {}};
  for (int g = 15; g >= 1; --g) t.games.push_back(game(kD - g, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 110, 10000, 950));
  const auto row = tdza::compute(TeamDefenseHistory{{t}}, kD).rows.at(0);
  EXPECT_TRUE(std::isnan(row.paint_pct_allowed_last_15));
  EXPECT_TRUE(std::isnan(row.mid_range_pct_allowed_last_15));
  EXPECT_TRUE(std::isnan(row.three_pt_pct_allowed_last_15));
  EXPECT_EQ(row.paint_attempts_allowed_per_game, 0.0);
  EXPECT_EQ(row.strongest_zone, "");
  EXPECT_EQ(row.calculation_notes, "No paint attempts; No mid-range attempts; No three-point attempts");
}

TEST(TdzaGolden, Case62IntegrationFixture) {
  TeamDefenseHistory h;
  for (const char* t : {"BOS", "DEN", "LAL", "MIA", "NYK"}) h.teams.push_back(tdza2_team(t, 15));
  const auto r = tdza::compute(h, kD);
  ASSERT_EQ(r.rows.size(), 5u);
  EXPECT_EQ(r.league.teams_in_sample, 0);
  for (const auto& row : r.rows) {
    EXPECT_EQ(row.paint_pct_allowed_last_15, 0.567);
    EXPECT_EQ(row.mid_range_pct_allowed_last_15, 0.4);
    EXPECT_EQ(row.three_pt_pct_allowed_last_15, 0.352);
    EXPECT_EQ(row.paint_defense_vs_league_avg, -1.29);
    EXPECT_EQ(row.mid_range_defense_vs_league_avg, -1.0);
    EXPECT_EQ(row.three_pt_defense_vs_league_avg, -0.27);
    EXPECT_EQ(row.paint_attempts_allowed_per_game, 35.3);
    EXPECT_EQ(row.mid_range_attempts_allowed_per_game, 20.0);
    EXPECT_EQ(row.three_pt_attempts_allowed_per_game, 35.2);
    EXPECT_EQ(row.paint_points_allowed_per_game, 41.7);
    EXPECT_EQ(row.paint_blocks_per_game, 3.0);
    EXPECT_EQ(row.mid_range_blocks_per_game, 1.0);
    EXPECT_EQ(row.three_pt_blocks_per_game, 0.0);
    EXPECT_EQ(row.opponent_points_per_game, 115.0);
    EXPECT_EQ(row.defensive_rating_last_15, 113.67);
    EXPECT_EQ(row.opponent_pace, 100.0);
    EXPECT_EQ(row.strongest_zone, "paint");
    EXPECT_EQ(row.weakest_zone, "perimeter");
    EXPECT_EQ(row.games_in_sample, 15);
    EXPECT_EQ(row.data_quality_tier, "high");
  }
}

TEST(TdzaGolden, Case62TeamWithTenGamesFailsInsufficientData) {
  TeamDefenseHistory h;
  for (const char* t : {"BOS", "DEN", "LAL", "MIA", "NYK"}) h.teams.push_back(tdza2_team(t, std::string(t) == "LAL" ? 10 : 15));
  const auto r = tdza::compute(h, kD);
  ASSERT_EQ(r.rows.size(), 4u);
  ASSERT_EQ(r.failures.size(), 1u);
  EXPECT_EQ(r.failures[0].entity, "LAL");
  EXPECT_EQ(r.failures[0].category, "INSUFFICIENT_DATA");
  EXPECT_NE(r.failures[0].reason.find("Only 10"), std::string::npos);
  EXPECT_EQ(r.entities, 5);
}

TEST(TdzaGolden, Case63StrongestWeakest) {
  using O = std::optional<double>;
  auto sw = [](O p, O m, O t) { return tdza::strongest_weakest(p, m, t); };
  EXPECT_EQ(sw(3.0, -2.5, 0.5), std::make_pair(std::string("mid_range"), std::string("paint")));
  EXPECT_EQ(sw(1.0, 0.5, -4.0), std::make_pair(std::string("perimeter"), std::string("paint")));
  EXPECT_EQ(sw(2.0, std::nullopt, -1.0), std::make_pair(std::string("perimeter"), std::string("paint")));
  EXPECT_EQ(sw(std::nullopt, std::nullopt, std::nullopt), std::make_pair(std::string(), std::string()));
  EXPECT_EQ(sw(0.1, 0.2, -0.1), std::make_pair(std::string("perimeter"), std::string("mid_range")));
  EXPECT_EQ(sw(1.0, 1.0, 1.0), std::make_pair(std::string("paint"), std::string("paint")));  // ties: first
}

TEST(TdzaGolden, Case63QualityTier) {
  for (int g : {15, 20}) EXPECT_EQ(tdza::quality_tier(g), "high");
  for (int g : {10, 12, 14}) EXPECT_EQ(tdza::quality_tier(g), "medium");
  for (int g : {9, 5, 1}) EXPECT_EQ(tdza::quality_tier(g), "low");
}

namespace {
// A team whose 10 games in the league window sum to 585/1000, 415/1000, 358/1000.
TeamDefenseHistory::Team league_team(const std::string& abbr) {
  TeamDefenseHistory::Team t{abbr, {}};
  for (int g = 0; g < 10; ++g)
    t.games.push_back(game(kD - 20 + g, g < 5 ? 58 : 59, 100, g < 5 ? 41 : 42, 100, g < 2 ? 35 : 36, 100, 0, 0, 0, 0,
                           100, 11000, 990));
  return t;
}
}  // namespace

TEST(TdzaGolden, Case63LeagueAverages) {
  TeamDefenseHistory h;
  for (int i = 0; i < 25; ++i) h.teams.push_back(league_team("T" + std::to_string(100 + i)));
  auto la = tdza::league_averages(h, kD);
  EXPECT_EQ(la.teams_in_sample, 25);
  EXPECT_EQ(la.paint_pct, 0.585);
  EXPECT_EQ(la.mid_range_pct, 0.415);
  EXPECT_EQ(la.three_pt_pct, 0.358);

  h.teams.resize(8);
  la = tdza::league_averages(h, kD);
  EXPECT_EQ(la.teams_in_sample, 0);
  EXPECT_EQ(la.paint_pct, 0.580);
  EXPECT_EQ(la.mid_range_pct, 0.410);
  EXPECT_EQ(la.three_pt_pct, 0.355);

  la = tdza::league_averages(TeamDefenseHistory{}, kD);
  EXPECT_EQ(la.teams_in_sample, 0);
  EXPECT_EQ(la.paint_pct, 0.580);
}

TEST(Tdza, LeagueWindowIncludesDItself) {
  // Decision 6: games on D count for league averages (not for the team window).
  TeamDefenseHistory h;
  for (int i = 0; i < 10; ++i) {
    auto t = league_team("T" + std::to_string(100 + i));
    for (auto& g : t.games) g.date += 11;  // newest game now on D
    h.teams.push_back(t);
  }
  EXPECT_EQ(h.teams[0].games.back().date, kD);
  EXPECT_EQ(tdza::league_averages(h, kD).teams_in_sample, 10);
  for (auto& t : h.teams) t.games.back().date = kD + 1;
  EXPECT_EQ(tdza::league_averages(h, kD).teams_in_sample, 0);  // only 9 games left in window
}

TEST(Tdza, WindowExcludesGamesOnOrAfterDAndBeforeOctoberFirst) {
  auto t = tdza1_team("LAL", 8, 20);
  // A game on D with absurd numbers must not be used; neither may last season's.
  t.games.push_back(game(kD, 0, 100, 0, 100, 0, 100, 0, 0, 0, 0, 0, 0, 0));
  t.games.insert(t.games.begin(), game(*parse_iso_date("2024-06-01"), 0, 100, 0, 100, 0, 100, 0, 0, 0, 0, 0, 0, 0));
  const auto row = tdza::compute(TeamDefenseHistory{{t}}, kD).rows.at(0);
  EXPECT_EQ(row.paint_pct_allowed_last_15, 0.571);
  EXPECT_EQ(row.games_in_sample, 15);
}

TEST(Tdza, AllNullDefensiveRatingIsBlockedByThePreWriteRule) {
  auto t = tdza1_team("LAL", 8, 20);
  for (auto& g : t.games) g.defensive_rating_x100 = kNull;
  const auto r = tdza::compute(TeamDefenseHistory{{t}}, kD);
  EXPECT_TRUE(r.rows.empty());
  ASSERT_EQ(r.failures.size(), 1u);
  EXPECT_EQ(r.failures[0].category, "PRE_WRITE_VALIDATION_BLOCKED");
  EXPECT_NE(r.failures[0].reason.find("defensive_rating_last_15"), std::string::npos);
}

TEST(Tdza, NullZoneColumnsCountAsZeroInTeamSums) {
  auto t = tdza1_team("LAL", 8, 20);
  for (auto& g : t.games) g.opp_paint_makes = g.opp_paint_attempts = g.opp_mid_range_makes = g.opp_mid_range_attempts = kNull;
  const auto row = tdza::compute(TeamDefenseHistory{{t}}, kD).rows.at(0);
  EXPECT_TRUE(std::isnan(row.paint_pct_allowed_last_15));
  EXPECT_EQ(row.paint_attempts_allowed_per_game, 0.0);
  EXPECT_EQ(row.three_pt_pct_allowed_last_15, 0.343);
  EXPECT_EQ(row.strongest_zone, "perimeter");
  EXPECT_EQ(row.weakest_zone, "perimeter");
  EXPECT_EQ(row.calculation_notes, "No paint attempts; No mid-range attempts");
}

TEST(Tdza, DynamicMinimumEarlyInOctober) {
  EXPECT_EQ(tdza::min_games_required(*parse_iso_date("2024-10-01")), 5);
  EXPECT_EQ(tdza::min_games_required(*parse_iso_date("2024-10-10")), 8);
  EXPECT_EQ(tdza::min_games_required(*parse_iso_date("2024-10-22")), 12);
  EXPECT_EQ(tdza::min_games_required(*parse_iso_date("2024-10-23")), 15);
}

TEST(Tdza, EarlyOctoberRowsReportHeadsFifteenExpectedGames) {
  // On 2024-10-10 eight games suffice (the dynamic minimum), but HEAD's
  // backfill completeness stub writes its class's 15 as expected and actual.
  const Day d = *parse_iso_date("2024-10-10");
  TeamDefenseHistory::Team t{"LAL", {}};
  for (int g = 8; g >= 1; --g) t.games.push_back(game(d - g, 20, 35, 8, 20, 12, 35, 42, 2, 1, 0, 110, 11250, 992));
  const TeamDefenseHistory h{{t}};
  const auto r = tdza::compute(h, d, "");
  ASSERT_EQ(r.rows.size(), 1u);
  EXPECT_EQ(r.rows[0].games_in_sample, 8);
  EXPECT_EQ(r.rows[0].games_count, 15);
  EXPECT_EQ(tdza::to_table(r.rows).column("expected_games_count").i64[0], 15);
}
