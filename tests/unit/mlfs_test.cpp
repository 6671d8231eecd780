// Golden cases of spec processors-pcf-mlfs.md section 4.11 and decision 7.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "phase3/table.hpp"
#include "player_fixtures.hpp"
#include "processors/mlfs/core_features.hpp"
#include "processors/mlfs/mlfs.hpp"

using namespace nba;
using mlfs::Source;


TEST(MlfsGolden, RestAdvantageAndInjuryRisk) {
  EXPECT_EQ(mlfs::rest_advantage(2, 0), 2.0);
  EXPECT_EQ(mlfs::rest_advantage(0, 2), -2.0);
  EXPECT_EQ(mlfs::rest_advantage(1, 1), 0.0);
  EXPECT_EQ(mlfs::rest_advantage(5, 0), 2.0);
  EXPECT_EQ(mlfs::rest_advantage(kNull, 1), 0.0);
  EXPECT_EQ(mlfs::injury_risk("available"), 0.0);
  EXPECT_EQ(mlfs::injury_risk("probable"), 1.0);
  EXPECT_EQ(mlfs::injury_risk("questionable"), 2.0);
  EXPECT_EQ(mlfs::injury_risk("doubtful"), 3.0);
  EXPECT_EQ(mlfs::injury_risk("out"), 3.0);
  EXPECT_EQ(mlfs::injury_risk("QUESTIONABLE"), 2.0);
  EXPECT_EQ(mlfs::injury_risk(""), 0.0);
}

TEST(MlfsGolden, RecentTrendHeadDirection) {
  EXPECT_EQ(mlfs::recent_trend({25, 24, 26, 18, 17}), 1.0);
  EXPECT_EQ(mlfs::recent_trend({17, 18, 16, 25, 26}), -1.0);
  EXPECT_EQ(mlfs::recent_trend({22, 21, 23, 22, 21}), 0.0);
  EXPECT_EQ(mlfs::recent_trend({25, 24}), 0.0);
}

TEST(MlfsGolden, MinutesChange) {
  EXPECT_EQ(mlfs::minutes_change(36, 28), 2.0);
  EXPECT_EQ(mlfs::minutes_change(32, 28), 1.0);
  EXPECT_EQ(mlfs::minutes_change(30, 30), 0.0);
  EXPECT_EQ(mlfs::minutes_change(24, 32), -2.0);
  EXPECT_EQ(mlfs::minutes_change(35.3, 30), 1.0);
  EXPECT_EQ(mlfs::minutes_change(std::nan(""), 30), 0.0);
  EXPECT_EQ(mlfs::minutes_change(30, 0), 0.0);
}

TEST(MlfsGolden, PctFreeThrow) {
  auto games = [](std::vector<std::pair<int, int>> ft_pts) {
    std::vector<PlayerGame> g;
    for (auto [ft, pts] : ft_pts) {
      PlayerGame x{};
      x.ft_makes = ft, x.points = pts;
      g.push_back(x);
    }
    return g;
  };
  auto ptrs = [](const std::vector<PlayerGame>& g) {
    std::vector<const PlayerGame*> p;
    for (const auto& x : g) p.push_back(&x);
    return p;
  };
  const auto a = games({{8, 28}, {6, 24}, {10, 32}, {4, 20}, {7, 26}, {5, 22}, {9, 30}, {6, 25}, {8, 29}, {7, 27}});
  EXPECT_EQ(mlfs::pct_free_throw(ptrs(a)), 0.266159696);
  const auto b = games({{12, 30}, {10, 28}, {11, 29}, {13, 31}, {12, 30}});
  EXPECT_EQ(mlfs::pct_free_throw(ptrs(b)), 0.391891892);
  EXPECT_EQ(mlfs::pct_free_throw(ptrs(games({{5, 20}}))), 0.15);
  EXPECT_EQ(mlfs::pct_free_throw(ptrs(games({{0, 0}, {0, 0}, {0, 0}, {0, 0}, {0, 0}}))), 0.15);
}

TEST(MlfsGolden, TeamWinPct) {
  auto season = [](int wins, int n) {
    std::vector<TeamOffenseGame> t;
    for (int i = 0; i < n; ++i) t.push_back({i, 1000, 11000, 2024, i < wins ? 1 : 0});
    return t;
  };
  EXPECT_EQ(mlfs::team_win_pct(season(6, 8)), 0.75);
  EXPECT_EQ(mlfs::team_win_pct(season(2, 8)), 0.25);
  EXPECT_EQ(mlfs::team_win_pct(season(3, 6)), 0.5);
  EXPECT_EQ(mlfs::team_win_pct(season(2, 2)), 0.5);
}

namespace {

const Day kD = *parse_iso_date("2025-01-20");

// The synthetic end-to-end core-25 example of spec 4.11.
struct Example {
  PlayerGameHistory players;
  ContextInputs inputs;
  mlfs::MarketInputs market;
  std::vector<tdza::Row> tdza_rows{1};
  std::vector<psza::Row> psza_rows{1};
  std::vector<pdc::Row> pdc_rows{1};
  std::vector<pcf::Row> pcf_rows{1};

  Example() {
    PlayerGameHistory::Player p{"player", {}};
    // 15 older season games (outside the 60-day window) at 30.0 minutes: season minutes avg 31.0.
    for (int i = 14; i >= 0; --i) {
      PlayerGame g = test::shot_game(kD - 61 - i, {4, 2, 2, 1, 3, 1, 4, 2, 2});
      g.minutes_x10 = 300;
      p.games.push_back(g);
    }
    struct L {
      std::int64_t pts, min, ft;
      bool dnp;
    };
    const L last[] = {{28, 35, 6, false}, {26, 34, 5, false}, {20, 31, 4, false}, {22, 33, 7, false},
                      {18, 30, 3, false}, {25, 36, 8, false}, {21, 32, 4, false}, {kNull, kNull, 0, true},
                      {24, 34, 6, false}, {19, 29, 2, false}};
    for (int i = 9; i >= 0; --i) {
      PlayerGame g = test::shot_game(kD - 1 - i, {4, 2, 2, 1, 3, 1, 4, 2, 2});
      const L& l = last[i];
      g.points = l.pts, g.minutes_x10 = l.min == kNull ? kNull : l.min * 10, g.ft_makes = l.ft;
      g.is_dnp = l.dnp, g.is_active = !l.dnp;
      p.games.push_back(g);
    }
    PlayerGame today = test::shot_game(kD, {4, 2, 2, 1, 3, 1, 4, 2, 2});
    today.game_id = "20250120_BOS_LAL", today.team_abbr = "LAL", today.opponent_team_abbr = "BOS";
    p.games.push_back(today);
    players.players.push_back(p);

    PlayerContextRow c{};
    c.player_lookup = "player", c.team_abbr = "LAL", c.opponent_team_abbr = "BOS";
    c.home_game = 1, c.back_to_back = 0, c.season_phase = "mid", c.days_rest = 2, c.opponent_days_rest = 0;
    c.games_in_last_7_days = 3;
    inputs.context_by_date[kD] = {c};
    for (int i = 0; i < 24; ++i)  // team 14-10 this season
      inputs.team_offense["LAL"].push_back({kD - 70 + 2 * i, 1000, 11000, 2024, i < 14 ? 1 : 0});

    auto& cache = pdc_rows[0];
    cache.player_lookup = "player";
    cache.points_avg_last_5 = 24.4, cache.points_avg_last_10 = 22.9, cache.points_avg_season = 21.7;
    cache.points_std_last_10 = 5.12, cache.games_in_last_7_days = 3, cache.team_pace_last_10 = 99.8;
    cache.team_off_rating_last_10 = 114.6, cache.minutes_avg_last_10 = 33.5;
    cache.paint_rate_last_10 = 41.0, cache.three_pt_rate_last_10 = 37.0;
    auto& f = pcf_rows[0];
    f.player_lookup = "player", f.fatigue_score = 95, f.shot_zone_mismatch_score = 2.6, f.pace_score = -0.8;
    f.usage_spike_score = 0.5;
    auto& z = psza_rows[0];
    z.player_lookup = "player", z.paint_rate_last_10 = 40.0, z.mid_range_rate_last_10 = 22.5;
    z.three_pt_rate_last_10 = 37.5;
    auto& t = tdza_rows[0];
    t.team_abbr = "BOS", t.defensive_rating_last_15 = 113.25, t.opponent_pace = 100.4;
  }
  mlfs::Result run() {
    players.build_index();  // tests edit `players` after the constructor
    return mlfs::compute(players, inputs, market, {tdza_rows, psza_rows, pdc_rows, pcf_rows}, kD);
  }
};

}  // namespace

TEST(MlfsGolden, WorkedCore25Example) {
  const auto r = Example().run();
  ASSERT_EQ(r.rows.size(), 1u);
  const auto& row = r.rows[0];
  const double want[25] = {24.4,  22.9, 21.7, 5.12, 3.0, 95.0,  2.6,   -0.8,        0.5,
                                        2.0,   0.0,  2.0,  0.0,  113.25, 100.4, 1.0,   0.0,         0.0,
                                        0.40,  0.225, 0.375, 0.221674877, 99.8, 114.6, 0.583333333};
  const Source P4 = Source::Phase4, P3 = Source::Phase3, C = Source::Calculated;
  const Source want_src[25] = {P4, P4, P4, P4, P4, P4, P4, P4, P4, C,  C,  C, C,
                                            P4, P4, P3, P3, P3, P4, P4, P4, C,  P4, P4, C};
  for (int i = 0; i < 25; ++i) {
    EXPECT_EQ(row.vector.value[static_cast<std::size_t>(i)], want[i]) << mlfs::feature_names()[static_cast<std::size_t>(i)];
    EXPECT_EQ(row.vector.tag[static_cast<std::size_t>(i)], want_src[i]) << mlfs::feature_names()[static_cast<std::size_t>(i)];
  }
  // Scored over the 60 named indices: no required default; the optional
  // market indices (no odds tables here) are missing and left out of the score.
  mlfs::ScoredTags scored;
  std::copy_n(row.vector.tag.begin(), mlfs::kScored, scored.begin());
  EXPECT_EQ(row.quality.score, mlfs::score_quality(scored).score);
  EXPECT_EQ(row.quality.required_default_count, 0);
  EXPECT_EQ(row.vector.tag[25], Source::Missing);
  EXPECT_EQ(row.vector.value[28], 0.0);
  EXPECT_EQ(row.vector.tag[28], Source::Calculated);
  EXPECT_TRUE(row.quality.is_quality_ready);
  EXPECT_STREQ(row.quality.data_source, "mixed");  // 16 of 60 raw phase4 tags: HEAD's normal value
  EXPECT_TRUE(row.is_home);
  EXPECT_FALSE(row.cache_miss_fallback_used);
  // Stored as the exact doubles (decision 15; float32 before issue 21), NaN for missing.
  const auto table = mlfs::to_table({row});
  EXPECT_EQ(table.column("features").kind, OutKind::F64Matrix);
  ASSERT_EQ(table.column("features").f64.size(), 64u);
  for (std::size_t k = 0; k < 64; ++k)
    if (!std::isnan(row.vector.value[k])) {
      EXPECT_EQ(table.column("features").f64[k], row.vector.value[k]) << k;
    }
  EXPECT_EQ(table.column("features").f64[21], 0.221674877);
}

TEST(Mlfs, CacheMissFallbackKeepsShotZonesInUnitRange) {
  // Decision 7: with neither PDC nor PSZA rows the zone shares come from the last
  // 10 games as fractions of FGA; they must not be divided by 100 twice.
  Example e;
  e.pdc_rows.clear();
  e.psza_rows.clear();
  const auto r = e.run();
  ASSERT_EQ(r.rows.size(), 1u);
  const auto& row = r.rows[0];
  EXPECT_TRUE(row.cache_miss_fallback_used);
  // shot_game lines have 4 paint, 2 mid, 3 three of 9 FGA.
  EXPECT_DOUBLE_EQ(row.vector.value[18], 4.0 / 9.0);
  EXPECT_DOUBLE_EQ(row.vector.value[19], 2.0 / 9.0);
  EXPECT_DOUBLE_EQ(row.vector.value[20], 3.0 / 9.0);
  EXPECT_EQ(row.vector.tag[18], Source::Phase4);
  // Played rows (minutes > 0, not DNP): 28, 26, 20, 22, 18 -> 22.8.
  EXPECT_DOUBLE_EQ(row.vector.value[0], 22.8);
  EXPECT_EQ(row.vector.tag[0], Source::Phase4);
  EXPECT_FALSE(row.is_production_ready);
}

// Issue 21 (HEAD over improvement): the fallback sums NULL zone attempts as 0,
// so a season without zone data gives 0.0 tagged phase4, and no missing tag
// caps the quality score (it was NaN/missing and a score of 69).
TEST(Mlfs, CacheMissWithoutZoneDataGivesZeroAsHeadDoes) {
  Example with_zones;
  with_zones.pdc_rows.clear();
  with_zones.psza_rows.clear();
  Example e = with_zones;
  for (auto& g : e.players.players[0].games) g.paint_attempts = g.mid_range_attempts = kNull;
  const auto row = e.run().rows.at(0);
  EXPECT_EQ(row.vector.value[18], 0.0);
  EXPECT_EQ(row.vector.tag[18], Source::Phase4);
  EXPECT_EQ(row.vector.value[19], 0.0);
  EXPECT_EQ(row.vector.tag[19], Source::Phase4);
  EXPECT_DOUBLE_EQ(row.vector.value[20], 3.0 / 9.0);  // threes come from the box score
  EXPECT_TRUE(row.cache_miss_fallback_used);
  EXPECT_GT(row.quality.score, 69.0);
  EXPECT_EQ(row.quality.score, with_zones.run().rows.at(0).quality.score);  // same tags, same score
}

// Issue 21: last-10 rows without a played game (all DNP or 0 minutes): HEAD
// computes no cache-miss field, team pace and offensive rating included, and
// does not flag the row.
TEST(Mlfs, CacheMissWithoutAPlayedGameUsesNoFallback) {
  Example e;
  e.pdc_rows.clear();
  e.psza_rows.clear();
  auto& games = e.players.players[0].games;
  for (std::size_t i = games.size() - 11; i + 1 < games.size(); ++i) games[i].minutes_x10 = 0;  // the last 10
  const auto row = e.run().rows.at(0);
  EXPECT_FALSE(row.cache_miss_fallback_used);
  for (int f : {22, 23}) {  // team pace, offensive rating: defaults, not this path's means
    EXPECT_EQ(row.vector.tag[static_cast<std::size_t>(f)], Source::Default) << f;
  }
  EXPECT_EQ(row.vector.value[22], 100.0);
  EXPECT_EQ(row.vector.value[23], 112.0);
  EXPECT_NE(row.vector.tag[0], Source::Phase4);  // no phase4 points average either

  Example played;  // the same with one played game among them uses the fallback
  played.pdc_rows.clear();
  played.psza_rows.clear();
  EXPECT_TRUE(played.run().rows.at(0).cache_miss_fallback_used);
  EXPECT_EQ(played.run().rows.at(0).vector.tag[22], Source::Phase4);
}

TEST(Mlfs, MissingUpstreamFallsBackToDefaultsAndCaps) {
  Example e;
  e.pcf_rows.clear();
  e.tdza_rows.clear();
  const auto row = e.run().rows.at(0);
  EXPECT_EQ(row.vector.value[5], 50.0);
  EXPECT_EQ(row.vector.tag[5], Source::Default);
  EXPECT_EQ(row.vector.value[13], 112.0);
  EXPECT_EQ(row.vector.value[14], 100.0);
  EXPECT_EQ(row.quality.required_default_count, 6);
  EXPECT_LE(row.quality.score, 49.0);
}

TEST(Mlfs, NullPszaRatesOverwriteAndBecomeMissing) {
  Example e;
  e.psza_rows[0].paint_rate_last_10 = e.psza_rows[0].mid_range_rate_last_10 = e.psza_rows[0].three_pt_rate_last_10 =
      std::nan("");
  const auto row = e.run().rows.at(0);
  EXPECT_TRUE(std::isnan(row.vector.value[18]));
  EXPECT_EQ(row.vector.tag[18], Source::Missing);
  EXPECT_EQ(row.quality.score, 69.0);
}

TEST(Mlfs, PlayerWithoutGamesInSixtyDaysGetsAFailureRecord) {
  Example e;
  auto& games = e.players.players[0].games;
  games.erase(games.begin(), games.end() - 1);  // only today's row remains
  const auto r = e.run();
  EXPECT_TRUE(r.rows.empty());
  ASSERT_EQ(r.failures.size(), 1u);
  EXPECT_EQ(r.failures[0].category, "FILTERED_NO_RECENT_GAMES");
  EXPECT_EQ(r.entities, 1);
}

// HEAD's cache-miss fallback computes in Python: statistics.stdev of the
// points (not numpy's), and sum / len over Decimal team pace and offensive
// rating (one exact quotient, not float(sum) / len). Both differ by an ulp here.
TEST(Mlfs, CacheMissFallbackArithmeticIsPythons) {
  const Day d = 20000;
  std::vector<PlayerGame> games(3);
  const std::int64_t points[] = {7, 32, 26};
  for (std::size_t i = 0; i < games.size(); ++i) {
    games[i].date = d - 2 - static_cast<Day>(i);
    games[i].is_dnp = 0, games[i].minutes_x10 = 300, games[i].points = points[i];
    games[i].fg_attempts = games[i].paint_attempts = games[i].mid_range_attempts = games[i].three_pt_attempts = kNull;
  }
  std::vector<const PlayerGame*> last;
  for (const auto& g : games) last.push_back(&g);
  const std::int64_t pace_x10[] = {1025, 1019, 966, 997, 1027};
  const std::int64_t off_x100[] = {12215, 12251, 11951, 11626, 10616, 10949, 10621, 12142, 11597};
  std::vector<TeamOffenseGame> team;
  for (std::size_t i = 0; i < 9; ++i)
    team.push_back({d - 20 + static_cast<Day>(i), i < 5 ? pace_x10[i] : kNull, off_x100[i], 2024, 1});
  std::array<double, mlfs::kP4Keys> p4;
  p4.fill(kNaN);
  ASSERT_TRUE(mlfs::cache_miss_fallback(last, team, kNaN, d, p4));
  EXPECT_EQ(p4[mlfs::kStd], 13.051181300301261);  // numpy: 13.051181300301263
  EXPECT_EQ(p4[mlfs::kTeamPace], 100.68);          // float(sum) / len: 100.67999999999999
  EXPECT_EQ(p4[mlfs::kTeamOff], 115.52);           // float(sum) / len: 115.52000000000001
}
