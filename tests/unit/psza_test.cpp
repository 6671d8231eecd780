// Golden cases of spec processors-tdza-psza-pdc.md section 6.4, decision 2
// (numpy vs Python rounding) and edge cases of section 3.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include <cstring>

#include "player_fixtures.hpp"
#include "calendar/season_calendar.hpp"
#include "core/rounding.hpp"
#include "engine/unit_output.hpp"
#include "phase3/phase3_import.hpp"
#include "processors/psza.hpp"
#include "synth/league_model.hpp"
#include "synth/phase3_writer.hpp"
#include "test_support.hpp"

using namespace nba;
using test::ShotLine;

namespace {

const Day kD = *parse_iso_date("2025-01-27");
const Day kOpening = *parse_iso_date("2024-10-22");

psza::Row only_row(const std::vector<PlayerGame>& games) {
  PlayerGameHistory h{{{"player", games}}};
  const auto r = psza::compute(h, kD, kOpening);
  EXPECT_EQ(r.rows.size(), 1u);
  EXPECT_TRUE(r.failures.empty());
  return r.rows.at(0);
}

struct Expected {
  double rates[3], pcts[3], per_game[3], assisted, unassisted, total;
  const char* zone;
};

void expect_row(const psza::Row& r, const Expected& e) {
  EXPECT_EQ(r.paint_rate_last_10, e.rates[0]);
  EXPECT_EQ(r.mid_range_rate_last_10, e.rates[1]);
  EXPECT_EQ(r.three_pt_rate_last_10, e.rates[2]);
  EXPECT_EQ(r.paint_pct_last_10, e.pcts[0]);
  EXPECT_EQ(r.mid_range_pct_last_10, e.pcts[1]);
  EXPECT_EQ(r.three_pt_pct_last_10, e.pcts[2]);
  EXPECT_EQ(r.paint_attempts_per_game, e.per_game[0]);
  EXPECT_EQ(r.mid_range_attempts_per_game, e.per_game[1]);
  EXPECT_EQ(r.three_pt_attempts_per_game, e.per_game[2]);
  EXPECT_EQ(r.assisted_rate_last_10, e.assisted);
  EXPECT_EQ(r.unassisted_rate_last_10, e.unassisted);
  EXPECT_EQ(r.total_shots_last_10, e.total);
  EXPECT_EQ(r.primary_scoring_zone, e.zone);
}

}  // namespace

TEST(PszaGolden, TenGamePlayers) {
  struct Case {
    const char* name;
    ShotLine line;
    Expected want;
  };
  const Case cases[] = {
      {"unit LeBron", {8, 5, 4, 2, 6, 2, 9, 6, 3},
       {{44.44, 22.22, 33.33}, {0.625, 0.5, 0.333}, {8, 4, 6}, 66.67, 33.33, 180, "paint"}},
      {"integ LeBron", {8, 5, 4, 2, 6, 2, 9, 5, 3},
       {{44.44, 22.22, 33.33}, {0.625, 0.5, 0.333}, {8, 4, 6}, 55.56, 33.33, 180, "paint"}},
      {"Curry", {3, 2, 2, 1, 13, 5, 8, 4, 3},
       {{16.67, 11.11, 72.22}, {0.667, 0.5, 0.385}, {3, 2, 13}, 50.0, 37.5, 180, "perimeter"}},
      {"Embiid", {12, 7, 3, 1, 2, 1, 9, 5, 3},
       {{70.59, 17.65, 11.76}, {0.583, 0.333, 0.5}, {12, 3, 2}, 55.56, 33.33, 170, "paint"}},
      {"goodplayer", {8, 5, 3, 1, 7, 3, 9, 6, 3},
       {{44.44, 16.67, 38.89}, {0.625, 0.333, 0.429}, {8, 3, 7}, 66.67, 33.33, 180, "paint"}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    const auto r = only_row(test::repeated_games(kD, 10, c.line));
    expect_row(r, c.want);
    EXPECT_EQ(r.games_in_sample_10, 10);
    EXPECT_EQ(r.sample_quality_10, "excellent");
    EXPECT_EQ(r.data_quality_tier, "high");
    EXPECT_FALSE(r.early_season_flag);
    EXPECT_EQ(r.games_in_sample_20, 10);
    EXPECT_EQ(r.sample_quality_20, "limited");
    EXPECT_TRUE(std::isnan(r.paint_rate_last_20));  // fewer than 15 games
    EXPECT_TRUE(std::isnan(r.paint_pct_last_20));
  }
}

TEST(PszaGolden, SingleGameRecord) {
  const auto games = test::repeated_games(kD, 1, {10, 6, 5, 2, 8, 3, 11, 8, 3});
  const auto r = psza::build_row("p", {&games[0]}, kD, 10).row.value();
  expect_row(r, {{43.48, 21.74, 34.78}, {0.6, 0.4, 0.375}, {10, 5, 8}, 72.73, 27.27, 23, "paint"});
}

TEST(PszaGolden, VariedGames) {
  std::vector<PlayerGame> games;
  for (int i = 1; i <= 10; ++i)
    games.insert(games.begin(), test::shot_game(kD - i, i % 2 ? ShotLine{10, 6, 1, 0, 3, 1, 8, 6, 2}
                                                              : ShotLine{2, 1, 1, 0, 3, 1, 2, 2, 0}));
  expect_row(only_row(games), {{60.0, 10.0, 30.0}, {0.583, 0.0, 0.333}, {6.0, 1.0, 3.0}, 80.0, 20.0, 100, "paint"});
}

TEST(PszaGolden, NoMidRangeAttemptsAllMadeAndNoneMade) {
  auto r = only_row(test::repeated_games(kD, 10, {8, 5, 0, 0, 6, 2, 7, 4, 3}));
  EXPECT_TRUE(std::isnan(r.mid_range_pct_last_10));
  EXPECT_EQ(r.mid_range_attempts_per_game, 0.0);
  EXPECT_EQ(r.paint_rate_last_10 + r.three_pt_rate_last_10, 100.0);

  r = only_row(test::repeated_games(kD, 10, {8, 8, 4, 4, 6, 6, 18, 9, 9}));
  EXPECT_EQ(r.paint_pct_last_10, 1.0);
  EXPECT_EQ(r.mid_range_pct_last_10, 1.0);
  EXPECT_EQ(r.three_pt_pct_last_10, 1.0);

  r = only_row(test::repeated_games(kD, 10, {8, 0, 4, 0, 6, 0, 0, 0, 0}));
  EXPECT_EQ(r.paint_pct_last_10, 0.0);
  EXPECT_EQ(r.three_pt_pct_last_10, 0.0);
  EXPECT_TRUE(std::isnan(r.assisted_rate_last_10));
  EXPECT_TRUE(std::isnan(r.unassisted_rate_last_10));
}

TEST(PszaGolden, FiveGamePlayerFailsTenGamePlayerSucceeds) {
  PlayerGameHistory h{{{"a_five", test::repeated_games(kD, 5, {8, 5, 4, 2, 6, 2, 9, 6, 3})},
                       {"b_ten", test::repeated_games(kD, 10, {8, 5, 4, 2, 6, 2, 9, 6, 3})}}};
  const auto r = psza::compute(h, kD, kOpening);
  ASSERT_EQ(r.rows.size(), 1u);
  EXPECT_EQ(r.rows[0].player_lookup, "b_ten");
  ASSERT_EQ(r.failures.size(), 1u);
  EXPECT_EQ(r.failures[0].entity, "a_five");
  EXPECT_EQ(r.failures[0].category, "EXPECTED_INCOMPLETE");
  EXPECT_EQ(r.failures[0].reason, "Season bootstrap: 5/5 games (need 10)");
  EXPECT_EQ(r.entities, 2);
}

TEST(PszaGolden, PrimaryZone) {
  struct Z {
    double p, m, t;
    const char* zone;
  };
  const double n = std::nan("");
  for (const Z& z : {Z{45, 20, 35, "paint"}, Z{40, 25, 35, "paint"}, Z{25, 15, 60, "perimeter"},
                     Z{35, 25, 40, "perimeter"}, Z{30, 40, 30, "mid_range"}, Z{35, 30, 35, "balanced"},
                     Z{30, 35, 35, "mid_range"}, Z{35, 25, 38, "balanced"}, Z{33.3, 33.3, 33.4, "balanced"},
                     Z{45, 10, 45, "paint"}, Z{n, n, n, ""}, Z{0, 0, 0, ""}})
    EXPECT_EQ(psza::primary_scoring_zone(z.p, z.m, z.t), z.zone) << z.p << "/" << z.m << "/" << z.t;
}

TEST(PszaGolden, SampleQuality) {
  for (int g : {10, 12}) EXPECT_EQ(psza::sample_quality(g, 10), "excellent");
  for (int g : {7, 8, 9}) EXPECT_EQ(psza::sample_quality(g, 10), "good");
  for (int g : {5, 6}) EXPECT_EQ(psza::sample_quality(g, 10), "limited");
  for (int g : {4, 1, 0}) EXPECT_EQ(psza::sample_quality(g, 10), "insufficient");
  for (int g : {20, 25}) EXPECT_EQ(psza::sample_quality(g, 20), "excellent");
  for (int g : {14, 15, 19}) EXPECT_EQ(psza::sample_quality(g, 20), "good");
  for (int g : {10, 13}) EXPECT_EQ(psza::sample_quality(g, 20), "limited");
  for (int g : {9, 0}) EXPECT_EQ(psza::sample_quality(g, 20), "insufficient");
}

TEST(Psza, DynamicMinimumAndEarlySeasonFlag) {
  EXPECT_EQ(psza::min_games_required(14), 7);
  EXPECT_EQ(psza::min_games_required(17), 8);
  EXPECT_EQ(psza::min_games_required(21), 9);
  EXPECT_EQ(psza::min_games_required(22), 10);
  // 16 days after opening night: 8 games suffice and the row is flagged early-season.
  const Day d = kOpening + 16;
  PlayerGameHistory h{{{"p", {}}}};
  for (int i = 8; i >= 1; --i) h.players[0].games.push_back(test::shot_game(d - i, {8, 5, 4, 2, 6, 2, 9, 6, 3}));
  h.build_index();
  const auto r = psza::compute(h, d, kOpening);
  ASSERT_EQ(r.rows.size(), 1u);
  EXPECT_TRUE(r.rows[0].early_season_flag);
  EXPECT_EQ(r.rows[0].sample_quality_10, "good");
}

TEST(Psza, Decision2RoundingDependsOnNullsInTheExtractedRows) {
  // 37/80 paint: numpy rounds to 0.462, Python to 0.463.
  std::vector<PlayerGame> games;
  for (int i = 10; i >= 1; --i)
    games.push_back(test::shot_game(kD - i, i == 1 ? ShotLine{8, 1, 4, 2, 6, 2, 5, 3, 2} : ShotLine{8, 4, 4, 2, 6, 2, 8, 5, 3}));
  EXPECT_EQ(only_row(games).paint_pct_last_10, 0.462);
  // Older extracted rows (11..20) with NULL paint columns make pandas sum Python objects.
  auto with_nulls = games;
  for (int i = 11; i <= 20; ++i) {  // inserted at the front: oldest ends up first
    auto g = test::shot_game(kD - i, {8, 4, 4, 2, 6, 2, 8, 5, 3});
    g.paint_attempts = g.paint_makes = kNull;
    with_nulls.insert(with_nulls.begin(), g);
  }
  const auto r = only_row(with_nulls);
  EXPECT_EQ(r.paint_pct_last_10, 0.463);
  EXPECT_EQ(r.games_in_sample_20, 20);
}

TEST(Psza, NullZoneDataGivesNullRatesNotZero) {
  // A 2021-22-like player: box-score threes but no zone columns.
  auto games = test::repeated_games(kD, 10, {0, 0, 0, 0, 6, 2, 7, 4, 3});
  for (auto& g : games) g.paint_attempts = g.paint_makes = g.mid_range_attempts = g.mid_range_makes = kNull;
  const auto r = only_row(games);
  EXPECT_TRUE(std::isnan(r.paint_rate_last_10));
  EXPECT_TRUE(std::isnan(r.three_pt_rate_last_10));
  EXPECT_TRUE(std::isnan(r.paint_pct_last_10));
  EXPECT_EQ(r.three_pt_pct_last_10, 0.333);
  EXPECT_EQ(r.paint_attempts_per_game, 0.0);
  EXPECT_EQ(r.total_shots_last_10, 60);
  EXPECT_TRUE(std::isnan(r.assisted_rate_last_10));
  EXPECT_EQ(r.primary_scoring_zone, "");
}

TEST(Psza, ZeroAttemptsEverywhere) {
  auto games = test::repeated_games(kD, 10, {0, 0, 0, 0, 0, 0, 0, 0, 0});
  for (auto& g : games) g.fg_attempts = 0;  // still qualifies through minutes > 0
  const auto r = only_row(games);
  EXPECT_TRUE(std::isnan(r.total_shots_last_10));
  EXPECT_TRUE(std::isnan(r.paint_rate_last_10));
  EXPECT_EQ(r.primary_scoring_zone, "");
}

TEST(Psza, QualifyingFilterAndSeasonBound) {
  auto games = test::repeated_games(kD, 10, {8, 5, 4, 2, 6, 2, 9, 6, 3});
  auto inactive = test::shot_game(kD - 1, {20, 20, 0, 0, 0, 0, 20, 0, 0});
  inactive.is_active = 0;
  auto idle = test::shot_game(kD - 3, {20, 20, 0, 0, 0, 0, 20, 0, 0});
  idle.minutes_x10 = kNull, idle.fg_attempts = kNull;  // SQL: NULL > 0 is not true
  auto last_season = test::shot_game(kOpening - 30, {20, 20, 0, 0, 0, 0, 20, 0, 0});
  auto on_d = test::shot_game(kD, {20, 20, 0, 0, 0, 0, 20, 0, 0});
  games.insert(games.begin(), last_season);
  games.push_back(inactive);
  games.push_back(on_d);
  sort_player_games(games);
  const auto r = only_row(games);
  EXPECT_EQ(r.paint_pct_last_10, 0.625);
  EXPECT_EQ(r.games_in_sample_20, 10);
}

TEST(Psza, TiesOnADateAreOrderedByGameIdWhateverTheInputOrder) {
  // Nine newer games, then two rows on one older date: the window of 10 takes
  // the one with the smaller game_id (newest first, game_id ascending).
  std::vector<PlayerGame> games = test::repeated_games(kD, 9, {8, 5, 4, 2, 6, 2, 9, 6, 3});
  const Day tie = kD - 30;
  games.push_back(test::shot_game(tie, {8, 8, 4, 2, 6, 2, 12, 6, 6}, "20250101_AAA_BBB"));
  games.push_back(test::shot_game(tie, {8, 0, 4, 2, 6, 2, 4, 2, 2}, "20250101_ZZZ_YYY"));
  auto shuffled = games;
  std::reverse(shuffled.begin(), shuffled.end());
  sort_player_games(games);
  sort_player_games(shuffled);
  const auto a = only_row(games), b = only_row(shuffled);
  EXPECT_EQ(a.paint_pct_last_10, numpy_round(53.0 / 80.0, 3));  // the AAA row (8/8) is in the window
  EXPECT_NE(a.paint_pct_last_10, numpy_round(45.0 / 80.0, 3));  // not the ZZZ row (8/0)
  EXPECT_EQ(a.paint_pct_last_10, b.paint_pct_last_10);
  EXPECT_EQ(a.games_in_sample_20, 11);
}

TEST(Psza, TradedPlayerKeepsOneRowWithTheNewestUniversalId) {
  auto games = test::repeated_games(kD, 10, {8, 5, 4, 2, 6, 2, 9, 6, 3});
  for (std::size_t i = 0; i < 5; ++i) games[i].team_abbr = "BOS";
  games.back().universal_player_id = "nba_1_newest";
  const auto r = only_row(games);
  EXPECT_EQ(r.universal_player_id, "nba_1_newest");
  EXPECT_EQ(r.games_in_sample_10, 10);
}

// The memo (psza::Memo) may only skip work, never change a row: every date of a
// synthetic season, computed in order with one memo, must equal the same date
// computed alone. Players rest between games, so most dates reuse rows.
TEST(PszaMemo, ConsecutiveDatesWithAMemoEqualEachDateAlone) {
  test::TempDir dir;
  synth::write_phase3_csv(synth::generate_league({11, 2023, 1, 1.0}), dir.file("csv"));
  const Phase3Data data = import_phase3_dir(dir.file("csv")).data;
  const PlayerGameHistory history = build_player_game_history(data);
  const SeasonCalendar calendar = build_season_calendar(data);
  const auto tables_equal = [](const OutputTable& a, const OutputTable& b) {
    if (a.rows() != b.rows() || a.columns().size() != b.columns().size()) return false;
    for (std::size_t k = 0; k < a.columns().size(); ++k) {
      const OutColumn &x = a.columns()[k], &y = b.columns()[k];
      const bool same = x.name == y.name && x.fixed == y.fixed && x.i64 == y.i64 && x.f64.size() == y.f64.size() &&
                        std::equal(x.f64.begin(), x.f64.end(), y.f64.begin(),
                                   [](double p, double q) { return std::memcmp(&p, &q, sizeof p) == 0; });
      if (!same) return false;
    }
    return true;
  };
  psza::Memo memo;
  std::size_t dates = 0, rows = 0, failures = 0;
  for (Day d : calendar.game_dates()) {
    const Day opening = calendar.opening_night(season_year_of(d));
    const psza::Result alone = psza::compute(history, d, opening);
    const psza::Result memoized = psza::compute(history, d, opening, &memo);
    ASSERT_EQ(memoized.entities, alone.entities) << format_iso_date(d);
    ASSERT_TRUE(tables_equal(psza::to_table(memoized.rows), psza::to_table(alone.rows))) << format_iso_date(d);
    ASSERT_TRUE(tables_equal(failures_table(memoized.failures), failures_table(alone.failures))) << format_iso_date(d);
    ++dates, rows += alone.rows.size(), failures += alone.failures.size();
  }
  // The memo also serves dates out of order (it then searches the range anew):
  // every seventh date again, newest first, with the memo of the whole season.
  const std::vector<Day> all_dates(calendar.game_dates().begin(), calendar.game_dates().end());
  for (std::size_t i = all_dates.size(); i > 0; i -= std::min<std::size_t>(i, 7)) {
    const Day d = all_dates[i - 1];
    const Day opening = calendar.opening_night(season_year_of(d));
    const psza::Result alone = psza::compute(history, d, opening);
    const psza::Result memoized = psza::compute(history, d, opening, &memo);
    ASSERT_TRUE(tables_equal(psza::to_table(memoized.rows), psza::to_table(alone.rows))) << format_iso_date(d);
    ASSERT_TRUE(tables_equal(failures_table(memoized.failures), failures_table(alone.failures))) << format_iso_date(d);
  }
  // The season was really exercised: rows and bootstrap failures on many dates.
  EXPECT_GT(dates, 150u);
  EXPECT_GT(rows, 50000u);
  EXPECT_GT(failures, 100u);
}
