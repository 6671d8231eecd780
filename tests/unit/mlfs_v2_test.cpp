// The MLFS v2 feature families built so far, on the spec's golden cases
// (processors-mlfs-v2.md section 6).
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "phase3/table.hpp"
#include "processors/mlfs/opponent_minutes_features.hpp"
#include "processors/mlfs/rolling_features.hpp"
#include "processors/mlfs/trajectory_features.hpp"

using namespace nba;

namespace {

struct Game {
  const char* date;
  const char* team;
  std::int64_t points;
  std::int64_t usage_x100;  // kNull = NULL
  std::int64_t minutes_x10 = 300;
  const char* opponent = "BOS";
};

PlayerGameHistory history_of(const std::vector<Game>& games) {
  PlayerGameHistory::Player p;
  p.player_lookup = "player";
  for (const auto& g : games) {
    PlayerGame row{};
    row.date = *parse_iso_date(g.date);
    row.season_year = season_year_of(row.date);
    row.team_abbr = g.team;
    row.opponent_team_abbr = g.opponent;
    row.game_id = std::string(g.date) + "_" + g.team;
    row.points = g.points;
    row.minutes_x10 = g.minutes_x10;
    row.usage_rate_x100 = g.usage_x100;
    row.is_active = 1, row.is_dnp = g.minutes_x10 == kNull ? 1 : 0;
    p.games.push_back(row);
  }
  return PlayerGameHistory({p});
}

const Day kG1Date = *parse_iso_date("2025-01-20");

}  // namespace

TEST(MlfsV2RollingStats, GoldenCaseG1) {
  struct Expected {
    std::vector<Game> games;
    double f43, f44, f45, f46, f48, f49;
  };
  const std::vector<Expected> cases = {
      {{{"2024-12-20", "LAL", 10, 1800}, {"2024-12-22", "LAL", 14, 2050}, {"2024-12-28", "LAL", 20, kNull},
        {"2025-01-02", "LAL", 8, 1700}, {"2025-01-05", "LAL", 25, 2400}, {"2025-01-08", "LAL", 30, 2650},
        {"2025-01-12", "LAL", 12, 1900}, {"2025-01-15", "LAL", 16, 2100}, {"2025-01-18", "LAL", 13, 2200}},
       13.666666666666666, -126.0 / 196.0, -0.38326837484856147, 3.0, 22.5, 9.0},
      {{{"2025-01-01", "LAL", 20, 2500}, {"2025-01-03", "LAL", 22, kNull}, {"2025-01-06", "LAL", 18, kNull},
        {"2025-01-10", "DAL", 15, 2800}, {"2025-01-12", "DAL", 17, 2700}, {"2025-01-15", "DAL", 19, 2600}},
       17.0, -0.6571428571428571, -0.6175402271944638, 0.0, 26.5, 2.0},
      {{{"2024-12-25", "BOS", 6, kNull}, {"2025-01-14", "BOS", 9, 1550}}, 7.5, 0.0, 0.0, 0.0, 20.0, 0.0},
      {{{"2025-01-18", "NYK", 11, 1200}}, 11.0, 0.0, 0.0, 0.0, 20.0, 1.0},
  };
  for (std::size_t c = 0; c < cases.size(); ++c) {
    const PlayerGameHistory h = history_of(cases[c].games);
    const auto s = mlfs::rolling_stats(h.players[0], kG1Date);
    ASSERT_TRUE(s.has_value()) << "case " << c;
    // Exactly HEAD's doubles: no tolerance.
    EXPECT_EQ(s->points_avg_last_3, cases[c].f43) << "case " << c;
    EXPECT_EQ(s->scoring_trend_slope, cases[c].f44) << "case " << c;
    EXPECT_EQ(s->deviation_from_avg_last3, cases[c].f45) << "case " << c;
    EXPECT_EQ(s->consecutive_games_below_avg, cases[c].f46) << "case " << c;
    EXPECT_EQ(s->usage_rate_last_5, cases[c].f48) << "case " << c;
    EXPECT_EQ(s->games_since_structural_change, cases[c].f49) << "case " << c;
  }
}

TEST(MlfsV2RollingStats, DeviationSquaresAsPythonsPowDoes) {
  // A real player's 15 games (2021-11-24): HEAD's `(p - avg) ** 2` is libm's
  // pow, and one of these squares differs from (p - avg) * (p - avg) by an
  // ulp, which moves f45 by one: 0.9961312598804409, not 0.996131259880441.
  const std::int64_t points[] = {9, 6, 4, 12, 7, 6, 10, 4, 3, 2, 10, 10, 8, 16, 11};
  std::vector<Game> games;
  std::vector<std::string> dates;
  for (int i = 0; i < 15; ++i) dates.push_back(format_iso_date(*parse_iso_date("2021-10-20") + 2 * i));
  for (int i = 0; i < 15; ++i) games.push_back({dates[static_cast<std::size_t>(i)].c_str(), "NYK", points[i], kNull});
  const auto h = history_of(games);
  const auto r = mlfs::rolling_stats(h.players[0], *parse_iso_date("2021-11-24"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->deviation_from_avg_last3, 0.9961312598804409);
}

TEST(MlfsV2RollingStats, OnlyGamesWithPointsAndMinutesInTheSixtyDaysBeforeCount) {
  // E: no qualifying rows (a DNP, NULL points, a game on D, one 61 days before).
  const PlayerGameHistory h = history_of({{"2024-11-20", "LAL", 30, 2000},
                                          {"2025-01-10", "LAL", 0, 2000, kNull},
                                          {"2025-01-12", "LAL", kNull, 2000},
                                          {"2025-01-20", "LAL", 25, 2000}});
  EXPECT_FALSE(mlfs::rolling_stats(h.players[0], kG1Date).has_value());
  // 60 days before D is inside the window.
  const PlayerGameHistory edge = history_of({{"2024-11-21", "LAL", 30, 2000}});
  ASSERT_TRUE(mlfs::rolling_stats(edge.players[0], kG1Date).has_value());
}

TEST(MlfsV2OpponentHistory, GoldenCaseG6) {
  // Against BOS in the last year: 24, a DNP without points, 18; another opponent and an older game do not count.
  const Day d = *parse_iso_date("2025-03-01");
  const PlayerGameHistory h = history_of({{"2024-02-28", "LAL", 40, 2000, 300, "BOS"},
                                          {"2024-03-01", "LAL", 24, 2000, 300, "BOS"},
                                          {"2024-11-02", "LAL", kNull, kNull, kNull, "BOS"},
                                          {"2025-01-05", "LAL", 18, 2000, 300, "BOS"},
                                          {"2025-02-10", "LAL", 33, 2000, 300, "NYK"}});
  const auto bos = mlfs::opponent_history(h.players[0], h.team_id("BOS"), d);
  EXPECT_EQ(bos.games, 3);
  EXPECT_EQ(bos.avg_points, 21.0);
  const auto mia = mlfs::opponent_history(h.players[0], h.team_id("MIA"), d);
  EXPECT_EQ(mia.games, 0);
  EXPECT_TRUE(std::isnan(mia.avg_points));
  EXPECT_EQ(mlfs::one_year_before(*parse_iso_date("2024-02-29")), *parse_iso_date("2023-02-28"));
}

TEST(MlfsV2MinutesPpm, GoldenCaseG6) {
  const Day d = *parse_iso_date("2025-03-01");
  // Played in the last 30 days: (20, 30.0), (10, 25.0), (0, 12.5); a DNP and an older game do not count.
  const PlayerGameHistory h = history_of({{"2025-01-29", "LAL", 40, 2000, 400},
                                          {"2025-02-05", "LAL", 20, 2000, 300},
                                          {"2025-02-10", "LAL", 0, 2000, kNull},
                                          {"2025-02-15", "LAL", 10, 2000, 250},
                                          {"2025-02-27", "LAL", 0, 2000, 125}});
  const auto m = mlfs::minutes_ppm(h.players[0], d);
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->minutes_avg, 22.5);
  EXPECT_EQ(m->ppm_avg, 0.355555556);  // quotients 0.666666667, 0.4, 0 [N9], then their mean [N9]
  const PlayerGameHistory none = history_of({{"2025-01-20", "LAL", 20, 2000, 300}});
  EXPECT_FALSE(mlfs::minutes_ppm(none.players[0], d).has_value());
  const PlayerGameHistory no_points = history_of({{"2025-02-20", "LAL", kNull, 2000, 300}});
  const auto np = mlfs::minutes_ppm(no_points.players[0], d);
  ASSERT_TRUE(np.has_value());
  EXPECT_EQ(np->minutes_avg, 30.0);
  EXPECT_TRUE(std::isnan(np->ppm_avg));
}

namespace {
// The last-10 list as HEAD holds it: newest first. `points` kNull = NULL; is_dnp 1, 0 or kNull.
std::vector<PlayerGame> last_games(const std::vector<std::pair<std::int64_t, std::int64_t>>& points_and_dnp) {
  std::vector<PlayerGame> out;
  for (const auto& [points, dnp] : points_and_dnp) {
    PlayerGame g{};
    g.points = points;
    g.is_dnp = dnp;
    out.push_back(g);
  }
  return out;
}
std::vector<const PlayerGame*> pointers(const std::vector<PlayerGame>& games) {
  std::vector<const PlayerGame*> out;
  for (const auto& g : games) out.push_back(&g);
  return out;
}
}  // namespace

TEST(MlfsV2Trajectory, DnpRateCountsOnlyRowsMarkedDnp) {
  const auto ten = last_games({{0, 1}, {12, 0}, {0, 1}, {8, kNull}, {0, 1}, {9, 0}, {10, 0}, {11, 0}, {7, 0}, {6, 0}});
  EXPECT_EQ(mlfs::dnp_rate(pointers(ten)), 0.3);
  const auto seven = last_games({{0, 1}, {1, 0}, {2, 0}, {3, 0}, {4, 0}, {5, 0}, {6, 0}});
  EXPECT_EQ(mlfs::dnp_rate(pointers(seven)), 0.142857143);  // round(1/7, 9)
  EXPECT_EQ(mlfs::dnp_rate(pointers(last_games({{0, 1}, {0, 1}}))), 0.0);  // fewer than 3 rows
}

TEST(MlfsV2Trajectory, SlopeOverTheLastTenInDateOrder) {
  // Newest first 10, 8, 6, 4, 2: two points more each game.
  EXPECT_EQ(mlfs::points_slope_10g(pointers(last_games({{10, 0}, {8, 0}, {6, 0}, {4, 0}, {2, 0}}))), 2.0);
  // Newest first 5, NULL (as 0), 9, 3, 7, 1: in date order 1, 7, 3, 9, 0, 5.
  EXPECT_EQ(mlfs::points_slope_10g(pointers(last_games({{5, 0}, {kNull, 1}, {9, 0}, {3, 0}, {7, 0}, {1, 0}}))),
            0.142857143);
  EXPECT_EQ(mlfs::points_slope_10g(pointers(last_games({{10, 0}, {8, 0}, {6, 0}, {4, 0}}))), 0.0);  // fewer than 5
}

TEST(MlfsV2Trajectory, ZScoreAndBreakoutFollowPythonsNoneAndNaN) {
  EXPECT_EQ(mlfs::points_vs_season_zscore(20.0, 15.0, 2.0), 2.5);
  EXPECT_EQ(mlfs::points_vs_season_zscore(30.0, 15.0, 2.0), 3.0);   // clamped
  EXPECT_EQ(mlfs::points_vs_season_zscore(5.0, 15.0, 2.0), -3.0);
  EXPECT_EQ(mlfs::points_vs_season_zscore(20.0, 15.0, 0.0), 0.0);   // sd == 0
  EXPECT_EQ(mlfs::points_vs_season_zscore(std::nullopt, 15.0, 2.0), 0.0);
  EXPECT_EQ(mlfs::points_vs_season_zscore(20.0, 15.0, std::nan("")), 3.0);  // max(-3, min(3, NaN)) = 3 (A3)
  EXPECT_EQ(mlfs::points_vs_season_zscore(20.0, 15.0, 3.0), 1.666666667);
  EXPECT_EQ(mlfs::breakout_flag(20.0, 15.0, 2.0), 1.0);   // 20 > 15 + 3
  EXPECT_EQ(mlfs::breakout_flag(18.0, 15.0, 2.0), 0.0);   // not strictly above
  EXPECT_EQ(mlfs::breakout_flag(20.0, 15.0, 0.0), 1.0);   // no sd == 0 exclusion
  EXPECT_EQ(mlfs::breakout_flag(std::nullopt, 15.0, 2.0), 0.0);
  EXPECT_EQ(mlfs::breakout_flag(20.0, 15.0, std::nan("")), 0.0);
}
