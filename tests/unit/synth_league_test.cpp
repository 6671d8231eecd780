// The synthetic league is the project's embedded default input: check that it
// is deterministic and looks like an NBA league where the processors care.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "phase3/phase3_import.hpp"
#include "synth/league_model.hpp"
#include "synth/phase3_writer.hpp"
#include "test_support.hpp"

using namespace nba;

namespace {
const synth::League& league() {
  static const synth::League lg = synth::generate_league({7, 2023, 2, 1.0});
  return lg;
}
}  // namespace

TEST(SynthLeague, ThirtyTeamsEightyTwoGamesRealisticCalendar) {
  const auto& lg = league();
  ASSERT_EQ(lg.teams.size(), 30u);
  std::map<std::pair<int, int>, int> games_per_team;  // (season, team)
  std::map<int, Day> opener, last_regular;
  std::map<int, int> playoff_games;
  for (const auto& g : lg.games) {
    if (!g.regular_season) {
      ++playoff_games[g.season_year];
      continue;
    }
    ++games_per_team[{g.season_year, g.home}];
    ++games_per_team[{g.season_year, g.away}];
    if (!opener.count(g.season_year) || g.date < opener[g.season_year]) opener[g.season_year] = g.date;
    last_regular[g.season_year] = std::max(last_regular[g.season_year], g.date);
  }
  for (const auto& [key, n] : games_per_team) EXPECT_EQ(n, 82) << key.first << " team " << key.second;
  for (const auto& [season, d] : opener) {
    const CivilDate c = civil_from_day(d);
    EXPECT_EQ(c.month, 10);
    EXPECT_GE(c.day, 18);  // late October
    EXPECT_GE(playoff_games[season], 15 * 4);  // 15 series of at least 4 games
    EXPECT_EQ(civil_from_day(last_regular[season]).month, 4);
  }
}

TEST(SynthLeague, HasBackToBacksAnAllStarGapAndRosterSizes) {
  const auto& lg = league();
  std::map<int, std::set<Day>> team_dates;
  std::set<Day> regular_days;
  for (const auto& g : lg.games) {
    if (g.season_year != 2023 || !g.regular_season) continue;
    team_dates[g.home].insert(g.date);
    team_dates[g.away].insert(g.date);
    regular_days.insert(g.date);
  }
  int back_to_backs = 0;
  for (const auto& [team, dates] : team_dates)
    for (Day x : dates) back_to_backs += dates.count(x + 1) ? 1 : 0;
  EXPECT_GT(back_to_backs, 30 * 8);
  int longest_gap = 0;
  for (auto it = std::next(regular_days.begin()); it != regular_days.end(); ++it)
    longest_gap = std::max(longest_gap, *it - *std::prev(it));
  EXPECT_GE(longest_gap, 5);  // All-Star break

  std::map<std::pair<std::size_t, int>, std::set<int>> roster;  // (game, team) -> players
  int dnp = 0;
  for (const auto& pl : lg.player_lines) {
    roster[{pl.game, pl.team}].insert(pl.player);
    dnp += pl.active ? 0 : 1;
  }
  for (const auto& [k, players] : roster) {
    EXPECT_GE(players.size(), 13u);
    EXPECT_LE(players.size(), 17u);
  }
  EXPECT_GT(dnp, 0);
}

TEST(SynthLeague, MinutesPointsAndZonesAreBoxScoreConsistent) {
  const auto& lg = league();
  std::map<std::pair<std::size_t, int>, std::int64_t> minutes;
  for (const auto& pl : lg.player_lines) {
    if (!pl.active) continue;
    minutes[{pl.game, pl.team}] += pl.minutes_x10;
    EXPECT_EQ(pl.points, 2 * (pl.paint_m + pl.mid_m) + 3 * pl.fg3m + pl.ftm);
    EXPECT_EQ(pl.fga, pl.paint_a + pl.mid_a + pl.fg3a);
    EXPECT_LE(pl.fgm, pl.fga);
    EXPECT_LE(pl.ftm, pl.fta);
  }
  for (const auto& tl : lg.team_lines) {
    const double team_minutes = static_cast<double>(minutes[{tl.game, tl.team}]) / 10.0;
    EXPECT_NEAR(team_minutes, tl.minutes, 3.0);
    const int overtimes = lg.games[tl.game].overtimes;
    EXPECT_GT(tl.points, 60);
    EXPECT_LT(tl.points, 175 + 15 * overtimes);
    EXPECT_EQ(tl.minutes, 240 + 25 * overtimes);
  }
}

TEST(SynthLeague, SameSeedSameInputDifferentSeedDifferentInput) {
  test::TempDir dir;
  auto fingerprint = [&](std::uint64_t seed, const char* sub) {
    const auto out = dir.file(sub);
    synth::write_phase3_csv(synth::generate_league({seed, 2023, 1, 1.0}), out);
    return compute_fingerprint(import_phase3_dir(out).data);
  };
  const auto a = fingerprint(11, "a"), b = fingerprint(11, "b"), c = fingerprint(12, "c");
  EXPECT_EQ(a, b);
  EXPECT_NE(a, c);
}
